// SPDX-License-Identifier: Apache-2.0
// Throughput of the gas-phase chemistry solver (Google Benchmark; not a test): cells per second for one
// 10-minute chemistry step at the default tolerances (rtol 1e-3, atol 1e3 molecules cm-3), for the blocked
// sparse Rosenbrock solver (Ros3) at block widths 1-64 and for the dense per-cell baseline (same method and
// step control, Eigen PartialPivLU). Each mechanism runs on 256 cells whose temperature, pressure, sun and
// starting state differ, spun up for an hour first so a step starts from a chemically plausible state, as in
// a model run. The summary at the end gives the speed-up of each width over the dense baseline.
//
//   build-*/bench/bench_chemistry [--benchmark_filter=synthetic] [--benchmark_min_time=1]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "chemistry/dense_rosenbrock.hpp"
#include "chemistry/kinetic_system.hpp"
#include "chemistry/mechanism_file.hpp"
#include "chemistry/photolysis.hpp"
#include "chemistry/rosenbrock.hpp"
#include "unit/chemistry/synthetic_mechanisms.hpp"

namespace {

using namespace airshed::chem;

constexpr int kCells = 256;  // a multiple of every block width
constexpr double kDt = 600.0;
constexpr double kPpb = 2.46e10;  // molecules cm-3 per ppb near the surface
const int kWidths[] = {1, 2, 4, 8, 16, 32, 64};

// One mechanism on kCells cells: state and effective rate constants, cell-major (y0[c * n + s]).
struct Case {
  std::string name;
  std::unique_ptr<KineticSystem> system;
  std::vector<double> y0, k;
};

// A typical polluted-boundary-layer start for the named species of a real mechanism [ppb]; everything else
// starts at 0.1 ppb and radicals find their level during the spin-up.
double initial_ppb(const std::string& species) {
  static const std::map<std::string, double> ppb = {
      {"O3", 40.0},  {"NO2", 10.0}, {"NO", 5.0},   {"CO", 200.0}, {"HCHO", 3.0}, {"FORM", 3.0}, {"PAR", 20.0},
      {"OLE", 1.0},  {"ETH", 2.0},  {"ISOP", 1.0}, {"TOL", 1.0},  {"XYL", 0.5},  {"ALD2", 2.0}, {"H2O2", 1.0},
      {"HNO3", 2.0}, {"SO2", 2.0},  {"MEOH", 5.0}, {"ETOH", 1.0}, {"PAN", 0.5},  {"ROC", 20.0}, {"NH3", 5.0}};
  const auto it = ppb.find(species);
  return it == ppb.end() ? 0.1 : it->second;
}

Case make_case(const std::string& name, const Mechanism& mechanism, bool synthetic_start) {
  Case cs;
  cs.name = name;
  cs.system = std::make_unique<KineticSystem>(mechanism);
  const KineticSystem& s = *cs.system;
  const int n = s.n_solved(), nr = s.n_reactions();
  const int n_phot = static_cast<int>(mechanism.photolysis_names.size());

  // Conditions: 280-300 K, 1000-850 hPa, sun from low to high, a few clouds.
  airshed::chem::test::Random rng(2718);
  std::vector<double> t(kCells), p(kCells), q(kCells), cosz(kCells), cloud(kCells), j;
  for (int c = 0; c < kCells; ++c) {
    t[c] = rng.uniform(280.0, 300.0);
    p[c] = rng.uniform(85000.0, 100000.0);
    q[c] = rng.uniform(0.004, 0.012);
    cosz[c] = rng.uniform(0.3, 0.9);
    cloud[c] = rng.uniform() < 0.2 ? rng.uniform(0.3, 1.0) : 1.0;
  }
  if (n_phot > 0) {
    j.resize(static_cast<std::size_t>(n_phot) * kCells);
    Photolysis(mechanism.photolysis_names).rates(kCells, cosz.data(), cloud.data(), j.data());
  }
  std::vector<double> kb(static_cast<std::size_t>(nr) * kCells);
  s.rate_constants({kCells, t.data(), p.data(), q.data(), j.empty() ? nullptr : j.data()}, kb.data());
  cs.k.resize(kb.size());
  for (int c = 0; c < kCells; ++c)
    for (int r = 0; r < nr; ++r) cs.k[c * nr + r] = kb[r * kCells + c];

  // Starting state, +-20 % from cell to cell, then one hour of chemistry.
  cs.y0.resize(static_cast<std::size_t>(n) * kCells);
  const std::vector<double> base = airshed::chem::test::synthetic_initial(n, 31);
  for (int c = 0; c < kCells; ++c)
    for (int i = 0; i < n; ++i) {
      const double v =
          synthetic_start ? base[i] : initial_ppb(mechanism.species[s.mechanism_index(i)].name) * kPpb;
      cs.y0[c * n + i] = v * rng.uniform(0.8, 1.2);
    }
  RosenbrockOptions spin;
  spin.rtol = 1e-4;
  DenseRosenbrockSolver solver(s, spin);
  for (int c = 0; c < kCells; ++c)
    for (int step = 0; step < 6; ++step)
      if (!solver.solve(cs.y0.data() + c * n, cs.k.data() + c * nr, kDt).ok)
        throw std::runtime_error("spin-up failed in cell " + std::to_string(c));
  return cs;
}

// Blocked sparse solver: the cells in blocks of `width`, laid out [block][species][cell in block].
void blocked(benchmark::State& state, const Case& cs, int width) {
  const KineticSystem& s = *cs.system;
  const int n = s.n_solved(), nr = s.n_reactions(), blocks = kCells / width;
  std::vector<double> y0(cs.y0.size()), k(cs.k.size()), y(cs.y0.size());
  for (int b = 0; b < blocks; ++b)
    for (int c = 0; c < width; ++c) {
      const int cell = b * width + c;
      for (int i = 0; i < n; ++i) y0[(b * n + i) * width + c] = cs.y0[cell * n + i];
      for (int r = 0; r < nr; ++r) k[(b * nr + r) * width + c] = cs.k[cell * nr + r];
    }
  RosenbrockSolver solver(s, RosenbrockOptions{}, width);
  long steps = 0;
  for (auto _ : state) {
    std::copy(y0.begin(), y0.end(), y.begin());
    for (int b = 0; b < blocks; ++b) {
      const RosenbrockStats st =
          solver.solve(y.data() + b * n * width, k.data() + b * nr * width, width, kDt);
      if (!st.ok) state.SkipWithError("solver failed");
      steps += st.steps;
    }
    benchmark::DoNotOptimize(y.data());
  }
  state.counters["cells_per_s"] = benchmark::Counter(kCells, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["steps_per_block"] =
      static_cast<double>(steps) / (static_cast<double>(state.iterations()) * blocks);
}

// Dense baseline: one cell at a time.
void dense(benchmark::State& state, const Case& cs) {
  const KineticSystem& s = *cs.system;
  const int n = s.n_solved(), nr = s.n_reactions();
  DenseRosenbrockSolver solver(s, RosenbrockOptions{});
  std::vector<double> y(cs.y0.size());
  long steps = 0;
  for (auto _ : state) {
    std::copy(cs.y0.begin(), cs.y0.end(), y.begin());
    for (int c = 0; c < kCells; ++c) {
      const RosenbrockStats st = solver.solve(y.data() + c * n, cs.k.data() + c * nr, kDt);
      if (!st.ok) state.SkipWithError("solver failed");
      steps += st.steps;
    }
    benchmark::DoNotOptimize(y.data());
  }
  state.counters["cells_per_s"] = benchmark::Counter(kCells, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["steps_per_block"] =
      static_cast<double>(steps) / (static_cast<double>(state.iterations()) * kCells);
}

std::vector<std::unique_ptr<Case>>& cases() {
  static std::vector<std::unique_ptr<Case>> all;
  return all;
}

// Registers the dense baseline and every block width for a mechanism; a mechanism that cannot be built
// (parser not there, spin-up failure) is reported and skipped.
void register_mechanism(const std::string& name, const std::function<Mechanism()>& build,
                        bool synthetic_start) {
  try {
    cases().push_back(std::make_unique<Case>(make_case(name, build(), synthetic_start)));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_chemistry: skipping %s: %s\n", name.c_str(), e.what());
    return;
  }
  const Case& cs = *cases().back();
  benchmark::RegisterBenchmark((name + "/dense").c_str(), [&cs](benchmark::State& st) {
    dense(st, cs);
  })->Unit(benchmark::kMillisecond);
  for (int w : kWidths)
    benchmark::RegisterBenchmark((name + "/block:" + std::to_string(w)).c_str(), [&cs,
                                                                                  w](benchmark::State& st) {
      blocked(st, cs, w);
    })->Unit(benchmark::kMillisecond);
}

// Console output plus a speed-up table: cells per second of each run over the dense baseline's (the median
// when the benchmarks are repeated).
class SpeedupReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& r : runs) {
      if (r.error_occurred || (r.run_type == Run::RT_Aggregate && r.aggregate_name != "median")) continue;
      const auto it = r.counters.find("cells_per_s");
      if (it == r.counters.end()) continue;
      const std::string name = r.run_name.str();
      if (!rate_.count(name)) order_.push_back(name);
      rate_[name] = it->second.value;
    }
  }
  void Summary() const {
    std::printf("\n%-34s %14s %10s\n", "benchmark", "cells/s", "speed-up");
    for (const std::string& name : order_) {
      const auto base = rate_.find(name.substr(0, name.find('/')) + "/dense");
      if (base != rate_.end())
        std::printf("%-34s %14.0f %9.2fx\n", name.c_str(), rate_.at(name), rate_.at(name) / base->second);
      else
        std::printf("%-34s %14.0f %10s\n", name.c_str(), rate_.at(name), "-");
    }
  }

 private:
  std::vector<std::string> order_;
  std::map<std::string, double> rate_;
};

}  // namespace

int main(int argc, char** argv) {
  register_mechanism(
      "synthetic-30x60", [] { return airshed::chem::test::synthetic(30, 60, 11); }, true);
  register_mechanism(
      "cb05-core", [] { return load_mechanism("cb05-core"); }, false);
  register_mechanism(
      "grs", [] { return load_mechanism("grs"); }, false);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  SpeedupReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.Summary();
  benchmark::Shutdown();
  return 0;
}
