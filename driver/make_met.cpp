// SPDX-License-Identifier: Apache-2.0
#include "driver/make_met.hpp"

#include <cmath>

#include "io/cf_met_writer.hpp"
#include "met/idealised_met.hpp"

namespace airshed {

void make_idealised_met(const CaseDefinition& c, const std::string& path, const std::string& history) {
  const Grid met_grid = widened_grid(c.grid, c.met_margin);
  const auto step = static_cast<std::int64_t>(c.met_record_interval);
  const auto n = static_cast<std::size_t>(std::ceil(c.end_time() / c.met_record_interval)) + 1;
  std::vector<UtcTime> times;
  for (std::size_t i = 0; i <= n; ++i)
    times.push_back(UtcTime{c.start.seconds + static_cast<std::int64_t>(i) * step});
  write_cf_met(
      path, met_grid, times,
      [&](std::size_t i) { return idealised_met_record(met_grid, times[i], c.idealised); }, history,
      "airshed idealised meteorology for case " + c.name);
}

}  // namespace airshed
