// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <optional>
#include <vector>

#include "chemistry/deposition.hpp"
#include "core/grid.hpp"
#include "core/time.hpp"
#include "met/met_state.hpp"
#include "solver/mass_budget.hpp"
#include "solver/state.hpp"

namespace airshed {

/// The surface the dry deposition sees, one for the whole domain until land-use fields arrive.
struct DryDepositionOptions {
  chem::LandUse land_use = chem::LandUse::urban;
  double roughness_length = 0.5;       ///< m; must be below the first layer's mid-height
  std::optional<chem::Season> season;  ///< empty: season_for_date() at each step
  chem::ParticleClass particle;        ///< every aerosol species: the PM2.5 class, 0.5 um, 1500 kg m-3
};

/// The Wesely (1989) seasonal category of a date at a latitude, by month (southern hemisphere shifted by six
/// months): June-August midsummer, September-October autumn, November-February late autumn, March-May
/// transitional spring. Wesely's "winter" (snow on the ground, sub-freezing) is never chosen: the met
/// carries no snow cover, and the cold-surface term of the surface resistance already acts below 0 C; set
/// it explicitly for a snow-covered case.
chem::Season season_for_date(UtcTime t, double latitude);

/// Gases deposited when the state holds them (their Wesely 1989 Table 2 names).
const std::vector<const char*>& deposited_gases();

/// First-order loss of the first layer over dt: c0 <- c0 exp(-v_d dt / dz0) in every column of the state's
/// block, for each field in `fields` (state field indices) with velocity[n * ncol + col] (ncol and
/// col = i + nx j of the whole grid, global indices) in m s-1. Adds the amount
/// removed [mol or kg] of fields[n] to deposited[fields[n]] when `deposited` is not null, summed in a fixed
/// order. Exact for a constant v_d over the step, positive, and never removes more than the layer holds.
void first_layer_loss(State& state, const std::vector<std::size_t>& fields,
                      const std::vector<double>& velocity, double dt, double* deposited);

/// Dry deposition as an operator of the split step (applied between vertical advection and vertical
/// diffusion, so the diffusion refills the first layer from above; CMAQ makes the same flux the lower
/// boundary condition of its vertical diffusion). Velocities per column from chem/deposition: Wesely's
/// resistances for the gases of deposited_gases() present in the state, Zhang et al. (2001) for every aerosol
/// species with the options' particle class. The surface layer comes from the met: u*, the first layer's
/// temperature, the surface pressure (hydrostatic from the first layer, as the chemistry's photolysis), the
/// shortwave, and L from the sensible heat flux (met/kz_profile obukhov_length; neutral when absent); the
/// reference height is the first layer's mid-height.
class DryDeposition {
 public:
  /// Throws std::invalid_argument if the roughness length is not below the first layer's mid-height.
  DryDeposition(const Grid& grid, const State& state, DryDepositionOptions options, UtcTime run_start);

  /// State field indices deposited, gases first then aerosols.
  const std::vector<std::size_t>& fields() const { return fields_; }
  /// v_d [m s-1] of fields()[n] in column col = i + nx j (whole grid, global indices) at model time t:
  /// velocity[n * ncol + col], computed for the columns of the state's block (the constructor's state; the
  /// whole grid in a serial run), zero elsewhere.
  void velocities(const MetState& met, double t, std::vector<double>& velocity);
  /// velocities() at model time t, then first_layer_loss() over dt, the amount into budget->deposited.
  void apply(State& state, const MetState& met, double t, double dt, MassBudget* budget);

 private:
  const Grid& grid_;
  ColumnBlock block_;  // the columns the state holds
  DryDepositionOptions options_;
  UtcTime start_;
  double latitude_;  // of the grid centre, for the hemisphere
  std::vector<std::size_t> fields_;
  std::vector<const chem::WeselyGas*> gases_;  // one per gas field, in fields_ order
  std::size_t n_aerosols_ = 0;
  // Surface layer of every column (whole grid, indexed globally; the block's columns filled each step), each
  // row of the block one SurfaceBlock of deposition.hpp.
  std::vector<double> ustar_, obukhov_, z0_, zref_, temperature_, pressure_, shortwave_;
  std::vector<chem::LandUse> land_use_;
  std::vector<double> velocity_;
};

}  // namespace airshed
