// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "chemistry/kinetic_system.hpp"
#include "core/array.hpp"
#include "core/emission_rates.hpp"
#include "core/grid.hpp"
#include "solver/chemistry_step.hpp"
#include "solver/lateral_boundary.hpp"
#include "solver/state.hpp"
#include "solver/tag_hooks.hpp"
#include "solver/tracer_sources.hpp"
#include "tagging/tag_groups.hpp"
#include "tagging/tag_rules.hpp"

namespace airshed {

/// Source apportionment by tagging (docs/apportionment.md): for every tagged family of host species one
/// tracer per source group (and per slot: O3 is split into NOx- and VOC-limited production), carried as
/// fields of the State after the species. Transport moves them like the species (the same operators);
/// this class mirrors what acts on species only: it puts each group's emissions into its tags, scales tags
/// with their host family through deposition, splits the chemistry's changes by OSAT/PSAT rules, and closes
/// the tags on their hosts after every step (the sum of a family's tags equals the host in every cell).
/// Everything that acts on the state works on the state's own columns (State::block(), the whole grid in a
/// serial run, fixed at construction); the emission lists and the VOC composition of the groups
/// (voc_emitted(), voc_weights()) stay whole-domain, the same on every rank of a decomposed run.
class Apportionment : public TagHooks {
 public:
  /// `state` must have been built with layout.tags() tag fields (tags_needed()). `system` is the chemistry's
  /// kinetic system (nullptr without chemistry): the reaction-rate integrals and the VOC reactivities come
  /// from it. `chemistry` (nullptr without chemistry) is asked for the integrals.
  Apportionment(const Grid& grid, const State& state, TagLayout layout, TagGroups groups,
                const chem::KineticSystem* system, ChemistryStep* chemistry, double regime_threshold);

  const TagLayout& layout() const { return layout_; }
  const TagGroups& groups() const { return groups_; }

  /// The `initial` group holds everything in the domain now (O3 half in each slot: its regime is unknown).
  void set_initial(State& state) const;
  /// The `boundary` group's profiles are the hosts' (the other groups' are zero).
  void set_boundary(LateralBoundary& boundary) const;

  /// Emissions for the coming hour: each emitter's cell rates (EmissionModel::HourlyExtras::
  /// by_emitter_cells, model-species indices) with its identity; constant releases are added by
  /// add_release(). Replaces the previous hour's.
  void set_emissions(const std::vector<EmissionRates>& by_emitter, const std::vector<EmitterIdentity>& who,
                     double seconds);
  /// A constant release (the case file's sources), resolved on cells; kept for every hour.
  void add_release(const EmissionRates& rates, const EmitterIdentity& who);

  void emit(State& state, double dt) override;
  void before_removal(const State& state) override;
  void after_removal(State& state) override;
  void before_chemistry(const State& state) override;
  void after_chemistry(State& state, double dt) override;
  void end_of_step(State& state) override;

  /// The largest share of a family's domain amount that an end-of-step closure moved (sum over cells of
  /// |sum of tags - host| over the sum of the host) in the run, and the family: what the transport's
  /// nonlinearity (the PPM limiter acts on each field) costs the tags per step. Over the state's block only:
  /// in a decomposed run it is the block's own worst share; the domain's needs the sums of every rank's
  /// last_closure_moved() and last_closure_held() at each step.
  double worst_closure_gap() const { return worst_gap_; }
  const std::string& worst_closure_family() const { return worst_family_; }
  /// Per family, over the block's cells at the last end_of_step(): the amount the closure moved
  /// (sum of |sum of tags - host|) and the host amount (sum of the host), both in family units m-3.
  const std::vector<double>& last_closure_moved() const { return last_moved_; }
  const std::vector<double>& last_closure_held() const { return last_held_; }

  /// Host amount of family f in cell (i, j, k) [family unit m-3].
  double host(const State& state, std::size_t f, int i, int j, int k) const;
  /// Contribution of group g to species s (its share of s's family, split like the host: tag x s / host) in
  /// the species' field unit, and for the ozone family the slot's part only when `slot` >= 0.
  double contribution(const State& state, std::size_t species, std::size_t group, int i, int j, int k,
                      int slot = -1) const;
  /// Whether species s belongs to a tagged family.
  bool tagged(std::size_t species) const { return family_of_[species] >= 0; }

  /// VOC reactivity weights per group (OH rate constant per carbon atom, cm3 molecule-1 s-1).
  const std::vector<double>& voc_weights() const { return voc_weight_; }
  /// Emitted moles per group and VOC member (for the weights; checkpointed so a restart continues them).
  std::vector<double>& voc_emitted() { return voc_emitted_; }
  void update_voc_weights();

 private:
  void snapshot_hosts(const State& state, std::vector<double>& out) const;
  int voc_member(std::size_t species) const;  // index among the VOC family's members, or -1
  /// Index of global cell (i, j, k) of the block in the block-sized per-cell buffers (hosts_before_).
  std::size_t cell_index(int i, int j, int k) const {
    return static_cast<std::size_t>(i - block_.i0) +
           static_cast<std::size_t>(block_.nx()) *
               (static_cast<std::size_t>(j - block_.j0) + static_cast<std::size_t>(block_.ny()) * k);
  }

  const Grid& grid_;
  ColumnBlock block_;  // the columns of the state (the constructor's)
  int nz_;
  std::size_t n_species_;
  TagLayout layout_;
  TagGroups groups_;
  double threshold_;
  std::vector<int> family_of_;  // per species: the family its contributions come from (owner), or -1
  /// Per species: every family it counts in, with its weight (what its emissions feed).
  std::vector<std::vector<std::pair<int, double>>> memberships_;
  std::vector<double> hosts_before_;  // [cell_index * F + f], the block's cells
  ChemistryStep* chemistry_ = nullptr;
  ReactionIntegrals integrals_;
  std::vector<double> k_oh_;         // per VOC member: k(OH) at 298 K
  std::vector<double> voc_emitted_;  // [group * members + m] moles
  std::vector<double> voc_weight_;   // per group
  EmissionRates releases_;
  std::vector<std::pair<std::size_t, double>> release_voc_;  // (voc_emitted_ slot, mol s-1)
  std::optional<TracerSources> sources_;
  double worst_gap_ = 0.0;
  std::string worst_family_;
  std::vector<double> last_moved_, last_held_;  // per family, the last end_of_step()'s block sums
};

/// Integral indices of the apportionment's ReactionIntegrals.
enum ApportionmentIntegral : std::size_t {
  kPH2O2 = 0,   ///< H2O2 from HO2 + HO2 (+ H2O)
  kPHNO3,       ///< HNO3 from OH + NO2
  kO3LossBase,  ///< O1D + H2O, O3 + HO2, O3 + VOC
  kO3PlusOH,    ///< O3 + OH
  kHO2Loss,     ///< every HO2 sink, per HO2 consumed
  kHO2ToNO2,    ///< HO2 + NO
  kIntegrals
};

/// The reaction-rate sums the rules need, from the mechanism's reactant and product lists (docs/
/// apportionment.md, "O3 destruction"). `voc` are mechanism indices of VOC species (O3 + VOC is a loss).
std::vector<std::vector<std::pair<int, double>>> apportionment_integrals(const chem::Mechanism& m,
                                                                         const std::vector<int>& voc);

}  // namespace airshed
