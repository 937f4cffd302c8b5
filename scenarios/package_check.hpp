// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "core/met_source.hpp"
#include "driver/case_definition.hpp"
#include "emissions/emission_model.hpp"
#include "scenarios/measures.hpp"

namespace airshed {

/// A scenario made ready for runs of a case: its emission model (the case's inventory with the scenario's
/// edits) and its hourly factors.
struct PreparedScenario {
  Scenario scenario;
  std::unique_ptr<emis::EmissionModel> model;
  std::unique_ptr<ScenarioAdjustment> adjustment;
};
PreparedScenario prepare_scenario(const CaseDefinition& c, Scenario scenario);

/// Emitted mass per pollutant [kg] over the case's hours (emissions of each UTC hour with the met at its
/// middle, as a run uses them), with the scenario's factors when `adjustment` is given.
emis::PollutantValues emitted_over_run(const CaseDefinition& c, const emis::EmissionModel& model,
                                       const MetSource& met, const emis::EmissionAdjustment* adjustment);

/// `airshed scenarios check`: each scenario's city-wide reduction of SO2, NOx, PM (PM10, all particulate
/// matter; PM2.5 listed) and VOC over the case's hours against its level's mandate (reference section 2.3).
std::vector<PackageCheck> check_packages(const CaseDefinition& c, const std::vector<Scenario>& scenarios,
                                         const std::string& history);

/// The checks as a table (one block per scenario) with a verdict line each.
std::string format_package_checks(const std::vector<PackageCheck>& checks);

}  // namespace airshed
