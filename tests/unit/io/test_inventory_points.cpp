// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cmath>

#include "io/inventory_reader.hpp"
#include "test_inventory_support.hpp"

namespace airshed {
namespace {

using emis::Pollutant;
using test::expect_error;

const Grid kGrid = test::inventory_grid();

// The example of docs/emission-inputs.md: a CHP unit given as flue-gas concentrations.
const std::string kChp =
    "# Jingneng Kangbashi CHP (estimates, reference section 3.1)\n"
    "id,name,category,region,lon[degrees_east],lat[degrees_north],stack_height[m],diameter[m],"
    "flue_gas_flow[Nm3/h],exit_temperature[degC],NOx[mg/Nm3],SO2[mg/Nm3],PM2.5[mg/Nm3],PM10[mg/Nm3],"
    "operating_hours[h/yr],temporal_profile,speciation_profile,enabled,source\n"
    "chp_unit1,Jingneng CHP unit 1,heat_plant,kangbashi,109.745,39.640,210,6.0,1.05e6,50,50,35,5.5,10,5000,"
    "heat_plant,coal_chp,true,\"estimate: reference 3.1\"\n";

TEST(InventoryPoints, ConcentrationTimesFlowTimesHours) {
  const auto points = parse_points_csv("points.csv", kChp, kGrid);
  ASSERT_EQ(points.size(), 1u);
  const auto& p = points[0];
  // 50 mg/Nm3 x 1.05e6 Nm3/h x 1e-6 = 52.5 kg/h; x 5000 h/yr = 262.5 t/yr.
  EXPECT_NEAR(p.annual[Pollutant::NOx], 262500.0, 1e-6);
  EXPECT_NEAR(p.annual[Pollutant::SO2], 35 * 1.05 * 5000.0, 1e-6);
  EXPECT_NEAR(p.annual[Pollutant::PM25], 5.5 * 1.05 * 5000.0, 1e-6);
  EXPECT_NEAR(p.annual[Pollutant::PM10], 10 * 1.05 * 5000.0, 1e-6);
  EXPECT_EQ(p.annual[Pollutant::CO], 0.0);
  EXPECT_NEAR(p.normal_flow, 1.05e6 / 3600.0, 1e-9);
  EXPECT_TRUE(std::isnan(p.exit_velocity));
  EXPECT_DOUBLE_EQ(p.exit_temperature, 323.15);
  EXPECT_EQ(p.stack_height, 210.0);
  EXPECT_EQ(p.diameter, 6.0);
  const ProjectedXY xy = kGrid.projection().forward(LonLat{109.745, 39.640});
  EXPECT_NEAR(p.x, xy.x, 1e-6);
  EXPECT_NEAR(p.y, xy.y, 1e-6);
  EXPECT_EQ(p.info.id, "chp_unit1");
  EXPECT_EQ(p.info.name, "Jingneng CHP unit 1");
  EXPECT_EQ(p.info.category, "heat_plant");
  EXPECT_EQ(p.info.region, "kangbashi");
  EXPECT_EQ(p.info.temporal_profile, "heat_plant");
  EXPECT_EQ(p.info.speciation_profile, "coal_chp");
  EXPECT_TRUE(p.info.enabled);
  EXPECT_EQ(p.info.where, "points.csv:3");
}

/// One stack in projected km with `extra_header` columns holding `extra_values`.
std::string stack(const std::string& extra_header, const std::string& extra_values) {
  return "id,name,category,x[km],y[km],stack_height[m],diameter[m],exit_velocity[m/s],exit_temperature[K],"
         "speciation_profile" +
         extra_header + "\ns1,Stack,other,-20,5,40,2,12,400,coal_chp" + extra_values + "\n";
}

emis::PointSource one(const std::string& text) {
  const auto points = parse_points_csv("p.csv", text, kGrid);
  EXPECT_EQ(points.size(), 1u);
  return points.at(0);
}

TEST(InventoryPoints, RateUnitsBecomeKilogramsPerYear) {
  EXPECT_NEAR(one(stack(",NOx[t/yr]", ",12.5")).annual[Pollutant::NOx], 12500.0, 1e-9);
  EXPECT_NEAR(one(stack(",NOx[kg/yr]", ",12.5")).annual[Pollutant::NOx], 12.5, 1e-12);
  EXPECT_NEAR(one(stack(",SO2[g/s]", ",2")).annual[Pollutant::SO2], 2 * 3.6 * 8760.0, 1e-9);
  EXPECT_NEAR(one(stack(",SO2[kg/s]", ",0.5")).annual[Pollutant::SO2], 0.5 * 3600 * 8760.0, 1e-6);
  EXPECT_NEAR(one(stack(",CO[kg/h],operating_hours[h/yr]", ",3,2000")).annual[Pollutant::CO], 6000.0, 1e-9);
  EXPECT_NEAR(one(stack(",VOC[t/d],operating_days[d/yr]", ",0.2,300")).annual[Pollutant::VOC], 60000.0, 1e-9);
  EXPECT_NEAR(one(stack(",NH3[kg/d]", ",1")).annual[Pollutant::NH3], 365.0, 1e-12);
  // PM2.5 alone: no coarse part, PM10 = PM2.5.
  const auto fine = one(stack(",PM25[t/yr]", ",1"));
  EXPECT_EQ(fine.annual[Pollutant::PM10], 1000.0);
}

TEST(InventoryPoints, ProjectedPositionVelocityAndDefaults) {
  const auto p = one(stack(",enabled,note", ",FALSE,anything"));
  EXPECT_EQ(p.x, -20000.0);
  EXPECT_EQ(p.y, 5000.0);
  EXPECT_EQ(p.exit_velocity, 12.0);
  EXPECT_TRUE(std::isnan(p.normal_flow));
  EXPECT_EQ(p.exit_temperature, 400.0);
  EXPECT_FALSE(p.info.enabled);
  EXPECT_EQ(p.info.temporal_profile, "");
}

TEST(InventoryPoints, EachBadRowNamesFileLineAndColumn) {
  const auto parse = [](const std::string& text) {
    return [text] { parse_points_csv("p.csv", text, kGrid); };
  };
  expect_error(parse(stack(",NOx[lb/h]", ",1")), {"p.csv:1:", "column 'NOx[lb/h]'", "unknown unit 'lb/h'"});
  expect_error(parse(stack(",NOx[kg/h]", ",-3")), {"p.csv:2:", "column 'NOx[kg/h]'", "negative rate -3"});
  expect_error(parse(stack(",NOx[kg/h]", ",nan")), {"p.csv:2:", "column 'NOx[kg/h]'", "not a finite number"});
  expect_error(parse(stack(",NOx[kg/h]", ",inf")), {"p.csv:2:", "column 'NOx[kg/h]'", "not a finite number"});
  expect_error(parse(stack(",NOx[kg/h]", ",lots")), {"p.csv:2:", "column 'NOx[kg/h]'", "'lots'"});
  expect_error(parse(stack(",PM2.5[t/yr],PM10[t/yr]", ",2,1")),
               {"p.csv:2:", "column 'PM10[t/yr]'", "less than PM2.5"});
  expect_error(parse(stack(",NOy[t/yr]", ",1")),
               {"p.csv:1:", "column 'NOy[t/yr]'", "unknown pollutant 'NOy'"});
  expect_error(parse(stack(",stak_height[m]", ",1")),
               {"p.csv:1:", "column 'stak_height[m]'", "unknown column"});
  expect_error(parse(stack(",NOx[mg/Nm3]", ",50")),
               {"p.csv:2:", "column 'NOx[mg/Nm3]'", "needs flue_gas_flow"});
  expect_error(parse(stack(",flue_gas_flow[Nm3/h]", ",1000")),
               {"p.csv:2:", "column 'exit_velocity[m/s]'", "not both"});
  expect_error(parse(stack(",enabled", ",maybe")), {"p.csv:2:", "column 'enabled'", "not true or false"});
  // Missing column, empty required cell.
  expect_error(parse("id,name,category,x[m],y[m],diameter[m],exit_velocity[m/s],exit_temperature[K],"
                     "speciation_profile\ns,S,other,0,0,1,1,300,p\n"),
               {"p.csv:1:", "missing column 'stack_height'"});
  std::string empty_height = stack("", "");
  empty_height.replace(empty_height.find(",40,"), 4, ",,");
  expect_error(parse(empty_height), {"p.csv:2:", "column 'stack_height[m]'", "empty required cell"});
  // A unit of the wrong quantity, and a number column without a unit.
  std::string feet = stack("", "");
  feet.replace(feet.find("stack_height[m]"), 15, "stack_height[ft]");
  expect_error(parse(feet), {"p.csv:1:", "column 'stack_height[ft]'", "unknown unit 'ft'"});
  std::string bare = stack("", "");
  bare.replace(bare.find("diameter[m]"), 11, "diameter");
  expect_error(parse(bare), {"p.csv:1:", "column 'diameter'", "needs a unit"});
}

TEST(InventoryPoints, OutsideTheGridSaysHowFarInKilometres) {
  // x = -70 km is 10 km west of the western edge (-60 km).
  std::string text = stack("", "");
  text.replace(text.find(",-20,5,"), 7, ",-70,5,");
  const std::string message = test::error_of([&] { parse_points_csv("p.csv", text, kGrid); });
  EXPECT_NE(message.find("p.csv:2:"), std::string::npos) << message;
  EXPECT_NE(message.find("column 'x[km]'"), std::string::npos) << message;
  EXPECT_NE(message.find("lies 10 km outside"), std::string::npos) << message;
  // Geographic: far south-west of the grid.
  const std::string lonlat =
      "id,name,category,lon[degrees_east],lat[degrees_north],stack_height[m],diameter[m],exit_velocity[m/s],"
      "exit_temperature[K],speciation_profile\nfar,Far,other,105,35,10,1,5,300,p\n";
  test::expect_error([&] { parse_points_csv("p.csv", lonlat, kGrid); },
                     {"p.csv:2:", "column 'lon[degrees_east]'", "km outside the model grid"});
}

}  // namespace
}  // namespace airshed
