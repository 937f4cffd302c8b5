// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>
#include <string>

#include "core/column_block.hpp"
#include "parallel/block_layout.hpp"
#include "parallel/communicator.hpp"
#include "parallel/mpi_halo_exchange.hpp"
#include "solver/halo_exchange.hpp"
#include "solver/state.hpp"

namespace airshed::parallel {

/// A run's domain decomposition over the ranks of `comm`: this rank's block of the layout, the halo exchange
/// between blocks (MPI point-to-point, all neighbours and all fields at once, non-blocking) and the gather
/// of the blocks for output. With one rank it is the whole grid and there is no exchange.
class DomainDecomposition {
 public:
  /// `layout`: "" or "auto" chooses one (BlockLayout::choose), else "PXxPY". `what` names the option or key
  /// the layout came from in errors.
  /// `x_align`: block edges along x at multiples of it (the chemistry's cell-run width; see BlockLayout).
  DomainDecomposition(const Communicator& comm, const Grid& grid, const std::string& layout, bool x_periodic,
                      bool y_periodic, const std::string& what, int x_align = 1);
  ~DomainDecomposition();

  const Communicator& comm() const { return comm_; }
  const BlockLayout& layout() const { return layout_; }
  const ColumnBlock& block() const { return block_; }
  bool decomposed() const { return comm_.size() > 1; }
  /// nullptr with one rank.
  HaloExchange* halo();
  const HaloTraffic& traffic() const { return traffic_; }

  /// Copy every rank's owned cells of every field of `local` into `whole` (a State of the whole grid with the
  /// same fields) on `to`; `whole` is not touched elsewhere and may be nullptr there.
  void gather(const State& local, State* whole, int to = 0) const;

 private:
  Communicator comm_;
  const Grid& grid_;
  BlockLayout layout_;
  ColumnBlock block_;
  HaloTraffic traffic_;  ///< the exchange counts into it (before halo_: it outlives the exchange)
  std::unique_ptr<HaloExchange> halo_;
};

}  // namespace airshed::parallel
