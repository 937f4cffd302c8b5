// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "io/inventory_reader.hpp"
#include "test_inventory_support.hpp"

namespace airshed {
namespace {

using test::expect_error;

const Grid kGrid = test::inventory_grid();

/// A complete small inventory served from memory, as an embedded case does.
struct Case {
  std::map<std::string, std::string> files{
      {"points.csv",
       "id,name,category,x[km],y[km],stack_height[m],diameter[m],exit_velocity[m/s],exit_temperature[K],"
       "NOx[t/yr],VOC[t/yr],temporal_profile,speciation_profile\n"
       "s1,Stack,heat_plant,-20,5,40,2,12,400,100,5,heat,coal\n"},
      {"areas.csv",
       "id,name,category,kind,x[km],y[km],size_x[m],size_y[m],speciation_profile\n"
       "site,Site,dust,construction,-10,0,300,300,soil\n"},
      {"roads.csv",
       "id,name,geometry,aadt[veh/d],fleet,silt_loading[g/m2],speciation_profile,dust_speciation_profile\n"
       "r1,Road,\"LINESTRING(109.74 39.60, 109.76 39.61)\",20000,urban,0.6,exhaust,soil\n"},
      {"fleets.csv", "fleet,vehicle_class,share\nurban,car,1\n"},
      {"vehicle_classes.csv", "id,fuel,mass[t],NOx[g/km]\ncar,gasoline,1.4,0.06\n"},
      {"temporal.yaml",
       "profiles:\n  - id: heat\n    heating_season: {start: \"10-15\", end: \"04-15\", out: 0.5}\n"},
      {"speciation.yaml",
       "profiles:\n"
       "  - id: coal\n    NOx: {NO: 0.9, NO2: 0.1}\n    VOC: {ethene: 1}\n"
       "  - id: soil\n    PM2.5: {PMFINE: 1}\n    PMcoarse: {PMC: 1}\n"
       "  - id: exhaust\n    NOx: {NO: 0.9, NO2: 0.1}\n"},
      {"voc.csv", "compound,molar_mass[g/mol],carbon_atoms,mechanism_species\nethene,28.05,2,ETH:1\n"},
  };
  InventoryFiles names() const {
    InventoryFiles f;
    f.points = {"points.csv"};
    f.areas = {"areas.csv"};
    f.roads = {"roads.csv"};
    f.fleets = "fleets.csv";
    f.vehicle_classes = "vehicle_classes.csv";
    f.temporal_profiles = "temporal.yaml";
    f.speciation = "speciation.yaml";
    f.voc_compounds = "voc.csv";
    return f;
  }
  emis::Inventory read() const {
    return read_inventory(names(), kGrid, [this](const std::string& path) { return files.at(path); });
  }
};

TEST(InventoryReader, ReadsEveryFileThroughReadText) {
  const auto inventory = Case().read();
  ASSERT_EQ(inventory.points.size(), 1u);
  ASSERT_EQ(inventory.areas.size(), 1u);
  ASSERT_EQ(inventory.roads.size(), 1u);
  EXPECT_EQ(inventory.roads[0].fleet.at("car"), 1.0);
  EXPECT_EQ(inventory.vehicle_classes.size(), 1u);
  EXPECT_EQ(inventory.temporal_profiles.size(), 1u);
  EXPECT_EQ(inventory.speciation_profiles.size(), 3u);
  EXPECT_EQ(inventory.voc_compounds.size(), 1u);
  EXPECT_NEAR(inventory.points[0].annual[emis::Pollutant::NOx], 1e5, 1e-9);
}

TEST(InventoryReader, CrossFileChecksNameTheReferencingRow) {
  Case duplicate;
  duplicate.files["areas.csv"] =
      "id,name,category,kind,x[km],y[km],size_x[m],size_y[m],speciation_profile\ns1,Site,dust,construction,-"
      "10,0,"
      "300,300,soil\n";
  expect_error([&] { duplicate.read(); },
               {"areas.csv:2:", "column 'id'", "duplicate id 's1'", "points.csv:2"});

  Case temporal;
  temporal.files["temporal.yaml"] = "profiles:\n  - id: other\n";
  expect_error([&] { temporal.read(); },
               {"points.csv:2:", "column 'temporal_profile'", "unknown temporal profile 'heat'"});

  Case speciation;
  speciation.files["roads.csv"] =
      "id,name,geometry,aadt[veh/d],fleet,silt_loading[g/m2],speciation_profile,dust_speciation_profile\n"
      "r1,Road,\"LINESTRING(109.74 39.60, 109.76 39.61)\",20000,urban,0.6,exhaust,dirt\n";
  expect_error([&] { speciation.read(); },
               {"roads.csv:2:", "column 'dust_speciation_profile'", "unknown speciation profile 'dirt'"});

  Case entry;  // the points emit VOC but profile "exhaust" has no VOC map
  entry.files["points.csv"].replace(entry.files["points.csv"].find(",coal\n"), 6, ",exhaust\n");
  expect_error([&] { entry.read(); }, {"points.csv:2:", "column 'speciation_profile'", "no VOC entry"});

  Case vehicle;
  vehicle.files["fleets.csv"] = "fleet,vehicle_class,share\nurban,car,0.5\nurban,bus,0.5\n";
  expect_error([&] { vehicle.read(); },
               {"fleets.csv:3:", "column 'vehicle_class'", "unknown vehicle class 'bus'"});

  Case compound;
  compound.files["voc.csv"] =
      "compound,molar_mass[g/mol],carbon_atoms,mechanism_species\nethane,30.07,2,PAR:0.4\n";
  expect_error([&] { compound.read(); }, {"speciation.yaml:2:", "key 'VOC'", "compound 'ethene'"});

  Case extension;
  InventoryFiles names = extension.names();
  names.areas = {"areas.shp"};
  expect_error([&] { read_inventory(names, kGrid, [](const std::string&) { return std::string(); }); },
               {"areas.shp", ".geojson"});
}

/// The fenced blocks of docs/emission-inputs.md whose info string names a file ("```csv points.csv").
std::map<std::string, std::string> documented_files() {
  const std::string doc = read_text_file(std::string(AIRSHED_SOURCE_DIR) + "/docs/emission-inputs.md");
  std::map<std::string, std::string> files;
  std::size_t pos = 0;
  while ((pos = doc.find("\n```", pos)) != std::string::npos) {
    const std::size_t info_end = doc.find('\n', pos + 4);
    const std::string info = doc.substr(pos + 4, info_end - pos - 4);
    const std::size_t close = doc.find("\n```", info_end);
    const std::size_t space = info.find(' ');
    if (space != std::string::npos)
      files[info.substr(space + 1)] = doc.substr(info_end + 1, close - info_end);
    pos = doc.find('\n', close + 4);
  }
  return files;
}

// The format document's examples are one consistent inventory: each parses and the cross-file checks pass.
TEST(InventoryReader, DocumentedExamplesParse) {
  const auto files = documented_files();
  InventoryFiles names;
  names.points = {"points.csv"};
  names.areas = {"areas.csv", "areas.geojson"};
  names.roads = {"roads.csv"};
  names.fleets = "fleets.csv";
  names.vehicle_classes = "vehicle_classes.csv";
  names.temporal_profiles = "temporal_profiles.yaml";
  names.speciation = "speciation.yaml";
  names.voc_compounds = "voc_compounds_cb05.csv";
  for (const auto& name :
       {"points.csv", "areas.csv", "areas.geojson", "roads.csv", "fleets.csv", "vehicle_classes.csv",
        "temporal_profiles.yaml", "speciation.yaml", "voc_compounds_cb05.csv"})
    ASSERT_TRUE(files.count(name)) << "docs/emission-inputs.md has no example " << name;
  const auto inventory =
      read_inventory(names, kGrid, [&](const std::string& path) { return files.at(path); });
  ASSERT_EQ(inventory.points.size(), 1u);
  EXPECT_NEAR(inventory.points[0].annual[emis::Pollutant::NOx], 262500.0, 1e-6);
  EXPECT_EQ(inventory.areas.size(), 3u);
  EXPECT_EQ(inventory.roads.size(), 1u);
  EXPECT_EQ(inventory.temporal_profiles.size(), 2u);
  EXPECT_EQ(inventory.speciation_profiles.size(), 4u);
  EXPECT_EQ(inventory.voc_compounds.size(), 3u);
}

TEST(InventoryReader, ReadTextFileFromDisk) {
  const auto path = test::scratch_dir() / "f.csv";
  std::ofstream(path) << "a,b\n1,2\n";
  EXPECT_EQ(read_text_file(path.string()), "a,b\n1,2\n");
  expect_error([] { read_text_file("/nonexistent/points.csv"); }, {"/nonexistent/points.csv: cannot open"});
}

}  // namespace
}  // namespace airshed
