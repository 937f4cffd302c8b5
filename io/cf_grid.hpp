// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <netcdf>
#include <optional>
#include <string>
#include <vector>

#include "core/grid.hpp"
#include "core/projection.hpp"
#include "core/time.hpp"

namespace airshed {

/// Names of the dimensions and coordinate variables that write_cf_grid writes and the writers use.
/// Readers do not rely on them: read_cf_grid follows a variable's own dimensions and attributes.
namespace cf_name {
inline constexpr const char* time = "time";
inline constexpr const char* z = "z";
inline constexpr const char* y = "y";
inline constexpr const char* x = "x";
inline constexpr const char* bnds = "bnds";
inline constexpr const char* nv = "nv";
inline constexpr const char* crs = "crs";
/// Layer interfaces (nz + 1 of them, 0 m first) for fields that live on interfaces, e.g. Kz
/// (time, zi, y, x). The coordinate variable z_interface(zi) holds the interface heights in metres.
inline constexpr const char* interface_dim = "zi";
inline constexpr const char* interface_var = "z_interface";
}  // namespace cf_name

/// The dimensions write_cf_grid defines, for the caller's data variables.
struct CfGridDims {
  netCDF::NcDim time, z, y, x, bnds, nv;
};

/// Create `temporary_path` as a NetCDF-4 file open for writing in `file` (a default-constructed NcFile);
/// failure is an InputError naming `final_path`, the name the user gave.
void create_cf_file(netCDF::NcFile& file, const std::string& temporary_path, const std::string& final_path);

/// Define and fill the CF-1.8 coordinate set of `grid` in an open, writable NetCDF-4 file: dimensions
/// time (unlimited), z, y, x, bnds = 2, nv = 4; x/y cell centres with bounds (CF §4.4, §7.1); z layer
/// mid-points with z_bnds = layer interfaces (CF §4.3); 2-D lat/lon with 4-corner bounds, counter-clockwise
/// from the south-west corner (CF §5.2, §7.1); the `crs` grid mapping (write_cf_crs); time in
/// "hours since <time_reference>" with the standard calendar (CF §4.4). No time values are written.
CfGridDims write_cf_grid(netCDF::NcFile& file, const Grid& grid, UtcTime time_reference);

/// Define zi (nz + 1) and z_interface(zi) = the layer interfaces, for fields on layer interfaces.
netCDF::NcDim write_cf_interfaces(netCDF::NcFile& file, const Grid& grid);

/// The scalar int variable `crs`: grid_mapping_name and the CF Appendix F parameters of the projection's
/// kind, the figure of the Earth (earth_radius for a sphere, else semi_major_axis + inverse_flattening) and
/// crs_wkt = projection.to_wkt() (CF §5.6).
void write_cf_crs(netCDF::NcFile& file, const Projection& projection);

/// grid_mapping = "crs" and coordinates = "lon lat" on a data variable (CF §5.6, §5.2).
void set_cf_grid_attributes(const netCDF::NcVar& variable);

/// "hours since 2021-01-01 00:00:00".
std::string cf_time_units(UtcTime reference);

/// Write time[record] = hours from `reference` to `t`.
void write_cf_time(const netCDF::NcFile& file, std::size_t record, UtcTime t, UtcTime reference);

/// A text attribute (NC_CHAR or NC_STRING; several strings are joined by ", "), or nothing when absent.
std::optional<std::string> text_attribute(const netCDF::NcVar& variable, const std::string& name);

/// A numeric attribute's values as doubles, or nothing when absent or not numeric.
std::optional<std::vector<double>> number_attribute(const netCDF::NcVar& variable, const std::string& name);

/// Dimension names of a variable, slowest first.
std::vector<std::string> dimension_names(const netCDF::NcVar& variable);

/// Projection from a CF grid-mapping variable (Appendix F: lambert_conformal_conic, transverse_mercator,
/// polar_stereographic, mercator). Without any figure-of-the-Earth attribute the WRF sphere
/// (R = 6,370,000 m) is assumed. Throws InputError "<path>: variable '<crs>': <problem>".
Projection read_cf_crs(const netCDF::NcVar& crs, const std::string& path);

/// Follow `variable`'s grid_mapping attribute ("crs" or the CF 1.7 form "crs: x y") to its projection.
Projection read_cf_grid_mapping(const netCDF::NcFile& file, const netCDF::NcVar& variable,
                                const std::string& path);

/// Empty when `a` and `b` describe the same projection (every parameter that matters for the kind equal
/// to `relative` of its magnitude, at least `relative` absolute); else "<cf name> <a> vs <b>" for the
/// first difference. LCC standard parallels are compared as an unordered pair.
std::string projection_difference(const Projection& a, const Projection& b, double relative = 1e-6);

/// A CF grid read back from a file.
struct CfGrid {
  Grid grid;                   ///< x and y increasing, metres; layers from z_bnds or z mid-points
  bool x_reversed = false;     ///< the file stores x decreasing: file index = nx - 1 - grid index
  bool y_reversed = false;     ///< likewise for y (north-to-south files)
  std::vector<UtcTime> times;  ///< strictly increasing
  std::string time_dim, z_dim, y_dim, x_dim;
};

/// The grid of a (time, z, y, x) variable: its grid mapping; 1-D x/y coordinate variables in m or km,
/// strictly monotonic with uniform spacing to a relative 1e-6; z in m or km, positive up, with z_bnds (or,
/// without bounds, interfaces derived from the mid-points: z_0 = 0, z_{k+1} = 2 mid_k - z_k); CF time.
/// Every problem is an InputError "<path>: variable '<name>': <problem>" naming the coordinate variable.
CfGrid read_cf_grid(const netCDF::NcFile& file, const netCDF::NcVar& variable, const std::string& path);

/// CF time coordinate to UTC instants (standard/gregorian/proleptic_gregorian calendar, rounded to whole
/// seconds); throws InputError unless the times increase strictly.
std::vector<UtcTime> read_cf_time(const netCDF::NcVar& time, const std::string& path);

}  // namespace airshed
