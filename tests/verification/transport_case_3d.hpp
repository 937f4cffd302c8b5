// SPDX-License-Identifier: Apache-2.0
// A small 3-D case with everything the transport operators can meet at once: uneven layers, an air density
// varying in x, y and z and in time, a divergent and sheared wind with the vertical wind diagnosed from
// continuity, the HB93 neutral Kz profile, open lateral boundaries. Shared by the 3-D budget, uniform mixing
// ratio and thread-identity tests.
#pragma once
#include <cmath>
#include <limits>
#include <vector>

#include "core/constants.hpp"
#include "core/grid.hpp"
#include "met/kz_profile.hpp"
#include "met/met_state.hpp"
#include "met/vertical_wind.hpp"
#include "solver/state.hpp"
#include "solver/transport_model.hpp"

namespace airshed::verification {

/// 12 x 10 cells of 4 km, six layers thickening upward to 2 km.
inline Grid case_grid() {
  return Grid(12, 10, 4000.0, 4000.0, -24000.0, -20000.0,
              VerticalLayers({0.0, 40.0, 120.0, 300.0, 600.0, 1100.0, 2000.0}), Projection{}, 3);
}

inline SpeciesList case_species() {
  SpeciesList list(3);
  list[0].name = "O3";
  list[1].name = "NO2";
  list[2].name = "SO2";
  return list;
}

/// Met density [mol m-3]: a scale-height profile modulated by 5% in x and y, so every face density differs.
inline double case_density(const Grid& g, int i, int j, int k) {
  using constants::pi;
  const double x = g.x_centre(i) / (g.nx() * g.dx()), y = g.y_centre(j) / (g.ny() * g.dy());
  return 41.6 * std::exp(-g.layers().mid(k) / 8000.0) *
         (1.0 + 0.05 * std::sin(2.0 * pi * x) * std::cos(pi * y)) * (1.0 + 0.02 * std::sin(pi * (x + y)));
}

/// Met of the case: u = (5 + 1e-4 x)(1 + z/2000) on x-faces and v = (3 - 2e-4 y)(1 + z/4000) on y-faces
/// (divergent, with shear; x and y in m from the domain centre), density decreasing at 1e-6 s-1, w from
/// continuity (met/vertical_wind), Kz from the neutral HB93 profile with h = 1000 m and u* = 0.4 m s-1.
inline MetState case_met(const Grid& g) {
  const int nx = g.nx(), ny = g.ny(), nz = g.nz();
  MetState m;
  m.fields.u = Array3(nx + 1, ny, nz);
  m.fields.v = Array3(nx, ny + 1, nz);
  m.air_density = Array3(nx, ny, nz);
  m.air_density_tendency = Array3(nx, ny, nz);
  for (int k = 0; k < nz; ++k) {
    const double z = g.layers().mid(k);
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i <= nx; ++i)
        m.fields.u(i, j, k) = (5.0 + 1e-4 * (g.x_west() + i * g.dx())) * (1.0 + z / 2000.0);
    for (int j = 0; j <= ny; ++j)
      for (int i = 0; i < nx; ++i)
        m.fields.v(i, j, k) = (3.0 - 2e-4 * (g.y_south() + j * g.dy())) * (1.0 + z / 4000.0);
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i) {
        m.air_density(i, j, k) = case_density(g, i, j, k);
        m.air_density_tendency(i, j, k) = -1e-6 * m.air_density(i, j, k);
      }
  }
  m.w = continuity_vertical_wind(g, m.fields.u, m.fields.v, m.air_density, m.air_density_tendency);
  m.kz = Array3(nx, ny, nz + 1, 0.0);
  const KzOptions kz_options;
  for (int k = 1; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i)
        m.kz(i, j, k) = kz_similarity(g.layers().interface(k), 1000.0, 0.4,
                                      std::numeric_limits<double>::infinity(), 0.0, kz_options);
  return m;
}

/// Every operator on: advection (horizontal and vertical), vertical diffusion, Smagorinsky horizontal
/// diffusion, open lateral boundaries.
inline TransportOptions case_options() {
  TransportOptions o;
  o.horizontal_diffusion.kind = HorizontalDiffusionKind::smagorinsky;
  return o;
}

/// The air field set to the met density.
inline void set_air_to_met(State& s, const MetState& m) {
  const Grid& g = s.grid();
  for (int k = 0; k < g.nz(); ++k)
    for (int j = 0; j < g.ny(); ++j)
      for (int i = 0; i < g.nx(); ++i) s.air()(i, j, k) = m.air_density(i, j, k);
}

/// 120 s steps: the fastest face wind is ~15 m s-1, a full-step Courant number of 0.45 on 4 km cells.
inline constexpr double case_dt = 120.0;

}  // namespace airshed::verification
