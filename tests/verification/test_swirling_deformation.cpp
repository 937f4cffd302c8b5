// SPDX-License-Identifier: Apache-2.0
// LeVeque (1996, SIAM J. Numer. Anal. 33, 627) swirling deformation flow on the unit square
// (chemistry-numerics.md §4.4): u = sin^2(pi x) sin(2 pi y) g(t), v = -sin^2(pi y) sin(2 pi x) g(t),
// g(t) = cos(pi t / T), T = 1.5. The flow stretches the bodies into thin filaments and brings them back, so
// the exact solution at T is the initial field. The continuous flow is non-divergent, but each split sweep
// sees a divergent 1-D flow (du/dx != 0 along a row), so this exercises the divergent-flow PPM fluxes and the
// time-dependent met (evaluated at each step's midpoint, as the driver does).
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

TEST(SwirlingDeformation, ReturnsToTheInitialFieldAfterOnePeriod) {
  using constants::pi;
  constexpr int n = 100, steps = 200;
  constexpr double period = 1.5;
  const Grid grid = plane_grid(n, n, 1.0, 1.0);
  State state = single_tracer_state(grid);
  const std::vector<double> q0 = sampled_plane(grid, leveque_bodies);
  set_layer_values(state, 1, q0);

  // |u|, |v| <= 1, so dt = 1.5/200 gives a full-step Courant number of at most 0.75 (0.375 per half-step
  // sweep).
  TransportModel model(grid, state, horizontal_transport(BoundaryKind::open));
  const double dt = period / steps;
  MassBudget budget;
  budget.start(state);
  double lowest = 0.0;
  for (int s = 0; s < steps; ++s) {
    const double g = std::cos(pi * (s + 0.5) * dt / period);
    auto sin2 = [](double a) { return std::sin(a) * std::sin(a); };
    const MetState met = plane_met(
        grid, [&](double x, double y) { return sin2(pi * x) * std::sin(2.0 * pi * y) * g; },
        [&](double x, double y) { return -sin2(pi * y) * std::sin(2.0 * pi * x) * g; });
    model.step(state, met, dt, &budget);
    const std::vector<double> q = layer_values(state, 1);
    lowest = std::min(lowest, *std::min_element(q.begin(), q.end()));
  }
  const std::vector<double> q = layer_values(state, 1);
  const Norms e = lauritzen_norms(q, q0);
  const double mass_change = std::abs(sum(q) - sum(q0)) / sum(q0);
  std::printf(
      "swirling deformation, 100x100, 200 steps: min %.3e, mass rel. change %.2e, budget residual %.2e\n",
      lowest, mass_change, budget.closure_error(state, 1));
  std::printf("  normalised errors at t = T: l1 %.4f  l2 %.4f  linf %.4f\n", e.l1, e.l2, e.linf);
  // The carried air is 1 in the exact solution; the split sweeps compress and expand it on the way, and what
  // is left at T measures the splitting error of the density (printed for the record, not asserted).
  const std::vector<double> air = layer_values(state, 0);
  double air_error = 0.0;
  std::vector<double> ratio(q.size());
  for (std::size_t c = 0; c < q.size(); ++c) {
    air_error = std::max(air_error, std::abs(air[c] - 1.0));
    ratio[c] = q[c] / air[c];
  }
  const Norms er = lauritzen_norms(ratio, q0);
  std::printf("  carried air: max |air - 1| %.3e; mixing ratio c/air: l1 %.4f  l2 %.4f  linf %.4f\n",
              air_error, er.l1, er.l2, er.linf);

  // Positivity: PPM with outflow Courant numbers <= 1 never drains a cell below zero, in divergent flow too.
  EXPECT_GE(lowest, -tol::extremum_round_off);
  // The velocity vanishes on the whole boundary (sin^2 factors), so the domain is closed and the amount is
  // conserved to round-off.
  EXPECT_LE(mass_change, tol::round_off_2d);
  EXPECT_LE(budget.closure_error(state, 1), tol::round_off_2d);
  // Regression guard ~10% above the l1 measured when written (0.2333; l2 0.3076, linf 0.7806): as in the
  // rotation test the slotted cylinder's edges dominate, plus the filaments at T/2 are 1-2 cells thin and the
  // limiter clips them, which is why the error is larger than after a solid-body revolution (l1 0.185).
  EXPECT_LE(e.l1, 0.26);
}

}  // namespace
}  // namespace airshed
