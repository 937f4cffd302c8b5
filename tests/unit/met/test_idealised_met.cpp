// SPDX-License-Identifier: Apache-2.0
// Idealised meteorology: day/night behaviour over Kangbashi on the default case day, hydrostatic balance,
// the temperature structure (mixed layer, nocturnal inversion, free atmosphere), the wind profile, wind
// direction conventions, humidity, and smoothness in time over the 72 h default run.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>
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

/// The same horizontal grid with many thin layers (10 m deep up to 2 km, then 500 m), to look at profiles.
Grid fine_grid() {
  const Grid g = kangbashi_grid();
  std::vector<double> z;
  for (double zi = 0.0; zi <= 2000.0; zi += 10.0) z.push_back(zi);
  for (double zi = 2500.0; zi <= 5000.0; zi += 500.0) z.push_back(zi);
  return Grid(3, 2, 12000.0, 12000.0, -18000.0, -12000.0, VerticalLayers(z), g.projection());
}

/// Potential temperature referred to the surface pressure, from the record's own T and p.
double theta(const MetRecord& r, const IdealisedMetParams& p, int i, int j, int k) {
  return r.air_temperature(i, j, k) *
         std::pow(p.surface_pressure / r.air_pressure(i, j, k), rd_dry_air / cp_dry_air);
}

double speed(const MetRecord& r, int i, int j, int k) {
  return std::hypot(r.eastward_wind(i, j, k), r.northward_wind(i, j, k));
}

/// The wind above the boundary layer: the neutral log law from U(10 m) through the afternoon layer.
double geostrophic(const IdealisedMetParams& p) {
  return p.wind_speed_10m * std::log(p.pbl_height_day_max / p.roughness_length) /
         std::log(10.0 / p.roughness_length);
}

/// The default case's meteorology (data/kangbashi/case.yaml).
IdealisedMetParams kangbashi_case() {
  IdealisedMetParams p;
  p.surface_temperature_mean = 268.0;
  p.relative_humidity = 0.45;
  p.pbl_height_night = 150.0;
  p.pbl_height_day_max = 900.0;
  return p;
}

/// Businger-Dyer psi_m, written out independently of the implementation (Paulson 1970 for z/L < 0, phi_m = 6
/// beyond z/L = 1 after Webb 1970).
double psi_m(double zl) {
  if (zl > 1) return -5.0 - 5.0 * std::log(zl);
  if (zl >= 0) return -5.0 * zl;
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
      // Unstable by day: u* above its neutral value; very stable at night under the surface inversion
      // (bulk Richardson number ~1 over the night layer): well below it.
      const double neutral = von_karman * p.wind_speed_10m / std::log(10.0 / p.roughness_length);
      EXPECT_GT(day.friction_velocity(i, j), neutral);
      EXPECT_LT(night.friction_velocity(i, j), 0.5 * neutral);
      EXPECT_GT(night.friction_velocity(i, j), 0.1 * neutral);
      // Warmer in the early afternoon than at night; nocturnal inversion near the ground; the free
      // atmosphere cools with height.
      EXPECT_GT(day.air_temperature(i, j, 0), night.air_temperature(i, j, 0) + 8.0);
      EXPECT_LT(day.air_temperature(i, j, 1), day.air_temperature(i, j, 0));
      EXPECT_GT(night.air_temperature(i, j, 1), night.air_temperature(i, j, 0));
      EXPECT_LT(night.air_temperature(i, j, 7), night.air_temperature(i, j, 6));
      // The 10 m wind varies with stability: stronger in the convective afternoon than at night.
      EXPECT_GT(speed(day, i, j, 0), speed(night, i, j, 0));
      EXPECT_LT(speed(night, i, j, 0), p.wind_speed_10m);
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
    // In the afternoon the lowest layer lies on the dry adiabat of the surface air.
    const double ts = r.air_temperature(1, 1, 0) + gravity / cp_dry_air * g.layers().mid(0);
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

TEST(IdealisedMet, WellMixedAfternoonLayer) {
  const Grid g = fine_grid();
  for (const IdealisedMetParams& p : {IdealisedMetParams{}, kangbashi_case()}) {
    // 06:41 UTC is 14:00 local mean solar time at 109.78E (the middle column of cells).
    const MetRecord r = idealised_met_record(g, parse_utc("2026-11-28T06:41:00Z"), p);
    const double h = r.pbl_height(1, 0);
    double lowest = 1e9, highest = -1e9;
    int n = 0;
    for (int k = 0; k < g.nz(); ++k) {
      const double z = g.layers().mid(k);
      if (z < 50.0 || z > 0.8 * h) continue;
      lowest = std::min(lowest, theta(r, p, 1, 0, k));
      highest = std::max(highest, theta(r, p, 1, 0, k));
      ++n;
    }
    EXPECT_GT(n, 50);
    EXPECT_LT(highest - lowest, 0.3) << "theta between 50 m and 0.8 h = " << 0.8 * h << " m";
    // Connected to the surface air: theta of the mixed layer is the surface temperature at 14 local.
    const double ts = p.surface_temperature_mean + p.surface_temperature_amplitude * std::cos(pi / 12.0);
    EXPECT_NEAR(0.5 * (lowest + highest), ts, 0.3);
    // Capped by the stable free atmosphere: theta increases above the mixed layer.
    const int top = g.nz() - 1;
    EXPECT_GT(theta(r, p, 1, 0, top), highest + 5.0);
  }
}

TEST(IdealisedMet, StableNocturnalLayer) {
  const Grid g = fine_grid();
  for (const IdealisedMetParams& p : {IdealisedMetParams{}, kangbashi_case()}) {
    // 18:41 UTC is 02:00 local.
    const MetRecord r = idealised_met_record(g, parse_utc("2026-11-28T18:41:00Z"), p);
    ASSERT_EQ(r.pbl_height(1, 0), p.pbl_height_night);
    int n = 0;
    for (int k = 1; k < g.nz() && g.layers().mid(k) < p.pbl_height_night; ++k, ++n)
      EXPECT_GT(theta(r, p, 1, 0, k), theta(r, p, 1, 0, k - 1) + 1e-3) << "z = " << g.layers().mid(k);
    EXPECT_GE(n, 10);
    // A clear winter night: several kelvin between the lowest layer and the top of the nocturnal layer.
    const int top = static_cast<int>(p.pbl_height_night / 10.0);
    EXPECT_GT(theta(r, p, 1, 0, top) - theta(r, p, 1, 0, 0), 3.0);
    EXPECT_LT(theta(r, p, 1, 0, top) - theta(r, p, 1, 0, 0), 15.0);
    // Above it the air is neutral or stable: theta never decreases with height.
    for (int k = top + 1; k < g.nz(); ++k)
      EXPECT_GE(theta(r, p, 1, 0, k), theta(r, p, 1, 0, k - 1) - 1e-6) << "z = " << g.layers().mid(k);
  }
}

TEST(IdealisedMet, TemperatureAloftHasASmallDiurnalCycle) {
  const Grid g = kangbashi_grid();
  const IdealisedMetParams p;
  const UtcTime start = parse_utc("2026-11-28T00:00:00Z");
  std::vector<double> lowest(g.nz(), 1e9), highest(g.nz(), -1e9);
  for (int minute = 0; minute < 24 * 60; minute += 10) {
    const MetRecord r = idealised_met_record(g, UtcTime{start.seconds + minute * 60LL}, p);
    for (int k = 0; k < g.nz(); ++k) {
      lowest[k] = std::min(lowest[k], r.air_temperature(1, 0, k));
      highest[k] = std::max(highest[k], r.air_temperature(1, 0, k));
    }
  }
  // The whole surface range at 10 m, less in the layer that is mixed only by day (325 and 600 m), and only
  // the free atmosphere's own cycle 2 a(z) above the afternoon mixed layer (1150 m and up).
  EXPECT_NEAR(highest[0] - lowest[0], 2.0 * p.surface_temperature_amplitude, 1.5);
  EXPECT_LT(highest[5] - lowest[5], 6.0);
  EXPECT_LT(highest[6] - lowest[6], 4.0);
  for (int k = 7; k < g.nz(); ++k) {
    const double a = p.free_atmosphere_amplitude * std::exp(-g.layers().mid(k) / 1000.0);
    EXPECT_NEAR(highest[k] - lowest[k], 2.0 * a, 0.01) << "z = " << g.layers().mid(k);
  }
  // The free atmosphere keeps the lapse rate of the parameters.
  const MetRecord r = idealised_met_record(g, parse_utc("2026-11-28T06:41:00Z"), p);
  const double dz = g.layers().mid(9) - g.layers().mid(8);
  const double a8 = p.free_atmosphere_amplitude * std::exp(-g.layers().mid(8) / 1000.0);
  const double a9 = p.free_atmosphere_amplitude * std::exp(-g.layers().mid(9) / 1000.0);
  const double cycle = std::cos(pi / 12.0) - 1.0;  // 14 local (to 7 s, hence the tolerance)
  EXPECT_NEAR((r.air_temperature(1, 0, 8) - r.air_temperature(1, 0, 9) + (a9 - a8) * cycle) / dz,
              p.lapse_rate, 1e-8);
}

TEST(IdealisedMet, SmoothInTimeOverTheDefaultRun) {
  // The 72 h default run sampled every 10 minutes at every 10 m level: no level may jump at sunrise or
  // sunset. The largest rates are recorded as test properties (defaults and the Kangbashi case).
  const Grid g = fine_grid();
  const std::pair<const char*, IdealisedMetParams> cases[] = {{"defaults", IdealisedMetParams{}},
                                                              {"kangbashi", kangbashi_case()}};
  for (const auto& [name, p] : cases) {
    SCOPED_TRACE(name);
    const UtcTime start = parse_utc("2026-11-28T00:00:00Z");
    MetRecord before = idealised_met_record(g, start, p);
    std::vector<double> max_dt(g.nz(), 0.0), max_du(g.nz(), 0.0), max_dv(g.nz(), 0.0);
    for (int step = 1; step <= 72 * 6; ++step) {
      const MetRecord now = idealised_met_record(g, UtcTime{start.seconds + step * 600LL}, p);
      for (int k = 0; k < g.nz(); ++k) {
        max_dt[k] = std::max(max_dt[k],
                             6.0 * std::abs(now.air_temperature(1, 0, k) - before.air_temperature(1, 0, k)));
        max_du[k] = std::max(max_du[k], 6.0 * std::abs(speed(now, 1, 0, k) - speed(before, 1, 0, k)));
        max_dv[k] = std::max(max_dv[k],
                             6.0 * std::hypot(now.eastward_wind(1, 0, k) - before.eastward_wind(1, 0, k),
                                              now.northward_wind(1, 0, k) - before.northward_wind(1, 0, k)));
      }
      before = now;
    }
    for (int k = 0; k < g.nz(); ++k) {
      SCOPED_TRACE(testing::Message() << "z = " << g.layers().mid(k) << " m");
      EXPECT_LT(max_dt[k], 3.0);  // K per hour
      EXPECT_LT(max_du[k], 2.0);  // m s-1 per hour, speed
      EXPECT_LT(max_dv[k], 2.0);  // m s-1 per hour, vector (speed and veering together)
    }
    for (const auto& [what, rates] :
         {std::pair{"max_dT_dt_K_per_h", &max_dt}, std::pair{"max_dU_dt_m_s_per_h", &max_du},
          std::pair{"max_dV_dt_m_s_per_h", &max_dv}}) {
      testing::Message m;
      for (double z : {5.0, 105.0, 205.0, 445.0, 1005.0, 2250.0})
        for (int k = 0; k < g.nz(); ++k)
          if (g.layers().interface(k) <= z && z < g.layers().interface(k + 1))
            m << "z=" << z << ":" << (*rates)[k] << " ";
      m << "max:" << *std::max_element(rates->begin(), rates->end());
      RecordProperty(std::string(name) + "_" + what, m.GetString());
    }
  }
}

TEST(IdealisedMet, WindProfileFollowsSimilarityBelowAConstantWindAbove) {
  const Grid g = kangbashi_grid();
  const IdealisedMetParams p;
  const double z0 = p.roughness_length;
  // Neutral air under the afternoon boundary layer has U(10 m) = wind_speed_10m.
  EXPECT_NEAR(geostrophic(p) * std::log(10.0 / z0) / std::log(p.pbl_height_day_max / z0), p.wind_speed_10m,
              1e-12);
  // Night (03:19 local, hours after sunset: the stable profile of H = -20 W m-2 throughout, and the wind
  // profile as deep as the boundary layer) and day (13:19 local: unstable).
  for (const char* when : {"2026-11-28T20:00:00Z", "2026-11-28T06:00:00Z"}) {
    SCOPED_TRACE(when);
    const UtcTime t = parse_utc(when);
    const MetRecord r = idealised_met_record(g, t, p);
    const double ustar = r.friction_velocity(0, 0), h = r.pbl_height(0, 0);
    const bool night = r.sensible_heat_flux(0, 0) < 0.0;
    // At night 1/L follows from u*, T_s and H = -20 W m-2; by day from U(h) = G (the heat flux the wind sees
    // is lagged), found by bisection on the unstable branch.
    double inverse_l = 0.0;
    if (night) {
      const LonLat where = g.lonlat_centre(0, 0);
      const double local =
          std::fmod(static_cast<double>(t.seconds % 86400) / 3600.0 + where.lon / 15.0, 24.0);
      const double ts = p.surface_temperature_mean +
                        p.surface_temperature_amplitude * std::cos(2 * pi * (local - 15.0) / 24.0);
      const double rho = p.surface_pressure / (rd_dry_air * ts);
      inverse_l = von_karman * gravity * 20.0 / (ustar * ustar * ustar * ts * rho * cp_dry_air);
    } else {
      auto top = [&](double il) {
        return ustar / von_karman * (std::log(h / z0) - psi_m(h * il) + psi_m(z0 * il)) - geostrophic(p);
      };
      double a = -10.0, b = 0.0;  // 1/L in m-1: L from -0.1 m to -inf
      for (int it = 0; it < 200; ++it) (top(0.5 * (a + b)) > 0.0 ? b : a) = 0.5 * (a + b);
      inverse_l = 0.5 * (a + b);
      EXPECT_LT(inverse_l, 0.0);
    }
    for (int k = 0; k < g.nz(); ++k) {
      const double z = std::min(g.layers().mid(k), h);
      const double expected =
          ustar / von_karman * (std::log(z / z0) - psi_m(z * inverse_l) + psi_m(z0 * inverse_l));
      EXPECT_NEAR(speed(r, 0, 0, k), expected, 1e-6) << "k=" << k;
      if (k > 0) {
        EXPECT_GE(speed(r, 0, 0, k), speed(r, 0, 0, k - 1));
      }
      if (g.layers().mid(k) >= h) {
        EXPECT_NEAR(speed(r, 0, 0, k), geostrophic(p), 1e-9) << "k=" << k;
      }
    }
  }
}

TEST(IdealisedMet, WindIsContinuousAcrossTheBoundaryLayerTop) {
  const Grid g = fine_grid();
  for (const IdealisedMetParams& p : {IdealisedMetParams{}, kangbashi_case()}) {
    // 13:00, 15:30, 16:30, 18:00 and 02:00 local: growing layer, afternoon, its collapse, evening, night.
    for (const char* when : {"2026-11-28T05:41:00Z", "2026-11-28T08:11:00Z", "2026-11-28T09:11:00Z",
                             "2026-11-28T10:41:00Z", "2026-11-28T18:41:00Z"}) {
      SCOPED_TRACE(when);
      const MetRecord r = idealised_met_record(g, parse_utc(when), p);
      const double h = r.pbl_height(1, 0), top = geostrophic(p);
      double max_step = 0.0, across = -1.0;
      for (int k = 1; k < g.nz(); ++k) {
        const double step = std::abs(speed(r, 1, 0, k) - speed(r, 1, 0, k - 1));
        if (g.layers().mid(k - 1) >= 50.0 && g.layers().mid(k) < 2000.0) max_step = std::max(max_step, step);
        if (g.layers().mid(k - 1) < h && g.layers().mid(k) >= h) across = step;
        EXPECT_LE(speed(r, 1, 0, k), top * (1.0 + 1e-12));  // no jet above the geostrophic-like wind
      }
      ASSERT_GE(across, 0.0);
      EXPECT_LT(across, 0.1);    // m s-1 between the layers on either side of h, 10 m apart
      EXPECT_LT(max_step, 0.5);  // anywhere between 10 m layers above the strong shear of the lowest 50 m
      EXPECT_NEAR(speed(r, 1, 0, g.nz() - 1), top, 1e-9);
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

  // Default: from 300 deg at 10 m, veering by 25 deg up to the PBL top (200 m at night, more than 10 h after
  // the evening transition: 03:19 local) in proportion to the approach of the speed to G, constant above.
  const IdealisedMetParams p;
  const MetRecord n = idealised_met_record(g, parse_utc("2026-11-28T20:00:00Z"), p);
  EXPECT_NEAR(from_direction(n.eastward_wind(2, 1, 0), n.northward_wind(2, 1, 0)), 300.0, 1e-9);
  double previous = 300.0;
  for (int k = 1; k < g.nz(); ++k) {
    const double d = from_direction(n.eastward_wind(2, 1, k), n.northward_wind(2, 1, k));
    const double u10 = speed(n, 2, 1, 0), u = speed(n, 2, 1, k);
    const double expected = 300.0 + 25.0 * std::clamp((u - u10) / (geostrophic(p) - u10), 0.0, 1.0);
    EXPECT_NEAR(d, expected, 1e-9) << "k=" << k;
    EXPECT_GE(d, previous);
    previous = d;
  }
  // In the evening the wind profile keeps part of the afternoon depth (the residual layer): at 17:19 local
  // the turning is spread over more than the collapsed 200 m layer, and still complete at the top.
  const MetRecord e = idealised_met_record(g, parse_utc("2026-11-28T10:00:00Z"), p);
  EXPECT_EQ(e.pbl_height(2, 1), p.pbl_height_night);
  EXPECT_LT(from_direction(e.eastward_wind(2, 1, 4), e.northward_wind(2, 1, 4)), 324.0);  // 205 m
  EXPECT_NEAR(from_direction(e.eastward_wind(2, 1, 9), e.northward_wind(2, 1, 9)), 325.0, 1e-9);
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
      // The 10 m wind is that of the parameters within the spread stability gives it (free convection mixes
      // the wind aloft down by day; at night the shallow layer carries the same wind above it).
      EXPECT_GE(speed(r, 0, 0, 0), 0.5 * u10);
      EXPECT_LE(speed(r, 0, 0, 0), 2.0 * u10);
      for (int k = 0; k < g.nz(); ++k) {
        EXPECT_TRUE(std::isfinite(r.eastward_wind(0, 0, k)) && std::isfinite(r.northward_wind(0, 0, k)));
        EXPECT_LE(speed(r, 0, 0, k), geostrophic(p) * (1.0 + 1e-12));
      }
      EXPECT_NEAR(speed(r, 0, 0, g.nz() - 1), geostrophic(p), 1e-12);
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
  p = IdealisedMetParams{};
  p.lapse_rate = 0.0098;  // dry adiabatic or steeper: no stable free atmosphere to cap the mixed layer
  EXPECT_THROW(idealised_met_record(g, t, p), std::invalid_argument);
  p = IdealisedMetParams{};
  p.pbl_height_night = 5.0;  // below the 10 m reference height
  EXPECT_THROW(idealised_met_record(g, t, p), std::invalid_argument);
}

}  // namespace
}  // namespace airshed
