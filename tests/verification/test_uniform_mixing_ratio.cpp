// SPDX-License-Identifier: Apache-2.0
// A uniform mixing ratio must stay uniform in any wind (chemistry-numerics.md §4.1: flux-form advection of
// rho q with dimension splitting keeps q uniform only if rho is advected by the same fluxes; Lin & Rood 1996,
// MWR 124, 2046). Here the air is the met density (varying in x, y and z), the wind is divergent and sheared,
// the density has a tendency so w from continuity is not that of a steady flow, the boundary inflow carries
// the same q0, and vertical and Smagorinsky horizontal diffusion are on.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "solver/transport_model.hpp"
#include "tolerances.hpp"
#include "transport_case_3d.hpp"

namespace airshed {
namespace {

using namespace verification;
namespace tol = tolerances;

TEST(UniformMixingRatio, StaysUniformInDivergentFlowWithVaryingDensity) {
  const Grid grid = case_grid();
  const MetState met = case_met(grid);
  State state(grid, case_species());
  set_air_to_met(state, met);
  const double q0[3] = {40e-9, 1e-12, 2.5e-6};  // decades apart, to catch any absolute (not relative) error
  for (std::size_t s = 0; s < state.n_species(); ++s)
    for (int k = 0; k < grid.nz(); ++k)
      for (int j = 0; j < grid.ny(); ++j)
        for (int i = 0; i < grid.nx(); ++i) state.species_field(s)(i, j, k) = q0[s] * state.air()(i, j, k);

  TransportModel model(grid, state, case_options());
  for (std::size_t s = 0; s < state.n_species(); ++s)
    model.boundary().profile(s + 1).assign(grid.nz(), q0[s]);
  // The carried air must itself move away from the met density, or the test would not show that the species
  // follow the air rather than the met.
  double air_departure = 0.0;
  constexpr int steps = 30;
  for (int n = 0; n < steps; ++n) model.step(state, met, case_dt, nullptr);

  // Why only round-off remains: every operator is the same arithmetic for the air and for c = q0 air. The
  // advection fluxes are homogeneous of degree 1 in the field (the CW84 and van Leer limiters compare
  // differences, which scale by q0), the boundary ghosts are profile * rho_met for both, and both diffusions
  // act on c/air = q0, whose differences are zero up to rounding. So c/air - q0 is a sum of a few ulp per
  // operator and step.
  for (std::size_t s = 0; s < state.n_species(); ++s) {
    double worst = 0.0;
    for (int k = 0; k < grid.nz(); ++k)
      for (int j = 0; j < grid.ny(); ++j)
        for (int i = 0; i < grid.nx(); ++i) {
          worst = std::max(worst,
                           std::abs(state.species_field(s)(i, j, k) / state.air()(i, j, k) - q0[s]) / q0[s]);
          if (s == 0)
            air_departure =
                std::max(air_departure, std::abs(state.air()(i, j, k) / met.air_density(i, j, k) - 1.0));
        }
    std::printf("species %zu (q0 = %.1e): max |c/air - q0| / q0 = %.3e\n", s, q0[s], worst);
    EXPECT_LE(worst, tol::uniform_mixing_ratio);
  }
  std::printf("carried air vs met density after %d steps: max relative departure %.3e\n", steps,
              air_departure);
  EXPECT_GT(air_departure, 1e-4);
}

}  // namespace
}  // namespace airshed
