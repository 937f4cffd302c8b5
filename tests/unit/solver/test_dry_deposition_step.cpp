// SPDX-License-Identifier: Apache-2.0
// The dry deposition operator (solver/dry_deposition.hpp): the first layer decays exactly as exp(-v dt/dz0),
// nothing else changes, the amount booked as deposited is the first layer's mass change, velocities come
// from chemistry/deposition with the met's surface layer, and the season follows the date and hemisphere.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "core/constants.hpp"
#include "solver/dry_deposition.hpp"
#include "solver/mass_budget.hpp"

namespace airshed {
namespace {

/// Relative difference between the amount booked as deposited (per-cell differences summed row by row) and
/// the change of domain_amount() (sums of the cells before and after): the same ~30-100 numbers summed in two
/// orders differ by a few ulp of the total.
constexpr double kSumOrder = 1e-13;

Grid test_grid() {
  return Grid(6, 5, 1000.0, 800.0, 0.0, 0.0, VerticalLayers({0.0, 40.0, 120.0, 300.0, 700.0}), Projection{},
              3);
}

SpeciesList species() {
  SpeciesList s(4);
  s[0] = {"O3", Phase::gas, 0.048, "", ""};
  s[1] = {"CO", Phase::gas, 0.028, "", ""};
  s[2] = {"PM", Phase::aerosol, 0.0, "", ""};
  s[3] = {"NO2", Phase::gas, 0.046, "", ""};
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

/// Horizontally uniform met at noon in June: 295 K, 90 kPa, u* = 0.35 m s-1, 600 W m-2, no heat flux.
MetState uniform_met(const Grid& g) {
  const int nx = g.nx(), ny = g.ny(), nz = g.nz();
  MetState m;
  m.fields.temperature = Array3(nx, ny, nz, 295.0);
  m.fields.pressure = Array3(nx, ny, nz, 90000.0);
  m.fields.humidity = Array3(nx, ny, nz, 0.008);
  m.fields.friction_velocity = Array2(nx, ny, 0.35);
  m.fields.shortwave_down = Array2(nx, ny, 600.0);
  m.fields.pbl_height = Array2(nx, ny, 1000.0);
  m.air_density = Array3(nx, ny, nz, 90000.0 / (constants::gas_constant * 295.0));
  return m;
}

TEST(DryDepositionStep, FirstLayerDecaysExactlyAndTheDepositedAmountIsItsMassChange) {
  const Grid g = test_grid();
  State state(g, species());
  fill(state);
  const State before = state;
  const std::size_t ncol = static_cast<std::size_t>(g.nx()) * g.ny();
  const std::vector<std::size_t> fields = {1, 3};  // O3 and PM
  std::vector<double> v(fields.size() * ncol);
  for (std::size_t n = 0; n < v.size(); ++n) v[n] = 1e-3 * static_cast<double>(1 + n % 17);  // 0.1-1.7 cm/s
  v[5] = 0.0;                                                                                // no deposition
  v[ncol + 7] = 10.0;  // far faster than the layer can supply: still positive
  std::vector<double> deposited(state.n_fields(), 0.0);
  const double dt = 600.0, dz = g.layers().thickness(0);
  first_layer_loss(state, fields, v, dt, deposited.data());

  for (std::size_t n = 0; n < fields.size(); ++n)
    for (int j = 0; j < g.ny(); ++j)
      for (int i = 0; i < g.nx(); ++i) {
        const double vd = v[n * ncol + static_cast<std::size_t>(i) + static_cast<std::size_t>(g.nx()) * j];
        const double old = before.field(fields[n])(i, j, 0), now = state.field(fields[n])(i, j, 0);
        EXPECT_DOUBLE_EQ(now, old * std::exp(-vd * dt / dz)) << n << " " << i << " " << j;
        EXPECT_GE(now, 0.0);
      }
  EXPECT_EQ(state.field(1)(5, 0, 0), before.field(1)(5, 0, 0));
  // Upper layers and the fields not deposited keep every bit.
  for (std::size_t f = 0; f < state.n_fields(); ++f)
    for (int k = 0; k < g.nz(); ++k)
      for (int j = 0; j < g.ny(); ++j)
        for (int i = 0; i < g.nx(); ++i)
          if (k > 0 || (f != 1 && f != 3)) {
            EXPECT_EQ(state.field(f)(i, j, k), before.field(f)(i, j, k))
                << f << " " << i << " " << j << " " << k;
          }
  for (std::size_t f = 0; f < state.n_fields(); ++f) {
    const double change = domain_amount(before, f) - domain_amount(state, f);
    if (f == 1 || f == 3) {
      EXPECT_GT(deposited[f], 0.0);
      EXPECT_NEAR(deposited[f], change, kSumOrder * domain_amount(before, f)) << f;
    } else {
      EXPECT_EQ(deposited[f], 0.0) << f;
    }
  }
}

TEST(DryDepositionStep, ApplyDepositsTheWeselyGasesAndEveryAerosolAndClosesTheBudget) {
  const Grid g = test_grid();
  State state(g, species());
  fill(state);
  MassBudget budget;
  budget.start(state);
  DryDepositionOptions options;
  options.land_use = chem::LandUse::range;
  options.roughness_length = 0.1;
  DryDeposition deposition(g, state, options, parse_utc("2026-06-21T04:00:00Z"));
  EXPECT_EQ(deposition.fields(), (std::vector<std::size_t>{1, 4, 3})) << "O3 and NO2 (Wesely order), then PM";

  const MetState met = uniform_met(g);
  std::vector<double> v;
  deposition.velocities(met, 0.0, v);
  const std::size_t ncol = static_cast<std::size_t>(g.nx()) * g.ny();
  ASSERT_EQ(v.size(), 3 * ncol);
  // The same numbers as chem::gas_deposition_velocity / particle_deposition_velocity for the first column.
  const double t = 295.0, zref = g.layers().mid(0), z0 = 0.1, ustar = 0.35, sw = 600.0;
  const double l = std::numeric_limits<double>::infinity();
  const double p = 90000.0 * std::exp(constants::gravity * zref / (constants::rd_dry_air * t));
  const chem::LandUse lu = chem::LandUse::range;
  const chem::SurfaceBlock sb{1, &ustar, &l, &z0, &zref, &t, &p, &sw, &lu, chem::Season::midsummer};
  double expected = 0.0;
  chem::gas_deposition_velocity(chem::wesely_gas("O3"), sb, &expected);
  EXPECT_EQ(v[0], expected);
  chem::particle_deposition_velocity(chem::ParticleClass{}, sb, &expected);
  EXPECT_EQ(v[2 * ncol], expected);
  EXPECT_GT(v[0], 1e-3);  // O3 over summer grass at noon: a few tenths of a cm/s
  EXPECT_LT(v[0], 2e-2);
  EXPECT_GT(v[2 * ncol], 1e-5);  // 0.5 um particles: 0.01-1 cm/s
  EXPECT_LT(v[2 * ncol], 1e-2);

  const State before = state;
  deposition.apply(state, met, 0.0, 900.0, &budget);
  for (std::size_t f = 0; f < state.n_fields(); ++f) {
    EXPECT_NEAR(budget.deposited[f], domain_amount(before, f) - domain_amount(state, f),
                kSumOrder * domain_amount(before, f))
        << f;
    EXPECT_LT(budget.closure_error(state, f), kSumOrder) << f;
  }
  EXPECT_EQ(budget.deposited[0], 0.0) << "air";
  EXPECT_EQ(budget.deposited[2], 0.0) << "CO has no Wesely parameters here";
  EXPECT_GT(budget.deposited[1], 0.0);
  EXPECT_GT(budget.deposited[3], 0.0);
  EXPECT_GT(budget.deposited[4], 0.0);
}

TEST(DryDepositionStep, RoughnessAboveTheReferenceHeightIsRefused) {
  const Grid g = test_grid();  // first layer 40 m: mid-height 20 m
  const State state(g, species());
  DryDepositionOptions options;
  options.roughness_length = 25.0;
  EXPECT_THROW(DryDeposition(g, state, options, UtcTime{}), std::invalid_argument);
}

TEST(DryDepositionStep, SeasonFollowsTheMonthAndTheHemisphere) {
  using chem::Season;
  EXPECT_EQ(season_for_date(parse_utc("2026-07-15"), 39.6), Season::midsummer);
  EXPECT_EQ(season_for_date(parse_utc("2026-10-01"), 39.6), Season::autumn);
  EXPECT_EQ(season_for_date(parse_utc("2026-11-28"), 39.6), Season::late_autumn);
  EXPECT_EQ(season_for_date(parse_utc("2026-01-20"), 39.6), Season::late_autumn) << "never winter by date";
  EXPECT_EQ(season_for_date(parse_utc("2026-04-10"), 39.6), Season::transitional_spring);
  EXPECT_EQ(season_for_date(parse_utc("2026-01-20"), -33.9), Season::midsummer);
  EXPECT_EQ(season_for_date(parse_utc("2026-07-15"), -33.9), Season::late_autumn);
  EXPECT_EQ(season_for_date(parse_utc("2026-10-01"), -33.9), Season::transitional_spring);
}

}  // namespace
}  // namespace airshed
