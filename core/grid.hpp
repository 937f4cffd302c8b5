// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <vector>

#include "core/projection.hpp"

namespace airshed {

/// Layer interfaces in metres above ground, interfaces[0] = 0, strictly increasing.
/// Layers follow the terrain: the model top is at interfaces.back() metres above the local ground.
class VerticalLayers {
 public:
  VerticalLayers() = default;
  /// Throws std::invalid_argument unless there are >= 2 interfaces, the first is 0 and they increase.
  explicit VerticalLayers(std::vector<double> interfaces);

  int nz() const { return static_cast<int>(interfaces_.size()) - 1; }
  double interface(int k) const { return interfaces_[k]; }
  double mid(int k) const { return 0.5 * (interfaces_[k] + interfaces_[k + 1]); }
  double thickness(int k) const { return interfaces_[k + 1] - interfaces_[k]; }
  double top() const { return interfaces_.back(); }
  const std::vector<double>& interfaces() const { return interfaces_; }

  /// Interfaces for nz layers up to `top` [m] with the first layer `first` [m] thick, thicknesses growing
  /// geometrically (the usual stretched CTM column: thin layers in the surface layer, coarse aloft).
  static VerticalLayers stretched(int nz, double first, double top);

 private:
  std::vector<double> interfaces_;
};

/// A structured grid in projected coordinates: nx x ny cells of dx x dy metres, cell (0, 0) has its
/// south-west corner at (x_west, y_south). The grid may be a window of a larger global grid
/// (offset_i, offset_j): an MPI rank's block or a sub-window of a met grid.
/// Horizontal index space has `halo` ghost cells on each side for the advection stencil.
class Grid {
 public:
  Grid() = default;
  Grid(int nx, int ny, double dx, double dy, double x_west, double y_south, VerticalLayers layers,
       Projection projection, int halo = 3);

  int nx() const { return nx_; }
  int ny() const { return ny_; }
  int nz() const { return layers_.nz(); }
  int halo() const { return halo_; }
  double dx() const { return dx_; }
  double dy() const { return dy_; }
  double x_west() const { return x_west_; }
  double y_south() const { return y_south_; }
  double x_centre(int i) const { return x_west_ + (i + 0.5) * dx_; }
  double y_centre(int j) const { return y_south_ + (j + 0.5) * dy_; }
  const VerticalLayers& layers() const { return layers_; }
  const Projection& projection() const { return projection_; }

  std::size_t cells() const { return static_cast<std::size_t>(nx_) * ny_ * nz(); }
  double cell_volume(int k) const { return dx_ * dy_ * layers_.thickness(k); }

  /// Cell index containing projected point (x, y), or false when outside the grid.
  bool locate(double x, double y, int& i, int& j) const;

  /// Geographic position of a cell centre and of the 4 corners (counter-clockwise from south-west).
  LonLat lonlat_centre(int i, int j) const;
  LonLat lonlat_corner(int i, int j, int corner) const;

 private:
  int nx_ = 0, ny_ = 0, halo_ = 3;
  double dx_ = 0, dy_ = 0, x_west_ = 0, y_south_ = 0;
  VerticalLayers layers_;
  Projection projection_;
};

}  // namespace airshed
