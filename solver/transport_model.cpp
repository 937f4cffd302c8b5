// SPDX-License-Identifier: Apache-2.0
#include "solver/transport_model.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>

namespace airshed {

TransportModel::TransportModel(const Grid& grid, const State& state, TransportOptions options)
    : grid_(grid),
      options_(options),
      boundary_(state, options.x_boundary, options.y_boundary),
      advection_(grid, options.courant_max),
      vertical_(grid, options.vertical_courant_max),
      hdiff_(grid, options.horizontal_diffusion),
      target_air_(grid.nx(), grid.ny(), grid.nz()),
      block_(state.block()) {}

MaxTimestep TransportModel::max_timestep(const MetState& met) {
  MaxTimestep best;
  if (options_.advection) {
    for (MaxTimestep m :
         {advection_.max_sweep_x(met.fields.u, block_), advection_.max_sweep_y(met.fields.v, block_)}) {
      m.seconds *= 2.0;  // each sweep covers half the step
      best = std::min(best, m);
    }
  }
  hdiff_.update_coefficients(met.fields.u, met.fields.v, block_);
  best = std::min(best, hdiff_.max_timestep(block_));
  return halo_ ? halo_->agree(best) : best;
}

void TransportModel::horizontal(State& state, const MetState& met, double half, bool x_first,
                                MassBudget* budget) {
  if (!options_.advection) return;
  BoundaryExchange* ex = budget ? &budget->exchange : nullptr;
  auto sweep = [&](bool along_x) {
    MaxTimestep limit =
        along_x ? advection_.max_sweep_x(met.fields.u, block_) : advection_.max_sweep_y(met.fields.v, block_);
    if (halo_) limit = halo_->agree(limit);  // every rank sub-cycles alike
    const int n = std::max(1, static_cast<int>(std::ceil(half / limit.seconds)));
    for (int s = 0; s < n; ++s) {
      if (halo_)
        halo_->exchange(state, along_x ? HaloExchange::Axis::x : HaloExchange::Axis::y, grid_.halo());
      if (along_x) {
        boundary_.fill_x(state, met.fields.u, met.air_density);
        advection_.sweep_x(state, met.fields.u, half / n, ex);
      } else {
        boundary_.fill_y(state, met.fields.v, met.air_density);
        advection_.sweep_y(state, met.fields.v, half / n, ex);
      }
    }
  };
  sweep(x_first);
  sweep(!x_first);
}

void TransportModel::step(State& state, const MetState& met, double dt, MassBudget* budget) {
  const double wall_start = omp_get_wtime();
  const double half = 0.5 * dt;
  const bool matching = options_.vertical_advection && options_.density_matching;
  horizontal(state, met, half, true, budget);
  if (sources_) sources_->apply(state, dt, budget ? &budget->emitted : nullptr);
  if (tags_) tags_->emit(state, dt);
  if (matching) {
    // Target of the middle stage: the met density at the end of the step less what the second horizontal
    // half-steps will change it by, estimated from the met itself (mass fluxes u rho with face densities the
    // mean of the two cells, as the continuity w). The target depends on the met only, so whatever mismatch
    // the carried air brings into a step is removed by it: errors stay at the size of one half-step's flux
    // difference instead of accumulating.
    const Array3& rho = met.air_density;
    const Array3& u = met.fields.u;
    const Array3& v = met.fields.v;
    const int nx = grid_.nx(), ny = grid_.ny();
    auto face_x = [&](int i, int j, int k) {
      const int w = std::max(i - 1, 0), e = std::min(i, nx - 1);
      return u(i, j, k) * 0.5 * (rho(w, j, k) + rho(e, j, k));
    };
    auto face_y = [&](int i, int j, int k) {
      const int so = std::max(j - 1, 0), no = std::min(j, ny - 1);
      return v(i, j, k) * 0.5 * (rho(i, so, k) + rho(i, no, k));
    };
    for (int k = 0; k < grid_.nz(); ++k)
      for (int j = block_.j0; j < block_.j1; ++j)
        for (int i = block_.i0; i < block_.i1; ++i) {
          const double end = rho(i, j, k) + 0.5 * dt * met.air_density_tendency(i, j, k);
          const double divergence = (face_x(i + 1, j, k) - face_x(i, j, k)) / grid_.dx() +
                                    (face_y(i, j + 1, k) - face_y(i, j, k)) / grid_.dy();
          const double target = end + half * divergence;
          target_air_(i, j, k) = target > 0.0 ? target : end;
        }
    vertical_.advect_to_density(state, target_air_, boundary_, dt, budget ? &budget->exchange : nullptr);
  } else if (options_.vertical_advection) {
    vertical_.advect(state, met.w, boundary_, met.air_density, dt, budget ? &budget->exchange : nullptr);
  }
  const bool removal = deposition_ || wet_deposition_;
  if (tags_ && removal) tags_->before_removal(state);
  if (deposition_) deposition_->apply(state, met, state.time, dt, budget);
  if (wet_deposition_) wet_deposition_->apply(state, met, dt, budget);
  if (tags_ && removal) tags_->after_removal(state);
  if (options_.vertical_diffusion) vertical_.diffuse(state, met.kz, dt);
  if (options_.horizontal_diffusion.kind != HorizontalDiffusionKind::none) {
    hdiff_.update_coefficients(met.fields.u, met.fields.v, block_);
    if (halo_) halo_->exchange(state, HaloExchange::Axis::both, 1);
    hdiff_.apply(state, boundary_, dt);
  }
  if (chemistry_) {
    const double chemistry_start = omp_get_wtime();
    if (tags_) tags_->before_chemistry(state);
    chemistry_->apply(state, met, state.time, dt, budget);
    if (tags_) tags_->after_chemistry(state, dt);
    timing_.chemistry += omp_get_wtime() - chemistry_start;
  }
  horizontal(state, met, half, false, budget);
  if (tags_) tags_->end_of_step(state);
  state.time += dt;
  timing_.total += omp_get_wtime() - wall_start;
}

}  // namespace airshed
