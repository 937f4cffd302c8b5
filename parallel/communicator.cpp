// SPDX-License-Identifier: Apache-2.0
#include "parallel/communicator.hpp"

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <thread>

#include "core/error.hpp"

#ifdef AIRSHED_HAVE_MPI
#include <mpi.h>
#endif

namespace airshed::parallel {

#ifdef AIRSHED_HAVE_MPI

namespace {
MPI_Comm comm_of(const Communicator& c) {
  return MPI_Comm_f2c(c.handle());
}
}  // namespace

bool mpi_built() {
  return true;
}

namespace {
bool launched_by_mpi() {
  // Open MPI's mpirun, and PMI/PMIx launchers (Slurm's srun, MPICH's hydra), set these in every rank.
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(v)) return true;
  return false;
}
}  // namespace

MpiSession::MpiSession(int& argc, char**& argv) {
  int initialised = 0;
  MPI_Initialized(&initialised);
  // A plain `airshed run` is one process: starting MPI as a singleton would only cost time (half a second
  // with Open MPI) and need the MPI runtime to work on a machine that never asked for it.
  if (initialised || !launched_by_mpi()) return;
  // OpenMP threads inside a rank never call MPI; only the thread that called main does.
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  // An error on one rank must not leave the others waiting: return codes are checked by MPI's default
  // handler, which aborts the job with MPI's own message.
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_ARE_FATAL);
}

MpiSession::~MpiSession() {
  int finalised = 0, initialised = 0;
  MPI_Initialized(&initialised);
  MPI_Finalized(&finalised);
  if (initialised && !finalised) MPI_Finalize();
}

Communicator Communicator::world() {
  int initialised = 0;
  MPI_Initialized(&initialised);
  if (!initialised) return Communicator(0, 0, 1);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  return Communicator(MPI_Comm_c2f(MPI_COMM_WORLD), rank, size);
}

Communicator Communicator::split(int colour) const {
  if (size_ == 1) return *this;
  MPI_Comm part;
  MPI_Comm_split(comm_of(*this), colour, rank_, &part);
  int rank = 0, size = 1;
  MPI_Comm_rank(part, &rank);
  MPI_Comm_size(part, &size);
  Communicator out(MPI_Comm_c2f(part), rank, size);
  out.owned_ = std::shared_ptr<const int>(new int(out.handle_), [](const int* handle) {
    int finalised = 0;
    MPI_Finalized(&finalised);
    if (!finalised) {
      MPI_Comm comm = MPI_Comm_f2c(*handle);
      MPI_Comm_free(&comm);
    }
    delete handle;
  });
  return out;
}

std::pair<double, int> Communicator::min_with_rank(double value) const {
  if (size_ == 1) return {value, 0};
  struct {
    double value;
    int rank;
  } in{value, rank_}, out{};
  MPI_Allreduce(&in, &out, 1, MPI_DOUBLE_INT, MPI_MINLOC, comm_of(*this));
  return {out.value, out.rank};
}

void Communicator::sum_in_rank_order(std::vector<double>& values) const {
  if (size_ == 1) return;
  // Gather every rank's values and add them in rank order: MPI_Allreduce may add in any order, which would
  // make a restart's budget depend on how the reduction tree fell.
  std::vector<double> all(values.size() * static_cast<std::size_t>(size_));
  MPI_Allgather(values.data(), static_cast<int>(values.size()), MPI_DOUBLE, all.data(),
                static_cast<int>(values.size()), MPI_DOUBLE, comm_of(*this));
  for (std::size_t n = 0; n < values.size(); ++n) {
    double sum = 0.0;
    for (int r = 0; r < size_; ++r) sum += all[static_cast<std::size_t>(r) * values.size() + n];
    values[n] = sum;
  }
}

std::string Communicator::broadcast(const std::string& bytes, int from) const {
  if (size_ == 1) return bytes;
  unsigned long long length = bytes.size();
  MPI_Bcast(&length, 1, MPI_UNSIGNED_LONG_LONG, from, comm_of(*this));
  if (length > static_cast<unsigned long long>(std::numeric_limits<int>::max()))
    throw InternalError("Communicator::broadcast: " + std::to_string(length) + " bytes exceed 2 GiB");
  std::string out = rank_ == from ? bytes : std::string(length, '\0');
  MPI_Bcast(out.data(), static_cast<int>(length), MPI_BYTE, from, comm_of(*this));
  return out;
}

std::vector<std::string> Communicator::gather(const std::string& bytes, int to) const {
  if (size_ == 1) return {bytes};
  // Counts and displacements of MPI_Gatherv are ints: refuse what would overflow instead of corrupting it.
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    throw InternalError("Communicator::gather: " + std::to_string(bytes.size()) +
                        " bytes from one rank exceed 2 GiB");
  int length = static_cast<int>(bytes.size());
  std::vector<int> lengths(static_cast<std::size_t>(size_)), offsets(static_cast<std::size_t>(size_));
  MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, to, comm_of(*this));
  std::vector<std::string> out;
  if (rank_ != to) {
    MPI_Gatherv(bytes.data(), length, MPI_BYTE, nullptr, nullptr, nullptr, MPI_BYTE, to, comm_of(*this));
    return out;
  }
  long long total = 0;
  for (int r = 0; r < size_; ++r) {
    offsets[static_cast<std::size_t>(r)] = static_cast<int>(total);
    total += lengths[static_cast<std::size_t>(r)];
    if (total > std::numeric_limits<int>::max())
      throw InternalError("Communicator::gather: " + std::to_string(total) + " bytes in all exceed 2 GiB");
  }
  std::string all(static_cast<std::size_t>(total), '\0');
  MPI_Gatherv(bytes.data(), length, MPI_BYTE, all.data(), lengths.data(), offsets.data(), MPI_BYTE, to,
              comm_of(*this));
  for (int r = 0; r < size_; ++r)
    out.push_back(all.substr(static_cast<std::size_t>(offsets[static_cast<std::size_t>(r)]),
                             static_cast<std::size_t>(lengths[static_cast<std::size_t>(r)])));
  return out;
}

void Communicator::barrier() const {
  if (size_ > 1) MPI_Barrier(comm_of(*this));
}

void Communicator::agree(const std::string& problem, int exit_code) const {
  if (size_ == 1) {
    if (!problem.empty()) throw RankFailure(problem, 1, exit_code);
    return;
  }
  const auto [fine, who] = min_with_rank(problem.empty() ? 1.0 : 0.0);
  if (fine > 0.0) return;
  throw RankFailure(
      "rank " + std::to_string(who) + " of " + std::to_string(size_) + ": " + broadcast(problem, who), size_,
      exit_code);
}

void Communicator::abort(const std::string& message, int code) const {
  int world_rank = 0, world_size = 1, initialised = 0;
  MPI_Initialized(&initialised);
  if (initialised) {
    MPI_Comm_rank(MPI_COMM_WORLD, &world_rank);
    MPI_Comm_size(MPI_COMM_WORLD, &world_size);
  }
  if (world_size == 1) {
    std::cerr << "airshed: " << message << std::endl;
    std::exit(code);
  }
  if (world_rank != 0) std::this_thread::sleep_for(std::chrono::seconds(2));
  std::cerr << "airshed: rank " << world_rank << " of " << world_size << ": " << message << std::endl;
  MPI_Abort(MPI_COMM_WORLD, code);
  std::exit(code);
}

#else

bool mpi_built() {
  return false;
}
MpiSession::MpiSession(int&, char**&) {}
MpiSession::~MpiSession() = default;
Communicator Communicator::world() {
  return Communicator(0, 0, 1);
}
Communicator Communicator::split(int) const {
  return *this;
}
std::pair<double, int> Communicator::min_with_rank(double value) const {
  return {value, 0};
}
void Communicator::sum_in_rank_order(std::vector<double>&) const {}
std::string Communicator::broadcast(const std::string& bytes, int) const {
  return bytes;
}
std::vector<std::string> Communicator::gather(const std::string& bytes, int) const {
  return {bytes};
}
void Communicator::barrier() const {}
void Communicator::agree(const std::string& problem, int exit_code) const {
  if (!problem.empty()) throw RankFailure(problem, 1, exit_code);
}
void Communicator::abort(const std::string& message, int code) const {
  std::cerr << "airshed: " << message << std::endl;
  std::exit(1);
}

#endif

}  // namespace airshed::parallel
