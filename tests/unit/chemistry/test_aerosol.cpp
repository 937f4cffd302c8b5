// SPDX-License-Identifier: Apache-2.0
// Aerosol thermodynamics: sulfate formation, the ammonium nitrate constant against published values, the
// inorganic split (equilibrium, conservation, sulfate first, evaporation), and absorptive SOA partitioning.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "chemistry/aerosol.hpp"

namespace airshed::chem {
namespace {

constexpr double R = 8.314462618;  // J mol-1 K-1

// ------------------------------------------------------------------------------------------------ sulfate

TEST(Sulfate, SulfuricAcidCondensesCompletely) {
  double h2so4[3] = {1e-9, 0.0, 3e-8};
  double so4[3] = {2e-8, 5e-9, 0.0};
  condense_sulfuric_acid(3, h2so4, so4);
  EXPECT_EQ(so4[0], 2e-8 + 1e-9);
  EXPECT_EQ(so4[1], 5e-9);
  EXPECT_EQ(so4[2], 3e-8);
  for (double h : h2so4) EXPECT_EQ(h, 0.0);
}

TEST(Sulfate, DmatAqueousRate) {
  // k = 1e-6 s-1 K-1 [max(RH - 0.5, 0) + f_cloud] (T - 270 K), written out.
  EXPECT_DOUBLE_EQ(so2_aqueous_oxidation_rate(280.0, 0.9, 0.0), 1e-6 * 0.4 * 10.0);
  EXPECT_DOUBLE_EQ(so2_aqueous_oxidation_rate(290.0, 0.95, 0.5), 1e-6 * (0.45 + 0.5) * 20.0);
  EXPECT_EQ(so2_aqueous_oxidation_rate(290.0, 0.4, 0.0), 0.0);  // dry, cloud free
  EXPECT_EQ(so2_aqueous_oxidation_rate(265.0, 1.0, 1.0), 0.0);  // frozen
  EXPECT_EQ(so2_aqueous_oxidation_rate(270.0, 1.0, 1.0), 0.0);
  // 280 K, saturated and overcast: 1.5e-5 s-1, 5.4 % per hour.
  EXPECT_NEAR(so2_aqueous_oxidation_rate(280.0, 1.0, 1.0) * 3600.0, 0.054, 1e-12);
  // Monotone in RH and cloud.
  EXPECT_LT(so2_aqueous_oxidation_rate(285.0, 0.7, 0.1), so2_aqueous_oxidation_rate(285.0, 0.8, 0.1));
  EXPECT_LT(so2_aqueous_oxidation_rate(285.0, 0.7, 0.1), so2_aqueous_oxidation_rate(285.0, 0.7, 0.3));
}

TEST(Sulfate, OxidationIsExactAndConservesSulfur) {
  const int n = 4;
  const double t[n] = {280.0, 300.0, 260.0, 285.0}, rh[n] = {0.9, 0.6, 0.9, 0.3},
               cf[n] = {0.0, 1.0, 1.0, 0.0};
  double k[n];
  so2_aqueous_oxidation_rates(n, t, rh, cf, k);
  double so2[n] = {4e-7, 1e-7, 2e-7, 3e-7}, so4[n] = {1e-8, 0.0, 5e-8, 2e-8};
  const double so2_0[n] = {so2[0], so2[1], so2[2], so2[3]}, so4_0[n] = {so4[0], so4[1], so4[2], so4[3]};
  const double dt = 600.0;
  oxidise_so2(n, dt, k, so2, so4);
  for (int c = 0; c < n; ++c) {
    EXPECT_EQ(k[c], so2_aqueous_oxidation_rate(t[c], rh[c], cf[c]));
    EXPECT_NEAR(so2[c], so2_0[c] * std::exp(-k[c] * dt), 1e-15 * so2_0[c]);
    EXPECT_NEAR(so2[c] + so4[c], so2_0[c] + so4_0[c], 1e-15 * (so2_0[c] + so4_0[c]));
  }
  EXPECT_EQ(so2[2], so2_0[2]);  // frozen: nothing converted
  EXPECT_EQ(so2[3], so2_0[3]);  // dry: nothing converted
}

// -------------------------------------------------------------------------------------- ammonium nitrate

TEST(AmmoniumNitrate, DissociationConstantAgainstPublishedValues) {
  // Mozurkewich (1993) written out: ln Kp = 118.87 - 24084/T - 6.025 ln T [nbar^2]; 41.5 nbar^2 at 298 K.
  EXPECT_NEAR(nh4no3_kp_solid(298.0), std::exp(118.87 - 24084.0 / 298.0 - 6.025 * std::log(298.0)), 1e-13);
  EXPECT_NEAR(nh4no3_kp_solid(298.0), 41.52, 0.01);
  // Published 298.15 K constants of the same equilibrium in atm^2, as listed side by side in the ISORROPIA
  // source (Nenes et al. 1998): XK10 = 5.746e-17 (ISORROPIA) and 2.985e-17 (SEQUILIB). Mozurkewich lies
  // between.
  const double nbar_in_atm = 1e-9 / 1.01325;
  const double kp_atm2 = nh4no3_kp_solid(298.15) * nbar_in_atm * nbar_in_atm;
  EXPECT_GT(kp_atm2, 2.985e-17);
  EXPECT_LT(kp_atm2, 5.746e-17);
  // Reaction enthalpy: ISORROPIA's temperature dependence,
  //   K(T) = K0 exp[-74.38 (T0/T - 1) + 6.12 (1 + ln(T0/T) - T0/T)],
  // has d ln K/dT = 74.38/T0 at T0 = 298.15 K; Mozurkewich's 24084/T^2 - 6.025/T agrees within 1 %.
  const double t0 = 298.15, h = 0.01;
  const double slope = (std::log(nh4no3_kp_solid(t0 + h)) - std::log(nh4no3_kp_solid(t0 - h))) / (2 * h);
  EXPECT_NEAR(slope, 74.38 / t0, 0.01 * 74.38 / t0);
}

TEST(AmmoniumNitrate, DeliquescenceAndAqueousConstant) {
  // DRH(298 K) = 61.8 % (Seinfeld & Pandis 2006 Table 10.1 lists NH4NO3 at 0.618).
  EXPECT_NEAR(nh4no3_deliquescence_rh(298.0), 0.618, 0.0005);
  EXPECT_NEAR(nh4no3_deliquescence_rh(298.0), std::exp(723.7 / 298.0 + 1.6954) / 100.0, 1e-15);
  EXPECT_GT(nh4no3_deliquescence_rh(273.0), nh4no3_deliquescence_rh(298.0));  // higher DRH when cold
  // Below the DRH the solid constant, above it Mozurkewich's aqueous expression (written out).
  const double t = 285.0;
  EXPECT_EQ(nh4no3_kp(t, 0.3), nh4no3_kp_solid(t));
  const double rh = 0.85, d = 1.0 - rh;
  const double p1 = std::exp(-135.94 + 8763.0 / t + 19.12 * std::log(t));
  const double p2 = std::exp(-122.65 + 9969.0 / t + 16.22 * std::log(t));
  const double p3 = std::exp(-182.61 + 13875.0 / t + 24.46 * std::log(t));
  const double expected = (p1 - p2 * d + p3 * d * d) * std::pow(d, 1.75) * nh4no3_kp_solid(t);
  EXPECT_NEAR(nh4no3_kp(t, rh), expected, 1e-13 * expected);
  EXPECT_LT(nh4no3_kp(t, rh), nh4no3_kp_solid(t));  // the solution holds more nitrate
  // Nearly continuous at the DRH between 270 and 310 K (the fits were made to match there).
  for (double tt : {270.0, 280.0, 290.0, 300.0, 310.0}) {
    const double drh = nh4no3_deliquescence_rh(tt);
    EXPECT_NEAR(nh4no3_kp(tt, drh + 1e-9) / nh4no3_kp_solid(tt), 1.0, 0.07) << tt;
  }
  // RH is limited to 0.99.
  EXPECT_EQ(nh4no3_kp(t, 1.0), nh4no3_kp(t, nh4no3_max_rh));
  EXPECT_GT(nh4no3_kp(t, 1.0), 0.0);
  // Concentration form: Kc = Kp (1e-4 Pa)^2 / (R T)^2.
  EXPECT_NEAR(nh4no3_kc(t, 0.5), nh4no3_kp(t, 0.5) * 1e-8 / (R * t * R * t), 1e-15 * nh4no3_kc(t, 0.5));
}

struct Cell {
  double t, rh, so4, nh3, nh4, hno3, no3;
};

void partition(std::vector<Cell>& cells) {
  const int n = static_cast<int>(cells.size());
  std::vector<double> t(n), rh(n), so4(n), nh3(n), nh4(n), hno3(n), no3(n);
  for (int c = 0; c < n; ++c) {
    t[c] = cells[c].t;
    rh[c] = cells[c].rh;
    so4[c] = cells[c].so4;
    nh3[c] = cells[c].nh3;
    nh4[c] = cells[c].nh4;
    hno3[c] = cells[c].hno3;
    no3[c] = cells[c].no3;
  }
  partition_inorganic(n, t.data(), rh.data(), so4.data(), nh3.data(), nh4.data(), hno3.data(), no3.data());
  for (int c = 0; c < n; ++c) {
    EXPECT_EQ(so4[c], cells[c].so4);
    cells[c].nh3 = nh3[c];
    cells[c].nh4 = nh4[c];
    cells[c].hno3 = hno3[c];
    cells[c].no3 = no3[c];
  }
}

TEST(AmmoniumNitrate, EquilibriumProductWhenBothInExcess) {
  // 1 ppb at 285 K and 86.5 kPa is 3.65e-8 mol m-3; totals of ~10 ppb NH3 and HNO3 form NH4NO3.
  std::vector<Cell> cells = {
      {285.0, 0.40, 1e-8, 4e-7, 0.0, 3e-7, 0.0},    // solid NH4NO3, gas only at start
      {275.0, 0.85, 2e-8, 1e-7, 2e-7, 5e-8, 2e-7},  // aqueous, mixed start
      {268.0, 0.50, 0.0, 2e-7, 0.0, 2e-7, 0.0},     // cold, no sulfate
      {295.0, 0.70, 5e-9, 6e-7, 1e-8, 4e-7, 1e-8},  // just above the DRH
  };
  const std::vector<Cell> before = cells;
  partition(cells);
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const Cell& a = cells[c];
    const double kc = nh4no3_kc(a.t, a.rh);
    EXPECT_GT(a.no3, 0.0) << c;
    EXPECT_NEAR(a.nh3 * a.hno3, kc, 1e-10 * kc) << c;
    // Ammonium balances sulfate (2 per SO4--) and nitrate (1 per NO3-).
    EXPECT_NEAR(a.nh4, 2.0 * a.so4 + a.no3, 1e-14 * a.nh4) << c;
    EXPECT_NEAR(a.nh3 + a.nh4, before[c].nh3 + before[c].nh4, 1e-14 * (before[c].nh3 + before[c].nh4));
    EXPECT_NEAR(a.hno3 + a.no3, before[c].hno3 + before[c].no3, 1e-14 * (before[c].hno3 + before[c].no3));
  }
}

TEST(AmmoniumNitrate, NitrogenConservedToRoundOff) {
  std::vector<Cell> cells;
  for (int i = 0; i < 200; ++i) {
    const double f = (i * 0.6180339887) - std::floor(i * 0.6180339887);
    const double g = (i * 0.7548776662) - std::floor(i * 0.7548776662);
    cells.push_back({255.0 + 50.0 * f, 0.05 + 0.95 * g, 3e-7 * g * f, 8e-7 * f, 2e-7 * g, 5e-7 * (1 - f),
                     1e-7 * (1 - g)});
  }
  const std::vector<Cell> before = cells;
  partition(cells);
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const double ta = before[c].nh3 + before[c].nh4, tn = before[c].hno3 + before[c].no3;
    EXPECT_NEAR(cells[c].nh3 + cells[c].nh4, ta, 1e-14 * ta) << c;
    EXPECT_NEAR(cells[c].hno3 + cells[c].no3, tn, 1e-14 * tn) << c;
    for (double v : {cells[c].nh3, cells[c].nh4, cells[c].hno3, cells[c].no3}) EXPECT_GE(v, 0.0) << c;
    EXPECT_LE(cells[c].nh3 * cells[c].hno3, nh4no3_kc(cells[c].t, cells[c].rh) * (1 + 1e-10)) << c;
  }
}

TEST(AmmoniumNitrate, SulfateIsNeutralisedFirst) {
  // Sulfate-rich: 2 SO4-- exceeds the total ammonia: all of it is ammonium sulfate, no nitrate at all, even
  // when cold and humid with plenty of HNO3.
  std::vector<Cell> cells = {{270.0, 0.9, 3e-7, 2e-7, 1e-7, 5e-7, 1e-7},
                             {290.0, 0.5, 1e-7, 2e-7, 0.0, 3e-7, 0.0}};  // exactly neutral
  partition(cells);
  EXPECT_EQ(cells[0].nh3, 0.0);
  EXPECT_NEAR(cells[0].nh4, 3e-7, 1e-22);
  EXPECT_EQ(cells[0].no3, 0.0);
  EXPECT_NEAR(cells[0].hno3, 6e-7, 1e-22);
  EXPECT_EQ(cells[1].nh3, 0.0);
  EXPECT_EQ(cells[1].no3, 0.0);
  EXPECT_EQ(cells[1].hno3, 3e-7);
}

TEST(AmmoniumNitrate, NoNitrateWhenTheProductIsBelowKp) {
  // Warm and dry (below the DRH): with NH3 x HNO3 < Kp(solid) particulate nitrate evaporates completely.
  const double t = 303.0, rh = 0.3;
  ASSERT_LT(rh, nh4no3_deliquescence_rh(t));
  const double kc = nh4no3_kc(t, rh);
  const double a = 0.5 * std::sqrt(kc);  // product of the totals 0.25 Kc
  std::vector<Cell> cells = {{t, rh, 0.0, 0.5 * a, 0.5 * a, 0.5 * a, 0.5 * a}};
  partition(cells);
  EXPECT_EQ(cells[0].no3, 0.0);
  EXPECT_EQ(cells[0].nh4, 0.0);
  EXPECT_NEAR(cells[0].nh3, a, 1e-15 * a);
  EXPECT_NEAR(cells[0].hno3, a, 1e-15 * a);
  // The same totals at 265 K, where Kp is ~4 orders smaller, do form nitrate.
  std::vector<Cell> cold = {{265.0, rh, 0.0, 0.5 * a, 0.5 * a, 0.5 * a, 0.5 * a}};
  partition(cold);
  EXPECT_GT(cold[0].no3, 0.5 * a);
}

// --------------------------------------------------------------------------------------------------- SOA

TEST(Soa, Soap22Data) {
  const auto& pairs = soap22_pairs();
  ASSERT_EQ(pairs.size(), 4u);
  const double c300_ug[] = {14.0, 0.31, 26.0, 0.45}, dh_kj[] = {116.0, 147.0, 118.0, 123.0};
  const double mw_g[] = {150.0, 150.0, 180.0, 180.0};
  for (int i = 0; i < 4; ++i) {
    EXPECT_DOUBLE_EQ(pairs[i].c_star_ref, c300_ug[i] * 1e-9);
    EXPECT_EQ(pairs[i].reference_temperature, 300.0);
    EXPECT_DOUBLE_EQ(pairs[i].enthalpy_vaporisation, dh_kj[i] * 1e3);
    EXPECT_DOUBLE_EQ(pairs[i].molar_mass, mw_g[i] * 1e-3);
    EXPECT_DOUBLE_EQ(saturation_concentration(pairs[i], 300.0), pairs[i].c_star_ref);
  }
  // C*(T) = C*(300) (300/T) exp[(dH/R)(1/300 - 1/T)], written out: colder is less volatile.
  const double t = 275.0;
  const double expected = 14e-9 * (300.0 / t) * std::exp(116e3 / R * (1.0 / 300.0 - 1.0 / t));
  EXPECT_NEAR(saturation_concentration(pairs[0], t), expected, 1e-14 * expected);
  EXPECT_LT(saturation_concentration(pairs[0], t), 0.1 * pairs[0].c_star_ref);
  // Yields of the reference notes (toluene, high and low NOx; terpenes non-volatile).
  const auto& y = soap22_yields();
  ASSERT_EQ(y.size(), 6u);
  EXPECT_EQ(y[1].high_nox[0], 0.187);
  EXPECT_EQ(y[1].low_nox[2], 0.109);
  EXPECT_EQ(y[4].high_nox[2], 0.0433);
  EXPECT_EQ(y[3].more_volatile_pair, 2);
  EXPECT_EQ(y[0].less_volatile_pair, 1);
}

struct SoaCase {
  std::vector<double> c_star, gas, particle;  // [pair * width + cell]
  std::vector<double> absorbing, c_oa;
  int width = 0, pairs = 0;
};

SoaCase make_case(const std::vector<double>& c_star_per_pair, const std::vector<double>& totals,
                  const std::vector<double>& absorbing) {
  SoaCase s;
  s.width = static_cast<int>(absorbing.size());
  s.pairs = static_cast<int>(c_star_per_pair.size());
  s.absorbing = absorbing;
  s.c_oa.assign(s.width, -1.0);
  for (int i = 0; i < s.pairs; ++i)
    for (int c = 0; c < s.width; ++c) {
      s.c_star.push_back(c_star_per_pair[i]);
      s.gas.push_back(0.7 * totals[i]);  // start out of equilibrium
      s.particle.push_back(0.3 * totals[i]);
    }
  partition_soa(s.width, s.pairs, s.c_star.data(), s.absorbing.data(), s.gas.data(), s.particle.data(),
                s.c_oa.data());
  return s;
}

TEST(Soa, AllGasWhenLittleOrganicAndHighVolatility) {
  // 0.001 ug m-3 of POA and 0.1 ug m-3 of each of the two volatile pairs (C* = 14 and 26 ug m-3).
  const SoaCase s = make_case({14e-9, 26e-9}, {0.1e-9, 0.1e-9}, {1e-12});
  for (int i = 0; i < 2; ++i) EXPECT_LT(s.particle[i] / (s.gas[i] + s.particle[i]), 1e-3);
  EXPECT_LT(s.c_oa[0], 2e-12);
  // No absorbing phase at all and sum C_tot/C* < 1: no organic phase forms.
  const SoaCase none = make_case({14e-9, 26e-9}, {1e-9, 1e-9}, {0.0});
  EXPECT_LT(none.c_oa[0], 1e-20);
  for (int i = 0; i < 2; ++i) EXPECT_LT(none.particle[i], 1e-20);
}

TEST(Soa, NearlyAllParticulateWhenOrganicMassIsLarge) {
  const std::vector<double> cs = {14e-9, 0.31e-9, 26e-9, 0.45e-9};
  const SoaCase s = make_case(cs, {5e-9, 2e-9, 5e-9, 2e-9}, {100e-6});  // 100 mg m-3 absorbing
  for (int i = 0; i < 4; ++i) EXPECT_GT(s.particle[i] / (s.gas[i] + s.particle[i]), 0.9997) << i;
  // Self-nucleation without POA when sum C_tot/C* > 1.
  const SoaCase self = make_case({0.31e-9}, {3e-9}, {0.0});
  EXPECT_NEAR(self.c_oa[0], 3e-9 - 0.31e-9, 1e-12 * 3e-9);  // M = T - C* for one pair
}

TEST(Soa, EquilibriumPerPairAndConservation) {
  // Four cells of the block: typical urban OA (2 ug m-3 POA), clean, heavy haze, cold night.
  const std::vector<double> t = {298.0, 288.0, 270.0, 255.0};
  const std::vector<double> absorbing = {2e-9, 0.05e-9, 40e-9, 5e-9};
  const std::vector<double> totals = {5e-9, 1e-9, 8e-9, 0.5e-9};
  const int width = 4, n = 4;
  std::vector<double> c_star(n * width), gas(n * width), particle(n * width), c_oa(width);
  for (int i = 0; i < n; ++i)
    for (int c = 0; c < width; ++c) {
      c_star[i * width + c] = saturation_concentration(soap22_pairs()[i], t[c]);
      gas[i * width + c] = totals[i] * (1.0 + 0.1 * c);
      particle[i * width + c] = 0.0;
    }
  partition_soa(width, n, c_star.data(), absorbing.data(), gas.data(), particle.data(), c_oa.data());
  for (int c = 0; c < width; ++c) {
    double m = absorbing[c];
    for (int i = 0; i < n; ++i) m += particle[i * width + c];
    EXPECT_NEAR(c_oa[c], m, 1e-12 * m) << c;
    for (int i = 0; i < n; ++i) {
      const int k = i * width + c;
      const double total = totals[i] * (1.0 + 0.1 * c);
      EXPECT_NEAR(gas[k] + particle[k], total, 1e-15 * total) << c << " " << i;
      EXPECT_NEAR(particle[k], total / (1.0 + c_star[k] / m), 1e-10 * total) << c << " " << i;
    }
  }
  // The block result equals cell-by-cell results (each cell depends only on itself) and is repeatable.
  for (int c = 0; c < width; ++c) {
    std::vector<double> cs1(n), g1(n), p1(n);
    double m1 = 0.0;
    for (int i = 0; i < n; ++i) {
      cs1[i] = c_star[i * width + c];
      g1[i] = totals[i] * (1.0 + 0.1 * c);
      p1[i] = 0.0;
    }
    partition_soa(1, n, cs1.data(), &absorbing[c], g1.data(), p1.data(), &m1);
    EXPECT_EQ(m1, c_oa[c]);
    for (int i = 0; i < n; ++i) EXPECT_EQ(p1[i], particle[i * width + c]);
  }
}

}  // namespace
}  // namespace airshed::chem
