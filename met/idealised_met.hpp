// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "core/grid.hpp"
#include "core/met_fields.hpp"
#include "core/projection.hpp"
#include "core/time.hpp"

namespace airshed {

/// Parameters of the idealised meteorology `airshed make-met` writes. Defaults describe a clear late-autumn
/// day on the Ordos plateau (~1,300 m a.s.l.); see docs/inputs.md for the formulas.
struct IdealisedMetParams {
  double wind_speed_10m = 3.5;                 ///< m s-1, at 10 m above ground
  double wind_from_direction = 300.0;          ///< deg, meteorological (from which the wind blows), at 10 m
  double wind_veering = 25.0;                  ///< deg, clockwise turning from the surface to the PBL top
  double roughness_length = 0.3;               ///< m, suburban/plateau
  double surface_temperature_mean = 276.0;     ///< K, daily mean at 2 m
  double surface_temperature_amplitude = 7.0;  ///< K, half the diurnal range, peak at 15 local solar time
  double lapse_rate = 0.0065;                  ///< K m-1 above the surface
  double surface_pressure = 86500.0;           ///< Pa (plateau at ~1,300 m)
  double relative_humidity = 0.40;             ///< 1
  double pbl_height_night = 200.0;             ///< m
  double pbl_height_day_max = 1400.0;          ///< m
  double cloud_transmissivity = 0.75;          ///< clear-sky broadband transmissivity of the atmosphere
};

/// The record at time t on `grid` (cell centres, earth-relative winds). Horizontally uniform apart from
/// the sun's position across the grid; wind from a stability-corrected log profile below the PBL top and
/// constant above it; temperature with a lapse rate; pressure hydrostatic from the surface value.
MetRecord idealised_met_record(const Grid& grid, UtcTime t, const IdealisedMetParams& params);

}  // namespace airshed
