// SPDX-License-Identifier: Apache-2.0
// Ghost cells of the lateral boundaries (solver/lateral_boundary.hpp): at an inflow face the ghosts hold the
// boundary mixing ratio times the met density of the adjacent cell, at an outflow face (or no flow) they copy
// the boundary cell, and periodic axes copy the opposite side.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "solver/lateral_boundary.hpp"

namespace airshed {
namespace {

struct Fixture {
  Grid grid{4, 3, 100.0, 100.0, 0.0, 0.0, VerticalLayers({0.0, 10.0, 30.0}), Projection{}, 3};
  State state{grid, species()};
  Array3 rho{4, 3, 2};

  static SpeciesList species() {
    SpeciesList s(1);
    s[0].name = "O3";
    return s;
  }
  Fixture() {
    for (int k = 0; k < 2; ++k)
      for (int j = 0; j < 3; ++j)
        for (int i = 0; i < 4; ++i) {
          rho(i, j, k) = 40.0 + i + 10.0 * j + 100.0 * k;
          state.air()(i, j, k) = 1.0 + i + 10 * j + 100 * k;
          state.species_field(0)(i, j, k) = 1000.0 + i + 10 * j + 100 * k;
        }
  }
};

TEST(LateralBoundary, AirProfileIsOneAndSpeciesProfilesStartAtZero) {
  Fixture f;
  const LateralBoundary b(f.state, BoundaryKind::open, BoundaryKind::open);
  EXPECT_EQ(b.profile(0), std::vector<double>(2, 1.0));
  EXPECT_EQ(b.profile(1), std::vector<double>(2, 0.0));
}

TEST(LateralBoundary, XGhostsTakeInflowProfileOrCopyTheOutflowCell) {
  Fixture f;
  LateralBoundary b(f.state, BoundaryKind::open, BoundaryKind::open);
  b.profile(1) = {2e-8, 3e-8};
  Array3 u(5, 3, 2, 0.0);
  for (int k = 0; k < 2; ++k) {
    u(0, 0, k) = 1.0;  // row 0: inflow at the west, outflow at the east
    u(4, 0, k) = 1.0;
    u(0, 1, k) = -1.0;  // row 1: outflow at the west, inflow at the east
    u(4, 1, k) = -1.0;
    // row 2: calm faces count as outflow (zero gradient)
  }
  b.fill_x(f.state, u, f.rho);
  const Field3& c = f.state.species_field(0);
  const Field3& air = f.state.air();
  for (int k = 0; k < 2; ++k)
    for (int g = 1; g <= 3; ++g) {
      EXPECT_EQ(c(-g, 0, k), b.profile(1)[k] * f.rho(0, 0, k));
      EXPECT_EQ(air(-g, 0, k), f.rho(0, 0, k));
      EXPECT_EQ(c(3 + g, 0, k), c(3, 0, k));
      EXPECT_EQ(c(-g, 1, k), c(0, 1, k));
      EXPECT_EQ(c(3 + g, 1, k), b.profile(1)[k] * f.rho(3, 1, k));
      EXPECT_EQ(air(3 + g, 1, k), f.rho(3, 1, k));
      EXPECT_EQ(c(-g, 2, k), c(0, 2, k));
      EXPECT_EQ(c(3 + g, 2, k), c(3, 2, k));
    }
}

TEST(LateralBoundary, YGhostsTakeInflowProfileOrCopyTheOutflowCellIncludingCorners) {
  Fixture f;
  LateralBoundary b(f.state, BoundaryKind::open, BoundaryKind::open);
  b.profile(1) = {5e-9, 6e-9};
  Array3 v(4, 4, 2, 0.0);
  for (int k = 0; k < 2; ++k)
    for (int i = 0; i < 4; ++i) {
      v(i, 0, k) = i < 2 ? 1.0 : -1.0;  // south: inflow in columns 0-1, outflow in 2-3
      v(i, 3, k) = i < 2 ? 1.0 : -1.0;  // north: outflow in columns 0-1, inflow in 2-3
    }
  b.fill_y(f.state, v, f.rho);
  const Field3& c = f.state.species_field(0);
  for (int k = 0; k < 2; ++k)
    for (int g = 1; g <= 3; ++g)
      for (int i = -3; i < 7; ++i) {
        const int ic = std::clamp(i, 0, 3);  // x-ghost columns use the nearest interior column's face
        if (ic < 2) {
          EXPECT_EQ(c(i, -g, k), b.profile(1)[k] * f.rho(ic, 0, k)) << i;
          EXPECT_EQ(c(i, 2 + g, k), c(i, 2, k)) << i;
        } else {
          EXPECT_EQ(c(i, -g, k), c(i, 0, k)) << i;
          EXPECT_EQ(c(i, 2 + g, k), b.profile(1)[k] * f.rho(ic, 2, k)) << i;
        }
      }
}

TEST(LateralBoundary, PeriodicGhostsCopyTheOppositeSide) {
  Fixture f;
  const LateralBoundary b(f.state, BoundaryKind::periodic, BoundaryKind::periodic);
  const Array3 u(5, 3, 2, 1.0), v(4, 4, 2, 1.0);
  b.fill_x(f.state, u, f.rho);
  b.fill_y(f.state, v, f.rho);
  for (std::size_t fld = 0; fld < 2; ++fld) {
    const Field3& c = f.state.field(fld);
    for (int k = 0; k < 2; ++k)
      for (int g = 1; g <= 3; ++g) {
        for (int j = 0; j < 3; ++j) {
          EXPECT_EQ(c(-g, j, k), c(4 - g, j, k));
          EXPECT_EQ(c(3 + g, j, k), c(g - 1, j, k));
        }
        for (int i = 0; i < 4; ++i) {
          EXPECT_EQ(c(i, -g, k), c(i, 3 - g, k));
          EXPECT_EQ(c(i, 2 + g, k), c(i, g - 1, k));
        }
      }
  }
}

}  // namespace
}  // namespace airshed
