// SPDX-License-Identifier: Apache-2.0
// Gridding of area and line sources against hand-computed overlaps, outside-grid and degenerate-outline
// errors, and the layer split of a release between two heights.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "core/error.hpp"
#include "emissions/gridding.hpp"

namespace airshed::emis {
namespace {

// 10 x 8 cells of 1000 m x 500 m (unequal on purpose), x -5000..5000, y 2000..6000.
// Cell edges: x = -5000 + 1000 i, y = 2000 + 500 j.
Grid test_grid(double x_west = -5000.0, double y_south = 2000.0) {
  return Grid(10, 8, 1000.0, 500.0, x_west, y_south, VerticalLayers({0.0, 50.0, 150.0, 400.0, 1000.0}),
              Projection{}, 3);
}

double share_of(const std::vector<CellShare>& s, int i, int j) {
  for (const CellShare& c : s) {
    if (c.i == i && c.j == j) return c.fraction;
  }
  return 0.0;
}

double total(const std::vector<CellShare>& s) {
  double sum = 0.0;
  for (const CellShare& c : s) sum += c.fraction;
  return sum;
}

/// Overlap of [a0, a1] and [b0, b1].
double overlap(double a0, double a1, double b0, double b1) {
  return std::max(0.0, std::min(a1, b1) - std::max(a0, b0));
}

Polygon shifted(Polygon p, double dx, double dy) {
  for (auto& v : p.vertices) v = {v[0] + dx, v[1] + dy};
  return p;
}

TEST(Gridding, PolygonInsideOneCell) {
  // Triangle inside cell (2, 3): x -3000..-2000, y 3500..4000.
  const Polygon tri{{{-2900.0, 3600.0}, {-2100.0, 3650.0}, {-2500.0, 3950.0}}};
  const auto s = polygon_cell_shares(test_grid(), tri, "areas.csv:2");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].i, 2);
  EXPECT_EQ(s[0].j, 3);
  EXPECT_EQ(s[0].fraction, 1.0);
  // Shoelace: 0.5 |800 * 350 - 400 * 50| = 0.5 * 260000 = 130000 m2.
  EXPECT_NEAR(polygon_area(tri), 130000.0, 1e-9);
}

// Rectangle x -4500..-3000, y 2250..3250 (1500 m x 1000 m = 1.5e6 m2) over cells i = 0, 1 and j = 0, 1, 2:
//   widths 500 (i=0), 1000 (i=1); heights 250 (j=0), 500 (j=1), 250 (j=2)
//   (0,0) 125000 -> 1/12, (0,1) 250000 -> 1/6, (0,2) 1/12, (1,0) 250000 -> 1/6, (1,1) 500000 -> 1/3, (1,2)
//   1/6.
TEST(Gridding, AlignedRectangleOverSixCells) {
  const Polygon rect{{{-4500.0, 2250.0}, {-3000.0, 2250.0}, {-3000.0, 3250.0}, {-4500.0, 3250.0}}};
  const auto s = polygon_cell_shares(test_grid(), rect, "areas.csv:3");
  ASSERT_EQ(s.size(), 6u);
  const double expected[2][3] = {{1.0 / 12, 1.0 / 6, 1.0 / 12}, {1.0 / 6, 1.0 / 3, 1.0 / 6}};
  int k = 0;
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 3; ++j, ++k) {
      EXPECT_EQ(s[k].i, i);  // ordered by i, then j
      EXPECT_EQ(s[k].j, j);
      EXPECT_NEAR(s[k].fraction, expected[i][j], 1e-15);
    }
  }
  EXPECT_NEAR(total(s), 1.0, 1e-15);
  EXPECT_DOUBLE_EQ(polygon_area(rect), 1.5e6);
}

// A square turned 45 degrees (a diamond |u| + |v| <= r, r = 300 m, area 2 r^2 = 180000 m2) centred at
// (100, 4100), 100 m east and north of the cell corner (0, 4000). The lines x = 0 and y = 4000 cut it:
//   west of x = 0 (u <= -100): triangle of area (r - 100)^2 = 40000; same south of y = 4000;
//   south-west (u <= -100, v <= -100): triangle (-100,-100), (-200,-100), (-100,-200), area 5000.
// Cells: (4,3) 5000 = 1/36, (4,4) 35000 = 7/36, (5,3) 35000 = 7/36, (5,4) 105000 = 21/36.
TEST(Gridding, RotatedSquare) {
  const Polygon diamond{{{400.0, 4100.0}, {100.0, 4400.0}, {-200.0, 4100.0}, {100.0, 3800.0}}};
  const auto s = polygon_cell_shares(test_grid(), diamond, "areas.csv:4");
  ASSERT_EQ(s.size(), 4u);
  EXPECT_NEAR(total(s), 1.0, 1e-12);
  EXPECT_NEAR(share_of(s, 4, 3), 1.0 / 36, 1e-12);
  EXPECT_NEAR(share_of(s, 4, 4), 7.0 / 36, 1e-12);
  EXPECT_NEAR(share_of(s, 5, 3), 7.0 / 36, 1e-12);
  EXPECT_NEAR(share_of(s, 5, 4), 21.0 / 36, 1e-12);
  EXPECT_NEAR(polygon_area(diamond), 180000.0, 1e-9);
  // A 700 m square turned 30 degrees about (-1234, 3456): pieces tile it (sum 1) and its area is side^2.
  Polygon turned;
  const double c = std::cos(std::numbers::pi / 6), sn = std::sin(std::numbers::pi / 6);
  for (const auto& [a, b] : {std::pair{-350.0, -350.0}, {350.0, -350.0}, {350.0, 350.0}, {-350.0, 350.0}})
    turned.vertices.push_back({-1234.0 + c * a - sn * b, 3456.0 + sn * a + c * b});
  const auto t = polygon_cell_shares(test_grid(), turned, "areas.csv:5");
  EXPECT_GT(t.size(), 4u);
  EXPECT_NEAR(total(t), 1.0, 1e-12);
  EXPECT_NEAR(polygon_area(turned), 490000.0, 1e-6);
}

// L-shape = bottom bar [-3800, -1600] x [2200, 2900] + upright bar [-3800, -2700] x [2900, 3800], area
// 2200 * 700 + 1100 * 900 = 2.53e6 m2, concave corner at (-2700, 2900). Each cell's share is the sum of its
// overlaps with the two bars over the area; e.g. cell (1, 0) (x -4000..-3000, y 2000..2500):
// 800 * 300 = 240000 m2 -> 0.0948617; cell (2, 2) (x -3000..-2000, y 3000..3500): 300 * 500 = 150000.
TEST(Gridding, NonConvexLShape) {
  const Polygon ell{{{-3800.0, 2200.0},
                     {-1600.0, 2200.0},
                     {-1600.0, 2900.0},
                     {-2700.0, 2900.0},
                     {-2700.0, 3800.0},
                     {-3800.0, 3800.0}}};
  const double area = 2.53e6;
  EXPECT_DOUBLE_EQ(polygon_area(ell), area);
  const struct { double x0, x1, y0, y1; } bars[2] = {{-3800, -1600, 2200, 2900}, {-3800, -2700, 2900, 3800}};
  Polygon clockwise = ell;
  std::reverse(clockwise.vertices.begin(), clockwise.vertices.end());
  for (const Polygon& p : {ell, clockwise}) {
    const auto s = polygon_cell_shares(test_grid(), p, "areas.geojson:feature 3");
    EXPECT_NEAR(total(s), 1.0, 1e-12);
    int cells = 0;
    for (int i = 0; i < 10; ++i) {
      for (int j = 0; j < 8; ++j) {
        const double cx0 = -5000.0 + 1000.0 * i, cy0 = 2000.0 + 500.0 * j;
        double a = 0.0;
        for (const auto& b : bars)
          a += overlap(b.x0, b.x1, cx0, cx0 + 1000) * overlap(b.y0, b.y1, cy0, cy0 + 500);
        EXPECT_NEAR(share_of(s, i, j), a / area, 1e-12) << i << "," << j;
        cells += a > 0;
      }
    }
    EXPECT_EQ(static_cast<int>(s.size()), cells);
    EXPECT_NEAR(share_of(s, 1, 0), 240000.0 / area, 1e-12);
    EXPECT_NEAR(share_of(s, 2, 2), 150000.0 / area, 1e-12);
  }
  // The same shape in UTM-size coordinates (x ~ 5e5, y ~ 4.4e6 m) on a grid shifted alike.
  const Grid far = test_grid(-5000.0 + 512345.0, 2000.0 + 4412345.0);
  const auto s0 = polygon_cell_shares(test_grid(), ell, "a");
  const auto s1 = polygon_cell_shares(far, shifted(ell, 512345.0, 4412345.0), "a");
  ASSERT_EQ(s0.size(), s1.size());
  for (std::size_t k = 0; k < s0.size(); ++k) EXPECT_NEAR(s0[k].fraction, s1[k].fraction, 1e-12);
}

TEST(Gridding, ClosedRingAndBoundaryVerticesAccepted) {
  // First vertex repeated (a GeoJSON-style closed ring); the rectangle touches the grid's west and south
  // boundaries: one cell (0, 0).
  const Polygon ring{
      {{-5000.0, 2000.0}, {-4000.0, 2000.0}, {-4000.0, 2500.0}, {-5000.0, 2500.0}, {-5000.0, 2000.0}}};
  const auto s = polygon_cell_shares(test_grid(), ring, "areas.csv:6");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].i, 0);
  EXPECT_EQ(s[0].j, 0);
  EXPECT_DOUBLE_EQ(s[0].fraction, 1.0);
  // The grid's north-east corner cell, touching the east and north boundaries.
  const Polygon ne{{{4500.0, 5800.0}, {5000.0, 5800.0}, {5000.0, 6000.0}}};
  const auto t = polygon_cell_shares(test_grid(), ne, "areas.csv:7");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].i, 9);
  EXPECT_EQ(t[0].j, 7);
}

template <typename F>
void expect_input_error(F&& f, const std::string& where, const std::string& fragment) {
  try {
    f();
    ADD_FAILURE() << "no error for " << fragment;
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), where);
    EXPECT_NE(e.problem().find(fragment), std::string::npos) << e.what();
  }
}

TEST(Gridding, PolygonErrors) {
  const Grid g = test_grid();
  // Third vertex 500 m east of the east edge x = 5000.
  const Polygon out{{{4000.0, 3000.0}, {4800.0, 3000.0}, {5500.0, 3400.0}}};
  expect_input_error([&] { polygon_cell_shares(g, out, "areas.csv:7"); }, "areas.csv:7",
                     "vertex 3 (5500, 3400) m lies outside the grid by 0.5 km");
  // 300 m west and 400 m south of the south-west corner: 0.5 km away.
  const Polygon corner{{{-5300.0, 1600.0}, {-4000.0, 2500.0}, {-4500.0, 3000.0}}};
  expect_input_error([&] { polygon_cell_shares(g, corner, "x"); }, "x",
                     "vertex 1 (-5300, 1600) m lies outside the grid by 0.5 km");
  const Polygon line{{{-4000.0, 3000.0}, {-3000.0, 3000.0}, {-2000.0, 3000.0}}};
  expect_input_error([&] { polygon_cell_shares(g, line, "areas.csv:8"); }, "areas.csv:8", "zero area");
  const Polygon two{{{-4000.0, 3000.0}, {-3000.0, 3000.0}}};
  expect_input_error([&] { polygon_cell_shares(g, two, "areas.csv:9"); }, "areas.csv:9", "fewer than 3");
  // Bow tie (lopsided, so its shoelace sum is not zero): edges 1 and 3 cross.
  const Polygon bowtie{{{-4000.0, 3000.0}, {-3000.0, 3500.0}, {-3000.0, 3000.0}, {-4000.0, 3400.0}}};
  expect_input_error([&] { polygon_cell_shares(g, bowtie, "areas.csv:10"); }, "areas.csv:10",
                     "edges 1 and 3 cross");
  // A spike: the outline runs out to (-2000, 3200) and back along itself.
  const Polygon spike{{{-4000.0, 3000.0},
                       {-3000.0, 3000.0},
                       {-3000.0, 3200.0},
                       {-2000.0, 3200.0},
                       {-3000.0, 3200.0},
                       {-4000.0, 3500.0}}};
  expect_input_error([&] { polygon_cell_shares(g, spike, "areas.csv:11"); }, "areas.csv:11",
                     "self-intersecting");
  // A vertex touching a non-adjacent edge (figure eight pinched at (-3000, 3000)).
  const Polygon pinch{
      {{-4000.0, 3000.0}, {-2000.0, 3000.0}, {-2000.0, 3500.0}, {-3000.0, 3000.0}, {-4000.0, 3500.0}}};
  expect_input_error([&] { polygon_cell_shares(g, pinch, "areas.csv:12"); }, "areas.csv:12",
                     "self-intersecting");
}

// The diagonal of a 3 x 3 block of cells, from corner (-3000, 2500) (cell (2, 1)) to (0, 4000), crosses
// cells (2,1), (3,2), (4,3) through their corners: a third each.
TEST(Gridding, PolylineDiagonalThirds) {
  const std::vector<std::array<double, 2>> diag{{-3000.0, 2500.0}, {0.0, 4000.0}};
  const auto s = polyline_cell_shares(test_grid(), diag, "roads.csv:2");
  ASSERT_EQ(s.size(), 3u);
  for (int k = 0; k < 3; ++k) {
    EXPECT_EQ(s[k].i, 2 + k);
    EXPECT_EQ(s[k].j, 1 + k);
    EXPECT_NEAR(s[k].fraction, 1.0 / 3.0, 1e-12);
  }
  EXPECT_NEAR(polyline_length(diag), std::hypot(3000.0, 1500.0), 1e-9);
  // Through the corner (-4000, 2500) from (-4800, 2050) to (-3200, 2950): the crossings of x = -4000 and
  // y = 2500 come out 1 ulp apart in t (0.5 and 0.5000000000000001); they are one cut, so no sliver goes to
  // cell (1, 0) and the halves are exact.
  const auto h = polyline_cell_shares(test_grid(), {{-4800.0, 2050.0}, {-3200.0, 2950.0}}, "roads.csv:9");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(share_of(h, 0, 0), 0.5);
  EXPECT_EQ(share_of(h, 1, 1), 0.5);
}

// (-4500, 2100) -> (-2500, 2100): 500 m in (0,0), 1000 in (1,0), 500 in (2,0);
// (-2500, 2100) -> (-2500, 3100): 400 m in (2,0), 500 in (2,1), 100 in (2,2). Total 3000 m.
TEST(Gridding, PolylineTwoSegments) {
  const std::vector<std::array<double, 2>> road{{-4500.0, 2100.0}, {-2500.0, 2100.0}, {-2500.0, 3100.0}};
  const auto s = polyline_cell_shares(test_grid(), road, "roads.csv:3");
  ASSERT_EQ(s.size(), 5u);
  EXPECT_NEAR(share_of(s, 0, 0), 500.0 / 3000, 1e-15);
  EXPECT_NEAR(share_of(s, 1, 0), 1000.0 / 3000, 1e-15);
  EXPECT_NEAR(share_of(s, 2, 0), 900.0 / 3000, 1e-15);
  EXPECT_NEAR(share_of(s, 2, 1), 500.0 / 3000, 1e-15);
  EXPECT_NEAR(share_of(s, 2, 2), 100.0 / 3000, 1e-15);
  EXPECT_NEAR(total(s), 1.0, 1e-15);
  EXPECT_DOUBLE_EQ(polyline_length(road), 3000.0);
}

TEST(Gridding, PolylineAlongCellEdges) {
  // Along the interior edge x = -3000: the cell east of it (i = 2), as Grid::locate does for points.
  const auto s = polyline_cell_shares(test_grid(), {{-3000.0, 2100.0}, {-3000.0, 2400.0}}, "roads.csv:4");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].i, 2);
  EXPECT_EQ(s[0].j, 0);
  // Along the grid's east boundary: the last column.
  const auto e = polyline_cell_shares(test_grid(), {{5000.0, 2100.0}, {5000.0, 2900.0}}, "roads.csv:5");
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].i, 9);
  EXPECT_NEAR(e[0].fraction, 400.0 / 800.0, 1e-15);
  EXPECT_NEAR(e[1].fraction, 400.0 / 800.0, 1e-15);
}

TEST(Gridding, PolylineErrors) {
  const Grid g = test_grid();
  expect_input_error(
      [&] {
        polyline_cell_shares(g, {{0.0, 3000.0}, {0.0, 6250.0}}, "roads.csv:6");
      },
      "roads.csv:6", "vertex 2 (0, 6250) m lies outside the grid by 0.25 km");
  expect_input_error(
      [&] {
        polyline_cell_shares(g, {{0.0, 3000.0}}, "roads.csv:7");
      },
      "roads.csv:7", "at least 2");
  expect_input_error(
      [&] {
        polyline_cell_shares(g, {{0.0, 3000.0}, {0.0, 3000.0}}, "roads.csv:8");
      },
      "roads.csv:8", "zero length");
}

// Layers 0-50-150-400-1000 m.
TEST(Gridding, ReleaseLayerFractions) {
  const VerticalLayers z({0.0, 50.0, 150.0, 400.0, 1000.0});
  using Out = std::vector<std::pair<int, double>>;
  EXPECT_EQ(release_layer_fractions(z, 0.0, 0.0), (Out{{0, 1.0}}));
  // [20, 200]: 30, 100, 50 m of 180.
  const Out f = release_layer_fractions(z, 20.0, 200.0);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].first, 0);
  EXPECT_NEAR(f[0].second, 30.0 / 180, 1e-15);
  EXPECT_NEAR(f[1].second, 100.0 / 180, 1e-15);
  EXPECT_NEAR(f[2].second, 50.0 / 180, 1e-15);
  EXPECT_EQ(f[0].second + f[1].second + f[2].second, 1.0);
  // The whole column: thickness / 1000.
  const Out all = release_layer_fractions(z, 0.0, 1000.0);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_NEAR(all[3].second, 0.6, 1e-15);
  // A release at one height: its layer (the upper one on an interface).
  EXPECT_EQ(release_layer_fractions(z, 30.0, 30.0), (Out{{0, 1.0}}));
  EXPECT_EQ(release_layer_fractions(z, 50.0, 50.0), (Out{{1, 1.0}}));
  // Entirely within one layer.
  EXPECT_EQ(release_layer_fractions(z, 160.0, 390.0), (Out{{2, 1.0}}));
  EXPECT_THROW(release_layer_fractions(z, -1.0, 10.0), std::invalid_argument);
  EXPECT_THROW(release_layer_fractions(z, 20.0, 10.0), std::invalid_argument);
  EXPECT_THROW(release_layer_fractions(z, 0.0, 1001.0), std::invalid_argument);
  EXPECT_THROW(release_layer_fractions(z, 1000.0, 1000.0), std::invalid_argument);
  EXPECT_THROW(release_layer_fractions(z, 0.0, std::nan("")), std::invalid_argument);
}

}  // namespace
}  // namespace airshed::emis
