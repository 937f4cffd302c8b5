// SPDX-License-Identifier: Apache-2.0
// MPI scaling of whole model runs (issue 8): the embedded Kangbashi case (cb05-core, aerosol, dry deposition,
// the inventory; or its inert variant kangbashi-tracer) run under mpirun with the grid decomposed over the
// ranks (RunOptions::ranks), OpenMP threads inside each rank. A whole-run benchmark, like bench_tagging: one
// run is seconds to minutes, so this is a plain program printing one table row per invocation (Markdown),
// and bench/run_scaling.sh launches the series. Figures and the cluster extrapolation in bench/README.md.
//
//   mpirun -np R bench_scaling [--mode strong|weak|serial] [--threads T] [--hours H] [--n N]
//                              [--case kangbashi|kangbashi-tracer] [--tagging] [--decomposition auto|PXxPY]
//                              [--repeat K] [--header] [--dir DIR]
//
// strong: the N x N x 18 grid (default 64, the case as shipped) on R ranks.
// weak:   N x N columns per rank (default 64): R = PX x PY ranks (PX >= PY, as square as R allows) run the
//         (PX N) x (PY N) grid with layout PXxPY, dx kept at 1 km so the domain grows around the case's
//         centre (the inventory's sources stay inside, the extra area is clean background).
// serial: on one process, what every rank repeats for the whole domain whatever the rank count: writing the
//         idealised met, opening it, reading a met record, interpolating the met to a time (twice per step),
//         the inventory's hourly emission update; and what rank 0 alone does every output hour (writing the
//         CF record of the gathered state). Cost per call and per cell, to extrapolate to large grids.
//
// Timings are rank 0's (the summary's), except "halo min-max", "KiB/step/rank max" and the peak memory of the
// other ranks, taken over every rank.
#include <omp.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "data/embedded_cases.hpp"
#include "driver/case_schema.hpp"
#include "driver/emission_setup.hpp"
#include "driver/make_met.hpp"
#include "driver/met_setup.hpp"
#include "driver/run.hpp"
#include "io/cf_output_writer.hpp"
#include "met/met_interpolator.hpp"
#include "parallel/block_layout.hpp"
#include "parallel/communicator.hpp"

using namespace airshed;
namespace fs = std::filesystem;

namespace {

struct Args {
  std::string mode = "strong";
  std::string case_name = "kangbashi";
  std::string decomposition = "auto";
  std::string dir;
  int threads = 0;
  int n = 64;
  int repeat = 1;
  double hours = 1.0;
  bool tagging = false;
  bool header = false;
};

[[noreturn]] void usage(const char* why) {
  std::fprintf(
      stderr,
      "bench_scaling: %s\nusage: mpirun -np R bench_scaling [--mode strong|weak|serial] [--threads T] "
      "[--hours H] [--n N] [--case kangbashi|kangbashi-tracer] [--tagging] "
      "[--decomposition auto|PXxPY] [--repeat K] [--header] [--dir DIR]\n",
      why);
  std::exit(2);
}

Args parse(int argc, char** argv) {
  Args a;
  for (int k = 1; k < argc; ++k) {
    const std::string o = argv[k];
    auto value = [&]() -> std::string {
      if (k + 1 >= argc) usage(("missing value of " + o).c_str());
      return argv[++k];
    };
    if (o == "--mode")
      a.mode = value();
    else if (o == "--case")
      a.case_name = value();
    else if (o == "--decomposition")
      a.decomposition = value();
    else if (o == "--dir")
      a.dir = value();
    else if (o == "--threads")
      a.threads = std::atoi(value().c_str());
    else if (o == "--n")
      a.n = std::atoi(value().c_str());
    else if (o == "--repeat")
      a.repeat = std::max(1, std::atoi(value().c_str()));
    else if (o == "--hours")
      a.hours = std::atof(value().c_str());
    else if (o == "--tagging")
      a.tagging = true;
    else if (o == "--header")
      a.header = true;
    else
      usage(("unknown option " + o).c_str());
  }
  if (a.mode != "strong" && a.mode != "weak" && a.mode != "serial") usage("--mode is strong, weak or serial");
  if (a.n < 16) usage("--n must be at least 16");
  return a;
}

/// PX x PY = ranks, PX >= PY, as square as the rank count allows (weak scaling's layout).
std::pair<int, int> square_layout(int ranks) {
  int py = static_cast<int>(std::sqrt(static_cast<double>(ranks)));
  while (ranks % py) --py;
  return {ranks / py, py};
}

CaseDefinition load(const Args& a, int nx, int ny, const fs::path& dir) {
  const char* text = embedded_case(a.case_name);
  if (!text) usage(("no embedded case " + a.case_name).c_str());
  const std::string where = "embedded:" + a.case_name;
  Config config = Config::parse(text, where, case_schema());
  config.set("case.hours=" + std::to_string(a.hours));
  config.set("grid.nx=" + std::to_string(nx));
  config.set("grid.ny=" + std::to_string(ny));
  config.set("checkpoint.interval=0");
  config.set("output.file=" + (dir / "out.nc").string());
  config.set(std::string("apportionment.enabled=") + (a.tagging ? "true" : "false"));
  return build_case(config, where, dir.string(), where);
}

/// CPUs this process may run on (mpirun's binding shows here: 1 with --bind-to core).
int cpus_allowed() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) != 0) return 0;
  return CPU_COUNT(&set);
}

/// Peak resident memory of this process, MB.
double max_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0;
}

/// Columns one rank sends per step when each of the 4 advection sweeps (x, y, y, x) exchanges once (no
/// sub-cycling) 3-cell strips with its neighbours along the sweep, and the horizontal diffusion exchanges
/// 1-cell strips with all of them: 7 block edges' worth of columns per neighbour.
long predicted_columns(const parallel::BlockLayout& layout, int rank) {
  const ColumnBlock b = layout.block(rank);
  const int bx = rank % layout.px(), by = rank / layout.px();
  const int x_neighbours = (layout.rank_at(bx - 1, by) >= 0) + (layout.rank_at(bx + 1, by) >= 0);
  const int y_neighbours = (layout.rank_at(bx, by - 1) >= 0) + (layout.rank_at(bx, by + 1) >= 0);
  return 7L * (x_neighbours * b.ny() + y_neighbours * b.nx());
}

/// Tracers of a tagged run, from the summary's "... = N tracers".
std::size_t tag_count(const RunSummary& s) {
  const std::size_t at = s.apportionment.find(" tracers");
  if (at == std::string::npos) return 0;
  std::size_t from = s.apportionment.rfind("= ", at);
  return from == std::string::npos ? 0 : std::stoul(s.apportionment.substr(from + 2, at - from - 2));
}

double max_over_ranks(const parallel::Communicator& world, double value) {
  return -world.min_with_rank(-value).first;
}

int run_scaling(const Args& a, const parallel::Communicator& world, const fs::path& dir) {
  const int ranks = world.size(), threads = omp_get_max_threads();
  int nx = a.n, ny = a.n;
  std::string decomposition = a.decomposition;
  if (a.mode == "weak") {
    const auto [px, py] = square_layout(ranks);
    nx = px * a.n;
    ny = py * a.n;
    if (decomposition == "auto") decomposition = std::to_string(px) + "x" + std::to_string(py);
  }
  const CaseDefinition c = load(a, nx, ny, dir);
  // The layout run_case will take (DomainDecomposition: a 3-cell stencil, x-cuts at the chemistry's runs).
  const bool xp = c.transport.x_boundary == BoundaryKind::periodic;
  const bool yp = c.transport.y_boundary == BoundaryKind::periodic;
  const int x_align = c.mechanism.empty() ? 1 : c.chemistry_options.block_width;
  const parallel::BlockLayout layout =
      decomposition == "auto"
          ? parallel::BlockLayout::choose(c.grid, ranks, 3, xp, yp, "--decomposition", x_align)
          : parallel::BlockLayout::parse(decomposition, c.grid, ranks, 3, xp, yp, "--decomposition", x_align);

  RunSummary best;
  double best_total = 0, best_halo_max = 0, best_halo_min = 0, best_bytes_max = 0;
  for (int r = 0; r < a.repeat; ++r) {
    static std::ostringstream quiet;
    RunOptions o;
    o.progress = &quiet;
    o.output = (dir / "out.nc").string();
    o.ranks = &world;
    o.decomposition = decomposition;
    world.barrier();
    const double start = omp_get_wtime();
    RunSummary s = run_case(c, o);
    world.barrier();
    const double total = omp_get_wtime() - start;
    const double halo_max = max_over_ranks(world, s.halo_seconds);
    const double halo_min = world.min_with_rank(s.halo_seconds).first;
    const double bytes_max = max_over_ranks(world, s.halo_bytes_per_step);
    if (r == 0 || total < best_total) {
      best = s;
      best_total = total;
      best_halo_max = halo_max;
      best_halo_min = halo_min;
      best_bytes_max = bytes_max;
    }
  }
  // Binding as each rank sees it (mpirun binds to a core by default for 2 ranks or fewer).
  std::ostringstream mine;
  mine << cpus_allowed();
  const std::vector<std::string> cpus = world.gather(mine.str(), 0);
  const double rss0 = max_rss_mb();
  const double rss_others = ranks > 1 ? max_over_ranks(world, world.root() ? 0.0 : max_rss_mb()) : 0.0;
  if (!world.root()) return 0;

  long predicted_max = 0;
  for (int r = 0; r < ranks; ++r) predicted_max = std::max(predicted_max, predicted_columns(layout, r));
  const std::size_t fields = best.field_names.size() + tag_count(best);
  const double predicted_bytes = static_cast<double>(predicted_max) * c.grid.nz() * fields * sizeof(double);
  const long cores = sysconf(_SC_NPROCESSORS_ONLN);
  std::string bound;
  for (const std::string& s : cpus) bound += (bound.empty() ? "" : ",") + s;
  const double sim_h = best.end_hours - best.start_hours;
  const ColumnBlock b0 = layout.block(0);

  if (a.header) {
    std::printf(
        "# %s, %d x %d x %d cells at %.0f m, %zu transported fields, %.2f h from %s, %ld cores online\n",
        c.name.c_str(), c.grid.nx(), c.grid.ny(), c.grid.nz(), c.grid.dx(), fields, sim_h,
        format_utc(c.start).c_str(), cores);
    std::printf(
        "| mode | ranks x threads | grid | layout | cpus/rank | steps | run [s] | wall [s] | sim-h/s | "
        "steps [s] | chemistry [s] | outside steps [s] | halo r0 [s] | halo min-max [s] | "
        "halo r0 %% of steps | KiB/step/rank max | predicted KiB | MB/step all ranks | peak MB r0 / others "
        "|\n");
    std::printf(
        "|---|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  }
  const bool over = static_cast<long>(ranks) * threads > cores;
  double all_bytes = 0;  // every rank's sends: predicted, no sub-cycling
  for (int r = 0; r < ranks; ++r)
    all_bytes += static_cast<double>(predicted_columns(layout, r)) * c.grid.nz() * fields * sizeof(double);
  if (ranks == 1) all_bytes = 0;
  std::printf(
      "| %s | %d x %d%s | %d x %d x %d | %s | %s | %zu | %.1f | %.1f | %.3f | %.1f | %.1f | %.1f | %.2f | "
      "%.2f-%.2f | %.1f %% | %.0f | %.0f | %.1f | %.0f / %s |\n",
      a.mode.c_str(), ranks, threads, over ? " (oversubscribed)" : "", c.grid.nx(), c.grid.ny(), c.grid.nz(),
      ranks == 1 ? "whole grid"
                 : (std::to_string(layout.px()) + "x" + std::to_string(layout.py()) + ", " +
                    std::to_string(b0.nx()) + " x " + std::to_string(b0.ny()))
                       .c_str(),
      bound.c_str(), best.steps, best_total, best.wall_seconds,
      best.wall_seconds > 0 ? sim_h / best.wall_seconds : 0, best.step_seconds, best.chemistry_seconds,
      best.wall_seconds - best.step_seconds, best.halo_seconds, best_halo_min, best_halo_max,
      best.step_seconds > 0 ? 100.0 * best.halo_seconds / best.step_seconds : 0.0, best_bytes_max / 1024.0,
      ranks == 1 ? 0.0 : predicted_bytes / 1024.0, all_bytes / 1e6, rss0,
      ranks > 1 ? std::to_string(static_cast<int>(std::lround(rss_others))).c_str() : "-");
  std::fflush(stdout);
  return 0;
}

/// Serial parts: what each rank does for the whole domain, and what rank 0 does per output hour.
int run_serial(const Args& a, const fs::path& dir) {
  const CaseDefinition c = load(a, a.n, a.n, dir);
  const double cells = static_cast<double>(c.grid.nx()) * c.grid.ny() * c.grid.nz();
  auto seconds = [](auto&& f) {
    const double start = omp_get_wtime();
    f();
    return omp_get_wtime() - start;
  };
  const std::string met_path = (dir / "met.nc").string();
  const double t_make = seconds([&] { make_idealised_met(c, met_path, "bench_scaling"); });
  std::unique_ptr<CaseMeteorology> meteorology;
  const double t_open = seconds([&] {
    meteorology = std::make_unique<CaseMeteorology>(met_files_of(c, met_path), c.met_format, c.grid);
  });
  MetInterpolator met(meteorology->source(), c.grid, c.start, c.kz);
  const double t_first = seconds([&] { met.at(0.0); });  // reads 2 records, interpolates
  constexpr int kCalls = 8;
  const double t_interp = seconds([&] {
                            for (int n = 1; n <= kCalls; ++n) met.at(100.0 * n);
                          }) /
                          kCalls;
  const double t_next = seconds([&] { met.at(3600.0 + 100.0); });  // one more record, interpolates
  const double t_read = std::max(0.0, t_next - t_interp);

  double t_build = 0, t_hourly = 0;
  std::size_t emitters = 0;
  std::unique_ptr<emis::EmissionModel> emissions;
  t_build = seconds([&] { emissions = build_emission_model(c); });
  if (emissions) {
    emitters = emissions->emitters().size();
    const MetFields fields = met.at(1800.0).fields;
    t_hourly = seconds([&] {
                 for (int h = 0; h < kCalls; ++h)
                   emissions->hourly_rates(UtcTime{c.start.seconds + 3600 * h}, fields);
               }) /
               kCalls;
  }

  // One output record of the case's output variables (26 for kangbashi), smooth fields as a run has them.
  std::vector<std::string> names = c.output_species;
  if (names.empty())
    for (const auto& s : c.species) names.push_back(s.species.name);
  std::vector<OutputVariable> vars;
  for (const std::string& name : names) vars.push_back({name, "ppb", "", name, ""});
  const MetState& m = met.at(1800.0);
  std::vector<const Array3*> pool;  // the met's cell-centred fields (u, v, w, Kz lie on faces)
  for (const Array3* f : {&m.fields.temperature, &m.fields.pressure, &m.fields.humidity, &m.air_density,
                          &m.air_density_tendency, &m.fields.u, &m.fields.v, &m.kz})
    if (f->n0 == c.grid.nx() && f->n1 == c.grid.ny() && f->n2 == c.grid.nz()) pool.push_back(f);
  std::vector<const Array3*> fields;
  for (std::size_t v = 0; v < vars.size(); ++v) fields.push_back(pool[v % pool.size()]);
  // HDF5 compresses a chunk when it leaves the cache or the file closes, so a record's cost is the
  // difference between files of 1 and of 4 records, each written and committed, divided by 3.
  auto write_file = [&](int records) {
    OutputAttributes attrs;
    attrs.title = "bench_scaling";
    return seconds([&] {
      CfOutputWriter writer((dir / ("records" + std::to_string(records) + ".nc")).string(), c.grid, vars,
                            attrs, c.start);
      for (int r = 0; r < records; ++r) writer.write_record(UtcTime{c.start.seconds + 3600 * r}, fields);
      writer.commit();
    });
  };
  const double t_write = std::max(0.0, (write_file(4) - write_file(1)) / 3.0);
  const std::size_t n_fields = 1 + c.species.size();
  std::printf("# serial parts, %s, %d x %d x %d = %.0f cells, 1 process, %d thread(s)\n", c.name.c_str(),
              c.grid.nx(), c.grid.ny(), c.grid.nz(), cells, omp_get_max_threads());
  std::printf("| part | who, how often | seconds | ns per cell |\n|---|---|---:|---:|\n");
  auto row = [&](const char* what, const char* when, double s) {
    std::printf("| %s | %s | %.4f | %.1f |\n", what, when, s, 1e9 * s / cells);
  };
  row("write the idealised met (widened grid, hours + 1 records)", "rank 0, once", t_make);
  row("open the met (CaseMeteorology)", "every rank, once", t_open);
  row("first met.at(): read 2 records + interpolate", "every rank, once", t_first);
  row("met.at(t) interpolation (u, v, w, T, p, q, Kz, density)", "every rank, 2 per step", t_interp);
  row("read one met record (CF, in-place window)", "every rank, per met record (1 h)", t_read);
  row("build the emission model (inventory)", "every rank, once", t_build);
  row("hourly_rates (inventory emission update)", "every rank, per hour", t_hourly);
  row("write one CF output record (26 variables, deflate)", "rank 0, per output hour", t_write);
  std::printf("# emitters %zu; gathered state per output hour %.1f MB (%zu fields x 8 B x cells)\n", emitters,
              n_fields * cells * 8.0 / 1e6, n_fields);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  parallel::MpiSession mpi(argc, argv);
  const parallel::Communicator world = parallel::Communicator::world();
  const Args a = parse(argc, argv);
  if (a.threads > 0) omp_set_num_threads(a.threads);
  const fs::path dir = a.dir.empty() ? fs::temp_directory_path() / "airshed-bench-scaling" : fs::path(a.dir);
  try {
    if (world.root()) {
      fs::remove_all(dir);
      fs::create_directories(dir);
    }
    world.barrier();
    const int status =
        a.mode == "serial" ? (world.root() ? run_serial(a, dir) : 0) : run_scaling(a, world, dir);
    world.barrier();
    if (world.root()) fs::remove_all(dir);
    return status;
  } catch (const std::exception& e) {
    world.abort(std::string("bench_scaling: ") + e.what(), 1);
  }
}
