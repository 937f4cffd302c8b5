// SPDX-License-Identifier: Apache-2.0
#pragma once

/// Physical constants, SI. Sources: CODATA 2018 for R and k_B; WMO for g; cp of dry air 1004.5 J kg-1 K-1
/// and Rd = 287.0 J kg-1 K-1 as in WRF (wrf-python constants), so WRF-derived fields stay consistent.
namespace airshed::constants {
inline constexpr double pi = 3.14159265358979323846;
inline constexpr double gravity = 9.81;                 // m s-2 (WRF's value)
inline constexpr double gas_constant = 8.314462618;     // J mol-1 K-1
inline constexpr double rd_dry_air = 287.0;             // J kg-1 K-1
inline constexpr double cp_dry_air = 1004.5;            // J kg-1 K-1
inline constexpr double molar_mass_dry_air = 0.0289644; // kg mol-1
inline constexpr double molar_mass_water = 0.01801528;  // kg mol-1
inline constexpr double von_karman = 0.4;
inline constexpr double earth_radius_wrf = 6370000.0;   // m, the sphere WRF assumes
inline constexpr double seconds_per_hour = 3600.0;
}  // namespace airshed::constants
