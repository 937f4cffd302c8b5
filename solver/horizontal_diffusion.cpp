// SPDX-License-Identifier: Apache-2.0
#include "solver/horizontal_diffusion.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>

#include "core/error.hpp"

namespace airshed {

HorizontalDiffusion::HorizontalDiffusion(const Grid& grid, HorizontalDiffusionOptions options)
    : grid_(grid), options_(options), k_(grid.nx(), grid.ny(), grid.nz(), 0.0) {}

void HorizontalDiffusion::update_coefficients(const Array3& u, const Array3& v, const ColumnBlock& block) {
  const int nx = grid_.nx(), ny = grid_.ny(), nz = grid_.nz();
  const double dx = grid_.dx(), dy = grid_.dy();
  // The block's cells and the ring around it: the faces on the block's edges need K on both sides.
  const int ib = std::max(block.i0 - 1, 0), ie = std::min(block.i1 + 1, nx);
  const int jb = std::max(block.j0 - 1, 0), je = std::min(block.j1 + 1, ny);
  for (int k = 0; k < nz; ++k)
    for (int j = jb; j < je; ++j)
      for (int i = ib; i < ie; ++i) {
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

MaxTimestep HorizontalDiffusion::max_timestep(const ColumnBlock& block) const {
  if (options_.kind == HorizontalDiffusionKind::none) return {};
  double kmax = 0.0;
  for (int k = 0; k < grid_.nz(); ++k)
    for (int j = block.j0; j < block.j1; ++j)
      for (int i = block.i0; i < block.i1; ++i) kmax = std::max(kmax, k_(i, j, k));
  if (kmax <= 0.0) return {};
  const double inv = 1.0 / (grid_.dx() * grid_.dx()) + 1.0 / (grid_.dy() * grid_.dy());
  // Forward Euler on the 5-point stencil is stable for dt <= 1/(2 K (1/dx^2 + 1/dy^2)); keep 10% margin.
  return {0.9 / (2.0 * kmax * inv), "horizontal diffusion stability"};
}

void HorizontalDiffusion::apply(State& state, const LateralBoundary& boundary, double dt) {
  if (options_.kind == HorizontalDiffusionKind::none) return;
  const ColumnBlock& b = state.block();
  const int nx = grid_.nx(), ny = grid_.ny(), nz = grid_.nz();
  const int bx = b.nx(), by = b.ny(), i0 = b.i0, j0 = b.j0;
  const bool px = boundary.x_kind() == BoundaryKind::periodic;
  const bool py = boundary.y_kind() == BoundaryKind::periodic;
  if ((px && bx != nx) || (py && by != ny))
    throw InternalError("horizontal diffusion: a periodic axis cannot be split between blocks");
  const double rx = dt / (grid_.dx() * grid_.dx()), ry = dt / (grid_.dy() * grid_.dy());
  const std::size_t nf = state.n_fields();
  const Field3& air = state.air();
  // The neighbour across a face: on a periodic axis (never split) the opposite side, else the adjacent cell,
  // which on a block edge inside the domain is a ghost the halo exchange filled.
  auto wx = [&](int i) { return px ? (i < 0 ? i + nx : (i >= nx ? i - nx : i)) : i; };
  auto wy = [&](int j) { return py ? (j < 0 ? j + ny : (j >= ny ? j - ny : j)) : j; };
  auto inside_x = [&](int i) { return px || (i >= 0 && i < nx); };
  auto inside_y = [&](int j) { return py || (j >= 0 && j < ny); };
  // Face conductances dt/dx^2 K_f air_f, shared by every field (the species and, with tagging, the many
  // tags), computed once per call: face (i, j) of cx lies between cells (i-1, j) and (i, j); faces on open
  // lateral boundaries carry nothing.
  const std::size_t fx_size = static_cast<std::size_t>(bx + 1) * by,
                    fy_size = static_cast<std::size_t>(bx) * (by + 1);
  cx_.resize(fx_size * nz);
  cy_.resize(fy_size * nz);
#pragma omp parallel for schedule(static)
  for (int k = 0; k < nz; ++k) {
    double* cx = cx_.data() + fx_size * k;
    double* cy = cy_.data() + fy_size * k;
    for (int j = j0; j < b.j1; ++j)
      for (int i = i0; i <= b.i1; ++i) {
        double c = 0.0;
        if (px || (i > 0 && i < nx)) {
          const int lo = wx(i - 1), hi = wx(i);
          c = rx * (0.5 * (k_(lo, j, k) + k_(hi, j, k))) * (0.5 * (air(lo, j, k) + air(hi, j, k)));
        }
        cx[(i - i0) + static_cast<std::size_t>(bx + 1) * (j - j0)] = c;
      }
    for (int j = j0; j <= b.j1; ++j)
      for (int i = i0; i < b.i1; ++i) {
        double c = 0.0;
        if (py || (j > 0 && j < ny)) {
          const int lo = wy(j - 1), hi = wy(j);
          c = ry * (0.5 * (k_(i, lo, k) + k_(i, hi, k))) * (0.5 * (air(i, lo, k) + air(i, hi, k)));
        }
        cy[(i - i0) + static_cast<std::size_t>(bx) * (j - j0)] = c;
      }
  }
  // Mixing ratios of the block and of the ring of neighbours its faces reach (no corners).
  const int qx = bx + 2;
  const std::size_t q_size = static_cast<std::size_t>(qx) * (by + 2);
  auto qi = [&](int i, int j) {
    return static_cast<std::size_t>(i - i0 + 1) + static_cast<std::size_t>(qx) * (j - j0 + 1);
  };
  // Grow the per-thread scratch (outside the loops) if the thread count rose since construction.
  const std::size_t scratch = q_size + fx_size + fy_size;
  while (scratch_.size() < static_cast<std::size_t>(omp_get_max_threads()))
    scratch_.emplace_back(scratch, 0.0);
#pragma omp parallel for collapse(2) schedule(static)
  for (std::size_t f = 1; f < nf; ++f)
    for (int k = 0; k < nz; ++k) {
      Field3& c = state.field(f);
      aligned_vector<double>& buffer = scratch_[static_cast<std::size_t>(omp_get_thread_num())];
      if (buffer.size() < scratch) buffer.assign(scratch, 0.0);
      double* q = buffer.data();
      double* fx = q + q_size;
      double* fy = fx + fx_size;
      const double* cx = cx_.data() + fx_size * k;
      const double* cy = cy_.data() + fy_size * k;
      auto ratio = [&](int i, int j) { return c(i, j, k) / air(i, j, k); };
      for (int j = j0; j < b.j1; ++j)
        for (int i = i0; i < b.i1; ++i) q[qi(i, j)] = ratio(i, j);
      for (int j = j0; j < b.j1; ++j)
        for (int i : {i0 - 1, b.i1}) q[qi(i, j)] = inside_x(i) ? ratio(wx(i), j) : 0.0;
      for (int j : {j0 - 1, b.j1})
        for (int i = i0; i < b.i1; ++i) q[qi(i, j)] = inside_y(j) ? ratio(i, wy(j)) : 0.0;
      // Each face's flux once, then every cell's divergence: the flux leaving one cell is exactly the flux
      // entering its neighbour, so the amount is conserved to rounding.
      for (int j = j0; j < b.j1; ++j)
        for (int i = i0; i <= b.i1; ++i) {
          const std::size_t at =
              static_cast<std::size_t>(i - i0) + static_cast<std::size_t>(bx + 1) * (j - j0);
          fx[at] = cx[at] == 0.0 ? 0.0 : cx[at] * (q[qi(i, j)] - q[qi(i - 1, j)]);
        }
      for (int j = j0; j <= b.j1; ++j)
        for (int i = i0; i < b.i1; ++i) {
          const std::size_t at = static_cast<std::size_t>(i - i0) + static_cast<std::size_t>(bx) * (j - j0);
          fy[at] = cy[at] == 0.0 ? 0.0 : cy[at] * (q[qi(i, j)] - q[qi(i, j - 1)]);
        }
      for (int j = j0; j < b.j1; ++j)
        for (int i = i0; i < b.i1; ++i) {
          const std::size_t x0 =
              static_cast<std::size_t>(i - i0) + static_cast<std::size_t>(bx + 1) * (j - j0);
          const std::size_t y0 = static_cast<std::size_t>(i - i0) + static_cast<std::size_t>(bx) * (j - j0);
          c(i, j, k) += (fx[x0 + 1] - fx[x0]) + (fy[y0 + bx] - fy[y0]);
        }
    }
}

}  // namespace airshed
