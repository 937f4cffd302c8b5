// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

#include "core/grid.hpp"

namespace airshed {

/// A monitoring point whose time series and apportionment tables are written (docs/apportionment-outputs.md).
struct Receptor {
  std::string name;
  double lon = 0.0, lat = 0.0;  ///< degrees east, degrees north
  std::string where;            ///< "<file>:<line>" of its row, for messages
  std::string description;      ///< optional free text
};

/// Receptors from a CSV file (`text` = its contents, `path` names it in messages) with the columns
/// name, lon[degrees_east], lat[degrees_north] and optionally description (the project's CSV rules: `#`
/// comments, quoting, units in brackets; docs/emission-inputs.md). Every problem is one InputError naming
/// "<file>:<line>": a missing column or unit, an unknown column, an empty or duplicate name, a non-numeric
/// longitude or latitude or one out of range (lon in [-180, 360], lat in [-90, 90]), a file without a
/// header or without receptors.
std::vector<Receptor> read_receptors(const std::string& path, const std::string& text);

/// The model cell holding a receptor.
struct ReceptorCell {
  int i = 0, j = 0;  ///< west-east, south-north, from 0 at the south-west corner
};

/// The cell of each receptor (the same order), through grid.projection(). A receptor outside the grid is
/// an InputError at its `where` naming it and how far outside it lies.
std::vector<ReceptorCell> locate_receptors(const Grid& grid, const std::vector<Receptor>& receptors);

}  // namespace airshed
