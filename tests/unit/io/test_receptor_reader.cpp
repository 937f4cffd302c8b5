// SPDX-License-Identifier: Apache-2.0
// Receptor CSV: columns, units, bad rows named by file:line, and the cells of the receptors on a grid.
#include <gtest/gtest.h>

#include "io/receptor_reader.hpp"
#include "test_inventory_support.hpp"

namespace airshed {
namespace {

using test::expect_error;

const Grid kGrid = test::inventory_grid();

// The example of docs/apportionment-outputs.md.
const std::string kReceptors =
    "# monitoring stations (lon/lat from the station list)\n"
    "name,lon[degrees_east],lat[degrees_north],description\n"
    "kangbashi_station,109.781,39.608,\"national station, Kangbashi\"\n"
    "dongsheng_west,109.745,39.640,\n";

TEST(ReceptorReader, ReadsNamesPositionsAndDescriptions) {
  const auto receptors = read_receptors("receptors.csv", kReceptors);
  ASSERT_EQ(receptors.size(), 2u);
  EXPECT_EQ(receptors[0].name, "kangbashi_station");
  EXPECT_EQ(receptors[0].lon, 109.781);
  EXPECT_EQ(receptors[0].lat, 39.608);
  EXPECT_EQ(receptors[0].where, "receptors.csv:3");
  EXPECT_EQ(receptors[0].description, "national station, Kangbashi");
  EXPECT_EQ(receptors[1].name, "dongsheng_west");
  EXPECT_EQ(receptors[1].where, "receptors.csv:4");
  EXPECT_EQ(receptors[1].description, "");
}

TEST(ReceptorReader, DescriptionIsOptional) {
  const auto receptors = read_receptors("r.csv", "lat[degrees_north],name,lon[degrees_east]\n39.6,a,109.7\n");
  ASSERT_EQ(receptors.size(), 1u);
  EXPECT_EQ(receptors[0].name, "a");
  EXPECT_EQ(receptors[0].lon, 109.7);
  EXPECT_EQ(receptors[0].lat, 39.6);
}

TEST(ReceptorReader, BadFilesNameFileLineAndProblem) {
  const auto read = [](const std::string& text) { return [text] { read_receptors("r.csv", text); }; };
  expect_error(read(""), {"r.csv", "no header"});
  expect_error(read("# only a comment\n"), {"r.csv", "no header"});
  expect_error(read("name,lon[degrees_east],lat[degrees_north]\n"), {"r.csv:1", "no receptors"});
  expect_error(read("name,lon[degrees_east]\na,109.7\n"), {"r.csv:1", "missing column 'lat'"});
  expect_error(read("lon[degrees_east],lat[degrees_north]\n109.7,39.6\n"),
               {"r.csv:1", "missing column 'name'"});
  expect_error(read("name,lon,lat[degrees_north]\na,109.7,39.6\n"), {"r.csv:1", "'lon'", "needs a unit"});
  expect_error(read("name,lon[m],lat[degrees_north]\na,109.7,39.6\n"), {"r.csv:1", "unknown unit 'm'"});
  expect_error(read("name,lon[degrees_east],lat[degrees_north],height[m]\na,109.7,39.6,3\n"),
               {"r.csv:1", "height[m]"});
  expect_error(read("name,lon[degrees_east],lat[degrees_north]\na,109.7,39.6\nb,109.8,39.6\na,109.9,39.6\n"),
               {"r.csv:4", "duplicate receptor 'a'", "first at r.csv:2"});
  expect_error(read("name,lon[degrees_east],lat[degrees_north]\na,east,39.6\n"),
               {"r.csv:2", "'lon[degrees_east]'"});
  expect_error(read("name,lon[degrees_east],lat[degrees_north]\na,109.7,\n"),
               {"r.csv:2", "'lat[degrees_north]'", "empty"});
  expect_error(read("name,lon[degrees_east],lat[degrees_north]\na,400,39.6\n"),
               {"r.csv:2", "400 is not a longitude"});
  expect_error(read("name,lon[degrees_east],lat[degrees_north]\na,109.7,-91\n"),
               {"r.csv:2", "-91 is not a latitude"});
  expect_error(read("name,lon[degrees_east],lat[degrees_north]\n,109.7,39.6\n"),
               {"r.csv:2", "'name'", "empty"});
  expect_error(read("name,lon[degrees_east],lat[degrees_north]\na,109.7\n"), {"r.csv:2", "cells"});
}

TEST(ReceptorReader, LocatesCells) {
  const auto receptors = read_receptors("receptors.csv", kReceptors);
  const auto cells = locate_receptors(kGrid, receptors);
  ASSERT_EQ(cells.size(), 2u);
  for (std::size_t r = 0; r < receptors.size(); ++r) {
    const ProjectedXY p = kGrid.projection().forward(LonLat{receptors[r].lon, receptors[r].lat});
    EXPECT_EQ(cells[r].i, static_cast<int>(std::floor((p.x - kGrid.x_west()) / kGrid.dx())));
    EXPECT_EQ(cells[r].j, static_cast<int>(std::floor((p.y - kGrid.y_south()) / kGrid.dy())));
  }
  // Kangbashi (109.745 E, 39.640 N) lies near x = -22 km, y = 3 km: cell (12, 11) of 3 km from (-60, -30) km.
  EXPECT_EQ(cells[1].i, 12);
  EXPECT_EQ(cells[1].j, 11);
}

TEST(ReceptorReader, ReceptorOutsideTheGridIsNamed) {
  const auto receptors = read_receptors(
      "receptors.csv", "name,lon[degrees_east],lat[degrees_north]\nin,109.745,39.64\nbeijing,116.4,39.9\n");
  expect_error([&] { locate_receptors(kGrid, receptors); },
               {"receptors.csv:3", "receptor 'beijing'", "116.4 E", "km outside the model grid"});
}

}  // namespace
}  // namespace airshed
