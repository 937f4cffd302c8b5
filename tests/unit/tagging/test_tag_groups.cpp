// SPDX-License-Identifier: Apache-2.0
// Tag groups: matching by category, source id, polygon region and inventory region (and their product),
// the first match wins, unmatched emissions go to `other`, and bad definitions fail with one clear line.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "tagging/tag_groups.hpp"

using namespace airshed;

namespace {

Grid grid() {
  Projection p;
  p.kind = Projection::Kind::lambert_conformal_conic;
  p.standard_parallel_1 = p.standard_parallel_2 = 39.61;
  p.longitude_of_central_meridian = 109.78;
  p.latitude_of_projection_origin = 39.61;
  return Grid(10, 10, 1000, 1000, -5000, -5000, VerticalLayers::stretched(4, 20, 1000), p);
}

// The eastern half of the grid (x > 0) as a lon/lat polygon.
TagRegion east(const Grid& g) {
  TagRegion r{"east", {}};
  for (auto [x, y] : {std::pair{0.0, -6000.0}, {6000.0, -6000.0}, {6000.0, 6000.0}, {0.0, 6000.0}}) {
    const LonLat ll = g.projection().inverse({x, y});
    r.lonlat.push_back({ll.lon, ll.lat});
  }
  return r;
}

}  // namespace

TEST(TagGroups, MatchingOrderAndReservedGroups) {
  const Grid g = grid();
  const std::vector<EmitterIdentity> emitters = {
      {"chp", "heat_plant", "kangbashi"}, {"r01", "vehicle", "kangbashi"}, {"r12", "vehicle", "dongsheng"}};
  TagGroups groups(g,
                   {{"plant", {"heat_plant"}, {}, {}},
                    {"traffic_east", {"vehicle"}, {}, {"east"}},
                    {"dongsheng", {}, {}, {"dongsheng"}},
                    {"r01", {}, {"r01"}, {}}},
                   {east(g)}, emitters, "case.yaml");
  ASSERT_EQ(groups.size(), 7u);
  EXPECT_EQ(groups.name(4), "other");
  EXPECT_EQ(groups.name(5), "boundary");
  EXPECT_EQ(groups.name(6), "initial");
  EXPECT_EQ(groups.group_of(emitters[0], 1, 1), 0u);
  EXPECT_EQ(groups.group_of(emitters[1], 7, 3), 1u);  // vehicle in the east half
  EXPECT_EQ(groups.group_of(emitters[1], 2, 3), 3u);  // west half: falls through to its source id
  EXPECT_EQ(groups.group_of(emitters[2], 2, 3), 2u);  // inventory region
  EXPECT_EQ(groups.group_of({"x", "catering", "kangbashi"}, 2, 3), groups.other());
  EXPECT_DOUBLE_EQ(groups.region_mask("east")(4, 0), 0.0);
  EXPECT_DOUBLE_EQ(groups.region_mask("east")(5, 9), 1.0);
}

TEST(TagGroups, BadDefinitionsAreOneLineErrors) {
  const Grid g = grid();
  const std::vector<EmitterIdentity> emitters = {{"chp", "heat_plant", "kangbashi"}};
  auto message = [&](std::vector<TagGroupSpec> specs, std::vector<TagRegion> regions) {
    try {
      TagGroups(g, std::move(specs), std::move(regions), emitters, "case.yaml");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message({{"other", {}, {}, {}}}, {}).find("reserved"), std::string::npos);
  EXPECT_NE(message({{"a", {}, {}, {}}, {"a", {}, {}, {}}}, {}).find("defined twice"), std::string::npos);
  EXPECT_NE(message({{"a", {}, {}, {"nowhere"}}}, {}).find("'nowhere'"), std::string::npos);
  EXPECT_NE(message({}, {{"tiny", {{109.0, 39.0}, {109.1, 39.0}}}}).find("at least 3"), std::string::npos);
}

TEST(TagGroups, PointInPolygon) {
  const std::vector<std::array<double, 2>> square = {{0, 0}, {2, 0}, {2, 2}, {0, 2}};
  EXPECT_TRUE(point_in_polygon(square, 1, 1));
  EXPECT_FALSE(point_in_polygon(square, 3, 1));
  const std::vector<std::array<double, 2>> l_shape = {{0, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 2}, {0, 2}};
  EXPECT_FALSE(point_in_polygon(l_shape, 1.5, 1.5));
  EXPECT_TRUE(point_in_polygon(l_shape, 0.5, 1.5));
}
