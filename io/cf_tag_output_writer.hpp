// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "core/array.hpp"
#include "core/grid.hpp"
#include "core/time.hpp"
#include "io/cf_output_writer.hpp"

namespace airshed {

/// CF-1.8 NetCDF-4 output of source-apportionment contributions (docs/apportionment-outputs.md): the
/// coordinate set of CfOutputWriter (x/y with bounds, 2-D lon/lat with corners, `crs`, time in hours since
/// the reference, z with bounds) with z holding only the lowest `n_layers` layers, plus a dimension `tag`.
/// CF coordinate variables must be numeric, so `tag(tag)` is the int index 0..n-1 (long_name
/// "source group index") and the group names are the string-valued auxiliary coordinate `tag_name(tag)`
/// (NetCDF-4 string, long_name "source group"; CF §6.1 labels). Every data variable is float
/// (time, tag, z, y, x) with units, long_name, standard_name when given, grid_mapping = "crs",
/// coordinates = "tag_name lon lat" and _FillValue; deflate + shuffle, one chunk per record, tag and
/// (z, y, x) block. In xarray `ds.set_index(tag="tag_name").sel(tag="heat_plant")` selects a group.
/// Written under a temporary name and renamed by commit(); destroyed uncommitted, nothing is left behind.
class CfTagOutputWriter {
 public:
  /// `n_layers` (1..grid.nz()): layers written from the ground. `tag_names`: non-empty, distinct, none
  /// empty. A variable named like a coordinate is an InputError at `path`; the rest is an InternalError.
  CfTagOutputWriter(const std::string& path, const Grid& grid, int n_layers,
                    std::vector<std::string> tag_names, std::vector<OutputVariable> variables,
                    OutputAttributes attributes, UtcTime time_reference);
  ~CfTagOutputWriter();
  CfTagOutputWriter(const CfTagOutputWriter&) = delete;
  CfTagOutputWriter& operator=(const CfTagOutputWriter&) = delete;

  /// Append one record: fields[v][g] is variable v of tag g, an (nx, ny, >= n_layers) array in the units of
  /// variables[v]; its first n_layers layers are written, as float. Times must increase strictly.
  void write_record(UtcTime t, const std::vector<std::vector<const Array3*>>& fields);
  std::size_t records() const;
  /// Flush, close and rename into place.
  void commit();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace airshed
