// SPDX-License-Identifier: Apache-2.0
// Rate laws and fixed concentrations at 298.15 K and 101325 Pa against published values and against the
// formulas written out here a second time. Reference values: /work/shared/reference/chemistry-numerics.md
// (sections 1.1 and 2.1) unless stated otherwise.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "chemistry/mechanism_file.hpp"
#include "chemistry/rate_constants.hpp"
#include "core/error.hpp"

namespace airshed::chem {
namespace {

constexpr double kT = 298.15;
constexpr double kP = 101325.0;

const Reaction& reaction(const Mechanism& m, const std::string& label) {
  const auto it = std::find_if(m.reactions.begin(), m.reactions.end(),
                               [&](const Reaction& r) { return r.label == label; });
  if (it == m.reactions.end()) throw std::out_of_range("no reaction " + label);
  return *it;
}

/// k of a thermal reaction of a built-in mechanism at (T, p).
double k_of(const Mechanism& m, const std::string& label, double temperature = kT, double pressure = kP) {
  return rate_constant(reaction(m, label).rate, temperature, air_number_density(pressure, temperature),
                       nullptr);
}

/// The CMAQ/JPL fall-off formula written out independently of chemistry/rate_constants.cpp.
double falloff(double k0, double kinf, double F, double n, double m) {
  const double x = std::log10(k0 * m / kinf) / n;
  return k0 * m / (1.0 + k0 * m / kinf) * std::pow(F, 1.0 / (1.0 + x * x));
}

TEST(RateConstants, AirNumberDensity) {
  // 2.4615e19 cm-3 at 298.15 K and 101325 Pa (reference section 2.1).
  EXPECT_NEAR(air_number_density(kP, kT), 2.4615e19, 0.0001e19);
  // 2.4627e19 at 298 K and 1 atm (reference section 1.1).
  EXPECT_NEAR(air_number_density(kP, 298.0), 2.4627e19, 0.0001e19);
}

TEST(RateConstants, ArrheniusTerm) {
  const ArrheniusTerm t{2.0e-12, -1.5, 300.0, 1};
  const double m = 2.0e19;
  EXPECT_DOUBLE_EQ(arrhenius(t, 250.0, m),
                   2.0e-12 * std::pow(250.0 / 300.0, -1.5) * std::exp(300.0 / 250.0) * m);
  const ArrheniusTerm inverse{5.0, 0.0, 0.0, -1};
  EXPECT_DOUBLE_EQ(arrhenius(inverse, 250.0, m), 5.0 / m);
}

TEST(RateConstants, Cb05Thermal) {
  const Mechanism cb05 = load_mechanism("cb05-core");
  const double m = air_number_density(kP, kT);
  // R3 O3 + NO: 3.0e-12 exp(-1500/T) = 1.960e-14 at 298.15 K (reference section 2.1).
  EXPECT_NEAR(k_of(cb05, "R3"), 1.960e-14, 0.001e-14);
  // R34 HO2 + HO2: 2.3e-13 exp(600/T) + 1.7e-33 exp(1000/T) [M].
  EXPECT_NEAR(k_of(cb05, "R34"), 2.3e-13 * std::exp(600.0 / kT) + 1.7e-33 * std::exp(1000.0 / kT) * m, 1e-25);
  // R65 OH + CO: 1.44e-13 + 3.43e-33 [M].
  EXPECT_NEAR(k_of(cb05, "R65"), 1.44e-13 + 3.43e-33 * m, 1e-26);
  // R114 ROR -> HO2: a constant 1.6e3 s-1.
  EXPECT_DOUBLE_EQ(k_of(cb05, "R114"), 1.6e3);
}

TEST(RateConstants, Cb05FallOff) {
  const Mechanism cb05 = load_mechanism("cb05-core");
  const double m = air_number_density(kP, kT);
  // R28 OH + NO2 (CMAQ cb05e51, IUPAC-based): k0 = 3.2e-30 (T/300)^-4.5, kinf = 3.0e-11, F = 0.41, n = 1.24.
  const double k28 = falloff(3.2e-30 * std::pow(kT / 300.0, -4.5), 3.0e-11, 0.41, 1.24, m);
  EXPECT_NEAR(k28, 9.882e-12, 0.001e-12);  // computed independently in Python for this test
  EXPECT_NEAR(k_of(cb05, "R28"), k28, 1e-15 * k28);
  // JPL Publication 15-10 (Burkholder et al. 2015), OH + NO2 + M: k0 = 1.8e-30 (T/300)^-3.0, kinf = 2.8e-11
  // with Fc = 0.6 gives 1.06e-11 at 298 K, 1 atm; CB05 agrees within 10 %.
  const double jpl = falloff(1.8e-30 * std::pow(kT / 300.0, -3.0), 2.8e-11, 0.6, 1.0, m);
  EXPECT_NEAR(jpl, 1.059e-11, 0.001e-11);
  EXPECT_NEAR(k_of(cb05, "R28") / jpl, 1.0, 0.1);

  // R89 PAN -> C2O3 + NO2: k0 = 4.9e-3 exp(-12100/T), kinf = 5.4e16 exp(-13830/T), F = 0.3, n = 1.41;
  // 3.05e-4 s-1, a PAN lifetime of about 55 min at 298 K.
  const double k89 =
      falloff(4.9e-3 * std::exp(-12100.0 / kT), 5.4e16 * std::exp(-13830.0 / kT), 0.3, 1.41, m);
  EXPECT_NEAR(k89, 3.054e-4, 0.001e-4);
  EXPECT_NEAR(k_of(cb05, "R89"), k89, 1e-12 * k89);

  // R21 N2O5 -> NO3 + NO2 with both (T/300) and exp terms.
  const double k21 = falloff(1.0e-3 * std::pow(kT / 300.0, -3.5) * std::exp(-11000.0 / kT),
                             9.7e14 * std::pow(kT / 300.0, 0.1) * std::exp(-11080.0 / kT), 0.45, 1.0, m);
  EXPECT_NEAR(k_of(cb05, "R21"), k21, 1e-12 * k21);
}

TEST(RateConstants, GrsConvertedFromPpmMinutes) {
  const Mechanism grs = load_mechanism("grs");
  // 1 ppm-1 min-1 = 1 / (1e-6 [M] 60) cm3 molecule-1 s-1.
  auto ppm_min = [](double k, double temperature) {
    return k * 1e-6 * air_number_density(kP, temperature) * 60.0;
  };
  // k2 = 5482 exp(242/T) = 1.235e4 ppm-1 min-1 = 8.36e-12 cm3 s-1 at 298 K (reference section 1.1).
  EXPECT_NEAR(ppm_min(k_of(grs, "R2", 298.0), 298.0), 1.235e4, 0.001e4);
  EXPECT_NEAR(k_of(grs, "R2", 298.0), 8.36e-12, 0.005e-12);
  EXPECT_NEAR(k_of(grs, "R2"), 8.36e-12, 0.005e-12);
  // k4 = 2643 exp(-1370/T) = 26.64 ppm-1 min-1 = 1.80e-14 cm3 s-1 at 298 K.
  EXPECT_NEAR(ppm_min(k_of(grs, "R4", 298.0), 298.0), 26.64, 0.01);
  EXPECT_NEAR(k_of(grs, "R4", 298.0), 1.80e-14, 0.005e-14);
  // k5 = 10000 ppm-1 min-1 = 6.77e-12, k6 = k7 = 125 ppm-1 min-1 = 8.46e-14 cm3 s-1 at 298 K.
  EXPECT_NEAR(k_of(grs, "R5", 298.0), 6.77e-12, 0.005e-12);
  EXPECT_NEAR(k_of(grs, "R6", 298.0), 8.46e-14, 0.005e-14);
  EXPECT_DOUBLE_EQ(k_of(grs, "R7", 298.0), k_of(grs, "R6", 298.0));
}

TEST(RateConstants, GrsPhotolysisWithTemperature) {
  const Mechanism grs = load_mechanism("grs");
  const double j[] = {8.0e-3};  // j(NO2) [s-1], the only photolysis rate GRS uses
  const double m = air_number_density(kP, 298.0);
  EXPECT_DOUBLE_EQ(rate_constant(reaction(grs, "R3").rate, 298.0, m, j), 8.0e-3);
  // k1 / k3 = 1e4 exp(-4710/T) = 3.22e-4, 7.90e-4, 1.367e-3, 2.28e-3 at 273, 288, 298, 308 K.
  const RateLaw& r1 = reaction(grs, "R1").rate;
  EXPECT_NEAR(rate_constant(r1, 273.0, m, j) / j[0], 3.22e-4, 0.005e-4);
  EXPECT_NEAR(rate_constant(r1, 288.0, m, j) / j[0], 7.90e-4, 0.005e-4);
  EXPECT_NEAR(rate_constant(r1, 298.0, m, j) / j[0], 1.367e-3, 0.0005e-3);
  EXPECT_NEAR(rate_constant(r1, 308.0, m, j) / j[0], 2.28e-3, 0.005e-3);
  EXPECT_THROW(rate_constant(r1, 298.0, m, nullptr), InternalError);
}

TEST(RateConstants, PhotolysisScale) {
  RateLaw law;
  law.kind = RateLaw::Kind::photolysis;
  law.photolysis = {"NO2", 1, 0.04, 0.0};
  const double j[] = {1.0e-5, 8.0e-3};
  EXPECT_DOUBLE_EQ(rate_constant(law, 250.0, 2e19, j), 0.04 * 8.0e-3);
}

TEST(RateConstants, FixedConcentrations) {
  const Mechanism cb05 = load_mechanism("cb05-core");
  const double m = air_number_density(kP, kT);
  auto fixed = [&](const std::string& name, double qv) {
    return fixed_concentration(cb05.species[cb05.find(name)], kP, kT, qv);
  };
  EXPECT_NEAR(fixed("M", 0.0), 2.4615e19, 0.0001e19);
  EXPECT_DOUBLE_EQ(fixed("O2", 0.0), 0.2095 * m);
  EXPECT_DOUBLE_EQ(fixed("CH4", 0.0), 1.8e-6 * m);
  // Water: mole fraction x = r / (1 + r) with r = qv Md / Mw, Md = 0.0289644, Mw = 0.01801528 kg mol-1.
  const double r = 0.01 * 0.0289644 / 0.01801528;
  EXPECT_NEAR(fixed("H2O", 0.01), m * r / (1.0 + r), 1e-12 * m);
  EXPECT_NEAR(fixed("H2O", 0.01), 3.8949e17, 0.0001e17);
  EXPECT_DOUBLE_EQ(fixed("H2O", 0.0), 0.0);
  EXPECT_THROW(fixed("NO", 0.0), InternalError);
}

}  // namespace
}  // namespace airshed::chem
