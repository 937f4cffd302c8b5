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
/// Every operator updates the columns of the state's block only (State::block(), the whole grid in a serial
/// run; met arrays are whole-grid, indexed globally), and the top exchange it adds is the block's.
class VerticalTransport {
 public:
  VerticalTransport(const Grid& grid, double vertical_courant_max);

  /// Information only (columns sub-step): the step at which the worst column of the whole grid needs one
  /// sub-step (from the whole-grid met, so the same on every rank of a decomposed run).
  MaxTimestep max_timestep(const Array3& w) const;
  void advect(State& state, const Array3& w, const LateralBoundary& boundary, const Array3& rho_met,
              double dt, BoundaryExchange* exchange);
  /// Density-matching vertical advection (the mass-consistent form of CMAQ's vertical advection, Byun 1999,
  /// J. Atmos. Sci. 56, 3808): in each column the vertical air flux is integrated up from zero at the ground
  /// so that the carried air ends at `target_air` in every layer,
  ///   F_{k+1/2} = F_{k-1/2} + (air_k - target_k) dz_k     [mol m-2 over dt],
  /// and every species moves with that air flux times its upwind mixing ratio (limited piecewise-linear in
  /// q = c/air, as advect()). The air then matches the target to round-off, a uniform mixing ratio stays
  /// uniform, and the flux left at the top interface is a real exchange through the model top (inflow carries
  /// the boundary profile's top mixing ratio). Sub-stepped like advect(): the drained air Courant number per
  /// sub-step stays <= vertical_courant_max.
  void advect_to_density(State& state, const Array3& target_air, const LateralBoundary& boundary, double dt,
                         BoundaryExchange* exchange);
  void diffuse(State& state, const Array3& kz, double dt);
  /// Largest number of sub-steps any column of the state's block took in the last advect().
  int last_max_substeps() const { return last_max_substeps_; }

 private:
  const Grid& grid_;
  double courant_max_;
  /// Add the per-column top inflows of the last advection to the budget's top exchange.
  void add_top_exchange(BoundaryExchange* exchange) const;
  std::vector<double> top_in_;  // per (field, column) amount per unit area entering through the top
  ColumnBlock top_block_;       // the columns of top_in_ the last advection filled
  int last_max_substeps_ = 1;
};

}  // namespace airshed
