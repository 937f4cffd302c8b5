// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <vector>

#include "core/array.hpp"
#include "core/grid.hpp"
#include "solver/lateral_boundary.hpp"
#include "solver/max_timestep.hpp"
#include "solver/state.hpp"

namespace airshed {

enum class HorizontalDiffusionKind { none, constant, smagorinsky };

struct HorizontalDiffusionOptions {
  HorizontalDiffusionKind kind = HorizontalDiffusionKind::smagorinsky;
  double k_constant = 50.0;  ///< m2 s-1; with smagorinsky, the floor
  /// Smagorinsky (1963, MWR 91, 99) coefficient in K = (Cs^2 dx dy) |D|, |D| the horizontal deformation;
  /// 0.28 is the value CMAQ's hdiff uses for the squared form (Byun & Ching 1999, EPA/600/R-99/030 ch. 7).
  double smagorinsky_coefficient = 0.28;
  double k_max = 5000.0;  ///< m2 s-1 cap
};

/// Explicit horizontal K-diffusion in flux form on the mixing ratio, weighted by the carried air density
/// (dc/dt = div(air K grad(c/air))), so a uniform mixing ratio is untouched and mass is conserved. No flux
/// crosses open lateral boundaries (inflow is set by advection); periodic axes wrap.
class HorizontalDiffusion {
 public:
  HorizontalDiffusion(const Grid& grid, HorizontalDiffusionOptions options);
  /// Cell-centred K from the current winds on the block's cells and the ring around them (kept for
  /// max_timestep and apply).
  void update_coefficients(const Array3& u, const Array3& v, const ColumnBlock& block);
  const Array3& coefficients() const { return k_; }
  /// The stability limit of the block's cells.
  MaxTimestep max_timestep(const ColumnBlock& block) const;
  /// One step on the state's block; ghosts one cell deep on block edges inside the domain must be filled.
  void apply(State& state, const LateralBoundary& boundary, double dt);

 private:
  const Grid& grid_;
  HorizontalDiffusionOptions options_;
  Array3 k_;
  aligned_vector<double> cx_, cy_;  ///< face conductances of the last apply(), per layer
  std::vector<aligned_vector<double>> scratch_;
};

}  // namespace airshed
