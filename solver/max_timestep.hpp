// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <limits>
#include <string>

namespace airshed {

/// The longest stable or accurate step an operator allows, and why (PISM's MaxTimestep): the time loop
/// takes the minimum over operators and can say "dt 180 s, limited by advection x-CFL".
struct MaxTimestep {
  double seconds = std::numeric_limits<double>::infinity();
  std::string reason = "unlimited";

  bool operator<(const MaxTimestep& other) const { return seconds < other.seconds; }
};

}  // namespace airshed
