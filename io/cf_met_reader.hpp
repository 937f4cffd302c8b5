// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/grid.hpp"
#include "io/met_source.hpp"

namespace airshed {

/// Reads CF-1.x meteorology (see docs/inputs.md "Meteorology (CF NetCDF)"): variables found by
/// standard_name, falling back to a documented table of common names; units checked and converted to SI;
/// projected x/y in metres or km with a grid_mapping (the CF Appendix F mappings core/projection knows:
/// LCC, transverse Mercator, polar stereographic, Mercator); heights above ground in
/// metres; CF time. The model grid must be a sub-window of the met grid with the same projection, spacing
/// and layer interfaces (holds_window); any other model grid is served by CfNativeMetReader and the
/// regridder (driver/met_setup.cpp). All checks that do not need the data run in the
/// constructor; every failure is an InputError "<file>: <variable>: <problem>". Data errors found by read()
/// name the record, its time and the cell as 0-based indices of the file's own x, y (and z) dimensions.
///
/// Layout read: 3-D fields (time, z, y, x), 2-D fields (time, y, x), Kz (atmosphere_heat_diffusivity) on
/// layer interfaces (time, zi, y, x) with nz + 1 levels (write_cf_met names the dimension `zi` and its
/// coordinate `z_interface`; any name is accepted). The look-up table of variable names is documented at
/// the top of cf_met_variables.cpp; required quantities that cannot be found are reported in one line that
/// ends with the variables the file has. read() places the met window on the model's Arakawa C grid: winds
/// rotated to grid-relative at met cell centres, u/v averaged onto faces, w onto interfaces. Like NetCDF-C
/// itself, one reader must not be used from two threads at once.
class CfMetReader : public MetSource {
 public:
  CfMetReader(const std::string& path, const Grid& model_grid);
  ~CfMetReader() override;

  /// Whether `model_grid` is a window of the met grid of the CF file at `path` (same projection and spacing,
  /// edges on met cell edges, inside it, the same layer interfaces as far as the model reaches): the grid
  /// checks of the constructor, without the variables'. Reads only the coordinates; a file whose grid cannot
  /// be read at all throws the InputError the constructor would.
  static bool holds_window(const std::string& path, const Grid& model_grid);

  const std::vector<UtcTime>& times() const override;
  MetFields read(std::size_t index) const override;
  std::string description() const override;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace airshed
