// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <vector>

namespace airshed {

/// Emission into one grid cell of one model species: the hand-over from emission processing (which knows
/// sources, profiles and plume rise) to the transport (which knows only cells).
struct CellEmission {
  int i = 0, j = 0, k = 0;  ///< cell indices (interior, 0-based)
  std::size_t species = 0;  ///< index into the model species list
  double rate = 0.0;        ///< mol s-1 (gases) or kg s-1 (aerosols) into the whole cell
};

/// Emission rates valid over one emission interval (an hour), in a fixed order so applying them is
/// bit-identical for any thread count.
using EmissionRates = std::vector<CellEmission>;

}  // namespace airshed
