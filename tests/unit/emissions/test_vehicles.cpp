// SPDX-License-Identifier: Apache-2.0
// MEE 2014 vehicle correction factors (as encoded in vein R/ef_china.R; reference note section 3.3), road
// exhaust rates and the fleet mean weight, against hand-computed values. Factors are products of table
// entries, so they are checked to 1e-12 relative; rates to 1e-9 relative.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <stdexcept>
#include <string>

#include "core/error.hpp"
#include "emissions/vehicles.hpp"

namespace airshed::emis {
namespace {

constexpr double kExact = 1e-12;

void expect_rel(double actual, double expected, double rel) {
  EXPECT_NEAR(actual, expected, rel * std::abs(expected)) << "expected " << expected;
}

VehicleClass make_class(const std::string& id, const std::string& fuel, double mass, double nox_g_km,
                        double voc_g_km, double co_g_km, double pm_g_km) {
  VehicleClass v;
  v.id = id;
  v.fuel = fuel;
  v.mass_tonnes = mass;
  v.emission_factor[Pollutant::NOx] = nox_g_km / 1000.0;  // kg per vehicle-km
  v.emission_factor[Pollutant::VOC] = voc_g_km / 1000.0;
  v.emission_factor[Pollutant::CO] = co_g_km / 1000.0;
  v.emission_factor[Pollutant::PM25] = pm_g_km / 1000.0;
  v.emission_factor[Pollutant::PM10] = pm_g_km / 1000.0;
  v.where = "vehicle_classes.csv:2";
  return v;
}

const VehicleClass kCar = make_class("car_gasoline_china6", "gasoline", 1.5, 0.04, 0.03, 0.5, 0.002);
const VehicleClass kTruck = make_class("truck_diesel_china5", "diesel", 15.0, 3.9, 0.3, 1.5, 0.08);

RoadConditions at_celsius(double tc, double rh, double altitude = 1300.0) {
  return RoadConditions{tc + 273.15, rh, altitude};
}

struct Expected {
  double nox, voc, co, pm;
};

void expect_factors(const PollutantValues& f, const Expected& e) {
  expect_rel(f[Pollutant::NOx], e.nox, kExact);
  expect_rel(f[Pollutant::VOC], e.voc, kExact);
  expect_rel(f[Pollutant::CO], e.co, kExact);
  expect_rel(f[Pollutant::PM25], e.pm, kExact);
  expect_rel(f[Pollutant::PM10], e.pm, kExact);
  EXPECT_EQ(f[Pollutant::SO2], 1.0);  // no correction for SO2 or NH3
  EXPECT_EQ(f[Pollutant::NH3], 1.0);
}

TEST(VehicleCorrections, GasolineTemperatureBranches) {
  // Mild (10..25 C) at RH exactly 0.5: no correction at all.
  expect_factors(vehicle_correction_factors(kCar, at_celsius(15.0, 0.5)), {1.0, 1.0, 1.0, 1.0});
  // The edges belong to the mild band (neither "< 10" nor "> 25"); 25 C is above 24 C, where the extra
  // humidity set applies, but at RH = 0.5 that set is 1 too.
  expect_factors(vehicle_correction_factors(kCar, at_celsius(10.0, 0.5)), {1.0, 1.0, 1.0, 1.0});
  expect_factors(vehicle_correction_factors(kCar, at_celsius(25.0, 0.5)), {1.0, 1.0, 1.0, 1.0});
  // Cold, dry (0 C, RH 0.3): CO 1.36, HC 1.47, NOx 1.15 * 1.06 (dry) = 1.219.
  expect_factors(vehicle_correction_factors(kCar, at_celsius(0.0, 0.3)), {1.219, 1.47, 1.36, 1.0});
  // Cold, humid (-10 C, RH 0.8): NOx 1.15 * 0.92 = 1.058.
  expect_factors(vehicle_correction_factors(kCar, at_celsius(-10.0, 0.8)), {1.058, 1.47, 1.36, 1.0});
  // Hot, humid (30 C, RH 0.7): CO 1.23 * 1.04 = 1.2792, HC 1.08 * 1.01 = 1.0908,
  // NOx 1.31 * 0.92 * 0.87 = 1.048524 (vein applies the general and the T > 24 C humidity factor).
  expect_factors(vehicle_correction_factors(kCar, at_celsius(30.0, 0.7)), {1.048524, 1.0908, 1.2792, 1.0});
  // Hot, dry (30 C, RH 0.3): CO 1.23 * 0.97 = 1.1931, HC 1.08 * 0.99 = 1.0692,
  // NOx 1.31 * 1.06 * 1.13 = 1.569118.
  expect_factors(vehicle_correction_factors(kCar, at_celsius(30.0, 0.3)), {1.569118, 1.0692, 1.1931, 1.0});
  // 24.5 C: mild for temperature but above 24 C for humidity (RH 0.7): CO 1.04, HC 1.01,
  // NOx 0.92 * 0.87 = 0.8004.
  expect_factors(vehicle_correction_factors(kCar, at_celsius(24.5, 0.7)), {0.8004, 1.01, 1.04, 1.0});
}

TEST(VehicleCorrections, GasolineHumidityBranches) {
  // At 15 C only the NOx humidity factor acts: RH < 0.5 -> 1.06, RH > 0.5 -> 0.92.
  expect_factors(vehicle_correction_factors(kCar, at_celsius(15.0, 0.49)), {1.06, 1.0, 1.0, 1.0});
  expect_factors(vehicle_correction_factors(kCar, at_celsius(15.0, 0.51)), {0.92, 1.0, 1.0, 1.0});
  expect_factors(vehicle_correction_factors(kCar, at_celsius(15.0, 1.02)), {0.92, 1.0, 1.0, 1.0});  // fog
}

TEST(VehicleCorrections, AltitudeThreshold) {
  // Kangbashi (~1300 m) and exactly 1500 m: no altitude correction.
  expect_factors(vehicle_correction_factors(kCar, at_celsius(15.0, 0.5, 1300.0)), {1.0, 1.0, 1.0, 1.0});
  expect_factors(vehicle_correction_factors(kCar, at_celsius(15.0, 0.5, 1500.0)), {1.0, 1.0, 1.0, 1.0});
  // Above 1500 m: light gasoline CO 1.58, HC 2.46, NOx 3.15; heavy diesel CO 2.46, HC 2.05, NOx 1.02.
  expect_factors(vehicle_correction_factors(kCar, at_celsius(15.0, 0.5, 1600.0)), {3.15, 2.46, 1.58, 1.0});
  expect_factors(vehicle_correction_factors(kTruck, at_celsius(15.0, 0.5, 1600.0)), {1.02, 2.05, 2.46, 1.0});
  // Combined with cold (0 C, RH 0.5): gasoline NOx 1.15 * 3.15 = 3.6225, HC 1.47 * 2.46 = 3.6162,
  // CO 1.36 * 1.58 = 2.1488.
  expect_factors(vehicle_correction_factors(kCar, at_celsius(0.0, 0.5, 2000.0)),
                 {3.6225, 3.6162, 2.1488, 1.0});
}

TEST(VehicleCorrections, DieselVersusGasoline) {
  // Mild, RH 0.5: none.
  expect_factors(vehicle_correction_factors(kTruck, at_celsius(15.0, 0.5)), {1.0, 1.0, 1.0, 1.0});
  // Cold, dry (0 C, RH 0.3): NOx 1.06 * 1.04 = 1.1024, PM 1.70; CO and HC not corrected for diesel in the
  // cold (unlike gasoline: CO 1.36, HC 1.47).
  expect_factors(vehicle_correction_factors(kTruck, at_celsius(0.0, 0.3)), {1.1024, 1.0, 1.0, 1.70});
  // Cold, humid (0 C, RH 0.8): NOx 1.06 * 0.94 = 0.9964.
  expect_factors(vehicle_correction_factors(kTruck, at_celsius(0.0, 0.8)), {0.9964, 1.0, 1.0, 1.70});
  // Hot, humid (30 C, RH 0.7): CO 1.30, HC 1.06, NOx 1.15 * 0.94 * 0.88 = 0.95128, PM 0.74.
  expect_factors(vehicle_correction_factors(kTruck, at_celsius(30.0, 0.7)), {0.95128, 1.06, 1.30, 0.74});
  // Hot, dry (30 C, RH 0.3): NOx 1.15 * 1.04 * 1.12 = 1.33952.
  expect_factors(vehicle_correction_factors(kTruck, at_celsius(30.0, 0.3)), {1.33952, 1.06, 1.30, 0.74});
  // Gasoline PM is never corrected (hot, cold).
  EXPECT_EQ(vehicle_correction_factors(kCar, at_celsius(-20.0, 0.3))[Pollutant::PM25], 1.0);
  EXPECT_EQ(vehicle_correction_factors(kCar, at_celsius(35.0, 0.3))[Pollutant::PM10], 1.0);
  // Fuel names are matched case-insensitively.
  VehicleClass upper = kTruck;
  upper.fuel = "Diesel";
  expect_factors(vehicle_correction_factors(upper, at_celsius(0.0, 0.3)), {1.1024, 1.0, 1.0, 1.70});
}

TEST(VehicleCorrections, CngAndElectric) {
  const VehicleClass taxi = make_class("taxi_cng", "cng", 1.4, 0.4, 0.1, 1.0, 0.001);
  // CNG: documented choice, no correction under any conditions.
  expect_factors(vehicle_correction_factors(taxi, at_celsius(-15.0, 0.3, 2000.0)), {1.0, 1.0, 1.0, 1.0});
  expect_factors(vehicle_correction_factors(taxi, at_celsius(30.0, 0.8)), {1.0, 1.0, 1.0, 1.0});
  // Electric: zero exhaust for every pollutant, whatever the weather.
  const VehicleClass bus = make_class("bus_electric", "electric", 13.0, 0.0, 0.0, 0.0, 0.0);
  const PollutantValues f = vehicle_correction_factors(bus, at_celsius(-15.0, 0.3, 2000.0));
  for (Pollutant p : kAllPollutants) EXPECT_EQ(f[p], 0.0) << pollutant_name(p);
}

TEST(VehicleCorrections, RejectsBadInput) {
  VehicleClass odd = kCar;
  odd.fuel = "hydrogen";
  try {
    vehicle_correction_factors(odd, at_celsius(15.0, 0.5));
    FAIL() << "no error for an unknown fuel";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), "vehicle_classes.csv:2");
    EXPECT_NE(e.problem().find("hydrogen"), std::string::npos);
  }
  EXPECT_THROW(vehicle_correction_factors(kCar, RoadConditions{0.0, 0.5, 0.0}), std::invalid_argument);
  EXPECT_THROW(vehicle_correction_factors(kCar, RoadConditions{std::nan(""), 0.5, 0.0}),
               std::invalid_argument);
  EXPECT_THROW(vehicle_correction_factors(kCar, RoadConditions{288.0, -0.1, 0.0}), std::invalid_argument);
}

std::map<std::string, VehicleClass> classes() {
  return {{kCar.id, kCar}, {kTruck.id, kTruck}};
}

RoadLink two_class_link() {
  RoadLink link;
  link.info.id = "ordos_avenue";
  link.info.where = "roads.csv:3";
  link.vertices = {{0.0, 0.0}, {1000.0, 0.0}};
  link.fleet = {{kCar.id, 0.8}, {kTruck.id, 0.2}};
  return link;
}

// 1000 vehicles per hour over 1 km = 1000 vehicle-km per hour.
// Mild (15 C, RH 0.5, 1300 m): no corrections, so per vehicle-km
//   NOx 0.8 * 0.04 + 0.2 * 3.9 = 0.812 g -> 812 g/h = 0.812 kg / 3600 s = 2.255556e-4 kg/s
//   CO  0.8 * 0.5  + 0.2 * 1.5 = 0.7 g   -> 1.944444e-4 kg/s
//   VOC 0.8 * 0.03 + 0.2 * 0.3 = 0.084 g -> 2.333333e-5 kg/s
//   PM  0.8 * 0.002 + 0.2 * 0.08 = 0.0176 g -> 4.888889e-6 kg/s
// Cold (0 C, RH 0.3): NOx 0.8 * 0.04 * 1.219 + 0.2 * 3.9 * 1.1024 = 0.039008 + 0.859872 = 0.89888 g
//   -> 2.496889e-4 kg/s; PM 0.8 * 0.002 + 0.2 * 0.08 * 1.70 = 0.0016 + 0.0272 = 0.0288 g -> 8.0e-6 kg/s.
TEST(RoadExhaust, TwoClassFleetByHand) {
  const double flow = 1000.0 / 3600.0;
  const PollutantValues mild =
      road_exhaust_rate(two_class_link(), classes(), flow, 1000.0, at_celsius(15.0, 0.5));
  expect_rel(mild[Pollutant::NOx], 0.812 / 3600.0, 1e-9);
  expect_rel(mild[Pollutant::CO], 0.7 / 3600.0, 1e-9);
  expect_rel(mild[Pollutant::VOC], 0.084 / 3600.0, 1e-9);
  expect_rel(mild[Pollutant::PM25], 0.0176 / 3600.0, 1e-9);
  expect_rel(mild[Pollutant::PM10], 0.0176 / 3600.0, 1e-9);
  EXPECT_EQ(mild[Pollutant::SO2], 0.0);
  expect_rel(mild[Pollutant::NOx], 2.255556e-4, 1e-6);

  const PollutantValues cold =
      road_exhaust_rate(two_class_link(), classes(), flow, 1000.0, at_celsius(0.0, 0.3));
  expect_rel(cold[Pollutant::NOx], 0.89888 / 3600.0, 1e-9);
  expect_rel(cold[Pollutant::PM25], 0.0288 / 3600.0, 1e-9);

  // Linear in flow and length: half the length, double the flow gives the same rate.
  const PollutantValues same =
      road_exhaust_rate(two_class_link(), classes(), 2.0 * flow, 500.0, at_celsius(15.0, 0.5));
  expect_rel(same[Pollutant::NOx], mild[Pollutant::NOx], 1e-12);
}

TEST(RoadExhaust, ElectricSharesEmitNothing) {
  std::map<std::string, VehicleClass> c = classes();
  const VehicleClass bus = make_class("bus_electric", "electric", 13.0, 1.0, 1.0, 1.0, 1.0);
  c[bus.id] = bus;
  RoadLink link = two_class_link();
  link.fleet = {{kCar.id, 0.5}, {bus.id, 0.5}};
  const PollutantValues r = road_exhaust_rate(link, c, 1.0, 1000.0, at_celsius(15.0, 0.5));
  // 1 veh/s over 1 km: only the car half: NOx 0.5 * 0.04 g = 0.02 g/s = 2e-5 kg/s.
  expect_rel(r[Pollutant::NOx], 2e-5, 1e-9);
}

TEST(RoadExhaust, MissingClassIsAnInputError) {
  RoadLink link = two_class_link();
  link.fleet["bus_diesel_china4"] = 0.1;
  try {
    road_exhaust_rate(link, classes(), 1.0, 100.0, at_celsius(15.0, 0.5));
    FAIL() << "no error for a missing class";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), "roads.csv:3");
    EXPECT_NE(e.problem().find("bus_diesel_china4"), std::string::npos);
  }
  EXPECT_THROW(fleet_mean_weight(link, classes()), InputError);
  EXPECT_THROW(road_exhaust_rate(two_class_link(), classes(), -1.0, 100.0, at_celsius(15.0, 0.5)),
               std::invalid_argument);
}

TEST(FleetMeanWeight, TrafficWeighted) {
  // 0.8 * 1.5 t + 0.2 * 15 t = 1.2 + 3.0 = 4.2 t (the mean of the classes would be 8.25 t).
  EXPECT_NEAR(fleet_mean_weight(two_class_link(), classes()), 4.2, 1e-12);
  // Shares that do not add to 1 are normalised: (0.4 * 1.5 + 0.1 * 15) / 0.5 = 2.1 / 0.5 = 4.2 t.
  RoadLink link = two_class_link();
  link.fleet = {{kCar.id, 0.4}, {kTruck.id, 0.1}};
  EXPECT_NEAR(fleet_mean_weight(link, classes()), 4.2, 1e-12);
  link.fleet = {{kCar.id, 0.0}};
  EXPECT_THROW(fleet_mean_weight(link, classes()), InputError);
}

}  // namespace
}  // namespace airshed::emis
