// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <vector>

#include "chemistry/mechanism.hpp"
#include "chemistry/sparse_lu.hpp"

namespace airshed::chem {

/// Conditions of a block of `width` cells, cell index innermost.
struct BlockConditions {
  int width = 0;
  const double* temperature = nullptr;  ///< [width] K
  const double* pressure = nullptr;     ///< [width] Pa
  const double* humidity = nullptr;     ///< [width] water-vapour mixing ratio kg kg-1
  const double* j = nullptr;            ///< [n_photolysis * width] s-1, Mechanism::photolysis_names order
};

/// A mechanism compiled for the solver: the solved species only (fixed reactants folded into effective rate
/// constants), the ODE right-hand side, its analytic Jacobian in a sparse pattern fixed once per mechanism,
/// and the production/loss diagnostics apportionment needs. Arrays over a block are laid out
/// [item * width + cell] so every inner loop runs over cells and vectorises.
class KineticSystem {
 public:
  explicit KineticSystem(const Mechanism& mechanism);

  const Mechanism& mechanism() const { return mechanism_; }
  int n_solved() const { return static_cast<int>(solved_.size()); }
  int n_reactions() const { return static_cast<int>(mechanism_.reactions.size()); }
  /// Mechanism index of solved species s.
  int mechanism_index(int s) const { return solved_[s]; }
  /// Solved index of a mechanism species, -1 if it is fixed.
  int solved_index(int mechanism_species) const { return solved_of_[mechanism_species]; }
  const SparsePattern& pattern() const { return pattern_; }

  /// Effective rate constants k_eff[r * width + c]: the law times the concentrations of fixed reactants.
  void rate_constants(const BlockConditions& cond, double* k_eff) const;
  /// Reaction rates r[r * width + c] = k_eff * product of solved reactant concentrations.
  void reaction_rates(const double* y, const double* k_eff, int width, double* rates) const;
  /// dy/dt [molecules cm-3 s-1] for y[s * width + c] in molecules cm-3.
  void forcing(const double* y, const double* k_eff, int width, double* f) const;
  /// Jacobian df/dy in the pattern's value order, jac[v * width + c].
  void jacobian(const double* y, const double* k_eff, int width, double* jac) const;

 private:
  template <int W>
  void forcing_block(const double* y, const double* k_eff, int width, double* f) const;
  template <int W>
  void jacobian_block(const double* y, const double* k_eff, int width, double* jac) const;

  // The compiled mechanism, flattened into index lists built once so the block loops do no look-ups.
  struct Range {
    int begin = 0, end = 0;
  };
  struct Yield {
    int species;   // solved index
    double value;  // net yield: products minus reactants, never zero
  };
  // d(rate_r)/d(y_species) = multiplicity * k_eff * product of y over `others` (the reactant list with one
  // copy of `species` removed), added with the net yields of reaction r to the Jacobian positions `entries`.
  struct Derivative {
    int species;
    double multiplicity;
    Range others, entries;
  };
  struct JacobianEntry {
    int pos;  // position in the pattern's value array
    double yield;
  };
  struct FixedFactor {
    int slot, power;  // index into fixed_species_, stoichiometric count
  };
  struct Compiled {
    Range reactants, yields, derivatives, fixed;
  };

  Mechanism mechanism_;
  std::vector<int> solved_, solved_of_;
  SparsePattern pattern_;
  std::vector<Compiled> reactions_;
  std::vector<int> reactant_;  // solved reactants, one entry per stoichiometric count
  std::vector<Yield> yield_;
  std::vector<Derivative> derivative_;
  std::vector<int> other_;
  std::vector<JacobianEntry> entry_;
  std::vector<FixedFactor> fixed_factor_;
  std::vector<int> fixed_species_;  // mechanism indices of the fixed species that appear as reactants
};

}  // namespace airshed::chem
