// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>

#include "core/grid.hpp"
#include "emissions/inventory.hpp"

namespace airshed {

/// A CF NetCDF file of annual-mean gridded emissions (docs/emission-inputs.md, "Gridded emissions"):
/// 2-D (y, x) variables named by pollutant in kg m-2 s-1 on projected x/y coordinates of the model
/// projection, covering a sub-window of the model grid with its spacing and cell alignment. The window is
/// placed into (nx, ny) arrays of the model grid, zero elsewhere. Global attributes give the SourceInfo
/// (id = the path). Throws InputError "<path>: ..." naming the variable.
emis::GriddedSource read_gridded_emissions(const std::string& path, const Grid& grid);

}  // namespace airshed
