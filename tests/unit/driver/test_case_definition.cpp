// SPDX-License-Identifier: Apache-2.0
// Building a case from its file: the embedded Kangbashi case, unit conversions at the edge, and the checks
// that must fail before any work starts.
#include <gtest/gtest.h>

#include <stdexcept>

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

CaseDefinition embedded(const std::string& name) {
  const char* text = embedded_case(name);
  if (!text) throw std::runtime_error("no embedded case " + name);
  return build_case(Config::parse(text, "embedded:" + name, case_schema()), "embedded:" + name, "",
                    "embedded:" + name);
}

TEST(CaseDefinition, EmbeddedKangbashiMeetsTheFoundationSpec) {
  for (const char* name : {"kangbashi", "kangbashi-tracer"}) {
    SCOPED_TRACE(name);
    const CaseDefinition c = embedded(name);
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
  }
  const CaseDefinition tracer = embedded("kangbashi-tracer");
  EXPECT_EQ(tracer.points.size(), 1u);
  EXPECT_EQ(tracer.areas.size(), 1u);
  EXPECT_FALSE(tracer.has_inventory());
}

TEST(CaseDefinition, EmbeddedKangbashiRunsTheInventoryWithChemistry) {
  const CaseDefinition c = embedded("kangbashi");
  EXPECT_EQ(c.chemistry.name, "cb05-core");
  EXPECT_TRUE(c.has_inventory());
  EXPECT_TRUE(c.points.empty());
  EXPECT_EQ(c.emission_files.points.at(0), "embedded:kangbashi/inventory/points.csv");
  EXPECT_EQ(c.emission_options.utc_offset_hours, 8.0);
  // The derived PM10 exists because the coarse species PMC is carried.
  bool pm10 = false;
  for (const auto& o : c.derived_outputs()) pm10 = pm10 || o.name == "pm10";
  EXPECT_TRUE(pm10);
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
