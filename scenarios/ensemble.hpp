// SPDX-License-Identifier: Apache-2.0
#pragma once
// Ensembles of runs of one case that differ only in their emissions, inflow and initial state: the members
// of brute-force and Shapley attribution and of control scenarios. Members run side by side on threads (or,
// under mpirun, on groups of MPI ranks), share the meteorology (read once per process) and the emission
// model, and report surface metrics through the run's on_record hook instead of writing files.
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
#include "parallel/communicator.hpp"
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
  /// Members running at the same time; 0: min(members, threads). With several ranks (below) the members of
  /// a rank group run one after another (only one thread of a rank calls MPI) and this is not used.
  int members_in_parallel = 0;
  /// Threads in all (each member's OpenMP team gets threads / members_in_parallel, at least 1); 0: the
  /// OpenMP default (OMP_NUM_THREADS or the cores). With several ranks: the OpenMP threads of each rank.
  /// Results do not depend on either.
  int threads = 0;
  /// One line per finished member (thread-safe); nullptr: silent. With several ranks only rank 0 of
  /// `ranks` writes to it.
  std::ostream* progress = nullptr;

  /// The MPI ranks that run the ensemble together (Communicator::world() under mpirun); nullptr or one rank:
  /// this process alone, members on threads. With several ranks the ranks are split into `rank_groups`
  /// groups of consecutive ranks (MPI_Comm_split); member m runs on group m % rank_groups, its grid
  /// decomposed over the group's ranks (RunOptions::ranks), the group's members one after another. Every
  /// rank returns every member's metrics, bit-identical to a run on one process.
  const parallel::Communicator* ranks = nullptr;
  /// Groups of ranks; 0: as many as there are ranks but no more than members (the largest divisor of the
  /// rank count not above the member count). It must divide the rank count (InputError naming
  /// --rank-groups); groups beyond the member count have nothing to run.
  int rank_groups = 0;
  /// The block layout of each member's grid over its group's ranks: "auto" or "PXxPY" with PX * PY = the
  /// ranks of a group (RunOptions::decomposition).
  std::string decomposition = "auto";
};

/// Run every member of `members` with the shared meteorology and emission model (either may be nullptr:
/// the case has no inventory / each member opens the met itself, which is not thread-safe for NetCDF, so
/// pass a SharedMetSource whenever members run side by side). Results come back in the members' order and
/// do not depend on the scheduling. The first member error is rethrown after the running ones finished;
/// no member starts after an error.
///
/// With several ranks (options.ranks) every rank of the communicator calls this with the same arguments
/// (each its own `met` and `emissions`: every rank of a group reads the whole meteorology and inventory);
/// each group's rank 0 records its members' metrics, which are then sent to every rank in member order.
/// A member error is rethrown at once on the ranks of its group while the other ranks wait for its metrics:
/// the caller must then stop every rank (Communicator::abort, as `airshed` does).
std::vector<MemberMetrics> run_ensemble(const CaseDefinition& c, const std::vector<EnsembleMember>& members,
                                        const MetSource* met, const emis::EmissionModel* emissions,
                                        const MetricsPlan& plan, const EnsembleOptions& options);

/// How run_ensemble places the members: threads of this process, or groups of MPI ranks.
struct EnsembleThreads {
  /// Members running at the same time (with several ranks: the rank groups that have a member).
  int members_in_parallel = 1;
  /// OpenMP threads of each member (with several ranks: of each rank of the member's group).
  int threads_per_member = 1;
  int rank_groups = 1;           ///< groups of MPI ranks (1 without MPI)
  int ranks_per_group = 1;       ///< ranks each member's grid is decomposed over
  int group = 0;                 ///< this rank's group
  std::size_t members_here = 0;  ///< members this process takes part in (all of them without ranks)
};
/// Throws InputError (naming --rank-groups) when options.rank_groups does not divide the rank count.
EnsembleThreads ensemble_threads(std::size_t members, const EnsembleOptions& options);
/// "3 at a time x 2 thread(s)", or with rank groups "2 at a time on 2 rank group(s) of 2 MPI rank(s) x 1
/// thread(s) per rank", for logs.
std::string describe_placement(const EnsembleThreads& t);

/// The meteorology files of an ensemble's case (met_files_of): an idealised case first writes its met to
/// its meteorology file or, when it names none, to `preferred`, as `airshed run` does. With several ranks
/// rank 0 of `ranks` alone writes it while the others wait (then every rank reads it).
std::vector<std::string> ensemble_met_files(const CaseDefinition& c, const std::string& preferred,
                                            const std::string& history, const parallel::Communicator* ranks);

}  // namespace airshed::scenarios
