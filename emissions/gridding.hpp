// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "core/grid.hpp"
#include "emissions/inventory.hpp"

namespace airshed::emis {

/// A grid cell (interior indices, no halo) and the share of a source it receives.
struct CellShare {
  int i, j;
  double fraction;
};

/// Exact area fractions of a polygon over the grid cells: the polygon is clipped against each column strip
/// and then each cell of the strip with Sutherland-Hodgman (Sutherland & Hodgman 1974, "Reentrant polygon
/// clipping", CACM 17(1)), which is exact in area for any simple subject polygon, convex or not, because the
/// clip window (a cell) is convex; areas by the shoelace formula. Fractions = cell area / sum of cell areas,
/// so they sum to 1 to round-off. Shares are ordered by i, then j; cells with no overlap are left out.
/// Errors (InputError(where, ...)): fewer than 3 distinct vertices, a vertex outside the grid ("vertex 2
/// (x, y) lies outside the grid by X km"), zero area, or a self-intersecting outline (edges that cross or
/// touch other than at their shared vertex). Repeated consecutive vertices (a closed ring) are dropped.
std::vector<CellShare> polygon_cell_shares(const Grid& grid, const Polygon& polygon,
                                           const std::string& where);

/// Length fractions of a polyline over the cells from the exact crossings of each segment with the cell
/// edges. Sum 1. A piece running exactly along an interior cell edge goes to the cell east (north) of it, as
/// Grid::locate assigns points on an edge; along the grid's east (north) boundary to the last cell.
/// Errors: fewer than 2 vertices, a vertex outside the grid, zero total length.
std::vector<CellShare> polyline_cell_shares(const Grid& grid,
                                            const std::vector<std::array<double, 2>>& vertices,
                                            const std::string& where);

/// Area of a polygon [m2] (absolute value of the shoelace sum; 0 for fewer than 3 vertices).
double polygon_area(const Polygon& polygon);
/// Length of a polyline [m].
double polyline_length(const std::vector<std::array<double, 2>>& vertices);

/// Layer fractions for a release spread uniformly over [bottom, top] m above ground: each layer gets its
/// overlap / (top - bottom). bottom == top puts everything in the layer holding that height (the upper one
/// on an interface); both 0 -> layer 0 gets 1. Returns (k, fraction) in increasing k with fraction > 0,
/// adding to exactly 1.0 in order. std::invalid_argument for bottom < 0, top < bottom, top above the model
/// top, a point release at the model top, or non-finite values.
std::vector<std::pair<int, double>> release_layer_fractions(const VerticalLayers& layers, double bottom,
                                                            double top);

}  // namespace airshed::emis
