// SPDX-License-Identifier: Apache-2.0
// The wet scavenging operator (solver/wet_deposition.hpp): every layer of a raining column decays exactly as
// exp(-a P^b t) (FLEXPART / CALPUFF coefficients, docs/chemistry-physics.md section 3.3), the amount booked
// as deposited is the mass change, species without coefficients and dry columns keep every bit, a met without
// precipitation changes nothing, threads do not change a bit, and the transport step applies it.
#include <gtest/gtest.h>
#include <omp.h>

#include <cmath>
#include <vector>

#include "core/constants.hpp"
#include "solver/mass_budget.hpp"
#include "solver/transport_model.hpp"
#include "solver/wet_deposition.hpp"

namespace airshed {
namespace {

/// Analytic against repeated exp(-Lambda dt): a few roundings per step.
constexpr double kAnalytic = 1e-12;
/// Budget closure: the same cells summed per row (deposited) and per layer (domain_amount) differ by ulps.
constexpr double kClosure = 1e-12;
constexpr double kHour = 3600.0;

Grid test_grid(int nx, int ny) {
  return Grid(nx, ny, 1000.0, 800.0, 0.0, 0.0, VerticalLayers({0.0, 40.0, 120.0, 300.0, 700.0}), Projection{},
              3);
}

/// HNO3, SO2, NH3 (coefficients), CO and O3 (none), PM (fine_particle).
SpeciesList species() {
  SpeciesList s(6);
  s[0] = {"HNO3", Phase::gas, 0.063, "", ""};
  s[1] = {"CO", Phase::gas, 0.028, "", ""};
  s[2] = {"PM", Phase::aerosol, 0.0, "", ""};
  s[3] = {"SO2", Phase::gas, 0.064, "", ""};
  s[4] = {"O3", Phase::gas, 0.048, "", ""};
  s[5] = {"NH3", Phase::gas, 0.017, "", ""};
  return s;
}

void fill(State& state) {
  const Grid& g = state.grid();
  for (std::size_t f = 0; f < state.n_fields(); ++f)
    for (int k = 0; k < g.nz(); ++k)
      for (int j = 0; j < g.ny(); ++j)
        for (int i = 0; i < g.nx(); ++i)
          state.field(f)(i, j, k) =
              (f == 0 ? 35.0 : 1e-6 * static_cast<double>(f)) * (1.0 + 0.1 * i + 0.05 * j) / (1.0 + 0.2 * k);
}

/// Met with only what the operator reads: the precipitation rate [kg m-2 s-1] of each column, in mm h-1.
MetState rain_met(const Grid& g, double mm_per_hour) {
  MetState m;
  m.fields.precipitation_rate = Array2(g.nx(), g.ny(), mm_per_hour / kHour);
  return m;
}

/// 0 to 12 mm h-1 over the domain, dry in the first column and the last row.
MetState varied_rain(const Grid& g) {
  MetState m = rain_met(g, 0.0);
  for (int j = 0; j + 1 < g.ny(); ++j)
    for (int i = 1; i < g.nx(); ++i) m.fields.precipitation_rate(i, j) = (0.5 + 1.5 * i + 0.7 * j) / kHour;
  return m;
}

bool bit_identical(const State& a, const State& b) {
  for (std::size_t f = 0; f < a.n_fields(); ++f)
    for (int k = 0; k < a.grid().nz(); ++k)
      for (int j = 0; j < a.grid().ny(); ++j)
        for (int i = 0; i < a.grid().nx(); ++i)
          if (a.field(f)(i, j, k) != b.field(f)(i, j, k)) return false;
  return true;
}

TEST(WetDeposition, ScavengesTheFlexpartAndCalpuffSpeciesAndEveryAerosol) {
  const Grid g = test_grid(2, 2);
  const State state(g, species());
  const WetDeposition wet(g, state);
  EXPECT_EQ(wet.fields(), (std::vector<std::size_t>{1, 6, 4, 3})) << "HNO3, NH3, SO2 (table order), then PM";
}

TEST(WetDeposition, EveryLayerOfOneCellDecaysAsTheAnalyticExponential) {
  const Grid g = test_grid(1, 1);
  State state(g, species());
  fill(state);
  const State initial = state;
  WetDeposition wet(g, state);
  const double p = 2.5;  // mm h-1
  const MetState met = rain_met(g, p);
  // Lambda = a P^b (FLEXPART SPECIES_005 / _011: b = 0.62; CALPUFF: linear).
  const double hno3 = 5.0e-5 * std::pow(p, 0.62), nh3 = 9.9e-5 * std::pow(p, 0.62), so2 = 3.0e-5 * p,
               pm = 1.0e-4 * p;
  const double dt = 600.0;
  const int steps = 6;
  for (int n = 0; n < steps; ++n) wet.apply(state, met, dt, nullptr);
  const double t = steps * dt;
  for (int k = 0; k < g.nz(); ++k) {
    const auto expect = [&](std::size_t f, double lambda) {
      const double analytic = initial.field(f)(0, 0, k) * std::exp(-lambda * t);
      EXPECT_NEAR(state.field(f)(0, 0, k), analytic, kAnalytic * analytic) << "field " << f << " layer " << k;
    };
    expect(1, hno3);
    expect(6, nh3);
    expect(4, so2);
    expect(3, pm);
  }
  // 3.6 h in 2.5 mm h-1 removes a sizeable but partial fraction of HNO3: 1 - exp(-0.32).
  EXPECT_LT(state.field(1)(0, 0, 0), 0.8 * initial.field(1)(0, 0, 0));
  EXPECT_GT(state.field(1)(0, 0, 0), 0.6 * initial.field(1)(0, 0, 0));
}

TEST(WetDeposition, RemovedMassIsTheBudgetsDepositedAndTheBudgetCloses) {
  const Grid g = test_grid(7, 5);
  State state(g, species());
  fill(state);
  const State initial = state;
  MassBudget budget;
  budget.start(state);
  WetDeposition wet(g, state);
  const MetState met = varied_rain(g);
  for (int n = 0; n < 4; ++n) wet.apply(state, met, 900.0, &budget);
  for (std::size_t f = 0; f < state.n_fields(); ++f) {
    const double removed = domain_amount(initial, f) - domain_amount(state, f);
    EXPECT_NEAR(budget.deposited[f], removed, kClosure * domain_amount(initial, f)) << f;
    EXPECT_LT(budget.closure_error(state, f), kClosure) << f;
  }
  for (std::size_t f : wet.fields()) EXPECT_GT(budget.deposited[f], 0.0) << f;
  EXPECT_EQ(budget.deposited[0], 0.0) << "air";
  // Dry columns keep every bit in every layer.
  for (std::size_t f = 0; f < state.n_fields(); ++f)
    for (int k = 0; k < g.nz(); ++k) {
      for (int j = 0; j < g.ny(); ++j) EXPECT_EQ(state.field(f)(0, j, k), initial.field(f)(0, j, k));
      for (int i = 0; i < g.nx(); ++i)
        EXPECT_EQ(state.field(f)(i, g.ny() - 1, k), initial.field(f)(i, g.ny() - 1, k));
    }
}

TEST(WetDeposition, SpeciesWithoutCoefficientsAndTheAirKeepEveryBit) {
  const Grid g = test_grid(7, 5);
  State state(g, species());
  fill(state);
  const State initial = state;
  MassBudget budget;
  budget.start(state);
  WetDeposition wet(g, state);
  wet.apply(state, rain_met(g, 20.0), 900.0, &budget);
  for (std::size_t f : {std::size_t{0}, std::size_t{2}, std::size_t{5}}) {  // air, CO, O3
    for (int k = 0; k < g.nz(); ++k)
      for (int j = 0; j < g.ny(); ++j)
        for (int i = 0; i < g.nx(); ++i) EXPECT_EQ(state.field(f)(i, j, k), initial.field(f)(i, j, k)) << f;
    EXPECT_EQ(budget.deposited[f], 0.0) << f;
  }
  EXPECT_LT(state.field(1)(3, 2, 3), initial.field(1)(3, 2, 3)) << "HNO3 in the top layer is scavenged";
}

TEST(WetDeposition, NoPrecipitationLeavesTheStateBitIdentical) {
  const Grid g = test_grid(7, 5);
  State state(g, species());
  fill(state);
  const State initial = state;
  MassBudget budget;
  budget.start(state);
  WetDeposition wet(g, state);
  std::vector<double> lambda;
  const MetState none;  // the met has no precipitation rate (idealised, CF without precipitation_flux)
  EXPECT_FALSE(wet.rates(none, lambda));
  wet.apply(state, none, 900.0, &budget);
  const MetState dry = rain_met(g, 0.0);
  EXPECT_FALSE(wet.rates(dry, lambda));
  wet.apply(state, dry, 900.0, &budget);
  EXPECT_TRUE(bit_identical(state, initial));
  for (double d : budget.deposited) EXPECT_EQ(d, 0.0);
  // The loss itself with Lambda = 0 everywhere (the path of a raining step's dry columns).
  lambda.assign(wet.fields().size() * static_cast<std::size_t>(g.nx()) * g.ny(), 0.0);
  column_scavenging_loss(state, wet.fields(), lambda, 900.0, budget.deposited.data());
  EXPECT_TRUE(bit_identical(state, initial));
  for (double d : budget.deposited) EXPECT_EQ(d, 0.0);
}

TEST(WetDeposition, OneAndTwoThreadsAreBitIdentical) {
  const Grid g = test_grid(9, 7);
  const MetState met = varied_rain(g);
  const int saved = omp_get_max_threads();
  auto run = [&](int threads, std::vector<double>& deposited) {
    omp_set_num_threads(threads);
    State state(g, species());
    fill(state);
    MassBudget budget;
    budget.start(state);
    WetDeposition wet(g, state);
    for (int n = 0; n < 3; ++n) wet.apply(state, met, 600.0, &budget);
    deposited = budget.deposited;
    return state;
  };
  std::vector<double> one, two;
  const State a = run(1, one), b = run(2, two);
  omp_set_num_threads(saved);
  EXPECT_TRUE(bit_identical(a, b));
  ASSERT_EQ(one.size(), two.size());
  for (std::size_t f = 0; f < one.size(); ++f) EXPECT_EQ(one[f], two[f]) << f;
}

TEST(WetDeposition, TransportStepAppliesItInTheMiddleStage) {
  const Grid g = test_grid(4, 3);
  State state(g, species());
  fill(state);
  const State initial = state;
  TransportOptions options;
  options.advection = options.vertical_advection = options.vertical_diffusion = false;
  options.horizontal_diffusion.kind = HorizontalDiffusionKind::none;
  TransportModel model(g, state, options);
  WetDeposition wet(g, state);
  model.set_wet_deposition(&wet);
  const double p = 4.0, dt = 300.0;
  MassBudget budget;
  budget.start(state);
  model.step(state, rain_met(g, p), dt, &budget);
  const double lambda = 5.0e-5 * std::pow(p, 0.62);  // HNO3
  const double expected = initial.field(1)(2, 1, 2) * std::exp(-lambda * dt);
  EXPECT_NEAR(state.field(1)(2, 1, 2), expected, kAnalytic * expected);
  EXPECT_EQ(state.field(2)(2, 1, 2), initial.field(2)(2, 1, 2)) << "CO";
  for (std::size_t f = 0; f < state.n_fields(); ++f) EXPECT_LT(budget.closure_error(state, f), kClosure) << f;
  EXPECT_EQ(state.time, dt);
}

}  // namespace
}  // namespace airshed
