// SPDX-License-Identifier: Apache-2.0
// Building a case from its file: the embedded Kangbashi case, unit conversions at the edge, and the checks
// that must fail before any work starts.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "data/embedded_cases.hpp"
#include "driver/case_definition.hpp"
#include "driver/case_schema.hpp"

using namespace airshed;

namespace {
CaseDefinition build(const std::string& yaml) {
  return build_case(Config::parse(yaml, "case.yaml", case_schema()), "case.yaml", "");
}
const char* kBase =
    "case:\n  start: 2026-11-28T00\n  hours: 6\ngrid:\n  centre_lon: 109.78\n  centre_lat: 39.61\n  nx: 10\n"
    "  ny: 8\n  dx: 1000\n  dy: 1000\n  layers:\n    interfaces: [0, 50, 150, 400, 1000]\n"
    "meteorology:\n  source: idealised\n"
    "species:\n  - name: co\n    molar_mass: 0.028\n    initial: 100\n    boundary: 120\n"
    "  - name: pm\n    phase: aerosol\n    initial: 10\n";
}  // namespace

TEST(CaseDefinition, EmbeddedKangbashiMeetsTheFoundationSpec) {
  const char* text = embedded_case("kangbashi");
  ASSERT_NE(text, nullptr);
  const CaseDefinition c =
      build_case(Config::parse(text, "embedded:kangbashi", case_schema()), "embedded:kangbashi", "");
  // Issue 2: a 72 h run on >= 60 x 60 cells at 1 km with >= 15 layers up to >= 3 km.
  EXPECT_EQ(c.hours, 72.0);
  EXPECT_GE(c.grid.nx(), 60);
  EXPECT_GE(c.grid.ny(), 60);
  EXPECT_EQ(c.grid.dx(), 1000.0);
  EXPECT_GE(c.grid.nz(), 15);
  EXPECT_GE(c.grid.layers().top(), 3000.0);
  // The grid is centred on Kangbashi (39.61 N, 109.78 E) to within half a cell.
  const LonLat centre = c.grid.projection().inverse({c.grid.x_west() + 0.5 * c.grid.nx() * c.grid.dx(),
                                                     c.grid.y_south() + 0.5 * c.grid.ny() * c.grid.dy()});
  EXPECT_NEAR(centre.lon, 109.78, 0.01);
  EXPECT_NEAR(centre.lat, 39.61, 0.01);
  EXPECT_EQ(c.points.size(), 1u);
  EXPECT_EQ(c.areas.size(), 1u);
}

TEST(CaseDefinition, EmbeddedKangbashiChemistryCaseBuilds) {
  const char* text = embedded_case("kangbashi-chem");
  ASSERT_NE(text, nullptr);
  const CaseDefinition c = build_case(Config::parse(text, "embedded:kangbashi-chem", case_schema()),
                                      "embedded:kangbashi-chem", "");
  EXPECT_EQ(c.chemistry.name, "cb05-core");
  // The plant's NOx is 100 kg/h as NO2 = 0.604 mol/s, emitted 95 % NO / 5 % NO2 by volume (case file).
  std::size_t no = 0, no2 = 0;
  for (std::size_t s = 0; s < c.species.size(); ++s) {
    if (c.species[s].species.name == "NO") no = s;
    if (c.species[s].species.name == "NO2") no2 = s;
  }
  const double nox = c.points.at(0).rate[no] + c.points.at(0).rate[no2];
  EXPECT_NEAR(nox, 100.0 / 3.6 / 46.006, 0.01 * nox);
  EXPECT_NEAR(c.points.at(0).rate[no] / nox, 0.95, 0.01);
}

TEST(CaseDefinition, EmissionUnitsConvertedAtTheEdge) {
  const CaseDefinition c =
      build(std::string(kBase) +
            "sources:\n  points:\n    - name: stack\n      lon: 109.78\n      lat: 39.61\n"
            "      height: 200\n      species: [co, pm]\n      rates: [28.0, 5.0]\n");
  ASSERT_EQ(c.points.size(), 1u);
  // 28 g/s of CO (0.028 kg/mol) is 1 mol/s; 5 g/s of aerosol is 5e-3 kg/s.
  EXPECT_NEAR(c.points[0].rate[0], 1.0, 1e-15);
  EXPECT_NEAR(c.points[0].rate[1], 5e-3, 1e-18);
  EXPECT_EQ(c.species[0].boundary.size(), 4u);
  EXPECT_EQ(c.species[0].boundary[3], 120.0);
}

TEST(CaseDefinition, SourceOutsideTheDomainIsAnError) {
  try {
    build(std::string(kBase) +
          "sources:\n  points:\n    - name: far_stack\n      lon: 112.0\n      lat: 39.61\n"
          "      height: 200\n      species: [co]\n      rates: [1]\n");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("far_stack"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("outside the model grid"), std::string::npos) << e.what();
  }
}

TEST(CaseDefinition, UnknownSpeciesAndMismatchedRates) {
  EXPECT_THROW(build(std::string(kBase) + "sources:\n  points:\n    - name: s\n      x: 0\n      y: 0\n"
                                          "      height: 10\n      species: [nox]\n      rates: [1]\n"),
               InputError);
  EXPECT_THROW(
      build(std::string(kBase) + "sources:\n  points:\n    - name: s\n      lon: 109.78\n      lat: 39.61\n"
                                 "      height: 10\n      species: [co, pm]\n      rates: [1]\n"),
      InputError);
  EXPECT_THROW(build(std::string(kBase) + "output:\n  species: [o3]\n"), InputError);
}

TEST(CaseDefinition, BoundaryProfileMustMatchTheLayers) {
  std::string yaml = kBase;
  yaml.replace(yaml.find("    boundary: 120\n"), 18, "    boundary_profile: [1, 2, 3]\n");
  EXPECT_THROW(build(yaml), InputError);
}
