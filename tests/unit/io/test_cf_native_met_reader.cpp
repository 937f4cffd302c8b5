// SPDX-License-Identifier: Apache-2.0
// CF meteorology on any model grid: CfNativeMetReader gives back what write_cf_met wrote on the whole met
// grid (winds earth-relative, heights = the layer mid-heights); CaseMeteorology reads a window in place and
// regrids any other model grid; a required quantity that cannot be found is one line listing the file's
// variables.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <netcdf>

#include "core/error.hpp"
#include "driver/met_setup.hpp"
#include "io/cf_grid.hpp"
#include "io/cf_met_reader.hpp"
#include "io/cf_met_writer.hpp"
#include "io/cf_native_met_reader.hpp"
#include "io_test_support.hpp"

namespace airshed {
namespace {

using test::met_grid;
using test::synthetic_record;

class CfNativeMet : public ::testing::Test {
 protected:
  void SetUp() override { path_ = (test::scratch_dir() / "met.nc").string(); }

  void write(const std::function<MetRecord(std::size_t)>& record) {
    write_cf_met(path_, met_grid(), test::test_times(), record, "test", "cf native met test");
  }
  void write_synthetic() {
    write([](std::size_t r) { return synthetic_record(met_grid(), r); });
  }

  template <class Action>
  std::string message_of(Action action) {
    try {
      action();
    } catch (const InputError& e) {
      return e.what();
    }
    ADD_FAILURE() << "no InputError";
    return {};
  }

  std::string path_;
};

void expect_same(const Array3& actual, const Array3& expected, const char* what) {
  ASSERT_EQ(actual.n0, expected.n0) << what;
  ASSERT_EQ(actual.n1, expected.n1) << what;
  ASSERT_EQ(actual.n2, expected.n2) << what;
  for (std::size_t n = 0; n < expected.data.size(); ++n) ASSERT_EQ(actual.data[n], expected.data[n]) << what;
}

void expect_same(const Array2& actual, const Array2& expected, const char* what) {
  ASSERT_EQ(actual.n0, expected.n0) << what;
  ASSERT_EQ(actual.n1, expected.n1) << what;
  for (std::size_t n = 0; n < expected.data.size(); ++n) ASSERT_EQ(actual.data[n], expected.data[n]) << what;
}

TEST_F(CfNativeMet, RecordIsWhatWasWrittenOnTheWholeMetGrid) {
  write_synthetic();
  const CfNativeMetReader reader(path_);
  const Grid met = met_grid();
  const Grid& g = reader.grid();
  EXPECT_EQ(g.nx(), met.nx());
  EXPECT_EQ(g.ny(), met.ny());
  EXPECT_NEAR(g.dx(), met.dx(), 1e-6);
  EXPECT_NEAR(g.x_west(), met.x_west(), 1e-6);
  EXPECT_NEAR(g.y_south(), met.y_south(), 1e-6);
  EXPECT_EQ(projection_difference(g.projection(), met.projection()), "");
  EXPECT_EQ(reader.times(), test::test_times());
  EXPECT_EQ(reader.description(), path_);

  const NativeMetRecord r = reader.read(1);
  const MetRecord m = synthetic_record(met, 1);
  expect_same(r.fields.eastward_wind, m.eastward_wind, "eastward wind");
  expect_same(r.fields.northward_wind, m.northward_wind, "northward wind");
  expect_same(r.fields.upward_air_velocity, m.upward_air_velocity, "w");
  expect_same(r.fields.air_temperature, m.air_temperature, "T");
  expect_same(r.fields.air_pressure, m.air_pressure, "p");
  expect_same(r.fields.humidity_mixing_ratio, m.humidity_mixing_ratio, "qv");
  expect_same(r.fields.pbl_height, m.pbl_height, "pblh");
  expect_same(r.fields.friction_velocity, m.friction_velocity, "u*");
  expect_same(r.fields.shortwave_down, m.shortwave_down, "swdown");
  expect_same(r.fields.sensible_heat_flux, m.sensible_heat_flux, "hfx");
  EXPECT_TRUE(r.fields.kz.data.empty()) << "Kz is the model's own on a regridded grid";
  EXPECT_TRUE(r.precipitation_rate.data.empty());
  EXPECT_TRUE(r.cloud_fraction.data.empty());
  // Heights: the layer mid-points 25, 100, 275, 700 m in every column.
  ASSERT_EQ(r.height.n2, met.nz());
  for (int k = 0; k < met.nz(); ++k)
    for (int j = 0; j < met.ny(); ++j)
      for (int i = 0; i < met.nx(); ++i) ASSERT_EQ(r.height(i, j, k), met.layers().mid(k));
  EXPECT_EQ(r.height(3, 2, 2), 275.0);
  EXPECT_THROW(reader.read(3), std::out_of_range);
}

// A file with grid-relative x_wind / y_wind: the reader rotates them back to earth-relative with the met
// projection's rotation at each cell centre (2.8 degrees and more: the grid lies 4.6 degrees and more east
// of the central meridian).
TEST_F(CfNativeMet, GridRelativeWindsComeBackEarthRelative) {
  const Grid met = met_grid();
  write([&](std::size_t r) {
    MetRecord m = synthetic_record(met, r);
    for (int k = 0; k < met.nz(); ++k)
      for (int j = 0; j < met.ny(); ++j)
        for (int i = 0; i < met.nx(); ++i) {
          const double a = met.projection().grid_rotation(met.lonlat_centre(i, j));
          const double ue = m.eastward_wind(i, j, k), vn = m.northward_wind(i, j, k);
          m.eastward_wind(i, j, k) = ue * std::cos(a) - vn * std::sin(a);
          m.northward_wind(i, j, k) = ue * std::sin(a) + vn * std::cos(a);
        }
    return m;
  });
  {
    test::NcEdit edit(path_);
    edit.set_text("u", "standard_name", "x_wind");
    edit.set_text("v", "standard_name", "y_wind");
  }
  EXPECT_GT(std::abs(met.projection().grid_rotation(met.lonlat_centre(0, 0))), 0.04);
  const NativeMetRecord r = CfNativeMetReader(path_).read(2);
  const MetRecord m = synthetic_record(met, 2);
  for (std::size_t n = 0; n < m.eastward_wind.data.size(); ++n) {
    EXPECT_NEAR(r.fields.eastward_wind.data[n], m.eastward_wind.data[n], 1e-12);
    EXPECT_NEAR(r.fields.northward_wind.data[n], m.northward_wind.data[n], 1e-12);
  }
}

// Precipitation and cloud cover, optional, are read when the file has them (cloud cover in %, converted).
TEST_F(CfNativeMet, PrecipitationAndCloudCoverWhenPresent) {
  write_synthetic();
  const Grid met = met_grid();
  const auto value = [](int i, int j, std::size_t r) { return 1e-4 * (1 + i + 10 * j) + 1e-5 * r; };
  {
    netCDF::NcFile file(path_, netCDF::NcFile::write);
    const std::vector<netCDF::NcDim> dims{file.getDim("time"), file.getDim("y"), file.getDim("x")};
    netCDF::NcVar pr = file.addVar("pr", netCDF::ncDouble, dims);
    pr.putAtt("standard_name", "precipitation_flux");
    pr.putAtt("units", "kg m-2 s-1");
    netCDF::NcVar clt = file.addVar("clt", netCDF::ncFloat, dims);
    clt.putAtt("standard_name", "cloud_area_fraction");
    clt.putAtt("units", "%");
    for (std::size_t r = 0; r < 3; ++r) {
      std::vector<double> p;
      std::vector<float> c;
      for (int j = 0; j < met.ny(); ++j)
        for (int i = 0; i < met.nx(); ++i) {
          p.push_back(value(i, j, r));
          c.push_back(static_cast<float>(10 * i + j));
        }
      pr.putVar({r, 0, 0}, {1, std::size_t(met.ny()), std::size_t(met.nx())}, p.data());
      clt.putVar({r, 0, 0}, {1, std::size_t(met.ny()), std::size_t(met.nx())}, c.data());
    }
  }
  const NativeMetRecord r = CfNativeMetReader(path_).read(1);
  ASSERT_EQ(r.precipitation_rate.n0, met.nx());
  ASSERT_EQ(r.cloud_fraction.n1, met.ny());
  EXPECT_EQ(r.precipitation_rate(5, 3), value(5, 3, 1));
  EXPECT_NEAR(r.cloud_fraction(5, 3), 0.53, 1e-12);
  // The window path reads them too.
  const MetFields f = CfMetReader(path_, test::window_grid(4, 3, 2, 1)).read(1);
  EXPECT_EQ(f.precipitation_rate(3, 2), value(5, 3, 1));
  EXPECT_NEAR(f.cloud_fraction(3, 2), 0.53, 1e-12);
}

/// Transverse Mercator (central meridian 115 E), 5 km cells, other layers: 10 x 8 cells centred on the
/// middle of the 12 km Lambert met grid.
Grid transverse_mercator_model() {
  Projection tm;
  tm.kind = Projection::Kind::transverse_mercator;
  tm.longitude_of_central_meridian = 115.0;
  tm.latitude_of_projection_origin = 39.0;
  tm.scale_factor = 0.9996;
  tm.false_easting = 500000.0;
  tm.semi_major_axis = 6378137.0;
  tm.inverse_flattening = 298.257223563;
  const Grid met = met_grid();
  const LonLat centre = met.projection().inverse(
      {met.x_west() + 0.5 * met.nx() * met.dx(), met.y_south() + 0.5 * met.ny() * met.dy()});
  const ProjectedXY c = tm.forward(centre);
  const double d = 5000.0;
  // Every model mid-height (30, 130, 350 m) between the met's lowest and highest levels (25, 700 m), where
  // the vertical interpolation is linear.
  return Grid(10, 8, d, d, c.x - 5 * d, c.y - 4 * d, VerticalLayers(std::vector<double>{0, 60, 200, 500}),
              tm);
}

// A model grid in another projection, at another resolution and with other layers goes through
// CaseMeteorology: the CF file is regridded, and fields linear in met x, y and height come out exactly.
TEST_F(CfNativeMet, OtherProjectionIsRegriddedAndReproducesLinearFields) {
  const Grid met = met_grid();
  const auto t = [](double x, double y, double z) {
    return 280.0 + 2e-5 * (x - 4e5) - 3e-5 * y - 0.0065 * z;
  };
  const auto p = [](double x, double y, double z) {
    return 90000.0 - 0.01 * (x - 4e5) + 0.02 * y - 11.0 * z;
  };
  const auto pbl = [](double x, double y) { return 800.0 + 1e-3 * (x - 4e5) - 2e-3 * y; };
  write([&](std::size_t r) {
    MetRecord m = synthetic_record(met, r);
    for (int k = 0; k < met.nz(); ++k)
      for (int j = 0; j < met.ny(); ++j)
        for (int i = 0; i < met.nx(); ++i) {
          const double x = met.x_centre(i), y = met.y_centre(j), z = met.layers().mid(k);
          m.air_temperature(i, j, k) = t(x, y, z);
          m.air_pressure(i, j, k) = p(x, y, z);
          if (k == 0) m.pbl_height(i, j) = pbl(x, y);
        }
    return m;
  });
  const Grid model = transverse_mercator_model();
  EXPECT_FALSE(CfMetReader::holds_window(path_, model));
  const CaseMeteorology case_met({path_}, MetFormat::automatic, model);
  EXPECT_EQ(case_met.format(), MetFormat::cf);
  EXPECT_EQ(dynamic_cast<const CfMetReader*>(&case_met.source()), nullptr);
  EXPECT_EQ(case_met.source().times(), test::test_times());
  const MetFields f = case_met.source().read(0);
  ASSERT_EQ(f.temperature.n0, model.nx());
  ASSERT_EQ(f.temperature.n2, model.nz());
  ASSERT_EQ(f.u.n0, model.nx() + 1);
  for (int j = 0; j < model.ny(); ++j)
    for (int i = 0; i < model.nx(); ++i) {
      const ProjectedXY m = met.projection().forward(model.lonlat_centre(i, j));
      for (int k = 0; k < model.nz(); ++k) {
        const double z = model.layers().mid(k);
        EXPECT_NEAR(f.temperature(i, j, k), t(m.x, m.y, z), 1e-9) << i << "," << j << "," << k;
        EXPECT_NEAR(f.pressure(i, j, k), p(m.x, m.y, z), 1e-7) << i << "," << j << "," << k;
      }
      EXPECT_NEAR(f.pbl_height(i, j), pbl(m.x, m.y), 1e-9) << i << "," << j;
    }
}

// A window of the met grid still takes the in-place path: the same MetFields, bit for bit, as CfMetReader
// on that window (face winds from the met cells, the file's own Kz), not a regridded approximation.
TEST_F(CfNativeMet, WindowIsStillReadInPlace) {
  write_synthetic();
  const Grid model = test::window_grid(4, 3, 2, 1, 3);
  EXPECT_TRUE(CfMetReader::holds_window(path_, model));
  const CaseMeteorology case_met({path_}, MetFormat::cf, model);
  ASSERT_NE(dynamic_cast<const CfMetReader*>(&case_met.source()), nullptr);
  const CfMetReader direct(path_, model);
  for (std::size_t r = 0; r < 3; ++r) {
    const MetFields a = case_met.source().read(r), b = direct.read(r);
    expect_same(a.u, b.u, "u");
    expect_same(a.v, b.v, "v");
    expect_same(a.w, b.w, "w");
    expect_same(a.temperature, b.temperature, "T");
    expect_same(a.pressure, b.pressure, "p");
    expect_same(a.humidity, b.humidity, "qv");
    expect_same(a.kz, b.kz, "kz");
    expect_same(a.pbl_height, b.pbl_height, "pblh");
    expect_same(a.friction_velocity, b.friction_velocity, "u*");
    expect_same(a.shortwave_down, b.shortwave_down, "swdown");
    expect_same(a.sensible_heat_flux, b.sensible_heat_flux, "hfx");
    // The in-place path's own marks: the file's Kz, and temperature at model cell (0, 0) = met cell (2, 1).
    ASSERT_FALSE(a.kz.data.empty());
    EXPECT_EQ(a.temperature(0, 0, 0), synthetic_record(met_grid(), r).air_temperature(2, 1, 0));
  }
  // Shifted by half a cell, finer, or another projection: not a window.
  const Grid g = met_grid();
  EXPECT_FALSE(CfMetReader::holds_window(
      path_, Grid(4, 3, g.dx(), g.dy(), g.x_west() + 0.5 * g.dx(), g.y_south(), g.layers(), g.projection())));
  EXPECT_FALSE(CfMetReader::holds_window(
      path_, Grid(4, 3, 0.5 * g.dx(), g.dy(), g.x_west(), g.y_south(), g.layers(), g.projection())));
  EXPECT_FALSE(CfMetReader::holds_window(path_, transverse_mercator_model()));
}

// A CF-ish file (names from another model, no standard_name): what cannot be mapped and everything the file
// has, in one line, from either reader and through CaseMeteorology.
TEST_F(CfNativeMet, UnmappedQuantitiesListTheFilesVariables) {
  write_synthetic();
  {
    test::NcEdit edit(path_);
    edit.remove_attribute("t", "standard_name");
    edit.rename("t", "tk");
    edit.remove_attribute("p", "standard_name");
    edit.rename("p", "slp");
  }
  for (const std::string& m :
       {message_of([&] { CfNativeMetReader reader(path_); }),
        message_of([&] { CfMetReader reader(path_, met_grid()); }),
        message_of([&] { CaseMeteorology case_met({path_}, MetFormat::cf, transverse_mercator_model()); })}) {
    EXPECT_EQ(
        m.rfind(path_ + ": variable 'air_temperature' is missing (looked for standard_name air_temperature, "
                        "then variables t, ta, temp, T, TA)",
                0),
        0u)
        << m;
    EXPECT_NE(m.find("variable 'air_pressure' is missing"), std::string::npos) << m;
    EXPECT_NE(m.find("; the file has: "), std::string::npos) << m;
    for (const char* listed : {"u (eastward_wind)", "tk", "slp", "qv (humidity_mixing_ratio)", "ust", "crs"})
      EXPECT_NE(m.find(listed), std::string::npos) << listed << " in " << m;
    EXPECT_EQ(m.find("x (projection_x_coordinate)"), std::string::npos)
        << "coordinates are not listed: " << m;
    EXPECT_EQ(m.find('\n'), std::string::npos) << m;
  }
}

// Without an eastward wind there is no grid; the message still names every missing quantity and the file's
// variables.
TEST_F(CfNativeMet, NoWindStillListsTheFilesVariables) {
  write_synthetic();
  {
    test::NcEdit edit(path_);
    edit.remove_attribute("u", "standard_name");
    edit.rename("u", "uu");
    edit.remove_attribute("t", "standard_name");
    edit.rename("t", "tk");
  }
  const std::string m = message_of([&] { CfNativeMetReader reader(path_); });
  EXPECT_EQ(m.rfind(path_ + ": variable 'eastward_wind' is missing", 0), 0u) << m;
  EXPECT_NE(m.find("variable 'air_temperature' is missing"), std::string::npos) << m;
  EXPECT_EQ(m.find("variable 'northward_wind' is missing"), std::string::npos) << m;
  EXPECT_NE(m.find("the file has: "), std::string::npos) << m;
  EXPECT_NE(m.find("uu"), std::string::npos) << m;
  EXPECT_EQ(m.find('\n'), std::string::npos) << m;
}

}  // namespace
}  // namespace airshed
