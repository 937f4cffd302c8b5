// SPDX-License-Identifier: Apache-2.0
// Density-matching vertical advection (VerticalTransport::advect_to_density): the carried air ends exactly at
// the target in every layer, a uniform mixing ratio stays uniform, every species' column amount changes only
// by what crosses the model top (counted in the budget's top exchange), the result is positive, and one or
// two threads give the same bits.
#include <gtest/gtest.h>
#include <omp.h>

#include <cmath>
#include <cstring>

#include "solver/mass_budget.hpp"
#include "solver/transport_model.hpp"
#include "solver/vertical_transport.hpp"

using namespace airshed;

namespace {

Grid test_grid() {
  return Grid(6, 5, 1000.0, 1000.0, 0.0, 0.0, VerticalLayers({0.0, 30.0, 90.0, 200.0, 400.0, 800.0, 1500.0}),
              Projection{}, 3);
}

/// Air near 35 mol m-3 with a column-dependent distortion of up to +-8 % (what horizontal sweeps leave), a
/// uniform tracer (2e-7 mol/mol) and a layered one.
void fill(State& s, double distortion = 0.08) {
  const Grid& g = s.grid();
  for (int k = 0; k < g.nz(); ++k)
    for (int j = 0; j < g.ny(); ++j)
      for (int i = 0; i < g.nx(); ++i) {
        const double air =
            35.0 * std::exp(-g.layers().mid(k) / 8000.0) * (1.0 + distortion * std::sin(i + 2.0 * j + k));
        s.air()(i, j, k) = air;
        s.species_field(0)(i, j, k) = 2e-7 * air;
        s.species_field(1)(i, j, k) = 1e-8 * (1.0 + k) * air;
      }
}

Array3 target(const Grid& g) {
  Array3 t(g.nx(), g.ny(), g.nz());
  for (int k = 0; k < g.nz(); ++k)
    for (int j = 0; j < g.ny(); ++j)
      for (int i = 0; i < g.nx(); ++i) t(i, j, k) = 35.0 * std::exp(-g.layers().mid(k) / 8000.0);
  return t;
}

SpeciesList species() {
  return {{"uniform", Phase::gas, 0.03, "", ""}, {"layered", Phase::gas, 0.03, "", ""}};
}

}  // namespace

TEST(DensityMatching, AirEndsAtTheTargetAndMassIsAccountedFor) {
  const Grid g = test_grid();
  State s(g, species());
  fill(s);
  LateralBoundary boundary(s, BoundaryKind::open, BoundaryKind::open);
  boundary.profile(0).assign(g.nz(), 1.0);
  boundary.profile(1).assign(g.nz(), 2e-7);
  boundary.profile(2).assign(g.nz(), 3e-8);
  const Array3 t = target(g);
  double amount_before[3] = {}, amount_after[3] = {};
  for (std::size_t f = 0; f < 3; ++f) amount_before[f] = domain_amount(s, f);
  VerticalTransport vt(g, 0.5);
  BoundaryExchange ex;
  ex.resize(3);
  vt.advect_to_density(s, t, boundary, 600.0, &ex);
  double worst_air = 0.0, worst_uniform = 0.0;
  for (int k = 0; k < g.nz(); ++k)
    for (int j = 0; j < g.ny(); ++j)
      for (int i = 0; i < g.nx(); ++i) {
        worst_air = std::max(worst_air, std::abs(s.air()(i, j, k) / t(i, j, k) - 1.0));
        worst_uniform =
            std::max(worst_uniform, std::abs(s.species_field(0)(i, j, k) / s.air()(i, j, k) / 2e-7 - 1.0));
        EXPECT_GT(s.species_field(1)(i, j, k), 0.0);
      }
  // Round-off only: the target is reached in a few sub-steps of exact flux differences.
  EXPECT_LT(worst_air, 1e-13);
  EXPECT_LT(worst_uniform, 1e-13);
  // A 60 % distortion must move more than half of some layer's air: the column sub-steps, and still lands.
  State big(g, species());
  fill(big, 0.6);
  vt.advect_to_density(big, t, boundary, 600.0, nullptr);
  EXPECT_GT(vt.last_max_substeps(), 1);
  double worst_big = 0.0;
  for (int k = 0; k < g.nz(); ++k)
    for (int j = 0; j < g.ny(); ++j)
      for (int i = 0; i < g.nx(); ++i) {
        worst_big = std::max(worst_big, std::abs(big.air()(i, j, k) / t(i, j, k) - 1.0));
        EXPECT_GT(big.species_field(1)(i, j, k), 0.0);
      }
  EXPECT_LT(worst_big, 1e-12);
  // Each field's domain amount changes by exactly what the top exchange counted.
  for (std::size_t f = 0; f < 3; ++f) {
    amount_after[f] = domain_amount(s, f);
    EXPECT_NEAR((amount_after[f] - amount_before[f]) / ex.top[f], 1.0, 1e-10) << f;
  }
}

TEST(DensityMatching, ThreadCountDoesNotChangeABit) {
  const Grid g = test_grid();
  const Array3 t = target(g);
  auto run = [&](int threads) {
    State s(g, species());
    fill(s);
    LateralBoundary boundary(s, BoundaryKind::open, BoundaryKind::open);
    boundary.profile(0).assign(g.nz(), 1.0);
    boundary.profile(1).assign(g.nz(), 2e-7);
    boundary.profile(2).assign(g.nz(), 3e-8);
    const int saved = omp_get_max_threads();
    omp_set_num_threads(threads);
    VerticalTransport(g, 0.5).advect_to_density(s, t, boundary, 600.0, nullptr);
    omp_set_num_threads(saved);
    return s.species_field(1).interior();
  };
  const Array3 a = run(1), b = run(2);
  EXPECT_EQ(std::memcmp(a.data.data(), b.data.data(), a.size() * sizeof(double)), 0);
}
