// SPDX-License-Identifier: Apache-2.0
// Shared pieces of the verification problems: grids for 1-D and 2-D tests, the initial conditions of the
// standard test problems (chemistry-numerics.md §4.4) and the normalised error norms of Lauritzen et al.
// (2012, GMD 5, 887, eqs. 11-13).
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "core/array.hpp"
#include "core/constants.hpp"
#include "core/grid.hpp"
#include "met/met_state.hpp"
#include "solver/state.hpp"
#include "solver/transport_model.hpp"

namespace airshed::verification {

/// n x ny cells of a square domain [0, length]^2 (or a line when ny == 1), one layer 1 m deep, halo 3.
inline Grid plane_grid(int nx, int ny, double length_x, double length_y) {
  return Grid(nx, ny, length_x / nx, length_y / ny, 0.0, 0.0, VerticalLayers({0.0, 1.0}), Projection{}, 3);
}

/// A state with the air field set to 1 (so the species field is also its mixing ratio) and one tracer "q".
inline State single_tracer_state(const Grid& grid) {
  Species q;
  q.name = "q";
  State s(grid, {q});
  for (int k = 0; k < grid.nz(); ++k)
    for (int j = 0; j < grid.ny(); ++j)
      for (int i = 0; i < grid.nx(); ++i) s.air()(i, j, k) = 1.0;
  return s;
}

/// Interior values of layer k of a field, x fastest.
inline std::vector<double> layer_values(const State& s, std::size_t field, int k = 0) {
  const Grid& g = s.grid();
  std::vector<double> v;
  v.reserve(static_cast<std::size_t>(g.nx()) * g.ny());
  for (int j = 0; j < g.ny(); ++j)
    for (int i = 0; i < g.nx(); ++i) v.push_back(s.field(field)(i, j, k));
  return v;
}

inline void set_layer_values(State& s, std::size_t field, const std::vector<double>& v, int k = 0) {
  const Grid& g = s.grid();
  std::size_t n = 0;
  for (int j = 0; j < g.ny(); ++j)
    for (int i = 0; i < g.nx(); ++i) s.field(field)(i, j, k) = v[n++];
}

/// Plain sum in a fixed order (the cell volume is common to every cell of a layer, so this is the amount).
inline double sum(const std::vector<double>& v) {
  double t = 0.0;
  for (double x : v) t += x;
  return t;
}

/// Options for the 2-D problems: horizontal advection only (plus optional horizontal diffusion), one layer.
inline TransportOptions horizontal_transport(BoundaryKind kind) {
  TransportOptions o;
  o.vertical_advection = false;
  o.vertical_diffusion = false;
  o.horizontal_diffusion.kind = HorizontalDiffusionKind::none;
  o.x_boundary = kind;
  o.y_boundary = kind;
  return o;
}

/// Met of a 2-D problem on a one-layer grid: u(x, y) sampled on the x-faces, v(x, y) on the y-faces (Arakawa
/// C), unit air density, no vertical motion or diffusion.
template <class U, class V>
MetState plane_met(const Grid& g, U u, V v) {
  const int nx = g.nx(), ny = g.ny();
  MetState m;
  m.fields.u = Array3(nx + 1, ny, 1);
  m.fields.v = Array3(nx, ny + 1, 1);
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i <= nx; ++i) m.fields.u(i, j, 0) = u(g.x_west() + i * g.dx(), g.y_centre(j));
  for (int j = 0; j <= ny; ++j)
    for (int i = 0; i < nx; ++i) m.fields.v(i, j, 0) = v(g.x_centre(i), g.y_south() + j * g.dy());
  m.air_density = Array3(nx, ny, 1, 1.0);
  m.air_density_tendency = Array3(nx, ny, 1, 0.0);
  m.w = Array3(nx, ny, 2, 0.0);
  m.kz = Array3(nx, ny, 2, 0.0);
  return m;
}

/// Cell-centre samples of f(x, y), x fastest.
template <class F>
std::vector<double> sampled_plane(const Grid& g, F f) {
  std::vector<double> v;
  for (int j = 0; j < g.ny(); ++j)
    for (int i = 0; i < g.nx(); ++i) v.push_back(f(g.x_centre(i), g.y_centre(j)));
  return v;
}

/// Normalised norms of Lauritzen et al. (2012): l1 = sum|q - qT| / sum|qT|,
/// l2 = sqrt(sum (q - qT)^2 / sum qT^2), linf = max|q - qT| / max|qT| (uniform cells, so no area weights).
struct Norms {
  double l1 = 0, l2 = 0, linf = 0;
};

inline Norms lauritzen_norms(const std::vector<double>& q, const std::vector<double>& exact) {
  double d1 = 0, e1 = 0, d2 = 0, e2 = 0, dmax = 0, emax = 0;
  for (std::size_t n = 0; n < q.size(); ++n) {
    const double d = std::abs(q[n] - exact[n]);
    d1 += d;
    e1 += std::abs(exact[n]);
    d2 += d * d;
    e2 += exact[n] * exact[n];
    dmax = std::max(dmax, d);
    emax = std::max(emax, std::abs(exact[n]));
  }
  return {d1 / e1, std::sqrt(d2 / e2), dmax / emax};
}

/// Mixed 1-D profile of chemistry-numerics.md §4.4 on [0, 1]: a cos^2 hump of half-width 0.15 at 0.25 and a
/// square wave of height 1 on |x - 0.75| < 0.15.
inline double mixed_profile(double x) {
  using constants::pi;
  if (std::abs(x - 0.25) <= 0.15) {
    const double c = std::cos(10.0 * pi * (x - 0.25) / 3.0);
    return c * c;
  }
  return std::abs(x - 0.75) < 0.15 ? 1.0 : 0.0;
}

/// LeVeque (1996) slotted cylinder, cone and hump on the unit square (chemistry-numerics.md §4.4).
inline double leveque_bodies(double x, double y) {
  using constants::pi;
  auto radius = [&](double x0, double y0) { return std::hypot(x - x0, y - y0) / 0.15; };
  const double rc = radius(0.5, 0.75);
  if (rc <= 1.0 && (std::abs(x - 0.5) >= 0.025 || y >= 0.85)) return 1.0;
  const double rk = radius(0.5, 0.25);
  if (rk <= 1.0) return 1.0 - rk;
  const double rh = radius(0.25, 0.5);
  if (rh <= 1.0) return 0.25 * (1.0 + std::cos(pi * rh));
  return 0.0;
}

}  // namespace airshed::verification
