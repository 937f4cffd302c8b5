// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "io/inventory_reader.hpp"
#include "test_inventory_support.hpp"

namespace airshed {
namespace {

using emis::Pollutant;
using test::expect_error;

const Grid kGrid = test::inventory_grid();

const std::string kFleets =
    "fleet,vehicle_class,share,note\n"
    "urban,car_gasoline,0.85,\n"
    "urban,truck_diesel,0.15,\"MEE 2014, table 3\"\n"
    "highway,truck_diesel,1,\n";

const std::string kRoadsHeader =
    "id,name,region,geometry,aadt[veh/d],fleet,silt_loading[g/m2],dust_control_efficiency,speciation_profile,"
    "dust_speciation_profile\n";

TEST(InventoryRoads, WktLineStringFleetAndDust) {
  const auto fleets = parse_fleets_csv("fleets.csv", kFleets);
  ASSERT_EQ(fleets.size(), 2u);
  EXPECT_EQ(fleets.at("urban").shares.at("truck_diesel"), 0.15);
  EXPECT_EQ(fleets.at("urban").where.at("truck_diesel"), "fleets.csv:3");
  const auto roads = parse_roads_csv(
      "roads.csv",
      kRoadsHeader +
          "r1,Ordos Avenue,kangbashi,\"LINESTRING (109.74 39.60,109.76 39.61, 109.78 39.615)\",24000,"
          "urban,0.6,0.3,vehicle_exhaust,road_dust\n",
      kGrid, fleets);
  ASSERT_EQ(roads.size(), 1u);
  const auto& r = roads[0];
  EXPECT_EQ(r.info.category, "vehicle");  // the default
  ASSERT_EQ(r.vertices.size(), 3u);
  const double lonlat[3][2] = {{109.74, 39.60}, {109.76, 39.61}, {109.78, 39.615}};
  for (int v = 0; v < 3; ++v) {
    const ProjectedXY xy = kGrid.projection().forward(LonLat{lonlat[v][0], lonlat[v][1]});
    EXPECT_NEAR(r.vertices[v][0], xy.x, 1e-6);
    EXPECT_NEAR(r.vertices[v][1], xy.y, 1e-6);
  }
  EXPECT_EQ(r.aadt, 24000.0);
  EXPECT_EQ(r.fleet.at("car_gasoline"), 0.85);
  EXPECT_EQ(r.silt_loading, 0.6);
  EXPECT_EQ(r.dust_control_efficiency, 0.3);
  EXPECT_EQ(r.info.speciation_profile, "vehicle_exhaust");
  EXPECT_EQ(r.dust_speciation_profile, "road_dust");
}

TEST(InventoryRoads, BadRowsNameFileLineAndColumn) {
  const auto fleets = parse_fleets_csv("fleets.csv", kFleets);
  const auto parse = [&](const std::string& row) {
    return [row, &fleets] { parse_roads_csv("roads.csv", kRoadsHeader + row + "\n", kGrid, fleets); };
  };
  expect_error(parse("r,R,,\"LINE(109.74 39.60, 109.76 39.61)\",100,urban,0.6,,v,d"),
               {"roads.csv:2:", "column 'geometry'", "bad WKT"});
  expect_error(parse("r,R,,\"LINESTRING(109.74 39.60)\",100,urban,0.6,,v,d"),
               {"roads.csv:2:", "column 'geometry'", "at least 2 positions"});
  expect_error(parse("r,R,,\"LINESTRING(109.74 39.60, 109.76)\",100,urban,0.6,,v,d"),
               {"roads.csv:2:", "column 'geometry'", "position 2"});
  expect_error(parse("r,R,,\"LINESTRING(109.74 39.60, 112 39.61)\",100,urban,0.6,,v,d"),
               {"roads.csv:2:", "column 'geometry'", "vertex 2", "km outside"});
  expect_error(parse("r,R,,\"LINESTRING(109.74 39.60, 109.76 39.61)\",100,rural,0.6,,v,d"),
               {"roads.csv:2:", "column 'fleet'", "unknown fleet 'rural'"});
  expect_error(parse("r,R,,\"LINESTRING(109.74 39.60, 109.76 39.61)\",-5,urban,0.6,,v,d"),
               {"roads.csv:2:", "column 'aadt[veh/d]'", "must be >= 0"});
  expect_error(parse("r,R,,\"LINESTRING(109.74 39.60, 109.76 39.61)\",100,urban,,,v,d"),
               {"roads.csv:2:", "column 'silt_loading[g/m2]'", "empty required cell"});
}

TEST(InventoryRoads, FleetSharesMustSumToOne) {
  expect_error([] { parse_fleets_csv("fleets.csv", "fleet,vehicle_class,share\nf,a,0.5\nf,b,0.4\n"); },
               {"fleets.csv:3:", "column 'share'", "sum to 0.9"});
  EXPECT_NO_THROW(parse_fleets_csv("fleets.csv", "fleet,vehicle_class,share\nf,a,0.5\nf,b,0.4999999\n"));
  expect_error([] { parse_fleets_csv("fleets.csv", "fleet,vehicle_class,share\nf,a,0.5\nf,a,0.5\n"); },
               {"fleets.csv:3:", "column 'vehicle_class'", "twice"});
}

TEST(InventoryVehicleClasses, GramsPerKilometreBecomeKilograms) {
  const auto classes = parse_vehicle_classes_csv(
      "vc.csv",
      "id,fuel,mass[t],NOx[g/km],VOC[g/km],CO[g/km],PM2.5[g/km],PM10[g/km],SO2[g/km],NH3[mg/km],source\n"
      "car_gasoline,gasoline,1.4,0.06,0.1,0.7,0.003,0.0035,0.001,10,MEE 2014\n"
      "bev,electric,1.8,,,,,,,,\n");
  ASSERT_EQ(classes.size(), 2u);
  EXPECT_NEAR(classes[0].emission_factor[Pollutant::NOx], 6e-5, 1e-18);
  EXPECT_NEAR(classes[0].emission_factor[Pollutant::PM10], 3.5e-6, 1e-18);
  EXPECT_NEAR(classes[0].emission_factor[Pollutant::NH3], 1e-5, 1e-18);
  EXPECT_EQ(classes[0].mass_tonnes, 1.4);
  EXPECT_EQ(classes[0].where, "vc.csv:2");
  EXPECT_EQ(classes[1].emission_factor[Pollutant::NOx], 0.0);
  expect_error([] { parse_vehicle_classes_csv("vc.csv", "id,fuel,mass[t],NOx[g/km]\nc,hydrogen,1,1\n"); },
               {"vc.csv:2:", "column 'fuel'", "unknown fuel"});
  expect_error([] { parse_vehicle_classes_csv("vc.csv", "id,fuel,mass[t],NOx[g/mi]\n"); },
               {"vc.csv:1:", "column 'NOx[g/mi]'", "unknown unit"});
  expect_error([] { parse_vehicle_classes_csv("vc.csv", "id,fuel,mass[t],PM[g/km]\n"); },
               {"vc.csv:1:", "column 'PM[g/km]'", "unknown pollutant"});
  expect_error([] { parse_vehicle_classes_csv("vc.csv", "id,fuel,mass[t],NOx[g/km]\nc,diesel,1,-1\n"); },
               {"vc.csv:2:", "column 'NOx[g/km]'", "negative"});
  expect_error([] { parse_vehicle_classes_csv("vc.csv", "id,fuel,mass[t]\nc,diesel,1\nc,diesel,2\n"); },
               {"vc.csv:3:", "column 'id'", "duplicate id 'c'"});
}

}  // namespace
}  // namespace airshed
