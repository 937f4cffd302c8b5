// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>

namespace airshed::chem {

/// YAML text of a built-in mechanism (chemistry/mechanisms/<name>.yaml compiled in), or nullptr.
const char* builtin_mechanism_text(const std::string& name);
/// Comma-separated names of the built-in mechanisms.
std::string builtin_mechanism_names();

}  // namespace airshed::chem
