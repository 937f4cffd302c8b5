// SPDX-License-Identifier: Apache-2.0
#include "scenarios/ensemble.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <sstream>
#include <thread>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "driver/emission_setup.hpp"
#include "driver/run.hpp"
#include "io/receptor_reader.hpp"
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

EnsembleThreads ensemble_threads(std::size_t members, const EnsembleOptions& options) {
  int total = options.threads;
#ifdef _OPENMP
  if (total <= 0) total = omp_get_max_threads();
#endif
  if (total <= 0) total = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  EnsembleThreads t;
  t.members_in_parallel = options.members_in_parallel > 0 ? options.members_in_parallel : total;
  t.members_in_parallel =
      std::max(1, std::min<int>(t.members_in_parallel, static_cast<int>(std::max<std::size_t>(members, 1))));
  t.threads_per_member = std::max(1, total / t.members_in_parallel);
  return t;
}

std::vector<MemberMetrics> run_ensemble(const CaseDefinition& c, const std::vector<EnsembleMember>& members,
                                        const MetSource* met, const emis::EmissionModel* emissions,
                                        const MetricsPlan& plan, const EnsembleOptions& options) {
  std::vector<MemberMetrics> results(members.size());
  const EnsembleThreads threads = ensemble_threads(members.size(), options);
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
        MemberMetrics& metrics = results[m];
        ro.on_record = [&](const State& state, UtcTime time) { record_metrics(plan, state, time, metrics); };
        run_case(mc, ro);
        finish_metrics(metrics);
        metrics.wall_seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
        if (options.progress) {
          std::lock_guard<std::mutex> lock(mutex);
          ++done;
          std::ostringstream line;
          line.setf(std::ios::fixed);
          line.precision(1);
          line << "  member " << done << "/" << members.size() << " (" << member.label << ") done in "
               << metrics.wall_seconds << " s\n";
          *options.progress << line.str() << std::flush;
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
