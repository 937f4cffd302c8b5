// SPDX-License-Identifier: Apache-2.0
// 1-D verification of the PPM sweep (Colella & Woodward 1984, JCP 54, 174) on a periodic line in uniform
// flow: exact transport at Courant 1, mass conservation and the absence of new extrema on the mixed profile
// of chemistry-numerics.md §4.4, and the observed order of convergence on a smooth profile.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "solver/horizontal_advection.hpp"
#include "solver/lateral_boundary.hpp"
#include "tolerances.hpp"
#include "verification_support.hpp"

namespace airshed {
namespace {

using namespace verification;
namespace tol = tolerances;

/// A periodic line of n cells on [0, 1] with uniform velocity, swept directly (no splitting involved).
struct PeriodicLine {
  Grid grid;
  State state;
  LateralBoundary boundary;
  HorizontalAdvection advection;
  Array3 u, rho;

  PeriodicLine(int n, double velocity)
      : grid(plane_grid(n, 1, 1.0, 1.0)),
        state(single_tracer_state(grid)),
        boundary(state, BoundaryKind::periodic, BoundaryKind::periodic),
        advection(grid, 1.0),
        u(n + 1, 1, 1, velocity),
        rho(n, 1, 1, 1.0) {}

  void step(double dt) {
    boundary.fill_x(state, u, rho);
    advection.sweep_x(state, u, dt, nullptr);
  }
  std::vector<double> q() const { return layer_values(state, 1); }
};

std::vector<double> sampled(int n, double (*f)(double)) {
  std::vector<double> v(n);
  for (int i = 0; i < n; ++i) v[i] = f((i + 0.5) / n);
  return v;
}

// At Courant number 1 the flux through each face is the whole upwind cell (CW84 eq. 1.12 with x = 1
// integrates the parabola over the cell, which gives its mean), so the scheme is an exact shift by one cell
// per step.
TEST(Advection1D, CourantOneIsAnExactShift) {
  constexpr int n = 200, steps = 37;
  for (double velocity : {1.0, -1.0}) {
    SCOPED_TRACE(testing::Message() << "u = " << velocity);
    PeriodicLine line(n, velocity);
    const std::vector<double> q0 = sampled(n, mixed_profile);
    set_layer_values(line.state, 1, q0);
    const double dt = 1.0 / n;  // the same double as dx, so u dt / dx is exactly +-1
    for (int s = 0; s < steps; ++s) line.step(dt);
    const std::vector<double> q = line.q();
    double worst = 0.0;
    for (int i = 0; i < n; ++i) {
      const int from = ((i - static_cast<int>(velocity) * steps) % n + n) % n;
      worst = std::max(worst, std::abs(q[i] - q0[from]));
    }
    std::printf("Courant %+.0f, %d steps: max |q - shifted q0| = %.3e\n", velocity, steps, worst);
    EXPECT_LE(worst, tol::courant_one_shift);
  }
}

// One period of the mixed profile (smooth hump + square wave) at Courant numbers 0.5 and 0.8, both
// directions: the total is conserved to round-off and no step creates a value outside the initial range (the
// CW84 limiter makes each face value a convex combination of neighbouring means for Courant <= 1).
TEST(Advection1D, MixedProfileConservesMassAndCreatesNoExtrema) {
  constexpr int n = 200;
  for (double courant : {0.5, 0.8})
    for (double velocity : {1.0, -1.0}) {
      SCOPED_TRACE(testing::Message() << "Courant " << courant << ", u = " << velocity);
      PeriodicLine line(n, velocity);
      const std::vector<double> q0 = sampled(n, mixed_profile);
      set_layer_values(line.state, 1, q0);
      const int steps = static_cast<int>(std::lround(n / courant));
      const double dt = 1.0 / steps;  // exactly one period
      const double lo = *std::min_element(q0.begin(), q0.end());
      const double hi = *std::max_element(q0.begin(), q0.end());
      const double mass0 = sum(q0);
      double worst_under = 0.0, worst_over = 0.0;
      for (int s = 0; s < steps; ++s) {
        line.step(dt);
        const std::vector<double> q = line.q();
        worst_under = std::max(worst_under, lo - *std::min_element(q.begin(), q.end()));
        worst_over = std::max(worst_over, *std::max_element(q.begin(), q.end()) - hi);
      }
      const std::vector<double> q = line.q();
      const double mass_error = std::abs(sum(q) - mass0) / mass0;
      const Norms e = lauritzen_norms(q, q0);
      std::printf(
          "mixed profile, Courant %.1f, u %+.0f: mass rel. change %.2e, worst undershoot %.2e, overshoot "
          "%.2e;"
          " after one period l1 %.4f l2 %.4f linf %.4f\n",
          courant, velocity, mass_error, worst_under, worst_over, e.l1, e.l2, e.linf);
      EXPECT_LE(mass_error, tol::mass_relative_1d);
      EXPECT_LE(worst_under, tol::extremum_round_off);
      EXPECT_LE(worst_over, tol::extremum_round_off);
    }
}

// Observed order on sin^2(pi x) (exact cell means, one period at Courant 0.5, N = 50..400). PPM is third
// order where the solution is smooth, but the CW84 limiter flattens the parabola in the O(1) cells at each
// smooth extremum, an O(dx) local error per unit time there. In L1 those few cells weigh O(dx) each, so they
// add O(dx^2) and the measured L1 order sits between 2 and 3 (2.36, 2.40, 2.45 when written); L2 shows ~2.0
// and Linf ~1.6, which is why the claim is made in L1.
TEST(Advection1D, SmoothProfileConvergesAtLeastSecondOrderInL1) {
  using constants::pi;
  // Cell mean of sin^2(pi x) over [a, b] from its antiderivative x/2 - sin(2 pi x)/(4 pi).
  auto mean = [](double a, double b) {
    auto primitive = [](double x) { return 0.5 * x - std::sin(2.0 * pi * x) / (4.0 * pi); };
    return (primitive(b) - primitive(a)) / (b - a);
  };
  std::vector<double> errors;
  const std::vector<int> sizes = {50, 100, 200, 400};
  for (int n : sizes) {
    PeriodicLine line(n, 1.0);
    std::vector<double> exact(n);
    for (int i = 0; i < n; ++i) exact[i] = mean(static_cast<double>(i) / n, static_cast<double>(i + 1) / n);
    set_layer_values(line.state, 1, exact);
    const int steps = 2 * n;  // Courant exactly 0.5
    for (int s = 0; s < steps; ++s) line.step(1.0 / steps);
    const std::vector<double> q = line.q();
    double l1 = 0.0;
    for (int i = 0; i < n; ++i) l1 += std::abs(q[i] - exact[i]) / n;
    errors.push_back(l1);
  }
  for (std::size_t r = 0; r < sizes.size(); ++r) {
    std::printf("sin^2, N = %3d: L1 error %.4e", sizes[r], errors[r]);
    if (r > 0) std::printf(", observed order %.3f", std::log2(errors[r - 1] / errors[r]));
    std::printf("\n");
  }
  for (std::size_t r = 1; r < sizes.size(); ++r) EXPECT_GE(std::log2(errors[r - 1] / errors[r]), 2.0);
}

}  // namespace
}  // namespace airshed
