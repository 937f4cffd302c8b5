// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

namespace airshed {

/// Gases are carried as molar concentration [mol m-3] and written as mole fraction (ppb); aerosols as
/// mass concentration [kg m-3] and written in ug m-3. The conversion happens only at the I/O edge.
enum class Phase { gas, aerosol };

struct Species {
  std::string name;           ///< short name used in the case file and as the output variable name
  Phase phase = Phase::gas;
  double molar_mass = 0.0;    ///< kg mol-1 (gases; used for mass budgets and ug m-3 conversions)
  std::string standard_name;  ///< CF standard name of the output quantity, empty if none exists
  std::string long_name;
};

using SpeciesList = std::vector<Species>;

}  // namespace airshed
