// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <algorithm>
#include <cmath>

/// Pointwise pieces of the piecewise parabolic method (Colella & Woodward 1984, J. Comput. Phys. 54,
/// 174-201; "CW84") on a uniform grid, as CMAQ's hppm.F uses them. The sweeps in horizontal_advection.cpp
/// call them in passes over a row or a plane so that the loops vectorise.
namespace airshed::ppm {

/// Limited average slope delta a_j (CW84 eq. 1.7 with the monotonicity limit 1.8): zero at a local
/// extremum, otherwise the centred slope bounded by twice each one-sided difference.
inline double limited_slope(double cm, double c0, double cp) {
  const double dl = c0 - cm, dr = cp - c0;
  const double centred = 0.5 * (cp - cm);
  const double bound = std::min({std::abs(centred), 2.0 * std::abs(dl), 2.0 * std::abs(dr)});
  return dl * dr > 0.0 ? std::copysign(bound, centred) : 0.0;
}

/// Interface value a_{j+1/2} between cells j and j+1 (CW84 eq. 1.6 with uniform spacing).
inline double edge_value(double c0, double cp, double d0, double dp) {
  return 0.5 * (c0 + cp) - (dp - d0) / 6.0;
}

/// The parabola in a cell: left and right edge values, their difference and the curvature coefficient.
struct Parabola {
  double left, right, delta, c6;
};

/// Monotonicity constraint (CW84 eq. 1.10): flat at a local extremum; otherwise move the edge nearer the
/// overshoot so the parabola stays within [left, right]. Then Delta = right - left, c6 = 6(c - (l+r)/2).
inline Parabola monotone_parabola(double c, double left, double right) {
  if ((right - c) * (c - left) <= 0.0) {
    left = c;
    right = c;
  } else {
    const double d = right - left;
    const double c6 = 6.0 * (c - 0.5 * (left + right));
    if (d * c6 > d * d)
      left = 3.0 * c - 2.0 * right;
    else if (-d * d > d * c6)
      right = 3.0 * c - 2.0 * left;
  }
  return {left, right, right - left, 6.0 * (c - 0.5 * (left + right))};
}

/// Mean of the parabola over the last `x` (Courant number, 0 <= x <= 1) fraction of the cell at its right
/// edge, times x: the amount leaving through the right face per unit cell width (CW84 eq. 1.12).
inline double outflow_right(const Parabola& p, double x) {
  return x * (p.right - 0.5 * x * (p.delta - p.c6 * (1.0 - (2.0 / 3.0) * x)));
}

/// Same through the left face for flow in the negative direction.
inline double outflow_left(const Parabola& p, double x) {
  return x * (p.left + 0.5 * x * (p.delta + p.c6 * (1.0 - (2.0 / 3.0) * x)));
}

}  // namespace airshed::ppm
