// SPDX-License-Identifier: Apache-2.0
// `airshed scenarios run`: the daily products of a model series (peak and MDA8 O3, 24-h PM2.5, China AQI
// with the gases converted to ug m-3 at the reference state) checked by hand, and an ensemble of the base and
// scenarios on a coarse Kangbashi day: a scenario that changes nothing equals the base to the bit, the orange
// package lowers PM2.5 over the built-up area, and the table and maps are written.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "data/embedded_cases.hpp"
#include "driver/case_schema.hpp"
#include "scenarios/scenario_runs.hpp"

using namespace airshed;
using namespace airshed::scenarios;
namespace fs = std::filesystem;

TEST(ScenarioRuns, DailyProductsByHand) {
  MetricsPlan plan;
  plan.quantities.resize(2);
  plan.quantities[0].name = "O3";
  plan.quantities[1].name = "pm25";
  // 2025-01-10, local UTC+8: records at 16 UTC on the 9th (the initial state) and 24 hourly ones ending at
  // 01, 02, ..., 24 local; HJ 633-2012 applies (before 2026-03-01).
  const std::int64_t t0 = (days_from_civil(2025, 1, 9) * 24 + 16) * 3600;
  std::vector<UtcTime> times;
  for (int k = 0; k <= 24; ++k) times.push_back(UtcTime{t0 + k * 3600});
  const std::vector<std::vector<double>> series = {std::vector<double>(25, 40.0),
                                                   std::vector<double>(25, 100.0)};
  const std::vector<DayMetrics> days = day_metrics(plan, series, times, 8.0);
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days[0].date, "2025-01-10");
  EXPECT_DOUBLE_EQ(*days[0].o3_max_1h, 40.0);
  EXPECT_DOUBLE_EQ(*days[0].o3_mda8, 40.0);
  EXPECT_DOUBLE_EQ(*days[0].pm25_24h, 100.0);
  // PM2.5 100 ug m-3: IAQI 100 + (100 - 75) / (115 - 75) x 50 = 131.25 -> 132 (ceiling); O3 40 ppb =
  // 40 x 47.998 / 24.465 = 78.5 ug m-3 (298.15 K, 1013.25 hPa): 8-h IAQI 39.2, 1-h IAQI 24.5. AQI 132, PM2.5.
  EXPECT_DOUBLE_EQ(*days[0].aqi, 132.0);
  EXPECT_EQ(days[0].aqi_primary, "PM2.5_24h");
}

TEST(ScenarioRuns, EnsembleOfBaseAndScenariosOnKangbashi) {
  const fs::path dir = fs::path(AIRSHED_BINARY_DIR) / "test-output" / "scenarios_runs";
  fs::remove_all(dir);
  fs::create_directories(dir);
  Config config = Config::parse(embedded_case("kangbashi"), "embedded:kangbashi", case_schema());
  for (const char* o : {"case.start=2026-11-27T16:00:00Z", "case.hours=24", "grid.nx=20", "grid.ny=20",
                        "grid.dx=2000", "grid.dy=2000", "grid.layers.nz=6", "checkpoint.interval=0"})
    config.set(o);
  const CaseDefinition c = build_case(config, "embedded:kangbashi", dir.string(), "embedded:kangbashi");
  const Scenario same =
      parse_scenario("same.yaml", "scenario: {name: same}\nmeasures:\n  - {type: scale, factor: 1}\n");
  const Scenario orange = parse_scenario("orange.yaml", embedded_file("kangbashi/scenarios/orange.yaml"));
  ScenarioRunRequest req;
  req.output = (dir / "cmp.nc").string();
  req.ensemble.members_in_parallel = 2;
  const ScenarioComparison r = run_scenarios(c, {same, orange}, req);
  ASSERT_EQ(r.runs.size(), 3u);
  std::size_t area = 0;
  while (r.sites[area] != "built_up") ++area;
  ASSERT_EQ(r.days[0][area].size(), 1u);
  const DayMetrics& base = r.days[0][area][0];
  const DayMetrics& unchanged = r.days[1][area][0];
  const DayMetrics& cut = r.days[2][area][0];
  EXPECT_EQ(*unchanged.pm25_24h, *base.pm25_24h);
  EXPECT_EQ(*unchanged.o3_mda8, *base.o3_mda8);
  EXPECT_EQ(r.members[1].mean_field[0].data, r.members[0].mean_field[0].data);
  EXPECT_LT(*cut.pm25_24h, *base.pm25_24h);
  EXPECT_TRUE(base.aqi.has_value());
  EXPECT_TRUE(fs::exists(r.table_file));
  EXPECT_TRUE(fs::exists(r.maps_file));
  std::ifstream table(r.table_file);
  std::string header;
  std::getline(table, header);
  EXPECT_EQ(header, "scenario,site,date,metric,value,unit,change,primary");
}
