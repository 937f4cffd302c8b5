// SPDX-License-Identifier: Apache-2.0
#pragma once
// Ensembles of runs of one case that differ only in their emissions, inflow and initial state: the members
// of brute-force and Shapley attribution (and later control scenarios). Members run side by side on threads,
// share the meteorology (read once) and the emission model, and report surface metrics through the run's
// on_record hook instead of writing files.
#include <cstddef>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "core/array.hpp"
#include "core/met_source.hpp"
#include "core/time.hpp"
#include "driver/case_definition.hpp"
#include "emissions/emission_adjustment.hpp"
#include "solver/state.hpp"

namespace airshed::scenarios {

/// What each member reports: surface-layer (k = 0) values of some quantities at some sites, at every output
/// time, and the episode-mean surface field of each quantity.
struct MetricsPlan {
  struct Quantity {
    std::string name, unit;
    bool derived = false;
    std::size_t species = 0;  ///< CaseDefinition::species index when not derived
    DerivedOutput output;     ///< when derived
  };
  /// A receptor (one cell) or an area mean (weights over the cells, summed in a fixed order).
  struct Site {
    std::string name;
    std::string kind;  ///< "receptor", "area" or "domain"
    int i = 0, j = 0;  ///< the cell of a receptor
    Array2 weight;     ///< area and domain sites: cell weights (the region mask)
  };
  std::vector<Quantity> quantities;
  std::vector<Site> sites;
};

/// The case's default quantities: with chemistry O3 (ppb) and pm25 (ug m-3), those of them the case has; an
/// inert case (no mechanism) every case species in its output unit, then pm25 when it has PM2.5 species.
std::vector<MetricsPlan::Quantity> default_quantities(const CaseDefinition& c);

/// The sites of a case: its receptors (apportionment.receptors, the cell holding each), the area mean over
/// apportionment.area and the domain mean, in that order. Throws InputError for a bad receptor file.
std::vector<MetricsPlan::Site> default_sites(const CaseDefinition& c);

/// Surface metrics of one member.
struct MemberMetrics {
  std::vector<UtcTime> times;  ///< output times, the initial state first
  /// series[q][s][t]: quantity q at site s at times[t], output units.
  std::vector<std::vector<std::vector<double>>> series;
  /// Per quantity: the mean over the output times after the initial one of the surface field (nx, ny).
  std::vector<Array2> mean_field;
  double wall_seconds = 0;
};

/// Add one output time to `m` (what on_record does); finish() turns the field sums into means.
void record_metrics(const MetricsPlan& plan, const State& state, UtcTime time, MemberMetrics& m);
void finish_metrics(MemberMetrics& m);

/// One member: what differs from the case. Unset parts leave the case as it is.
struct EnsembleMember {
  std::string label;
  /// Applied to the member's own copy of the case (constant releases scaled, ...).
  std::function<void(CaseDefinition&)> modify_case;
  std::shared_ptr<const emis::EmissionAdjustment> adjustment;
  /// The member's own emission model (a scenario's edited inventory); nullptr: the ensemble's shared one.
  const emis::EmissionModel* emissions = nullptr;
  double boundary_factor = 1.0, initial_factor = 1.0;
};

struct EnsembleOptions {
  /// Members running at the same time; 0: min(members, threads).
  int members_in_parallel = 0;
  /// Threads in all (each member's OpenMP team gets threads / members_in_parallel, at least 1); 0: the
  /// OpenMP default (OMP_NUM_THREADS or the cores). Results do not depend on either.
  int threads = 0;
  /// One line per finished member (thread-safe); nullptr: silent.
  std::ostream* progress = nullptr;
};

/// Run every member of `members` with the shared meteorology and emission model (either may be nullptr:
/// the case has no inventory / each member opens the met itself, which is not thread-safe for NetCDF, so
/// pass a SharedMetSource whenever members run side by side). Results come back in the members' order and
/// do not depend on the scheduling. The first member error is rethrown after the running ones finished;
/// no member starts after an error.
std::vector<MemberMetrics> run_ensemble(const CaseDefinition& c, const std::vector<EnsembleMember>& members,
                                        const MetSource* met, const emis::EmissionModel* emissions,
                                        const MetricsPlan& plan, const EnsembleOptions& options);

/// The members run at the same time and the OpenMP threads each gets, as run_ensemble resolves them.
struct EnsembleThreads {
  int members_in_parallel = 1, threads_per_member = 1;
};
EnsembleThreads ensemble_threads(std::size_t members, const EnsembleOptions& options);

}  // namespace airshed::scenarios
