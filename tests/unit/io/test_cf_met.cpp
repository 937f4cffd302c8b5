// SPDX-License-Identifier: Apache-2.0
// Round trip write_cf_met -> CfMetReader on the met grid itself and on sub-windows of it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <netcdf>

#include "io/cf_grid.hpp"
#include "io/cf_met_reader.hpp"
#include "io/cf_met_writer.hpp"
#include "io_test_support.hpp"
#include "tolerances.hpp"

namespace airshed {
namespace {

using test::met_grid;
using test::synthetic_record;
using test::window_grid;

void expect_near(double actual, double expected, const char* what) {
  EXPECT_NEAR(actual, expected, tolerances::state_relative * std::max(1.0, std::abs(expected))) << what;
}

std::string write_met(
    const std::filesystem::path& dir, const std::function<MetRecord(std::size_t)>& record =
                                          [](std::size_t r) { return synthetic_record(met_grid(), r); }) {
  const std::string path = (dir / "met.nc").string();
  write_cf_met(path, met_grid(), test::test_times(), record, "2026-11-29T00:00:00Z test", "io test met");
  return path;
}

/// Grid-relative components of the met record at met cell (i, j, k), as the reader must compute them.
struct GridWind {
  double u, v;
};
GridWind grid_wind(const MetRecord& m, int i, int j, int k) {
  const Grid g = met_grid();
  const double a = g.projection().grid_rotation(g.lonlat_centre(i, j));
  const double ue = m.eastward_wind(i, j, k), vn = m.northward_wind(i, j, k);
  return {ue * std::cos(a) - vn * std::sin(a), ue * std::sin(a) + vn * std::cos(a)};
}

/// Checks every field of `f` on the model window (di, dj) against met record `m`.
void expect_window(const MetFields& f, const MetRecord& m, const Grid& model, int di, int dj) {
  const Grid met = met_grid();
  const int nx = model.nx(), ny = model.ny(), nz = model.nz();
  ASSERT_EQ(f.u.n0, nx + 1);
  ASSERT_EQ(f.v.n1, ny + 1);
  ASSERT_EQ(f.temperature.n2, nz);
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i) {
        expect_near(f.temperature(i, j, k), m.air_temperature(di + i, dj + j, k), "T");
        expect_near(f.pressure(i, j, k), m.air_pressure(di + i, dj + j, k), "p");
        expect_near(f.humidity(i, j, k), m.humidity_mixing_ratio(di + i, dj + j, k), "qv");
      }
  // Faces: mean of the two adjacent met cells; the boundary cell alone where the met grid ends.
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i <= nx; ++i) {
        const int west = std::max(di + i - 1, 0), east = std::min(di + i, met.nx() - 1);
        expect_near(f.u(i, j, k), 0.5 * (grid_wind(m, west, dj + j, k).u + grid_wind(m, east, dj + j, k).u),
                    "u");
      }
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j <= ny; ++j)
      for (int i = 0; i < nx; ++i) {
        const int south = std::max(dj + j - 1, 0), north = std::min(dj + j, met.ny() - 1);
        expect_near(f.v(i, j, k), 0.5 * (grid_wind(m, di + i, south, k).v + grid_wind(m, di + i, north, k).v),
                    "v");
      }
  // w: 0 at the ground, mean of adjacent layers, top layer value at the top unless the met has a layer above.
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      const auto w = [&](int k) { return m.upward_air_velocity(di + i, dj + j, k); };
      EXPECT_EQ(f.w(i, j, 0), 0.0);
      for (int k = 1; k < nz; ++k) expect_near(f.w(i, j, k), 0.5 * (w(k - 1) + w(k)), "w");
      expect_near(f.w(i, j, nz), nz < met.nz() ? 0.5 * (w(nz - 1) + w(nz)) : w(nz - 1), "w top");
      for (int k = 0; k <= nz; ++k) expect_near(f.kz(i, j, k), m.kz(di + i, dj + j, k), "kz");
      expect_near(f.pbl_height(i, j), m.pbl_height(di + i, dj + j), "pblh");
      expect_near(f.friction_velocity(i, j), m.friction_velocity(di + i, dj + j), "ust");
      expect_near(f.shortwave_down(i, j), m.shortwave_down(di + i, dj + j), "swdown");
      expect_near(f.sensible_heat_flux(i, j), m.sensible_heat_flux(di + i, dj + j), "hfx");
    }
}

TEST(CfMet, RoundTripOnTheMetGrid) {
  const std::string path = write_met(test::scratch_dir());
  const CfMetReader reader(path, met_grid());
  EXPECT_EQ(reader.times(), test::test_times());
  EXPECT_EQ(reader.description(), path);
  for (std::size_t r = 0; r < 3; ++r) {
    SCOPED_TRACE(r);
    expect_window(reader.read(r), synthetic_record(met_grid(), r), met_grid(), 0, 0);
  }
}

TEST(CfMet, RoundTripOnASubWindowUsesTheMetCellsOutsideIt) {
  const std::string path = write_met(test::scratch_dir());
  const Grid model = window_grid(4, 3, 2, 1);
  const CfMetReader reader(path, model);
  const MetRecord m = synthetic_record(met_grid(), 2);
  const MetFields f = reader.read(2);
  expect_window(f, m, model, 2, 1);
  // Spelled out for the west face of the window: met cells 1 and 2 of row 1 + 0.
  expect_near(f.u(0, 0, 0), 0.5 * (grid_wind(m, 1, 1, 0).u + grid_wind(m, 2, 1, 0).u), "west face");
  expect_near(f.v(0, 0, 0), 0.5 * (grid_wind(m, 2, 0, 0).v + grid_wind(m, 2, 1, 0).v), "south face");
}

TEST(CfMet, FewerModelLayersTakeTheLowerMetLayers) {
  const std::string path = write_met(test::scratch_dir());
  const Grid model = window_grid(3, 2, 5, 4, 3);
  const CfMetReader reader(path, model);
  expect_window(reader.read(1), synthetic_record(met_grid(), 1), model, 5, 4);
}

TEST(CfMet, EastwardWindBecomesGridRelativeByTheGridRotation) {
  const std::string path = write_met(test::scratch_dir(), [](std::size_t r) {
    MetRecord m = synthetic_record(met_grid(), r);
    std::fill(m.eastward_wind.data.begin(), m.eastward_wind.data.end(), 10.0);
    std::fill(m.northward_wind.data.begin(), m.northward_wind.data.end(), 0.0);
    return m;
  });
  const Grid g = met_grid();
  const MetFields f = CfMetReader(path, g).read(0);
  double largest = 0.0;
  for (int j = 0; j < g.ny(); ++j)
    for (int i = 0; i < g.nx(); ++i) {
      const double a = g.projection().grid_rotation(g.lonlat_centre(i, j));
      largest = std::max(largest, std::abs(a));
      // Boundary faces carry the boundary cell's own value: (u cos a, u sin a) exactly.
      if (i == 0) expect_near(f.u(0, j, 1), 10.0 * std::cos(a), "u west boundary");
      if (j == 0) expect_near(f.v(i, 0, 1), 10.0 * std::sin(a), "v south boundary");
      if (i == g.nx() - 1) expect_near(f.u(g.nx(), j, 2), 10.0 * std::cos(a), "u east boundary");
    }
  EXPECT_GT(largest, 0.03);  // the test grid lies ~5 degrees east of the central meridian
}

TEST(CfMet, GridRelativeWindsAreNotRotated) {
  const std::string path = write_met(test::scratch_dir());
  {
    test::NcEdit edit(path);
    edit.set_text("u", "standard_name", "x_wind");
    edit.set_text("v", "standard_name", "y_wind");
  }
  const MetRecord m = synthetic_record(met_grid(), 0);
  const MetFields f = CfMetReader(path, met_grid()).read(0);
  expect_near(f.u(0, 2, 1), m.eastward_wind(0, 2, 1), "u boundary");
  expect_near(f.u(3, 2, 1), 0.5 * (m.eastward_wind(2, 2, 1) + m.eastward_wind(3, 2, 1)), "u interior");
  expect_near(f.v(4, 3, 0), 0.5 * (m.northward_wind(4, 2, 0) + m.northward_wind(4, 3, 0)), "v interior");
}

TEST(CfMet, SpecificHumidityConvertsToMixingRatio) {
  const std::string path = write_met(test::scratch_dir());
  {
    test::NcEdit edit(path);
    edit.set_text("qv", "standard_name", "specific_humidity");
    edit.set_text("qv", "units", "g kg-1");
  }
  const MetRecord m = synthetic_record(met_grid(), 0);
  const MetFields f = CfMetReader(path, met_grid()).read(0);
  const double q = m.humidity_mixing_ratio(3, 4, 2) * 1e-3;
  expect_near(f.humidity(3, 4, 2), q / (1.0 - q), "q -> mixing ratio");
}

TEST(CfMet, DecreasingYCoordinateIsReadNorthToSouth) {
  const std::string path = write_met(test::scratch_dir());
  const Grid g = met_grid();
  {
    test::NcEdit edit(path);
    for (std::size_t j = 0; j < 6; ++j) edit.put("y", {j}, g.y_centre(5 - static_cast<int>(j)));
  }
  const MetRecord m = synthetic_record(g, 0);
  const MetFields f = CfMetReader(path, g).read(0);
  for (int j = 0; j < g.ny(); ++j) {
    expect_near(f.temperature(2, j, 1), m.air_temperature(2, g.ny() - 1 - j, 1), "T flipped");
    expect_near(f.pbl_height(4, j), m.pbl_height(4, g.ny() - 1 - j), "pblh flipped");
  }
}

TEST(CfMet, OptionalFieldsAbsentStayEmpty) {
  const std::string path = write_met(test::scratch_dir(), [](std::size_t r) {
    MetRecord m = synthetic_record(met_grid(), r);
    m.upward_air_velocity = Array3();
    m.kz = Array3();
    m.sensible_heat_flux = Array2();
    return m;
  });
  netCDF::NcFile file(path, netCDF::NcFile::read);
  EXPECT_TRUE(file.getVar("w").isNull());
  EXPECT_TRUE(file.getVar("kz").isNull());
  EXPECT_TRUE(file.getDim(cf_name::interface_dim).isNull());
  const MetFields f = CfMetReader(path, met_grid()).read(0);
  EXPECT_TRUE(f.w.empty());
  EXPECT_TRUE(f.kz.empty());
  EXPECT_TRUE(f.sensible_heat_flux.empty());
  EXPECT_FALSE(f.temperature.empty());
}

TEST(CfMet, WrittenFileFollowsTheConventionsTheReaderDocuments) {
  const std::string path = write_met(test::scratch_dir());
  netCDF::NcFile file(path, netCDF::NcFile::read);
  EXPECT_EQ(file.getDim(cf_name::interface_dim).getSize(), 5u);
  EXPECT_EQ(dimension_names(file.getVar("kz")),
            (std::vector<std::string>{"time", cf_name::interface_dim, "y", "x"}));
  EXPECT_EQ(dimension_names(file.getVar("t")), (std::vector<std::string>{"time", "z", "y", "x"}));
  EXPECT_EQ(dimension_names(file.getVar("pblh")), (std::vector<std::string>{"time", "y", "x"}));
  EXPECT_EQ(text_attribute(file.getVar("ust"), "long_name"), "friction velocity");
  EXPECT_EQ(text_attribute(file.getVar("ust"), "units"), "m s-1");
  EXPECT_FALSE(text_attribute(file.getVar("ust"), "standard_name").has_value());
  EXPECT_EQ(text_attribute(file.getVar("v"), "standard_name"), "northward_wind");
  EXPECT_EQ(text_attribute(file.getVar("t"), "grid_mapping"), "crs");
  EXPECT_EQ(text_attribute(file.getVar("time"), "units"), "hours since 2021-07-01 00:00:00");
  const auto parallels = number_attribute(file.getVar("crs"), "standard_parallel");
  ASSERT_TRUE(parallels.has_value());
  EXPECT_EQ(*parallels, (std::vector<double>{25.0, 47.0}));
  EXPECT_EQ(number_attribute(file.getVar("crs"), "earth_radius"), std::vector<double>{6370000.0});
  EXPECT_EQ(projection_difference(read_cf_crs(file.getVar("crs"), path), test::test_lcc()), "");
}

void expect_same_grid(const Grid& a, const Grid& b) {
  EXPECT_EQ(a.nx(), b.nx());
  EXPECT_EQ(a.ny(), b.ny());
  EXPECT_NEAR(a.dx(), b.dx(), 1e-9);
  EXPECT_NEAR(a.dy(), b.dy(), 1e-9);
  EXPECT_NEAR(a.x_west(), b.x_west(), 1e-6);
  EXPECT_NEAR(a.y_south(), b.y_south(), 1e-6);
  ASSERT_EQ(a.nz(), b.nz());
  for (int k = 0; k <= a.nz(); ++k) EXPECT_NEAR(a.layers().interface(k), b.layers().interface(k), 1e-9) << k;
  EXPECT_EQ(projection_difference(a.projection(), b.projection()), "");
}

TEST(CfGrid, ReadCfGridRecoversTheWrittenGrid) {
  const std::string path = write_met(test::scratch_dir());
  {
    netCDF::NcFile file(path, netCDF::NcFile::read);
    const CfGrid g = read_cf_grid(file, file.getVar("t"), path);
    expect_same_grid(g.grid, met_grid());
    EXPECT_FALSE(g.x_reversed);
    EXPECT_EQ(g.times, test::test_times());
    EXPECT_EQ(g.z_dim, "z");
  }
  {
    // Without z_bnds the interfaces follow from the mid-points; x in km is scaled to metres.
    test::NcEdit edit(path);
    edit.remove_attribute("z", "bounds");
    edit.set_text("x", "units", "km");
    for (std::size_t i = 0; i < 8; ++i) edit.put("x", {i}, met_grid().x_centre(static_cast<int>(i)) / 1000.0);
  }
  netCDF::NcFile file(path, netCDF::NcFile::read);
  expect_same_grid(read_cf_grid(file, file.getVar("t"), path).grid, met_grid());
}

TEST(CfGrid, CrsRoundTripsForEveryProjectionKind) {
  const auto dir = test::scratch_dir();
  std::vector<Projection> projections;
  Projection tm;
  tm.kind = Projection::Kind::transverse_mercator;
  tm.scale_factor = 0.9996;
  tm.longitude_of_central_meridian = 111.0;
  tm.false_easting = 500000.0;
  tm.semi_major_axis = 6378137.0;
  tm.inverse_flattening = 298.257223563;
  Projection polar;
  polar.kind = Projection::Kind::polar_stereographic;
  polar.latitude_of_projection_origin = 90.0;
  polar.standard_parallel_1 = polar.standard_parallel_2 = 60.0;
  polar.longitude_of_central_meridian = -105.0;
  Projection mercator;
  mercator.kind = Projection::Kind::mercator;
  mercator.standard_parallel_1 = mercator.standard_parallel_2 = 20.0;
  mercator.longitude_of_central_meridian = 100.0;
  Projection tangent = test::test_lcc();
  tangent.standard_parallel_2 = tangent.standard_parallel_1;
  for (const Projection& p : {test::test_lcc(), tangent, tm, polar, mercator}) {
    SCOPED_TRACE(p.cf_grid_mapping_name());
    const std::string path = (dir / ("crs_" + p.cf_grid_mapping_name() + ".nc")).string();
    {
      netCDF::NcFile file(path, netCDF::NcFile::replace, netCDF::NcFile::nc4);
      write_cf_crs(file, p);
    }
    netCDF::NcFile file(path, netCDF::NcFile::read);
    EXPECT_EQ(projection_difference(read_cf_crs(file.getVar("crs"), path), p), "");
    EXPECT_EQ(text_attribute(file.getVar("crs"), "crs_wkt"), p.to_wkt());
  }
}

}  // namespace
}  // namespace airshed
