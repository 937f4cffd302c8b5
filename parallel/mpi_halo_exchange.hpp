// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>

#include "parallel/block_layout.hpp"
#include "parallel/communicator.hpp"
#include "solver/halo_exchange.hpp"

namespace airshed::parallel {

struct HaloTraffic;

/// Counters an exchange keeps (for DomainDecomposition::traffic).
class TrafficCounter {
 public:
  virtual ~TrafficCounter() = default;
  virtual const HaloTraffic& traffic() const = 0;
};

/// The MPI halo exchange of one rank's block (nullptr in a build without MPI, where no run has two ranks).
/// The returned object is both a HaloExchange and a TrafficCounter.
std::unique_ptr<HaloExchange> make_mpi_halo_exchange(const Communicator& comm, const BlockLayout& layout,
                                                     const Grid& grid);

}  // namespace airshed::parallel
