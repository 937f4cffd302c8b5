// SPDX-License-Identifier: Apache-2.0
// The pointwise PPM pieces (solver/ppm_kernels.hpp; Colella & Woodward 1984, JCP 54, 174, "CW84").
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "solver/ppm_kernels.hpp"

namespace airshed::ppm {
namespace {

/// Value of the parabola at xi in [0, 1] across the cell (CW84 eq. 1.5).
double parabola_at(const Parabola& p, double xi) {
  return p.left + xi * (p.delta + p.c6 * (1.0 - xi));
}

TEST(PpmKernels, LimitedSlopeIsZeroAtAnExtremumOrAFlatSide) {
  EXPECT_EQ(limited_slope(1.0, 2.0, 1.0), 0.0);   // maximum
  EXPECT_EQ(limited_slope(2.0, 1.0, 3.0), 0.0);   // minimum
  EXPECT_EQ(limited_slope(1.0, 1.0, 5.0), 0.0);   // flat on the left
  EXPECT_EQ(limited_slope(-4.0, 3.0, 3.0), 0.0);  // flat on the right
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> value(-2.0, 2.0);
  for (int n = 0; n < 10000; ++n) {
    const double cm = value(rng), c0 = value(rng), cp = value(rng);
    const double d = limited_slope(cm, c0, cp);
    if ((c0 - cm) * (cp - c0) <= 0.0) {
      EXPECT_EQ(d, 0.0);
    } else {
      // CW84 eq. 1.8: the centred slope's sign, bounded by it and by twice each one-sided difference.
      EXPECT_GT(d * (cp - cm), 0.0);
      EXPECT_LE(std::abs(d), std::abs(0.5 * (cp - cm)));
      EXPECT_LE(std::abs(d), 2.0 * std::abs(c0 - cm));
      EXPECT_LE(std::abs(d), 2.0 * std::abs(cp - c0));
    }
  }
}

// For cell means of a quadratic the interface formula (CW84 eq. 1.6) with the centred slopes is the exact
// point value of the quadratic at the face (it is exact for cubics). The data are monotone and the slopes far
// from the limiter's bounds, so limited_slope returns the centred slope.
TEST(PpmKernels, EdgeValueIsExactForQuadratics) {
  for (double a : {0.3, -1.0})
    for (double b : {10.0, -4.0})
      for (double c : {0.5, -0.25}) {
        // q(x) = a + b x + c x^2 on unit cells [i - 1/2, i + 1/2], i = 0..4: mean a + b i + c (i^2 + 1/12).
        auto mean = [&](int i) { return a + b * i + c * (i * i + 1.0 / 12.0); };
        auto exact = [&](double x) { return a + b * x + c * x * x; };
        for (int i = 1; i <= 2; ++i) {
          const double d0 = limited_slope(mean(i - 1), mean(i), mean(i + 1));
          const double dp = limited_slope(mean(i), mean(i + 1), mean(i + 2));
          ASSERT_EQ(d0, 0.5 * (mean(i + 1) - mean(i - 1)));
          ASSERT_EQ(dp, 0.5 * (mean(i + 2) - mean(i)));
          EXPECT_NEAR(edge_value(mean(i), mean(i + 1), d0, dp), exact(i + 0.5),
                      1e-14 * std::abs(exact(i + 0.5)));
        }
      }
}

// CW84 eq. 1.10: the limited parabola keeps the cell mean, has no interior extremum (so it never leaves the
// range of its two edge values), and its edges stay within the range of the cell mean and the input edges.
TEST(PpmKernels, MonotoneParabolaIsBoundedAndKeepsTheMean) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> value(-1.0, 1.0);
  for (int n = 0; n < 10000; ++n) {
    const double c = value(rng), left = value(rng), right = value(rng);
    const Parabola p = monotone_parabola(c, left, right);
    const double lo = std::min({c, left, right}), hi = std::max({c, left, right});
    const double edge_lo = std::min(p.left, p.right), edge_hi = std::max(p.left, p.right);
    EXPECT_GE(edge_lo, lo - 1e-15);
    EXPECT_LE(edge_hi, hi + 1e-15);
    // Mean of the parabola over the cell: left + delta/2 + c6/6 (CW84 eq. 1.5 integrated).
    EXPECT_NEAR(p.left + 0.5 * p.delta + p.c6 / 6.0, c, 1e-15);
    for (int s = 0; s <= 20; ++s) {
      const double v = parabola_at(p, s / 20.0);
      EXPECT_GE(v, edge_lo - 1e-15);
      EXPECT_LE(v, edge_hi + 1e-15);
    }
    if ((right - c) * (c - left) <= 0.0) {  // extremum: flat
      EXPECT_EQ(p.left, c);
      EXPECT_EQ(p.right, c);
    }
  }
}

// CW84 eq. 1.12 at Courant number 1 integrates the parabola over the whole cell: the outflow is the cell
// mean. At Courant number 0 nothing leaves; for small x the outflow is x times the edge value.
TEST(PpmKernels, OutflowAtCourantOneIsTheCellMean) {
  std::mt19937_64 rng(13);
  std::uniform_real_distribution<double> value(0.0, 2.0);
  for (int n = 0; n < 1000; ++n) {
    const double c = value(rng);
    const Parabola p = monotone_parabola(c, value(rng), value(rng));
    EXPECT_NEAR(outflow_right(p, 1.0), c, 4e-16 * std::max(c, 1.0));
    EXPECT_NEAR(outflow_left(p, 1.0), c, 4e-16 * std::max(c, 1.0));
    EXPECT_EQ(outflow_right(p, 0.0), 0.0);
    EXPECT_EQ(outflow_left(p, 0.0), 0.0);
    EXPECT_NEAR(outflow_right(p, 1e-8) / 1e-8, p.right, 1e-7);
    EXPECT_NEAR(outflow_left(p, 1e-8) / 1e-8, p.left, 1e-7);
  }
}

}  // namespace
}  // namespace airshed::ppm
