// SPDX-License-Identifier: Apache-2.0
// Vertical diffusion (backward Euler in the mixing ratio, solver/vertical_transport.hpp): conservation of the
// column amount on uneven layers with a varying density and the HB93 Kz profile, and relaxation to a
// well-mixed column at the rate of the slowest mode of the continuous problem dq/dt = K d2q/dz2 with no flux
// at z = 0 and z = H: q = cos(pi z / H) decays as exp(-pi^2 K t / H^2).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <vector>

#include "core/constants.hpp"
#include "met/kz_profile.hpp"
#include "solver/state.hpp"
#include "solver/vertical_transport.hpp"
#include "tolerances.hpp"

namespace airshed {
namespace {

namespace tol = tolerances;

SpeciesList one_species() {
  Species q;
  q.name = "q";
  return {q};
}

double column_amount(const State& s, std::size_t f, int i, int j) {
  double total = 0.0;
  for (int k = 0; k < s.grid().nz(); ++k) total += s.field(f)(i, j, k) * s.grid().layers().thickness(k);
  return total;
}

// 20 stretched layers to 3 km, density falling with height, Kz from HB93 (neutral, h = 1200 m, u* = 0.5) with
// its 0.1 m2 s-1 floor above the boundary layer, a sharp initial profile and long steps (Kz dt / dz^2 up to
// 4.1, at 72 m: far beyond the explicit limit of 0.5, which backward Euler does not have).
TEST(VerticalDiffusion, ConservesTheColumnAmount) {
  const Grid grid(2, 2, 1000.0, 1000.0, 0.0, 0.0, VerticalLayers::stretched(20, 20.0, 3000.0), Projection{},
                  3);
  State state(grid, one_species());
  Array3 kz(2, 2, grid.nz() + 1, 0.0);
  for (int j = 0; j < 2; ++j)
    for (int i = 0; i < 2; ++i) {
      for (int k = 0; k < grid.nz(); ++k) {
        const double z = grid.layers().mid(k);
        state.air()(i, j, k) = 41.6 * std::exp(-z / 8000.0) * (1.0 + 0.01 * (i + 2 * j));
        state.field(1)(i, j, k) = (z < 300.0 * (1 + i) ? 1e-6 : 1e-9) * state.air()(i, j, k);
      }
      for (int k = 1; k < grid.nz(); ++k)
        kz(i, j, k) = kz_similarity(grid.layers().interface(k), 1200.0, 0.5,
                                    std::numeric_limits<double>::infinity(), 0.0, KzOptions{});
    }
  VerticalTransport vertical(grid, 0.5);
  double before[2][2], worst = 0.0;
  for (int j = 0; j < 2; ++j)
    for (int i = 0; i < 2; ++i) before[i][j] = column_amount(state, 1, i, j);
  for (int n = 0; n < 100; ++n) {
    vertical.diffuse(state, kz, 300.0);
    for (int j = 0; j < 2; ++j)
      for (int i = 0; i < 2; ++i)
        worst = std::max(worst, std::abs(column_amount(state, 1, i, j) - before[i][j]) / before[i][j]);
  }
  std::printf("stretched column, HB93 Kz, 100 steps of 300 s: worst relative change of sum(c dz) %.2e\n",
              worst);
  EXPECT_LE(worst, tol::column_mass_relative);
}

// Constant K = 10 m2 s-1 on 100 equal layers of 10 m (H = 1000 m), uniform air. The first cosine mode of the
// cell-centred Neumann problem is an exact eigenvector of the discrete operator, with eigenvalue
// (4K/dz^2) sin^2(pi/(2 nz)) = 0.99992 pi^2 K / H^2, and backward Euler damps it by 1/(1 + lambda dt) per
// step, a measured rate ln(1 + lambda dt)/dt, 0.3% below lambda at dt = 60 s. So the rate is checked against
// the continuous value pi^2 K / H^2 = 9.87e-5 s-1 (e-folding time 1.01e4 s).
TEST(VerticalDiffusion, RelaxesToAWellMixedColumnAtTheSlowestModeRate) {
  using constants::pi;
  constexpr int nz = 100;
  constexpr double height = 1000.0, k_const = 10.0, dt = 60.0;
  std::vector<double> interfaces(nz + 1);
  for (int k = 0; k <= nz; ++k) interfaces[k] = height * k / nz;
  const Grid grid(1, 1, 1000.0, 1000.0, 0.0, 0.0, VerticalLayers(interfaces), Projection{}, 3);
  State state(grid, one_species());
  const double amplitude0 = 0.5;
  for (int k = 0; k < nz; ++k) {
    state.air()(0, 0, k) = 1.0;
    state.field(1)(0, 0, k) = 1.0 + amplitude0 * std::cos(pi * grid.layers().mid(k) / height);
  }
  Array3 kz(1, 1, nz + 1, k_const);
  VerticalTransport vertical(grid, 0.5);

  const double lambda = pi * pi * k_const / (height * height);
  auto amplitude = [&] {  // projection of q - mean on cos(pi z / H)
    double mean = 0.0, num = 0.0, den = 0.0;
    for (int k = 0; k < nz; ++k) mean += state.field(1)(0, 0, k) / nz;
    for (int k = 0; k < nz; ++k) {
      const double c = std::cos(pi * grid.layers().mid(k) / height);
      num += (state.field(1)(0, 0, k) - mean) * c;
      den += c * c;
    }
    return num / den;
  };
  auto spread = [&] {  // largest |q - mean| / mean
    double mean = 0.0, worst = 0.0;
    for (int k = 0; k < nz; ++k) mean += state.field(1)(0, 0, k) / nz;
    for (int k = 0; k < nz; ++k) worst = std::max(worst, std::abs(state.field(1)(0, 0, k) - mean) / mean);
    return worst;
  };

  // Decay rate between one and three e-folding times (the mode is pure from the start, so any window works).
  const int e_fold_steps = static_cast<int>(std::lround(1.0 / (lambda * dt)));
  for (int n = 0; n < e_fold_steps; ++n) vertical.diffuse(state, kz, dt);
  const double a1 = amplitude();
  for (int n = 0; n < 2 * e_fold_steps; ++n) vertical.diffuse(state, kz, dt);
  const double a3 = amplitude();
  const double rate = std::log(a1 / a3) / (2 * e_fold_steps * dt);
  std::printf("slowest mode: measured decay rate %.5e s-1, pi^2 K / H^2 = %.5e s-1 (ratio %.4f)\n", rate,
              lambda, rate / lambda);
  EXPECT_NEAR(rate / lambda, 1.0, tol::first_eigenvalue_relative);

  // Well mixed to 1e-6 when amplitude0 exp(-lambda t) / 1 falls below it: t = ln(amplitude0 / 1e-6) / lambda.
  // Not yet at 0.9 of that time, and done by 1.1 of it: the mixing happens when the eigenvalue says it
  // should.
  const double t_mixed = std::log(amplitude0 / tol::well_mixed) / lambda;
  const int done = 3 * e_fold_steps;
  const int early = static_cast<int>(0.9 * t_mixed / dt),
            late = static_cast<int>(std::ceil(1.1 * t_mixed / dt));
  for (int n = done; n < early; ++n) vertical.diffuse(state, kz, dt);
  const double spread_early = spread();
  for (int n = early; n < late; ++n) vertical.diffuse(state, kz, dt);
  const double spread_late = spread();
  std::printf("well mixed (1e-6) expected at t = %.0f s: spread %.2e at 0.9 t, %.2e at 1.1 t\n", t_mixed,
              spread_early, spread_late);
  EXPECT_GT(spread_early, tol::well_mixed);
  EXPECT_LE(spread_late, tol::well_mixed);
}

}  // namespace
}  // namespace airshed
