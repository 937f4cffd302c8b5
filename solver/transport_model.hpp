// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>

#include "met/met_state.hpp"
#include "solver/chemistry_step.hpp"
#include "solver/dry_deposition.hpp"
#include "solver/halo_exchange.hpp"
#include "solver/horizontal_advection.hpp"
#include "solver/horizontal_diffusion.hpp"
#include "solver/lateral_boundary.hpp"
#include "solver/mass_budget.hpp"
#include "solver/max_timestep.hpp"
#include "solver/state.hpp"
#include "solver/tag_hooks.hpp"
#include "solver/tracer_sources.hpp"
#include "solver/vertical_transport.hpp"
#include "solver/wet_deposition.hpp"

namespace airshed {

struct TransportOptions {
  double courant_max = 0.9;           ///< horizontal outflow Courant limit per sweep
  double vertical_courant_max = 0.5;  ///< per column sub-step
  bool advection = true;
  bool vertical_advection = true;
  bool vertical_diffusion = true;
  /// Vertical advection moves the air so that the carried air density ends each step at the met density
  /// (VerticalTransport::advect_to_density); false: advect with the continuity w of the met (advect()).
  bool density_matching = true;
  HorizontalDiffusionOptions horizontal_diffusion;
  BoundaryKind x_boundary = BoundaryKind::open;
  BoundaryKind y_boundary = BoundaryKind::open;
};

/// One split step of length dt (Strang 1968, SIAM J. Numer. Anal. 5, 506), symmetric so it is second order:
///   X(dt/2) Y(dt/2) | emissions, vertical advection, dry deposition, wet scavenging, vertical diffusion,
///   horizontal diffusion, chemistry and aerosol (dt) | Y(dt/2) X(dt/2)
/// with the meteorology of the step's midpoint. Horizontal sweeps sub-cycle when their Courant limit asks
/// (normally the step is chosen so they need not).
class TransportModel {
 public:
  TransportModel(const Grid& grid, const State& state, TransportOptions options);

  LateralBoundary& boundary() { return boundary_; }
  const LateralBoundary& boundary() const { return boundary_; }
  void set_sources(std::optional<TracerSources> sources) { sources_ = std::move(sources); }
  /// Gas-phase chemistry at the end of the middle stage (nullptr: inert transport only).
  void set_chemistry(ChemistryStep* chemistry) { chemistry_ = chemistry; }

  /// Wall-clock seconds spent in step() and in its chemistry (for the run summary; never affects results).
  struct Timing {
    double total = 0.0, chemistry = 0.0;
  };
  const Timing& timing() const { return timing_; }
  /// Dry deposition of the first layer before the vertical diffusion (nullptr: none).
  void set_dry_deposition(DryDeposition* deposition) { deposition_ = deposition; }
  /// Below-cloud wet scavenging of every layer, after the dry deposition and before the vertical diffusion
  /// (nullptr: none; it does nothing at steps whose met has no precipitation rate).
  void set_wet_deposition(WetDeposition* deposition) { wet_deposition_ = deposition; }
  /// Source apportionment (nullptr: none): called at the points TagHooks names.
  void set_tag_hooks(TagHooks* hooks) { tags_ = hooks; }
  /// Domain decomposition (nullptr: serial): the state given to step() holds one block, the exchange fills
  /// its ghosts before each operator that reads across the block's edges, and the ranks agree on limits.
  void set_halo_exchange(HaloExchange* halo) { halo_ = halo; }
  const TransportOptions& options() const { return options_; }

  /// The most limiting operator for a full step with this met: each horizontal sweep runs for dt/2.
  /// Under a decomposition every rank evaluates its block and the ranks agree on the smallest.
  MaxTimestep max_timestep(const MetState& met);
  void step(State& state, const MetState& met, double dt, MassBudget* budget);

 private:
  void horizontal(State& state, const MetState& met, double half, bool x_first, MassBudget* budget);

  const Grid& grid_;
  TransportOptions options_;
  LateralBoundary boundary_;
  HorizontalAdvection advection_;
  VerticalTransport vertical_;
  HorizontalDiffusion hdiff_;
  Array3 target_air_;  ///< what the vertical advection steers the carried air to
  std::optional<TracerSources> sources_;
  ChemistryStep* chemistry_ = nullptr;
  Timing timing_;
  DryDeposition* deposition_ = nullptr;
  WetDeposition* wet_deposition_ = nullptr;
  TagHooks* tags_ = nullptr;
  HaloExchange* halo_ = nullptr;
  ColumnBlock block_;
};

}  // namespace airshed
