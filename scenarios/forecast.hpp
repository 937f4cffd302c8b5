// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "driver/case_definition.hpp"
#include "scenarios/aqi.hpp"
#include "scenarios/ensemble.hpp"
#include "scenarios/measures.hpp"
#include "scenarios/scenario_runs.hpp"
#include "scenarios/warnings.hpp"

namespace airshed::scenarios {

/// `airshed forecast` (docs/forecast.md): the base forecast with source tagging, the warning-level packages
/// and single measures as an ensemble, and the bulletin: JSON for machines, Markdown, and (through
/// tools/make_bulletin.py with the system Python) a self-contained HTML page with maps and series.
struct ForecastRequest {
  std::string output;  ///< stem of every file; empty: the case's output.file
  std::string history;
  WarningRules rules = WarningRules::mee2024;
  std::vector<Scenario> options;  ///< packages (scenario.level set) and single measures
  std::string site;       ///< the bulletin's site: a receptor or the area; empty: area, receptor, domain
  std::string tools_dir;  ///< where make_bulletin.py is; empty: no HTML
  EnsembleOptions ensemble;
  std::ostream* log = nullptr;
};

/// AQI of every 24-h window ending at an hour of `hours` (24-h means, O3 1-h maximum and the largest 8-h mean
/// inside the window; the standard of the window's end date), for the warning rules.
std::vector<AqiHour> rolling_daily_aqi(const StationHours& hours, double utc_offset_hours);

struct ForecastResult {
  std::string output_file, json_file, markdown_file, html_file, aqi_file;
  WarningResult warning;
  std::optional<std::string> smallest_package;  ///< the lowest-level package whose forecast has no warning
  std::string site;
};

ForecastResult run_forecast(const CaseDefinition& c, const ForecastRequest& request);

}  // namespace airshed::scenarios
