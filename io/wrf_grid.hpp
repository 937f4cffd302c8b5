// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/grid.hpp"
#include "core/projection.hpp"

namespace airshed {

/// The global attributes of a wrfout file that define its horizontal domain (WRF ARW User's Guide, "Output
/// Fields"; the sizes come from the file's dimensions, not from WEST-EAST_GRID_DIMENSION and friends, which
/// describe the whole domain and are wrong for a cropped file).
struct WrfDomainAttributes {
  int map_proj = 0;
  double dx = 0.0, dy = 0.0;  ///< m, on the projection plane
  double truelat1 = 0.0, truelat2 = 0.0;
  double stand_lon = 0.0;
  double moad_cen_lat = 0.0;  ///< CEN_LAT when the file has no MOAD_CEN_LAT (WRF before V3)
  double cen_lon = 0.0;
};

/// Read the attributes from an open NetCDF file (C API id); a missing or non-numeric one is
/// InputError "<path>: global attribute '<name>' ...".
WrfDomainAttributes read_wrf_domain_attributes(int ncid, const std::string& path);

/// The first difference between two files' domain attributes ("DX 12000 vs 30000"), empty when they agree
/// (to 1e-6 relative: the attributes are stored as floats and copied verbatim by WRF).
std::string wrf_domain_difference(const WrfDomainAttributes& a, const WrfDomainAttributes& b);

/// The projection of MAP_PROJ 1 (Lambert conformal), 2 (polar stereographic) or 3 (Mercator) on WRF's sphere
/// (R = 6,370,000 m); any other MAP_PROJ, or parameters Projection::validate rejects, is an InputError.
Projection wrf_projection(const WrfDomainAttributes& attributes, const std::string& path);

/// Cell-centre latitudes and longitudes of the mass grid, x fastest (XLAT, XLONG of one record).
struct WrfLonLat {
  std::vector<double> lat, lon;
};

/// The horizontal mass grid: nx x ny cells of DX x DY metres placed so that the projected XLAT/XLONG of the
/// cells fall on the cell centres (the mean offset over all cells, which averages away the float rounding
/// of XLAT/XLONG). `layers` only fills the Grid's vertical part.
Grid place_wrf_grid(const Projection& projection, const WrfDomainAttributes& attributes, int nx, int ny,
                    const WrfLonLat& cells, VerticalLayers layers);

/// InputError "<path>: XLAT/XLONG of cell (i,j) ... is <d> m from the cell centre the projection attributes
/// give" when any cell is further than `tolerance` [m] from its projected centre. `what` names the record.
void check_wrf_lonlat(const Grid& grid, const WrfLonLat& cells, double tolerance, const std::string& path,
                      const std::string& what);

}  // namespace airshed
