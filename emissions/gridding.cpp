// SPDX-License-Identifier: Apache-2.0
#include "emissions/gridding.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "core/error.hpp"

namespace airshed::emis {

namespace {

using Point = std::array<double, 2>;
using Ring = std::vector<Point>;

std::string num(double v, int precision = 10) {
  std::ostringstream s;
  s.precision(precision);
  s << v;
  return s.str();
}

/// Shoelace area (signed, counter-clockwise positive), taken relative to the first vertex so that large
/// projected coordinates do not cost precision.
double signed_area(const Ring& r) {
  if (r.size() < 3) return 0.0;
  const Point o = r[0];
  double twice = 0.0;
  for (std::size_t k = 1; k + 1 < r.size(); ++k) {
    twice += (r[k][0] - o[0]) * (r[k + 1][1] - o[1]) - (r[k + 1][0] - o[0]) * (r[k][1] - o[1]);
  }
  return 0.5 * twice;
}

/// Checks that every vertex lies in the grid's closed horizontal extent.
void check_inside(const Grid& grid, const Ring& vertices, const std::string& where) {
  const double xw = grid.x_west(), xe = grid.x_west() + grid.nx() * grid.dx();
  const double ys = grid.y_south(), yn = grid.y_south() + grid.ny() * grid.dy();
  for (std::size_t k = 0; k < vertices.size(); ++k) {
    const double x = vertices[k][0], y = vertices[k][1];
    if (!std::isfinite(x) || !std::isfinite(y))
      throw InputError(where, "vertex " + std::to_string(k + 1) + " has a non-finite coordinate");
    const double ox = std::max({xw - x, 0.0, x - xe}), oy = std::max({ys - y, 0.0, y - yn});
    if (ox > 0.0 || oy > 0.0) {
      throw InputError(where, "vertex " + std::to_string(k + 1) + " (" + num(x) + ", " + num(y) +
                                  ") m lies outside the grid by " + num(std::hypot(ox, oy) / 1000.0, 4) +
                                  " km (grid x " + num(xw) + ".." + num(xe) + " m, y " + num(ys) + ".." +
                                  num(yn) + " m)");
    }
  }
}

double orient(const Point& a, const Point& b, const Point& c) {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

/// c lies on the closed segment ab, given that a, b, c are collinear.
bool within(const Point& a, const Point& b, const Point& c) {
  return std::min(a[0], b[0]) <= c[0] && c[0] <= std::max(a[0], b[0]) && std::min(a[1], b[1]) <= c[1] &&
         c[1] <= std::max(a[1], b[1]);
}

/// Closed segments ab and cd share a point (a proper crossing or a touch).
bool segments_meet(const Point& a, const Point& b, const Point& c, const Point& d) {
  const double o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) return true;
  return (o1 == 0 && within(a, b, c)) || (o2 == 0 && within(a, b, d)) || (o3 == 0 && within(c, d, a)) ||
         (o4 == 0 && within(c, d, b));
}

/// Throws when the ring is not simple: two non-adjacent edges meet, or an edge folds back over the previous
/// one. Edges are swept in order of their west end so only edges with overlapping x ranges are compared.
void check_simple(const Ring& r, const std::string& where) {
  const std::size_t n = r.size();
  auto edge_a = [&](std::size_t e) -> const Point& { return r[e]; };
  auto edge_b = [&](std::size_t e) -> const Point& { return r[(e + 1) % n]; };
  for (std::size_t e = 0; e < n; ++e) {
    const Point& p = r[(e + n - 1) % n];
    const Point& q = r[e];
    const Point& s = r[(e + 1) % n];
    const double dot = (q[0] - p[0]) * (s[0] - q[0]) + (q[1] - p[1]) * (s[1] - q[1]);
    if (orient(p, q, s) == 0 && dot < 0) {
      throw InputError(where, "polygon folds back on itself at vertex " + std::to_string(e + 1) +
                                  " (self-intersecting outline)");
    }
  }
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  auto xmin = [&](std::size_t e) { return std::min(edge_a(e)[0], edge_b(e)[0]); };
  auto xmax = [&](std::size_t e) { return std::max(edge_a(e)[0], edge_b(e)[0]); };
  std::sort(order.begin(), order.end(), [&](std::size_t u, std::size_t v) { return xmin(u) < xmin(v); });
  for (std::size_t a = 0; a < n; ++a) {
    const std::size_t e = order[a];
    for (std::size_t b = a + 1; b < n && xmin(order[b]) <= xmax(e); ++b) {
      const std::size_t f = order[b];
      const bool adjacent = (e + 1) % n == f || (f + 1) % n == e;
      if (adjacent) continue;
      if (segments_meet(edge_a(e), edge_b(e), edge_a(f), edge_b(f))) {
        throw InputError(where, "polygon edges " + std::to_string(std::min(e, f) + 1) + " and " +
                                    std::to_string(std::max(e, f) + 1) +
                                    " cross or touch (self-intersecting outline)");
      }
    }
  }
}

/// Sutherland-Hodgman step: keeps the part of `in` with coordinate `axis` >= c (keep_above) or <= c.
/// Crossing points get the coordinate c exactly, so adjacent cells share their cut edges bit for bit.
Ring clip(const Ring& in, int axis, double c, bool keep_above) {
  Ring out;
  if (in.empty()) return out;
  out.reserve(in.size() + 4);
  auto inside = [&](const Point& p) { return keep_above ? p[axis] >= c : p[axis] <= c; };
  const int other = 1 - axis;
  Point s = in.back();
  bool s_in = inside(s);
  for (const Point& e : in) {
    const bool e_in = inside(e);
    if (e_in != s_in) {
      const double t = (c - s[axis]) / (e[axis] - s[axis]);
      Point x;
      x[axis] = c;
      x[other] = s[other] + t * (e[other] - s[other]);
      out.push_back(x);
    }
    if (e_in) out.push_back(e);
    s = e;
    s_in = e_in;
  }
  return out;
}

int clamp_index(double f, int n) {
  return std::clamp(static_cast<int>(std::floor(f)), 0, n - 1);
}

}  // namespace

double polygon_area(const Polygon& polygon) {
  return std::abs(signed_area(polygon.vertices));
}

double polyline_length(const std::vector<std::array<double, 2>>& vertices) {
  double length = 0.0;
  for (std::size_t k = 0; k + 1 < vertices.size(); ++k)
    length += std::hypot(vertices[k + 1][0] - vertices[k][0], vertices[k + 1][1] - vertices[k][1]);
  return length;
}

std::vector<CellShare> polygon_cell_shares(const Grid& grid, const Polygon& polygon,
                                           const std::string& where) {
  Ring ring;
  for (const Point& p : polygon.vertices) {
    if (ring.empty() || p != ring.back()) ring.push_back(p);
  }
  while (ring.size() > 1 && ring.front() == ring.back()) ring.pop_back();
  if (ring.size() < 3) throw InputError(where, "polygon has fewer than 3 distinct vertices");
  check_inside(grid, ring, where);

  // Work relative to the south-west corner of the polygon's bounding box: small numbers, exact-as-possible
  // areas.
  double x0 = ring[0][0], y0 = ring[0][1], x1 = x0, y1 = y0;
  for (const Point& p : ring) {
    x0 = std::min(x0, p[0]);
    y0 = std::min(y0, p[1]);
    x1 = std::max(x1, p[0]);
    y1 = std::max(y1, p[1]);
  }
  for (Point& p : ring) p = {p[0] - x0, p[1] - y0};

  const double area = signed_area(ring);
  // Relative to the bounding box: a polygon whose area is a round-off of its box is degenerate.
  if (!(std::abs(area) > 1e-12 * (x1 - x0) * (y1 - y0)) || area == 0.0)
    throw InputError(where, "polygon has zero area");
  check_simple(ring, where);
  if (area < 0) std::reverse(ring.begin(), ring.end());

  const double dx = grid.dx(), dy = grid.dy();
  const double ex = grid.x_west() - x0, ey = grid.y_south() - y0;  // grid origin in local coordinates
  const int i0 = clamp_index((x0 - grid.x_west()) / dx, grid.nx());
  const int i1 = clamp_index((x1 - grid.x_west()) / dx, grid.nx());
  std::vector<CellShare> out;
  std::vector<double> areas;
  double total = 0.0;
  for (int i = i0; i <= i1; ++i) {
    const Ring strip = clip(clip(ring, 0, ex + i * dx, true), 0, ex + (i + 1) * dx, false);
    if (strip.size() < 3) continue;
    double sy0 = strip[0][1], sy1 = sy0;
    for (const Point& p : strip) {
      sy0 = std::min(sy0, p[1]);
      sy1 = std::max(sy1, p[1]);
    }
    const int j0 = clamp_index((sy0 + y0 - grid.y_south()) / dy, grid.ny());
    const int j1 = clamp_index((sy1 + y0 - grid.y_south()) / dy, grid.ny());
    for (int j = j0; j <= j1; ++j) {
      const double a = signed_area(clip(clip(strip, 1, ey + j * dy, true), 1, ey + (j + 1) * dy, false));
      if (a > 0.0) {
        out.push_back(CellShare{i, j, 0.0});
        areas.push_back(a);
        total += a;
      }
    }
  }
  // For a simple polygon the pieces tile it; a mismatch means the outline slipped past check_simple.
  if (!(std::abs(total - std::abs(area)) <= 1e-9 * std::abs(area)))
    throw InternalError("polygon_cell_shares: cell pieces do not add up to the polygon area (" + where + ")");
  for (std::size_t k = 0; k < out.size(); ++k) out[k].fraction = areas[k] / total;
  return out;
}

std::vector<CellShare> polyline_cell_shares(const Grid& grid,
                                            const std::vector<std::array<double, 2>>& vertices,
                                            const std::string& where) {
  if (vertices.size() < 2) throw InputError(where, "a line needs at least 2 vertices");
  check_inside(grid, vertices, where);
  const double dx = grid.dx(), dy = grid.dy();
  std::map<std::pair<int, int>, double> length_in;
  double total = 0.0;
  for (std::size_t k = 0; k + 1 < vertices.size(); ++k) {
    // Cell units: cell edges at integer u, v, so crossing parameters are computed the same way for both axes
    // (a segment through a cell corner gets one t there, not two values a round-off apart).
    const double ua = (vertices[k][0] - grid.x_west()) / dx, ub = (vertices[k + 1][0] - grid.x_west()) / dx;
    const double va = (vertices[k][1] - grid.y_south()) / dy, vb = (vertices[k + 1][1] - grid.y_south()) / dy;
    const double seg = std::hypot(vertices[k + 1][0] - vertices[k][0], vertices[k + 1][1] - vertices[k][1]);
    if (seg == 0.0) continue;
    std::vector<double> ts;
    auto crossings = [&](double a, double b) {
      if (a == b) return;
      const double lo = std::min(a, b), hi = std::max(a, b);
      for (double e = std::floor(lo) + 1; e < hi; e += 1.0) ts.push_back((e - a) / (b - a));
    };
    crossings(ua, ub);
    crossings(va, vb);
    std::sort(ts.begin(), ts.end());
    // Merge parameters a round-off apart (a corner crossed by both families of lines).
    constexpr double kMerge = 1e-12;
    std::vector<double> cuts{0.0};
    for (double t : ts) {
      if (t > cuts.back() + kMerge && t < 1.0 - kMerge) cuts.push_back(t);
    }
    cuts.push_back(1.0);
    for (std::size_t c = 0; c + 1 < cuts.size(); ++c) {
      const double tm = 0.5 * (cuts[c] + cuts[c + 1]);
      const int i = clamp_index(ua + tm * (ub - ua), grid.nx());
      const int j = clamp_index(va + tm * (vb - va), grid.ny());
      const double piece = (cuts[c + 1] - cuts[c]) * seg;
      length_in[{i, j}] += piece;
      total += piece;
    }
  }
  if (!(total > 0.0)) throw InputError(where, "line has zero length");
  std::vector<CellShare> out;
  out.reserve(length_in.size());
  for (const auto& [cell, len] : length_in) out.push_back(CellShare{cell.first, cell.second, len / total});
  return out;
}

std::vector<std::pair<int, double>> release_layer_fractions(const VerticalLayers& layers, double bottom,
                                                            double top) {
  if (!std::isfinite(bottom) || !std::isfinite(top) || bottom < 0.0 || top < bottom) {
    throw std::invalid_argument("release_layer_fractions: need 0 <= bottom <= top, got bottom " +
                                num(bottom) + " m, top " + num(top) + " m");
  }
  const int nz = layers.nz();
  if (nz < 1) throw std::invalid_argument("release_layer_fractions: no layers");
  if (top > layers.top() || (top == bottom && top >= layers.top())) {
    throw std::invalid_argument("release_layer_fractions: release top " + num(top) +
                                " m is above the model top " + num(layers.top()) + " m");
  }
  std::vector<std::pair<int, double>> out;
  if (top == bottom) {
    int k = 0;
    while (k + 1 < nz && layers.interface(k + 1) <= bottom) ++k;
    out.emplace_back(k, 1.0);
    return out;
  }
  const double span = top - bottom;
  for (int k = 0; k < nz; ++k) {
    const double lo = std::max(bottom, layers.interface(k));
    const double hi = std::min(top, layers.interface(k + 1));
    if (hi > lo) out.emplace_back(k, (hi - lo) / span);
  }
  // The last fraction takes the remainder (nudged by ulps if needed) so the in-order sum is exactly 1, as in
  // plume_layer_fractions.
  double head = 0.0;
  for (std::size_t k = 0; k + 1 < out.size(); ++k) head += out[k].second;
  double last = 1.0 - head;
  for (int guard = 0; guard < 64 && head + last != 1.0; ++guard)
    last = std::nextafter(last, head + last < 1.0 ? 2.0 : -1.0);
  out.back().second = last;
  return out;
}

}  // namespace airshed::emis
