// SPDX-License-Identifier: Apache-2.0
// Mass budget of every transported field (air and species) on a small 3-D grid with open boundaries, nonzero
// inflow profiles, a point and an area source, divergent winds with continuity w and a varying air density:
// now = initial + inflow through the five open faces + emitted, to round-off. This is the identity every
// operator's flux form promises (fluxes telescope; the diffusions pass nothing through the boundaries).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <optional>

#include "solver/mass_budget.hpp"
#include "solver/tracer_sources.hpp"
#include "solver/transport_model.hpp"
#include "tolerances.hpp"
#include "transport_case_3d.hpp"

namespace airshed {
namespace {

using namespace verification;
namespace tol = tolerances;

TEST(MassBudget3D, ClosesForEveryFieldWithSourcesAndOpenBoundaries) {
  const Grid grid = case_grid();
  const MetState met = case_met(grid);
  State state(grid, case_species());
  set_air_to_met(state, met);
  // Species: a background mixing ratio different from the boundary one, plus a blob, so inflow and outflow
  // carry different values and the interior has gradients for both diffusions.
  for (std::size_t s = 0; s < state.n_species(); ++s)
    for (int k = 0; k < grid.nz(); ++k)
      for (int j = 0; j < grid.ny(); ++j)
        for (int i = 0; i < grid.nx(); ++i) {
          const double blob = std::exp(-0.1 * ((i - 4.0) * (i - 4.0) + (j - 6.0) * (j - 6.0) + k * k));
          state.species_field(s)(i, j, k) = (20e-9 * (s + 1) + 50e-9 * blob) * state.air()(i, j, k);
        }

  TransportModel model(grid, state, case_options());
  for (std::size_t s = 0; s < state.n_species(); ++s)
    for (int k = 0; k < grid.nz(); ++k)
      model.boundary().profile(s + 1)[k] = 30e-9 * (s + 1) * (1.0 + 0.1 * k);
  PointRelease stack;
  stack.name = "stack";
  stack.x = -6000.0;
  stack.y = 2000.0;
  stack.height = 150.0;
  stack.rate = {0.0, 2.0, 5.0};  // mol s-1
  AreaRelease town;
  town.name = "town";
  town.x_min = -15000.0;  // not aligned with the cells, so shares are partial
  town.x_max = 1000.0;
  town.y_min = -9000.0;
  town.y_max = 7500.0;
  town.depth = 200.0;
  town.flux = {1e-7, 5e-7, 0.0};  // mol m-2 s-1
  model.set_sources(TracerSources(grid, state.n_species(), {stack}, {town}));

  MassBudget budget;
  budget.start(state);
  constexpr int steps = 30;
  for (int s = 0; s < steps; ++s) model.step(state, met, case_dt, &budget);

  for (std::size_t f = 0; f < state.n_fields(); ++f) {
    const double error = budget.closure_error(state, f);
    std::printf("field %zu: initial %.6e  inflow %+.6e  emitted %.6e  now %.6e  closure %.2e\n", f,
                budget.initial[f], budget.boundary_inflow(f), budget.emitted[f], domain_amount(state, f),
                error);
    EXPECT_LE(error, tol::budget_closure_short_run) << "field " << f;
  }
  // The budget must have exercised what it claims: real exchange through the lateral faces and the top, and
  // the emissions of both sources.
  EXPECT_NE(budget.exchange.top[0], 0.0);
  EXPECT_GT(budget.exchange.west[1], 0.0);  // inflow at the west edge (u > 0)
  EXPECT_LT(budget.exchange.east[1], 0.0);  // outflow at the east edge
  EXPECT_NEAR(budget.emitted[3], 5.0 * steps * case_dt,
              1e-9 * 5.0 * steps * case_dt);  // SO2 from the stack only
}

}  // namespace
}  // namespace airshed
