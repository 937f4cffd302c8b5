// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "core/array.hpp"
#include "core/met_fields.hpp"

namespace airshed {

/// Meteorology at one model time with everything the operators derive from it, so no operator recomputes
/// density or diffusivity: interpolated fields plus air density, its tendency, a mass-consistent vertical
/// wind and the Kz actually used.
struct MetState {
  double model_time = 0.0;      ///< s since the run start
  MetFields fields;             ///< interpolated linearly in time between two records
  Array3 air_density;           ///< (nx, ny, nz) molar density of moist air p/(R T), mol m-3
  Array3 air_density_tendency;  ///< (nx, ny, nz) d(air_density)/dt between the records, mol m-3 s-1
  Array3 w;                     ///< (nx, ny, nz+1) vertical velocity from continuity, m s-1
  Array3 kz;                    ///< (nx, ny, nz+1) eddy diffusivity on interfaces, m2 s-1
};

}  // namespace airshed
