// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/array.hpp"
#include "core/grid.hpp"
#include "core/time.hpp"

namespace airshed {

/// One output variable (time, z, y, x) in output units.
struct OutputVariable {
  std::string name;
  std::string units;          ///< UDUNITS string, e.g. "ppb", "ug m-3"
  std::string standard_name;  ///< empty: none exists (then only long_name is written)
  std::string long_name;
  std::string comment;        ///< optional
};

/// Global attributes every output carries (CF-1.8 and the project's own).
struct OutputAttributes {
  std::string title;
  std::string history;   ///< ISO time + command line
  std::string source;    ///< "airshed <version> (<git hash>)"
  std::string case_name;
  std::string comment;
  std::string institution = "airshed";
  std::string references = "https://cfconventions.org/ (CF-1.8)";
};

/// CF-1.8 NetCDF-4 (deflate) output: dimensions time (unlimited), z, y, x, bnds, nv; 1-D x/y in metres with
/// bounds, 2-D lat/lon with 4-corner bounds, a `crs` grid-mapping variable with crs_wkt, z with bounds
/// (layer interfaces), time in "hours since <reference>" with the standard calendar. Every data variable
/// has units, long_name, grid_mapping, coordinates = "lon lat" and _FillValue. Written under a temporary
/// name and renamed by commit(); destroyed uncommitted, nothing is left behind.
class CfOutputWriter {
 public:
  CfOutputWriter(const std::string& path, const Grid& grid, std::vector<OutputVariable> variables,
                 OutputAttributes attributes, UtcTime time_reference);
  ~CfOutputWriter();
  CfOutputWriter(const CfOutputWriter&) = delete;
  CfOutputWriter& operator=(const CfOutputWriter&) = delete;

  /// Append one record: fields[v] is (nx, ny, nz) in the units of variables[v]. Data is written as float.
  void write_record(UtcTime t, const std::vector<const Array3*>& fields);
  std::size_t records() const;
  /// Flush, close and rename into place.
  void commit();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace airshed
