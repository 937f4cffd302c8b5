// SPDX-License-Identifier: Apache-2.0
// Ozone regimes and an EKMA isopleth with cb05-core: a box at Kangbashi (39.61 N, 109.78 E) under the summer
// sun (2026-06-21, 10 h from 00 UTC = 08 local; clear sky, photolysis following the clock), T = 298.15 K,
// p = 101325 Pa, relative humidity 50 %, no emissions: everything starts at 08 local, as in the EKMA/OZIPR
// box (Dodge 1977, EPA-600/3-77-001a; Seinfeld & Pandis, Atmospheric Chemistry and Physics, chapter 6).
//
// What the physics requires (Sillman 1999, Atmos. Environ. 33, 1821; Seinfeld & Pandis chapter 6):
//  (a) VOC-limited: at high NOx and little VOC, more VOC makes more O3 (radicals, not NOx, are scarce);
//  (b) NOx-limited: at low NOx and plenty of VOC, more NOx makes more O3;
//  (c) the isopleth: at a fixed VOC level the peak O3 first rises and then falls with NOx (the ridge line
//      separates the regimes), and the NOx at the top moves up as VOC grows (the ridge's positive slope,
//      at roughly a constant VOC/NOx ratio).
// The VOC is an urban mix dominated by paraffin bonds (PAR-weighted, ppb of each model species at 1x below),
// scaled as a whole. NOx starts as 80 % NO and 20 % NO2; O3 starts at zero; CO at 200 ppb background.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "chemistry/mechanism_file.hpp"
#include "driver/box.hpp"

namespace airshed {
namespace {

/// The urban VOC mix at scale 1 [ppb of model species; 106.5 ppbC].
const std::vector<std::pair<std::string, double>>& voc_mix() {
  static const std::vector<std::pair<std::string, double>> mix = {
      {"PAR", 50.0}, {"OLE", 2.0},  {"ETH", 3.0},  {"TOL", 3.0},
      {"XYL", 2.0},  {"FORM", 3.0}, {"ALD2", 2.0}, {"ISOP", 0.5},
  };
  return mix;
}

class Ekma : public testing::Test {
 protected:
  static void SetUpTestSuite() { mechanism_ = new chem::Mechanism(chem::load_mechanism("cb05-core")); }
  static void TearDownTestSuite() {
    delete mechanism_;
    mechanism_ = nullptr;
  }

  /// Largest hourly O3 [ppb] of the 10 h day from initial NOx [ppb] and the VOC mix times `voc_scale`.
  static double max_o3(double nox, double voc_scale) {
    BoxSetup b;
    b.mechanism = *mechanism_;
    b.start = parse_utc("2026-06-21T00:00:00Z");
    b.hours = 10.0;
    b.output_interval = 3600.0;
    b.temperature = 298.15;
    b.pressure = 101325.0;
    b.relative_humidity = 0.5;
    b.follow_sun = true;
    b.location = {109.78, 39.61};
    b.initial_ppb = {{"NO", 0.8 * nox}, {"NO2", 0.2 * nox}, {"CO", 200.0}};
    for (const auto& [species, ppb] : voc_mix()) b.initial_ppb.emplace_back(species, voc_scale * ppb);
    b.solver.rtol = 1e-4;  // well inside the differences the test compares (>= 1 % of the peak)
    const BoxResult r = run_box(b);
    double peak = 0.0;
    for (std::size_t row = 0; row < r.times.size(); ++row) peak = std::max(peak, r.at(row, "O3"));
    return peak;
  }

  static chem::Mechanism* mechanism_;
};

chem::Mechanism* Ekma::mechanism_ = nullptr;

TEST_F(Ekma, VocLimitedAtHighNoxMoreVocMakesMoreOzoneAndMoreNoxLess) {
  const double nox = 100.0;
  const double scales[] = {0.5, 1.0, 2.0};
  double previous = 0.0;
  for (double s : scales) {
    const double o3 = max_o3(nox, s);
    std::printf("VOC-limited: NOx %g ppb, VOC x%g (%.0f ppbC): max O3 %.2f ppb\n", nox, s, 106.5 * s, o3);
    EXPECT_GT(o3, 1.2 * previous) << "VOC x" << s;
    previous = o3;
  }
  // In this regime NOx removes the radicals (OH + NO2): more NOx, less O3.
  const double more_nox = max_o3(1.5 * nox, 1.0);
  std::printf("VOC-limited: NOx %g ppb, VOC x1: max O3 %.2f ppb\n", 1.5 * nox, more_nox);
  EXPECT_LT(more_nox, max_o3(nox, 1.0));
}

TEST_F(Ekma, NoxLimitedAtLowNoxMoreNoxMakesMoreOzoneAndMoreVocHardlyMatters) {
  const double scale = 8.0;
  const double noxes[] = {1.0, 2.0, 4.0};
  double previous = 0.0;
  for (double nox : noxes) {
    const double o3 = max_o3(nox, scale);
    std::printf("NOx-limited: VOC x%g (%.0f ppbC), NOx %g ppb: max O3 %.2f ppb\n", scale, 106.5 * scale, nox,
                o3);
    EXPECT_GT(o3, 1.2 * previous) << "NOx " << nox;
    previous = o3;
  }
  // With NOx scarce, halving the VOC changes the peak by little (the O3 production per NOx is saturated).
  const double half_voc = max_o3(2.0, 0.5 * scale), full_voc = max_o3(2.0, scale);
  std::printf("NOx-limited: NOx 2 ppb, VOC x%g: max O3 %.2f ppb, x%g: %.2f ppb\n", 0.5 * scale, half_voc,
              scale, full_voc);
  EXPECT_LT(std::abs(full_voc - half_voc), 0.05 * full_voc);
}

TEST_F(Ekma, IsoplethHasARidgeWhoseNoxRisesWithVoc) {
  // 7 NOx values log-spaced over 2..200 ppb and 6 VOC scales 0.25..8x.
  std::vector<double> nox, voc = {0.25, 0.5, 1.0, 2.0, 4.0, 8.0};
  for (int i = 0; i < 7; ++i) nox.push_back(2.0 * std::pow(10.0, 2.0 * i / 6.0));
  std::vector<std::vector<double>> o3(voc.size(), std::vector<double>(nox.size()));
  for (std::size_t v = 0; v < voc.size(); ++v)
    for (std::size_t n = 0; n < nox.size(); ++n) o3[v][n] = max_o3(nox[n], voc[v]);

  std::printf("EKMA isopleth, cb05-core, Kangbashi 2026-06-21 08-18 local: max O3 [ppb]\n%-22s",
              "VOC \\ NOx [ppb]");
  for (double x : nox) std::printf("%8.1f", x);
  std::printf("   ridge NOx\n");
  std::vector<std::size_t> ridge(voc.size());
  for (std::size_t v = 0; v < voc.size(); ++v) {
    ridge[v] = static_cast<std::size_t>(std::max_element(o3[v].begin(), o3[v].end()) - o3[v].begin());
    std::printf("x%-5g (%6.1f ppbC)    ", voc[v], 106.5 * voc[v]);
    for (double x : o3[v]) std::printf("%8.1f", x);
    std::printf("   %8.1f\n", nox[ridge[v]]);
  }

  // For the higher VOC levels (1x and up) the peak O3 against NOx has an interior maximum: it falls on both
  // sides of the ridge.
  const std::size_t first_high = 2;
  for (std::size_t v = first_high; v < voc.size(); ++v) {
    SCOPED_TRACE(testing::Message() << "VOC x" << voc[v]);
    EXPECT_GT(ridge[v], 0u);
    EXPECT_LT(ridge[v], nox.size() - 1);
    EXPECT_LT(o3[v].front(), o3[v][ridge[v]]);
    EXPECT_LT(o3[v].back(), o3[v][ridge[v]]);
  }
  // The ridge slope: the NOx at the maximum never falls as VOC grows, and rises over the higher VOC levels.
  for (std::size_t v = 1; v < voc.size(); ++v) EXPECT_GE(ridge[v], ridge[v - 1]) << "VOC x" << voc[v];
  EXPECT_GT(ridge.back(), ridge[first_high]);
}

}  // namespace
}  // namespace airshed
