// SPDX-License-Identifier: Apache-2.0
#include "core/solar.hpp"

#include <cmath>
#include <cstdint>

#include "core/constants.hpp"

namespace airshed {

double cos_solar_zenith(LonLat where, UtcTime when, double seconds_after) {
  using constants::pi;
  // Fractional year (rad) of Spencer (1971) as used in the NOAA solar calculator notes. NOAA takes it from
  // the calendar day of year, but the Gregorian calendar drifts against the seasons (by 0.78 day per century
  // between the 1900 and 2100 exceptions, plus the leap-year cycle), which put the declination off by up to
  // 0.44 deg in 2026 against Meeus (1998). It is taken instead from elapsed time in tropical years
  // (365.2422 d) since 2000-01-01T00:00Z, the phase origin that fits Meeus best: the zenith angle then agrees
  // with Meeus within 0.18 deg over 1960-2100.
  const std::int64_t day = (when.seconds >= 0 ? when.seconds : when.seconds - 86399) / 86400;  // floor
  const double seconds_of_day = static_cast<double>(when.seconds - day * 86400) + seconds_after;
  const double days_since_2000 =
      static_cast<double>(day - days_from_civil(2000, 1, 1)) + seconds_of_day / 86400.0;
  const double years = days_since_2000 / 365.2422;
  const double g = 2.0 * pi * (years - std::floor(years));
  const double decl = 0.006918 - 0.399912 * std::cos(g) + 0.070257 * std::sin(g) -
                      0.006758 * std::cos(2 * g) + 0.000907 * std::sin(2 * g) - 0.002697 * std::cos(3 * g) +
                      0.00148 * std::sin(3 * g);
  const double eqtime_min = 229.18 * (0.000075 + 0.001868 * std::cos(g) - 0.032077 * std::sin(g) -
                                      0.014615 * std::cos(2 * g) - 0.040849 * std::sin(2 * g));
  const double true_solar_minutes = seconds_of_day / 60.0 + eqtime_min + 4.0 * where.lon;
  const double hour_angle = (true_solar_minutes / 4.0 - 180.0) * pi / 180.0;
  const double lat = where.lat * pi / 180.0;
  return std::sin(lat) * std::sin(decl) + std::cos(lat) * std::cos(decl) * std::cos(hour_angle);
}

double cos_solar_zenith(LonLat where, UtcTime when) {
  return cos_solar_zenith(where, when, 0.0);
}

}  // namespace airshed
