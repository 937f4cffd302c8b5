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
  const Field3& air = state.air();
  auto wrap = [](int i, int n) { return i < 0 ? i + n : (i >= n ? i - n : i); };
  // Face conductances dt/dx^2 K_f air_f, shared by every field (the species and, with tagging, the many
  // tags), computed once per call: face (i, j) of cx lies between cells (i-1, j) and (i, j); faces on open
  // lateral boundaries carry nothing.
  const std::size_t fx_size = static_cast<std::size_t>(nx + 1) * ny,
                    fy_size = static_cast<std::size_t>(nx) * (ny + 1);
  cx_.resize(fx_size * nz);
  cy_.resize(fy_size * nz);
#pragma omp parallel for schedule(static)
  for (int k = 0; k < nz; ++k) {
    double* cx = cx_.data() + fx_size * k;
    double* cy = cy_.data() + fy_size * k;
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i <= nx; ++i) {
        double c = 0.0;
        if (px || (i > 0 && i < nx)) {
          const int a = wrap(i - 1, nx), b = wrap(i, nx);
          c = rx * (0.5 * (k_(a, j, k) + k_(b, j, k))) * (0.5 * (air(a, j, k) + air(b, j, k)));
        }
        cx[i + static_cast<std::size_t>(nx + 1) * j] = c;
      }
    for (int j = 0; j <= ny; ++j)
      for (int i = 0; i < nx; ++i) {
        double c = 0.0;
        if (py || (j > 0 && j < ny)) {
          const int a = wrap(j - 1, ny), b = wrap(j, ny);
          c = ry * (0.5 * (k_(i, a, k) + k_(i, b, k))) * (0.5 * (air(i, a, k) + air(i, b, k)));
        }
        cy[i + static_cast<std::size_t>(nx) * j] = c;
      }
  }
  // Grow the per-thread scratch (outside the loops) if the thread count rose since construction.
  const std::size_t scratch = static_cast<std::size_t>(nx) * ny + fx_size + fy_size;
  while (scratch_.size() < static_cast<std::size_t>(omp_get_max_threads()))
    scratch_.emplace_back(scratch, 0.0);
#pragma omp parallel for collapse(2) schedule(static)
  for (std::size_t f = 1; f < nf; ++f)
    for (int k = 0; k < nz; ++k) {
      Field3& c = state.field(f);
      aligned_vector<double>& buffer = scratch_[static_cast<std::size_t>(omp_get_thread_num())];
      if (buffer.size() < scratch) buffer.assign(scratch, 0.0);
      double* q = buffer.data();
      double* fx = q + static_cast<std::size_t>(nx) * ny;
      double* fy = fx + fx_size;
      const double* cx = cx_.data() + fx_size * k;
      const double* cy = cy_.data() + fy_size * k;
      for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i) q[i + nx * j] = c(i, j, k) / air(i, j, k);
      // Each face's flux once, then every cell's divergence: the flux leaving one cell is exactly the flux
      // entering its neighbour, so the amount is conserved to rounding.
      for (int j = 0; j < ny; ++j)
        for (int i = 0; i <= nx; ++i) {
          const std::size_t at = static_cast<std::size_t>(i) + static_cast<std::size_t>(nx + 1) * j;
          fx[at] = cx[at] == 0.0 ? 0.0 : cx[at] * (q[wrap(i, nx) + nx * j] - q[wrap(i - 1, nx) + nx * j]);
        }
      for (int j = 0; j <= ny; ++j)
        for (int i = 0; i < nx; ++i) {
          const std::size_t at = static_cast<std::size_t>(i) + static_cast<std::size_t>(nx) * j;
          fy[at] = cy[at] == 0.0 ? 0.0 : cy[at] * (q[i + nx * wrap(j, ny)] - q[i + nx * wrap(j - 1, ny)]);
        }
      for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i) {
          const std::size_t x0 = static_cast<std::size_t>(i) + static_cast<std::size_t>(nx + 1) * j;
          const std::size_t y0 = static_cast<std::size_t>(i) + static_cast<std::size_t>(nx) * j;
          c(i, j, k) += (fx[x0 + 1] - fx[x0]) + (fy[y0 + nx] - fy[y0]);
        }
    }
}

}  // namespace airshed
