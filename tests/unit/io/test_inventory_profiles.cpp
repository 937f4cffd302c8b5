// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "io/emission_profiles_reader.hpp"
#include "test_inventory_support.hpp"

namespace airshed {
namespace {

using emis::Pollutant;
using test::expect_error;

TEST(InventoryProfiles, TemporalProfileWithHeatingSeason) {
  const auto profiles = parse_temporal_profiles_yaml("tp.yaml", R"(profiles:
  - id: heat_plant
    monthly: [1.2, 1.2, 1.1, 0.9, 0.7, 0.7, 0.7, 0.7, 0.7, 0.9, 1.1, 1.2]
    weekly: [1, 1, 1, 1, 1, 0.8, 0.6]
    heating_season: {start: "10-15", end: "04-15", in: 1.0, out: 0.55}
  - id: flat
)");
  ASSERT_EQ(profiles.size(), 2u);
  const auto& p = profiles[0];
  EXPECT_EQ(p.id, "heat_plant");
  EXPECT_EQ(p.where, "tp.yaml:2");
  EXPECT_EQ(p.monthly[0], 1.2);
  EXPECT_EQ(p.monthly[4], 0.7);
  EXPECT_EQ(p.weekly[6], 0.6);
  EXPECT_EQ(p.hourly[13], 1.0);  // missing key: flat
  ASSERT_TRUE(p.heating_season.has_value());
  EXPECT_EQ(p.heating_season->start_month, 10);
  EXPECT_EQ(p.heating_season->start_day, 15);
  EXPECT_EQ(p.heating_season->end_month, 4);
  EXPECT_EQ(p.heating_season->end_day, 15);
  EXPECT_EQ(p.heating_season->in_season, 1.0);
  EXPECT_EQ(p.heating_season->out_of_season, 0.55);
  EXPECT_FALSE(profiles[1].heating_season.has_value());
}

TEST(InventoryProfiles, TemporalProfileErrors) {
  const auto parse = [](const std::string& text) {
    return [text] { parse_temporal_profiles_yaml("tp.yaml", text); };
  };
  expect_error(parse("profiles:\n  - id: a\n    monthly: [1, 1]\n"),
               {"tp.yaml:3:", "key 'monthly'", "12 values"});
  expect_error(parse("profiles:\n  - id: a\n    hourly: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1,\n"
                     "             1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"),
               {"tp.yaml:3:", "key 'hourly'", "negative weight"});
  expect_error(parse("profiles:\n  - id: a\n    weekly: [0, 0, 0, 0, 0, 0, 0]\n"),
               {"tp.yaml:3:", "sum to 0"});
  expect_error(parse("profiles:\n  - id: a\n    weekly: [1, 1, 1, x, 1, 1, 1]\n"),
               {"tp.yaml:3:", "key 'weekly'", "'x' is not a finite number"});
  expect_error(parse("profiles:\n  - id: a\n    heating_season: {start: \"10-32\", end: \"04-15\"}\n"),
               {"tp.yaml:3:", "key 'heating_season'", "not a date"});
  expect_error(parse("profiles:\n  - id: a\n    daily: [1]\n"), {"tp.yaml:3:", "key 'daily'", "unknown key"});
  expect_error(parse("profiles:\n  - id: a\n  - id: a\n"), {"tp.yaml:3:", "duplicate profile id 'a'"});
  expect_error(parse("profiles: [\n"), {"tp.yaml:", "not valid YAML"});
}

TEST(InventoryProfiles, SpeciationMapsSumToOne) {
  const auto profiles = parse_speciation_yaml("sp.yaml", R"(profiles:
  - id: coal_chp
    NOx: {NO: 0.95, NO2: 0.05}
    SO2: {SO2: 1.0}
    VOC: {ethene: 0.2, propene: 0.1, toluene: 0.7}
    PM2.5: {PEC: 0.1, POA: 0.2, PMFINE: 0.7}
    PMcoarse: {PMC: 1.0}
)");
  ASSERT_EQ(profiles.size(), 1u);
  const auto& p = profiles[0];
  EXPECT_EQ(p.gas.at(Pollutant::NOx).at("NO"), 0.95);
  EXPECT_EQ(p.gas.at(Pollutant::SO2).at("SO2"), 1.0);
  EXPECT_EQ(p.voc.at("toluene"), 0.7);
  EXPECT_EQ(p.pm25.at("PMFINE"), 0.7);
  EXPECT_EQ(p.pmc.at("PMC"), 1.0);
  EXPECT_NO_THROW(
      parse_speciation_yaml("sp.yaml", "profiles:\n  - id: a\n    NOx: {NO: 0.9000005, NO2: 0.1}\n"));
  expect_error(
      [] { parse_speciation_yaml("sp.yaml", "profiles:\n  - id: a\n    NOx: {NO: 0.9, NO2: 0.09}\n"); },
      {"sp.yaml:3:", "profile 'a': key 'NOx'", "sum to 0.99"});
  expect_error([] { parse_speciation_yaml("sp.yaml", "profiles:\n  - id: a\n    NOy: {NO: 1}\n"); },
               {"sp.yaml:3:", "key 'NOy'", "unknown pollutant key"});
  expect_error([] { parse_speciation_yaml("sp.yaml", "profiles:\n  - id: a\n    PM10: {PMC: 1}\n"); },
               {"sp.yaml:3:", "key 'PM10'", "PMcoarse"});
  expect_error([] { parse_speciation_yaml("sp.yaml", "profiles:\n  - id: a\n    CO: {CO: -1, X: 2}\n"); },
               {"sp.yaml:3:", "key 'CO'", "negative fraction"});
}

TEST(InventoryProfiles, VocCompounds) {
  const auto compounds = parse_voc_compounds_csv(
      "voc.csv",
      "compound,molar_mass[g/mol],carbon_atoms,mechanism_species,unreactive_carbon,source\n"
      "propane,44.1,3,PAR:1.5,1.5,CB05 mapping\n"
      "propene,42.08,3,\"OLE:1 PAR:1\",,\n"
      "acetone,58.08,3,\"PAR:1\",2,\n");
  ASSERT_EQ(compounds.size(), 3u);
  EXPECT_NEAR(compounds[0].molar_mass, 0.0441, 1e-15);
  EXPECT_EQ(compounds[0].carbon_atoms, 3);
  EXPECT_EQ(compounds[0].mechanism_species.at("PAR"), 1.5);
  EXPECT_EQ(compounds[0].unreactive_carbon, 1.5);
  EXPECT_EQ(compounds[1].mechanism_species.at("OLE"), 1.0);
  EXPECT_EQ(compounds[1].mechanism_species.at("PAR"), 1.0);
  EXPECT_EQ(compounds[1].unreactive_carbon, 0.0);
  const std::string header = "compound,molar_mass[g/mol],carbon_atoms,mechanism_species\n";
  expect_error([&] { parse_voc_compounds_csv("voc.csv", header + "x,30,2,OLE1\n"); },
               {"voc.csv:2:", "column 'mechanism_species'", "SPECIES:moles"});
  expect_error([&] { parse_voc_compounds_csv("voc.csv", header + "x,30,2.5,PAR:1\n"); },
               {"voc.csv:2:", "column 'carbon_atoms'", "whole number"});
  expect_error([&] { parse_voc_compounds_csv("voc.csv", header + "x,30,2,PAR:1\nx,30,2,PAR:1\n"); },
               {"voc.csv:3:", "column 'compound'", "duplicate compound"});
}

}  // namespace
}  // namespace airshed
