// SPDX-License-Identifier: Apache-2.0
#include "parallel/mpi_halo_exchange.hpp"

#include <omp.h>

#include <array>
#include <vector>

#ifdef AIRSHED_HAVE_MPI
#include <mpi.h>
#endif

namespace airshed::parallel {

#ifdef AIRSHED_HAVE_MPI

namespace {

/// Directions of travel; a message is tagged with the way it travels, so a rank that receives from its
/// west neighbour waits for the message tagged "eastward".
enum Direction { eastward = 0, westward = 1, northward = 2, southward = 3 };

class MpiHaloExchange final : public HaloExchange {
 public:
  MpiHaloExchange(const Communicator& comm, const BlockLayout& layout, const Grid& grid, HaloTraffic& traffic)
      : traffic_(traffic),
        comm_(comm),
        mpi_(MPI_Comm_f2c(comm.handle())),
        grid_(grid),
        block_(layout.block(comm.rank())) {
    const int bx = comm.rank() % layout.px(), by = comm.rank() / layout.px();
    west_ = layout.rank_at(bx - 1, by);
    east_ = layout.rank_at(bx + 1, by);
    south_ = layout.rank_at(bx, by - 1);
    north_ = layout.rank_at(bx, by + 1);
  }

  void exchange(State& state, Axis axis, int width) override {
    const double start = MPI_Wtime();
    const bool along_x = axis != Axis::y, along_y = axis != Axis::x;
    // One strip per neighbour holding every field: {west, east, south, north} as seen from this rank.
    struct Strip {
      int neighbour;
      int send_tag, receive_tag;
      int i0, i1, j0, j1;  ///< owned cells sent
      int g0, g1, h0, h1;  ///< ghost cells received
    };
    const ColumnBlock& b = block_;
    const std::array<Strip, 4> strips{{
        {along_x ? west_ : -1, westward, eastward, b.i0, b.i0 + width, b.j0, b.j1, b.i0 - width, b.i0, b.j0,
         b.j1},
        {along_x ? east_ : -1, eastward, westward, b.i1 - width, b.i1, b.j0, b.j1, b.i1, b.i1 + width, b.j0,
         b.j1},
        {along_y ? south_ : -1, southward, northward, b.i0, b.i1, b.j0, b.j0 + width, b.i0, b.i1,
         b.j0 - width, b.j0},
        {along_y ? north_ : -1, northward, southward, b.i0, b.i1, b.j1 - width, b.j1, b.i0, b.i1, b.j1,
         b.j1 + width},
    }};
    const std::size_t nf = state.n_fields();
    const int nz = grid_.nz();
    std::array<MPI_Request, 8> requests;
    int n_requests = 0;
    for (std::size_t s = 0; s < strips.size(); ++s) {
      const Strip& st = strips[s];
      if (st.neighbour < 0) continue;
      const std::size_t plane = static_cast<std::size_t>(st.i1 - st.i0) * (st.j1 - st.j0);
      const std::size_t count = plane * nz * nf;
      receive_[s].resize(count);
      send_[s].resize(count);
      MPI_Irecv(receive_[s].data(), static_cast<int>(count), MPI_DOUBLE, st.neighbour, st.receive_tag, mpi_,
                &requests[n_requests++]);
      double* out = send_[s].data();
#pragma omp parallel for collapse(2) schedule(static)
      for (std::size_t f = 0; f < nf; ++f)
        for (int k = 0; k < nz; ++k) {
          const Field3& c = state.field(f);
          double* to = out + (f * nz + k) * plane;
          for (int j = st.j0; j < st.j1; ++j)
            for (int i = st.i0; i < st.i1; ++i) *to++ = c(i, j, k);
        }
      MPI_Isend(out, static_cast<int>(count), MPI_DOUBLE, st.neighbour, st.send_tag, mpi_,
                &requests[n_requests++]);
      traffic_.bytes_sent += static_cast<double>(count * sizeof(double));
    }
    MPI_Waitall(n_requests, requests.data(), MPI_STATUSES_IGNORE);
    for (std::size_t s = 0; s < strips.size(); ++s) {
      const Strip& st = strips[s];
      if (st.neighbour < 0) continue;
      const std::size_t plane = static_cast<std::size_t>(st.g1 - st.g0) * (st.h1 - st.h0);
      const double* in = receive_[s].data();
#pragma omp parallel for collapse(2) schedule(static)
      for (std::size_t f = 0; f < nf; ++f)
        for (int k = 0; k < nz; ++k) {
          Field3& c = state.field(f);
          const double* from = in + (f * nz + k) * plane;
          for (int j = st.h0; j < st.h1; ++j)
            for (int i = st.g0; i < st.g1; ++i) c(i, j, k) = *from++;
        }
    }
    ++traffic_.exchanges;
    traffic_.seconds += MPI_Wtime() - start;
  }

  MaxTimestep agree(const MaxTimestep& local) override {
    const double start = MPI_Wtime();
    // The smallest limit wins; on a tie the lowest rank's reason, so every rank reports the same.
    const auto [seconds, rank] = comm_.min_with_rank(local.seconds);
    MaxTimestep out{seconds, comm_.broadcast(local.reason, rank)};
    ++traffic_.agreements;
    traffic_.agree_seconds += MPI_Wtime() - start;
    return out;
  }

 private:
  HaloTraffic& traffic_;
  Communicator comm_;
  MPI_Comm mpi_;
  const Grid& grid_;
  ColumnBlock block_;
  int west_ = -1, east_ = -1, south_ = -1, north_ = -1;
  std::array<std::vector<double>, 4> send_, receive_;
};

}  // namespace

std::unique_ptr<HaloExchange> make_mpi_halo_exchange(const Communicator& comm, const BlockLayout& layout,
                                                     const Grid& grid, HaloTraffic& traffic) {
  return std::make_unique<MpiHaloExchange>(comm, layout, grid, traffic);
}

#else

std::unique_ptr<HaloExchange> make_mpi_halo_exchange(const Communicator&, const BlockLayout&, const Grid&,
                                                     HaloTraffic&) {
  return nullptr;
}

#endif

}  // namespace airshed::parallel
