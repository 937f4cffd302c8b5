// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cmath>

#include "io/inventory_reader.hpp"
#include "test_inventory_support.hpp"

namespace airshed {
namespace {

using emis::Pollutant;
using test::expect_error;

const Grid kGrid = test::inventory_grid();

double shoelace(const emis::Polygon& p) {
  double twice = 0.0;
  for (std::size_t i = 0; i < p.vertices.size(); ++i) {
    const auto& a = p.vertices[i];
    const auto& b = p.vertices[(i + 1) % p.vertices.size()];
    twice += a[0] * b[1] - b[0] * a[1];
  }
  return 0.5 * twice;
}

const std::string kHeader =
    "id,name,category,kind,x[km],y[km],size_x[m],size_y[m],release_bottom[m],release_top[m],PM10[t/yr],"
    "control_efficiency,active_fraction,erodible_fraction,soil_moisture[kg/kg],clay_fraction,"
    "speciation_profile\n";

TEST(InventoryAreas, RectangleBecomesFourVerticesWithItsArea) {
  const auto areas =
      parse_areas_csv("areas.csv",
                      kHeader +
                          "cater,Catering,catering,,-20,5,2000,500,0,30,1.2,,,,,,food\n"
                          "site,Site,dust,construction,-10,0,300,300,,,,0.5,0.3,,,,soil_dust\n"
                          "bare,Bare,dust,wind_blown,-30,-10,1000,1000,,,,,,0.6,0.02,0.2,soil_dust\n",
                      kGrid);
  ASSERT_EQ(areas.size(), 3u);
  const auto& a = areas[0];
  ASSERT_EQ(a.polygon.vertices.size(), 4u);
  // The sides are ground lengths: on the projected plane they are k times longer or shorter (map scale
  // factor k at the centre), so the rectangle's true area is the 2000 m x 500 m the row states.
  const Projection& proj = kGrid.projection();
  const double k = proj.map_scale_factor(proj.inverse({-20000.0, 5000.0}));
  EXPECT_GT(std::abs(k - 1.0), 1e-3);  // the test grid's LCC is not true to scale there
  EXPECT_NEAR(shoelace(a.polygon) / (k * k), 2000.0 * 500.0, 1e-6);  // counter-clockwise
  EXPECT_NEAR(a.polygon.vertices[0][0], -20000.0 - 1000.0 * k, 1e-9);
  EXPECT_NEAR(a.polygon.vertices[0][1], 5000.0 - 250.0 * k, 1e-9);
  EXPECT_NEAR(a.polygon.vertices[2][0], -20000.0 + 1000.0 * k, 1e-9);
  EXPECT_NEAR(a.polygon.vertices[2][1], 5000.0 + 250.0 * k, 1e-9);
  EXPECT_EQ(a.kind, emis::AreaKind::inventory);
  EXPECT_EQ(a.release_top, 30.0);
  EXPECT_NEAR(a.annual[Pollutant::PM10], 1200.0, 1e-9);
  EXPECT_EQ(areas[1].kind, emis::AreaKind::construction);
  EXPECT_EQ(areas[1].dust.control_efficiency, 0.5);
  EXPECT_EQ(areas[1].dust.active_fraction, 0.3);
  EXPECT_EQ(areas[2].kind, emis::AreaKind::wind_blown);
  EXPECT_EQ(areas[2].dust.erodible_fraction, 0.6);
  EXPECT_EQ(areas[2].dust.soil_moisture, 0.02);
  EXPECT_EQ(areas[2].dust.clay_fraction, 0.2);
  EXPECT_EQ(areas[2].dust.control_efficiency, 0.0);
  EXPECT_EQ(areas[2].dust.dry_threshold, 0.0);  // not given: the loose-sand value
  const auto crusted =
      parse_areas_csv("areas.csv",
                      "id,name,category,kind,x[km],y[km],size_x[m],size_y[m],dry_threshold[m/s],"
                      "roughness_length[cm],speciation_profile\n"
                      "bare,Bare,dust,wind_blown,-30,-10,1000,1000,0.61,1,soil\n",
                      kGrid);
  EXPECT_EQ(crusted.at(0).dust.dry_threshold, 0.61);
  EXPECT_NEAR(crusted.at(0).dust.roughness_length, 0.01, 1e-15);
  EXPECT_NE(test::error_of([] {
              parse_areas_csv("a.csv",
                              "id,name,category,kind,x[km],y[km],size_x[m],size_y[m],dry_threshold[m/s],"
                              "speciation_profile\nsite,Site,dust,construction,-30,-10,100,100,0.61,soil\n",
                              kGrid);
            }).find("only used by kind wind_blown"),
            std::string::npos);
}

TEST(InventoryAreas, BadRowsNameFileLineAndColumn) {
  const auto parse = [](const std::string& row) {
    return [row] { parse_areas_csv("a.csv", kHeader + row + "\n", kGrid); };
  };
  expect_error(parse("s,S,dust,quarry,-10,0,300,300,,,,,,,,,p"),
               {"a.csv:2:", "column 'kind'", "unknown kind"});
  expect_error(parse("s,S,dust,construction,-10,0,300,300,,,1,,,,,,p"),
               {"a.csv:2:", "column 'PM10[t/yr]'", "rates are for kind inventory"});
  expect_error(parse("s,S,dust,construction,-10,0,300,300,,,,,,0.5,,,p"),
               {"a.csv:2:", "column 'erodible_fraction'", "only used by kind wind_blown"});
  expect_error(parse("s,S,dust,wind_blown,-10,0,300,300,,,,1.5,,,,,p"),
               {"a.csv:2:", "column 'control_efficiency'", "not between 0 and 1"});
  expect_error(parse("s,S,dust,,-10,0,300,300,,,,,,,,,p"), {"a.csv:2:", "needs at least one pollutant"});
  expect_error(parse("s,S,dust,,-10,0,300,300,20,10,1,,,,,,p"),
               {"a.csv:2:", "column 'release_top[m]'", "below release_bottom"});
  // The rectangle reaches 1 km beyond the eastern edge (0 km).
  expect_error(parse("s,S,dust,,-1,0,4000,300,,,1,,,,,,p"),
               {"a.csv:2:", "column 'size_x[m]'", "lies 0.96658 km outside"});
  expect_error(
      [] {
        parse_areas_csv("a.csv",
                        "id,name,category,x[m],y[m],size_x[m],size_y[m],speciation_profile,"
                        "PM10[mg/Nm3]\n",
                        kGrid);
      },
      {"a.csv:1:", "column 'PM10[mg/Nm3]'", "only point sources"});
}

const std::string kFeatureCollection = R"({
  "type": "FeatureCollection",
  "features": [
    {"type": "Feature",
     "properties": {"id": "bare_north", "name": "Bare land north", "kind": "wind_blown", "erodible_fraction": 0.6,
                    "category": "dust", "speciation_profile": "soil_dust", "source": "survey 2021"},
     "geometry": {"type": "Polygon",
                  "coordinates": [[[109.70, 39.65], [109.75, 39.65], [109.75, 39.68], [109.70, 39.68], [109.70, 39.65]]]}},
    {"type": "Feature",
     "properties": {"id": "villages", "name": "Villages", "category": "other", "speciation_profile": "res",
                    "PM2.5[t/yr]": 3, "SO2[t/yr]": 1.5e1},
     "geometry": {"type": "MultiPolygon",
                  "coordinates": [[[[109.60, 39.55], [109.62, 39.55], [109.62, 39.57], [109.60, 39.55]]],
                                  [[[109.80, 39.55], [109.84, 39.55], [109.84, 39.59], [109.80, 39.55]]]]}}
  ]
}
)";

TEST(InventoryAreas, GeoJsonPolygonsAndMultiPolygons) {
  const auto areas = parse_areas_geojson("bare.geojson", kFeatureCollection, kGrid);
  ASSERT_EQ(areas.size(), 3u);
  const auto& bare = areas[0];
  EXPECT_EQ(bare.info.id, "bare_north");
  EXPECT_EQ(bare.info.where, "bare.geojson:4");
  EXPECT_EQ(bare.kind, emis::AreaKind::wind_blown);
  EXPECT_EQ(bare.dust.erodible_fraction, 0.6);
  ASSERT_EQ(bare.polygon.vertices.size(), 4u);  // the closing position is not repeated
  const double corners[4][2] = {{109.70, 39.65}, {109.75, 39.65}, {109.75, 39.68}, {109.70, 39.68}};
  for (int v = 0; v < 4; ++v) {
    const ProjectedXY xy = kGrid.projection().forward(LonLat{corners[v][0], corners[v][1]});
    EXPECT_NEAR(bare.polygon.vertices[v][0], xy.x, 1e-6);
    EXPECT_NEAR(bare.polygon.vertices[v][1], xy.y, 1e-6);
  }
  // Parts of a MultiPolygon: one source each, the rates shared by area (the second triangle is 4x larger).
  EXPECT_EQ(areas[1].info.id, "villages/1");
  EXPECT_EQ(areas[2].info.id, "villages/2");
  const double a1 = std::abs(shoelace(areas[1].polygon)), a2 = std::abs(shoelace(areas[2].polygon));
  EXPECT_NEAR(areas[1].annual[Pollutant::SO2] + areas[2].annual[Pollutant::SO2], 15000.0, 1e-6);
  EXPECT_NEAR(areas[1].annual[Pollutant::SO2] / areas[2].annual[Pollutant::SO2], a1 / a2, 1e-12);
  EXPECT_NEAR(areas[1].annual[Pollutant::PM25] + areas[2].annual[Pollutant::PM25], 3000.0, 1e-6);
}

TEST(InventoryAreas, GeoJsonErrorsNameTheFeatureLine) {
  const auto parse = [](const std::string& text) {
    return [text] { parse_areas_geojson("g.geojson", text, kGrid); };
  };
  const std::string polygon =
      R"("geometry": {"type": "Polygon", "coordinates": [[[109.70, 39.65], [109.75, 39.65], [109.75, 39.68]]]})";
  const auto collection = [&](const std::string& properties, const std::string& geometry) {
    return "{\"type\": \"FeatureCollection\", \"features\": [\n{\"type\": \"Feature\",\n \"properties\": {" +
           properties + "},\n " + geometry + "}]}";
  };
  const std::string ok = R"("id": "a", "name": "A", "category": "dust", "speciation_profile": "p", )";
  EXPECT_NO_THROW(parse_areas_geojson("g.geojson", collection(ok + R"("NOx[t/yr]": 1)", polygon), kGrid));
  expect_error(parse(collection(ok + R"("NOx[t/yr]": 1, "colour": "red")", polygon)),
               {"g.geojson:2:", "property 'colour'", "unknown property"});
  expect_error(parse(collection(ok + R"("NOx[t/yr]": -1)", polygon)),
               {"g.geojson:2:", "property 'NOx[t/yr]'", "negative rate -1"});
  expect_error(parse(collection(ok + R"("NOx[t/yr]": ".nan")", polygon)),
               {"g.geojson:2:", "property 'NOx[t/yr]'", "not a finite number"});
  expect_error(parse(collection(
                   R"("name": "A", "category": "dust", "speciation_profile": "p", "NOx[t/yr]": 1)", polygon)),
               {"g.geojson:", "missing property 'id'"});
  const std::string holes =
      R"("geometry": {"type": "Polygon", "coordinates": [[[109.70, 39.65], [109.75, 39.65], [109.75, 39.68]],
      [[109.71, 39.655], [109.72, 39.655], [109.72, 39.66]]]})";
  expect_error(parse(collection(ok + R"("NOx[t/yr]": 1)", holes)), {"g.geojson:5:", "geometry", "holes"});
  const std::string outside =
      R"("geometry": {"type": "Polygon", "coordinates": [[[109.70, 39.65], [111.0, 39.65], [109.75, 39.68]]]})";
  expect_error(parse(collection(ok + R"("NOx[t/yr]": 1)", outside)),
               {"g.geojson:2:", "geometry", "vertex 2", "km outside the model grid"});
  const std::string line =
      R"("geometry": {"type": "LineString", "coordinates": [[109.7, 39.65], [109.75, 39.65]]})";
  expect_error(parse(collection(ok + R"("NOx[t/yr]": 1)", line)), {"g.geojson:4:", "LineString"});
  expect_error(parse("{\"type\": \"FeatureCollection\",\n \"features\": [1, 2,}"),
               {"g.geojson:2:", "not valid JSON"});
}

}  // namespace
}  // namespace airshed
