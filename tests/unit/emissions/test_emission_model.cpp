// SPDX-License-Identifier: Apache-2.0
// The emission model end to end on a small synthetic inventory: over a whole year the hourly rates add up
// to the inventory's annual totals for every source type (gridding and temporal allocation conserve mass),
// every hour's cell rates carry exactly the pollutant mass the sources emit (speciation conserves mass),
// plume rise lifts a stack's emissions, and bad inventories fail with a message naming the source.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "emissions/dust.hpp"
#include "emissions/emission_model.hpp"

namespace airshed::emis {
namespace {

constexpr double kMNO2 = 0.046006;  // NOx is counted as NO2 mass

// 12 x 10 cells of 1 km, 6 layers to 2 km.
Grid test_grid() {
  return Grid(12, 10, 1000.0, 1000.0, -6000.0, -5000.0,
              VerticalLayers({0.0, 40.0, 120.0, 300.0, 600.0, 1100.0, 2000.0}), Projection{}, 3);
}

/// Uniform met: 288 K at the ground falling 6.5 K/km (potential temperature rising 3.3 K/km), 86.5 kPa,
/// a westerly wind, a 900 m mixed layer, a friction velocity below the wind-erosion threshold.
MetFields uniform_met(const Grid& g, double temperature = 288.15, double wind = 4.0,
                      double humidity = 0.004) {
  MetFields m;
  const int nx = g.nx(), ny = g.ny(), nz = g.nz();
  m.u = Array3(nx + 1, ny, nz, wind);
  m.v = Array3(nx, ny + 1, nz, 0.0);
  m.temperature = Array3(nx, ny, nz, temperature);
  m.pressure = Array3(nx, ny, nz, 86500.0);
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i) {
        const double z = g.layers().mid(k);
        m.pressure(i, j, k) = 86500.0 * std::exp(-z / 8000.0);
        m.temperature(i, j, k) = temperature - 0.0065 * z;
      }
  m.humidity = Array3(nx, ny, nz, humidity);
  m.pbl_height = Array2(nx, ny, 900.0);
  m.friction_velocity = Array2(nx, ny, 0.1);
  m.shortwave_down = Array2(nx, ny, 0.0);
  return m;
}

SpeciesList species() {
  return {{"NO", Phase::gas, 0.030006, "", ""},
          {"NO2", Phase::gas, 0.046006, "", ""},
          {"SO2", Phase::gas, 0.064064, "", ""},
          {"FINE", Phase::aerosol, 0, "", ""},
          {"COARSE", Phase::aerosol, 0, "", ""}};
}

SourceInfo info(const std::string& id, const std::string& category, const std::string& temporal = "busy") {
  SourceInfo s;
  s.id = id;
  s.name = id;
  s.category = category;
  s.temporal_profile = temporal;
  s.speciation_profile = "simple";
  s.where = "test:" + id;
  return s;
}

Inventory inventory() {
  Inventory inv;
  TemporalProfile busy;
  busy.id = "busy";
  busy.monthly = {3, 3, 2, 1, 1, 1, 1, 1, 1, 2, 3, 3};
  busy.weekly = {1, 1, 1, 1, 1.2, 0.6, 0.5};
  for (int h = 0; h < 24; ++h) busy.hourly[h] = 1.0 + (h >= 7 && h <= 19 ? 2.0 : 0.0);
  busy.heating_season = TemporalProfile::Season{10, 15, 4, 15, 1.0, 0.5};
  inv.temporal_profiles.push_back(busy);

  SpeciationProfile simple;
  simple.id = "simple";
  simple.gas[Pollutant::NOx] = {{"NO", 0.9}, {"NO2", 0.1}};
  simple.gas[Pollutant::SO2] = {{"SO2", 1.0}};
  simple.pm25 = {{"FINE", 1.0}};
  simple.pmc = {{"COARSE", 1.0}};
  simple.where = "test:simple";
  inv.speciation_profiles.push_back(simple);

  PointSource stack;
  stack.info = info("stack", "heat_plant");
  stack.x = 500.0;
  stack.y = 200.0;
  stack.stack_height = 150.0;
  stack.diameter = 4.0;
  stack.exit_velocity = std::nan("");
  stack.normal_flow = 250.0;  // Nm3/s
  stack.exit_temperature = 323.15;
  stack.annual[Pollutant::NOx] = 400e3;
  stack.annual[Pollutant::SO2] = 250e3;
  stack.annual[Pollutant::PM25] = 30e3;
  stack.annual[Pollutant::PM10] = 50e3;
  inv.points.push_back(stack);

  AreaSource town;
  town.info = info("town", "catering");
  town.polygon.vertices = {{-2500, -2500}, {1800, -2100}, {2300, 1700}, {-1900, 2600}};
  town.annual[Pollutant::PM25] = 4e3;
  town.annual[Pollutant::PM10] = 5e3;
  inv.areas.push_back(town);

  AreaSource site;
  site.info = info("site", "dust");
  site.kind = AreaKind::construction;
  site.polygon.vertices = {{-5500, 3000}, {-4200, 3000}, {-4200, 4300}, {-5500, 4300}};
  site.dust.active_fraction = 0.5;
  site.dust.control_efficiency = 0.3;
  inv.areas.push_back(site);

  VehicleClass taxi;
  taxi.id = "taxi";
  taxi.fuel = "cng";  // no MEE 2014 correction: the year's sum must equal the reference total exactly
  taxi.mass_tonnes = 1.5;
  taxi.emission_factor[Pollutant::NOx] = 0.4e-3;
  taxi.emission_factor[Pollutant::PM25] = 0.001e-3;
  taxi.emission_factor[Pollutant::PM10] = 0.001e-3;
  inv.vehicle_classes.push_back(taxi);
  RoadLink road;
  road.info = info("avenue", "vehicle");
  road.vertices = {{-5800, -4800}, {-300, 700}, {5700, 4300}};
  road.aadt = 20000;
  road.fleet = {{"taxi", 1.0}};
  road.silt_loading = 0.06;
  road.dust_control_efficiency = 0.2;
  road.dust_speciation_profile = "simple";
  inv.roads.push_back(road);

  GriddedSource regional;
  regional.info = info("regional", "other", "");
  Array2 flux(12, 10, 0.0);
  for (int j = 0; j < 10; ++j)
    for (int i = 0; i < 12; ++i) flux(i, j) = 1e-10 * (1 + i + 2 * j);
  regional.flux[Pollutant::SO2] = flux;
  inv.gridded.push_back(regional);
  return inv;
}

EmissionModel make_model(Inventory inv, const Grid& g, bool plume_rise = true) {
  EmissionOptions o;
  o.utc_offset_hours = 8;
  o.plume_rise = plume_rise;
  return EmissionModel(std::move(inv), g, species(), {}, o);
}

/// Pollutant mass rates [kg s-1] recovered from the model-species rates: NOx as NO2 from the moles of NO
/// and NO2, SO2 from its moles, PM2.5 = FINE, PM10 = FINE + COARSE.
PollutantValues recovered(const EmissionRates& rates) {
  PollutantValues p;
  for (const CellEmission& e : rates) {
    if (e.species <= 1) p[Pollutant::NOx] += e.rate * kMNO2;
    if (e.species == 2) p[Pollutant::SO2] += e.rate * 0.064064;
    if (e.species == 3) p[Pollutant::PM25] += e.rate;
    if (e.species >= 3) p[Pollutant::PM10] += e.rate;
  }
  return p;
}

TEST(EmissionModel, YearOfHoursAddsUpToTheAnnualTotals) {
  const Grid g = test_grid();
  const EmissionModel model = make_model(inventory(), g);
  const MetFields met = uniform_met(g);
  // The local year 2026 (UTC+8) runs from 2025-12-31T16:00Z for 8760 hours.
  const UtcTime first{days_from_civil(2025, 12, 31) * 86400 + 16 * 3600};
  CategoryRates year;
  for (int h = 0; h < 8760; ++h) {
    CategoryRates hour;
    model.hourly_rates(UtcTime{first.seconds + h * 3600LL}, met, &hour);
    for (const auto& [cat, v] : hour)
      for (Pollutant p : kAllPollutants) year[cat][p] += v[p] * 3600.0;
  }
  const CategoryRates annual = model.annual_totals(2026);
  ASSERT_EQ(annual.size(), 5u);  // heat_plant, catering, dust (site + road dust), vehicle, other
  for (const auto& [cat, v] : annual)
    for (Pollutant p : kAllPollutants) {
      SCOPED_TRACE(cat + " " + pollutant_name(p));
      EXPECT_NEAR(year[cat][p], v[p], 1e-9 * std::max(1.0, v[p]));
    }
  // Hand check of two entries: the stack's NOx as given; the construction site 1.3 km x 1.3 km, AP-42
  // 13.2.3 at 0.269 kg TSP m-2 month-1, 12 months, 50 % active, 70 % left after control, PM10/TSP 0.49.
  EXPECT_NEAR(annual.at("heat_plant")[Pollutant::NOx], 400e3, 1e-6);
  const double site_pm10 = 1300.0 * 1300.0 * 0.2690 * 12 * 0.5 * 0.7 * 0.49;
  const double road_pm10 = annual.at("dust")[Pollutant::PM10] - site_pm10;
  EXPECT_NEAR(site_pm10 / (annual.at("dust")[Pollutant::PM10] - road_pm10), 1.0, 2e-3);
  // Road exhaust: 20,000 veh/d x 365 d x length x 0.4 g/km.
  const double length = std::hypot(5500.0, 5500.0) + std::hypot(6000.0, 3600.0);
  EXPECT_NEAR(annual.at("vehicle")[Pollutant::NOx], 20000.0 * 365 * length / 1000.0 * 0.4e-3, 1e-6);
}

TEST(EmissionModel, EveryHourCarriesThePollutantMassIntoTheCells) {
  const Grid g = test_grid();
  const EmissionModel model = make_model(inventory(), g);
  for (double t : {250.0, 288.15, 300.0})
    for (int h : {0, 5, 11, 17}) {
      const MetFields met = uniform_met(g, t);
      CategoryRates hour;
      const EmissionRates rates =
          model.hourly_rates(UtcTime{days_from_civil(2026, 11, 28) * 86400 + h * 3600LL}, met, &hour);
      PollutantValues sum;
      for (const auto& [cat, v] : hour)
        for (Pollutant p : kAllPollutants) sum[p] += v[p];
      const PollutantValues cells = recovered(rates);
      for (Pollutant p : {Pollutant::NOx, Pollutant::SO2, Pollutant::PM25, Pollutant::PM10}) {
        SCOPED_TRACE(pollutant_name(p));
        ASSERT_GT(sum[p], 0.0);
        EXPECT_NEAR(cells[p] / sum[p], 1.0, 1e-12);
      }
      // One entry per (species, cell), all inside the grid.
      for (std::size_t n = 1; n < rates.size(); ++n) {
        const CellEmission &a = rates[n - 1], &b = rates[n];
        EXPECT_FALSE(a.species == b.species && a.i == b.i && a.j == b.j && a.k == b.k);
      }
    }
}

TEST(EmissionModel, ColdAirRaisesGasolineNOxButNotCng) {
  // The taxi fleet is CNG: no correction, so the vehicle NOx is the same at -20 C and at 15 C.
  const Grid g = test_grid();
  const EmissionModel model = make_model(inventory(), g);
  const UtcTime hour{days_from_civil(2026, 11, 28) * 86400 + 3 * 3600LL};
  CategoryRates cold, mild;
  model.hourly_rates(hour, uniform_met(g, 253.15), &cold);
  model.hourly_rates(hour, uniform_met(g, 288.15), &mild);
  EXPECT_DOUBLE_EQ(cold.at("vehicle")[Pollutant::NOx], mild.at("vehicle")[Pollutant::NOx]);
  Inventory inv = inventory();
  inv.vehicle_classes[0].fuel = "gasoline";
  const EmissionModel gasoline = make_model(inv, g);
  // Dry air in both (RH 0.4 at -20 C, 0.02 at 15 C), so the humidity factor (x 1.06 below 50 %) is the same.
  gasoline.hourly_rates(hour, uniform_met(g, 253.15, 4.0, 0.0003), &cold);
  gasoline.hourly_rates(hour, uniform_met(g, 288.15, 4.0, 0.0003), &mild);
  // MEE 2014: gasoline NOx x 1.15 below 10 C (reference 3.3).
  EXPECT_NEAR(cold.at("vehicle")[Pollutant::NOx] / mild.at("vehicle")[Pollutant::NOx], 1.15, 1e-12);
}

TEST(EmissionModel, PlumeRiseLiftsTheStackEmissions) {
  const Grid g = test_grid();
  Inventory inv;
  Inventory full = inventory();
  inv.temporal_profiles = full.temporal_profiles;
  inv.speciation_profiles = full.speciation_profiles;
  inv.points = full.points;
  const UtcTime hour{days_from_civil(2026, 11, 28) * 86400 + 6 * 3600LL};
  auto mean_height = [&](bool rise, double wind) {
    const EmissionModel model = make_model(inv, g, rise);
    double sum = 0, weighted = 0, below_stack = 0;
    for (const CellEmission& e : model.hourly_rates(hour, uniform_met(g, 288.15, wind)))
      if (e.species == 1) {
        sum += e.rate;
        weighted += e.rate * g.layers().mid(e.k);
        if (g.layers().interface(e.k + 1) <= 150.0) below_stack += e.rate;
      }
    EXPECT_EQ(below_stack, 0.0);
    return weighted / sum;
  };
  // Without rise: all in the layer holding the 150 m stack top (120-300 m, mid 210 m).
  EXPECT_DOUBLE_EQ(mean_height(false, 4.0), 210.0);
  // With rise, by hand: the 250 Nm3/s flow is 353 m3/s at 50 C and 84.9 kPa, vs = 28.1 m/s through 4 m;
  // Fb = g vs d^2 (Ts - Ta) / (4 Ts) = 9.81 x 28.1 x 16 x 36 / 1293 = 123 m4 s-3. The air is weakly stable
  // (dtheta/dz = 3.3 K/km, s = 1.13e-4 s-2): stable rise 2.6 (Fb/(u s))^(1/3) = 168 m at 4 m/s, below the
  // neutral 173 m, so he = 318 m and the plume fills 234-402 m: 39 % in the 120-300 m layer (mid 210 m),
  // 61 % in the 300-600 m layer (mid 450 m), mass-weighted mid-height 356 m.
  EXPECT_NEAR(mean_height(true, 4.0), 356.0, 15.0);
  // A stronger wind bends the plume over: less rise.
  EXPECT_LT(mean_height(true, 10.0), mean_height(true, 4.0) - 20.0);
}

TEST(EmissionModel, WindBlownDustFromTheBarePatchsOwnFrictionVelocity) {
  const Grid g = test_grid();
  Inventory inv;
  Inventory full = inventory();
  inv.speciation_profiles = full.speciation_profiles;
  AreaSource bare;
  bare.info = info("bare", "dust", "");
  bare.kind = AreaKind::wind_blown;
  bare.polygon.vertices = {{-3000, -3000}, {-1000, -3000}, {-1000, -2000}, {-3000, -2000}};
  bare.dust.dry_threshold = 0.5;
  bare.dust.roughness_length = 0.01;
  bare.dust.erodible_fraction = 0.5;
  inv.areas.push_back(bare);
  const EmissionModel model = make_model(inv, g);
  const UtcTime hour{days_from_civil(2026, 3, 20) * 86400 + 4 * 3600LL};
  // 12 m/s in the first layer (mid-height 20 m) over z0 = 1 cm: u* = 0.4 x 12 / ln(20 / 0.01) = 0.6315 m/s,
  // above the 0.5 m/s threshold; the met's own u* (0.1 m/s, below it) is not used.
  const MetFields met = uniform_met(g, 288.15, 12.0, 0.001);
  const double ustar = 0.4 * 12.0 / std::log(20.0 / 0.01);
  const double rho = met.pressure(0, 0, 0) / (287.05 * met.temperature(0, 0, 0));
  const PollutantValues flux = wind_blown_dust_flux(ustar, rho, bare.dust);
  ASSERT_GT(flux[Pollutant::PM10], 0.0);
  CategoryRates rates;
  model.hourly_rates(hour, met, &rates);
  EXPECT_NEAR(rates.at("dust")[Pollutant::PM10] / (flux[Pollutant::PM10] * 2e6), 1.0, 1e-12);
  // At 6 m/s u* = 0.316 m/s: below the threshold, nothing.
  model.hourly_rates(hour, uniform_met(g, 288.15, 6.0, 0.001), &rates);
  EXPECT_EQ(rates.at("dust")[Pollutant::PM10], 0.0);
  // Wind-blown dust has no annual total; it is listed as met-driven instead.
  EXPECT_EQ(model.annual_totals(2026).count("dust"), 1u);
  EXPECT_EQ(model.annual_totals(2026).at("dust")[Pollutant::PM10], 0.0);
  EXPECT_EQ(model.met_dependent_sources(), std::vector<std::string>{"bare"});
}

TEST(EmissionModel, DisabledSourcesEmitNothing) {
  const Grid g = test_grid();
  Inventory inv = inventory();
  inv.points[0].info.enabled = false;
  const EmissionModel model = make_model(inv, g);
  EXPECT_EQ(model.annual_totals(2026).count("heat_plant"), 0u);
}

TEST(EmissionModel, BadInventoriesFailNamingTheSource) {
  const Grid g = test_grid();
  {
    Inventory inv = inventory();
    inv.points[0].x = 9000.0;  // the grid ends at x = 6000 m
    try {
      make_model(inv, g);
      FAIL() << "no error";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("test:stack"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("outside"), std::string::npos) << e.what();
    }
  }
  {
    Inventory inv = inventory();
    inv.speciation_profiles[0].gas.erase(Pollutant::SO2);
    try {
      make_model(inv, g);
      FAIL() << "no error";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("SO2"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("simple"), std::string::npos) << e.what();
    }
  }
  {
    Inventory inv = inventory();
    inv.roads[0].fleet = {{"lorry", 1.0}};
    EXPECT_THROW(make_model(inv, g), InputError);
  }
  {
    Inventory inv = inventory();
    inv.points[0].info.temporal_profile = "nope";
    EXPECT_THROW(make_model(inv, g), InputError);
  }
}

}  // namespace
}  // namespace airshed::emis

namespace airshed::emis {
namespace {

TEST(EmissionModel, RoadLengthsAndAreasAreTrueDistancesOnAMapProjection) {
  // The Kangbashi grid's Lambert projection (25/47 N, 110 E, sphere of 6,370 km): k = 0.983 at 39.6 N, so a
  // road measured on the projected plane is 1.7 % short of its length on the ground.
  Projection p;
  p.standard_parallel_1 = 25;
  p.standard_parallel_2 = 47;
  p.longitude_of_central_meridian = 110;
  p.latitude_of_projection_origin = 34;
  p.semi_major_axis = 6370000;
  const ProjectedXY c = p.forward({109.78, 39.61});
  const Grid g(40, 40, 1000.0, 1000.0, c.x - 20000.0, c.y - 20000.0, VerticalLayers({0.0, 40.0, 2000.0}), p,
               3);
  const LonLat a{109.70, 39.55}, b{109.86, 39.68};
  const ProjectedXY pa = p.forward(a), pb = p.forward(b);
  Inventory inv = inventory();
  inv.points.clear();
  inv.areas.clear();
  inv.gridded.clear();
  inv.roads[0].vertices = {{pa.x, pa.y}, {pb.x, pb.y}};
  const EmissionModel model(inv, g, species(), {}, EmissionOptions{});
  // Haversine distance on the same sphere.
  const double d2r = std::acos(-1.0) / 180.0;
  const double h =
      std::pow(std::sin(0.5 * (b.lat - a.lat) * d2r), 2) +
      std::cos(a.lat * d2r) * std::cos(b.lat * d2r) * std::pow(std::sin(0.5 * (b.lon - a.lon) * d2r), 2);
  const double length = 2.0 * 6370000.0 * std::asin(std::sqrt(h));
  const double nox = model.annual_totals(2026).at("vehicle")[Pollutant::NOx];
  EXPECT_NEAR(nox / (20000.0 * 365 * length / 1000.0 * 0.4e-3), 1.0, 2e-4);
  const double projected = std::hypot(pb.x - pa.x, pb.y - pa.y);
  EXPECT_NEAR(projected / length, 0.9833, 1e-3);
}

}  // namespace
}  // namespace airshed::emis
