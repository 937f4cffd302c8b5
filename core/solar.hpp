// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "core/projection.hpp"
#include "core/time.hpp"

namespace airshed {

/// Cosine of the solar zenith angle at (lon, lat) and UTC time, from the NOAA/Spencer (1971) Fourier
/// series for declination and the equation of time (accuracy ~0.1 deg, ample for photolysis and
/// idealised radiation). Negative at night.
double cos_solar_zenith(LonLat where, UtcTime when);

/// Same with a fractional second offset added to `when` (model time is continuous).
double cos_solar_zenith(LonLat where, UtcTime when, double seconds_after);

}  // namespace airshed
