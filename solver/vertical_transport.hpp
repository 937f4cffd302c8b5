// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <vector>

#include "core/array.hpp"
#include "core/grid.hpp"
#include "solver/horizontal_advection.hpp"
#include "solver/lateral_boundary.hpp"
#include "solver/max_timestep.hpp"
#include "solver/state.hpp"

namespace airshed {

/// Column operators on the terrain-following metre layers:
/// - advection by the (continuity-consistent) vertical wind: flux form, piecewise-linear reconstruction with
///   the monotonised-central limiter generalised to uneven layers (van Leer 1977, J. Comput. Phys. 23, 276),
///   sub-stepped per column so the drained Courant number stays <= vertical_courant_max (0.5 keeps the
///   limited scheme positive when a cell drains through both faces);
/// - diffusion with Kz, backward Euler in the mixing ratio q = c/air,
///     air_k dz_k (q'_k - q_k)/dt = G_{k+1/2}(q'_{k+1} - q'_k) - G_{k-1/2}(q'_k - q'_{k-1}),
///     G = air_face Kz / (z_{k+1} - z_k),
///   a symmetric tridiagonal system solved by the Thomas algorithm; it conserves sum(c dz) exactly in exact
///   arithmetic, is unconditionally stable and monotone, and leaves a uniform q uniform. No diffusive flux
///   crosses the ground (deposition is a separate flux) or the model top.
/// Model top: outflow carries the top cell's reconstruction out; inflow brings the boundary profile's top
/// value times the top cell's met density.
class VerticalTransport {
 public:
  VerticalTransport(const Grid& grid, double vertical_courant_max);

  /// Information only (columns sub-step): the step at which the worst column needs one sub-step.
  MaxTimestep max_timestep(const Array3& w) const;
  void advect(State& state, const Array3& w, const LateralBoundary& boundary, const Array3& rho_met,
              double dt, BoundaryExchange* exchange);
  void diffuse(State& state, const Array3& kz, double dt);
  /// Largest number of sub-steps any column took in the last advect().
  int last_max_substeps() const { return last_max_substeps_; }

 private:
  const Grid& grid_;
  double courant_max_;
  std::vector<double> top_in_;  // per (field, column) amount per unit area entering through the top
  int last_max_substeps_ = 1;
};

}  // namespace airshed
