// SPDX-License-Identifier: Apache-2.0
// Emissions resolved onto the grid (solver/tracer_sources.hpp): input errors name the source; point releases
// land in the cell and layer that contain them; an area release's cell shares add up to its total rate.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "solver/mass_budget.hpp"
#include "solver/tracer_sources.hpp"
#include "tolerances.hpp"

namespace airshed {
namespace {

namespace tol = tolerances;

Grid test_grid() {
  return Grid(10, 8, 1000.0, 500.0, -5000.0, 2000.0, VerticalLayers({0.0, 50.0, 150.0, 400.0, 1000.0}),
              Projection{}, 3);
}

SpeciesList two_species() {
  SpeciesList s(2);
  s[0].name = "NO";
  s[1].name = "PM25";
  s[1].phase = Phase::aerosol;
  return s;
}

PointRelease stack(double x, double y, double height) {
  PointRelease p;
  p.name = "stack";
  p.x = x;
  p.y = y;
  p.height = height;
  p.rate = {3.0, 0.5};
  return p;
}

/// The InputError's location when constructing sources throws, or "" when it does not.
std::string error_where(const Grid& g, const std::vector<PointRelease>& points,
                        const std::vector<AreaRelease>& areas) {
  try {
    TracerSources(g, 2, points, areas);
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(e.where()), std::string::npos);
    return e.where();
  }
  return "";
}

TEST(TracerSources, ReleasesOutsideTheGridAreInputErrorsNamingTheSource) {
  const Grid g = test_grid();  // x in [-5000, 5000), y in [2000, 6000), z in [0, 1000]
  EXPECT_EQ(error_where(g, {stack(6000.0, 3000.0, 10.0)}, {}), "source 'stack'");
  EXPECT_EQ(error_where(g, {stack(0.0, 1999.0, 10.0)}, {}), "source 'stack'");
  EXPECT_EQ(error_where(g, {stack(5000.0, 3000.0, 10.0)}, {}), "source 'stack'");  // east edge is outside
  EXPECT_EQ(error_where(g, {stack(0.0, 3000.0, 1000.0)}, {}), "source 'stack'");   // at the model top
  EXPECT_EQ(error_where(g, {stack(0.0, 3000.0, -1.0)}, {}), "source 'stack'");
  EXPECT_EQ(error_where(g, {stack(0.0, 3000.0, 10.0)}, {}), "");
  AreaRelease town;
  town.name = "town";
  town.x_min = -6000.0;
  town.x_max = 0.0;
  town.y_min = 2500.0;
  town.y_max = 3000.0;
  town.flux = {1e-6};
  EXPECT_EQ(error_where(g, {}, {town}), "source 'town'");
  town.x_min = -4000.0;
  town.depth = 2000.0;
  EXPECT_EQ(error_where(g, {}, {town}), "source 'town'");  // mixed above the top
}

TEST(TracerSources, PointReleaseGoesIntoTheContainingCellAndLayer) {
  const Grid g = test_grid();
  State state(g, two_species());
  const TracerSources sources(g, 2, {stack(1234.0, 4321.0, 160.0)}, {});
  std::vector<double> emitted(state.n_fields(), 0.0);
  sources.apply(state, 60.0, &emitted);
  // x = 1234 is in cell 6 (6000 + 1234 over 1000 m), y = 4321 in row 4 (2321 over 500 m), 160 m in layer 2.
  EXPECT_DOUBLE_EQ(state.species_field(0)(6, 4, 2) * g.cell_volume(2), 3.0 * 60.0);
  EXPECT_DOUBLE_EQ(state.species_field(1)(6, 4, 2) * g.cell_volume(2), 0.5 * 60.0);
  EXPECT_DOUBLE_EQ(domain_amount(state, 1), 3.0 * 60.0);
  EXPECT_EQ(emitted[0], 0.0);  // nothing is emitted into the air field
  EXPECT_DOUBLE_EQ(emitted[1], 3.0 * 60.0);
  EXPECT_DOUBLE_EQ(emitted[2], 0.5 * 60.0);
}

// A rectangle not aligned with the cells, mixed over 0-120 m (all of layer 0 and 70% of layer 1): the partial
// overlaps of the edge cells and the layer shares must add up to flux * area.
TEST(TracerSources, AreaSharesSumToTheTotalRate) {
  const Grid g = test_grid();
  State state(g, two_species());
  AreaRelease town;
  town.name = "town";
  town.x_min = -3700.0;
  town.x_max = 2150.0;
  town.y_min = 2330.0;
  town.y_max = 5010.0;
  town.depth = 120.0;
  town.flux = {2e-6, 7e-9};
  const TracerSources sources(g, 2, {}, {town});
  const double area = (2150.0 + 3700.0) * (5010.0 - 2330.0);
  EXPECT_NEAR(sources.total_rate()[0], 2e-6 * area, tol::source_share_sum * 2e-6 * area);
  std::vector<double> emitted(state.n_fields(), 0.0);
  sources.apply(state, 1.0, &emitted);
  for (std::size_t s = 0; s < 2; ++s) {
    const double total = town.flux[s] * area;
    std::printf("species %zu: emitted %.17g, flux * area %.17g, relative difference %.2e\n", s,
                emitted[s + 1], total, std::abs(emitted[s + 1] - total) / total);
    EXPECT_NEAR(emitted[s + 1], total, tol::source_share_sum * total);
    EXPECT_NEAR(domain_amount(state, s + 1), total, tol::source_share_sum * total);
  }
  // Only the two lowest layers receive anything, in the ratio of their shares of the 120 m depth.
  double layer[4] = {};
  for (int k = 0; k < 4; ++k)
    for (int j = 0; j < g.ny(); ++j)
      for (int i = 0; i < g.nx(); ++i) layer[k] += state.species_field(0)(i, j, k) * g.cell_volume(k);
  EXPECT_NEAR(layer[0] / layer[1], 50.0 / 70.0, 1e-14);
  EXPECT_EQ(layer[2], 0.0);
  EXPECT_EQ(layer[3], 0.0);
}

}  // namespace
}  // namespace airshed
