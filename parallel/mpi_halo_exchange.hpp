// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>

#include "parallel/block_layout.hpp"
#include "parallel/communicator.hpp"
#include "solver/halo_exchange.hpp"

namespace airshed::parallel {

/// What halo exchanges cost so far on this rank (for the run summary and bench/).
struct HaloTraffic {
  long exchanges = 0;     ///< calls of HaloExchange::exchange
  double bytes_sent = 0;  ///< to all neighbours
  double seconds = 0;     ///< wall time in exchange (packing, waiting, unpacking)
  long agreements = 0;    ///< calls of HaloExchange::agree
  double agree_seconds = 0;
};

/// The MPI halo exchange of one rank's block, counting its cost into `traffic` (which must outlive it);
/// nullptr in a build without MPI, where no run has two ranks.
std::unique_ptr<HaloExchange> make_mpi_halo_exchange(const Communicator& comm, const BlockLayout& layout,
                                                     const Grid& grid, HaloTraffic& traffic);

}  // namespace airshed::parallel
