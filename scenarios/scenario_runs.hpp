// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "driver/case_definition.hpp"
#include "scenarios/aqi.hpp"
#include "scenarios/ensemble.hpp"
#include "scenarios/measures.hpp"

namespace airshed::scenarios {

/// `airshed scenarios run`: the base run and one run per scenario as an ensemble (the meteorology read once,
/// members side by side), compared per local day at the receptors, over the area and the domain.
struct ScenarioRunRequest {
  std::string output;  ///< stem of the outputs; empty: the case's output.file
  std::string history;
  EnsembleOptions ensemble;
};

/// One day's products of one run at one site.
struct DayMetrics {
  std::string date;                          ///< local date YYYY-MM-DD
  std::optional<double> o3_max_1h, o3_mda8;  ///< ppb (model units)
  std::optional<double> pm25_24h;            ///< ug m-3
  std::optional<double> aqi;                 ///< China AQI of the day (the date's standard)
  std::string aqi_primary;                   ///< primary pollutant(s), "/"-joined
};

struct ScenarioComparison {
  std::vector<std::string> runs;   ///< "base", then the scenarios' names
  std::vector<std::string> sites;  ///< receptors, area, domain
  /// days[run][site]: the local days of the run.
  std::vector<std::vector<std::vector<DayMetrics>>> days;
  MetricsPlan plan;
  std::vector<MemberMetrics> members;
  std::string table_file, maps_file;
};

/// Run base + scenarios and write `<stem>-scenarios.csv` (scenario, site, date, metric, value, unit, change
/// against the base) and `<stem>-scenarios-maps.nc` (episode-mean surface O3 and PM2.5 of the base and each
/// scenario's difference from it).
ScenarioComparison run_scenarios(const CaseDefinition& c, const std::vector<Scenario>& scenarios,
                                 const ScenarioRunRequest& request);

/// Per local day: the largest hourly value and MDA8 of O3 (8-h means of hours ending in the day), the 24-h
/// mean of PM2.5, and the China AQI from O3, NO2, SO2, CO, PM10 and PM2.5 converted to ug m-3 (gases at the
/// reference state 298.15 K, 1013.25 hPa of GB 3095-2012 amendment 1; CO mg m-3). A model record at time t
/// stands for the hour ending at t. `series[q]` are the plan's quantities at one site, `times` the records
/// (the initial state first, which is skipped).
std::vector<DayMetrics> day_metrics(const MetricsPlan& plan, const std::vector<std::vector<double>>& series,
                                    const std::vector<UtcTime>& times, double utc_offset_hours);

/// The plan's AQI pollutants at one site as hourly concentrations in the AQI module's units (ug m-3, CO mg
/// m-3; gases at 298.15 K, 1013.25 hPa): record t (t >= 1) stands for the local hour ending at times[t].
StationHours station_hours(const MetricsPlan& plan, const std::vector<std::vector<double>>& series,
                           const std::vector<UtcTime>& times, double utc_offset_hours);

/// The quantities a comparison records: O3, NO2, SO2, CO, pm25, pm10 (those the case has), and the case's
/// sites.
MetricsPlan comparison_plan(const CaseDefinition& c);

/// The comparison as a few lines per scenario (built-up area or first site, per day).
std::string format_scenario_comparison(const ScenarioComparison& r);

}  // namespace airshed::scenarios
