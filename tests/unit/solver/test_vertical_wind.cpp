// SPDX-License-Identifier: Apache-2.0
// Vertical wind from the continuity equation for air (met/vertical_wind.hpp), which the vertical advection
// uses so that its flux matches the horizontal winds. Kept with the solver tests because it is the solver's
// input; tests/unit/met covers the idealised meteorology.
#include <gtest/gtest.h>

#include <cmath>

#include "met/vertical_wind.hpp"

namespace airshed {
namespace {

// A mass flux with zero horizontal divergence and a steady density leaves nothing for w: uniform winds over a
// density that varies only with height, and a solid-body rotation on the C grid (u depends on y only, v on x
// only) over a horizontally uniform density.
TEST(VerticalWind, NonDivergentSteadyFlowHasNoVerticalWind) {
  const Grid g(6, 5, 1000.0, 1000.0, 0.0, 0.0, VerticalLayers({0.0, 50.0, 200.0, 700.0}), Projection{}, 3);
  Array3 rho(6, 5, 3), steady(6, 5, 3, 0.0);
  for (int k = 0; k < 3; ++k)
    for (int j = 0; j < 5; ++j)
      for (int i = 0; i < 6; ++i) rho(i, j, k) = 41.0 * std::exp(-g.layers().mid(k) / 8000.0);
  Array3 u(7, 5, 3, 4.0), v(6, 6, 3, -2.5);
  Array3 w = continuity_vertical_wind(g, u, v, rho, steady);
  for (double x : w.data) EXPECT_EQ(x, 0.0);
  for (int k = 0; k < 3; ++k) {
    for (int j = 0; j < 5; ++j)
      for (int i = 0; i <= 6; ++i) u(i, j, k) = -(g.y_centre(j) - 2500.0) * 1e-3;
    for (int j = 0; j <= 5; ++j)
      for (int i = 0; i < 6; ++i) v(i, j, k) = (g.x_centre(i) - 3000.0) * 1e-3;
  }
  w = continuity_vertical_wind(g, u, v, rho, steady);
  for (double x : w.data) EXPECT_EQ(x, 0.0);
}

// u = a x (uniform convergence/divergence a = 1e-4 s-1), v = 0, density 1.2, 1.1, 1.0 in layers 0-100,
// 100-300 and 300-600 m, density tendencies -1e-5, 0, 2e-5 mol m-3 s-1. Integrating rho w upward from 0:
//   rho w(100) = -100 (-1e-5 + 1.2e-4) = -1.1e-2,  face density (1.2 + 1.1)/2 = 1.15 -> w = -9.5652173913e-3
//   rho w(300) = -1.1e-2 - 200 (1.1e-4)  = -3.3e-2,  face density 1.05              -> w = -3.1428571429e-2
//   rho w(600) = -3.3e-2 - 300 (2e-5 + 1e-4) = -6.9e-2, top cell density 1.0       -> w = -6.9e-2
TEST(VerticalWind, KnownDivergenceGivesTheHandComputedWind) {
  const Grid g(4, 3, 2000.0, 2000.0, 0.0, 0.0, VerticalLayers({0.0, 100.0, 300.0, 600.0}), Projection{}, 3);
  const double density[3] = {1.2, 1.1, 1.0}, tendency[3] = {-1e-5, 0.0, 2e-5};
  Array3 rho(4, 3, 3), drho(4, 3, 3), u(5, 3, 3), v(4, 4, 3, 0.0);
  for (int k = 0; k < 3; ++k)
    for (int j = 0; j < 3; ++j) {
      for (int i = 0; i < 4; ++i) {
        rho(i, j, k) = density[k];
        drho(i, j, k) = tendency[k];
      }
      for (int i = 0; i <= 4; ++i) u(i, j, k) = 1e-4 * (g.x_west() + i * g.dx());
    }
  const Array3 w = continuity_vertical_wind(g, u, v, rho, drho);
  ASSERT_EQ(w.n2, 4);
  for (int j = 0; j < 3; ++j)
    for (int i = 0; i < 4; ++i) {
      EXPECT_EQ(w(i, j, 0), 0.0);
      EXPECT_NEAR(w(i, j, 1), -1.1e-2 / 1.15, 1e-15);
      EXPECT_NEAR(w(i, j, 2), -3.3e-2 / 1.05, 1e-15);
      EXPECT_NEAR(w(i, j, 3), -6.9e-2, 1e-15);
    }
}

// Lateral boundary faces take the adjacent cell's density. Two cells of 1000 m, one layer of 100 m, density
// 2 and 4, u = 1, 2, 3 m s-1 on the three faces: face densities 2, 3, 4, so the mass-flux divergences are
// (3*2 - 2*1)/1000 = 4e-3 and (4*3 - 3*2)/1000 = 6e-3 mol m-3 s-1 and the top w is -100 * 4e-3 / 2 = -0.2 and
// -100 * 6e-3 / 4 = -0.15 m s-1.
TEST(VerticalWind, BoundaryFacesUseTheAdjacentCellDensity) {
  const Grid g(2, 1, 1000.0, 1000.0, 0.0, 0.0, VerticalLayers({0.0, 100.0}), Projection{}, 3);
  Array3 rho(2, 1, 1), steady(2, 1, 1, 0.0), u(3, 1, 1), v(2, 2, 1, 0.0);
  rho(0, 0, 0) = 2.0;
  rho(1, 0, 0) = 4.0;
  u(0, 0, 0) = 1.0;
  u(1, 0, 0) = 2.0;
  u(2, 0, 0) = 3.0;
  const Array3 w = continuity_vertical_wind(g, u, v, rho, steady);
  EXPECT_NEAR(w(0, 0, 1), -0.2, 1e-15);
  EXPECT_NEAR(w(1, 0, 1), -0.15, 1e-15);
}

}  // namespace
}  // namespace airshed
