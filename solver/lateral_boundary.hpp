// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <vector>

#include "core/array.hpp"
#include "solver/state.hpp"

namespace airshed {

/// How the ghost cells of one horizontal axis are filled.
enum class BoundaryKind {
  open,     ///< inflow faces take the boundary mixing ratio, outflow faces are zero-gradient
  periodic  ///< ghosts copy the opposite side (verification problems)
};

/// Lateral (and top) boundary values: for every transported field a mixing-ratio profile q_k per layer
/// (mol/mol for gases, kg/mol for aerosols: mass per mole of air; 1 for the air field itself). At an
/// inflow face the ghost cells hold q_k * rho_met of the adjacent interior cell, so a field whose
/// interior and boundary mixing ratios are equal stays uniform. At an outflow face the ghosts copy the
/// boundary cell (zero gradient), so outflow is advected out with no reflection. The fill is separate
/// from the advection sweeps so an MPI decomposition can replace it with a halo exchange on rank edges.
class LateralBoundary {
 public:
  LateralBoundary(const State& state, BoundaryKind x_kind, BoundaryKind y_kind);

  /// Boundary mixing-ratio profile of field f (nz values).
  std::vector<double>& profile(std::size_t field) { return profiles_[field]; }
  const std::vector<double>& profile(std::size_t field) const { return profiles_[field]; }
  BoundaryKind x_kind() const { return x_kind_; }
  BoundaryKind y_kind() const { return y_kind_; }

  /// Fill the x ghosts of every field, choosing inflow/outflow from u on the boundary faces.
  void fill_x(State& state, const Array3& u, const Array3& rho_met) const;
  /// Fill the y ghosts of every field from v on the boundary faces.
  void fill_y(State& state, const Array3& v, const Array3& rho_met) const;

 private:
  BoundaryKind x_kind_, y_kind_;
  std::vector<std::vector<double>> profiles_;
};

}  // namespace airshed
