// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

#include "core/emission_rates.hpp"
#include "core/grid.hpp"
#include "solver/state.hpp"

namespace airshed {

/// A constant point release at a fixed height above ground (the foundation's emission hook; the inventory
/// with plume rise and time profiles replaces it in the emissions module).
struct PointRelease {
  std::string name;
  double x = 0, y = 0;       ///< projected position, m
  double height = 0;         ///< release height above ground, m
  std::vector<double> rate;  ///< per species: mol s-1 (gases) or kg s-1 (aerosols)
};

/// A constant release spread uniformly over a rectangle and over the layers from the ground to `depth`.
struct AreaRelease {
  std::string name;
  double x_min = 0, x_max = 0, y_min = 0, y_max = 0;  ///< projected rectangle, m
  double depth = 0;                                   ///< m; 0 = the first layer only
  std::vector<double> flux;  ///< per species: mol m-2 s-1 (gases) or kg m-2 s-1 (aerosols)
};

/// Emissions resolved onto grid cells (cell, layer, share), applied as c += amount / volume.
/// A release outside the grid or above the model top is an InputError naming it.
class TracerSources {
 public:
  TracerSources(const Grid& grid, std::size_t n_species, const std::vector<PointRelease>& points,
                const std::vector<AreaRelease>& areas);
  /// Rates already on cells (the emission inventory's hourly rates); negative or non-finite rates and cells
  /// outside the grid are an InternalError (the emission processing checks its inputs).
  TracerSources(const Grid& grid, std::size_t n_species, EmissionRates rates);
  /// Append rates (e.g. the constant releases of the case file to the inventory's hourly rates).
  void add(const EmissionRates& rates);

  /// Add dt of emissions to the cells of the state's block (State::block(); the whole grid in a serial run);
  /// `emitted` (per transported field, i.e. species s at s+1, mol or kg) accumulates what was added there.
  void apply(State& state, double dt, std::vector<double>* emitted) const;
  /// Total emission rate per species (mol s-1 or kg s-1).
  const std::vector<double>& total_rate() const { return total_rate_; }
  const EmissionRates& rates() const { return cells_; }

 private:
  const Grid* grid_;
  EmissionRates cells_;
  std::vector<double> total_rate_;
};

}  // namespace airshed
