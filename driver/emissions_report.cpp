// SPDX-License-Identifier: Apache-2.0
#include "driver/emissions_report.hpp"

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <sstream>

#include "airshed_version.hpp"
#include "core/error.hpp"
#include "driver/emission_setup.hpp"
#include "driver/make_met.hpp"
#include "driver/met_setup.hpp"
#include "driver/run.hpp"
#include "io/cf_output_writer.hpp"
#include "met/met_interpolator.hpp"

namespace airshed {

namespace {

constexpr double kHour = 3600.0;

std::string table(const emis::CategoryRates& rows, double scale, const std::string& unit) {
  std::ostringstream os;
  os << std::left << std::setw(16) << ("category [" + unit + "]");
  for (emis::Pollutant p : emis::kAllPollutants) os << std::right << std::setw(12) << emis::pollutant_name(p);
  os << "\n";
  emis::PollutantValues total;
  auto row = [&](const std::string& name, const emis::PollutantValues& v) {
    os << std::left << std::setw(16) << name;
    for (emis::Pollutant p : emis::kAllPollutants) {
      const double x = v[p] * scale;
      os << std::right << std::setw(12) << std::fixed
         << std::setprecision(x != 0.0 && std::abs(x) < 10 ? 3 : 1) << x;
    }
    os << "\n";
  };
  for (const auto& [category, v] : rows) {
    row(category, v);
    for (emis::Pollutant p : emis::kAllPollutants) total[p] += v[p];
  }
  row("total", total);
  return os.str();
}

/// CF standard names of emission fluxes that exist for single model species (cf-conventions reference).
std::string emission_standard_name(const std::string& species) {
  static const std::map<std::string, std::string> names = {{"NO", "nitrogen_monoxide"},
                                                           {"NO2", "nitrogen_dioxide"},
                                                           {"SO2", "sulfur_dioxide"},
                                                           {"CO", "carbon_monoxide"},
                                                           {"NH3", "ammonia"},
                                                           {"FORM", "formaldehyde"},
                                                           {"PEC", "elemental_carbon_dry_aerosol_particles"}};
  auto it = names.find(species);
  return it == names.end() ? "" : "tendency_of_atmosphere_mass_content_of_" + it->second + "_due_to_emission";
}

}  // namespace

std::string format_annual_totals(const emis::EmissionModel& model, int year) {
  std::ostringstream os;
  os << "Annual totals at reference conditions (t/yr, year " << year << "):\n"
     << table(model.annual_totals(year), 1e-3, "t/yr");
  const auto met = model.met_dependent_sources();
  if (!met.empty()) {
    os << "Met-driven (wind-blown dust, not in the table):";
    for (const auto& id : met) os << " " << id;
    os << "\n";
  }
  return os.str();
}

std::string format_hourly_rates(const emis::CategoryRates& rates, UtcTime hour, double utc_offset_hours) {
  std::ostringstream os;
  const CivilTime local =
      to_civil(UtcTime{hour.seconds + static_cast<std::int64_t>(std::llround(utc_offset_hours * kHour))});
  os << "Rates in the hour from " << format_utc(hour) << " (local " << std::setfill('0') << std::setw(2)
     << local.hour << ":00), kg/h:\n"
     << std::setfill(' ') << table(rates, kHour, "kg/h");
  return os.str();
}

void emissions_report(const CaseDefinition& c, const EmissionsReportOptions& options, std::ostream& out) {
  const std::unique_ptr<emis::EmissionModel> model = build_emission_model(c);
  if (!model) throw InputError(c.case_file, "the case has no emission inventory (`emissions` section)");
  const Grid& grid = c.grid;
  const UtcTime hour{static_cast<std::int64_t>(std::floor(options.hour.seconds / kHour)) * 3600};
  const double hour_offset = static_cast<double>(hour.seconds - c.start.seconds);
  if (hour_offset < 0 || hour_offset >= c.end_time())
    throw InputError("--hour", format_utc(options.hour) + " is outside the case's run (" +
                                   format_utc(c.start) + " + " + std::to_string(c.hours) + " h)");

  out << "Emission inventory of case " << c.name << ": " << model->inventory().points.size() << " stacks, "
      << model->inventory().areas.size() << " areas, " << model->inventory().roads.size() << " road links, "
      << model->inventory().gridded.size() << " gridded files; " << model->emitters().size()
      << " enabled emitters\n";
  out << format_annual_totals(*model, to_civil(c.start).year);

  // Meteorology as the run would use it. An idealised case writes its met file beside the output, or, with
  // no output asked for, to a temporary file removed afterwards (a table should not leave 100 MB behind).
  const CaseMetFiles met_files(c, options.output.empty() ? "" : derived_path(options.output, "-met.nc"),
                               options.history);
  const CaseMeteorology meteorology(met_files.files(), c.met_format, grid);
  MetInterpolator met(meteorology.source(), grid, c.start, c.kz);

  emis::CategoryRates by_category;
  model->hourly_rates(hour, met.at(std::min(hour_offset + 0.5 * kHour, c.end_time())).fields, &by_category);
  out << format_hourly_rates(by_category, hour, c.utc_offset_hours);

  if (options.output.empty()) return;
  // Species that any hour of the run emits, in model order.
  const SpeciesList species = c.species_list();
  const int hours = static_cast<int>(std::ceil(c.end_time() / kHour - 1e-9));
  std::vector<EmissionRates> all;
  std::vector<bool> emitted(species.size(), false);
  for (int h = 0; h < hours; ++h) {
    const UtcTime t{c.start.seconds + static_cast<std::int64_t>(h) * 3600};
    const double mid = std::min(h * kHour + 0.5 * kHour, c.end_time());
    all.push_back(model->hourly_rates(t, met.at(mid).fields));
    for (const CellEmission& e : all.back()) emitted[e.species] = true;
  }
  std::vector<OutputVariable> vars;
  std::vector<std::size_t> which;
  for (std::size_t s = 0; s < species.size(); ++s) {
    if (!emitted[s]) continue;
    which.push_back(s);
    const bool gas = species[s].phase == Phase::gas;
    vars.push_back({"emission_" + species[s].name, "kg m-2 s-1", emission_standard_name(species[s].name),
                    "emission of " + species[s].name + " into each layer",
                    gas ? "mass flux of the model species at its molar mass; column total = sum over z"
                        : "column total = sum over z"});
  }
  OutputAttributes attrs;
  attrs.title = "airshed gridded hourly emissions of case " + c.name;
  attrs.history = options.history;
  attrs.source = std::string("airshed ") + AIRSHED_VERSION_STRING;
  attrs.case_name = c.name;
  attrs.comment = "Each record holds the constant rates of the hour that starts at its time stamp.";
  CfOutputWriter writer(options.output, grid, vars, attrs, c.start);
  const double area = grid.dx() * grid.dy();
  for (int h = 0; h < hours; ++h) {
    std::vector<Array3> fields(which.size(), Array3(grid.nx(), grid.ny(), grid.nz()));
    for (const CellEmission& e : all[h]) {
      const auto pos = std::find(which.begin(), which.end(), e.species) - which.begin();
      const double mass =
          species[e.species].phase == Phase::gas ? e.rate * species[e.species].molar_mass : e.rate;
      fields[pos](e.i, e.j, e.k) += mass / area;
    }
    std::vector<const Array3*> ptrs;
    for (const auto& f : fields) ptrs.push_back(&f);
    writer.write_record(UtcTime{c.start.seconds + static_cast<std::int64_t>(h) * 3600}, ptrs);
  }
  writer.commit();
  out << "Wrote " << options.output << " (" << hours << " hourly records of " << which.size() << " species)"
      << ", meteorology " << met_files.files().front() << "\n";
}

}  // namespace airshed
