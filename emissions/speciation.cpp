// SPDX-License-Identifier: Apache-2.0
#include "emissions/speciation.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "core/error.hpp"

namespace airshed::emis {

namespace {

constexpr double kFractionSumTolerance = 1e-6;  // docs/emission-inputs.md: "Each map sums to 1 (within 1e-6)"
constexpr double kCarbonTolerance = 1e-9;

std::string num(double v) {
  std::ostringstream s;
  s.precision(10);
  s << v;
  return s.str();
}

bool is_gas_pollutant(Pollutant p) {
  return p == Pollutant::NOx || p == Pollutant::SO2 || p == Pollutant::CO || p == Pollutant::NH3;
}

/// Checks a fraction map (each >= 0, sum 1 within 1e-6) and returns its sum, by which the fractions are
/// divided so that mass is kept exactly rather than to 1e-6.
double checked_sum(const std::map<std::string, double>& fractions, const std::string& what,
                   const std::string& where) {
  double sum = 0.0;
  for (const auto& [key, f] : fractions) {
    if (!std::isfinite(f) || f < 0.0)
      throw InputError(where, what + ": fraction of '" + key + "' is " + num(f) + " (must be >= 0)");
    sum += f;
  }
  if (!(std::abs(sum - 1.0) <= kFractionSumTolerance))
    throw InputError(where, what + ": fractions sum to " + num(sum) + ", not 1 (within 1e-6)");
  return sum;
}

/// Sorted by species index, one entry per species, zero factors dropped.
std::vector<SpeciesSplit> to_splits(const std::map<std::size_t, double>& by_species) {
  std::vector<SpeciesSplit> out;
  for (const auto& [s, f] : by_species) {
    if (f != 0.0) out.push_back(SpeciesSplit{s, f});
  }
  return out;
}

}  // namespace

double inventory_molar_mass(Pollutant p) {
  switch (p) {
    case Pollutant::NOx:
      return 0.046006;  // NOx is reported as NO2 mass
    case Pollutant::SO2:
      return 0.064064;
    case Pollutant::CO:
      return 0.02801;
    case Pollutant::NH3:
      return 0.017031;
    default:
      break;
  }
  throw std::invalid_argument(std::string("inventory_molar_mass: ") + pollutant_name(p) +
                              " is mass-based and has no molar mass");
}

Speciator::Speciator(const std::vector<SpeciationProfile>& profiles,
                     const std::vector<VocCompound>& compounds, const SpeciesList& species,
                     const std::map<std::string, int>& carbon_atoms) {
  std::map<std::string, std::size_t> index;
  for (std::size_t s = 0; s < species.size(); ++s) index.emplace(species[s].name, s);

  // Compound table: physical sanity, then carbon consistency of each mechanism representation.
  std::map<std::string, const VocCompound*> compound_by_name;
  for (const VocCompound& c : compounds) {
    if (c.name.empty()) throw InputError(c.where, "VOC compound without a name");
    if (!compound_by_name.emplace(c.name, &c).second)
      throw InputError(c.where, "VOC compound '" + c.name + "' is listed twice");
    if (!std::isfinite(c.molar_mass) || c.molar_mass <= 0.0)
      throw InputError(c.where,
                       "VOC compound '" + c.name + "': molar mass " + num(c.molar_mass) + " must be > 0");
    if (c.carbon_atoms < 0)
      throw InputError(c.where, "VOC compound '" + c.name + "': carbon_atoms must be >= 0");
    if (!std::isfinite(c.unreactive_carbon) || c.unreactive_carbon < 0.0)
      throw InputError(c.where, "VOC compound '" + c.name + "': unreactive_carbon must be >= 0");
    double carbon = c.unreactive_carbon;
    for (const auto& [name, n] : c.mechanism_species) {
      if (!std::isfinite(n) || n < 0.0) {
        throw InputError(c.where, "VOC compound '" + c.name + "': " + num(n) + " mol of '" + name +
                                      "' per mol (must be >= 0)");
      }
      if (!carbon_atoms.empty()) {
        const auto it = carbon_atoms.find(name);
        if (it == carbon_atoms.end()) {
          throw InputError(c.where,
                           "VOC compound '" + c.name + "': '" + name + "' is not a species of the mechanism");
        }
        carbon += n * it->second;
      }
    }
    if (!carbon_atoms.empty() && !(std::abs(carbon - c.carbon_atoms) <= kCarbonTolerance)) {
      throw InputError(c.where, "VOC compound '" + c.name +
                                    "': mechanism species plus unreactive carbon hold " + num(carbon) +
                                    " carbon atoms, the compound has " + std::to_string(c.carbon_atoms));
    }
  }

  auto species_index = [&](const std::string& name, Phase phase, const std::string& what,
                           const std::string& where) {
    const auto it = index.find(name);
    if (it == index.end()) throw InputError(where, what + ": '" + name + "' is not a species of the model");
    if (species[it->second].phase != phase) {
      throw InputError(where, what + ": '" + name + "' is " + (phase == Phase::gas ? "an aerosol" : "a gas") +
                                  " species, expected " + (phase == Phase::gas ? "a gas" : "an aerosol") +
                                  " species");
    }
    return it->second;
  };

  for (const SpeciationProfile& prof : profiles) {
    const std::string& where = prof.where;
    if (prof.id.empty()) throw InputError(where, "speciation profile without an id");
    if (profiles_.count(prof.id))
      throw InputError(where, "speciation profile '" + prof.id + "' is defined twice");
    Entry e;
    e.where = where;
    const std::string pid = "profile '" + prof.id + "'";

    for (const auto& [p, fractions] : prof.gas) {
      const std::string what = pid + " " + pollutant_name(p);
      if (!is_gas_pollutant(p))
        throw InputError(where, what + ": only NOx, SO2, CO and NH3 take gas mole fractions");
      const double sum = checked_sum(fractions, what, where);
      std::map<std::size_t, double> acc;
      for (const auto& [name, f] : fractions)
        acc[species_index(name, Phase::gas, what, where)] += f / sum / inventory_molar_mass(p);
      e.present[static_cast<std::size_t>(p)] = true;
      e.splits[static_cast<std::size_t>(p)] = to_splits(acc);
    }

    if (!prof.voc.empty()) {
      const std::string what = pid + " VOC";
      const double sum = checked_sum(prof.voc, what, where);
      std::map<std::size_t, double> acc;
      for (const auto& [name, f] : prof.voc) {
        const auto it = compound_by_name.find(name);
        if (it == compound_by_name.end())
          throw InputError(where, what + ": compound '" + name + "' is not in the VOC compound table");
        const VocCompound& c = *it->second;
        const double mol_per_kg = f / sum / c.molar_mass;  // mol of compound per kg VOC
        for (const auto& [sname, n] : c.mechanism_species)
          acc[species_index(sname, Phase::gas, what + " compound '" + name + "'", where)] += mol_per_kg * n;
        e.unreactive_carbon += mol_per_kg * c.unreactive_carbon;
      }
      e.present[static_cast<std::size_t>(Pollutant::VOC)] = true;
      e.splits[static_cast<std::size_t>(Pollutant::VOC)] = to_splits(acc);
    }

    const std::pair<Pollutant, const std::map<std::string, double>*> pm[] = {{Pollutant::PM25, &prof.pm25},
                                                                             {Pollutant::PM10, &prof.pmc}};
    for (const auto& [p, fractions] : pm) {
      if (fractions->empty()) continue;
      const std::string what = pid + (p == Pollutant::PM25 ? " PM2.5" : " PMcoarse");
      const double sum = checked_sum(*fractions, what, where);
      std::map<std::size_t, double> acc;
      for (const auto& [name, f] : *fractions)
        acc[species_index(name, Phase::aerosol, what, where)] += f / sum;
      e.present[static_cast<std::size_t>(p)] = true;
      e.splits[static_cast<std::size_t>(p)] = to_splits(acc);
    }
    profiles_.emplace(prof.id, std::move(e));
  }
}

bool Speciator::has(const std::string& profile, Pollutant p) const {
  const auto it = profiles_.find(profile);
  return it != profiles_.end() && it->second.present[static_cast<std::size_t>(p)];
}

const std::vector<SpeciesSplit>& Speciator::split(const std::string& profile, Pollutant p) const {
  const auto it = profiles_.find(profile);
  if (it == profiles_.end()) {
    throw InputError("speciation", std::string("no speciation profile '") + profile + "' (needed for " +
                                       pollutant_name(p) + ")");
  }
  if (!it->second.present[static_cast<std::size_t>(p)]) {
    throw InputError(it->second.where, "speciation profile '" + profile + "' has no entry for " +
                                           (p == Pollutant::PM10 ? std::string("PMcoarse (PM10 - PM2.5)")
                                                                 : std::string(pollutant_name(p))));
  }
  return it->second.splits[static_cast<std::size_t>(p)];
}

double Speciator::unreactive_carbon(const std::string& profile) const {
  const auto it = profiles_.find(profile);
  return it == profiles_.end() ? 0.0 : it->second.unreactive_carbon;
}

}  // namespace airshed::emis
