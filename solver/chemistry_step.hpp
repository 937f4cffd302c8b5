// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chemistry/kinetic_system.hpp"
#include "chemistry/photolysis.hpp"
#include "chemistry/rosenbrock.hpp"
#include "core/array.hpp"
#include "core/grid.hpp"
#include "core/time.hpp"
#include "met/met_state.hpp"
#include "solver/aerosol_step.hpp"
#include "solver/mass_budget.hpp"
#include "solver/state.hpp"

namespace airshed {

struct ChemistryOptions {
  chem::RosenbrockOptions solver;
  /// Cells per block. Blocks are consecutive owned cells (State::block(), the whole grid in a serial run) in
  /// x-fastest order, fixed by the column block, so the block-wide error norm (and so every bit of the
  /// result) does not depend on the thread count.
  int block_width = 16;
  /// Couple the secondary aerosol (solver/aerosol_step.hpp) after the gas solve of each block; the state must
  /// then hold aerosol_species().
  bool aerosol = false;
  /// Case species that are primary organic aerosol: the absorbing mass of the SOA partitioning.
  std::vector<std::string> primary_organic;
};

/// Integrals over one chemistry step of weighted sums of reaction rates, per cell [mol m-3]: the production
/// and loss terms source apportionment splits among its tags (P(H2O2), P(HNO3), O3 destruction). Each rate
/// is integrated by the trapezoidal rule between the gas solve's start and end concentrations (the
/// solver's internal steps are not visible); filled by ChemistryStep::apply for every owned cell.
struct ReactionIntegrals {
  std::vector<std::vector<std::pair<int, double>>> sums;  ///< per quantity: (reaction index, weight)
  /// per quantity, shaped as the state's block (block nx, block ny, nz): cell (i, j, k) at (i-i0, j-j0, k)
  std::vector<Array3> values;
};

/// The gas-phase chemistry operator of the split step: for every block of cells it gathers the transported
/// species the mechanism solves (mol m-3 -> molecules cm-3), the temperature, pressure, humidity and the
/// photolysis rates of the block's columns (clear-sky j at the column's solar zenith angle, scaled by the
/// met's shortwave over clear-sky shortwave), integrates dt with the Rosenbrock solver and scatters back.
/// Mechanism species that are not transported (GRS's steady-state radical pool) start each step at zero.
/// With `aerosol`, the block's secondary aerosol step follows the solve on the same gathered cells.
/// Blocks run in parallel with dynamic scheduling; each block's result depends only on its own cells.
class ChemistryStep {
 public:
  ChemistryStep(const Grid& grid, const State& state, const chem::Mechanism& mechanism,
                ChemistryOptions options, UtcTime run_start);

  /// Integrate dt seconds starting at model time `t` (the sun is taken at t + dt/2). Adds the net chemical
  /// change of every field (gas phase and aerosol) to `budget->chemical` when given. Throws
  /// std::runtime_error naming the block if the solver fails.
  void apply(State& state, const MetState& met, double t, double dt, MassBudget* budget);

  const chem::KineticSystem& system() const { return system_; }
  /// Fill `integrals` at every apply() (nullptr: none). Its `values` are sized here on first use.
  void set_reaction_integrals(ReactionIntegrals* integrals) { integrals_ = integrals; }
  /// Solver steps and rejections of the last apply(), summed over blocks (for diagnostics/benchmarks).
  long last_steps() const { return last_steps_; }

 private:
  const Grid& grid_;
  chem::KineticSystem system_;
  chem::Photolysis photolysis_;
  ChemistryOptions options_;
  UtcTime start_;
  std::vector<int> field_of_solved_;  // state field index of each solved species, -1 if not transported
  std::vector<LonLat> column_lonlat_;
  std::optional<AerosolStep> aerosol_;
  long last_steps_ = 0;
  ReactionIntegrals* integrals_ = nullptr;
};

}  // namespace airshed
