// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <utility>
#include <vector>

/// A chemical mechanism as data (DESIGN.md: "mechanism is data, solver is generic"): species, reactions and
/// rate laws, read from a documented YAML file (docs/mechanisms.md) or a built-in copy of one. Nothing here
/// knows the grid; the solver compiles a Mechanism into its sparse form once.
namespace airshed::chem {

/// Atoms counted for the conservation checks (reactions must balance N and S; C is informative because
/// lumped mechanisms such as CB05 do not conserve carbon).
struct Atoms {
  double N = 0.0, S = 0.0, C = 0.0;
};

/// How a fixed (not solved) species gets its concentration in a cell.
enum class FixedKind {
  none,          ///< a solved species
  air,           ///< M: the air number density p/(k_B T)
  water,         ///< H2O: from the humidity mixing ratio
  mixing_ratio   ///< a constant mole fraction of air (O2 0.2095, CH4 1.8e-6, ...)
};

struct MechanismSpecies {
  std::string name;
  double molar_mass = 0.0;  ///< kg mol-1
  Atoms atoms;
  FixedKind fixed = FixedKind::none;
  double fixed_mixing_ratio = 0.0;  ///< mole fraction, for FixedKind::mixing_ratio
  /// Short-lived species held in quasi-steady state by the mechanism's design (GRS's radical pool): solved
  /// like any other species but never transported; the transport keeps it at zero outside the chemistry.
  bool steady_state = false;
  std::string description;
};

/// k = A (T/300)^B exp(C/T) [M]^m_power, in molecules cm-3 and s (cm3 molecule-1 s-1 for a bimolecular
/// reaction). CMAQ/CB05 tables write Arrhenius rates in this form (C = -Ea/R).
struct ArrheniusTerm {
  double A = 0.0, B = 0.0, C = 0.0;
  int m_power = 0;
};

/// Troe fall-off in the CMAQ/JPL convention:
/// k = [k0 M / (1 + k0 M / kinf)] F^G, G = 1 / (1 + (log10(k0 M / kinf) / n)^2).
struct TroeRate {
  ArrheniusTerm k0, kinf;
  double F = 0.6, n = 1.0;
};

/// j = scale * exp(C/T) * j_name(zenith, cloud), from the photolysis module; zero at night.
struct PhotolysisRate {
  std::string j_name;
  int j_index = -1;  ///< index into Mechanism::photolysis_names
  double scale = 1.0;
  /// Temperature dependence of the scaled rate [K]: 0 for a plain photolysis; GRS R1 (ROC + hv) uses
  /// k1 = 1e4 exp(-4710/T) j(NO2) (HYSPLIT grseqn.f GRATES), i.e. scale = 1e4, C = -4710.
  double C = 0.0;
};

struct RateLaw {
  enum class Kind { arrhenius, troe, photolysis };
  Kind kind = Kind::arrhenius;
  std::vector<ArrheniusTerm> terms;  ///< arrhenius: k is the sum of the terms (e.g. HO2+HO2, OH+CO)
  TroeRate troe;
  PhotolysisRate photolysis;
};

struct Reaction {
  std::string label;
  std::vector<std::pair<int, int>> reactants;    ///< (species index, stoichiometric count >= 1)
  std::vector<std::pair<int, double>> products;  ///< (species index, yield; may be negative in lumped mechanisms)
  RateLaw rate;
  int line = 0;  ///< line in the mechanism file, for messages
};

struct Mechanism {
  std::string name;
  std::string description;
  std::string source;  ///< file path or "built-in:<name>"
  std::vector<MechanismSpecies> species;
  std::vector<Reaction> reactions;
  std::vector<std::string> photolysis_names;  ///< distinct j names used by the reactions, in first-use order

  /// Index of a species, or -1.
  int find(const std::string& name) const;
  /// Indices of the solved (not fixed) species, in mechanism order.
  std::vector<int> solved_species() const;
};

}  // namespace airshed::chem
