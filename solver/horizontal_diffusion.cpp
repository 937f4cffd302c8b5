// SPDX-License-Identifier: Apache-2.0
#include "solver/horizontal_diffusion.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>

namespace airshed {

HorizontalDiffusion::HorizontalDiffusion(const Grid& grid, HorizontalDiffusionOptions options)
    : grid_(grid), options_(options), k_(grid.nx(), grid.ny(), grid.nz(), 0.0) {
  scratch_.resize(static_cast<std::size_t>(omp_get_max_threads()));
  for (auto& s : scratch_) s.assign(static_cast<std::size_t>(grid.nx()) * grid.ny() * 2, 0.0);
}

void HorizontalDiffusion::update_coefficients(const Array3& u, const Array3& v) {
  const int nx = grid_.nx(), ny = grid_.ny(), nz = grid_.nz();
  const double dx = grid_.dx(), dy = grid_.dy();
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i) {
        double kh = 0.0;
        if (options_.kind == HorizontalDiffusionKind::constant) kh = options_.k_constant;
        if (options_.kind == HorizontalDiffusionKind::smagorinsky) {
          // Cell-centred velocity gradients from the face winds (one-sided at the grid edges).
          auto uc = [&](int ii, int jj) { return 0.5 * (u(ii, jj, k) + u(ii + 1, jj, k)); };
          auto vc = [&](int ii, int jj) { return 0.5 * (v(ii, jj, k) + v(ii, jj + 1, k)); };
          const int jm = std::max(j - 1, 0), jp = std::min(j + 1, ny - 1);
          const int im = std::max(i - 1, 0), ip = std::min(i + 1, nx - 1);
          const double dudx = (u(i + 1, j, k) - u(i, j, k)) / dx;
          const double dvdy = (v(i, j + 1, k) - v(i, j, k)) / dy;
          const double dudy = jp > jm ? (uc(i, jp) - uc(i, jm)) / ((jp - jm) * dy) : 0.0;
          const double dvdx = ip > im ? (vc(ip, j) - vc(im, j)) / ((ip - im) * dx) : 0.0;
          const double deformation = std::sqrt((dudx - dvdy) * (dudx - dvdy) + (dudy + dvdx) * (dudy + dvdx));
          kh = std::max(options_.k_constant, options_.smagorinsky_coefficient *
                                                 options_.smagorinsky_coefficient * dx * dy * deformation);
        }
        k_(i, j, k) = std::min(kh, options_.k_max);
      }
}

MaxTimestep HorizontalDiffusion::max_timestep() const {
  if (options_.kind == HorizontalDiffusionKind::none) return {};
  const double kmax = *std::max_element(k_.data.begin(), k_.data.end());
  if (kmax <= 0.0) return {};
  const double inv = 1.0 / (grid_.dx() * grid_.dx()) + 1.0 / (grid_.dy() * grid_.dy());
  // Forward Euler on the 5-point stencil is stable for dt <= 1/(2 K (1/dx^2 + 1/dy^2)); keep 10% margin.
  return {0.9 / (2.0 * kmax * inv), "horizontal diffusion stability"};
}

void HorizontalDiffusion::apply(State& state, const LateralBoundary& boundary, double dt) {
  if (options_.kind == HorizontalDiffusionKind::none) return;
  const int nx = grid_.nx(), ny = grid_.ny(), nz = grid_.nz();
  const bool px = boundary.x_kind() == BoundaryKind::periodic;
  const bool py = boundary.y_kind() == BoundaryKind::periodic;
  const double rx = dt / (grid_.dx() * grid_.dx()), ry = dt / (grid_.dy() * grid_.dy());
  const std::size_t nf = state.n_fields();
  // Grow the per-thread scratch (outside the loops) if the thread count rose since construction.
  while (scratch_.size() < static_cast<std::size_t>(omp_get_max_threads()))
    scratch_.emplace_back(static_cast<std::size_t>(nx) * ny * 2, 0.0);
  const Field3& air = state.air();
  auto wrap = [](int i, int n) { return i < 0 ? i + n : (i >= n ? i - n : i); };
#pragma omp parallel for collapse(2) schedule(static)
  for (std::size_t f = 1; f < nf; ++f)
    for (int k = 0; k < nz; ++k) {
      Field3& c = state.field(f);
      // Tendency first (into scratch), then the update, so each cell sees the old neighbours.
      double* tend = scratch_[static_cast<std::size_t>(omp_get_thread_num())].data();
      auto q = [&](int i, int j) { return c(i, j, k) / air(i, j, k); };
      auto face_flux_x = [&](int i, int j) {  // flux across the face between (i-1, j) and (i, j)
        if (!px && (i == 0 || i == nx)) return 0.0;
        const int a = wrap(i - 1, nx), b = wrap(i, nx);
        const double kf = 0.5 * (k_(a, j, k) + k_(b, j, k));
        const double af = 0.5 * (air(a, j, k) + air(b, j, k));
        return kf * af * (q(b, j) - q(a, j));
      };
      auto face_flux_y = [&](int i, int j) {
        if (!py && (j == 0 || j == ny)) return 0.0;
        const int a = wrap(j - 1, ny), b = wrap(j, ny);
        const double kf = 0.5 * (k_(i, a, k) + k_(i, b, k));
        const double af = 0.5 * (air(i, a, k) + air(i, b, k));
        return kf * af * (q(i, b) - q(i, a));
      };
      for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i)
          tend[i + nx * j] = rx * (face_flux_x(i + 1, j) - face_flux_x(i, j)) +
                             ry * (face_flux_y(i, j + 1) - face_flux_y(i, j));
      for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i) c(i, j, k) += tend[i + nx * j];
    }
}

}  // namespace airshed
