// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "core/grid.hpp"

namespace airshed {
namespace {

Projection wrf_lcc() {
  Projection p;
  p.kind = Projection::Kind::lambert_conformal_conic;
  p.standard_parallel_1 = 30.0;
  p.standard_parallel_2 = 60.0;
  p.latitude_of_projection_origin = 39.61;
  p.longitude_of_central_meridian = 109.78;
  return p;
}

TEST(VerticalLayers, StretchedReachesTheTopExactlyAndIncreases) {
  for (int nz : {1, 2, 10, 25, 40})
    for (double first : {20.0, 50.0})
      for (double top : {2000.0, 5000.0, 20000.0}) {
        if (top < first * nz) continue;
        SCOPED_TRACE(testing::Message() << "nz=" << nz << " first=" << first << " top=" << top);
        const VerticalLayers z = VerticalLayers::stretched(nz, first, top);
        ASSERT_EQ(z.nz(), nz);
        EXPECT_EQ(z.interface(0), 0.0);
        EXPECT_EQ(z.top(), top);
        EXPECT_NEAR(z.thickness(0), nz == 1 ? top : first, 1e-9 * top);
        for (int k = 0; k < nz; ++k) EXPECT_GT(z.thickness(k), 0.0);
        // Geometric growth: a constant thickness ratio (the last layer absorbs only rounding).
        if (nz > 2) {
          const double r = z.thickness(1) / z.thickness(0);
          EXPECT_GE(r, 1.0);
          for (int k = 1; k + 1 < nz; ++k) EXPECT_NEAR(z.thickness(k + 1) / z.thickness(k), r, 1e-9);
        }
      }
}

TEST(VerticalLayers, EqualLayersWhenTopIsNzTimesFirst) {
  const VerticalLayers z = VerticalLayers::stretched(10, 100.0, 1000.0);
  for (int k = 0; k < 10; ++k) EXPECT_NEAR(z.thickness(k), 100.0, 1e-6);
  EXPECT_EQ(z.top(), 1000.0);
  EXPECT_NEAR(z.mid(0), 50.0, 1e-6);
}

TEST(VerticalLayers, RejectsBadInput) {
  EXPECT_THROW(VerticalLayers::stretched(0, 20.0, 1000.0), std::invalid_argument);
  EXPECT_THROW(VerticalLayers::stretched(10, 0.0, 1000.0), std::invalid_argument);
  EXPECT_THROW(VerticalLayers::stretched(10, 200.0, 1000.0), std::invalid_argument);
  EXPECT_THROW(VerticalLayers(std::vector<double>{0.0}), std::invalid_argument);
  EXPECT_THROW(VerticalLayers(std::vector<double>{10.0, 20.0}), std::invalid_argument);
  EXPECT_THROW(VerticalLayers(std::vector<double>{0.0, 20.0, 20.0}), std::invalid_argument);
  EXPECT_NO_THROW(VerticalLayers(std::vector<double>{0.0, 20.0, 50.0}));
}

TEST(Grid, GeometryAndLocate) {
  const Grid g(20, 10, 3000.0, 2000.0, -30000.0, -10000.0, VerticalLayers::stretched(5, 20.0, 1000.0),
               wrf_lcc());
  EXPECT_EQ(g.nx(), 20);
  EXPECT_EQ(g.ny(), 10);
  EXPECT_EQ(g.nz(), 5);
  EXPECT_EQ(g.cells(), 1000u);
  EXPECT_DOUBLE_EQ(g.x_centre(0), -28500.0);
  EXPECT_DOUBLE_EQ(g.y_centre(9), 9000.0);
  EXPECT_NEAR(g.cell_volume(0), 3000.0 * 2000.0 * 20.0, 1e-6);

  int i = -1, j = -1;
  ASSERT_TRUE(g.locate(-30000.0, -10000.0, i, j));  // the south-west corner belongs to cell (0, 0)
  EXPECT_EQ(i, 0);
  EXPECT_EQ(j, 0);
  ASSERT_TRUE(g.locate(1.0, 1.0, i, j));
  EXPECT_EQ(i, 10);
  EXPECT_EQ(j, 5);
  ASSERT_TRUE(g.locate(29999.0, 9999.0, i, j));
  EXPECT_EQ(i, 19);
  EXPECT_EQ(j, 9);
  EXPECT_FALSE(g.locate(30000.0, 0.0, i, j));  // east edge is outside
  EXPECT_FALSE(g.locate(0.0, 10000.0, i, j));  // north edge is outside
  EXPECT_FALSE(g.locate(-30000.1, 0.0, i, j));
  EXPECT_FALSE(g.locate(0.0, -10000.1, i, j));
  EXPECT_FALSE(g.locate(std::nan(""), 0.0, i, j));
  for (int jj = 0; jj < g.ny(); ++jj)
    for (int ii = 0; ii < g.nx(); ++ii) {
      ASSERT_TRUE(g.locate(g.x_centre(ii), g.y_centre(jj), i, j));
      EXPECT_EQ(i, ii);
      EXPECT_EQ(j, jj);
    }
}

TEST(Grid, GeographicPositions) {
  const Grid g(4, 4, 10000.0, 10000.0, -20000.0, -20000.0, VerticalLayers::stretched(2, 50.0, 500.0),
               wrf_lcc());
  // The projection origin is the shared corner of cells (1, 1) and (2, 2).
  const LonLat c = g.lonlat_corner(1, 1, 2);
  EXPECT_NEAR(c.lon, 109.78, 1e-9);
  EXPECT_NEAR(c.lat, 39.61, 1e-9);
  for (int j = 0; j < 4; ++j)
    for (int i = 0; i < 4; ++i) {
      const LonLat centre = g.lonlat_centre(i, j);
      const ProjectedXY xy = g.projection().forward(centre);
      EXPECT_NEAR(xy.x, g.x_centre(i), 1e-6);
      EXPECT_NEAR(xy.y, g.y_centre(j), 1e-6);
      // Corners counter-clockwise from the south-west.
      const LonLat sw = g.lonlat_corner(i, j, 0), se = g.lonlat_corner(i, j, 1);
      const LonLat ne = g.lonlat_corner(i, j, 2), nw = g.lonlat_corner(i, j, 3);
      EXPECT_LT(sw.lon, se.lon);
      EXPECT_LT(se.lat, ne.lat);
      EXPECT_GT(ne.lon, nw.lon);
      EXPECT_GT(nw.lat, sw.lat);
    }
}

TEST(Grid, RejectsBadShapes) {
  const VerticalLayers z = VerticalLayers::stretched(2, 50.0, 500.0);
  EXPECT_THROW(Grid(0, 4, 1000.0, 1000.0, 0.0, 0.0, z, wrf_lcc()), std::invalid_argument);
  EXPECT_THROW(Grid(4, 4, -1000.0, 1000.0, 0.0, 0.0, z, wrf_lcc()), std::invalid_argument);
  EXPECT_THROW(Grid(4, 4, 1000.0, 1000.0, 0.0, 0.0, z, wrf_lcc(), -1), std::invalid_argument);
}

}  // namespace
}  // namespace airshed
