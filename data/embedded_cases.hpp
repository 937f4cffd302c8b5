// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>

namespace airshed {

/// The text of an embedded file, addressed by its path under data/ ("kangbashi/inventory/points.csv"),
/// or nullptr if there is none.
const char* embedded_file(const std::string& path);
/// The YAML text of an embedded case (data/<name>/case.yaml compiled in), or nullptr if there is none.
const char* embedded_case(const std::string& name);
/// Comma-separated names of the embedded cases.
std::string embedded_case_names();

}  // namespace airshed
