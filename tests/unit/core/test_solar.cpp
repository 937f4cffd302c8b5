// SPDX-License-Identifier: Apache-2.0
// The solar zenith angle of core/solar.cpp (Spencer 1971 series, as in the NOAA notes) against an independent
// algorithm: Michalsky, J. J. (1988), "The Astronomical Almanac's algorithm for approximate solar position
// (1950-2050)", Solar Energy 40(3), 227-235, accurate to ~0.01 deg. The two must agree within 0.3 deg.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/constants.hpp"
#include "core/solar.hpp"
#include "core/time.hpp"

namespace airshed {
namespace {

constexpr double deg = constants::pi / 180.0;

/// Solar zenith angle [deg] by Michalsky (1988): mean longitude and anomaly, ecliptic longitude, obliquity,
/// right ascension and declination, Greenwich mean sidereal time, local hour angle.
double michalsky_zenith_deg(LonLat where, UtcTime when) {
  const double jd = 2440587.5 + static_cast<double>(when.seconds) / 86400.0;
  const double n = jd - 2451545.0;  // days from J2000.0, including the fraction of the day
  const double L = std::fmod(280.460 + 0.9856474 * n, 360.0);
  const double g = std::fmod(357.528 + 0.9856003 * n, 360.0) * deg;
  const double lambda = (L + 1.915 * std::sin(g) + 0.020 * std::sin(2.0 * g)) * deg;
  const double eps = (23.439 - 0.0000004 * n) * deg;
  const double ra = std::atan2(std::cos(eps) * std::sin(lambda), std::cos(lambda));
  const double dec = std::asin(std::sin(eps) * std::sin(lambda));
  const double hour_utc = std::fmod(static_cast<double>(when.seconds), 86400.0) / 3600.0;
  const double gmst_hours = std::fmod(6.697375 + 0.0657098242 * n + hour_utc, 24.0);
  const double lmst = (gmst_hours * 15.0 + where.lon) * deg;
  const double ha = lmst - ra;
  const double lat = where.lat * deg;
  const double cz = std::sin(lat) * std::sin(dec) + std::cos(lat) * std::cos(dec) * std::cos(ha);
  return std::acos(std::clamp(cz, -1.0, 1.0)) / deg;
}

double zenith_deg(LonLat where, UtcTime when) {
  return std::acos(std::clamp(cos_solar_zenith(where, when), -1.0, 1.0)) / deg;
}

TEST(Solar, AgreesWithTheAstronomicalAlmanacAlgorithm) {
  const LonLat places[] = {{109.78, 39.61}, {0.0, 0.0},     {-75.0, 40.5},
                           {151.2, -33.9},  {-150.0, 64.8}, {25.0, -70.0}};
  double worst = 0.0;
  for (const char* year : {"1990-01-01", "2026-01-01", "2049-01-01"})
    for (const LonLat& where : places)
      for (int day = 0; day < 366; day += 5)
        for (int hour = 0; hour < 24; hour += 1) {
          const UtcTime when{parse_utc(year).seconds + day * 86400LL + hour * 3600LL + 1234};
          worst = std::max(worst, std::abs(zenith_deg(where, when) - michalsky_zenith_deg(where, when)));
        }
  EXPECT_LT(worst, 0.3);
}

TEST(Solar, KangbashiOnTheDefaultCaseDay) {
  const LonLat kangbashi{109.78, 39.61};
  // 06 UTC is 13:19 local mean solar time: the sun is up, close to its daily maximum.
  const UtcTime six = parse_utc("2026-11-28T06:00:00Z");
  EXPECT_GT(cos_solar_zenith(kangbashi, six), 0.3);
  EXPECT_NEAR(zenith_deg(kangbashi, six), michalsky_zenith_deg(kangbashi, six), 0.3);
  // Local solar midnight is near 16:40 UTC; the sun is far below the horizon then and at 18 UTC.
  EXPECT_LT(cos_solar_zenith(kangbashi, parse_utc("2026-11-28T16:40:00Z")), -0.8);
  EXPECT_LT(cos_solar_zenith(kangbashi, parse_utc("2026-11-28T18:00:00Z")), -0.5);
  // Solar noon: the maximum of cos(zenith) over the day lies near 04:29 UTC (12:00 - 109.78/15 h = 04:41 mean
  // solar noon, minus the equation of time, about +12 min in late November) and equals cos(lat - declination)
  // with declination ~ -21.3 deg.
  const UtcTime day = parse_utc("2026-11-28");
  int best_minute = 0;
  double best = -2.0;
  for (int minute = 0; minute < 1440; ++minute) {
    const double c = cos_solar_zenith(kangbashi, day, minute * 60.0);
    if (c > best) best = c, best_minute = minute;
  }
  EXPECT_GE(best_minute, 4 * 60 + 24);
  EXPECT_LE(best_minute, 4 * 60 + 34);
  EXPECT_NEAR(std::acos(best) / deg, 39.61 + 21.3, 0.3);
}

TEST(Solar, SecondsAfterIsContinuous) {
  const LonLat where{109.78, 39.61};
  const UtcTime t = parse_utc("2026-06-15T03:00:00Z");
  for (double s : {0.0, 0.5, 1800.0, 3600.0, 86400.0 + 7200.0}) {
    const UtcTime whole{t.seconds + static_cast<std::int64_t>(std::floor(s))};
    EXPECT_NEAR(cos_solar_zenith(where, t, s), cos_solar_zenith(where, whole, s - std::floor(s)), 1e-9);
  }
  EXPECT_EQ(cos_solar_zenith(where, t), cos_solar_zenith(where, t, 0.0));
  // Across the epoch and across a year boundary (the fractional year runs on continuously).
  EXPECT_NEAR(cos_solar_zenith(where, UtcTime{-1}, 1.0), cos_solar_zenith(where, UtcTime{0}), 1e-12);
  const UtcTime new_year = parse_utc("2027-01-01");
  EXPECT_NEAR(cos_solar_zenith(where, UtcTime{new_year.seconds - 60}, 60.0),
              cos_solar_zenith(where, new_year), 1e-12);
}

}  // namespace
}  // namespace airshed
