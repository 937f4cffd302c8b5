// SPDX-License-Identifier: Apache-2.0
#include "solver/lateral_boundary.hpp"

namespace airshed {

LateralBoundary::LateralBoundary(const State& state, BoundaryKind x_kind, BoundaryKind y_kind)
    : x_kind_(x_kind),
      y_kind_(y_kind),
      profiles_(state.n_fields(), std::vector<double>(state.grid().nz(), 0.0)) {
  profiles_[0].assign(state.grid().nz(), 1.0);  // the air's mixing ratio in itself
}

void LateralBoundary::fill_x(State& state, const Array3& u, const Array3& rho) const {
  const ColumnBlock& b = state.block();
  const Grid& grid = state.grid();
  const int nx = grid.nx(), nz = grid.nz(), h = grid.halo();
  const bool periodic = x_kind_ == BoundaryKind::periodic;
  // Only the domain's own edges: ghosts between blocks belong to the halo exchange. A periodic axis is never
  // split (parallel/ refuses it), so a periodic block spans the whole axis.
  const bool west = periodic || b.west_edge(), east = periodic || b.east_edge(grid);
  if (!west && !east) return;
  const std::size_t nf = state.n_fields();
#pragma omp parallel for collapse(2) schedule(static)
  for (std::size_t f = 0; f < nf; ++f)
    for (int k = 0; k < nz; ++k) {
      Field3& c = state.field(f);
      for (int j = b.j0; j < b.j1; ++j) {
        double* row = c.at(0, j, k);
        if (periodic) {
          for (int g = 1; g <= h; ++g) {
            row[-g] = row[nx - g];
            row[nx - 1 + g] = row[g - 1];
          }
          continue;
        }
        if (west) {
          const double value = u(0, j, k) > 0.0 ? profiles_[f][k] * rho(0, j, k) : row[0];
          for (int g = 1; g <= h; ++g) row[-g] = value;
        }
        if (east) {
          const double value = u(nx, j, k) < 0.0 ? profiles_[f][k] * rho(nx - 1, j, k) : row[nx - 1];
          for (int g = 1; g <= h; ++g) row[nx - 1 + g] = value;
        }
      }
    }
}

void LateralBoundary::fill_y(State& state, const Array3& v, const Array3& rho) const {
  const ColumnBlock& b = state.block();
  const Grid& grid = state.grid();
  const int nx = grid.nx(), ny = grid.ny(), nz = grid.nz(), h = grid.halo();
  const bool periodic = y_kind_ == BoundaryKind::periodic;
  const bool south = periodic || b.south_edge(), north = periodic || b.north_edge(grid);
  if (!south && !north) return;
  const std::size_t nf = state.n_fields();
#pragma omp parallel for collapse(2) schedule(static)
  for (std::size_t f = 0; f < nf; ++f)
    for (int k = 0; k < nz; ++k) {
      Field3& c = state.field(f);
      // The ghost rows include the x-ghost columns so corner cells hold defined values.
      for (int i = b.i0 - h; i < b.i1 + h; ++i) {
        const int ic = i < 0 ? 0 : (i >= nx ? nx - 1 : i);
        for (int g = 1; g <= h; ++g) {
          if (periodic) {
            c(i, -g, k) = c(i, ny - g, k);
            c(i, ny - 1 + g, k) = c(i, g - 1, k);
            continue;
          }
          if (south) c(i, -g, k) = v(ic, 0, k) > 0.0 ? profiles_[f][k] * rho(ic, 0, k) : c(i, 0, k);
          if (north)
            c(i, ny - 1 + g, k) = v(ic, ny, k) < 0.0 ? profiles_[f][k] * rho(ic, ny - 1, k) : c(i, ny - 1, k);
        }
      }
    }
}

}  // namespace airshed
