// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "core/grid.hpp"
#include "core/met_fields.hpp"
#include "core/time.hpp"

namespace airshed {

/// Writes a CF-1.8 meteorology file on `grid` (cell centres, the same conventions CfMetReader reads), one
/// record per time, produced on demand by `record(i)` so a long series never sits in memory. Atomic: the
/// file appears only when complete.
void write_cf_met(const std::string& path, const Grid& grid, const std::vector<UtcTime>& times,
                  const std::function<MetRecord(std::size_t)>& record, const std::string& history,
                  const std::string& title);

}  // namespace airshed
