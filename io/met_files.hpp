// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

namespace airshed {

/// Expand a met file argument: a path, or a glob pattern (*, ?, [..] in the file name part) sorted by name;
/// no match is InputError(pattern, "no file matches"). A plain path is returned as given (opening it reports
/// a missing file); an existing file whose name contains wildcard characters is taken literally. Wildcards in
/// the directory part are an InputError. Hidden files (a leading '.') match only a pattern that starts with
/// '.', as in the shell.
std::vector<std::string> expand_met_files(const std::string& pattern_or_path);

/// True when the file's global attributes say it is WRF output (MAP_PROJ and WEST-EAST_GRID_DIMENSION
/// present, or TITLE containing "WRF"); false for anything else readable; InputError when it cannot be
/// opened.
bool is_wrf_file(const std::string& path);

}  // namespace airshed
