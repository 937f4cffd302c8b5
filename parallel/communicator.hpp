// SPDX-License-Identifier: Apache-2.0
#pragma once
// The one place that knows about MPI. A Communicator is a group of ranks (MPI_COMM_WORLD, a rank group of
// an ensemble, or the single process of a build without MPI); everything above it speaks in ranks and
// byte strings, so the serial build compiles the same code paths with a communicator of size 1.
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace airshed::parallel {

/// An error that every rank of a communicator holds after they agreed on it (Communicator::agree): the
/// message names the rank that met it. Every rank can stop in order (no MPI_Abort, files cleaned up), and
/// rank 0 alone reports it.
class RankFailure : public std::runtime_error {
 public:
  RankFailure(const std::string& message, int ranks, int exit_code)
      : std::runtime_error(message), ranks_(ranks), exit_code_(exit_code) {}
  /// Size of the communicator whose ranks all hold this error.
  int ranks() const { return ranks_; }
  int exit_code() const { return exit_code_; }

 private:
  int ranks_, exit_code_;
};

/// Whether this build has MPI (AIRSHED_ENABLE_MPI and MPI found).
bool mpi_built();

/// MPI_Init_thread / MPI_Finalize for main() (does nothing without MPI or when launched without mpirun:
/// a singleton MPI run is size 1).
class MpiSession {
 public:
  MpiSession(int& argc, char**& argv);
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
};

class Communicator {
 public:
  /// All ranks of the run (a communicator of size 1 without MPI).
  static Communicator world();

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool root() const { return rank_ == 0; }

  /// Ranks with the same colour form one new communicator, ordered as in this one (MPI_Comm_split).
  Communicator split(int colour) const;

  /// The smallest value over the ranks and the lowest rank holding it.
  std::pair<double, int> min_with_rank(double value) const;
  /// Element-wise sums over the ranks, added in rank order (so the result is the same on every rank and
  /// for every run with this rank count).
  void sum_in_rank_order(std::vector<double>& values) const;
  /// `bytes` of rank `from` on every rank.
  std::string broadcast(const std::string& bytes, int from) const;
  /// Every rank's `bytes`, in rank order, on rank `to` (empty elsewhere).
  std::vector<std::string> gather(const std::string& bytes, int to) const;
  void barrier() const;

  /// Collective: every rank passes what went wrong on it ("" if nothing). If any rank has a problem, every
  /// rank throws the same RankFailure naming the lowest such rank ("rank R of N: problem"); with one rank,
  /// `problem` is thrown as it is (a RankFailure too).
  void agree(const std::string& problem, int exit_code) const;

  /// Print "airshed: rank R of N: message" to stderr and stop every rank of the run (MPI_Abort). A rank
  /// other than 0 waits a moment first, so an error that every rank meets (a bad input all of them read)
  /// is reported once, by rank 0, which stops the others while they wait.
  /// `code` is the exit status (2 for bad input, 1 otherwise, as in a serial run).
  [[noreturn]] void abort(const std::string& message, int code) const;

  /// The MPI communicator as its Fortran handle (MPI_Comm_c2f), so this header needs no mpi.h; parallel/
  /// internals turn it back with MPI_Comm_f2c. 0 without MPI.
  int handle() const { return handle_; }
  Communicator(int handle, int rank, int size) : handle_(handle), rank_(rank), size_(size) {}

 private:
  int handle_ = 0;
  /// Set for communicators split() made: the last copy frees the MPI communicator.
  std::shared_ptr<const int> owned_;
  int rank_ = 0, size_ = 1;
};

}  // namespace airshed::parallel
