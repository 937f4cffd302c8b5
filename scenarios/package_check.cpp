// SPDX-License-Identifier: Apache-2.0
#include "scenarios/package_check.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "core/error.hpp"
#include "driver/emission_setup.hpp"
#include "driver/met_setup.hpp"
#include "met/met_interpolator.hpp"

namespace airshed {

PreparedScenario prepare_scenario(const CaseDefinition& c, Scenario scenario) {
  PreparedScenario p;
  p.scenario = std::move(scenario);
  p.model = build_emission_model(c, [&](emis::Inventory& inv) { apply_inventory_measures(p.scenario, inv); });
  if (!p.model)
    throw InputError(p.scenario.file, "scenario '" + p.scenario.name +
                                          "': the case has no emission inventory for its measures to act on");
  p.adjustment = std::make_unique<ScenarioAdjustment>(p.scenario, *p.model, c.grid, c.apportionment.regions,
                                                      c.utc_offset_hours);
  return p;
}

emis::PollutantValues emitted_over_run(const CaseDefinition& c, const emis::EmissionModel& model,
                                       const MetSource& met_source,
                                       const emis::EmissionAdjustment* adjustment) {
  constexpr double kHour = 3600.0;
  MetInterpolator met(met_source, c.grid, c.start, c.kz);
  emis::PollutantValues total;
  // Whole UTC hours of the run; a partial first or last hour counts for the part inside the run, as in a run.
  const std::int64_t first = c.start.seconds / 3600 * 3600;
  const std::int64_t end = c.start.seconds + static_cast<std::int64_t>(std::llround(c.end_time()));
  for (std::int64_t h = first; h < end; h += 3600) {
    const double from = std::max<double>(static_cast<double>(h), static_cast<double>(c.start.seconds));
    const double to = std::min<double>(static_cast<double>(h) + kHour, static_cast<double>(end));
    const double mid = std::clamp(static_cast<double>(h - c.start.seconds) + 0.5 * kHour, 0.0, c.end_time());
    emis::EmissionModel::HourlyExtras extras;
    emis::CategoryRates by_category;
    extras.by_category = &by_category;
    extras.adjustment = adjustment;
    model.hourly_rates(UtcTime{h}, met.at(mid).fields, extras);
    for (const auto& [category, rates] : by_category)
      for (emis::Pollutant p : emis::kAllPollutants) total[p] += rates[p] * (to - from);
  }
  return total;
}

std::vector<PackageCheck> check_packages(const CaseDefinition& c, const std::vector<Scenario>& scenarios,
                                         const std::string& history) {
  const std::unique_ptr<emis::EmissionModel> base = build_emission_model(c);
  if (!base) throw InputError(c.case_file, "the case has no emission inventory (`emissions` section)");
  const CaseMetFiles files(c, "", history);
  const CaseMeteorology meteorology(files.files(), c.met_format, c.grid);
  const emis::PollutantValues base_kg = emitted_over_run(c, *base, meteorology.source(), nullptr);
  std::vector<PackageCheck> out;
  for (const Scenario& s : scenarios) {
    const PreparedScenario p = prepare_scenario(c, s);
    const emis::PollutantValues kg = emitted_over_run(c, *p.model, meteorology.source(), p.adjustment.get());
    PackageCheck check;
    check.scenario = s.name;
    check.level = s.level;
    check.required = mandated_reduction(s.level);
    using P = emis::Pollutant;
    for (const auto& [name, p, counted] :
         {std::tuple{"SO2", P::SO2, true}, std::tuple{"NOx", P::NOx, true}, std::tuple{"PM", P::PM10, true},
          std::tuple{"VOC", P::VOC, true}, std::tuple{"PM2.5", P::PM25, false}})
      check.rows.push_back({name, base_kg[p], kg[p], counted});
    out.push_back(std::move(check));
  }
  return out;
}

std::string format_package_checks(const std::vector<PackageCheck>& checks) {
  std::ostringstream os;
  os.setf(std::ios::fixed);
  for (const PackageCheck& c : checks) {
    os << "Scenario " << c.scenario << (c.level.empty() ? "" : " (" + c.level + " package)") << "\n";
    os << "  " << std::left << std::setw(8) << "" << std::right << std::setw(14) << "base [t]"
       << std::setw(14) << "scenario [t]" << std::setw(12) << "reduction"
       << "\n";
    for (const PackageCheck::Row& r : c.rows)
      os << "  " << std::left << std::setw(8) << r.pollutant << std::right << std::setprecision(3)
         << std::setw(14) << r.base_kg / 1000.0 << std::setw(14) << r.scenario_kg / 1000.0
         << std::setprecision(1) << std::setw(11) << 100.0 * r.reduction() << "%"
         << (r.counted ? "" : "  (information)") << "\n";
    if (c.required > 0.0) {
      const std::vector<std::string> missed = c.missed();
      os << "  mandate for " << c.level << ": each of SO2, NOx, PM (PM10), VOC >= " << std::setprecision(0)
         << 100.0 * c.required << " %: ";
      if (missed.empty()) {
        os << "met\n";
      } else {
        os << "MISSED for";
        for (const std::string& m : missed) os << " " << m;
        os << "\n";
      }
    }
  }
  return os.str();
}

}  // namespace airshed
