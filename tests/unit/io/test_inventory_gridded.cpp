// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <netcdf>
#include <string>
#include <vector>

#include "io/gridded_emission_reader.hpp"
#include "test_inventory_support.hpp"

namespace airshed {
namespace {

using emis::Pollutant;
using test::expect_error;

const Grid kGrid = test::inventory_grid();

struct Window {
  std::vector<double> x, y;  ///< cell centres [m] as stored, any order
  std::string units = "kg m-2 s-1";
  std::string name = "NOx";
};

/// A tiny CF file: `name`(y, x) = 1e-9 * (1 + 10 * file_j + file_i).
std::string write(const Window& w) {
  const std::string path = (test::scratch_dir() / "gridded.nc").string();
  netCDF::NcFile file(path, netCDF::NcFile::replace, netCDF::NcFile::nc4);
  const auto ydim = file.addDim("y", w.y.size());
  const auto xdim = file.addDim("x", w.x.size());
  auto x = file.addVar("x", netCDF::ncDouble, xdim);
  auto y = file.addVar("y", netCDF::ncDouble, ydim);
  x.putAtt("units", "m");
  y.putAtt("units", "m");
  x.putVar(w.x.data());
  y.putVar(w.y.data());
  auto v = file.addVar(w.name, netCDF::ncDouble, {ydim, xdim});
  v.putAtt("units", w.units);
  std::vector<double> values;
  for (std::size_t j = 0; j < w.y.size(); ++j)
    for (std::size_t i = 0; i < w.x.size(); ++i) values.push_back(1e-9 * (1.0 + 10.0 * j + i));
  v.putVar(values.data());
  file.putAtt("category", "other");
  file.putAtt("speciation_profile", "regional");
  file.putAtt("temporal_profile", "flat");
  return path;
}

// Model cell centres: x_centre(i) = -60000 + (i + 0.5) * 3000, y_centre(j) = -30000 + (j + 0.5) * 3000.
TEST(InventoryGridded, SubWindowIsPlacedInTheModelGrid) {
  Window w;
  w.x = {kGrid.x_centre(5), kGrid.x_centre(6), kGrid.x_centre(7)};
  w.y = {kGrid.y_centre(11), kGrid.y_centre(10)};  // north to south
  const auto source = read_gridded_emissions(write(w), kGrid);
  EXPECT_EQ(source.info.category, "other");
  EXPECT_EQ(source.info.speciation_profile, "regional");
  EXPECT_EQ(source.info.temporal_profile, "flat");
  ASSERT_EQ(source.flux.size(), 1u);
  const Array2& f = source.flux.at(Pollutant::NOx);
  ASSERT_EQ(f.n0, 20);
  ASSERT_EQ(f.n1, 20);
  EXPECT_DOUBLE_EQ(f(5, 11), 1e-9);   // file (0, 0): northern row
  EXPECT_DOUBLE_EQ(f(7, 11), 3e-9);   // file (0, 2)
  EXPECT_DOUBLE_EQ(f(5, 10), 11e-9);  // file (1, 0)
  EXPECT_DOUBLE_EQ(f(7, 10), 13e-9);
  double total = 0.0;
  for (const double value : f.data) total += value;
  EXPECT_NEAR(total, 1e-9 * (1 + 2 + 3 + 11 + 12 + 13), 1e-20);  // nothing outside the window
}

TEST(InventoryGridded, WrongUnitsSpacingOrAlignmentAreErrors) {
  Window w;
  w.x = {kGrid.x_centre(5), kGrid.x_centre(6)};
  w.y = {kGrid.y_centre(10), kGrid.y_centre(11)};
  Window units = w;
  units.units = "g m-2 s-1";
  expect_error([&] { read_gridded_emissions(write(units), kGrid); },
               {"gridded.nc", "variable 'NOx'", "units 'g m-2 s-1' are not kg m-2 s-1"});
  Window spacing = w;
  spacing.x = {kGrid.x_centre(5), kGrid.x_centre(5) + 2500.0};
  expect_error([&] { read_gridded_emissions(write(spacing), kGrid); },
               {"gridded.nc", "variable 'x'", "spacing 2500 m", "model grid spacing 3000 m"});
  Window shifted = w;
  shifted.y = {kGrid.y_centre(10) + 1000.0, kGrid.y_centre(11) + 1000.0};
  expect_error([&] { read_gridded_emissions(write(shifted), kGrid); },
               {"gridded.nc", "variable 'y'", "not aligned", "1000 m"});
  Window outside = w;
  outside.x = {kGrid.x_centre(19), kGrid.x_centre(19) + 3000.0};
  expect_error([&] { read_gridded_emissions(write(outside), kGrid); },
               {"gridded.nc", "variable 'x'", "outside", "sub-window"});
  Window unknown = w;
  unknown.name = "NOy";
  expect_error([&] { read_gridded_emissions(write(unknown), kGrid); },
               {"variable 'NOy'", "unknown pollutant"});
  expect_error([] { read_gridded_emissions("/nonexistent/gridded.nc", kGrid); },
               {"/nonexistent/gridded.nc: cannot open"});
}

}  // namespace
}  // namespace airshed
