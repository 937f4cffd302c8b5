// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>

#include "core/array.hpp"
#include "core/column_block.hpp"
#include "core/grid.hpp"

namespace airshed {

/// One transported quantity on the columns of a block (the whole grid in a serial run) with `halo` ghost
/// cells on the four lateral sides, x fastest. Indices are global: (i, j, k) with i in [i0-h, i1+h),
/// j in [j0-h, j1+h), k in [0, nz). The vertical has no ghosts: the ground and the model top are boundary
/// conditions of the vertical operators. Ghosts on a domain edge hold the lateral boundary values; ghosts
/// inside the domain are filled from the neighbouring block by the halo exchange (DESIGN.md "Numerical
/// core"), so the operators never know whether they run on the whole grid or on one MPI rank's block.
class Field3 {
 public:
  Field3() = default;
  explicit Field3(const Grid& g, double value = 0.0) : Field3(g, ColumnBlock::whole(g), value) {}
  Field3(const Grid& g, ColumnBlock block, double value = 0.0)
      : block_(block),
        nz_(g.nz()),
        h_(g.halo()),
        sx_(block.nx() + 2 * g.halo()),
        sy_(static_cast<std::size_t>(sx_) * (block.ny() + 2 * g.halo())),
        base_(static_cast<std::ptrdiff_t>(h_ - block.i0) + static_cast<std::ptrdiff_t>(h_ - block.j0) * sx_),
        data_(sy_ * g.nz(), value) {}

  const ColumnBlock& block() const { return block_; }
  int nz() const { return nz_; }
  int halo() const { return h_; }
  /// Distance in elements between (i, j, k) and (i, j+1, k).
  std::ptrdiff_t stride_y() const { return sx_; }
  /// Distance in elements between (i, j, k) and (i, j, k+1).
  std::ptrdiff_t stride_z() const { return static_cast<std::ptrdiff_t>(sy_); }

  std::size_t offset(int i, int j, int k) const {
    return static_cast<std::size_t>(base_ + i + static_cast<std::ptrdiff_t>(j) * sx_ +
                                    static_cast<std::ptrdiff_t>(k) * static_cast<std::ptrdiff_t>(sy_));
  }
  double& operator()(int i, int j, int k) { return data_[offset(i, j, k)]; }
  double operator()(int i, int j, int k) const { return data_[offset(i, j, k)]; }
  /// Pointer to (i, j, k), typically the first owned cell of a row (i = block().i0); the ghosts of the row
  /// lie at the h elements before it and after its last owned cell.
  double* at(int i, int j, int k) { return data_.data() + offset(i, j, k); }
  const double* at(int i, int j, int k) const { return data_.data() + offset(i, j, k); }
  double* data() { return data_.data(); }
  const double* data() const { return data_.data(); }
  std::size_t size() const { return data_.size(); }

  /// Copy of the owned cells as a (block nx, block ny, nz) array (the whole grid in a serial run).
  Array3 interior() const {
    Array3 a(block_.nx(), block_.ny(), nz_);
    for (int k = 0; k < nz_; ++k)
      for (int j = block_.j0; j < block_.j1; ++j)
        for (int i = block_.i0; i < block_.i1; ++i) a(i - block_.i0, j - block_.j0, k) = (*this)(i, j, k);
    return a;
  }
  /// Set the owned cells from an array of the block's shape, or from one of the whole grid (a checkpoint
  /// or initial field read on every rank) of which the block's window is taken.
  void set_interior(const Array3& a) {
    const bool whole = a.n0 != block_.nx() || a.n1 != block_.ny();
    const int di = whole ? 0 : block_.i0, dj = whole ? 0 : block_.j0;
    for (int k = 0; k < nz_; ++k)
      for (int j = block_.j0; j < block_.j1; ++j)
        for (int i = block_.i0; i < block_.i1; ++i) (*this)(i, j, k) = a(i - di, j - dj, k);
  }

 private:
  ColumnBlock block_;
  int nz_ = 0, h_ = 0, sx_ = 0;
  std::size_t sy_ = 0;
  std::ptrdiff_t base_ = 0;
  aligned_vector<double> data_;
};

}  // namespace airshed
