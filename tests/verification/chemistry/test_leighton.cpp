// SPDX-License-Identifier: Apache-2.0
// The Leighton NO-NO2-O3 cycle through the box model against its closed-form (Riccati) solution, after
// /work/shared/reference/chemistry-numerics.md section 2.1:
//   R1 NO2 + hv -> NO + O           j = 8.0e-3 s-1 (fixed)
//   R2 O + O2 + M -> O3             6.0e-34 (T/300)^-2.4 cm6 molecule-2 s-1   (CMAQ cb05e51 R2)
//   R3 O3 + NO -> NO2               k3 = 3.0e-12 exp(-1500/T) cm3 molecule-1 s-1 (CMAQ cb05e51 R3)
// With O in steady state (lifetime 1/(k2 [O2][M]) ~ 13 us), NOx = a and Ox = O3 + NO2 = b are conserved and
// x = [NO2] obeys dx/dt = -j x + k3 (a - x)(b - x) = k3 (x - x+)(x - x-), with
//   x+- = [k3 (a + b) + j +- sqrt((k3 (a + b) + j)^2 - 4 k3^2 a b)] / (2 k3),
//   x(t) = (x+ - x- C0 e^{lambda t}) / (1 - C0 e^{lambda t}),  C0 = (x0 - x+)/(x0 - x-),  lambda = k3 (x+ -
//   x-),
// and x(infinity) = x-, where [O3][NO]/[NO2] = j/k3 (the photostationary state). Here a, b and x are in ppb
// and k3 is taken to ppb-1 s-1 with the box's own air density M = p/(k_B T) (driver/box.cpp converts ppb
// with it), so the closed form and the box use the same M.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "chemistry/mechanism_file.hpp"
#include "chemistry/rate_constants.hpp"
#include "driver/box.hpp"
#include "tolerances.hpp"
#include "verification/chemistry/chemistry_verification.hpp"

namespace airshed {
namespace {

constexpr double kT = 298.15, kP = 101325.0, kJ = 8.0e-3;
constexpr double kNo0 = 10.0, kNo20 = 10.0, kO30 = 40.0;  // ppb

/// The closed form of the header, in ppb and seconds.
struct Leighton {
  double k3;  ///< ppb-1 s-1
  double j;
  double x0, xp, xm, c0, lambda;

  Leighton(double temperature, double pressure, double j_no2, double no0, double no20, double o30)
      : j(j_no2) {
    const double m = chem::air_number_density(pressure, temperature);
    k3 = 3.0e-12 * std::exp(-1500.0 / temperature) * m * 1e-9;
    const double a = no0 + no20, b = o30 + no20;
    const double s = k3 * (a + b) + j;
    const double root = std::sqrt(s * s - 4.0 * k3 * k3 * a * b);
    xp = (s + root) / (2.0 * k3);
    xm = (s - root) / (2.0 * k3);
    x0 = no20;
    c0 = (x0 - xp) / (x0 - xm);
    lambda = k3 * (xp - xm);
  }
  double no2(double t) const {
    const double e = c0 * std::exp(lambda * t);
    return (xp - xm * e) / (1.0 - e);
  }
};

TEST(Leighton, ClosedFormReproducesTheReferenceNotes) {
  // chemistry-numerics.md section 2.1 [computed there]: NO2 at 10, 30, 60, 120, 300, 600 s and lambda.
  const Leighton l(kT, kP, kJ, kNo0, kNo20, kO30);
  const double times[] = {10, 30, 60, 120, 300, 600};
  const double notes[] = {10.967523, 12.197283, 13.085230, 13.610418, 13.724259, 13.724932};
  double worst = 0.0;
  for (int i = 0; i < 6; ++i) {
    const double rel = std::abs(l.no2(times[i]) - notes[i]) / notes[i];
    worst = std::max(worst, rel);
    EXPECT_NEAR(l.no2(times[i]), notes[i], tolerances::leighton_notes_digits * notes[i])
        << "t = " << times[i];
  }
  std::printf(
      "Leighton closed form vs the notes' printed values: max relative difference %.1e; lambda = %.6f s-1\n",
      worst, l.lambda);
  EXPECT_NEAR(l.lambda, 0.028525, 0.0000005);
  EXPECT_NEAR(l.no2(0.0), kNo20, 1e-12);
}

TEST(Leighton, BoxFollowsTheClosedFormAndReachesThePhotostationaryState) {
  BoxSetup b;
  b.mechanism = chem::load_mechanism(test::chemistry_verification_file("data/leighton.yaml"));
  b.hours = 600.0 / 3600.0;
  b.output_interval = 10.0;
  b.temperature = kT;
  b.pressure = kP;
  b.fixed_j = {{"NO2", kJ}};
  b.initial_ppb = {{"NO", kNo0}, {"NO2", kNo20}, {"O3", kO30}};
  b.solver.rtol = 1e-6;
  b.solver.atol = 1.0;  // molecules cm-3, 4e-11 ppb: far below O's steady state (~3e4 cm-3)
  b.solver.clip_negatives =
      false;  // nothing goes negative here; off, the NOx and Ox checks see the integrator
  const BoxResult r = run_box(b);
  ASSERT_EQ(r.times.size(), 61u);

  const Leighton l(kT, kP, kJ, kNo0, kNo20, kO30);
  const double tol = tolerances::leighton_box_relative;
  double worst = 0.0;
  for (std::size_t row = 0; row < r.times.size(); ++row) {
    const double exact = l.no2(r.times[row]);
    const double rel = std::abs(r.at(row, "NO2") - exact) / exact;
    worst = std::max(worst, rel);
    EXPECT_NEAR(r.at(row, "NO2"), exact, tol * exact) << "t = " << r.times[row];
  }
  const std::size_t last = r.times.size() - 1;
  // Photostationary state at 600 s (e^{-lambda 600} = 4e-8 of the initial departure is left): with O in
  // steady state d[O3]/dt = j [NO2] - k3 [O3][NO] = 0.
  const double ratio = r.at(last, "O3") * r.at(last, "NO") / r.at(last, "NO2");
  const double pss = l.j / l.k3;
  // NOx and Ox = O3 + NO2 + O are conserved by every reaction.
  const double nox = r.at(last, "NO") + r.at(last, "NO2");
  const double ox = r.at(last, "O3") + r.at(last, "NO2") + r.at(last, "O");
  std::printf(
      "Leighton box (Ros3 rtol %g, %d steps): max relative NO2 error over 0-600 s %.2e (tolerance %.0e); "
      "NO2(600 s) = %.6f ppb (closed form %.6f); [O3][NO]/[NO2] = %.6f ppb vs j/k3 = %.6f ppb, relative "
      "%.2e; "
      "NOx - 20 = %.1e, Ox - 50 = %.1e ppb\n",
      b.solver.rtol, r.solver_steps, worst, tol, r.at(last, "NO2"), l.no2(600.0), ratio, pss,
      std::abs(ratio - pss) / pss, nox - 20.0, ox - 50.0);
  EXPECT_NEAR(ratio, pss, tolerances::leighton_box_relative * pss);
  EXPECT_NEAR(nox, kNo0 + kNo20, tolerances::atoms_unclipped * (kNo0 + kNo20));
  EXPECT_NEAR(ox, kO30 + kNo20, tolerances::atoms_unclipped * (kO30 + kNo20));
}

}  // namespace
}  // namespace airshed
