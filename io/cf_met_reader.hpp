// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

#include "core/grid.hpp"
#include "io/met_source.hpp"

namespace airshed {

/// Reads CF-1.x meteorology (see docs/inputs.md "Meteorology (CF NetCDF)"): variables found by
/// standard_name, falling back to a documented table of common names; units checked and converted to SI;
/// projected x/y in metres with a grid_mapping (LCC or transverse Mercator); heights above ground in
/// metres; CF time. The model grid must be a sub-window of the met grid with the same projection, spacing
/// and layer interfaces (regridding is a later feature). All checks that do not need the data run in the
/// constructor; every failure is an InputError "<file>: <variable>: <problem>".
class CfMetReader : public MetSource {
 public:
  CfMetReader(const std::string& path, const Grid& model_grid);
  ~CfMetReader() override;

  const std::vector<UtcTime>& times() const override;
  MetFields read(std::size_t index) const override;
  std::string description() const override;

  struct Impl;

 private:
  Impl* impl_;
};

}  // namespace airshed
