// SPDX-License-Identifier: Apache-2.0
// Advection-diffusion of a Gaussian puff in a uniform wind with constant horizontal K on a periodic square,
// through the full TransportModel step (PPM sweeps around explicit K-diffusion, Strang split), against the
// analytic solution: the puff moves with the wind and its variance grows by 2 K t along each axis, so the
// peak falls by sigma0^2 / (sigma0^2 + 2 K t).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <numbers>
#include <vector>

#include "solver/transport_model.hpp"
#include "tolerances.hpp"
#include "verification_support.hpp"

namespace airshed {
namespace {

using namespace verification;

constexpr double kSigma0 = 0.08, kK = 0.0064, kU = 1.0, kV = 0.5, kX0 = 0.3, kY0 = 0.3, kEnd = 0.5;

/// Mean over [a, b] of the 1-D periodic (period 1) Gaussian shape exp(-(x - xc)^2 / (2 s^2)), images +-2.
double gaussian_mean(double a, double b, double xc, double s) {
  double total = 0.0;
  for (int m = -2; m <= 2; ++m) {
    const double c = xc + m;
    total += s * std::sqrt(std::numbers::pi / 2.0) *
             (std::erf((b - c) / (s * std::numbers::sqrt2)) - std::erf((a - c) / (s * std::numbers::sqrt2)));
  }
  return total / (b - a);
}

/// Exact cell means at time t on an n x n grid of the unit square.
std::vector<double> exact_puff(int n, double t) {
  const double s2 = kSigma0 * kSigma0 + 2.0 * kK * t, s = std::sqrt(s2);
  const double amplitude = kSigma0 * kSigma0 / s2;
  const double xc = kX0 + kU * t, yc = kY0 + kV * t;
  std::vector<double> q;
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i)
      q.push_back(amplitude *
                  gaussian_mean(static_cast<double>(i) / n, static_cast<double>(i + 1) / n, xc, s) *
                  gaussian_mean(static_cast<double>(j) / n, static_cast<double>(j + 1) / n, yc, s));
  return q;
}

TEST(AdvectionDiffusion, GaussianPuffConvergesToTheAnalyticSolution) {
  const std::vector<int> sizes = {25, 50, 100};
  std::vector<double> l1;
  for (int n : sizes) {
    const Grid grid = plane_grid(n, n, 1.0, 1.0);
    State state = single_tracer_state(grid);
    set_layer_values(state, 1, exact_puff(n, 0.0));
    TransportOptions options = horizontal_transport(BoundaryKind::periodic);
    options.horizontal_diffusion.kind = HorizontalDiffusionKind::constant;
    options.horizontal_diffusion.k_constant = kK;
    TransportModel model(grid, state, options);
    const MetState met = plane_met(
        grid, [](double, double) { return kU; }, [](double, double) { return kV; });
    // A fixed diffusion number K dt / dx^2 = 0.2 (the explicit limit with the model's 10% margin is 0.225):
    // dt ~ dx^2 makes the first-order forward-Euler diffusion stage O(dx^2) too, so the whole step converges
    // at second order. 10, 40 and 160 steps; the half-step sweeps run at Courant 0.63, 0.31, 0.16.
    const double dx = 1.0 / n;
    const int steps = static_cast<int>(std::lround(kEnd / (0.2 * dx * dx / kK)));
    const double dt = kEnd / steps;
    ASSERT_LE(dt, model.max_timestep(met).seconds);
    for (int s = 0; s < steps; ++s) model.step(state, met, dt, nullptr);
    const Norms e = lauritzen_norms(layer_values(state, 1), exact_puff(n, kEnd));
    std::printf("Gaussian puff, %3dx%-3d %3d steps: l1 %.4e  l2 %.4e  linf %.4e\n", n, n, steps, e.l1, e.l2,
                e.linf);
    l1.push_back(e.l1);
  }
  for (std::size_t r = 1; r < sizes.size(); ++r) {
    const double order = std::log2(l1[r - 1] / l1[r]);
    std::printf("  observed l1 order %d -> %d: %.3f\n", sizes[r - 1], sizes[r], order);
    EXPECT_LT(l1[r], l1[r - 1]);
    // Second order expected (see the dt choice; PPM alone would give ~2.4 in l1, test_advection_1d): 2.41 and
    // 2.23 measured when written, so 1.8 leaves room for platform differences but not for a first-order bug.
    EXPECT_GE(order, 1.8);
  }
}

}  // namespace
}  // namespace airshed
