// SPDX-License-Identifier: Apache-2.0
// Met regridding (docs/met-regridding.md): bilinear horizontal interpolation in the met projection, exact for
// fields linear in met x and y, also onto a model grid in another projection; linear-in-height vertical
// interpolation with the log law, hydrostatic pressure and constant T and q below the lowest level; earth-
// relative winds rotated to the model grid and averaged onto the C-grid faces; the coverage and model-top
// errors; RegriddedMetSource.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/grid.hpp"
#include "core/native_met.hpp"
#include "core/time.hpp"
#include "met/met_regridder.hpp"

namespace airshed {
namespace {

constexpr double deg = 3.14159265358979323846 / 180.0;

/// The met grid's projection: WRF's Lambert conformal conic for northern China (true at 25 and 47 N, central
/// meridian 110 E, origin 34 N, sphere of 6,370 km).
Projection wrf_lcc(double central_meridian = 110.0) {
  Projection p;
  p.kind = Projection::Kind::lambert_conformal_conic;
  p.standard_parallel_1 = 25.0;
  p.standard_parallel_2 = 47.0;
  p.longitude_of_central_meridian = central_meridian;
  p.latitude_of_projection_origin = 34.0;
  p.semi_major_axis = 6370000.0;
  return p;
}

/// UTM zone 49 N on WGS84 (central meridian 111 E).
Projection utm49n() {
  Projection p;
  p.kind = Projection::Kind::transverse_mercator;
  p.longitude_of_central_meridian = 111.0;
  p.scale_factor = 0.9996;
  p.false_easting = 500000.0;
  p.semi_major_axis = 6378137.0;
  p.inverse_flattening = 298.257223563;
  return p;
}

Projection mercator() {
  Projection p;
  p.kind = Projection::Kind::mercator;
  p.standard_parallel_1 = p.standard_parallel_2 = 39.6;
  p.longitude_of_central_meridian = 109.8;
  return p;
}

const LonLat kangbashi{109.8, 39.6};

/// nx x ny cells of size d centred (to the km) on Kangbashi in projection p.
Grid grid_around(const Projection& p, int nx, int ny, double d, VerticalLayers layers) {
  const ProjectedXY c = p.forward(kangbashi);
  const double xc = std::round(c.x / 1000.0) * 1000.0, yc = std::round(c.y / 1000.0) * 1000.0;
  return Grid(nx, ny, d, d, xc - 0.5 * nx * d, yc - 0.5 * ny * d, std::move(layers), p);
}

/// 20 x 16 cells of 12 km (240 x 192 km) around Kangbashi; its own layers are not used by the regridder.
Grid met_grid() {
  return grid_around(wrf_lcc(), 20, 16, 12000.0, VerticalLayers(std::vector<double>{0, 100}));
}

/// Model layers whose mid-points all lie above the lowest native level (tests of the exact interpolation).
VerticalLayers layers_above_level1() {
  return VerticalLayers(std::vector<double>{0, 60, 150, 400, 1000, 2500, 5000});
}

/// 16 x 12 cells of 4 km in projection p around Kangbashi, well inside the met grid.
Grid model_grid(const Projection& p, VerticalLayers layers = layers_above_level1()) {
  return grid_around(p, 16, 12, 4000.0, std::move(layers));
}

const std::vector<double> kLevels{25, 80, 200, 500, 1000, 2000, 4000, 8000};

/// A plain native record: level k at kLevels[k] * (1 + tilt_i i + tilt_j j) above ground (terrain-following
/// levels that vary over the grid), uniform fields.
NativeMetRecord plain_record(const Grid& met, double tilt_i = 0.002, double tilt_j = 0.001,
                             const std::vector<double>& levels = kLevels) {
  const int nx = met.nx(), ny = met.ny(), nz = static_cast<int>(levels.size());
  NativeMetRecord r;
  r.height = Array3(nx, ny, nz);
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i)
        r.height(i, j, k) = levels[static_cast<std::size_t>(k)] * (1.0 + tilt_i * i + tilt_j * j);
  r.fields.eastward_wind = Array3(nx, ny, nz, 5.0);
  r.fields.northward_wind = Array3(nx, ny, nz, 2.0);
  r.fields.air_temperature = Array3(nx, ny, nz, 280.0);
  r.fields.air_pressure = Array3(nx, ny, nz, 90000.0);
  r.fields.humidity_mixing_ratio = Array3(nx, ny, nz, 0.004);
  r.fields.pbl_height = Array2(nx, ny, 800.0);
  r.fields.friction_velocity = Array2(nx, ny, 0.3);
  r.fields.shortwave_down = Array2(nx, ny, 400.0);
  return r;
}

/// a(i, j, k) = f(x, y, z): met projected x, y of the mass point and the level's height there.
template <class F>
void fill3(Array3& a, const Grid& met, const Array3& height, F f) {
  for (int k = 0; k < a.n2; ++k)
    for (int j = 0; j < a.n1; ++j)
      for (int i = 0; i < a.n0; ++i) a(i, j, k) = f(met.x_centre(i), met.y_centre(j), height(i, j, k));
}

template <class F>
void fill2(Array2& a, const Grid& met, F f) {
  for (int j = 0; j < a.n1; ++j)
    for (int i = 0; i < a.n0; ++i) a(i, j) = f(met.x_centre(i), met.y_centre(j));
}

/// Model cell centre (i, j) (halo indices allowed) in the met projection, via lon/lat.
ProjectedXY in_met(const Grid& met, const Grid& model, int i, int j) {
  return met.projection().forward(model.lonlat_centre(i, j));
}

void expect_relative(double got, double want, double tolerance, const std::string& what) {
  EXPECT_NEAR(got, want, tolerance * std::abs(want)) << what;
}

/// A native source over a fixed list of records.
struct SyntheticMet : NativeMetSource {
  Grid g;
  std::vector<UtcTime> t;
  std::vector<NativeMetRecord> records;
  const Grid& grid() const override { return g; }
  const std::vector<UtcTime>& times() const override { return t; }
  NativeMetRecord read(std::size_t index) const override { return records.at(index); }
  std::string description() const override { return "synthetic wrfout"; }
};

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no InputError)";
}

// ---------------------------------------------------------------------------------------------------------
// Horizontal

/// Fields linear in met x, y (and height) are reproduced exactly at model cell centres: bilinear weights
/// reproduce linear functions, and the same weights interpolate the level heights.
void check_linear_fields(const Grid& model) {
  const Grid met = met_grid();
  NativeMetRecord r = plain_record(met);
  auto t = [](double x, double y, double z) { return 280.0 + 2e-5 * x - 3e-5 * y - 0.0065 * z; };
  auto p = [](double x, double y, double z) { return 90000.0 - 0.01 * x + 0.02 * y - 11.0 * z; };
  auto q = [](double x, double y, double z) { return 0.004 + 1e-9 * x + 2e-9 * y - 1e-7 * z; };
  auto pbl = [](double x, double y) { return 800.0 + 1e-3 * x - 2e-3 * y; };
  auto precipitation = [](double x, double y) { return 1e-4 + 1e-10 * x + 1e-10 * y; };
  fill3(r.fields.air_temperature, met, r.height, t);
  fill3(r.fields.air_pressure, met, r.height, p);
  fill3(r.fields.humidity_mixing_ratio, met, r.height, q);
  fill2(r.fields.pbl_height, met, pbl);
  r.precipitation_rate = Array2(met.nx(), met.ny());
  fill2(r.precipitation_rate, met, precipitation);

  const MetFields f = MetRegridder(met, model, "met").regrid(r);
  ASSERT_EQ(f.temperature.n0, model.nx());
  ASSERT_EQ(f.temperature.n1, model.ny());
  ASSERT_EQ(f.temperature.n2, model.nz());
  for (int j = 0; j < model.ny(); ++j)
    for (int i = 0; i < model.nx(); ++i) {
      const ProjectedXY m = in_met(met, model, i, j);
      const std::string at = "cell " + std::to_string(i) + "," + std::to_string(j);
      for (int k = 0; k < model.nz(); ++k) {
        const double z = model.layers().mid(k);
        expect_relative(f.temperature(i, j, k), t(m.x, m.y, z), 1e-10, "T " + at);
        expect_relative(f.pressure(i, j, k), p(m.x, m.y, z), 1e-10, "p " + at);
        expect_relative(f.humidity(i, j, k), q(m.x, m.y, z), 1e-10, "q " + at);
      }
      expect_relative(f.pbl_height(i, j), pbl(m.x, m.y), 1e-10, "pbl " + at);
      expect_relative(f.precipitation_rate(i, j), precipitation(m.x, m.y), 1e-10, "precipitation " + at);
    }
}

TEST(MetRegridder, LinearFieldExactOnSameProjection) {
  check_linear_fields(model_grid(wrf_lcc()));
}

TEST(MetRegridder, LinearFieldExactOnTransverseMercatorModelGrid) {
  check_linear_fields(model_grid(utm49n()));
}

TEST(MetRegridder, LinearFieldExactOnLccWithAnotherCentralMeridian) {
  check_linear_fields(model_grid(wrf_lcc(100.0)));
}

/// Not a tautology of bilinear weights: a field that is not linear in met x (x^2) is not reproduced exactly,
/// and its error is the bilinear one, dx^2/4 at mid-cell at most.
TEST(MetRegridder, QuadraticFieldHasTheBilinearError) {
  const Grid met = met_grid();
  const Grid model = model_grid(utm49n());
  NativeMetRecord r = plain_record(met);
  const double x0 = met.x_centre(10);
  auto pbl = [&](double x, double) { return 1000.0 + 1e-6 * (x - x0) * (x - x0); };
  fill2(r.fields.pbl_height, met, pbl);
  const MetFields f = MetRegridder(met, model, "met").regrid(r);
  double largest = 0.0;
  for (int j = 0; j < model.ny(); ++j)
    for (int i = 0; i < model.nx(); ++i) {
      const ProjectedXY m = in_met(met, model, i, j);
      const double error = f.pbl_height(i, j) - pbl(m.x, m.y);
      EXPECT_GE(error, -1e-9);
      EXPECT_LE(error, 1e-6 * 12000.0 * 12000.0 / 4.0 + 1e-9);
      largest = std::max(largest, error);
    }
  EXPECT_GT(largest, 1.0);  // some model centres lie well inside met cells
}

/// A model grid identical to the met grid is accepted (its edges are the met grid's) and gives back the
/// met values at the mass points.
TEST(MetRegridder, IdenticalGridGivesBackTheMassPoints) {
  const Grid met = met_grid();
  const Grid model(met.nx(), met.ny(), met.dx(), met.dy(), met.x_west(), met.y_south(), layers_above_level1(),
                   met.projection());
  NativeMetRecord r = plain_record(met);
  fill2(r.fields.shortwave_down, met,
        [](double x, double y) { return 400.0 + 1e-4 * x + std::sin(y * 1e-4); });
  const MetFields f = MetRegridder(met, model, "met").regrid(r);
  for (int j = 0; j < met.ny(); ++j)
    for (int i = 0; i < met.nx(); ++i)
      EXPECT_NEAR(f.shortwave_down(i, j), r.fields.shortwave_down(i, j), 1e-8);
}

/// Model centres between the outermost mass points and the met grid's edge take the edge values.
TEST(MetRegridder, HalfCellBandIsClamped) {
  const Grid met = met_grid();
  // A model grid of 3 km cells whose west edge is the met grid's west edge: its first centre is 1.5 km east
  // of the edge, 4.5 km west of the first mass point.
  const Grid model(4, 4, 3000.0, 3000.0, met.x_west(), met.y_centre(5), layers_above_level1(),
                   met.projection());
  NativeMetRecord r = plain_record(met);
  fill2(r.fields.pbl_height, met, [](double x, double) { return 1e-3 * x; });
  const MetFields f = MetRegridder(met, model, "met").regrid(r);
  EXPECT_NEAR(f.pbl_height(0, 0), 1e-3 * met.x_centre(0), 1e-6);
  EXPECT_NEAR(f.pbl_height(1, 0), 1e-3 * met.x_centre(0), 1e-6);          // 4.5 km: still in the band
  EXPECT_NEAR(f.pbl_height(2, 0), 1e-3 * (met.x_west() + 7500.0), 1e-6);  // beyond it: linear again
}

// ---------------------------------------------------------------------------------------------------------
// Winds

/// A uniform eastward earth wind comes out grid-relative per the model projection's rotation: on an LCC grid
/// with central meridian 100 E, a = n (lon - 100 E) with n = ln(cos 25 / cos 47) / ln(tan 68.5 / tan 57.5)
/// (Snyder 1987, eq. 15-3), u = U cos a, v = U sin a at each cell centre, faces the mean of their two cells.
/// The met grid's own rotation (central meridian 110 E) would give a different answer.
TEST(MetRegridder, UniformEastwardWindRotatedToTheModelGrid) {
  const Grid met = met_grid();
  const Grid model = model_grid(wrf_lcc(100.0));
  NativeMetRecord r = plain_record(met);
  const double speed = 10.0;
  r.fields.eastward_wind = Array3(met.nx(), met.ny(), static_cast<int>(kLevels.size()), speed);
  r.fields.northward_wind = Array3(met.nx(), met.ny(), static_cast<int>(kLevels.size()), 0.0);
  const MetFields f = MetRegridder(met, model, "met").regrid(r);

  const double n = std::log(std::cos(25 * deg) / std::cos(47 * deg)) /
                   std::log(std::tan((45 + 23.5) * deg) / std::tan((45 + 12.5) * deg));
  EXPECT_NEAR(n, 0.5915, 1e-4);
  auto angle = [&](int i, int j) { return n * (model.lonlat_centre(i, j).lon - 100.0) * deg; };
  // Kangbashi is 9.8 degrees east of 100 E: the grid's x axis is turned 5.8 degrees from east.
  EXPECT_NEAR(angle(model.nx() / 2, model.ny() / 2), 0.5915 * 9.8 * deg, 0.002);
  ASSERT_EQ(f.u.n0, model.nx() + 1);
  ASSERT_EQ(f.v.n1, model.ny() + 1);
  for (int k = 0; k < model.nz(); ++k)
    for (int j = 0; j < model.ny(); ++j)
      for (int i = 0; i <= model.nx(); ++i)
        EXPECT_NEAR(f.u(i, j, k), 0.5 * speed * (std::cos(angle(i - 1, j)) + std::cos(angle(i, j))), 1e-9);
  for (int k = 0; k < model.nz(); ++k)
    for (int j = 0; j <= model.ny(); ++j)
      for (int i = 0; i < model.nx(); ++i)
        EXPECT_NEAR(f.v(i, j, k), 0.5 * speed * (std::sin(angle(i, j - 1)) + std::sin(angle(i, j))), 1e-9);
  EXPECT_GT(f.v(0, 0, 0), 0.9);  // about 10 sin(5.6 deg): clearly not the unrotated 0
}

/// Earth winds linear in met x, y and height onto a transverse Mercator grid: interpolated at centres and the
/// halo ring, rotated with the UTM convergence at each centre, averaged onto faces.
TEST(MetRegridder, LinearWindsOntoTransverseMercatorFaces) {
  const Grid met = met_grid();
  const Grid model = model_grid(utm49n());
  NativeMetRecord r = plain_record(met);
  auto ue = [](double x, double y, double z) { return 3.0 + 1e-5 * x - 2e-5 * y + 1e-3 * z; };
  auto vn = [](double x, double y, double z) { return -2.0 - 1e-5 * x + 1e-5 * y + 2e-3 * z; };
  fill3(r.fields.eastward_wind, met, r.height, ue);
  fill3(r.fields.northward_wind, met, r.height, vn);
  const MetFields f = MetRegridder(met, model, "met").regrid(r);
  auto grid_wind = [&](int i, int j, double z, bool x_component) {
    const ProjectedXY m = in_met(met, model, i, j);
    const double a = model.projection().grid_rotation(model.lonlat_centre(i, j));
    const double e = ue(m.x, m.y, z), nn = vn(m.x, m.y, z);
    return x_component ? e * std::cos(a) - nn * std::sin(a) : e * std::sin(a) + nn * std::cos(a);
  };
  for (int k = 0; k < model.nz(); ++k) {
    const double z = model.layers().mid(k);
    for (int j = 0; j < model.ny(); ++j)
      for (int i = 0; i <= model.nx(); ++i)
        EXPECT_NEAR(f.u(i, j, k), 0.5 * (grid_wind(i - 1, j, z, true) + grid_wind(i, j, z, true)), 1e-9);
    for (int j = 0; j <= model.ny(); ++j)
      for (int i = 0; i < model.nx(); ++i)
        EXPECT_NEAR(f.v(i, j, k), 0.5 * (grid_wind(i, j - 1, z, false) + grid_wind(i, j, z, false)), 1e-9);
  }
}

/// A uniform earth wind on a Mercator model grid (no rotation) is uniform on every face.
TEST(MetRegridder, UniformEarthWindStaysUniformOnMercator) {
  const Grid met = met_grid();
  const Grid model = model_grid(mercator());
  const MetFields f = MetRegridder(met, model, "met").regrid(plain_record(met));
  for (double u : f.u.data) EXPECT_NEAR(u, 5.0, 1e-12);
  for (double v : f.v.data) EXPECT_NEAR(v, 2.0, 1e-12);
}

/// A wind uniform relative to the met grid (earth components vary with the met rotation) stays uniform on a
/// finer model grid in the same projection: the rotations cancel up to the bilinear error of cos a and sin a
/// over one 12 km met cell (a varies by n dlon ~ 1.4e-3 rad: error ~ (1.4e-3)^2 / 8 ~ 3e-7 relative).
TEST(MetRegridder, UniformGridWindStaysUniformInTheSameProjection) {
  const Grid met = met_grid();
  const Grid model = model_grid(wrf_lcc());
  NativeMetRecord r = plain_record(met);
  const double ug = 7.0, vg = -3.0;
  for (int j = 0; j < met.ny(); ++j)
    for (int i = 0; i < met.nx(); ++i) {
      const double a = met.projection().grid_rotation(met.lonlat_centre(i, j));
      for (int k = 0; k < r.height.n2; ++k) {
        r.fields.eastward_wind(i, j, k) = ug * std::cos(a) + vg * std::sin(a);
        r.fields.northward_wind(i, j, k) = -ug * std::sin(a) + vg * std::cos(a);
      }
    }
  const MetFields f = MetRegridder(met, model, "met").regrid(r);
  for (double u : f.u.data) EXPECT_NEAR(u, ug, 1e-5);
  for (double v : f.v.data) EXPECT_NEAR(v, vg, 1e-5);
}

// ---------------------------------------------------------------------------------------------------------
// Vertical

/// Model layers with mid-points at 10 and 30 m, below a lowest native level at 40 m, then 70 and 150 m.
VerticalLayers surface_layers() {
  return VerticalLayers(std::vector<double>{0, 20, 40, 100, 200, 400});
}

/// Flat native levels (the same heights everywhere) starting at 40 m, uniform fields.
NativeMetRecord flat_record(const Grid& met) {
  return plain_record(met, 0.0, 0.0, std::vector<double>{40, 120, 300, 1000, 3000});
}

TEST(MetRegridder, LogLawBelowTheLowestLevelWithDefaultRoughness) {
  const Grid met = met_grid();
  const Grid model = model_grid(mercator(), surface_layers());
  NativeMetRecord r = flat_record(met);
  const MetFields f = MetRegridder(met, model, "met").regrid(r);
  // u(z) = u(z1) ln(z / z0) / ln(z1 / z0), z0 = 0.1 m: at 10 m 5 * ln(100) / ln(400) = 3.8431.
  EXPECT_NEAR(f.u(3, 4, 0), 5.0 * std::log(100.0) / std::log(400.0), 1e-12);
  EXPECT_NEAR(f.u(3, 4, 0), 3.8431, 1e-4);
  EXPECT_NEAR(f.v(3, 4, 0), 2.0 * std::log(100.0) / std::log(400.0), 1e-12);
  EXPECT_NEAR(f.u(3, 4, 1), 5.0 * std::log(300.0) / std::log(400.0), 1e-12);
  // Above the lowest level the wind is the met's (uniform here).
  EXPECT_NEAR(f.u(3, 4, 2), 5.0, 1e-12);
}

TEST(MetRegridder, LogLawUsesTheRoughnessLength) {
  const Grid met = met_grid();
  const Grid model = model_grid(mercator(), surface_layers());
  NativeMetRecord r = flat_record(met);
  r.roughness_length = Array2(met.nx(), met.ny(), 0.5);
  const MetFields f = MetRegridder(met, model, "met").regrid(r);
  // 5 * ln(10 / 0.5) / ln(40 / 0.5) = 5 * 2.9957 / 4.3820 = 3.4182
  EXPECT_NEAR(f.u(0, 0, 0), 5.0 * std::log(20.0) / std::log(80.0), 1e-12);
  EXPECT_NEAR(f.u(0, 0, 0), 3.4182, 1e-4);
}

TEST(MetRegridder, HydrostaticPressureConstantTemperatureAndHumidityBelowTheLowestLevel) {
  const Grid met = met_grid();
  const Grid model = model_grid(mercator(), surface_layers());
  NativeMetRecord r = flat_record(met);
  r.fields.air_temperature = Array3(met.nx(), met.ny(), 5, 270.0);
  r.fields.air_pressure = Array3(met.nx(), met.ny(), 5, 95000.0);
  const MetFields f = MetRegridder(met, model, "met").regrid(r);
  // p(10 m) = 95000 exp(9.81 * 30 / (287 * 270)) = 95000 * 1.003805 = 95361.5 Pa
  EXPECT_NEAR(f.pressure(2, 2, 0), 95000.0 * std::exp(9.81 * 30.0 / (287.0 * 270.0)), 1e-8);
  EXPECT_NEAR(f.pressure(2, 2, 0), 95361.5, 0.1);
  EXPECT_NEAR(f.pressure(2, 2, 1), 95000.0 * std::exp(9.81 * 10.0 / (287.0 * 270.0)), 1e-8);
  EXPECT_DOUBLE_EQ(f.temperature(2, 2, 0), 270.0);
  EXPECT_DOUBLE_EQ(f.humidity(2, 2, 0), 0.004);
}

/// Profiles linear in height are reproduced exactly at the model mid-heights, with levels whose heights vary
/// from column to column (the column's heights are interpolated horizontally with the same weights).
TEST(MetRegridder, LinearInHeightProfileExact) {
  const Grid met = met_grid();
  const Grid model =
      model_grid(utm49n(), VerticalLayers(std::vector<double>{0, 70, 130, 333, 777, 1500, 7000}));
  NativeMetRecord r = plain_record(met, 0.01, -0.004);
  auto t = [](double, double, double z) { return 288.0 - 0.0065 * z; };
  fill3(r.fields.air_temperature, met, r.height, t);
  fill3(r.fields.eastward_wind, met, r.height, [](double, double, double z) { return 2.0 + 0.004 * z; });
  fill3(r.fields.northward_wind, met, r.height, [](double, double, double) { return 0.0; });
  const MetFields f = MetRegridder(met, model, "met").regrid(r);
  for (int k = 0; k < model.nz(); ++k) {
    const double z = model.layers().mid(k);
    for (int j = 0; j < model.ny(); ++j)
      for (int i = 0; i < model.nx(); ++i) expect_relative(f.temperature(i, j, k), t(0, 0, z), 1e-10, "T");
  }
  // The wind speed profile too: |(u, v)| at a cell, rotated, is the earth speed (only approximately on
  // faces).
  const double a = model.projection().grid_rotation(model.lonlat_centre(5, 5));
  EXPECT_GT(std::abs(a), 0.005);
  EXPECT_NEAR(f.u(5, 5, 3), (2.0 + 0.004 * model.layers().mid(3)) * std::cos(a), 0.01);
}

TEST(MetRegridder, OptionalFieldsCarriedWhenPresent) {
  const Grid met = met_grid();
  const Grid model = model_grid(wrf_lcc());
  NativeMetRecord r = plain_record(met);
  MetFields f = MetRegridder(met, model, "met").regrid(r);
  EXPECT_TRUE(f.w.empty());
  EXPECT_TRUE(f.kz.empty());
  EXPECT_TRUE(f.sensible_heat_flux.empty());
  EXPECT_TRUE(f.precipitation_rate.empty());
  EXPECT_TRUE(f.cloud_fraction.empty());

  r.fields.upward_air_velocity = Array3(met.nx(), met.ny(), static_cast<int>(kLevels.size()), 0.02);
  r.fields.sensible_heat_flux = Array2(met.nx(), met.ny(), 120.0);
  r.fields.kz = Array3(met.nx(), met.ny(), static_cast<int>(kLevels.size()) + 1, 50.0);
  r.precipitation_rate = Array2(met.nx(), met.ny(), 2e-4);
  r.cloud_fraction = Array2(met.nx(), met.ny(), 0.6);
  f = MetRegridder(met, model, "met").regrid(r);
  ASSERT_EQ(f.w.n2, model.nz() + 1);
  EXPECT_DOUBLE_EQ(f.w(3, 3, 0), 0.0);
  EXPECT_NEAR(f.w(3, 3, model.nz()), 0.02, 1e-12);
  EXPECT_NEAR(f.sensible_heat_flux(1, 2), 120.0, 1e-9);
  EXPECT_NEAR(f.precipitation_rate(1, 2), 2e-4, 1e-15);
  EXPECT_NEAR(f.cloud_fraction(1, 2), 0.6, 1e-12);
  EXPECT_TRUE(f.kz.empty());  // the model diagnoses Kz from similarity theory
}

// ---------------------------------------------------------------------------------------------------------
// Errors

TEST(MetRegridder, ModelDomainWestOfTheMetGrid) {
  const Grid met = met_grid();
  const Grid model(10, 10, 4000.0, 4000.0, met.x_west() - 3000.0, met.y_centre(4), layers_above_level1(),
                   met.projection());
  const std::string e = error_of([&] { MetRegridder(met, model, "wrfout_d01"); });
  EXPECT_EQ(
      e,
      "wrfout_d01: the model domain reaches outside the met grid (in the met grid's projection): 3.0 km "
      "beyond its west edge");
}

TEST(MetRegridder, ModelDomainBeyondTheNorthEastCorner) {
  const Grid met = met_grid();
  const double east = met.x_west() + met.nx() * met.dx(), north = met.y_south() + met.ny() * met.dy();
  const Grid model(10, 10, 4000.0, 4000.0, east - 40000.0 + 1500.0, north - 40000.0 + 2000.0,
                   layers_above_level1(), met.projection());
  const std::string e = error_of([&] { MetRegridder(met, model, "met"); });
  EXPECT_NE(e.find("1.5 km beyond its east edge, 2.0 km beyond its north edge"), std::string::npos) << e;
  EXPECT_EQ(e.find("west"), std::string::npos) << e;
}

/// A UTM model grid sticking out south of the LCC met grid: the distance is that of the furthest corner in
/// the met projection.
TEST(MetRegridder, TransverseMercatorModelDomainSouthOfTheMetGrid) {
  const Grid met = met_grid();
  const Projection utm = utm49n();
  // A 40 km UTM grid whose south-west corner is 5 km south of the met grid's south edge at x_centre(8).
  const ProjectedXY sw = utm.forward(met.projection().inverse({met.x_centre(8), met.y_south() - 5000.0}));
  const Grid model(10, 10, 4000.0, 4000.0, sw.x, sw.y, layers_above_level1(), utm);
  double overhang = 0.0;
  for (int c = 0; c < 4; ++c)
    for (int j = 0; j < model.ny(); ++j)
      for (int i = 0; i < model.nx(); ++i)
        overhang =
            std::max(overhang, met.y_south() - met.projection().forward(model.lonlat_corner(i, j, c)).y);
  EXPECT_GT(overhang, 4900.0);
  char expected[64];
  std::snprintf(expected, sizeof expected, "%.1f km beyond its south edge", overhang / 1000.0);
  const std::string e = error_of([&] { MetRegridder(met, model, "met"); });
  EXPECT_NE(e.find(std::string(": ") + expected), std::string::npos) << e << " / " << expected;
  EXPECT_EQ(e.find("west"), std::string::npos) << e;
  EXPECT_EQ(e.find("east"), std::string::npos) << e;
}

TEST(MetRegridder, ModelTopAboveTheMetTop) {
  const Grid met = met_grid();
  const Grid model = model_grid(wrf_lcc(), VerticalLayers(std::vector<double>{0, 50, 1000, 10000, 20000}));
  const MetRegridder regridder(met, model, "wrfout_d01");
  const std::string e = error_of([&] { regridder.regrid(plain_record(met, 0.0, 0.0)); });
  EXPECT_NE(e.find("wrfout_d01: the meteorology reaches only 8000 m above ground at "), std::string::npos)
      << e;
  EXPECT_NE(e.find(", the model's top layer is at 15000 m"), std::string::npos) << e;
  EXPECT_EQ(e.find('\n'), std::string::npos);
  // The lowest met top is reported: level heights grow eastward, so the western halo column.
  const std::string tilted = error_of([&] { regridder.regrid(plain_record(met, 0.05, 0.0)); });
  EXPECT_NE(tilted.find("(model column -1, "), std::string::npos) << tilted;
}

TEST(MetRegridder, LevelsThatDoNotRise) {
  const Grid met = met_grid();
  const Grid model = model_grid(wrf_lcc());
  NativeMetRecord r = plain_record(met, 0.0, 0.0);
  for (int j = 0; j < met.ny(); ++j)
    for (int i = 0; i < met.nx(); ++i) r.height(i, j, 3) = r.height(i, j, 2);
  const std::string e = error_of([&] { MetRegridder(met, model, "met").regrid(r); });
  EXPECT_NE(e.find("met level 3 is not above level 2 at "), std::string::npos) << e;
}

TEST(MetRegridder, RecordThatDoesNotFitTheMetGrid) {
  const Grid met = met_grid();
  NativeMetRecord r = plain_record(met);
  r.fields.pbl_height = Array2(met.nx() - 1, met.ny());
  const std::string e = error_of([&] { MetRegridder(met, model_grid(wrf_lcc()), "met").regrid(r); });
  EXPECT_EQ(e, "met: native record field 'pbl_height' is 19 x 16, the met grid is 20 x 16");
}

// ---------------------------------------------------------------------------------------------------------
// The source

TEST(RegriddedMetSource, TimesAndRecordsOfTheNativeSource) {
  SyntheticMet native;
  native.g = met_grid();
  native.t = {parse_utc("2026-11-28T00"), parse_utc("2026-11-28T01")};
  native.records = {plain_record(native.g), plain_record(native.g)};
  native.records[1].fields.air_temperature = Array3(20, 16, static_cast<int>(kLevels.size()), 275.0);
  native.records[1].height = Array3(20, 16, static_cast<int>(kLevels.size()), 100.0);  // levels do not rise
  const Grid model = model_grid(mercator());
  const RegriddedMetSource source(native, model);
  EXPECT_EQ(source.times(), native.t);
  EXPECT_EQ(source.description(), "synthetic wrfout");
  const MetFields f = source.read(0);
  EXPECT_EQ(f.u.n0, model.nx() + 1);
  EXPECT_NEAR(f.temperature(4, 4, 2), 280.0, 1e-12);
  const std::string e = error_of([&] { source.read(1); });
  EXPECT_NE(e.find("synthetic wrfout: met level 1 is not above level 0 at "), std::string::npos) << e;
  EXPECT_NE(e.find(" (record 1, 2026-11-28T01:00:00Z)"), std::string::npos) << e;
}

TEST(RegriddedMetSource, CoverageErrorNamesTheSource) {
  SyntheticMet native;
  native.g = met_grid();
  const Grid model(4, 4, 4000.0, 4000.0, native.g.x_west() + 100000.0, native.g.y_south() - 12345.0,
                   layers_above_level1(), native.g.projection());
  const std::string e = error_of([&] { RegriddedMetSource(native, model); });
  EXPECT_NE(e.find("synthetic wrfout: "), std::string::npos) << e;
  EXPECT_NE(e.find("12.3 km beyond its south edge"), std::string::npos) << e;
}

}  // namespace
}  // namespace airshed
