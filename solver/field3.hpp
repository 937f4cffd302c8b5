// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>

#include "core/array.hpp"
#include "core/grid.hpp"

namespace airshed {

/// One transported quantity on the grid with `halo` ghost cells on the four lateral sides, x fastest:
/// (i, j, k) with i in [-h, nx+h), j in [-h, ny+h), k in [0, nz). The vertical has no ghosts: the ground
/// and the model top are boundary conditions of the vertical operators. The halo lets an MPI block fill
/// its ghosts from neighbours without the operators knowing (DESIGN.md "Numerical core").
class Field3 {
 public:
  Field3() = default;
  explicit Field3(const Grid& g, double value = 0.0)
      : nx_(g.nx()),
        ny_(g.ny()),
        nz_(g.nz()),
        h_(g.halo()),
        sx_(g.nx() + 2 * g.halo()),
        sy_(static_cast<std::size_t>(sx_) * (g.ny() + 2 * g.halo())),
        data_(sy_ * g.nz(), value) {}

  int nx() const { return nx_; }
  int ny() const { return ny_; }
  int nz() const { return nz_; }
  int halo() const { return h_; }
  /// Distance in elements between (i, j, k) and (i, j+1, k).
  std::ptrdiff_t stride_y() const { return sx_; }
  /// Distance in elements between (i, j, k) and (i, j, k+1).
  std::ptrdiff_t stride_z() const { return static_cast<std::ptrdiff_t>(sy_); }

  std::size_t offset(int i, int j, int k) const {
    return static_cast<std::size_t>(i + h_) + static_cast<std::size_t>(j + h_) * sx_ + k * sy_;
  }
  double& operator()(int i, int j, int k) { return data_[offset(i, j, k)]; }
  double operator()(int i, int j, int k) const { return data_[offset(i, j, k)]; }
  /// Pointer to (0, j, k): the first interior cell of a row; ghosts are at negative offsets.
  double* row(int j, int k) { return data_.data() + offset(0, j, k); }
  const double* row(int j, int k) const { return data_.data() + offset(0, j, k); }
  double* data() { return data_.data(); }
  const double* data() const { return data_.data(); }
  std::size_t size() const { return data_.size(); }

  /// Copy of the interior as an (nx, ny, nz) array (for output and checkpoints).
  Array3 interior() const {
    Array3 a(nx_, ny_, nz_);
    for (int k = 0; k < nz_; ++k)
      for (int j = 0; j < ny_; ++j)
        for (int i = 0; i < nx_; ++i) a(i, j, k) = (*this)(i, j, k);
    return a;
  }
  void set_interior(const Array3& a) {
    for (int k = 0; k < nz_; ++k)
      for (int j = 0; j < ny_; ++j)
        for (int i = 0; i < nx_; ++i) (*this)(i, j, k) = a(i, j, k);
  }

 private:
  int nx_ = 0, ny_ = 0, nz_ = 0, h_ = 0, sx_ = 0;
  std::size_t sy_ = 0;
  aligned_vector<double> data_;
};

}  // namespace airshed
