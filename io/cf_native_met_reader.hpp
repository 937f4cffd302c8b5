// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/native_met.hpp"

namespace airshed {

/// Reads the whole met grid of a CF-1.x meteorology file as native meteorology for the regridder
/// (met/met_regridder.hpp), for model grids that are not a window of it (docs/inputs.md). The file is read as
/// CfMetReader reads it (variables found by standard_name or the fallback table at the top of
/// cf_met_variables.cpp, units converted to SI, values checked; the same one-line InputErrors), but nothing
/// is placed on a model grid:
/// - grid(): the met grid, projection from the grid_mapping, x/y from the coordinates (io/cf_grid.hpp);
/// - winds earth-relative: eastward_wind/northward_wind as stored, x_wind/y_wind rotated from the met grid's
///   frame with the met projection's grid_rotation at each cell centre;
/// - heights: the file's z coordinate (the layer mid-heights above ground, converted to m), the same in every
///   column and every record: a CF file's levels are fixed heights above ground, not terrain-following;
/// - specific humidity converted to mixing ratio; precipitation (precipitation_flux) and cloud cover
///   (cloud_area_fraction) when the file has them; Kz is not read (the model computes it on its own grid);
///   no roughness length (the regridder's default applies below the lowest level).
/// Like NetCDF-C itself, one reader must not be used from two threads at once.
class CfNativeMetReader : public NativeMetSource {
 public:
  explicit CfNativeMetReader(const std::string& path);
  ~CfNativeMetReader() override;

  const Grid& grid() const override;
  const std::vector<UtcTime>& times() const override;
  NativeMetRecord read(std::size_t index) const override;
  std::string description() const override;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace airshed
