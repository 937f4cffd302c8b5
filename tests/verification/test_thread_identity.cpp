// SPDX-License-Identifier: Apache-2.0
// Results must not depend on the number of OpenMP threads (the design's reproducibility rule; the restart
// and checkpoint comparisons are bit for bit): the 3-D case with every operator and both kinds of source, run
// with 1, 2 and 3 threads, must give bitwise equal fields and budgets. Work is split over (field, layer)
// planes or columns and each plane sums in a fixed order, so nothing may change with the partition; 3 threads
// give an uneven one.
#include <gtest/gtest.h>
#include <omp.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

#include "solver/mass_budget.hpp"
#include "solver/tracer_sources.hpp"
#include "solver/transport_model.hpp"
#include "transport_case_3d.hpp"

namespace airshed {
namespace {

using namespace verification;

struct RunResult {
  std::vector<aligned_vector<double>> fields;  // every field including its halo
  std::vector<double> budget;                  // initial, inflow per face, emitted per field
};

RunResult run_case(int threads) {
  omp_set_num_threads(threads);
  const Grid grid = case_grid();
  const MetState met = case_met(grid);
  State state(grid, case_species());
  set_air_to_met(state, met);
  for (std::size_t s = 0; s < state.n_species(); ++s)
    for (int k = 0; k < grid.nz(); ++k)
      for (int j = 0; j < grid.ny(); ++j)
        for (int i = 0; i < grid.nx(); ++i)
          state.species_field(s)(i, j, k) =
              (10e-9 * (s + 1) + 40e-9 * std::exp(-0.2 * ((i - 6.0) * (i - 6.0) + (j - 3.0) * (j - 3.0)))) *
              state.air()(i, j, k);
  // Constructed after choosing the thread count: the operators size their per-thread scratch from it.
  TransportModel model(grid, state, case_options());
  for (std::size_t s = 0; s < state.n_species(); ++s)
    for (int k = 0; k < grid.nz(); ++k) model.boundary().profile(s + 1)[k] = 25e-9 * (s + 1) / (1.0 + k);
  PointRelease stack;
  stack.name = "stack";
  stack.x = 3000.0;
  stack.y = -5000.0;
  stack.height = 90.0;
  stack.rate = {1.0, 1.0, 1.0};
  AreaRelease town;
  town.name = "town";
  town.x_min = -20000.0;
  town.x_max = -3000.0;
  town.y_min = -12000.0;
  town.y_max = 9000.0;
  town.flux = {2e-7, 0.0, 1e-7};
  model.set_sources(TracerSources(grid, state.n_species(), {stack}, {town}));
  MassBudget budget;
  budget.start(state);
  for (int n = 0; n < 20; ++n) model.step(state, met, case_dt, &budget);

  RunResult r;
  for (std::size_t f = 0; f < state.n_fields(); ++f) {
    const Field3& c = state.field(f);
    r.fields.emplace_back(c.data(), c.data() + c.size());
    for (const std::vector<double>* v :
         {&budget.initial, &budget.exchange.west, &budget.exchange.east, &budget.exchange.south,
          &budget.exchange.north, &budget.exchange.top, &budget.emitted})
      r.budget.push_back((*v)[f]);
  }
  return r;
}

TEST(ThreadIdentity, FieldsAndBudgetsAreBitwiseEqualForAnyThreadCount) {
  const int saved = omp_get_max_threads();
  const RunResult one = run_case(1);
  for (int threads : {2, 3}) {
    const RunResult many = run_case(threads);
    ASSERT_EQ(one.fields.size(), many.fields.size());
    for (std::size_t f = 0; f < one.fields.size(); ++f) {
      ASSERT_EQ(one.fields[f].size(), many.fields[f].size());
      EXPECT_EQ(
          std::memcmp(one.fields[f].data(), many.fields[f].data(), one.fields[f].size() * sizeof(double)), 0)
          << "field " << f << " differs between 1 and " << threads << " threads";
    }
    EXPECT_EQ(std::memcmp(one.budget.data(), many.budget.data(), one.budget.size() * sizeof(double)), 0)
        << "budget differs between 1 and " << threads << " threads";
    std::printf("1 vs %d threads: %zu fields (with halos) and %zu budget terms compared bit for bit\n",
                threads, one.fields.size(), one.budget.size());
  }
  omp_set_num_threads(saved);
}

}  // namespace
}  // namespace airshed
