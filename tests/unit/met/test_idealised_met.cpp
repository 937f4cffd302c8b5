// SPDX-License-Identifier: Apache-2.0
// Idealised meteorology: day/night behaviour over Kangbashi on the default case day, hydrostatic balance,
// the surface-layer wind profile, wind direction conventions and humidity.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "core/constants.hpp"
#include "core/grid.hpp"
#include "core/time.hpp"
#include "met/idealised_met.hpp"

namespace airshed {
namespace {

using namespace constants;
constexpr double deg = pi / 180.0;

/// A 3 x 2 WRF-style LCC grid centred on Kangbashi (39.61N, 109.78E); the first layer is 20 m deep so that
/// its mid-point is the 10 m reference height.
Grid kangbashi_grid() {
  Projection p;
  p.kind = Projection::Kind::lambert_conformal_conic;
  p.standard_parallel_1 = 30.0;
  p.standard_parallel_2 = 60.0;
  p.latitude_of_projection_origin = 39.61;
  p.longitude_of_central_meridian = 109.78;
  const VerticalLayers z(std::vector<double>{0, 20, 50, 100, 160, 250, 400, 800, 1500, 3000, 6000});
  return Grid(3, 2, 12000.0, 12000.0, -18000.0, -12000.0, z, p);
}

/// Businger-Dyer psi_m, written out independently of the implementation (Paulson 1970 for z/L < 0).
double psi_m(double zl) {
  if (zl >= 0) return -5.0 * std::min(zl, 1.0);
  const double x = std::pow(1.0 - 15.0 * zl, 0.25);
  return std::log((1 + x) * (1 + x) * (1 + x * x) / 8.0) - 2.0 * std::atan(x) + pi / 2.0;
}

double bolton_es(double t) {
  return 611.2 * std::exp(17.67 * (t - 273.15) / (t - 29.65));
}

/// Meteorological direction the wind blows from, degrees in [0, 360).
double from_direction(double u, double v) {
  double d = std::atan2(-u, -v) / deg;
  return d < 0 ? d + 360.0 : d;
}

TEST(IdealisedMet, AfternoonAndNightAtKangbashi) {
  const Grid g = kangbashi_grid();
  const IdealisedMetParams p;
  // 06 UTC is 13:19 local mean solar time at 109.78E.
  const MetRecord day = idealised_met_record(g, parse_utc("2026-11-28T06:00:00Z"), p);
  // 18 UTC is 01:19 local.
  const MetRecord night = idealised_met_record(g, parse_utc("2026-11-28T18:00:00Z"), p);
  for (int j = 0; j < g.ny(); ++j)
    for (int i = 0; i < g.nx(); ++i) {
      // Late November at 39.6N: noon sun ~29 deg high, clear-sky SW of a few hundred W m-2.
      EXPECT_GT(day.shortwave_down(i, j), 300.0);
      EXPECT_LT(day.shortwave_down(i, j), 600.0);
      EXPECT_GT(day.sensible_heat_flux(i, j), 0.0);
      EXPECT_GT(day.pbl_height(i, j), 0.6 * p.pbl_height_day_max);
      EXPECT_LE(day.pbl_height(i, j), p.pbl_height_day_max);
      EXPECT_EQ(night.shortwave_down(i, j), 0.0);
      EXPECT_EQ(night.pbl_height(i, j), p.pbl_height_night);
      EXPECT_EQ(night.sensible_heat_flux(i, j), -20.0);
      // Unstable by day: u* above its neutral value; stable at night: below.
      const double neutral = von_karman * p.wind_speed_10m / std::log(10.0 / p.roughness_length);
      EXPECT_GT(day.friction_velocity(i, j), neutral);
      EXPECT_LT(night.friction_velocity(i, j), neutral);
      EXPECT_GT(night.friction_velocity(i, j), 0.5 * neutral);
      // Warmer in the early afternoon than at night; nocturnal inversion near the ground.
      EXPECT_GT(day.air_temperature(i, j, 0), night.air_temperature(i, j, 0) + 8.0);
      EXPECT_LT(day.air_temperature(i, j, 1), day.air_temperature(i, j, 0));
      EXPECT_GT(night.air_temperature(i, j, 1), night.air_temperature(i, j, 0));
      EXPECT_LT(night.air_temperature(i, j, 7), night.air_temperature(i, j, 6));
    }
  EXPECT_TRUE(day.kz.empty());
  EXPECT_TRUE(day.upward_air_velocity.empty());
  EXPECT_EQ(day.air_pressure.n0, 3);
  EXPECT_EQ(day.air_pressure.n1, 2);
  EXPECT_EQ(day.air_pressure.n2, 10);
}

TEST(IdealisedMet, DiurnalCycleOfTheBoundaryLayer) {
  const Grid g = kangbashi_grid();
  const IdealisedMetParams p;
  const UtcTime midnight = parse_utc("2026-11-28T00:00:00Z");
  double previous = -1.0, peak = 0.0, peak_local_hour = 0.0, max_jump = 0.0;
  double t_peak = -1e9, t_peak_hour = 0.0;
  for (int minute = 0; minute < 24 * 60; minute += 10) {
    const UtcTime t{midnight.seconds + minute * 60LL};
    const MetRecord r = idealised_met_record(g, t, p);
    const double h = r.pbl_height(1, 1);
    const double local = std::fmod(minute / 60.0 + 109.78 / 15.0, 24.0);
    if (r.shortwave_down(1, 1) == 0.0) {
      EXPECT_EQ(h, p.pbl_height_night);
    }
    if (previous >= 0.0) max_jump = std::max(max_jump, std::abs(h - previous));
    if (h > peak) peak = h, peak_local_hour = local;
    const double ts = r.air_temperature(1, 1, 0) + p.lapse_rate * g.layers().mid(0);
    if (ts > t_peak) t_peak = ts, t_peak_hour = local;
    previous = h;
  }
  EXPECT_NEAR(peak, p.pbl_height_day_max, 1.0);
  EXPECT_GT(peak_local_hour, 14.0);  // mid to late afternoon, before sunset (~17 local in late November)
  EXPECT_LT(peak_local_hour, 17.0);
  // Grows through the day and collapses in the hour before sunset, without jumps: at most a third of the
  // growth between two samples 10 minutes apart.
  EXPECT_LT(max_jump, (p.pbl_height_day_max - p.pbl_height_night) / 3.0);
  EXPECT_NEAR(t_peak_hour, 15.0, 0.17);
  EXPECT_NEAR(t_peak, p.surface_temperature_mean + p.surface_temperature_amplitude, 1e-3);
}

TEST(IdealisedMet, PressureIsHydrostatic) {
  const Grid g = kangbashi_grid();
  const IdealisedMetParams p;
  for (const char* when : {"2026-11-28T06:00:00Z", "2026-11-28T18:00:00Z"}) {
    const MetRecord r = idealised_met_record(g, parse_utc(when), p);
    for (int k = 0; k + 1 < g.nz(); ++k) {
      const double dz = g.layers().mid(k + 1) - g.layers().mid(k);
      const double t_mean = 0.5 * (r.air_temperature(0, 0, k) + r.air_temperature(0, 0, k + 1));
      const double expected = std::exp(gravity * dz / (rd_dry_air * t_mean));
      EXPECT_NEAR(r.air_pressure(0, 0, k) / r.air_pressure(0, 0, k + 1) / expected, 1.0, 1e-12)
          << when << " k=" << k;
    }
    EXPECT_LT(r.air_pressure(0, 0, 0), p.surface_pressure);
    // dp/dz = -rho g, about -10.7 Pa m-1 near the ground.
    EXPECT_NEAR(p.surface_pressure - r.air_pressure(0, 0, 0), 10.0 * 10.7, 5.0);
    // 4.5 km above the ground with a scale height of ~7.5 km: about 0.55 of the surface pressure.
    EXPECT_NEAR(r.air_pressure(0, 0, g.nz() - 1) / p.surface_pressure, 0.55, 0.03);
  }
}

TEST(IdealisedMet, WindProfileFollowsSurfaceLayerSimilarity) {
  const Grid g = kangbashi_grid();
  const IdealisedMetParams p;
  for (const char* when : {"2026-11-28T06:00:00Z", "2026-11-28T18:00:00Z"}) {
    SCOPED_TRACE(when);
    const UtcTime t = parse_utc(when);
    const MetRecord r = idealised_met_record(g, t, p);
    const double ustar = r.friction_velocity(0, 0), heat = r.sensible_heat_flux(0, 0), h = r.pbl_height(0, 0);
    const LonLat where = g.lonlat_centre(0, 0);
    const double local = std::fmod(static_cast<double>(t.seconds % 86400) / 3600.0 + where.lon / 15.0, 24.0);
    const double ts = p.surface_temperature_mean +
                      p.surface_temperature_amplitude * std::cos(2 * pi * (local - 15.0) / 24.0);
    const double rho = p.surface_pressure / (rd_dry_air * ts);
    const double obukhov = -ustar * ustar * ustar * ts * rho * cp_dry_air / (von_karman * gravity * heat);
    const double z0 = p.roughness_length;
    auto speed = [&](int k) { return std::hypot(r.eastward_wind(0, 0, k), r.northward_wind(0, 0, k)); };
    // The 10 m wind is the parameter, and u* is what the (stability-corrected) log law needs for it.
    EXPECT_NEAR(speed(0), p.wind_speed_10m, 1e-12);
    EXPECT_NEAR(
        ustar,
        von_karman * p.wind_speed_10m / (std::log(10.0 / z0) - psi_m(10.0 / obukhov) + psi_m(z0 / obukhov)),
        1e-10);
    for (int k = 0; k < g.nz(); ++k) {
      const double z = std::min(g.layers().mid(k), h);
      const double expected =
          ustar / von_karman * (std::log(z / z0) - psi_m(z / obukhov) + psi_m(z0 / obukhov));
      EXPECT_NEAR(speed(k), expected, 1e-9) << "k=" << k;
      if (k > 0) {
        EXPECT_GE(speed(k), speed(k - 1));
      }
    }
  }
}

TEST(IdealisedMet, WindDirectionConventionAndVeering) {
  const Grid g = kangbashi_grid();
  IdealisedMetParams west;
  west.wind_from_direction = 270.0;  // from the west: blowing towards the east
  west.wind_veering = 0.0;
  const MetRecord r = idealised_met_record(g, parse_utc("2026-11-28T06:00:00Z"), west);
  for (int k = 0; k < g.nz(); ++k) {
    EXPECT_GT(r.eastward_wind(1, 0, k), 0.0);
    EXPECT_NEAR(r.northward_wind(1, 0, k), 0.0, 1e-12);
  }
  IdealisedMetParams north;
  north.wind_from_direction = 0.0;
  north.wind_veering = 0.0;
  const MetRecord s = idealised_met_record(g, parse_utc("2026-11-28T06:00:00Z"), north);
  EXPECT_LT(s.northward_wind(0, 0, 0), 0.0);  // a north wind blows southwards
  EXPECT_NEAR(s.eastward_wind(0, 0, 0), 0.0, 1e-12);

  // Default: from 300 deg at 10 m, veering by 25 deg up to the PBL top (200 m at night), constant above.
  const IdealisedMetParams p;
  const MetRecord n = idealised_met_record(g, parse_utc("2026-11-28T18:00:00Z"), p);
  EXPECT_NEAR(from_direction(n.eastward_wind(2, 1, 0), n.northward_wind(2, 1, 0)), 300.0, 1e-9);
  double previous = 300.0;
  for (int k = 1; k < g.nz(); ++k) {
    const double d = from_direction(n.eastward_wind(2, 1, k), n.northward_wind(2, 1, k));
    const double z = g.layers().mid(k);
    const double expected = 300.0 + 25.0 * std::clamp((z - 10.0) / (p.pbl_height_night - 10.0), 0.0, 1.0);
    EXPECT_NEAR(d, expected, 1e-9) << "k=" << k;
    EXPECT_GE(d, previous);
    previous = d;
  }
}

TEST(IdealisedMet, HumidityRecoversRelativeHumidity) {
  const Grid g = kangbashi_grid();
  for (double rh : {0.0, 0.4, 0.95}) {
    IdealisedMetParams p;
    p.relative_humidity = rh;
    const MetRecord r = idealised_met_record(g, parse_utc("2026-11-28T09:30:00Z"), p);
    const double eps = molar_mass_water / molar_mass_dry_air;
    for (int k = 0; k < g.nz(); ++k) {
      const double q = r.humidity_mixing_ratio(1, 1, k), pk = r.air_pressure(1, 1, k);
      const double e = q * pk / (eps + q);
      EXPECT_NEAR(e / bolton_es(r.air_temperature(1, 1, k)), rh, 1e-9) << "k=" << k;
      EXPECT_GE(q, 0.0);
      EXPECT_LT(q, 0.01);  // a cold plateau: a few g/kg at most
    }
  }
}

TEST(IdealisedMet, OnlyTheSunVariesAcrossTheGrid) {
  const Grid g = kangbashi_grid();
  const MetRecord r = idealised_met_record(g, parse_utc("2026-11-28T06:00:00Z"), IdealisedMetParams{});
  // 12 km apart the sun differs a little, so the radiation differs, but only a little.
  EXPECT_NE(r.shortwave_down(0, 0), r.shortwave_down(2, 1));
  EXPECT_NEAR(r.shortwave_down(0, 0), r.shortwave_down(2, 1), 5.0);
  EXPECT_NEAR(r.pbl_height(0, 0), r.pbl_height(2, 1), 20.0);
}

TEST(IdealisedMet, CalmAndWeakWinds) {
  const Grid g = kangbashi_grid();
  for (const char* when : {"2026-11-28T06:00:00Z", "2026-11-28T18:00:00Z"})
    for (double u10 : {0.0, 0.3, 1.0, 15.0}) {
      SCOPED_TRACE(testing::Message() << when << " U10=" << u10);
      IdealisedMetParams p;
      p.wind_speed_10m = u10;
      const MetRecord r = idealised_met_record(g, parse_utc(when), p);
      EXPECT_TRUE(std::isfinite(r.friction_velocity(0, 0)));
      EXPECT_GE(r.friction_velocity(0, 0), 0.0);
      EXPECT_NEAR(std::hypot(r.eastward_wind(0, 0, 0), r.northward_wind(0, 0, 0)), u10, 1e-12);
      for (int k = 0; k < g.nz(); ++k) {
        EXPECT_TRUE(std::isfinite(r.eastward_wind(0, 0, k)) && std::isfinite(r.northward_wind(0, 0, k)));
        EXPECT_LE(std::hypot(r.eastward_wind(0, 0, k), r.northward_wind(0, 0, k)), 4.0 * u10 + 1e-12);
      }
    }
}

TEST(IdealisedMet, RejectsNonsenseParameters) {
  const Grid g = kangbashi_grid();
  const UtcTime t = parse_utc("2026-11-28T06:00:00Z");
  IdealisedMetParams p;
  p.roughness_length = 0.0;
  EXPECT_THROW(idealised_met_record(g, t, p), std::invalid_argument);
  p = IdealisedMetParams{};
  p.relative_humidity = 1.5;
  EXPECT_THROW(idealised_met_record(g, t, p), std::invalid_argument);
  p = IdealisedMetParams{};
  p.pbl_height_day_max = 100.0;
  EXPECT_THROW(idealised_met_record(g, t, p), std::invalid_argument);
  p = IdealisedMetParams{};
  p.surface_temperature_mean = 3.0;  // Celsius by mistake
  EXPECT_THROW(idealised_met_record(g, t, p), std::invalid_argument);
}

}  // namespace
}  // namespace airshed
