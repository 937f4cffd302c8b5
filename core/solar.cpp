// SPDX-License-Identifier: Apache-2.0
#include "core/solar.hpp"

#include <cmath>

#include "core/constants.hpp"

namespace airshed {

double cos_solar_zenith(LonLat where, UtcTime when, double seconds_after) {
  using constants::pi;
  const CivilTime c = to_civil(when);
  const double day_of_year = static_cast<double>(days_from_civil(c.year, c.month, c.day) -
                                                 days_from_civil(c.year, 1, 1));
  const double hours_utc = c.hour + c.minute / 60.0 + (c.second + seconds_after) / 3600.0;
  // Fractional year (rad), Spencer (1971) as used in the NOAA solar calculator notes.
  const double g = 2.0 * pi / 365.0 * (day_of_year + (hours_utc - 12.0) / 24.0);
  const double decl = 0.006918 - 0.399912 * std::cos(g) + 0.070257 * std::sin(g) - 0.006758 * std::cos(2 * g) +
                      0.000907 * std::sin(2 * g) - 0.002697 * std::cos(3 * g) + 0.00148 * std::sin(3 * g);
  const double eqtime_min = 229.18 * (0.000075 + 0.001868 * std::cos(g) - 0.032077 * std::sin(g) -
                                      0.014615 * std::cos(2 * g) - 0.040849 * std::sin(2 * g));
  const double true_solar_minutes = hours_utc * 60.0 + eqtime_min + 4.0 * where.lon;
  const double hour_angle = (true_solar_minutes / 4.0 - 180.0) * pi / 180.0;
  const double lat = where.lat * pi / 180.0;
  return std::sin(lat) * std::sin(decl) + std::cos(lat) * std::cos(decl) * std::cos(hour_angle);
}

double cos_solar_zenith(LonLat where, UtcTime when) { return cos_solar_zenith(where, when, 0.0); }

}  // namespace airshed
