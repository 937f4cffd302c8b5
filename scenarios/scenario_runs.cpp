// SPDX-License-Identifier: Apache-2.0
#include "scenarios/scenario_runs.hpp"

#include <cctype>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <limits>
#include <memory>
#include <sstream>

#include "airshed_version.hpp"
#include "core/error.hpp"
#include "driver/emission_setup.hpp"
#include "driver/met_setup.hpp"
#include "driver/run.hpp"
#include "io/atomic_file.hpp"
#include "io/cf_output_writer.hpp"
#include "scenarios/aqi.hpp"
#include "scenarios/package_check.hpp"
#include "scenarios/shared_met.hpp"

namespace airshed::scenarios {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// ug m-3 per ppb of a gas of molar mass M [g mol-1] at the reference state of GB 3095-2012 amendment 1
/// (298.15 K, 1013.25 hPa): 1e-9 x p/(R T) [mol m-3] x M [g mol-1] x 1e6 [ug g-1].
double ug_per_ppb(double molar_mass_g) {
  return 1e-9 * 101325.0 / (8.314462618 * 298.15) * molar_mass_g * 1e6;
}

struct AqiInput {
  Pollutant pollutant;
  const char* species;  ///< model species or derived output
  double factor;        ///< from model units (ppb, ug m-3) to pollutant_unit()
};

const std::vector<AqiInput>& aqi_inputs() {
  static const std::vector<AqiInput> list = {{Pollutant::so2, "SO2", ug_per_ppb(64.064)},
                                             {Pollutant::no2, "NO2", ug_per_ppb(46.006)},
                                             {Pollutant::co, "CO", ug_per_ppb(28.010) / 1000.0},
                                             {Pollutant::o3, "O3", ug_per_ppb(47.998)},
                                             {Pollutant::pm10, "pm10", 1.0},
                                             {Pollutant::pm25, "pm25", 1.0}};
  return list;
}

std::size_t quantity_index(const MetricsPlan& plan, const std::string& name) {
  for (std::size_t q = 0; q < plan.quantities.size(); ++q)
    if (plan.quantities[q].name == name) return q;
  return plan.quantities.size();
}

}  // namespace

MetricsPlan comparison_plan(const CaseDefinition& c) {
  MetricsPlan plan;
  for (const AqiInput& in : aqi_inputs()) {
    for (std::size_t s = 0; s < c.species.size(); ++s)
      if (c.species[s].species.name == in.species) {
        MetricsPlan::Quantity q;
        q.name = in.species;
        q.unit = c.species[s].species.phase == Phase::gas ? "ppb" : "ug m-3";
        q.species = s;
        plan.quantities.push_back(std::move(q));
      }
    for (DerivedOutput& o : c.derived_outputs())
      if (o.name == in.species) {
        MetricsPlan::Quantity q;
        q.name = o.name;
        q.unit = "ug m-3";
        q.derived = true;
        q.output = std::move(o);
        plan.quantities.push_back(std::move(q));
      }
  }
  plan.sites = default_sites(c);
  return plan;
}

namespace {

std::string date_of(int y, int m, int d) {
  std::ostringstream os;
  os << std::setfill('0') << std::setw(4) << y << "-" << std::setw(2) << m << "-" << std::setw(2) << d;
  return os.str();
}

std::string variable_name(std::string s) {
  for (char& ch : s)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_') ch = '_';
  return s;
}

}  // namespace

StationHours station_hours(const MetricsPlan& plan, const std::vector<std::vector<double>>& series,
                           const std::vector<UtcTime>& times, double utc_offset_hours) {
  const std::int64_t offset = static_cast<std::int64_t>(std::llround(utc_offset_hours * 3600.0));
  for (std::size_t t = 2; t < times.size(); ++t)
    if (times[t].seconds - times[t - 1].seconds != 3600)
      throw InputError("output.interval", "daily products need hourly output records (3600 s)");
  // Record t stands for the local hour ending at it: hour index (local seconds - 3600) / 3600.
  StationHours hours;
  hours.station = "site";
  const std::int64_t first_local = times.size() > 1 ? times[1].seconds + offset - 3600 : 0;
  hours.first_hour = first_local >= 0 ? first_local / 3600 : -((-first_local + 3599) / 3600);
  hours.hours = times.size() > 1 ? times.size() - 1 : 0;
  for (std::size_t p = 0; p < kPollutants.size(); ++p) hours.values[p].assign(hours.hours, kNaN);
  for (const AqiInput& in : aqi_inputs()) {
    const std::size_t q = quantity_index(plan, in.species);
    if (q == plan.quantities.size()) continue;
    std::vector<double>& v = hours.values[static_cast<std::size_t>(in.pollutant)];
    for (std::size_t k = 0; k < hours.hours; ++k) v[k] = series[q][k + 1] * in.factor;
  }
  return hours;
}

std::vector<DayMetrics> day_metrics(const MetricsPlan& plan, const std::vector<std::vector<double>>& series,
                                    const std::vector<UtcTime>& times, double utc_offset_hours) {
  std::vector<DayMetrics> out;
  if (times.size() < 2) return out;
  const StationHours hours = station_hours(plan, series, times, utc_offset_hours);
  const std::vector<DailyAqi> daily = daily_aqi(hours, AqiOptions{});
  const std::size_t o3 = quantity_index(plan, "O3"), pm25 = quantity_index(plan, "pm25");
  std::vector<double> o3_ppb(hours.hours, kNaN);
  if (o3 < plan.quantities.size())
    for (std::size_t k = 0; k < hours.hours; ++k) o3_ppb[k] = series[o3][k + 1];
  const AqiSettings settings;
  for (std::size_t d = 0; d < daily.size(); ++d) {
    DayMetrics m;
    m.date = date_of(daily[d].year, daily[d].month, daily[d].day);
    // Index of the day's hour 00 in the series.
    const std::int64_t day_hour = days_from_civil(daily[d].year, daily[d].month, daily[d].day) * 24;
    const std::int64_t start = day_hour - hours.first_hour;
    std::vector<double> day_o3, day_pm;
    for (std::int64_t k = std::max<std::int64_t>(start, 0);
         k < std::min<std::int64_t>(start + 24, static_cast<std::int64_t>(hours.hours)); ++k) {
      day_o3.push_back(o3_ppb[static_cast<std::size_t>(k)]);
      if (pm25 < plan.quantities.size()) day_pm.push_back(series[pm25][static_cast<std::size_t>(k) + 1]);
    }
    if (o3 < plan.quantities.size()) {
      double top = -1.0;
      for (double x : day_o3)
        if (std::isfinite(x)) top = std::max(top, x);
      if (top >= 0.0 && static_cast<int>(day_o3.size()) >= settings.min_hours_1h_max) m.o3_max_1h = top;
      m.o3_mda8 = mda8(o3_ppb, start, settings);
    }
    if (pm25 < plan.quantities.size()) {
      const auto mean = valid_mean(day_pm, settings.min_hours_24h);
      if (mean) m.pm25_24h = *mean;
    }
    m.aqi = daily[d].result.aqi;
    for (const std::string& p : daily[d].result.primary)
      m.aqi_primary += (m.aqi_primary.empty() ? "" : "/") + p;
    out.push_back(std::move(m));
  }
  return out;
}

ScenarioComparison run_scenarios(const CaseDefinition& c, const std::vector<Scenario>& scenarios,
                                 const ScenarioRunRequest& request) {
  ScenarioComparison r;
  const std::string output = request.output.empty() ? c.output_file : request.output;
  r.plan = comparison_plan(c);
  const std::unique_ptr<emis::EmissionModel> base = build_emission_model(c);
  std::vector<PreparedScenario> prepared;
  for (const Scenario& s : scenarios) prepared.push_back(prepare_scenario(c, s));

  std::vector<EnsembleMember> members(1);
  members[0].label = "base";
  r.runs.push_back("base");
  for (PreparedScenario& p : prepared) {
    EnsembleMember m;
    m.label = p.scenario.name;
    m.emissions = p.model.get();
    m.adjustment = std::shared_ptr<const emis::EmissionAdjustment>(std::move(p.adjustment));
    members.push_back(std::move(m));
    r.runs.push_back(p.scenario.name);
  }
  for (const MetricsPlan::Site& s : r.plan.sites) r.sites.push_back(s.name);

  // Under mpirun every rank runs this (each reading the met and the inventories itself); every rank gets
  // every member's metrics and rank 0 alone writes the files.
  const parallel::Communicator* ranks = request.ensemble.ranks;
  const bool root = !ranks || ranks->root();
  const EnsembleThreads placement = ensemble_threads(members.size(), request.ensemble);
  const CaseMeteorology meteorology(
      ensemble_met_files(c, derived_path(output, "-met.nc"), request.history, ranks), c.met_format, c.grid);
  const SharedMetSource shared(meteorology.source(), placement.members_here);
  r.members = run_ensemble(c, members, &shared, base.get(), r.plan, request.ensemble);

  for (const MemberMetrics& m : r.members) {
    std::vector<std::vector<DayMetrics>> per_site;
    for (std::size_t s = 0; s < r.plan.sites.size(); ++s) {
      std::vector<std::vector<double>> series;
      for (std::size_t q = 0; q < r.plan.quantities.size(); ++q) series.push_back(m.series[q][s]);
      per_site.push_back(day_metrics(r.plan, series, m.times, c.utc_offset_hours));
    }
    r.days.push_back(std::move(per_site));
  }

  // The table: one row per run, site, day and metric, with the change against the base.
  r.table_file = derived_path(output, "-scenarios.csv");
  r.maps_file = derived_path(output, "-scenarios-maps.nc");
  if (!root) return r;
  {
    AtomicFile file(r.table_file);
    std::ofstream os(file.temporary_path());
    if (!os) throw InputError(r.table_file, "cannot write");
    os.precision(6);
    os << "scenario,site,date,metric,value,unit,change,primary\n";
    auto row = [&](std::size_t run, std::size_t site, const DayMetrics& d, const char* metric,
                   const std::optional<double>& v, const std::optional<double>& bv, const char* unit,
                   const std::string& primary) {
      os << r.runs[run] << "," << r.sites[site] << "," << d.date << "," << metric << ",";
      if (v) os << *v;
      os << "," << unit << ",";
      if (v && bv) os << *v - *bv;
      os << "," << primary << "\n";
    };
    for (std::size_t run = 0; run < r.runs.size(); ++run)
      for (std::size_t site = 0; site < r.sites.size(); ++site)
        for (std::size_t d = 0; d < r.days[run][site].size(); ++d) {
          const DayMetrics& x = r.days[run][site][d];
          const DayMetrics& b = r.days[0][site][d];
          row(run, site, x, "o3_max_1h", x.o3_max_1h, b.o3_max_1h, "ppb", "");
          row(run, site, x, "o3_mda8", x.o3_mda8, b.o3_mda8, "ppb", "");
          row(run, site, x, "pm25_24h", x.pm25_24h, b.pm25_24h, "ug m-3", "");
          row(run, site, x, "aqi", x.aqi, b.aqi, "1", x.aqi_primary);
        }
    os.close();
    if (!os) throw InputError(r.table_file, "write failed");
    file.commit();
  }

  // Episode-mean surface maps: the base's O3 and PM2.5, and each scenario's difference from it.
  const Grid& g = c.grid;
  const Grid surface(g.nx(), g.ny(), g.dx(), g.dy(), g.x_west(), g.y_south(),
                     VerticalLayers({g.layers().interface(0), g.layers().interface(1)}), g.projection(),
                     g.halo());
  std::vector<OutputVariable> vars;
  std::vector<Array3> fields;
  const std::string period =
      format_utc(r.members[0].times[1]) + " to " + format_utc(r.members[0].times.back());
  for (std::size_t q = 0; q < r.plan.quantities.size(); ++q) {
    const std::string& name = r.plan.quantities[q].name;
    if (name != "O3" && name != "pm25") continue;
    for (std::size_t run = 0; run < r.runs.size(); ++run) {
      Array3 a(g.nx(), g.ny(), 1);
      for (int j = 0; j < g.ny(); ++j)
        for (int i = 0; i < g.nx(); ++i)
          a(i, j, 0) = r.members[run].mean_field[q](i, j) - (run ? r.members[0].mean_field[q](i, j) : 0.0);
      vars.push_back({variable_name(run ? name + "_" + r.runs[run] + "_minus_base" : name + "_base"),
                      r.plan.quantities[q].unit, "",
                      run ? "episode-mean surface " + name + " of scenario " + r.runs[run] + " minus the base"
                          : "episode-mean surface " + name + " of the base run",
                      "surface layer, mean of the output times " + period});
      fields.push_back(std::move(a));
    }
  }
  OutputAttributes attrs;
  attrs.title = "airshed control scenarios of case " + c.name;
  attrs.history = request.history;
  attrs.source = std::string("airshed ") + AIRSHED_VERSION_STRING;
  attrs.case_name = c.name;
  attrs.comment =
      "Episode-mean surface maps of the base run and of each scenario's change (docs/scenarios.md).";
  CfOutputWriter writer(r.maps_file, surface, vars, attrs, c.start);
  std::vector<const Array3*> ptrs;
  for (const Array3& f : fields) ptrs.push_back(&f);
  writer.write_record(r.members[0].times.back(), ptrs);
  writer.commit();
  return r;
}

std::string format_scenario_comparison(const ScenarioComparison& r) {
  std::ostringstream os;
  os.setf(std::ios::fixed);
  // The area site when there is one (the built-up area), else the first.
  std::size_t site = 0;
  for (std::size_t s = 0; s < r.plan.sites.size(); ++s)
    if (r.plan.sites[s].kind == "area") site = s;
  os << "Daily products at " << r.sites[site] << " (change against the base in brackets):\n";
  auto value = [&](const std::optional<double>& v, const std::optional<double>& b, int digits) {
    std::ostringstream x;
    x.setf(std::ios::fixed);
    x.precision(digits);
    if (!v) return std::string("-");
    x << *v;
    if (b) x << " (" << std::showpos << *v - *b << std::noshowpos << ")";
    return x.str();
  };
  for (std::size_t run = 0; run < r.runs.size(); ++run)
    for (std::size_t d = 0; d < r.days[run][site].size(); ++d) {
      const DayMetrics& x = r.days[run][site][d];
      const DayMetrics& b = r.days[0][site][d];
      os << "  " << std::left << std::setw(20) << r.runs[run] << std::right << " " << x.date << "  O3 max "
         << value(x.o3_max_1h, run ? b.o3_max_1h : std::nullopt, 1) << " ppb, MDA8 "
         << value(x.o3_mda8, run ? b.o3_mda8 : std::nullopt, 1) << " ppb, PM2.5 "
         << value(x.pm25_24h, run ? b.pm25_24h : std::nullopt, 2) << " ug m-3, AQI "
         << value(x.aqi, run ? b.aqi : std::nullopt, 0) << (x.aqi_primary.empty() ? "" : " " + x.aqi_primary)
         << "\n";
    }
  os << "Wrote " << r.table_file << " and " << r.maps_file << "\n";
  return os.str();
}

}  // namespace airshed::scenarios
