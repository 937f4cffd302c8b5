// SPDX-License-Identifier: Apache-2.0
#include "tagging/tag_families.hpp"

#include <algorithm>
#include <set>

#include "solver/aerosol_step.hpp"

namespace airshed {

const char* family_role_name(FamilyRole role) {
  switch (role) {
    case FamilyRole::primary:
      return "primary";
    case FamilyRole::so2:
      return "so2";
    case FamilyRole::sulfate:
      return "sulfate";
    case FamilyRole::nox:
      return "nox";
    case FamilyRole::pans:
      return "pans";
    case FamilyRole::nitrate:
      return "nitrate";
    case FamilyRole::ammonium:
      return "ammonium";
    case FamilyRole::voc:
      return "voc";
    case FamilyRole::soa_precursor:
      return "soa_precursor";
    case FamilyRole::soa:
      return "soa";
    case FamilyRole::ozone:
      return "ozone";
  }
  return "?";
}

namespace {

std::size_t find(const SpeciesList& species, const std::string& name) {
  for (std::size_t s = 0; s < species.size(); ++s)
    if (species[s].name == name) return s;
  return species.size();
}

/// Molar mass of an aerosol-coupling species (PSO4 as SO4, PNO3 as NO3, PNH4 as NH4, the SOA pairs).
double aerosol_molar_mass(const std::string& name) {
  for (const AerosolSpecies& a : aerosol_species())
    if (name == a.name) return a.molar_mass;
  return 0.0;
}

}  // namespace

std::vector<TagFamily> tag_families(const SpeciesList& species, const chem::Mechanism* mechanism) {
  std::vector<TagFamily> families;
  std::set<std::size_t> used;
  // `shared`: members that already belong to a family and count here as well (not as owner).
  auto add = [&](std::string name, FamilyRole role, std::string unit,
                 const std::vector<std::pair<std::string, double>>& members, int slots = 1,
                 const std::vector<std::pair<std::string, double>>& shared = {}) {
    TagFamily f{std::move(name), role, {}, slots, std::move(unit)};
    for (const auto& [member, weight] : members) {
      const std::size_t s = find(species, member);
      if (s == species.size() || used.count(s)) continue;
      f.members.push_back({s, weight, true});
    }
    if (f.members.empty()) return;
    for (const FamilyMember& m : f.members) used.insert(m.species);
    for (const auto& [member, weight] : shared) {
      const std::size_t s = find(species, member);
      if (s < species.size() && used.count(s)) f.members.push_back({s, weight, false});
    }
    families.push_back(std::move(f));
  };

  std::set<std::string> chemical;  // species the chemistry or the aerosol step changes
  if (mechanism) {
    for (const chem::MechanismSpecies& m : mechanism->species) chemical.insert(m.name);
    for (const AerosolSpecies& a : aerosol_species()) chemical.insert(a.name);

    // Weights: gases in mol m-3 are counted per atom of the family's element; particulate ions in kg m-3
    // are divided by their molar mass; the organic mass family counts kilograms (CG gases carry mol m-3 of
    // the pair's molar mass).
    const double so4 = aerosol_molar_mass("PSO4"), no3 = aerosol_molar_mass("PNO3"),
                 nh4 = aerosol_molar_mass("PNH4");
    add("NOx", FamilyRole::nox, "mol N m-3",
        {{"NO", 1.0}, {"NO2", 1.0}, {"NO3", 1.0}, {"N2O5", 2.0}, {"HONO", 1.0}, {"PNA", 1.0}});
    // Odd oxygen Ox = O3 + NO2 is tagged when the mechanism can tell its production regime: P(H2O2) from
    // HO2 + HO2 and P(HNO3) from OH + NO2 (GRS cannot). Ox, not O3 alone, so that O3 titrated by NO into NO2
    // and given back by NO2 photolysis keeps its origin (the purpose of CAMx OSAT3's OO tracers).
    bool indicator = true;
    for (const char* name : {"O3", "NO", "NO2", "OH", "HO2", "H2O2", "HNO3"})
      indicator = indicator && mechanism->find(name) >= 0 && find(species, name) < species.size();
    if (indicator) add("Ox", FamilyRole::ozone, "mol m-3", {{"O3", 1.0}}, 2, {{"NO2", 1.0}});
    add("PANs", FamilyRole::pans, "mol N m-3", {{"PAN", 1.0}, {"NTR", 1.0}});
    add("nitrate", FamilyRole::nitrate, "mol N m-3", {{"HNO3", 1.0}, {"PNO3", 1.0 / no3}});
    add("ammonium", FamilyRole::ammonium, "mol N m-3", {{"NH3", 1.0}, {"PNH4", 1.0 / nh4}});
    add("SO2", FamilyRole::so2, "mol S m-3", {{"SO2", 1.0}});
    add("sulfate", FamilyRole::sulfate, "mol S m-3", {{"SULF", 1.0}, {"PSO4", 1.0 / so4}});
    std::vector<std::pair<std::string, double>> soa;
    for (const AerosolSpecies& a : aerosol_species()) {
      const std::string n = a.name;
      if (n.rfind("CG", 0) == 0) soa.push_back({n, a.molar_mass});
      if (n.rfind("SOA", 0) == 0 || n == "SOPA" || n == "SOPB") soa.push_back({n, 1.0});
    }
    add("SOA", FamilyRole::soa, "kg m-3", soa);
    // SOA precursors first, so the VOC family below holds the rest of the organic carbon.
    auto carbon = [&](const std::string& name) {
      const int m = mechanism->find(name);
      return m < 0 ? 0.0 : mechanism->species[m].atoms.C;
    };
    add("SOA precursors", FamilyRole::soa_precursor, "mol C m-3",
        {{"TOL", carbon("TOL")}, {"XYL", carbon("XYL")}, {"ISOP", carbon("ISOP")}});
    // VOC: the stable organic species (carbon, no nitrogen), not CO and not the peroxy/alkoxy radicals that
    // live seconds (their carbon is counted where they end up).
    static const std::set<std::string> not_voc = {"CO", "C2O3", "MEO2", "TO2", "CRO", "ROR", "XO2", "XO2N"};
    std::vector<std::pair<std::string, double>> voc;
    for (const chem::MechanismSpecies& m : mechanism->species)
      if (m.fixed == chem::FixedKind::none && !m.steady_state && m.atoms.C > 0 && m.atoms.N == 0 &&
          !not_voc.count(m.name))
        voc.push_back({m.name, m.atoms.C});
    add("VOC", FamilyRole::voc, "mol C m-3", voc);
  }
  // Primary families: every species the chemistry never touches, in case order.
  for (std::size_t s = 0; s < species.size(); ++s)
    if (!chemical.count(species[s].name) && !used.count(s))
      add(species[s].name, FamilyRole::primary, species[s].phase == Phase::gas ? "mol m-3" : "kg m-3",
          {{species[s].name, 1.0}});
  return families;
}

}  // namespace airshed
