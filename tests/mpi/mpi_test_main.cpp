// SPDX-License-Identifier: Apache-2.0
// main() of the MPI tests: MPI around GoogleTest; only rank 0 prints GoogleTest's report, and the exit status
// is non-zero on every rank when a test failed on any rank (so mpirun fails too).
#include <gtest/gtest.h>

#include "parallel/communicator.hpp"

int main(int argc, char** argv) {
  airshed::parallel::MpiSession mpi(argc, argv);
  ::testing::InitGoogleTest(&argc, argv);
  const airshed::parallel::Communicator world = airshed::parallel::Communicator::world();
  if (!world.root()) {
    ::testing::TestEventListeners& listeners = ::testing::UnitTest::GetInstance()->listeners();
    delete listeners.Release(listeners.default_result_printer());
  }
  const int failed = RUN_ALL_TESTS();
  std::vector<double> any{static_cast<double>(failed != 0)};
  world.sum_in_rank_order(any);
  return any[0] > 0 ? 1 : 0;
}
