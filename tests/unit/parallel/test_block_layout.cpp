// SPDX-License-Identifier: Apache-2.0
// The 2-D block layout of the MPI decomposition: the blocks tile the grid exactly once, differ in size by at
// most one cell, the chosen layout cuts the fewest cells, and impossible or malformed layouts are refused
// with a message naming the option.
#include <gtest/gtest.h>

#include <vector>

#include "core/error.hpp"
#include "parallel/block_layout.hpp"

using namespace airshed;
using airshed::parallel::BlockLayout;

namespace {

Grid grid(int nx, int ny) {
  return Grid(nx, ny, 1000.0, 1000.0, 0.0, 0.0, VerticalLayers({0.0, 50.0, 200.0}), Projection{}, 3);
}

void expect_tiling(const BlockLayout& L, const Grid& g, int x_align = 1) {
  std::vector<int> owner(static_cast<std::size_t>(g.nx()) * g.ny(), -1);
  int wmin = g.nx(), wmax = 0, hmin = g.ny(), hmax = 0;
  for (int r = 0; r < L.ranks(); ++r) {
    const ColumnBlock b = L.block(r);
    wmin = std::min(wmin, b.nx());
    wmax = std::max(wmax, b.nx());
    hmin = std::min(hmin, b.ny());
    hmax = std::max(hmax, b.ny());
    for (int j = b.j0; j < b.j1; ++j)
      for (int i = b.i0; i < b.i1; ++i) {
        int& o = owner[static_cast<std::size_t>(i) + static_cast<std::size_t>(g.nx()) * j];
        EXPECT_EQ(o, -1) << "cell (" << i << "," << j << ") owned twice";
        o = r;
      }
  }
  for (int o : owner) EXPECT_GE(o, 0) << "a cell belongs to no block";
  EXPECT_LE(wmax - wmin, x_align);
  EXPECT_LE(hmax - hmin, 1);
}

}  // namespace

TEST(BlockLayout, ChoosesTheLayoutThatCutsFewestCells) {
  // 4 ranks on a square grid: 2 x 2 cuts 22 + 22 cells, 4 x 1 or 1 x 4 would cut 66.
  const Grid square = grid(22, 22);
  const BlockLayout a = BlockLayout::choose(square, 4, 3, false, false, "test");
  EXPECT_EQ(a.px(), 2);
  EXPECT_EQ(a.py(), 2);
  expect_tiling(a, square);
  // A long thin grid is cut across its long side: 4 x 1 cuts 3 x 16 = 48 cells, 2 x 2 cuts 16 + 64 = 80.
  const Grid wide = grid(64, 16);
  const BlockLayout b = BlockLayout::choose(wide, 4, 3, false, false, "test");
  EXPECT_EQ(b.px(), 4);
  EXPECT_EQ(b.py(), 1);
  expect_tiling(b, wide);
  // Rank r owns block (r % px, r / px); neighbours are found by block position.
  EXPECT_EQ(a.block(1).i0, 11);
  EXPECT_EQ(a.block(2).j0, 11);
  EXPECT_EQ(a.rank_at(1, 1), 3);
  EXPECT_EQ(a.rank_at(2, 0), -1);
  EXPECT_EQ(a.describe(), "2 x 2 blocks of 11 x 11 columns");
}

TEST(BlockLayout, PrefersShorterCutsWhenTheLoadIsAlmostEqual) {
  // 8 ranks on 1000 x 1000: strips (1 x 8 or 8 x 1, largest block 125000 columns) would balance 0.8 %
  // better than 2 x 4 or 4 x 2 (126000 with the x-cuts at multiples of 16) but cut 7000 cells instead of
  // 4000.
  const Grid g = grid(1000, 1000);
  const BlockLayout L = BlockLayout::choose(g, 8, 3, false, false, "test", 16);
  EXPECT_EQ(L.px() * L.py(), 8);
  EXPECT_TRUE((L.px() == 2 && L.py() == 4) || (L.px() == 4 && L.py() == 2)) << L.describe();
  for (int r = 0; r < 8; ++r) EXPECT_EQ(L.block(r).i0 % 16, 0) << "x-cuts at multiples of 16";
  expect_tiling(L, g, 16);
}

TEST(BlockLayout, UnevenSplitsDifferByOneCell) {
  const Grid g = grid(23, 17);
  for (int ranks : {1, 2, 3, 5, 6}) expect_tiling(BlockLayout::choose(g, ranks, 3, false, false, "test"), g);
  expect_tiling(BlockLayout::parse("3x2", g, 6, 3, false, false, "test"), g);
}

TEST(BlockLayout, PeriodicAxesAreNotCut) {
  const Grid g = grid(30, 30);
  const BlockLayout x_periodic = BlockLayout::choose(g, 4, 3, true, false, "test");
  EXPECT_EQ(x_periodic.px(), 1);
  EXPECT_EQ(x_periodic.py(), 4);
  EXPECT_THROW(BlockLayout::choose(g, 4, 3, true, true, "test"), InputError);
  EXPECT_THROW(BlockLayout::parse("2x2", g, 4, 3, true, false, "test"), InputError);
}

TEST(BlockLayout, RefusesBadLayoutsNamingTheOption) {
  const Grid g = grid(10, 8);
  try {
    BlockLayout::choose(g, 16, 3, false, false, "--decomposition");
    FAIL() << "16 blocks of a 10 x 8 grid cannot all be 3 cells wide";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), "--decomposition");
    EXPECT_NE(std::string(e.what()).find("use fewer ranks"), std::string::npos) << e.what();
  }
  EXPECT_THROW(BlockLayout::parse("2x3", g, 4, 3, false, false, "--decomposition"), InputError);  // 6 != 4
  EXPECT_THROW(BlockLayout::parse("2by2", g, 4, 3, false, false, "--decomposition"), InputError);
  EXPECT_THROW(BlockLayout::parse("2x2x1", g, 4, 3, false, false, "--decomposition"), InputError);
  EXPECT_THROW(BlockLayout::parse("4x1", g, 4, 3, false, false, "--decomposition"), InputError);  // 2.5 wide
  EXPECT_NO_THROW(BlockLayout::parse("2x2", g, 4, 3, false, false, "--decomposition"));
}
