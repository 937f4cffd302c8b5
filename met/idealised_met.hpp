// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "core/grid.hpp"
#include "core/met_fields.hpp"
#include "core/projection.hpp"
#include "core/time.hpp"

namespace airshed {

/// Parameters of the idealised meteorology `airshed make-met` writes. Defaults are those of the case file
/// (driver/case_schema.cpp, keys meteorology.*) and describe a clear late-autumn day on the Ordos plateau
/// (~1,300 m a.s.l.); see docs/inputs.md for the formulas.
struct IdealisedMetParams {
  double wind_speed_10m = 3.5;         ///< m s-1, at 10 m in neutral air under the afternoon boundary layer
  double wind_from_direction = 300.0;  ///< deg, meteorological (from which the wind blows), at 10 m
  double wind_veering = 25.0;          ///< deg, clockwise turning from 10 m to the top of the boundary layer
  double roughness_length = 0.3;       ///< m, suburban/plateau
  double surface_temperature_mean = 270.0;     ///< K, daily mean near the ground
  double surface_temperature_amplitude = 6.0;  ///< K, half the diurnal range, peak at 15 local solar time
  double lapse_rate = 0.0065;                  ///< K m-1, of the free atmosphere (standard atmosphere)
  double free_atmosphere_amplitude = 0.5;      ///< K, half the diurnal range of the free atmosphere at 0 m
  double surface_pressure = 86500.0;           ///< Pa (plateau at ~1,300 m)
  double relative_humidity = 0.40;             ///< 1
  double pbl_height_night = 200.0;             ///< m, also the depth of the nocturnal inversion
  double pbl_height_day_max = 1000.0;          ///< m
  double cloud_transmissivity = 0.75;          ///< clear-sky broadband transmissivity of the atmosphere
};

/// The record at time t on `grid` (cell centres, earth-relative winds). Horizontally uniform apart from
/// the sun's position across the grid. Temperature: a free atmosphere with a small diurnal cycle, a
/// well-mixed layer by day, a residual layer and a surface inversion by night, all continuous in time;
/// wind: a stability-dependent surface-layer profile up to the top of the boundary layer and a constant
/// geostrophic-like wind above; pressure hydrostatic from the surface value.
MetRecord idealised_met_record(const Grid& grid, UtcTime t, const IdealisedMetParams& params);

}  // namespace airshed
