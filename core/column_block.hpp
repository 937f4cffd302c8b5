// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "core/grid.hpp"

namespace airshed {

/// The columns [i0, i1) x [j0, j1) of a grid that one process owns and updates: the whole grid in a serial
/// run, one block of the 2-D decomposition under MPI. Indices stay global everywhere (met, emissions, tags,
/// receptors use the same (i, j) on every rank); only the storage of the transported state and the loops of
/// the operators are limited to the block.
struct ColumnBlock {
  int i0 = 0, i1 = 0, j0 = 0, j1 = 0;

  static ColumnBlock whole(const Grid& g) { return {0, g.nx(), 0, g.ny()}; }
  int nx() const { return i1 - i0; }
  int ny() const { return j1 - j0; }
  bool contains(int i, int j) const { return i >= i0 && i < i1 && j >= j0 && j < j1; }
  bool is_whole(const Grid& g) const { return i0 == 0 && j0 == 0 && i1 == g.nx() && j1 == g.ny(); }
  /// Which edges of the block are edges of the domain (where lateral boundary conditions apply).
  bool west_edge() const { return i0 == 0; }
  bool south_edge() const { return j0 == 0; }
  bool east_edge(const Grid& g) const { return i1 == g.nx(); }
  bool north_edge(const Grid& g) const { return j1 == g.ny(); }
  bool operator==(const ColumnBlock&) const = default;
};

}  // namespace airshed
