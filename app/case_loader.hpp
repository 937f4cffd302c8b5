// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

#include "driver/case_definition.hpp"

namespace airshed {

/// Load a case by path or embedded name, apply `--set` style overrides in order, validate, build.
CaseDefinition load_case(const std::string& case_arg, const std::vector<std::string>& overrides);

}  // namespace airshed
