// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "solver/max_timestep.hpp"
#include "solver/state.hpp"

namespace airshed {

/// What a domain decomposition adds to the split step (implemented by parallel/ over MPI; absent in a
/// serial run). The solver calls it at the points where an operator is about to read cells of the
/// neighbouring blocks, and where the ranks must agree on a number; it does not know about ranks.
class HaloExchange {
 public:
  enum class Axis { x, y, both };
  virtual ~HaloExchange() = default;
  /// Fill the ghosts of every field that lie inside the domain, `width` cells deep, from the blocks that
  /// own them: along x (west/east strips of the block's rows), along y (south/north strips of its
  /// columns) or both. Ghosts on domain edges are left to the lateral boundary.
  virtual void exchange(State& state, Axis axis, int width) = 0;
  /// The smallest of every rank's limit (the same on every rank afterwards, reason included).
  virtual MaxTimestep agree(const MaxTimestep& local) = 0;
};

}  // namespace airshed
