// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the MPI tests share: the world communicator and a scratch directory every rank agrees on.
#include <filesystem>
#include <string>

#include "parallel/communicator.hpp"

namespace airshed::test {

inline const parallel::Communicator& world() {
  static const parallel::Communicator w = parallel::Communicator::world();
  return w;
}

/// test-output/<suite>/<name>-np<ranks>, emptied by rank 0 before every rank goes on.
inline std::filesystem::path mpi_work_dir(const std::string& suite, const std::string& name) {
  const std::filesystem::path d = std::filesystem::path(AIRSHED_BINARY_DIR) / "test-output" / suite /
                                  (name + "-np" + std::to_string(world().size()));
  if (world().root()) {
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
  }
  world().barrier();
  return d;
}

}  // namespace airshed::test
