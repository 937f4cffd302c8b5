// SPDX-License-Identifier: Apache-2.0
#pragma once
// `airshed apportion`: source attribution by ensembles of runs (docs/apportionment-ensembles.md).
//  - brute force: the base run, one run per group with that group's emissions reduced by a fraction (1:
//    removed) and one run with every group removed; impacts and the non-additive remainder;
//  - Shapley: the runs of the 2^N on/off coalitions of the N groups (sampled orderings above
//    kMaxExactPlayers), whose Shapley values sum to all-on minus all-off.
// The groups are the case's `apportionment.groups` (tagging/tag_groups.hpp) with `other`, `boundary` and
// `initial`; a group is switched off by scaling its inventory emissions (an EmissionAdjustment through
// TagGroups::group_of), its constant releases, the boundary inflow or the initial state.
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "driver/case_definition.hpp"
#include "scenarios/ensemble.hpp"
#include "scenarios/shapley.hpp"

namespace airshed::scenarios {

enum class Method { brute_force, shapley };
/// "brute-force" or "shapley".
std::string method_name(Method m);
/// Throws InputError (where = `where`) for another name, listing the valid ones.
Method method_from(const std::string& name, const std::string& where);

struct ApportionRequest {
  Method method = Method::shapley;
  /// Brute force: the fraction of a group's emissions removed in its run, in (0, 1]; 0.2 keeps the response
  /// closer to linear for chemistry. Ignored by Shapley (a group is on or off).
  double fraction = 1.0;
  /// The players by name (configured groups, other, boundary, initial); groups not named stay as they are in
  /// every member. Empty: every configured group, and other / boundary / initial when they have something
  /// (inventory or release emissions that no group matches; a non-zero boundary / initial value).
  std::vector<std::string> groups;
  /// Sampled Shapley (more than kMaxExactPlayers players): orderings drawn (rounded up to an even number,
  /// at least 4; antithetic pairs). The runs needed are at most samples x (N - 1) + 2.
  std::size_t samples = 64;
  std::uint64_t seed = 20261128;  ///< of the sampled orderings
  EnsembleOptions ensemble;       ///< members in parallel, threads, per-member progress
  std::string output;             ///< path whose stem names the files; empty: the case's output.file
  std::string history;            ///< for the idealised met file
  bool write_csv = true;
  bool write_maps = true;       ///< the episode-mean maps, <output stem>-apportion-<method>-maps.nc
  std::ostream* log = nullptr;  ///< a few lines about the ensemble; nullptr: silent
};

struct Player {
  std::string name;
  std::size_t group = 0;  ///< TagGroups index
};

/// Everything an attribution found. Values are vectors of components: first the scalar ones, quantity x
/// site x statistic (component()), then the episode-mean surface map of each quantity (map_component()).
struct ApportionResult {
  Method method = Method::shapley;
  double fraction = 1.0;
  std::vector<Player> players;
  MetricsPlan plan;
  std::vector<std::string> statistics;  ///< "mean", "peak_hour", "peak_<H>h_mean"
  std::vector<UtcTime> times;           ///< output times (the initial state first)
  /// Per quantity and site: the output-time index of the base run's peak hour, and the last index of its
  /// peak window (used for every member: the same instants, so the statistics stay linear in the members).
  std::vector<std::vector<std::size_t>> peak_index, peak_window_end;
  std::size_t peak_window = 0;  ///< output records in the peak window; 0: no window statistic
  int nx = 0, ny = 0;

  std::vector<std::string> member_labels;
  std::vector<std::vector<double>> member_values;
  CoalitionValues coalition_values;  ///< Shapley: each member's coalition and values

  /// Per player: Shapley share, or brute-force impact.
  std::vector<std::vector<double>> share, standard_error;
  std::vector<double> all_on, all_off, total;  ///< total = all_on - all_off
  std::vector<double> remainder;               ///< brute force: total - sum of impacts; empty for Shapley
  bool exact = true;
  std::size_t permutations = 0;

  std::string csv_file;   ///< written table; empty when not written
  std::string maps_file;  ///< written maps; empty when not written
  std::size_t met_records_read = 0, met_records_used = 0;
  double wall_seconds = 0;
  EnsembleThreads threads;

  std::size_t component(std::size_t quantity, std::size_t site, std::size_t statistic) const {
    return (quantity * plan.sites.size() + site) * statistics.size() + statistic;
  }
  std::size_t scalar_components() const {
    return plan.quantities.size() * plan.sites.size() * statistics.size();
  }
  std::size_t map_component(std::size_t quantity, int i, int j) const {
    return scalar_components() + quantity * static_cast<std::size_t>(nx) * ny +
           static_cast<std::size_t>(j) * nx + i;
  }
};

/// Run the attribution: build the players and members, run the ensemble (meteorology read once and shared,
/// the idealised met file written first as `airshed run` does), compute shares or impacts and write
/// `<output stem>-apportion-<method>.csv`. Throws InputError for bad requests (unknown group, no player,
/// fraction outside (0, 1], a run shorter than one output interval).
ApportionResult run_apportion(const CaseDefinition& c, const ApportionRequest& request);

/// The CSV table: method, site, quantity, statistic, group, value, unit, standard_error. `group` is a
/// player, or all_on, all_off, total (all_on - all_off), remainder (brute force).
void write_apportion_csv(const std::string& path, const ApportionResult& r);

/// CF-1.8 NetCDF of the episode-mean surface maps (one record at the end of the episode, first layer only):
/// per quantity `<q>_<group>` for each player (share or impact), `<q>_total`, `<q>_all_on`, `<q>_all_off`
/// and, brute force, `<q>_remainder`; sampled Shapley adds `<q>_<group>_standard_error`.
void write_apportion_maps(const std::string& path, const CaseDefinition& c, const ApportionResult& r,
                          const std::string& history);

/// A short text: per quantity and site, the episode-mean and peak-hour attribution.
std::string format_apportion_summary(const ApportionResult& r);

}  // namespace airshed::scenarios
