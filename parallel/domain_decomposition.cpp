// SPDX-License-Identifier: Apache-2.0
#include "parallel/domain_decomposition.hpp"

#include <cstring>

namespace airshed::parallel {

namespace {
constexpr int kStencil = 3;  // PPM reads three cells across a face (solver/horizontal_advection.cpp)
}

DomainDecomposition::DomainDecomposition(const Communicator& comm, const Grid& grid,
                                         const std::string& layout, bool x_periodic, bool y_periodic,
                                         const std::string& what, int x_align)
    : comm_(comm),
      grid_(grid),
      layout_(layout.empty() || layout == "auto"
                  ? BlockLayout::choose(grid, comm.size(), kStencil, x_periodic, y_periodic, what, x_align)
                  : BlockLayout::parse(layout, grid, comm.size(), kStencil, x_periodic, y_periodic, what,
                                       x_align)),
      block_(layout_.block(comm.rank())) {
  if (comm_.size() > 1) halo_ = make_mpi_halo_exchange(comm_, layout_, grid_, traffic_);
}

DomainDecomposition::~DomainDecomposition() = default;

HaloExchange* DomainDecomposition::halo() {
  return halo_.get();
}

void DomainDecomposition::gather(const State& local, State* whole, int to) const {
  const std::size_t nf = local.n_fields();
  const int nz = grid_.nz();
  if (comm_.size() == 1) {
    if (whole && whole != &local)
      for (std::size_t f = 0; f < nf; ++f) whole->field(f).set_interior(local.field(f).interior());
    return;
  }
  // One field at a time: a message holds one field's block (far below MPI's 2^31 count limit on any grid a
  // node can hold) and rank 0 needs one field's receive buffer, not the whole state twice.
  const ColumnBlock& b = block_;
  std::string bytes(static_cast<std::size_t>(b.nx()) * b.ny() * nz * sizeof(double), '\0');
  for (std::size_t f = 0; f < nf; ++f) {
    char* out = bytes.data();
    for (int k = 0; k < nz; ++k)
      for (int j = b.j0; j < b.j1; ++j) {
        const std::size_t n = static_cast<std::size_t>(b.nx()) * sizeof(double);
        std::memcpy(out, local.field(f).at(b.i0, j, k), n);
        out += n;
      }
    const std::vector<std::string> parts = comm_.gather(bytes, to);
    if (comm_.rank() != to || !whole) continue;
    for (int r = 0; r < comm_.size(); ++r) {
      const ColumnBlock rb = layout_.block(r);
      const char* in = parts[static_cast<std::size_t>(r)].data();
      for (int k = 0; k < nz; ++k)
        for (int j = rb.j0; j < rb.j1; ++j) {
          const std::size_t n = static_cast<std::size_t>(rb.nx()) * sizeof(double);
          std::memcpy(whole->field(f).at(rb.i0, j, k), in, n);
          in += n;
        }
    }
  }
}

}  // namespace airshed::parallel
