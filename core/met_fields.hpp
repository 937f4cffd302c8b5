// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "core/array.hpp"

namespace airshed {

/// Meteorology at one instant as a CF file holds it: cell-centred fields on some grid (nx, ny, nz),
/// winds earth-relative, SI units. Optional fields are empty arrays when the source lacks them.
/// `make-met` produces these; the CF writer writes them; readers build MetFields from them.
struct MetRecord {
  Array3 eastward_wind;          ///< (nx, ny, nz) m s-1
  Array3 northward_wind;         ///< (nx, ny, nz) m s-1
  Array3 upward_air_velocity;    ///< (nx, ny, nz) m s-1, optional
  Array3 air_temperature;        ///< (nx, ny, nz) K
  Array3 air_pressure;           ///< (nx, ny, nz) Pa
  Array3 humidity_mixing_ratio;  ///< (nx, ny, nz) kg kg-1 (water vapour / dry air)
  Array3 kz;                     ///< (nx, ny, nz+1) m2 s-1 at layer interfaces, optional
  Array2 pbl_height;             ///< (nx, ny) m
  Array2 friction_velocity;      ///< (nx, ny) m s-1
  Array2 shortwave_down;         ///< (nx, ny) W m-2 at the surface
  Array2 sensible_heat_flux;     ///< (nx, ny) W m-2, upward positive, optional
};

/// Meteorology at one instant on the *model* grid, in the form the operators use:
/// winds grid-relative on an Arakawa C staggering (u on x-faces, v on y-faces, w on layer interfaces),
/// scalars at cell centres. All SI. Optional fields are empty when absent.
struct MetFields {
  Array3 u;                   ///< (nx+1, ny, nz) grid-relative x-velocity on x-faces, m s-1
  Array3 v;                   ///< (nx, ny+1, nz) grid-relative y-velocity on y-faces, m s-1
  Array3 w;                   ///< (nx, ny, nz+1) upward velocity on layer interfaces, m s-1, optional
  Array3 temperature;         ///< (nx, ny, nz) K
  Array3 pressure;            ///< (nx, ny, nz) Pa
  Array3 humidity;            ///< (nx, ny, nz) water-vapour mixing ratio kg kg-1
  Array3 kz;                  ///< (nx, ny, nz+1) vertical eddy diffusivity on interfaces, m2 s-1, optional
  Array2 pbl_height;          ///< (nx, ny) m
  Array2 friction_velocity;   ///< (nx, ny) m s-1
  Array2 shortwave_down;      ///< (nx, ny) W m-2
  Array2 sensible_heat_flux;  ///< (nx, ny) W m-2, optional
  Array2 precipitation_rate;  ///< (nx, ny) kg m-2 s-1, optional (wet scavenging)
  Array2 cloud_fraction;      ///< (nx, ny) total cloud cover 0..1, optional
};

}  // namespace airshed
