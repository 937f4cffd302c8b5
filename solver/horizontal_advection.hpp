// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <vector>

#include "core/array.hpp"
#include "core/grid.hpp"
#include "solver/max_timestep.hpp"
#include "solver/state.hpp"

namespace airshed {

/// Amount of each transported field that entered the domain through each boundary during the sweeps
/// since the last reset [mol for gases and air, kg for aerosols]; negative = left the domain.
struct BoundaryExchange {
  std::vector<double> west, east, south, north, top;
  void resize(std::size_t fields) {
    for (auto* v : {&west, &east, &south, &north, &top}) v->assign(fields, 0.0);
  }
};

/// Flux-form PPM advection along x or y (Colella & Woodward 1984) with the CW84 monotonicity limiter:
/// mass-conserving (fluxes telescope), monotone and positive-definite for outflow Courant numbers <= 1.
/// Face velocities may vary along a row (divergent flow): the amount leaving cell i through a face is the
/// integral of the cell's parabola over the part swept by that face's velocity. Each sweep reads the ghost
/// cells filled by LateralBoundary and writes only the interior.
/// Work is split over (field, layer) planes with OpenMP; each plane is summed in a fixed order, so results
/// do not depend on the thread count.
class HorizontalAdvection {
 public:
  HorizontalAdvection(const Grid& grid, double courant_max);

  /// Longest sweep length [s] for which, in every cell, the Courant numbers of the faces it drains add up to
  /// at most courant_max (the positivity condition of a flux-form scheme in divergent flow).
  /// Evaluated on the cells of `block` (one rank's part: the ranks then agree on the minimum).
  MaxTimestep max_sweep_x(const Array3& u, const ColumnBlock& block) const;
  MaxTimestep max_sweep_y(const Array3& v, const ColumnBlock& block) const;
  MaxTimestep max_sweep_x(const Array3& u) const { return max_sweep_x(u, ColumnBlock::whole(grid_)); }
  MaxTimestep max_sweep_y(const Array3& v) const { return max_sweep_y(v, ColumnBlock::whole(grid_)); }

  /// One sweep of length dt [s] along x with face velocities u (nx+1, ny, nz) over the state's block, whose
  /// ghosts (3 deep along the sweep) must be filled. Adds what crossed the domain's own edges to `exchange`
  /// if not null. Throws InternalError if a face Courant number exceeds 1.
  void sweep_x(State& state, const Array3& u, double dt, BoundaryExchange* exchange);
  void sweep_y(State& state, const Array3& v, double dt, BoundaryExchange* exchange);

  double courant_max() const { return courant_max_; }

 private:
  const Grid& grid_;
  double courant_max_;
  void ensure_scratch();
  /// Add the last sweep's per-plane inflow (times face area) to the two boundary totals.
  void add_exchange(std::vector<double>& low_side, std::vector<double>& high_side) const;
  std::size_t work_size_ = 0;
  std::vector<aligned_vector<double>> work_;       // one scratch buffer per OpenMP thread
  std::vector<double> plane_in_lo_, plane_in_hi_;  // per (field, layer) boundary inflow of the last sweep
};

}  // namespace airshed
