// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "core/column_block.hpp"
#include "core/grid.hpp"

namespace airshed::parallel {

/// A 2-D decomposition of the horizontal grid into px x py blocks of nearly equal size: rows split evenly
/// (blocks differ by at most one row); columns split at the nearest multiple of `x_align` (the chemistry
/// solves runs of x_align cells of a row together with one step-size control, so a block edge must never
/// cut such a run, or the decomposition would change the answer; x_align = 1 without chemistry). Rank r
/// owns block (r % px, r / px), so ranks that are neighbours in x are neighbours in the rank numbering too.
class BlockLayout {
 public:
  /// The best layout of `ranks` blocks: among the px x py = ranks whose largest block is within 2 % of the
  /// smallest possible (the slowest rank sets the pace), the one with the shortest exchanged strips
  /// (px-1) ny + (py-1) nx; every block at least `min_width` cells wide (the advection stencil), no cut
  /// across a periodic axis. Throws InputError (naming `what`) when none exists.
  static BlockLayout choose(const Grid& grid, int ranks, int min_width, bool x_periodic, bool y_periodic,
                            const std::string& what, int x_align = 1);
  /// "PXxPY" (e.g. "4x2"), checked like choose() against the grid and the rank count.
  static BlockLayout parse(const std::string& text, const Grid& grid, int ranks, int min_width,
                           bool x_periodic, bool y_periodic, const std::string& what, int x_align = 1);

  /// The (PX, PY) of a layout text "PXxPY"; throws InputError naming `what` for anything else.
  static std::pair<int, int> parse_shape(const std::string& text, const std::string& what);

  int px() const { return px_; }
  int py() const { return py_; }
  int ranks() const { return px_ * py_; }
  ColumnBlock block(int rank) const;
  /// Rank of block (bx, by), or -1 outside the layout.
  int rank_at(int bx, int by) const;
  std::string describe() const;  ///< "2 x 2 blocks of 40-41 x 30 columns"

 private:
  BlockLayout(int px, int py, int nx, int ny, int x_align);
  /// Why px x py blocks will not do ("" when they will).
  static std::string why_not(const Grid& g, int px, int py, int min_width, bool x_periodic, bool y_periodic,
                             int x_align);
  int px_ = 1, py_ = 1;
  std::vector<int> x_cuts_, y_cuts_;  ///< px+1 and py+1 block edges
};

}  // namespace airshed::parallel
