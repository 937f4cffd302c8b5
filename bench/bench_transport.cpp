// SPDX-License-Identifier: Apache-2.0
// Throughput of the transport kernels (Google Benchmark; not a test) on the default grid size, 60 x 60 cells
// x 16 layers with a halo of 3 and 5 transported fields (the air and 4 species; also 80 fields, a
// mechanism-sized state that no longer fits in cache): the PPM x-sweep and y-sweep
// (solver/horizontal_advection.cpp) and the vertical diffusion (solver/vertical_transport.cpp), reported as
// cell-field updates per second, next to a plain copy of the same arrays, the memory-bandwidth ceiling a
// sweep that reads and writes each field once is measured against. Each benchmark takes the thread count as
// its first argument (1 and 2); results do not depend on it (tests/verification/test_thread_identity.cpp).
//
//   build-*/bench/bench_transport [--benchmark_filter=Sweep] [--benchmark_min_time=2]
#include <benchmark/benchmark.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/constants.hpp"
#include "solver/horizontal_advection.hpp"
#include "solver/state.hpp"
#include "solver/vertical_transport.hpp"

namespace {

using namespace airshed;

constexpr int kNx = 60, kNy = 60, kNz = 16;

/// The default-size grid, 3 km cells, 16 stretched layers to 6 km, and a state of `fields` smooth positive
/// fields (the air and fields - 1 species).
struct Setup {
  Grid grid =
      Grid(kNx, kNy, 3000.0, 3000.0, 0.0, 0.0, VerticalLayers::stretched(kNz, 20.0, 6000.0), Projection{}, 3);
  State state;

  static SpeciesList species(int fields) {
    SpeciesList list(static_cast<std::size_t>(fields - 1));
    for (std::size_t s = 0; s < list.size(); ++s) list[s].name.assign(1, static_cast<char>('A' + s % 26));
    return list;
  }
  explicit Setup(int fields) : state(grid, species(fields)) {
    using constants::pi;
    for (std::size_t f = 0; f < state.n_fields(); ++f)
      for (int k = 0; k < kNz; ++k)
        for (int j = -3; j < kNy + 3; ++j)
          for (int i = -3; i < kNx + 3; ++i)
            state.field(f)(i, j, k) = (f == 0 ? 40.0 : 1e-6 * f) *
                                      (1.5 + std::sin(2 * pi * (i + f) / 17.0) * std::cos(2 * pi * j / 23.0));
  }
  /// Face winds from -2 to 22 m s-1 (both branches of the flux, as in real met), |u| dt / dx <= 0.44 at 60 s.
  Array3 wind(int n0, int n1) const {
    using constants::pi;
    Array3 u(n0, n1, kNz);
    for (int k = 0; k < kNz; ++k)
      for (int j = 0; j < n1; ++j)
        for (int i = 0; i < n0; ++i) u(i, j, k) = 10.0 + 12.0 * std::sin(2 * pi * (i + 2 * j + k) / 50.0);
    return u;
  }
};

constexpr double kDt = 60.0;

void report(benchmark::State& st, int fields) {
  st.counters["cell_field_updates"] = benchmark::Counter(
      static_cast<double>(st.iterations()) * kNx * kNy * kNz * fields, benchmark::Counter::kIsRate);
}

void BM_SweepX(benchmark::State& st) {
  omp_set_num_threads(static_cast<int>(st.range(0)));
  Setup s(static_cast<int>(st.range(1)));
  HorizontalAdvection adv(s.grid, 1.0);  // after choosing the thread count: it sizes per-thread scratch
  const Array3 u = s.wind(kNx + 1, kNy);
  for (auto _ : st) {
    adv.sweep_x(s.state, u, kDt, nullptr);
    benchmark::ClobberMemory();
  }
  report(st, static_cast<int>(s.state.n_fields()));
}

void BM_SweepY(benchmark::State& st) {
  omp_set_num_threads(static_cast<int>(st.range(0)));
  Setup s(static_cast<int>(st.range(1)));
  HorizontalAdvection adv(s.grid, 1.0);
  const Array3 v = s.wind(kNx, kNy + 1);
  for (auto _ : st) {
    adv.sweep_y(s.state, v, kDt, nullptr);
    benchmark::ClobberMemory();
  }
  report(st, static_cast<int>(s.state.n_fields()));
}

/// Vertical diffusion updates the species only (the air is the weight), with a 300 s step and a
/// boundary-layer-like Kz.
void BM_VerticalDiffusion(benchmark::State& st) {
  omp_set_num_threads(static_cast<int>(st.range(0)));
  Setup s(static_cast<int>(st.range(1)));
  VerticalTransport vertical(s.grid, 0.5);
  Array3 kz(kNx, kNy, kNz + 1, 0.0);
  for (int k = 1; k < kNz; ++k)
    for (int j = 0; j < kNy; ++j)
      for (int i = 0; i < kNx; ++i)
        kz(i, j, k) = 1.0 + 50.0 * std::exp(-s.grid.layers().interface(k) / 800.0);
  for (auto _ : st) {
    vertical.diffuse(s.state, kz, 300.0);
    benchmark::ClobberMemory();
  }
  report(st, static_cast<int>(s.state.n_species()));
}

/// std::copy of every field array (with halos) into a second set, split over (field, layer) planes like the
/// sweeps: the rate a kernel that streams each field through memory once cannot beat.
void BM_Copy(benchmark::State& st) {
  omp_set_num_threads(static_cast<int>(st.range(0)));
  Setup s(static_cast<int>(st.range(1)));
  State target(s.grid, Setup::species(static_cast<int>(st.range(1))));
  const std::size_t nf = s.state.n_fields();
  const std::size_t plane = static_cast<std::size_t>(s.state.field(0).stride_z());
  for (auto _ : st) {
#pragma omp parallel for collapse(2) schedule(static)
    for (std::size_t f = 0; f < nf; ++f)
      for (int k = 0; k < kNz; ++k) {
        const double* from = s.state.field(f).data() + k * plane;
        std::copy(from, from + plane, target.field(f).data() + k * plane);
      }
    benchmark::ClobberMemory();
  }
  report(st, static_cast<int>(nf));
  st.SetBytesProcessed(static_cast<std::int64_t>(st.iterations() * nf * plane * kNz * 2 * sizeof(double)));
}

// Arguments: threads (1, 2) and fields. 5 fields (2.8 MB with halos) is the default case and lives in the
// L2/L3 caches; 80 fields (45 MB) does not fit the 32 MB L3 of the reference machine, so its copy runs at
// memory bandwidth. Real time, not the main thread's CPU time: the work runs on an OpenMP team.
void arguments(benchmark::internal::Benchmark* b) {
  b->ArgNames({"threads", "fields"})
      ->ArgsProduct({{1, 2}, {5, 80}})
      ->UseRealTime()
      ->Unit(benchmark::kMicrosecond);
}
BENCHMARK(BM_Copy)->Apply(arguments);
BENCHMARK(BM_SweepX)->Apply(arguments);
BENCHMARK(BM_SweepY)->Apply(arguments);
BENCHMARK(BM_VerticalDiffusion)->Apply(arguments);

}  // namespace

BENCHMARK_MAIN();
