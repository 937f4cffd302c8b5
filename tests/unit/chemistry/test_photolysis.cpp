// SPDX-License-Identifier: Apache-2.0
// Photolysis: the MCM v3.3.1 clear-sky parameterisation against values written out independently, zero at
// night, the cloud factor, the block layout, unknown names, and the clear-sky shortwave against the
// idealised meteorology it mirrors.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "chemistry/photolysis.hpp"
#include "core/constants.hpp"
#include "core/grid.hpp"
#include "core/solar.hpp"
#include "core/time.hpp"
#include "met/idealised_met.hpp"

namespace airshed::chem {
namespace {

constexpr double deg = constants::pi / 180.0;

/// MCM v3.3.1 (l, m, n) transcribed again from the MCM photolysis page as reproduced in
/// awbirdsall/UWCMchem MCM/MCMphoto.m ("Updated to match MCMv3.3") and in the reference notes
/// (chemistry-numerics.md 2.4).
struct Expected {
  const char* name;
  double l, m, n;
};
const std::vector<Expected> mcm = {
    {"NO2", 1.165e-2, 0.244, 0.267},          {"O3_O1D", 6.073e-5, 1.743, 0.474},
    {"O3_O3P", 4.775e-4, 0.298, 0.080},       {"H2O2", 1.041e-5, 0.723, 0.279},
    {"NO3_NO", 2.485e-2, 0.168, 0.108},       {"NO3_NO2", 1.747e-1, 0.155, 0.125},
    {"HONO", 2.644e-3, 0.261, 0.288},         {"HNO3", 9.312e-7, 1.230, 0.307},
    {"HCHO_radical", 4.642e-5, 0.762, 0.353}, {"HCHO_molecular", 6.853e-5, 0.477, 0.323},
    {"CH3CHO", 7.344e-6, 1.202, 0.417},       {"CH3OOH", 7.649e-6, 0.682, 0.279},
};

double mcm_formula(const Expected& e, double chi_deg) {
  const double c = std::cos(chi_deg * deg);
  return e.l * std::pow(c, e.m) * std::exp(-e.n / c);
}

TEST(Photolysis, TableMatchesMcm) {
  ASSERT_EQ(photolysis_names().size(), mcm.size());
  for (std::size_t i = 0; i < mcm.size(); ++i) {
    EXPECT_EQ(photolysis_names()[i], mcm[i].name);
    const McmPhotolysis& p = mcm_photolysis_table()[i];
    EXPECT_EQ(p.l, mcm[i].l) << mcm[i].name;
    EXPECT_EQ(p.m, mcm[i].m) << mcm[i].name;
    EXPECT_EQ(p.n, mcm[i].n) << mcm[i].name;
  }
}

TEST(Photolysis, No2AgainstTabulatedValues) {
  // chemistry-numerics.md 2.4, "[computed here]" and rounded to 4 (85 deg: 2) significant figures.
  const double chi[] = {0, 20, 40, 60, 70, 80, 85};
  const double tabulated[] = {8.920e-3, 8.636e-3, 7.704e-3, 5.767e-3, 4.108e-3, 1.633e-3, 3.0e-4};
  const double half_unit[] = {0.5e-6, 0.5e-6, 0.5e-6, 0.5e-6, 0.5e-6, 0.5e-6, 0.5e-5};
  const Photolysis phot({"NO2"});
  for (int k = 0; k < 7; ++k) {
    double j = 0.0;
    phot.clear_sky(std::cos(chi[k] * deg), &j);
    EXPECT_NEAR(j, tabulated[k], half_unit[k]) << "chi = " << chi[k];
    EXPECT_NEAR(j, mcm_formula(mcm[0], chi[k]), 1e-15 * j) << "chi = " << chi[k];
  }
}

TEST(Photolysis, EveryRateFollowsTheFormula) {
  std::vector<std::string> names;
  for (const Expected& e : mcm) names.emplace_back(e.name);
  const Photolysis phot(names);
  ASSERT_EQ(phot.size(), 12);
  std::vector<double> j(12);
  for (double chi : {0.0, 35.0, 65.0, 84.0, 89.0}) {
    phot.clear_sky(std::cos(chi * deg), j.data());
    for (std::size_t i = 0; i < mcm.size(); ++i) {
      EXPECT_GT(j[i], 0.0);
      EXPECT_NEAR(j[i], mcm_formula(mcm[i], chi), 1e-14 * j[i]) << mcm[i].name << " chi = " << chi;
    }
  }
}

TEST(Photolysis, ZeroAtNight) {
  std::vector<std::string> names = photolysis_names();
  const Photolysis phot(names);
  std::vector<double> j(names.size(), -1.0);
  for (double cos_zenith : {0.0, -1e-12, -0.3, -1.0}) {
    phot.rates(cos_zenith, 1.0, j.data());
    for (double v : j) EXPECT_EQ(v, 0.0);
  }
  // chi = 90 deg exactly (cos = 6e-17 in double): exp(-n sec chi) underflows to 0.
  phot.clear_sky(std::cos(90.0 * deg), j.data());
  for (double v : j) EXPECT_EQ(v, 0.0);
}

TEST(Photolysis, OrderFollowsTheRequest) {
  const Photolysis phot({"HONO", "NO2", "HONO"});
  double j[3];
  phot.clear_sky(0.8, j);
  EXPECT_EQ(j[0], j[2]);
  EXPECT_EQ(j[1], mcm_clear_sky_j(mcm_photolysis_table()[0], 0.8));
  EXPECT_EQ(j[0], mcm_clear_sky_j(mcm_photolysis_table()[6], 0.8));
}

TEST(Photolysis, UnknownNameListsKnownOnes) {
  try {
    Photolysis phot({"NO2", "J_NO2"});
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("J_NO2"), std::string::npos);
    for (const std::string& n : photolysis_names()) EXPECT_NE(what.find(n), std::string::npos) << n;
  }
}

TEST(Photolysis, CloudFactorBounds) {
  EXPECT_EQ(cloud_factor(200.0, 400.0), 0.5);
  EXPECT_EQ(cloud_factor(400.0, 400.0), 1.0);
  EXPECT_EQ(cloud_factor(500.0, 400.0), 1.0);  // broken-cloud enhancement is not passed on
  EXPECT_EQ(cloud_factor(0.0, 400.0), 0.0);
  EXPECT_EQ(cloud_factor(-3.0, 400.0), 0.0);
  EXPECT_EQ(cloud_factor(std::nan(""), 400.0), 0.0);
  EXPECT_EQ(cloud_factor(50.0, 0.0), 1.0);  // no clear-sky reference (night): j is zero anyway

  const Photolysis phot({"NO2", "O3_O1D"});
  double clear[2], half[2], over[2], under[2];
  phot.clear_sky(0.7, clear);
  phot.rates(0.7, 0.5, half);
  phot.rates(0.7, 1.7, over);
  phot.rates(0.7, -0.2, under);
  for (int p = 0; p < 2; ++p) {
    EXPECT_EQ(half[p], 0.5 * clear[p]);
    EXPECT_EQ(over[p], clear[p]);
    EXPECT_EQ(under[p], 0.0);
  }
}

TEST(Photolysis, BlockLayoutMatchesSingleCell) {
  const Photolysis phot({"NO2", "H2O2", "CH3OOH"});
  const int width = 5;
  const double cosz[width] = {1.0, 0.5, 0.1, 0.0, -0.4};
  const double cloud[width] = {1.0, 0.3, 0.9, 1.0, 1.0};
  std::vector<double> j(3 * width);
  phot.rates(width, cosz, cloud, j.data());
  for (int c = 0; c < width; ++c) {
    double one[3];
    phot.rates(cosz[c], cloud[c], one);
    for (int p = 0; p < 3; ++p) EXPECT_EQ(j[p * width + c], one[p]);
  }
}

TEST(Photolysis, ClearSkyShortwaveMirrorsIdealisedMet) {
  // The idealised met's clear day must give a cloud factor of exactly 1.
  Projection proj;
  proj.kind = Projection::Kind::lambert_conformal_conic;
  proj.standard_parallel_1 = 30.0;
  proj.standard_parallel_2 = 60.0;
  proj.latitude_of_projection_origin = 39.61;
  proj.longitude_of_central_meridian = 109.78;
  const Grid grid(3, 2, 12000.0, 12000.0, -18000.0, -12000.0, VerticalLayers(std::vector<double>{0, 20, 50}),
                  proj);
  IdealisedMetParams params;
  for (double tau : {0.75, 0.6}) {
    params.cloud_transmissivity = tau;
    for (const char* when : {"2026-11-28T00:30:00Z", "2026-11-28T04:00:00Z", "2026-11-28T09:00:00Z"}) {
      const UtcTime t = parse_utc(when);
      const MetRecord r = idealised_met_record(grid, t, params);
      for (int jy = 0; jy < grid.ny(); ++jy)
        for (int ix = 0; ix < grid.nx(); ++ix) {
          const double cosz = cos_solar_zenith(grid.lonlat_centre(ix, jy), t);
          const double sw = clear_sky_shortwave(cosz, params.surface_pressure, tau);
          EXPECT_EQ(sw, r.shortwave_down(ix, jy)) << when;
          if (sw > 0.0) {
            EXPECT_EQ(cloud_factor(r.shortwave_down(ix, jy), sw), 1.0);
          }
        }
    }
  }
  EXPECT_EQ(clear_sky_shortwave(-0.1, 101325.0), 0.0);
  // Sun overhead at sea level: 1361 (0.75 + 0.3 * 0.25).
  EXPECT_NEAR(clear_sky_shortwave(1.0, 101325.0), 1361.0 * 0.825, 1e-12);
}

}  // namespace
}  // namespace airshed::chem
