// SPDX-License-Identifier: Apache-2.0
#include "scenarios/ensemble.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <exception>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "core/error.hpp"
#include "driver/emission_setup.hpp"
#include "driver/make_met.hpp"
#include "driver/run.hpp"
#include "io/receptor_reader.hpp"
#include "parallel/block_layout.hpp"
#include "parallel/byte_buffer.hpp"
#include "tagging/tag_groups.hpp"

namespace airshed::scenarios {

std::vector<MetricsPlan::Quantity> default_quantities(const CaseDefinition& c) {
  std::vector<MetricsPlan::Quantity> out;
  const bool inert = c.mechanism.empty();
  for (std::size_t s = 0; s < c.species.size(); ++s)
    if (inert || c.species[s].species.name == "O3") {
      MetricsPlan::Quantity q;
      q.name = c.species[s].species.name;
      q.unit = c.species[s].species.phase == Phase::gas ? "ppb" : "ug m-3";
      q.species = s;
      out.push_back(std::move(q));
    }
  for (DerivedOutput& o : c.derived_outputs())
    if (o.name == "pm25") {
      MetricsPlan::Quantity q;
      q.name = o.name;
      q.unit = "ug m-3";
      q.derived = true;
      q.output = std::move(o);
      out.push_back(std::move(q));
    }
  return out;
}

std::vector<MetricsPlan::Site> default_sites(const CaseDefinition& c) {
  std::vector<MetricsPlan::Site> sites;
  const ApportionmentOptions& ap = c.apportionment;
  if (!ap.receptors_file.empty()) {
    const std::vector<Receptor> receptors =
        read_receptors(ap.receptors_file, read_case_input(ap.receptors_file));
    const std::vector<ReceptorCell> cells = locate_receptors(c.grid, receptors);
    for (std::size_t k = 0; k < receptors.size(); ++k) {
      MetricsPlan::Site s;
      s.name = receptors[k].name;
      s.kind = "receptor";
      s.i = cells[k].i;
      s.j = cells[k].j;
      sites.push_back(std::move(s));
    }
  }
  if (!ap.area.empty()) {
    MetricsPlan::Site s;
    s.name = ap.area;
    s.kind = "area";
    s.weight = TagGroups(c.grid, {}, ap.regions, {}, c.case_file + ": apportionment").region_mask(ap.area);
    sites.push_back(std::move(s));
  }
  MetricsPlan::Site domain;
  domain.name = "domain";
  domain.kind = "domain";
  domain.weight = Array2(c.grid.nx(), c.grid.ny(), 1.0);
  sites.push_back(std::move(domain));
  return sites;
}

void record_metrics(const MetricsPlan& plan, const State& state, UtcTime time, MemberMetrics& m) {
  const Grid& g = state.grid();
  const bool first = m.times.empty();
  if (first) {
    m.series.assign(plan.quantities.size(), std::vector<std::vector<double>>(plan.sites.size()));
    m.mean_field.assign(plan.quantities.size(), Array2(g.nx(), g.ny()));
  }
  m.times.push_back(time);
  for (std::size_t q = 0; q < plan.quantities.size(); ++q) {
    const MetricsPlan::Quantity& quantity = plan.quantities[q];
    // The run's own conversion to output units (the whole column is converted; once an hour, it is cheap).
    const Array3 a =
        quantity.derived ? derived_output(state, quantity.output) : species_output(state, quantity.species);
    for (std::size_t s = 0; s < plan.sites.size(); ++s) {
      const MetricsPlan::Site& site = plan.sites[s];
      double value = 0.0;
      if (site.kind == "receptor") {
        value = a(site.i, site.j, 0);
      } else {
        double sum = 0.0, weight = 0.0;
        for (int j = 0; j < g.ny(); ++j)
          for (int i = 0; i < g.nx(); ++i) {
            sum += site.weight(i, j) * a(i, j, 0);
            weight += site.weight(i, j);
          }
        value = weight > 0 ? sum / weight : 0.0;
      }
      m.series[q][s].push_back(value);
    }
    if (!first) {  // the episode mean leaves out the initial state, which the members only scale
      Array2& f = m.mean_field[q];
      for (int j = 0; j < g.ny(); ++j)
        for (int i = 0; i < g.nx(); ++i) f(i, j) += a(i, j, 0);
    }
  }
}

void finish_metrics(MemberMetrics& m) {
  if (m.times.size() < 2) return;
  const double n = static_cast<double>(m.times.size() - 1);
  for (Array2& f : m.mean_field)
    for (double& x : f.data) x /= n;
}

namespace {

bool several_ranks(const EnsembleOptions& options) {
  return options.ranks && options.ranks->size() > 1;
}

/// The OpenMP threads in all (options.threads, else the OpenMP default, else the cores).
int total_threads(const EnsembleOptions& options) {
  int total = options.threads;
#ifdef _OPENMP
  if (total <= 0) total = omp_get_max_threads();
#endif
  if (total <= 0) total = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return total;
}

/// A layout "PXxPY" must have one block per rank of a group; checked before anything runs (the runs check it
/// against the grid).
void check_layout(const std::string& text, int ranks_per_group) {
  if (text.empty() || text == "auto") return;
  const auto [px, py] = parallel::BlockLayout::parse_shape(text, "--decomposition");
  if (px * py != ranks_per_group)
    throw InputError("--decomposition", "layout " + text + " has " + std::to_string(px * py) +
                                            " blocks but each rank group has " +
                                            std::to_string(ranks_per_group) +
                                            " MPI rank(s) (see --rank-groups)");
}

/// One member's run: the member's copy of the case, the shared met and emissions, metrics via on_record
/// (on rank 0 of `ranks` alone when the run is decomposed).
MemberMetrics run_member(const CaseDefinition& c, const EnsembleMember& member, const MetSource* met,
                         const emis::EmissionModel* emissions, const MetricsPlan& plan,
                         const parallel::Communicator* ranks, const std::string& decomposition) {
  const auto wall_start = std::chrono::steady_clock::now();
  CaseDefinition mc = c;
  if (member.modify_case) member.modify_case(mc);
  std::ostringstream silent;  // the run's progress lines go nowhere
  RunOptions ro;
  ro.progress = &silent;
  ro.met = met;
  ro.emissions = member.emissions ? member.emissions : emissions;
  ro.adjustment = member.adjustment.get();
  ro.boundary_factor = member.boundary_factor;
  ro.initial_factor = member.initial_factor;
  ro.apportionment = false;
  ro.write_files = false;
  ro.ranks = ranks;
  ro.decomposition = decomposition;
  MemberMetrics metrics;
  ro.on_record = [&](const State& state, UtcTime time) { record_metrics(plan, state, time, metrics); };
  run_case(mc, ro);
  finish_metrics(metrics);
  metrics.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  return metrics;
}

std::string done_line(std::size_t done, std::size_t members, const std::string& label, double seconds,
                      const std::string& where) {
  std::ostringstream line;
  line.setf(std::ios::fixed);
  line.precision(1);
  line << "  member " << done << "/" << members << " (" << label << ") done in " << seconds << " s" << where
       << "\n";
  return line.str();
}

// MemberMetrics as bytes (parallel/byte_buffer.hpp).
std::string encode(const MemberMetrics& m) {
  parallel::ByteWriter w;
  w.put<std::uint64_t>(m.times.size());
  for (const UtcTime& t : m.times) w.put<std::int64_t>(t.seconds);
  w.put<std::uint64_t>(m.series.size());
  for (const auto& quantity : m.series) {
    w.put<std::uint64_t>(quantity.size());
    for (const std::vector<double>& site : quantity) w.put_doubles(site.data(), site.size());
  }
  w.put<std::uint64_t>(m.mean_field.size());
  for (const Array2& f : m.mean_field) {
    w.put<std::int32_t>(f.n0);
    w.put<std::int32_t>(f.n1);
    w.put_doubles(f.data.data(), f.data.size());
  }
  w.put<double>(m.wall_seconds);
  return w.take();
}

MemberMetrics decode(const std::string& bytes) {
  parallel::ByteReader r(bytes, "ensemble: member metrics");
  MemberMetrics m;
  m.times.resize(r.count());
  for (UtcTime& t : m.times) t.seconds = r.get<std::int64_t>();
  m.series.resize(r.count());
  for (auto& quantity : m.series) {
    quantity.resize(r.count());
    for (std::vector<double>& site : quantity) r.get_doubles(site);
  }
  m.mean_field.resize(r.count());
  for (Array2& f : m.mean_field) {
    const int n0 = r.get<std::int32_t>(), n1 = r.get<std::int32_t>();
    f = Array2(n0, n1);
    r.get_doubles(f.data.data(), f.data.size());
  }
  m.wall_seconds = r.get<double>();
  if (!r.done()) throw InternalError("ensemble: member metrics from another rank garbled");
  return m;
}

/// The members over rank groups: this rank's group runs members group, group + groups, ... one after
/// another, decomposed over the group's ranks; then each member's metrics go from its group's rank 0 to
/// every rank, member by member.
std::vector<MemberMetrics> run_on_rank_groups(const CaseDefinition& c,
                                              const std::vector<EnsembleMember>& members,
                                              const MetSource* met, const emis::EmissionModel* emissions,
                                              const MetricsPlan& plan, const EnsembleOptions& options,
                                              const EnsembleThreads& threads) {
  const parallel::Communicator& all = *options.ranks;
  const parallel::Communicator group = all.split(threads.group);
  const std::size_t groups = static_cast<std::size_t>(threads.rank_groups);
  std::ostream* progress = all.root() ? options.progress : nullptr;
  auto ranks_of = [&](std::size_t g) {
    const int first = static_cast<int>(g) * threads.ranks_per_group;
    return threads.ranks_per_group == 1 ? " on rank " + std::to_string(first)
                                        : " on ranks " + std::to_string(first) + "-" +
                                              std::to_string(first + threads.ranks_per_group - 1);
  };

  std::vector<std::string> encoded(members.size());
  std::size_t done = 0;
  {
#ifdef _OPENMP
    const int caller_threads = omp_get_max_threads();
    omp_set_num_threads(threads.threads_per_member);
#endif
    for (std::size_t m = static_cast<std::size_t>(threads.group); m < members.size(); m += groups) {
      const MemberMetrics metrics =
          run_member(c, members[m], met, emissions, plan, &group, options.decomposition);
      if (group.root()) encoded[m] = encode(metrics);
      if (progress)
        *progress << done_line(++done, members.size(), members[m].label, metrics.wall_seconds,
                               ranks_of(static_cast<std::size_t>(threads.group)))
                  << std::flush;
    }
#ifdef _OPENMP
    omp_set_num_threads(caller_threads);
#endif
  }

  // Group g's rank 0 is rank g x ranks_per_group of `all` (split keeps the ranks' order).
  std::vector<MemberMetrics> results(members.size());
  for (std::size_t m = 0; m < members.size(); ++m) {
    const std::size_t g = m % groups;
    const int holder = static_cast<int>(g) * threads.ranks_per_group;
    results[m] = decode(all.broadcast(all.rank() == holder ? encoded[m] : std::string(), holder));
    encoded[m].clear();
    if (progress && g != static_cast<std::size_t>(threads.group))
      *progress << done_line(++done, members.size(), members[m].label, results[m].wall_seconds, ranks_of(g))
                << std::flush;
  }
  return results;
}

}  // namespace

EnsembleThreads ensemble_threads(std::size_t members, const EnsembleOptions& options) {
  const int total = total_threads(options);
  const int ranks = options.ranks ? options.ranks->size() : 1;
  if (options.rank_groups < 0 || (options.rank_groups > 0 && ranks % options.rank_groups != 0))
    throw InputError("--rank-groups", std::to_string(options.rank_groups) +
                                          " rank groups do not divide the " + std::to_string(ranks) +
                                          " MPI rank(s) evenly");
  EnsembleThreads t;
  if (ranks == 1) {
    t.members_in_parallel = options.members_in_parallel > 0 ? options.members_in_parallel : total;
    t.members_in_parallel = std::max(
        1, std::min<int>(t.members_in_parallel, static_cast<int>(std::max<std::size_t>(members, 1))));
    t.threads_per_member = std::max(1, total / t.members_in_parallel);
    t.members_here = members;
    check_layout(options.decomposition, t.ranks_per_group);
    return t;
  }
  // Several ranks: by default the most groups that still have a member each (and divide the ranks).
  if (options.rank_groups > 0) {
    t.rank_groups = options.rank_groups;
  } else {
    const int most = static_cast<int>(
        std::min<std::size_t>(std::max<std::size_t>(members, 1), static_cast<std::size_t>(ranks)));
    t.rank_groups = 1;
    for (int g = most; g >= 1; --g)
      if (ranks % g == 0) {
        t.rank_groups = g;
        break;
      }
  }
  t.ranks_per_group = ranks / t.rank_groups;
  t.group = options.ranks->rank() / t.ranks_per_group;
  t.members_in_parallel =
      std::max(1, static_cast<int>(std::min<std::size_t>(members, static_cast<std::size_t>(t.rank_groups))));
  t.threads_per_member = total;
  const auto g = static_cast<std::size_t>(t.group), n = static_cast<std::size_t>(t.rank_groups);
  t.members_here = members > g ? (members - g + n - 1) / n : 0;
  check_layout(options.decomposition, t.ranks_per_group);
  return t;
}

std::string describe_placement(const EnsembleThreads& t) {
  std::ostringstream os;
  os << t.members_in_parallel << " at a time";
  if (t.rank_groups > 1 || t.ranks_per_group > 1)
    os << " on " << t.rank_groups << " rank group(s) of " << t.ranks_per_group << " MPI rank(s) x "
       << t.threads_per_member << " thread(s) per rank";
  else
    os << " x " << t.threads_per_member << " thread(s)";
  return os.str();
}

std::vector<std::string> ensemble_met_files(const CaseDefinition& c, const std::string& preferred,
                                            const std::string& history, const parallel::Communicator* ranks) {
  std::string met_file = c.met_file;
  if (c.met_kind == CaseDefinition::MetKind::idealised) {
    if (met_file.empty()) met_file = preferred;
    if (ranks && ranks->size() > 1) {
      ranks->barrier();  // no rank still reads an earlier copy (a forecast's base run wrote it too)
      if (ranks->root()) make_idealised_met(c, met_file, history);
      ranks->barrier();  // the others read the file rank 0 wrote
    } else {
      make_idealised_met(c, met_file, history);
    }
  }
  return met_files_of(c, met_file);
}

std::vector<MemberMetrics> run_ensemble(const CaseDefinition& c, const std::vector<EnsembleMember>& members,
                                        const MetSource* met, const emis::EmissionModel* emissions,
                                        const MetricsPlan& plan, const EnsembleOptions& options) {
  const EnsembleThreads threads = ensemble_threads(members.size(), options);
  if (several_ranks(options)) return run_on_rank_groups(c, members, met, emissions, plan, options, threads);

  std::vector<MemberMetrics> results(members.size());
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex mutex;  // error and progress
  std::size_t done = 0;

  auto worker = [&]() {
#ifdef _OPENMP
    omp_set_num_threads(threads.threads_per_member);  // this thread's own OpenMP teams
#endif
    for (;;) {
      if (failed.load()) return;
      const std::size_t m = next.fetch_add(1);
      if (m >= members.size()) return;
      const EnsembleMember& member = members[m];
      try {
        results[m] = run_member(c, member, met, emissions, plan, nullptr, "auto");
        if (options.progress) {
          std::lock_guard<std::mutex> lock(mutex);
          *options.progress << done_line(++done, members.size(), member.label, results[m].wall_seconds, "")
                            << std::flush;
        }
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!error) error = std::current_exception();
        failed.store(true);
        return;
      }
    }
  };

  if (threads.members_in_parallel == 1) {
#ifdef _OPENMP
    const int caller_threads = omp_get_max_threads();
    worker();
    omp_set_num_threads(caller_threads);
#else
    worker();
#endif
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads.members_in_parallel; ++t) pool.emplace_back(worker);
    for (std::thread& t : pool) t.join();
  }
  if (error) std::rethrow_exception(error);
  return results;
}

}  // namespace airshed::scenarios
