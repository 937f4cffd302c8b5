// SPDX-License-Identifier: Apache-2.0
// N and S atom conservation of every shipped mechanism over a 24 h box day with the sun following the clock
// at Kangbashi (39.61 N, 109.78 E; 2026-06-21, from 00 UTC = 08 local), constant T and p, no emissions.
//
// Every reaction of a shipped mechanism balances N and S (the parser rejects one that does not,
// docs/mechanisms.md section 4), and a Rosenbrock step conserves every linear invariant w.y with w.f = 0:
// each stage solves (I/(h gamma) - J) K = ..., and w.J = 0 makes w.K_i = 0 (Sandu et al. 1997; Hairer &
// Wanner II, IV.7). So with clipping off the totals may change only by round-off. With clipping on (the
// production setting), each solve sets the negative values it ends with to zero, which adds atoms: at most
// the size of those negatives, bounded by the error control (absolute tolerance plus rtol of the species).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "chemistry/mechanism_file.hpp"
#include "driver/box.hpp"
#include "tolerances.hpp"
#include "verification/chemistry/chemistry_verification.hpp"

namespace airshed {
namespace {

struct Case {
  const char* mechanism;
  std::vector<std::pair<std::string, double>> initial_ppb;
};

const std::vector<Case>& cases() {
  // Urban morning mixes with every N and S reservoir that starts non-zero (the rest build up from them).
  static const std::vector<Case> c = {
      {"grs", {{"NO", 30}, {"NO2", 20}, {"O3", 30}, {"ROC", 200}}},
      {"cb05-core",
       {{"NO", 30},
        {"NO2", 20},
        {"O3", 30},
        {"CO", 300},
        {"FORM", 5},
        {"ALD2", 3},
        {"PAR", 100},
        {"OLE", 3},
        {"ETH", 5},
        {"TOL", 5},
        {"XYL", 3},
        {"ISOP", 1},
        {"SO2", 5},
        {"HNO3", 1},
        {"PAN", 0.5}}},
  };
  return c;
}

BoxSetup day_at_kangbashi(const Case& c, bool clip) {
  BoxSetup b;
  b.mechanism = chem::load_mechanism(c.mechanism);
  b.start = parse_utc("2026-06-21T00:00:00Z");
  b.hours = 24.0;
  b.output_interval = 3600.0;
  b.temperature = 298.15;
  b.pressure = 101325.0;
  b.relative_humidity = 0.5;
  b.follow_sun = true;
  b.location = {109.78, 39.61};
  b.initial_ppb = c.initial_ppb;
  b.solver.clip_negatives = clip;  // rtol 1e-3, atol 1e3 cm-3: the production defaults
  return b;
}

/// Largest relative change of the N and S totals over the rows (S absolute if the mechanism has no S).
struct Drift {
  double n0 = 0, s0 = 0, n = 0, s = 0;
};

Drift drift(const chem::Mechanism& mech, const BoxResult& r) {
  Drift d;
  const test::AtomTotals first = test::atom_totals(mech, r, 0);
  d.n0 = first.N;
  d.s0 = first.S;
  for (std::size_t row = 1; row < r.times.size(); ++row) {
    const test::AtomTotals t = test::atom_totals(mech, r, row);
    d.n = std::max(d.n, std::abs(t.N - first.N) / first.N);
    d.s = std::max(d.s, first.S > 0 ? std::abs(t.S - first.S) / first.S : std::abs(t.S));
  }
  return d;
}

class AtomConservation : public testing::TestWithParam<std::size_t> {};

TEST_P(AtomConservation, NAndSAreConservedOverADayWithoutClippingToRoundOff) {
  const Case& c = cases()[GetParam()];
  const BoxSetup b = day_at_kangbashi(c, false);
  const BoxResult r = run_box(b);
  ASSERT_EQ(r.times.size(), 25u);
  // The day had photochemistry: O3 changed and some NOx became other N species.
  EXPECT_GT(std::abs(r.at(12, "O3") - 30.0), 5.0);
  const Drift d = drift(b.mechanism, r);
  std::printf(
      "%s 24 h, clipping off (%d steps): N %.4f ppb, max relative change %.1e; S %.4f ppb, %.1e "
      "(tolerance %.0e)\n",
      c.mechanism, r.solver_steps, d.n0, d.n, d.s0, d.s, tolerances::atoms_unclipped);
  EXPECT_LE(d.n, tolerances::atoms_unclipped);
  EXPECT_LE(d.s, tolerances::atoms_unclipped);
}

TEST_P(AtomConservation, NAndSAreConservedOverADayWithClippingToTheStatedTolerance) {
  const Case& c = cases()[GetParam()];
  const BoxSetup b = day_at_kangbashi(c, true);
  const BoxResult r = run_box(b);
  ASSERT_EQ(r.times.size(), 25u);
  for (std::size_t row = 0; row < r.times.size(); ++row)
    for (double v : r.ppb[row]) ASSERT_GE(v, 0.0) << "row " << row;
  const Drift d = drift(b.mechanism, r);
  std::printf("%s 24 h, clipping on (%d steps): N max relative change %.1e, S %.1e (tolerance %.0e)\n",
              c.mechanism, r.solver_steps, d.n, d.s, tolerances::atoms_clipped);
  EXPECT_LE(d.n, tolerances::atoms_clipped);
  EXPECT_LE(d.s, tolerances::atoms_clipped);
}

INSTANTIATE_TEST_SUITE_P(Mechanisms, AtomConservation, testing::Values(std::size_t{0}, std::size_t{1}),
                         [](const testing::TestParamInfo<std::size_t>& i) {
                           std::string n = cases()[i.param].mechanism;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

}  // namespace
}  // namespace airshed
