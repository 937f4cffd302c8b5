// SPDX-License-Identifier: Apache-2.0
#include "core/grid.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace airshed {

VerticalLayers::VerticalLayers(std::vector<double> interfaces) : interfaces_(std::move(interfaces)) {
  if (interfaces_.size() < 2) throw std::invalid_argument("vertical layers need at least two interfaces");
  if (interfaces_.front() != 0.0) throw std::invalid_argument("the first layer interface must be 0 m (the ground)");
  for (std::size_t k = 1; k < interfaces_.size(); ++k)
    if (!(interfaces_[k] > interfaces_[k - 1]))
      throw std::invalid_argument("layer interfaces must increase strictly (interface " + std::to_string(k) + ")");
}

VerticalLayers VerticalLayers::stretched(int nz, double first, double top) {
  if (nz < 1 || !(first > 0) || !(top > first * nz * 0.999999))
    throw std::invalid_argument("stretched layers need nz >= 1, first > 0 and top >= nz * first");
  // Find the growth ratio r with first * (r^nz - 1)/(r - 1) = top by bisection (monotone in r).
  double lo = 1.0, hi = 2.0;
  auto total = [&](double r) { return r == 1.0 ? first * nz : first * (std::pow(r, nz) - 1.0) / (r - 1.0); };
  while (total(hi) < top) hi *= 2.0;
  for (int it = 0; it < 200; ++it) {
    const double mid = 0.5 * (lo + hi);
    (total(mid) < top ? lo : hi) = mid;
  }
  const double r = 0.5 * (lo + hi);
  std::vector<double> z(nz + 1, 0.0);
  double dz = first;
  for (int k = 1; k <= nz; ++k, dz *= r) z[k] = z[k - 1] + dz;
  z[nz] = top;  // remove the bisection residue so the top is exact
  return VerticalLayers(std::move(z));
}

Grid::Grid(int nx, int ny, double dx, double dy, double x_west, double y_south, VerticalLayers layers,
           Projection projection, int halo)
    : nx_(nx), ny_(ny), halo_(halo), dx_(dx), dy_(dy), x_west_(x_west), y_south_(y_south),
      layers_(std::move(layers)), projection_(projection) {
  if (nx < 1 || ny < 1) throw std::invalid_argument("grid needs nx >= 1 and ny >= 1");
  if (!(dx > 0) || !(dy > 0)) throw std::invalid_argument("grid spacing dx and dy must be positive");
  if (halo < 0) throw std::invalid_argument("halo must be >= 0");
}

bool Grid::locate(double x, double y, int& i, int& j) const {
  const double fi = (x - x_west_) / dx_, fj = (y - y_south_) / dy_;
  if (!(fi >= 0 && fi < nx_ && fj >= 0 && fj < ny_)) return false;
  i = static_cast<int>(fi);
  j = static_cast<int>(fj);
  return true;
}

LonLat Grid::lonlat_centre(int i, int j) const { return projection_.inverse({x_centre(i), y_centre(j)}); }

LonLat Grid::lonlat_corner(int i, int j, int corner) const {
  static const int di[4] = {0, 1, 1, 0}, dj[4] = {0, 0, 1, 1};
  return projection_.inverse({x_west_ + (i + di[corner]) * dx_, y_south_ + (j + dj[corner]) * dy_});
}

}  // namespace airshed
