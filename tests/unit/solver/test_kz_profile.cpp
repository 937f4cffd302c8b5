// SPDX-License-Identifier: Apache-2.0
// The HB93 eddy-diffusivity profile (met/kz_profile.hpp; Holtslag & Boville 1993, J. Climate 6, 1825) that
// the vertical diffusion consumes. Kept with the solver tests because it is the solver's input;
// tests/unit/met covers the idealised meteorology.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/constants.hpp"
#include "met/kz_profile.hpp"

namespace airshed {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Neutral (L = infinity, no convective velocity): phi_h(0) = 1, so K = kappa u* z (1 - z/h)^2 (HB93 eq. 3.3).
TEST(KzProfile, NeutralProfileIsKappaUstarZTimesTheShapeFunction) {
  const KzOptions opt;
  for (double h : {500.0, 1500.0})
    for (double ustar : {0.2, 0.6})
      for (double z : {10.0, 50.0, 0.3 * h, 0.6 * h}) {
        const double expected = constants::von_karman * ustar * z * (1.0 - z / h) * (1.0 - z / h);
        ASSERT_GT(expected, opt.kz_min);
        EXPECT_DOUBLE_EQ(kz_similarity(z, h, ustar, kInf, 0.0, opt), expected) << "z=" << z << " h=" << h;
      }
  EXPECT_TRUE(std::isinf(obukhov_length(0.4, 290.0, 1.2, 0.0)));
  EXPECT_EQ(phi_heat(0.0), 1.0);
  EXPECT_EQ(phi_momentum(0.0), 1.0);
}

// Stable (L > 0): w_t = u* / phi_h(z/L) with phi_h = 1 + 5 z/L.
TEST(KzProfile, StableProfileIsDividedByPhiH) {
  const double z = 40.0, h = 300.0, ustar = 0.3, l = 100.0;
  const double expected =
      constants::von_karman * ustar / (1.0 + 5.0 * z / l) * z * (1.0 - z / h) * (1.0 - z / h);
  EXPECT_NEAR(kz_similarity(z, h, ustar, l, 0.0, KzOptions{}), expected, 1e-14 * expected);
}

TEST(KzProfile, FloorAboveTheBoundaryLayerAndCap) {
  KzOptions opt;
  opt.kz_min = 0.25;
  opt.kz_max = 50.0;
  EXPECT_EQ(kz_similarity(1000.0, 1000.0, 0.5, kInf, 0.0, opt), 0.25);          // at h
  EXPECT_EQ(kz_similarity(3000.0, 1000.0, 0.5, kInf, 0.0, opt), 0.25);          // above h
  EXPECT_EQ(kz_similarity(999.9, 1000.0, 0.5, kInf, 0.0, opt), 0.25);           // shape -> 0 near h: floored
  EXPECT_NEAR(kz_similarity(100.0, 1000.0, 0.5, kInf, 0.0, opt), 16.2, 1e-12);  // 0.4 * 0.5 * 100 * 0.9^2
  EXPECT_EQ(kz_similarity(300.0, 3000.0, 2.0, kInf, 0.0, opt), 50.0);           // 194 m2 s-1, capped
  EXPECT_EQ(kz_similarity(100.0, 0.0, 0.5, kInf, 0.0, opt), 0.25);              // no boundary layer
}

}  // namespace
}  // namespace airshed
