// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>
#include <string>

#include "driver/case_definition.hpp"
#include "emissions/emission_model.hpp"

namespace airshed {

/// The text of an input file: "embedded:<case>/<path>" from the files compiled into the program, anything
/// else from disk. Throws InputError "<path>: cannot open" when there is no such file.
std::string read_case_input(const std::string& path);

/// Read the case's inventory and build its emission model (every file and cross-reference checked);
/// nullptr when the case has no inventory. Throws InputError.
std::unique_ptr<emis::EmissionModel> build_emission_model(const CaseDefinition& c);

}  // namespace airshed
