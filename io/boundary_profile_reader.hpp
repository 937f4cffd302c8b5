// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/grid.hpp"

namespace airshed {

/// What a boundary-condition file says about one species: its profile on the model layers in output units.
struct BoundaryProfile {
  std::vector<double> values;  ///< per model layer; ppb for gases, ug m-3 for aerosols
};

/// Read time-invariant lateral/top boundary profiles from a NetCDF file (docs/inputs.md "Boundary
/// conditions"): a coordinate `z` (heights above ground, m, increasing) and one 1-D variable per species,
/// named as the species, with units ppb, ppm, 1 or mol mol-1 (gases) or ug m-3, kg m-3 (aerosols).
/// Values are interpolated linearly in height to the layer mid-points and held constant beyond the ends.
/// Species of `names` absent from the file are absent from the result. Every problem is an InputError
/// "<file>: variable '<name>': <problem>".
std::map<std::string, BoundaryProfile> read_boundary_profiles(const std::string& path, const VerticalLayers& layers,
                                                              const std::vector<std::string>& names,
                                                              const std::vector<bool>& is_gas);

}  // namespace airshed
