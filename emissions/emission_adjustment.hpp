// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>

#include "core/time.hpp"
#include "emissions/inventory.hpp"

namespace airshed::emis {

struct Emitter;

/// A multiplier on what an emitter releases: control scenarios (issue 7 measures) and the members of
/// brute-force and Shapley attribution ensembles (a group's emissions off or reduced by a fraction).
/// EmissionModel::hourly_rates asks it once per emitter, pollutant, cell and hour, before speciation, so a
/// factor applies to every model species the pollutant becomes. Factors are >= 0; 1 leaves the rate alone.
class EmissionAdjustment {
 public:
  virtual ~EmissionAdjustment() = default;
  /// Factor for pollutant `p` of emitter `index` (EmissionModel::emitters() order) in cell (i, j) during
  /// the UTC hour starting at `hour`.
  virtual double factor(const Emitter& emitter, std::size_t index, Pollutant p, UtcTime hour, int i,
                        int j) const = 0;
};

}  // namespace airshed::emis
