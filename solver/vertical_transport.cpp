// SPDX-License-Identifier: Apache-2.0
#include "solver/vertical_transport.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace airshed {

namespace {
constexpr int kMaxLayers = 128;  // column scratch lives on the stack; enforced in the constructor

/// Limited slopes (per metre) of a column profile: monotonised-central generalised to uneven layers (van Leer
/// 1977), bounded so both edge values stay between the neighbours; the ground and the top act as
/// zero-gradient neighbours.
void limited_slopes(const VerticalLayers& layers, int nz, const double* c, double* slope) {
  for (int k = 0; k < nz; ++k) {
    const double up = k + 1 < nz ? (c[k + 1] - c[k]) : 0.0;
    const double dn = k > 0 ? (c[k] - c[k - 1]) : 0.0;
    if (up * dn <= 0.0) {
      slope[k] = 0.0;
      continue;
    }
    const double zc = layers.mid(k);
    const double zu = k + 1 < nz ? layers.mid(k + 1) : zc + 1.0;
    const double zd = k > 0 ? layers.mid(k - 1) : zc - 1.0;
    const double centred = (up + dn) / (zu - zd);
    const double bound = 2.0 * std::min(std::abs(up), std::abs(dn)) / layers.thickness(k);
    slope[k] = std::copysign(std::min(std::abs(centred), bound), up);
  }
}
}  // namespace

VerticalTransport::VerticalTransport(const Grid& grid, double vertical_courant_max)
    : grid_(grid), courant_max_(vertical_courant_max) {
  if (grid.nz() > kMaxLayers)
    throw std::invalid_argument("at most " + std::to_string(kMaxLayers) + " layers are supported");
  if (!(vertical_courant_max > 0.0 && vertical_courant_max <= 1.0))
    throw std::invalid_argument("vertical Courant limit must be in (0, 1]");
}

MaxTimestep VerticalTransport::max_timestep(const Array3& w) const {
  double worst = 0.0;
  for (int k = 0; k < grid_.nz(); ++k) {
    const double dz = grid_.layers().thickness(k);
    for (int j = 0; j < grid_.ny(); ++j)
      for (int i = 0; i < grid_.nx(); ++i)
        worst = std::max(worst, (std::max(w(i, j, k + 1), 0.0) + std::max(-w(i, j, k), 0.0)) / dz);
  }
  if (worst == 0.0) return {};
  return {courant_max_ / worst, "vertical advection (column sub-steps)"};
}

void VerticalTransport::advect(State& state, const Array3& w, const LateralBoundary& boundary,
                               const Array3& rho_met, double dt, BoundaryExchange* exchange) {
  const int nx = grid_.nx(), ny = grid_.ny(), nz = grid_.nz();
  const ColumnBlock& b = state.block();
  const std::size_t nf = state.n_fields();
  const std::size_t ncol = static_cast<std::size_t>(nx) * ny;
  const VerticalLayers& layers = grid_.layers();
  top_in_.assign(nf * ncol, 0.0);
  top_block_ = b;
  int max_sub = 1;
#pragma omp parallel for schedule(static) reduction(max : max_sub)
  for (int j = b.j0; j < b.j1; ++j)
    for (int i = b.i0; i < b.i1; ++i) {
      double drain = 0.0;
      for (int k = 0; k < nz; ++k)
        drain = std::max(
            drain, (std::max(w(i, j, k + 1), 0.0) + std::max(-w(i, j, k), 0.0)) * dt / layers.thickness(k));
      const int nsub = std::max(1, static_cast<int>(std::ceil(drain / courant_max_)));
      max_sub = std::max(max_sub, nsub);
      const double h = dt / nsub;
      const std::size_t col = static_cast<std::size_t>(i) + static_cast<std::size_t>(nx) * j;
      double c[kMaxLayers], slope[kMaxLayers], flux[kMaxLayers + 1];
      for (std::size_t f = 0; f < nf; ++f) {
        Field3& fld = state.field(f);
        for (int k = 0; k < nz; ++k) c[k] = fld(i, j, k);
        const double top_inflow = boundary.profile(f)[nz - 1] * rho_met(i, j, nz - 1);
        double top_sum = 0.0;
        for (int s = 0; s < nsub; ++s) {
          limited_slopes(layers, nz, c, slope);
          flux[0] = 0.0;
          for (int k = 1; k <= nz; ++k) {
            const double wk = w(i, j, k);
            if (wk >= 0.0) {
              const double dz = layers.thickness(k - 1), nu = wk * h / dz;
              flux[k] = wk * h * (c[k - 1] + 0.5 * slope[k - 1] * dz * (1.0 - nu));
            } else if (k < nz) {
              const double dz = layers.thickness(k), nu = -wk * h / dz;
              flux[k] = wk * h * (c[k] - 0.5 * slope[k] * dz * (1.0 - nu));
            } else {
              flux[k] = wk * h * top_inflow;
            }
          }
          for (int k = 0; k < nz; ++k) c[k] -= (flux[k + 1] - flux[k]) / layers.thickness(k);
          top_sum -= flux[nz];
        }
        for (int k = 0; k < nz; ++k) fld(i, j, k) = c[k];
        top_in_[f * ncol + col] = top_sum;
      }
    }
  last_max_substeps_ = max_sub;
  add_top_exchange(exchange);
}

void VerticalTransport::advect_to_density(State& state, const Array3& target_air,
                                          const LateralBoundary& boundary, double dt,
                                          BoundaryExchange* exchange) {
  (void)dt;  // the fluxes are amounts over the step; dt only names the step they belong to
  const int nx = grid_.nx(), ny = grid_.ny(), nz = grid_.nz();
  const ColumnBlock& b = state.block();
  const std::size_t nf = state.n_fields();
  const std::size_t ncol = static_cast<std::size_t>(nx) * ny;
  const VerticalLayers& layers = grid_.layers();
  top_in_.assign(nf * ncol, 0.0);
  top_block_ = b;
  int max_sub = 1;
#pragma omp parallel for schedule(static) reduction(max : max_sub)
  for (int j = b.j0; j < b.j1; ++j)
    for (int i = b.i0; i < b.i1; ++i) {
      const std::size_t col = static_cast<std::size_t>(i) + static_cast<std::size_t>(nx) * j;
      const Field3& air_field = state.air();
      double air0[kMaxLayers], total[kMaxLayers + 1];
      total[0] = 0.0;
      double drain = 0.0;
      for (int k = 0; k < nz; ++k) {
        air0[k] = air_field(i, j, k);
        total[k + 1] = total[k] + (air0[k] - target_air(i, j, k)) * layers.thickness(k);
      }
      for (int k = 0; k < nz; ++k) {
        // The air a layer holds shrinks toward the smaller of its start and target over the sub-steps.
        const double held = std::min(air0[k], target_air(i, j, k)) * layers.thickness(k);
        drain = std::max(drain, (std::max(total[k + 1], 0.0) + std::max(-total[k], 0.0)) / held);
      }
      const int nsub = std::max(1, static_cast<int>(std::ceil(drain / courant_max_)));
      max_sub = std::max(max_sub, nsub);
      double air[kMaxLayers], c[kMaxLayers], q[kMaxLayers], slope[kMaxLayers], flux[kMaxLayers + 1];
      for (std::size_t f = 0; f < nf; ++f) {
        Field3& fld = state.field(f);
        for (int k = 0; k < nz; ++k) {
          c[k] = fld(i, j, k);
          air[k] = air0[k];
        }
        const double top_q = boundary.profile(f)[nz - 1];
        double top_sum = 0.0;
        for (int s = 0; s < nsub; ++s) {
          for (int k = 0; k < nz; ++k) q[k] = c[k] / air[k];
          limited_slopes(layers, nz, q, slope);
          flux[0] = 0.0;
          for (int k = 1; k <= nz; ++k) {
            const double a = total[k] / nsub;  // air moved through interface k in this sub-step
            if (f == 0) {
              flux[k] = a;  // the air itself: exactly the matching flux
            } else if (a >= 0.0) {
              const double dz = layers.thickness(k - 1), nu = a / (air[k - 1] * dz);
              flux[k] = a * (q[k - 1] + 0.5 * slope[k - 1] * dz * (1.0 - nu));
            } else if (k < nz) {
              const double dz = layers.thickness(k), nu = -a / (air[k] * dz);
              flux[k] = a * (q[k] - 0.5 * slope[k] * dz * (1.0 - nu));
            } else {
              flux[k] = a * top_q;
            }
          }
          for (int k = 0; k < nz; ++k) {
            c[k] -= (flux[k + 1] - flux[k]) / layers.thickness(k);
            air[k] -= (total[k + 1] - total[k]) / nsub / layers.thickness(k);
          }
          top_sum -= flux[nz];
        }
        for (int k = 0; k < nz; ++k) fld(i, j, k) = c[k];
        top_in_[f * ncol + col] = top_sum;
      }
    }
  last_max_substeps_ = max_sub;
  add_top_exchange(exchange);
}

void VerticalTransport::add_top_exchange(BoundaryExchange* exchange) const {
  if (!exchange) return;
  // Summed over the block's columns in a fixed order (x fastest) after the parallel loop: bit-identical for
  // any thread count.
  const std::size_t nx = static_cast<std::size_t>(grid_.nx());
  const std::size_t ncol = nx * grid_.ny();
  const ColumnBlock& b = top_block_;
  for (std::size_t f = 0; f < exchange->top.size() && f * ncol < top_in_.size(); ++f) {
    double sum = 0.0;
    for (int j = b.j0; j < b.j1; ++j)
      for (int i = b.i0; i < b.i1; ++i)
        sum += top_in_[f * ncol + static_cast<std::size_t>(i) + nx * static_cast<std::size_t>(j)];
    exchange->top[f] += sum * grid_.dx() * grid_.dy();
  }
}

void VerticalTransport::diffuse(State& state, const Array3& kz, double dt) {
  const int nz = grid_.nz();
  const ColumnBlock& b = state.block();
  const std::size_t nf = state.n_fields();
  const VerticalLayers& layers = grid_.layers();
  if (nz < 2) return;
#pragma omp parallel for schedule(static)
  for (int j = b.j0; j < b.j1; ++j)
    for (int i = b.i0; i < b.i1; ++i) {
      double mass[kMaxLayers] = {}, g[kMaxLayers + 1], diag[kMaxLayers], cprime[kMaxLayers], q[kMaxLayers];
      const Field3& air = state.air();
      for (int k = 0; k < nz; ++k) mass[k] = air(i, j, k) * layers.thickness(k);
      g[0] = 0.0;
      g[nz] = 0.0;
      for (int k = 1; k < nz; ++k)
        g[k] =
            dt * 0.5 * (air(i, j, k - 1) + air(i, j, k)) * kz(i, j, k) / (layers.mid(k) - layers.mid(k - 1));
      // Thomas factorisation of the symmetric tridiagonal matrix (sub = super = -g), shared by all species.
      double denom = mass[0] + g[1];
      diag[0] = denom;
      cprime[0] = -g[1] / denom;
      for (int k = 1; k < nz; ++k) {
        denom = mass[k] + g[k] + g[k + 1] + g[k] * cprime[k - 1];
        diag[k] = denom;
        cprime[k] = -g[k + 1] / denom;
      }
      for (std::size_t f = 1; f < nf; ++f) {
        Field3& c = state.field(f);
        // Right-hand side mass*q = c*dz; forward sweep then back substitution.
        q[0] = c(i, j, 0) * layers.thickness(0) / diag[0];
        for (int k = 1; k < nz; ++k) q[k] = (c(i, j, k) * layers.thickness(k) + g[k] * q[k - 1]) / diag[k];
        for (int k = nz - 2; k >= 0; --k) q[k] -= cprime[k] * q[k + 1];
        for (int k = 0; k < nz; ++k) c(i, j, k) = q[k] * air(i, j, k);
      }
    }
}

}  // namespace airshed
