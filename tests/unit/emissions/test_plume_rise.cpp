// SPDX-License-Identifier: Apache-2.0
// Briggs plume rise (ISC3 Vol. II section 1.1.4) against hand-computed values, and the vertical spread.
// Hand arithmetic uses g = 9.80616 m/s2 (ISC3). Unless stated, "tight" checks are to 1e-3 relative of
// the hand value (the hand values are rounded to 4-5 digits); checks against the reference note's rounded
// numbers (china-aqi-warnings-emissions.md section 3.1) are to 1.5 %.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <stdexcept>

#include "emissions/plume_rise.hpp"

namespace airshed {
namespace {

constexpr double kTight = 1e-3;

// One 350 MW unit of the reference note: 462 m3/s through a 6.0 m flue, Ts = 323 K.
// vs = 462 / (pi 6^2 / 4) = 462 / 28.274 = 16.340 m/s.
Stack reference_unit(double height = 210.0) {
  const double ds = 6.0;
  return Stack{height, ds, 462.0 / (std::numbers::pi * ds * ds / 4.0), 323.0};
}

StackMet neutral(double ta, double u, double zi = 0.0) {
  return StackMet{u, ta, 0.0, zi};
}

void expect_rel(double actual, double expected, double rel) {
  EXPECT_NEAR(actual, expected, rel * std::abs(expected)) << "expected " << expected;
}

// Fb = g vs ds^2 (Ts - Ta) / (4 Ts) = g (Q/pi) (Ts - Ta)/Ts with Q/pi = 462/pi = 147.056 m3/s:
//   -10 C: 9.80616 * 147.056 * 59.85/323 = 1442.06 * 0.185294 = 267.21   (note: 268)
//     0 C: 1442.06 * 49.85/323 = 1442.06 * 0.154334            = 222.56   (note: 223)
//    25 C: 1442.06 * 24.85/323 = 1442.06 * 0.076935            = 110.95   (note: 112)
// Crossover (Fb >= 55): dTc = 0.00575 * 323 * 16.340^(2/3) / 6^(1/3) = 1.8573 * 6.4399 / 1.8171 = 6.58 K,
// far below Ts - Ta, so buoyant. No downwash: vs = 16.34 >= 1.5 u = 7.5.
// xf = 119 Fb^(2/5); dh = 1.6 Fb^(1/3) xf^(2/3) / u = 1.6 * 119^(2/3) Fb^(3/5) / u = 38.71 Fb^(3/5) / u:
//   -10 C: Fb^0.6 = exp(0.6 ln 267.21) = exp(3.3533) = 28.59 -> dh = 38.71 * 28.59 / 5 = 221.3 m
//     0 C: exp(0.6 ln 222.56) = exp(3.2437) = 25.63           -> dh = 198.3 m
//    25 C: exp(0.6 ln 110.95) = exp(2.8261) = 16.88           -> dh = 130.6 m
// (note: ~220 m winter, ~130 m summer).
TEST(PlumeRise, ReferenceUnitNeutral) {
  struct Case {
    double ta, fb_hand, fb_note, xf_hand, dh_hand;
  };
  const Case cases[] = {{263.15, 267.21, 268.0, 1112.5, 221.29},
                        {273.15, 222.56, 223.0, 1034.0, 198.30},
                        {298.15, 110.95, 112.0, 782.70, 130.59}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.ta);
    const PlumeRise r = briggs_plume_rise(reference_unit(), neutral(c.ta, 5.0));
    expect_rel(r.buoyancy_flux, c.fb_hand, kTight);
    expect_rel(r.buoyancy_flux, c.fb_note, 0.015);
    EXPECT_TRUE(r.buoyant);
    EXPECT_FALSE(r.capped);
    EXPECT_FALSE(r.penetrates_mixing_height);  // zi unknown
    expect_rel(r.distance_to_final_rise, c.xf_hand, kTight);
    expect_rel(r.final_rise, c.dh_hand, kTight);
    EXPECT_DOUBLE_EQ(r.downwash_height, 210.0);
    EXPECT_DOUBLE_EQ(r.effective_height, 210.0 + r.final_rise);
  }
  // Reference note's rounded rises: ~220 m (winter), ~130 m (summer), to 1.5 %.
  expect_rel(briggs_plume_rise(reference_unit(), neutral(263.15, 5.0)).final_rise, 220.0, 0.015);
  expect_rel(briggs_plume_rise(reference_unit(), neutral(298.15, 5.0)).final_rise, 130.0, 0.015);
}

// Stable F (dtheta/dz = 0.035 K/m), u = 2 m/s, Ta = -10 C:
// s = 9.80616 * 0.035 / 263.15 = 1.30426e-3 s^-2; dTc = 0.019582 * 323 * 16.340 * sqrt(s) = 103.35 * 0.036115
//   = 3.73 K < 59.85 K -> buoyant. dh = 2.6 [Fb/(u s)]^(1/3) = 2.6 * (267.21 / 2.6085e-3)^(1/3)
//   = 2.6 * 102437^(1/3) = 2.6 * 46.790 = 121.65 m (note: ~120 m). xf = 2.0715 u / sqrt(s) = 114.72 m.
TEST(PlumeRise, StableBuoyant) {
  const PlumeRise r = briggs_plume_rise(reference_unit(), StackMet{2.0, 263.15, 0.035, 0.0});
  EXPECT_TRUE(r.buoyant);
  expect_rel(r.final_rise, 121.65, kTight);
  expect_rel(r.final_rise, 120.0, 0.015);
  expect_rel(r.distance_to_final_rise, 114.72, kTight);
}

// Momentum-dominated, neutral: ds = 1 m, vs = 20 m/s, Ts = 300 K, Ta = 293 K, u = 4 m/s.
// Fb = 9.80616 * 20 * 1 * 7 / 1200 = 1.1440 (< 55); dTc = 0.0297 * 300 * 20^(1/3) / 1 = 8.91 * 2.7144 = 24.19
// K > 7 K -> momentum: dh = 3 ds vs / u = 3 * 1 * 20 / 4 = 15 m. No downwash (20 >= 6).
TEST(PlumeRise, NeutralMomentum) {
  const PlumeRise r = briggs_plume_rise(Stack{30.0, 1.0, 20.0, 300.0}, neutral(293.0, 4.0));
  expect_rel(r.buoyancy_flux, 1.1440, kTight);
  EXPECT_FALSE(r.buoyant);
  EXPECT_NEAR(r.final_rise, 15.0, 1e-12);
  EXPECT_NEAR(r.effective_height, 45.0, 1e-12);
  EXPECT_EQ(r.distance_to_final_rise, 0.0);
}

// Stable momentum: cold jet Ts = Ta = 293.15 K (Fb = 0), ds = 1 m, vs = 10 m/s, u = 4 m/s.
// Fm = vs^2 ds^2 Ta / (4 Ts) = 100 / 4 = 25 m4/s2; neutral momentum rise 3 * 1 * 10 / 4 = 7.5 m.
//  dtheta/dz = 0.02: s = 9.80616 * 0.02 / 293.15 = 6.6902e-4, sqrt(s) = 0.025866;
//    1.5 (25 / (4 * 0.025866))^(1/3) = 1.5 * 241.63^(1/3) = 1.5 * 6.2285 = 9.34 m > 7.5 -> 7.5 m.
//  dtheta/dz = 0.1: s = 3.3451e-3, sqrt(s) = 0.057837; 1.5 (25 / 0.23135)^(1/3) = 1.5 * 4.7630 = 7.145 m.
TEST(PlumeRise, StableMomentum) {
  const Stack cold{40.0, 1.0, 10.0, 293.15};
  const PlumeRise weak = briggs_plume_rise(cold, StackMet{4.0, 293.15, 0.02, 0.0});
  EXPECT_EQ(weak.buoyancy_flux, 0.0);
  expect_rel(weak.momentum_flux, 25.0, 1e-12);
  EXPECT_FALSE(weak.buoyant);
  EXPECT_NEAR(weak.final_rise, 7.5, 1e-12);
  const PlumeRise strong = briggs_plume_rise(cold, StackMet{4.0, 293.15, 0.1, 0.0});
  expect_rel(strong.final_rise, 7.1447, kTight);
}

// Stack-tip downwash: hs = 50 m, ds = 2 m, vs = 5 m/s, u = 10 m/s: vs < 1.5 u = 15 ->
// hs' = 50 + 2 * 2 * (5/10 - 1.5) = 50 - 4 = 46 m. Ts = Ta -> momentum rise 3 * 2 * 5 / 10 = 3 m; he = 49 m.
TEST(PlumeRise, StackTipDownwash) {
  const PlumeRise r = briggs_plume_rise(Stack{50.0, 2.0, 5.0, 290.0}, neutral(290.0, 10.0));
  EXPECT_NEAR(r.downwash_height, 46.0, 1e-12);
  EXPECT_NEAR(r.final_rise, 3.0, 1e-12);
  EXPECT_NEAR(r.effective_height, 49.0, 1e-12);
}

// Weil cap: the -10 C neutral case (dh = 221.29 m) with zi = 400 m and hs = 210 m:
// cap = 0.62 * (400 - 210) = 117.8 m < 221.29 -> he = 327.8 m < zi, not penetrating.
TEST(PlumeRise, WeilCapAndPenetration) {
  const PlumeRise capped = briggs_plume_rise(reference_unit(), neutral(263.15, 5.0, 400.0));
  EXPECT_TRUE(capped.capped);
  EXPECT_NEAR(capped.final_rise, 117.8, 1e-9);
  EXPECT_NEAR(capped.effective_height, 327.8, 1e-9);
  EXPECT_FALSE(capped.penetrates_mixing_height);
  // Deep mixed layer: 0.62 * (1000 - 210) = 489.8 > 221.29, no cap.
  const PlumeRise deep = briggs_plume_rise(reference_unit(), neutral(263.15, 5.0, 1000.0));
  EXPECT_FALSE(deep.capped);
  expect_rel(deep.final_rise, 221.29, kTight);
  // Stack above a shallow mixed layer (zi = 150 m < hs): no cap, plume placed above zi.
  const PlumeRise above = briggs_plume_rise(reference_unit(), neutral(263.15, 5.0, 150.0));
  EXPECT_FALSE(above.capped);
  EXPECT_TRUE(above.penetrates_mixing_height);
  expect_rel(above.effective_height, 431.29, kTight);
  // Stable: no Weil cap; he = 210 + 121.65 = 331.65 m above a 250 m nocturnal layer.
  const PlumeRise night = briggs_plume_rise(reference_unit(), StackMet{2.0, 263.15, 0.035, 250.0});
  EXPECT_FALSE(night.capped);
  EXPECT_TRUE(night.penetrates_mixing_height);
  expect_rel(night.effective_height, 331.65, kTight);
}

// Gradual rise 1.6 Fb^(1/3) x^(2/3) / u: equals the final rise at x = xf (same formula), a quarter of it at
// xf / 8 ((1/8)^(2/3) = 1/4), and never more than the final rise beyond xf.
TEST(PlumeRise, GradualRise) {
  const PlumeRise r = briggs_plume_rise(reference_unit(), neutral(263.15, 5.0));
  const double fb = r.buoyancy_flux, xf = r.distance_to_final_rise, dh = r.final_rise;
  expect_rel(briggs_gradual_rise(fb, xf, 5.0, dh), dh, 1e-9);
  expect_rel(briggs_gradual_rise(fb, xf / 8.0, 5.0, dh), dh / 4.0, 1e-9);
  EXPECT_EQ(briggs_gradual_rise(fb, 3.0 * xf, 5.0, dh), dh);
  EXPECT_EQ(briggs_gradual_rise(fb, 0.0, 5.0, dh), 0.0);
}

TEST(PlumeRise, RejectsBadInput) {
  EXPECT_THROW(briggs_plume_rise(Stack{100.0, 0.0, 10.0, 400.0}, neutral(290.0, 5.0)), std::invalid_argument);
  EXPECT_THROW(briggs_plume_rise(Stack{100.0, 2.0, 10.0, 400.0}, neutral(290.0, 0.0)), std::invalid_argument);
  EXPECT_THROW(briggs_plume_rise(Stack{100.0, 2.0, 10.0, 400.0}, neutral(0.0, 5.0)), std::invalid_argument);
}

double ordered_sum(const std::vector<std::pair<int, double>>& f) {
  double s = 0.0;
  for (const auto& [k, x] : f) s += x;
  return s;
}

// Layers 0/40/120/300/600/1100/2000 m.
VerticalLayers test_layers() {
  return VerticalLayers({0.0, 40.0, 120.0, 300.0, 600.0, 1100.0, 2000.0});
}

TEST(PlumeLayerFractions, OverlapFractions) {
  // he = 500, depth = 300 -> [350, 650]: layer 3 (300-600) gets 250/300, layer 4 (600-1100) 50/300.
  const auto f = plume_layer_fractions(test_layers(), 500.0, 300.0);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].first, 3);
  EXPECT_EQ(f[1].first, 4);
  EXPECT_NEAR(f[0].second, 250.0 / 300.0, 1e-15);
  EXPECT_NEAR(f[1].second, 50.0 / 300.0, 1e-15);
  EXPECT_EQ(ordered_sum(f), 1.0);
  // Clipped at the ground: he = 20, depth = 100 -> [0, 70]: 40/70 and 30/70.
  const auto g = plume_layer_fractions(test_layers(), 20.0, 100.0);
  ASSERT_EQ(g.size(), 2u);
  EXPECT_NEAR(g[0].second, 40.0 / 70.0, 1e-15);
  EXPECT_NEAR(g[1].second, 30.0 / 70.0, 1e-15);
  EXPECT_EQ(ordered_sum(g), 1.0);
  // Clipped at the model top: he = 1900, depth = 400 -> [1700, 2000], all in layer 5.
  const auto t = plume_layer_fractions(test_layers(), 1900.0, 400.0);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].first, 5);
  EXPECT_EQ(t[0].second, 1.0);
  // Zero depth: the layer holding he.
  const auto z = plume_layer_fractions(test_layers(), 310.0, 0.0);
  ASSERT_EQ(z.size(), 1u);
  EXPECT_EQ(z[0].first, 3);
}

TEST(PlumeLayerFractions, ExactSumAndMassConservationOverManyPlumes) {
  // Stretched column and many awkward heights/depths: in-order sum exactly 1, mass spread conserved.
  const VerticalLayers layers = VerticalLayers::stretched(20, 20.0, 5000.0);
  const double mass = 123.456789;  // kg/h
  for (int i = 0; i < 500; ++i) {
    const double he = 1.0 + 4900.0 * std::fmod(i * 0.6180339887, 1.0);
    const double depth = 1000.0 * std::fmod(i * 0.4142135623, 1.0);
    const auto f = plume_layer_fractions(layers, he, depth);
    ASSERT_FALSE(f.empty());
    EXPECT_EQ(ordered_sum(f), 1.0) << "he " << he << " depth " << depth;
    double spread = 0.0;
    for (const auto& [k, x] : f) {
      EXPECT_GE(x, 0.0);
      EXPECT_GE(k, 0);
      EXPECT_LT(k, layers.nz());
      spread += mass * x;
    }
    EXPECT_NEAR(spread, mass, 1e-12 * mass);
  }
}

TEST(PlumeLayerFractions, AboveModelTopIsAnError) {
  EXPECT_THROW(plume_layer_fractions(test_layers(), 2000.0, 100.0), std::invalid_argument);
  EXPECT_THROW(plume_layer_fractions(test_layers(), 2500.0, 100.0), std::invalid_argument);
  EXPECT_THROW(plume_layer_fractions(test_layers(), -1.0, 100.0), std::invalid_argument);
}

}  // namespace
}  // namespace airshed
