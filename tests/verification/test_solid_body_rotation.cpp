// SPDX-License-Identifier: Apache-2.0
// LeVeque (1996, SIAM J. Numer. Anal. 33, 627) solid-body rotation of Zalesak's slotted cylinder, a cone and
// a cosine hump on the unit square (chemistry-numerics.md §4.4), one revolution through the full Strang-split
// TransportModel step with open boundaries (zero inflow). The exact solution after one revolution is the
// initial field.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "solver/mass_budget.hpp"
#include "solver/transport_model.hpp"
#include "tolerances.hpp"
#include "verification_support.hpp"

namespace airshed {
namespace {

using namespace verification;
namespace tol = tolerances;

/// Largest value within radius 0.15 of (x0, y0): the peak of one body (Odman 1997's "peak ratio" diagnostic).
double peak_near(const Grid& g, const std::vector<double>& q, double x0, double y0) {
  double peak = 0.0;
  for (int j = 0; j < g.ny(); ++j)
    for (int i = 0; i < g.nx(); ++i)
      if (std::hypot(g.x_centre(i) - x0, g.y_centre(j) - y0) < 0.15)
        peak = std::max(peak, q[static_cast<std::size_t>(i + g.nx() * j)]);
  return peak;
}

TEST(SolidBodyRotation, OneRevolutionOfLeVequesBodies) {
  using constants::pi;
  constexpr int n = 100, steps = 400;
  const Grid grid = plane_grid(n, n, 1.0, 1.0);
  State state = single_tracer_state(grid);
  const std::vector<double> q0 = sampled_plane(grid, leveque_bodies);
  set_layer_values(state, 1, q0);

  // u = (0.5 - y, x - 0.5): one revolution takes T = 2 pi. The fastest face speed is 0.495 (the outermost
  // cell centres), so 400 steps give a full-step Courant number 0.495 * (2 pi / 400) / 0.01 = 0.78 and each
  // half-step sweep runs at 0.39, without sub-cycling. Each x-sweep sees a u that is constant along its row
  // (and each y-sweep a constant v), so the splitting adds no divergence error.
  const MetState met = plane_met(
      grid, [](double, double y) { return 0.5 - y; }, [](double x, double) { return x - 0.5; });
  TransportModel model(grid, state, horizontal_transport(BoundaryKind::open));
  const double dt = 2.0 * pi / steps;
  MassBudget budget;
  budget.start(state);
  double lowest = 0.0, highest = 1.0;
  for (int s = 0; s < steps; ++s) {
    model.step(state, met, dt, &budget);
    const std::vector<double> q = layer_values(state, 1);
    lowest = std::min(lowest, *std::min_element(q.begin(), q.end()));
    highest = std::max(highest, *std::max_element(q.begin(), q.end()));
  }
  const std::vector<double> q = layer_values(state, 1);
  const Norms e = lauritzen_norms(q, q0);
  const double outflow = -budget.boundary_inflow(1) / budget.initial[1];
  std::printf(
      "solid-body rotation, 100x100, 400 steps: min %.3e, max - 1 %.3e, budget residual %.2e,"
      " outflow %.2e of the initial amount\n",
      lowest, highest - 1.0, budget.closure_error(state, 1), outflow);
  std::printf("  peak ratio cone %.4f, hump %.4f\n",
              peak_near(grid, q, 0.5, 0.25) / peak_near(grid, q0, 0.5, 0.25),
              peak_near(grid, q, 0.25, 0.5) / peak_near(grid, q0, 0.25, 0.5));
  std::printf("  normalised errors after one revolution: l1 %.4f  l2 %.4f  linf %.4f\n", e.l1, e.l2, e.linf);

  // Each split sweep is monotone (u constant along the sweep), so the field stays within the initial [0, 1].
  EXPECT_GE(lowest, -tol::round_off_2d);
  EXPECT_LE(highest, 1.0 + tol::round_off_2d);
  // Mass: what is in the domain equals what was there less what left through the open edges, to round-off.
  // What left is the far tail of the numerical spreading (~2e-8 at the edge cells, 10 cells from the bodies'
  // path), 1.0e-10 of the amount when written; 1e-9 guards against anything coming near the boundary.
  EXPECT_LE(budget.closure_error(state, 1), tol::round_off_2d);
  EXPECT_GE(outflow, 0.0);
  EXPECT_LE(outflow, 1e-9);
  // Regression guards, ~10% above the values measured when written (l1 0.1854, l2 0.2663, linf 0.7768), not
  // accuracy claims. Qualitatively this is the picture published for limited PPM on LeVeque's 100x100
  // problem: the smooth hump and the cone are well kept apart from the clipped peaks, and the error is
  // dominated by the slotted cylinder, whose edges smear over 2-3 cells and whose slot partly fills, which is
  // why linf is most of the jump height.
  EXPECT_LE(e.l1, 0.205);
  EXPECT_LE(e.l2, 0.295);
  EXPECT_LE(e.linf, 0.855);
}

}  // namespace
}  // namespace airshed
