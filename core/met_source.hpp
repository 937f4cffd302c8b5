// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/met_fields.hpp"
#include "core/time.hpp"

namespace airshed {

/// A time series of meteorology already placed on the model grid. Readers in io/ (CF now, WRF later) implement
/// it; the met interpolator in the time loop holds two records and interpolates linearly between them.
class MetSource {
 public:
  virtual ~MetSource() = default;
  /// Record times, strictly increasing.
  virtual const std::vector<UtcTime>& times() const = 0;
  /// Record `index` on the model grid; throws InputError naming file, variable and record on bad data
  /// (NaN, out-of-range values).
  virtual MetFields read(std::size_t index) const = 0;
  /// File name(s) for messages and the output's history.
  virtual std::string description() const = 0;
};

}  // namespace airshed
