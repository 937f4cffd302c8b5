// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <vector>

#include "chemistry/deposition.hpp"
#include "core/grid.hpp"
#include "met/met_state.hpp"
#include "solver/mass_budget.hpp"
#include "solver/state.hpp"

namespace airshed {

/// Gases scavenged below cloud when the state holds them (their chem::scavenging_coefficients() names).
const std::vector<const char*>& scavenged_gases();

/// First-order loss of every layer over dt: c <- c exp(-Lambda dt) in every cell of every column of the
/// state's block, for each field in `fields` (state field indices) with lambda[n * ncol + col] (ncol and
/// col = i + nx j of the whole grid, global indices) in s-1, the same in all layers of a column. Adds the
/// amount removed [mol or kg] of fields[n] to deposited[fields[n]] when `deposited` is not null. Each cell is
/// updated on its own and the per-row amounts are summed in a fixed order after the (threaded) loop, so the
/// result does not depend on the thread count. Exact for a constant Lambda over the step, positive; Lambda =
/// 0 leaves the cell bit-identical.
void column_scavenging_loss(State& state, const std::vector<std::size_t>& fields,
                            const std::vector<double>& lambda, double dt, double* deposited);

/// Below-cloud wet scavenging as an operator of the split step (applied next to dry deposition, before the
/// vertical diffusion): dC/dt = -Lambda C, Lambda = a P^b with P the met's precipitation rate at the ground
/// in mm h-1 (chem::scavenging_coefficients(); FLEXPART for HNO3, H2O2, NH3, CALPUFF for SO2 and particles;
/// docs/chemistry-physics.md section 3.3). Scavenged: the gases of scavenged_gases() present in the state
/// and every aerosol species with the `fine_particle` coefficients.
///
/// Vertical extent: every model layer. The met carries no cloud base, and the rain reaching the ground fell
/// through every layer between the cloud base and the ground; precipitating clouds usually reach above the
/// model top (4 km by default), and inside the cloud the in-cloud removal, not represented, is faster than
/// the below-cloud one for highly soluble gases and accumulation-mode particles (Seinfeld & Pandis 2006
/// ch. 20), so using the below-cloud Lambda there understates rather than overstates the loss. CALPUFF,
/// whose coefficients are used, likewise applies its Lambda to the whole puff mass with no reference to a
/// cloud base (docs/chemistry-physics.md section 3.4, "Wet scavenging in the run").
///
/// Without a precipitation rate in the met (MetFields::precipitation_rate empty) apply() does nothing.
class WetDeposition {
 public:
  WetDeposition(const Grid& grid, const State& state);

  /// State field indices scavenged, gases first (scavenged_gases() order), then aerosols.
  const std::vector<std::size_t>& fields() const { return fields_; }
  /// Lambda [s-1] of fields()[n] in column col = i + nx j (whole grid, global indices): lambda[n * ncol +
  /// col], from the met's precipitation rate [kg m-2 s-1 = mm s-1], for the columns of the state's block (the
  /// constructor's state; the whole grid in a serial run), zero elsewhere. Returns false (lambda untouched)
  /// when the met has no precipitation rate or it is zero in every column of the block.
  bool rates(const MetState& met, std::vector<double>& lambda);
  /// rates(), then column_scavenging_loss() over dt with the amount into budget->deposited.
  void apply(State& state, const MetState& met, double dt, MassBudget* budget);

 private:
  const Grid& grid_;
  ColumnBlock block_;  // the columns the state holds
  std::vector<std::size_t> fields_;
  std::vector<const chem::ScavengingCoefficients*> coefficients_;  // one per field, in fields_ order
  std::vector<double> precipitation_;  // mm h-1 per column (whole grid, the block's columns filled)
  std::vector<double> lambda_;
};

}  // namespace airshed
