// SPDX-License-Identifier: Apache-2.0
#include "driver/box.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <stdexcept>

#include "chemistry/kinetic_system.hpp"
#include "chemistry/mechanism_file.hpp"
#include "chemistry/photolysis.hpp"
#include "chemistry/rate_constants.hpp"
#include "core/constants.hpp"
#include "core/error.hpp"
#include "core/solar.hpp"
#include "io/atomic_file.hpp"

namespace airshed {

namespace {
/// Longest chemistry step between updates of the sun and the emissions: 5 min keeps the photolysis rates
/// within ~1 % of their midpoint value around sunrise, where they change fastest.
constexpr double kMaxBoxStep = 300.0;
}  // namespace

double mixing_ratio_from_rh(double rh, double temperature, double pressure) {
  const double es = 611.2 * std::exp(17.67 * (temperature - 273.15) / (temperature - 29.65));
  const double e = rh * es;
  return constants::molar_mass_water / constants::molar_mass_dry_air * e / (pressure - e);
}

double BoxResult::at(std::size_t row, const std::string& name) const {
  for (std::size_t s = 0; s < species.size(); ++s)
    if (species[s] == name) return ppb.at(row)[s];
  throw std::out_of_range("box result has no species '" + name + "'");
}

BoxSetup box_from_config(const Config& c) {
  BoxSetup b;
  b.mechanism = chem::load_mechanism(c.string("mechanism"));
  b.start = c.time("start");
  b.hours = c.real("hours");
  b.output_interval = c.real("output_interval");
  b.temperature = c.real("temperature");
  b.pressure = c.real("pressure");
  b.relative_humidity = c.real("relative_humidity");
  if (c.has("location")) {
    b.follow_sun = true;
    b.location = {c.real("location.lon"), c.real("location.lat")};
    b.cloud_factor = c.real("location.cloud_factor");
  }
  for (const Config& p : c.items("photolysis")) b.fixed_j.emplace_back(p.string("name"), p.real("rate"));
  for (const Config& i : c.items("initial")) {
    if (b.mechanism.find(i.string("species")) < 0)
      throw InputError(i.where("species"),
                       "species '" + i.string("species") + "' is not in mechanism " + b.mechanism.name);
    b.initial_ppb.emplace_back(i.string("species"), i.real("ppb"));
  }
  for (const Config& e : c.items("emissions")) {
    if (b.mechanism.find(e.string("species")) < 0)
      throw InputError(e.where("species"),
                       "species '" + e.string("species") + "' is not in mechanism " + b.mechanism.name);
    b.emission_ppb_h.emplace_back(e.string("species"), e.real("ppb_per_hour"));
  }
  b.solver.method = c.string("solver.method") == "rodas3" ? chem::RosenbrockOptions::Method::rodas3
                                                          : chem::RosenbrockOptions::Method::ros3;
  b.solver.rtol = c.real("solver.rtol");
  b.solver.atol = c.real("solver.atol");
  return b;
}

BoxResult run_box(const BoxSetup& b) {
  const chem::KineticSystem system(b.mechanism);
  chem::RosenbrockSolver solver(system, b.solver, 1);
  const chem::Photolysis photolysis(b.mechanism.photolysis_names);
  const int n = system.n_solved();
  const double m = chem::air_number_density(b.pressure, b.temperature);
  const double qv = mixing_ratio_from_rh(b.relative_humidity, b.temperature, b.pressure);

  std::vector<double> y(n, 0.0), k(system.n_reactions()), j(b.mechanism.photolysis_names.size(), 0.0);
  std::vector<double> emission(n, 0.0);  // molecules cm-3 s-1
  auto solved = [&](const std::string& name) {
    const int s = system.solved_index(b.mechanism.find(name));
    if (s < 0)
      throw InputError(b.mechanism.source, "species '" + name + "' is fixed in the mechanism, not solved");
    return s;
  };
  for (const auto& [name, ppb] : b.initial_ppb) y[solved(name)] = ppb * 1e-9 * m;
  for (const auto& [name, rate] : b.emission_ppb_h) emission[solved(name)] += rate * 1e-9 * m / 3600.0;
  if (!b.follow_sun)
    for (const auto& [name, rate] : b.fixed_j) {
      const auto& names = b.mechanism.photolysis_names;
      const auto it = std::find(names.begin(), names.end(), name);
      if (it == names.end())
        throw InputError(b.mechanism.source,
                         "photolysis '" + name + "' is not used by mechanism " + b.mechanism.name);
      j[static_cast<std::size_t>(it - names.begin())] = rate;
    }

  BoxResult r;
  for (int s = 0; s < n; ++s) r.species.push_back(b.mechanism.species[system.mechanism_index(s)].name);
  auto record = [&](double t) {
    r.times.push_back(t);
    std::vector<double> row(n);
    for (int s = 0; s < n; ++s) row[s] = y[s] / m * 1e9;
    r.ppb.push_back(row);
  };
  const double end = b.hours * 3600.0;
  double t = 0.0;
  record(t);
  double next_output = std::min(b.output_interval, end);
  while (t < end) {
    const double dt = std::min({kMaxBoxStep, next_output - t, end - t});
    if (b.follow_sun) {
      const double cosz = cos_solar_zenith(b.location, b.start, t + 0.5 * dt);
      photolysis.rates(cosz, b.cloud_factor, j.data());
    }
    const chem::BlockConditions cond{1, &b.temperature, &b.pressure, &qv, j.data()};
    system.rate_constants(cond, k.data());
    // Emissions enter first (operator splitting, as in the 3-D model's middle stage), then chemistry.
    for (int s = 0; s < n; ++s) y[s] += emission[s] * dt;
    const chem::RosenbrockStats stats = solver.solve(y.data(), k.data(), 1, dt);
    if (!stats.ok)
      throw std::runtime_error("box chemistry failed to converge at t = " + std::to_string(t) + " s");
    r.solver_steps += stats.steps;
    r.rejected += stats.rejected;
    t += dt;
    if (t >= next_output - 1e-9) {
      t = next_output;
      record(t);
      next_output = std::min(next_output + b.output_interval, end);
    }
  }
  return r;
}

void write_box_csv(const std::string& path, const BoxSetup& b, const BoxResult& r) {
  AtomicFile file(path);
  {
    std::ofstream out(file.temporary_path());
    if (!out) throw InputError(path, "cannot write the CSV file");
    out << "time_s,time_utc";
    for (const auto& s : r.species) out << "," << s << "_ppb";
    out << "\n" << std::setprecision(10);
    for (std::size_t row = 0; row < r.times.size(); ++row) {
      out << r.times[row] << ","
          << format_utc(UtcTime{b.start.seconds + static_cast<std::int64_t>(std::llround(r.times[row]))});
      for (double v : r.ppb[row]) out << "," << v;
      out << "\n";
    }
    if (!out) throw InputError(path, "write failed");
  }
  file.commit();
}

}  // namespace airshed
