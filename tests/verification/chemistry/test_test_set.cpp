// SPDX-License-Identifier: Apache-2.0
// Published stiff test problems read through the mechanism FILE format (docs/mechanisms.md) and solved by the
// engine's KineticSystem + RosenbrockSolver: the path a user's mechanism takes, from text to numbers.
//
// ROBER (data/robertson.yaml). References as in tests/unit/chemistry/test_rosenbrock.cpp:
//   t = 1e11: the "Test Set for IVP Solvers" (Mazzia & Magherini, problem ROBER; archimede.uniba.it/~testset,
//   report rober.pdf; also Hairer's testset page www.unige.ch/~hairer/testset/testset.html), as quoted in
//   e.g. JuliaLang ODE.jl test/runtests.jl, pyodesys tests/test_robertson.py and Drake's robertson_system.h:
//   (0.2083340149701255e-07, 0.8333360770334713e-13, 0.9999999791665050).
//   t = 40 and 1e5: tests/unit/chemistry/reference/robertson_reference.py (SciPy 1.10.1 Radau, rtol 1e-12,
//   atol 1e-20), whose value at 1e11 agrees with the published one to 3e-10 relative.
// HIRES (data/hires.yaml): the Test Set's reference at t = 321.8122 (src/problems/hires.f, subroutine
//   hiressol: "computed using true double precision RADAU5 on Cray C90, uround = 1.01d-19, rtol = atol = h0 =
//   1.1d-18"; report hires.pdf), quoted identically in e.g. the R package deTestSet and the Go, JavaScript
//   and C++ test suites that carry the test set.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "chemistry/kinetic_system.hpp"
#include "chemistry/mechanism_file.hpp"
#include "chemistry/rosenbrock.hpp"
#include "tolerances.hpp"
#include "verification/chemistry/chemistry_verification.hpp"

namespace airshed::chem {
namespace {

using Method = RosenbrockOptions::Method;

const char* name(Method m) {
  return m == Method::ros3 ? "Ros3" : "Rodas3";
}

/// k_eff at surface conditions (the test problems' constant rates do not depend on them).
std::vector<double> rate_constants(const KineticSystem& s) {
  const double t = 298.15, p = 101325.0, q = 0.0;
  std::vector<double> k(static_cast<std::size_t>(s.n_reactions()));
  s.rate_constants({1, &t, &p, &q, nullptr}, k.data());
  return k;
}

/// Tight settings: rtol 1e-8 and an absolute tolerance far below every value, so the relative tolerance
/// governs every component (as in test_rosenbrock.cpp).
RosenbrockOptions tight(Method method) {
  RosenbrockOptions opt;
  opt.method = method;
  opt.rtol = 1e-8;
  opt.atol = 1e-20;
  opt.h_min = 0.0;
  opt.h_start = 1e-8;
  opt.max_steps = 1000000;
  opt.clip_negatives = false;
  return opt;
}

/// Solution in mechanism species order from a solved-order state.
std::vector<double> by_species(const KineticSystem& system, const std::vector<double>& y) {
  std::vector<double> out(system.mechanism().species.size(), 0.0);
  for (int s = 0; s < system.n_solved(); ++s) out[static_cast<std::size_t>(system.mechanism_index(s))] = y[s];
  return out;
}

struct Reference {
  double t;
  std::vector<double> y;
};

class TestSetThroughTheFileFormat : public testing::TestWithParam<Method> {};

TEST_P(TestSetThroughTheFileFormat, RobertsonMatchesTheTestSetAndRadau) {
  const Mechanism mech = load_mechanism(test::chemistry_verification_file("data/robertson.yaml"));
  ASSERT_EQ(mech.species.size(), 3u);
  ASSERT_EQ(mech.reactions.size(), 3u);
  const KineticSystem system(mech);
  const std::vector<double> k = rate_constants(system);
  const std::vector<Reference> refs = {
      {40.0, {7.1582706871941093e-01, 9.1855347645572273e-06, 2.8416374574582598e-01}},
      {1e5, {1.7865921142099738e-02, 7.2747514684363970e-08, 9.8213400611038792e-01}},
      {1e11, {0.2083340149701255e-07, 0.8333360770334713e-13, 0.9999999791665050}},
  };
  const RosenbrockOptions opt = tight(GetParam());
  for (const Reference& ref : refs) {
    SCOPED_TRACE(testing::Message() << name(opt.method) << " t = " << ref.t);
    RosenbrockSolver solver(system, opt, 1);
    std::vector<double> y(3, 0.0);
    y[static_cast<std::size_t>(system.solved_index(mech.find("A")))] = 1.0;
    const RosenbrockStats st = solver.solve(y.data(), k.data(), 1, ref.t);
    ASSERT_TRUE(st.ok);
    const std::vector<double> ys = by_species(system, y);
    double worst = 0.0;
    for (int i = 0; i < 3; ++i) worst = std::max(worst, std::abs(ys[i] - ref.y[i]) / ref.y[i]);
    std::printf("ROBER (file) %s rtol %g, t = %g: %d steps, max relative error %.2e (tolerance %.0e)\n",
                name(opt.method), opt.rtol, ref.t, st.steps, worst,
                tolerances::stiff_global_error_factor * opt.rtol);
    for (int i = 0; i < 3; ++i)
      EXPECT_NEAR(ys[i], ref.y[i], tolerances::stiff_global_error_factor * opt.rtol * ref.y[i])
          << mech.species[i].name;
  }
}

TEST_P(TestSetThroughTheFileFormat, HiresMatchesTheTestSetReference) {
  const Mechanism mech = load_mechanism(test::chemistry_verification_file("data/hires.yaml"));
  ASSERT_EQ(mech.reactions.size(), 15u);
  const KineticSystem system(mech);
  ASSERT_EQ(system.n_solved(), 9);
  const std::vector<double> k = rate_constants(system);
  // hires.f hiresini: y(0) = (1, 0, 0, 0, 0, 0, 0, 0.0057); the catalyst S of the source term is 1.
  const std::vector<std::pair<const char*, double>> initial = {{"Y1", 1.0}, {"Y8", 0.0057}, {"S", 1.0}};
  const Reference ref = {
      321.8122,
      {0.7371312573325668e-3, 0.1442485726316185e-3, 0.5888729740967575e-4, 0.1175651343283149e-2,
       0.2386356198831331e-2, 0.6238968252742796e-2, 0.2849998395185769e-2, 0.2850001604814231e-2, 1.0}};
  const RosenbrockOptions opt = tight(GetParam());
  RosenbrockSolver solver(system, opt, 1);
  std::vector<double> y(9, 0.0);
  for (const auto& [species, value] : initial)
    y[static_cast<std::size_t>(system.solved_index(mech.find(species)))] = value;
  const RosenbrockStats st = solver.solve(y.data(), k.data(), 1, ref.t);
  ASSERT_TRUE(st.ok);
  const std::vector<double> ys = by_species(system, y);
  double worst = 0.0;
  for (int i = 0; i < 9; ++i) worst = std::max(worst, std::abs(ys[i] - ref.y[i]) / ref.y[i]);
  std::printf("HIRES (file) %s rtol %g, t = %g: %d steps, max relative error %.2e (tolerance %.0e)\n",
              name(opt.method), opt.rtol, ref.t, st.steps, worst,
              tolerances::stiff_global_error_factor * opt.rtol);
  for (int i = 0; i < 9; ++i)
    EXPECT_NEAR(ys[i], ref.y[i], tolerances::stiff_global_error_factor * opt.rtol * ref.y[i])
        << mech.species[i].name;
  // The catalyst's net change is zero in every reaction, so it stays 1 exactly.
  EXPECT_EQ(ys[8], 1.0);
}

INSTANTIATE_TEST_SUITE_P(Methods, TestSetThroughTheFileFormat, testing::Values(Method::ros3, Method::rodas3),
                         [](const testing::TestParamInfo<Method>& i) { return std::string(name(i.param)); });

}  // namespace
}  // namespace airshed::chem
