// SPDX-License-Identifier: Apache-2.0
// Control measures (issue 7 verification, "scenario algebra"): scale 0 equals switching off; a time shift
// keeps every day's total and empties the from-hours by its share; a package's reported city-wide reduction
// is what a run of the scenario actually emits; switching a disabled source on, a fleet change, dust control;
// bad scenario files are one-line errors naming file and line.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "data/embedded_cases.hpp"
#include "driver/case_schema.hpp"
#include "driver/emission_setup.hpp"
#include "driver/met_setup.hpp"
#include "driver/run.hpp"
#include "io/config_schema.hpp"
#include "met/met_interpolator.hpp"
#include "scenarios/package_check.hpp"

using namespace airshed;
namespace fs = std::filesystem;

namespace {

/// The embedded Kangbashi case (inventory, cb05-core) on a coarser grid, `hours` from `start`.
CaseDefinition kangbashi(double hours, const std::string& start = "2026-11-28T00:00:00Z",
                         const std::vector<std::string>& extra = {}) {
  Config config = Config::parse(embedded_case("kangbashi"), "embedded:kangbashi", case_schema());
  const fs::path dir = fs::path(AIRSHED_BINARY_DIR) / "test-output" / "scenarios_measures";
  fs::create_directories(dir);
  for (const std::string& o :
       {"case.hours=" + std::to_string(hours), "case.start=" + start, std::string("grid.nx=40"),
        std::string("grid.ny=40"), std::string("grid.layers.nz=6"), std::string("checkpoint.interval=0")})
    config.set(o);
  for (const std::string& o : extra) config.set(o);
  return build_case(config, "embedded:kangbashi", dir.string(), "embedded:kangbashi");
}

Scenario scenario(const std::string& yaml) {
  return parse_scenario("test.yaml", yaml);
}

/// Totals over the case's hours for the scenario (and the base when `yaml` is empty).
emis::PollutantValues totals(const CaseDefinition& c, const MetSource& met, const std::string& yaml) {
  if (yaml.empty()) return emitted_over_run(c, *build_emission_model(c), met, nullptr);
  const PreparedScenario p = prepare_scenario(c, scenario(yaml));
  return emitted_over_run(c, *p.model, met, p.adjustment.get());
}

std::string error_of(const std::string& yaml) {
  try {
    scenario(yaml);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST(Measures, ScaleZeroEqualsSwitchingOff) {
  const CaseDefinition c = kangbashi(3);
  const CaseMetFiles files(c, "", "test");
  const CaseMeteorology met(files.files(), c.met_format, c.grid);
  const auto base = totals(c, met.source(), "");
  const auto zero =
      totals(c, met.source(),
             "scenario: {name: zero}\nmeasures:\n  - {type: scale, categories: [heat_plant], factor: 0}\n");
  const auto off = totals(c, met.source(),
                          "scenario: {name: off}\nmeasures:\n  - {type: off, categories: [heat_plant]}\n");
  for (emis::Pollutant p : emis::kAllPollutants) EXPECT_EQ(zero[p], off[p]) << emis::pollutant_name(p);
  EXPECT_LT(off[emis::Pollutant::SO2], 0.2 * base[emis::Pollutant::SO2]);  // the plant dominates SO2
  // Scaling by 0.7 removes 30 % of exactly what switching off removes.
  const auto cut =
      totals(c, met.source(),
             "scenario: {name: cut}\nmeasures:\n  - {type: scale, categories: [heat_plant], factor: 0.7}\n");
  for (emis::Pollutant p : {emis::Pollutant::NOx, emis::Pollutant::SO2})
    EXPECT_NEAR(base[p] - cut[p], 0.3 * (base[p] - off[p]), 1e-9 * base[p]);
}

// Fuel-station unloading and refuelling moved out of the ozone-peak hours: every local day keeps its total,
// the from-hours keep 1 - share of their emission.
TEST(Measures, TimeShiftKeepsDailyTotals) {
  // One local day: 2026-11-28 00:00 to 24:00 local (UTC+8) = 16:00 UTC the day before.
  const CaseDefinition c = kangbashi(24, "2026-11-27T16:00:00Z");
  const std::unique_ptr<emis::EmissionModel> base = build_emission_model(c);
  const PreparedScenario p = prepare_scenario(
      c, scenario(
             "scenario: {name: shift}\nmeasures:\n  - {type: shift, categories: [fuel_station], share: 0.8, "
             "from_hours: [10, 18], to_hours: [20, 6]}\n"));
  const CaseMetFiles files(c, "", "test");
  const CaseMeteorology met(files.files(), c.met_format, c.grid);
  const auto before = emitted_over_run(c, *base, met.source(), nullptr);
  const auto after = emitted_over_run(c, *p.model, met.source(), p.adjustment.get());
  EXPECT_NEAR(after[emis::Pollutant::VOC], before[emis::Pollutant::VOC],
              1e-12 * before[emis::Pollutant::VOC]);
  // Hour by hour for one station: 0.2 in the from-hours, more at night.
  std::size_t station = 0;
  while (base->emitters()[station].source_id != "fs1_refuel") ++station;
  MetInterpolator interp(met.source(), c.grid, c.start, c.kz);
  double day_before = 0.0, day_after = 0.0;
  for (int h = 0; h < 24; ++h) {
    const UtcTime t{c.start.seconds + h * 3600};
    std::vector<emis::PollutantValues> b, a;
    base->hourly_rates(t, interp.at(h * 3600.0 + 1800.0).fields, nullptr, &b);
    emis::EmissionModel::HourlyExtras extras;
    extras.by_emitter = &a;
    extras.adjustment = p.adjustment.get();
    p.model->hourly_rates(t, interp.at(h * 3600.0 + 1800.0).fields, extras);
    const double vb = b[station][emis::Pollutant::VOC], va = a[station][emis::Pollutant::VOC];
    day_before += vb;
    day_after += va;
    const int local = h;  // the case starts at local midnight
    if (local >= 10 && local < 18) {
      EXPECT_NEAR(va, 0.2 * vb, 1e-15 * vb) << local;
    } else if (local >= 20 || local < 6) {
      EXPECT_GT(va, vb) << local;
    } else {
      EXPECT_EQ(va, vb) << local;
    }
  }
  EXPECT_NEAR(day_after, day_before, 1e-12 * day_before);
}

// What `scenarios check` reports is what a run with the scenario emits (RunSummary::inventory_emitted).
TEST(Measures, PackageReductionMatchesTheRunsEmissions) {
  const CaseDefinition c = kangbashi(2, "2026-11-28T00:30:00Z");  // a partial first hour too
  const Scenario s = scenario(
      "scenario: {name: orange, level: orange}\nmeasures:\n"
      "  - {type: scale, categories: [heat_plant], pollutants: [NOx, SO2, PM2.5, PM10], factor: 0.6}\n"
      "  - {type: dust_control, efficiency: 0.6}\n  - {type: catering, barbecue_share: 0.3}\n"
      "  - {type: scale, categories: [vehicle], factor: 0.8, region: built_up}\n"
      "  - {type: fleet, replace: truck_diesel_china3, with: truck_diesel_china6}\n");
  const std::vector<PackageCheck> checks = check_packages(c, {s}, "test");
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_DOUBLE_EQ(checks[0].required, 0.20);
  const PreparedScenario p = prepare_scenario(c, s);
  RunOptions o;
  std::ostringstream sink;
  o.progress = &sink;
  o.write_files = false;
  o.emissions = p.model.get();
  o.adjustment = p.adjustment.get();
  const RunSummary run = run_case(c, o);
  using P = emis::Pollutant;
  const std::vector<std::pair<std::string, P>> names = {
      {"SO2", P::SO2}, {"NOx", P::NOx}, {"PM", P::PM10}, {"VOC", P::VOC}};
  for (const auto& [name, pollutant] : names) {
    const auto row = std::find_if(checks[0].rows.begin(), checks[0].rows.end(),
                                  [&](const PackageCheck::Row& r) { return r.pollutant == name; });
    ASSERT_NE(row, checks[0].rows.end());
    EXPECT_NEAR(row->scenario_kg, run.inventory_emitted[pollutant], 1e-9 * row->scenario_kg) << name;
    EXPECT_GT(row->reduction(), 0.0) << name;
  }
  EXPECT_TRUE(std::isfinite(checks[0].rows[0].reduction()));
  const std::string table = format_package_checks(checks);
  EXPECT_NE(table.find("mandate for orange"), std::string::npos) << table;
}

TEST(Measures, SwitchOnFleetAndDustControl) {
  const CaseDefinition c = kangbashi(2);
  const CaseMetFiles files(c, "", "test");
  const CaseMeteorology met(files.files(), c.met_format, c.grid);
  const auto base = totals(c, met.source(), "");
  // The planned waste-to-energy plant is in the inventory but disabled: switching it on adds emissions.
  const auto wte =
      totals(c, met.source(), "scenario: {name: wte}\nmeasures:\n  - {type: on, sources: [wte_phase1]}\n");
  EXPECT_GT(wte[emis::Pollutant::NOx], base[emis::Pollutant::NOx]);
  // ... and only inside its window.
  const auto later = totals(c, met.source(),
                            "scenario: {name: wte}\nmeasures:\n  - {type: on, sources: [wte_phase1], start: "
                            "2026-11-29T00:00:00Z}\n");
  EXPECT_EQ(later[emis::Pollutant::NOx], base[emis::Pollutant::NOx]);
  // Retiring China 3 diesel trucks lowers traffic NOx and PM2.5.
  const auto fleet =
      totals(c, met.source(),
             "scenario: {name: f}\nmeasures:\n  - {type: fleet, replace: truck_diesel_china3, with: "
             "truck_diesel_china6}\n");
  EXPECT_LT(fleet[emis::Pollutant::NOx], base[emis::Pollutant::NOx]);
  // Dust control touches only dust PM: NOx unchanged.
  const auto dust =
      totals(c, met.source(), "scenario: {name: d}\nmeasures:\n  - {type: dust_control, efficiency: 1}\n");
  EXPECT_EQ(dust[emis::Pollutant::NOx], base[emis::Pollutant::NOx]);
  EXPECT_LT(dust[emis::Pollutant::PM10], base[emis::Pollutant::PM10]);
}

// Banning every vehicle class is switching the vehicles' exhaust off; barring diesel trucks from the town by
// day lowers NOx by less than that.
TEST(Measures, VehicleBan) {
  const CaseDefinition c = kangbashi(3);
  const CaseMetFiles files(c, "", "test");
  const CaseMeteorology met(files.files(), c.met_format, c.grid);
  const auto base = totals(c, met.source(), "");
  const auto off =
      totals(c, met.source(), "scenario: {name: off}\nmeasures:\n  - {type: off, categories: [vehicle]}\n");
  const auto all =
      totals(c, met.source(),
             "scenario: {name: all}\nmeasures:\n  - {type: vehicle_ban, classes: [car_gasoline_china6, "
             "taxi_cng, bus_electric, truck_diesel_china3, truck_diesel_china5, truck_diesel_china6]}\n");
  for (emis::Pollutant p : emis::kAllPollutants)
    EXPECT_NEAR(all[p], off[p], 1e-12 * base[p] + 1e-300) << emis::pollutant_name(p);
  const auto trucks =
      totals(c, met.source(),
             "scenario: {name: t}\nmeasures:\n  - {type: vehicle_ban, classes: [truck_diesel_china3, "
             "truck_diesel_china5, truck_diesel_china6], region: built_up, hours: [7, 22]}\n");
  EXPECT_LT(trucks[emis::Pollutant::NOx], base[emis::Pollutant::NOx]);
  EXPECT_GT(trucks[emis::Pollutant::NOx], off[emis::Pollutant::NOx]);
}

TEST(Measures, BadScenarioFilesAreOneLineErrors) {
  EXPECT_NE(error_of("scenario: {name: a}\nmeasures:\n  - {type: teleport}\n").find("test.yaml:3"),
            std::string::npos);
  EXPECT_NE(error_of("scenario: {name: a}\nmeasures:\n  - {type: shift, share: 0.5}\n").find("from_hours"),
            std::string::npos);
  EXPECT_NE(error_of("scenario: {name: a}\nmeasures:\n  - {type: shift, share: 0.5, from_hours: [10, 18], "
                     "to_hours: [16, 20]}\n")
                .find("overlap at 16 h"),
            std::string::npos);
  EXPECT_NE(error_of("scenario: {name: a}\nmeasures:\n  - {type: fleet, replace: a, with: b, region: x}\n")
                .find("whole run"),
            std::string::npos);
  EXPECT_NE(error_of("scenario: {name: a}\nmeasures:\n  - {type: scale, pollutants: [ozone], factor: 0.5}\n")
                .find("unknown pollutant 'ozone'"),
            std::string::npos);
  EXPECT_NE(error_of("scenario: {name: a, level: purple}\n").find("purple"), std::string::npos);
  // A source the inventory lacks fails when the scenario meets the case.
  const CaseDefinition c = kangbashi(1);
  try {
    prepare_scenario(c, scenario("scenario: {name: a}\nmeasures:\n  - {type: on, sources: [nowhere]}\n"));
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no source 'nowhere'"), std::string::npos) << e.what();
  }
}

// docs/scenario-keys.md must be exactly `airshed scenario-doc`; the embedded Kangbashi packages parse and
// meet their mandates over the case's first day.
TEST(Measures, ScenarioKeysDocIsCurrentAndKangbashiPackagesMeetTheirMandates) {
  std::ifstream in(std::string(AIRSHED_SOURCE_DIR) + "/docs/scenario-keys.md");
  ASSERT_TRUE(in.good()) << "docs/scenario-keys.md is missing";
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(),
            schema_markdown(scenario_schema(), "Scenario file reference", scenario_schema_intro()))
      << "docs/scenario-keys.md is stale: regenerate it with `build/app/airshed scenario-doc > "
         "docs/scenario-keys.md`";
  const CaseDefinition c = kangbashi(24);
  std::vector<Scenario> packages;
  for (const char* name : {"yellow", "orange", "red"}) {
    const std::string path = std::string("kangbashi/scenarios/") + name + ".yaml";
    const char* yaml = embedded_file(path);
    ASSERT_NE(yaml, nullptr) << path;
    packages.push_back(parse_scenario(path, yaml));
  }
  const std::vector<PackageCheck> checks = check_packages(c, packages, "test");
  for (const PackageCheck& k : checks) EXPECT_TRUE(k.missed().empty()) << format_package_checks({k});
}
