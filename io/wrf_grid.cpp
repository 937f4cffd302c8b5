// SPDX-License-Identifier: Apache-2.0
// The horizontal grid of a wrfout file.
//
// Projection (WRF ARW Technical Note, Skamarock et al. 2019, NCAR/TN-556+STR, "Map projections"; the WPS
// User's Guide, namelist.wps &geogrid, for the meaning of the parameters): WRF writes MAP_PROJ = 1 Lambert
// conformal conic (secant at TRUELAT1/TRUELAT2, tangent when they are equal), 2 polar stereographic (true at
// TRUELAT1, the pole of TRUELAT1's hemisphere), 3 Mercator (true at TRUELAT1), 6 latitude-longitude
// (cylindrical equidistant, possibly with a rotated pole), 0 for idealised runs without a map. STAND_LON is
// the meridian parallel to the grid's y axis. All use a sphere of radius 6,370,000 m (WRF share/module_llxy
// EARTH_RADIUS_M), which is why the Projection's semi_major_axis is set to it with inverse_flattening 0. The
// origin latitude of the LCC is MOAD_CEN_LAT (the parent domain's centre; wrf-python's LambertConformal uses
// it as lat_0), which only shifts projected y and therefore does not affect the placement below.
//
// Placement: wrfout files carry no projected coordinates, and a cropped file (the sample in
// shared/data) has CEN_LAT/CEN_LON of the uncropped domain, so the grid is placed from the cells' own
// XLAT/XLONG projected to x/y; every cell is then checked against the placed grid, which catches wrong
// projection attributes (a mis-typed TRUELAT2 moves cells by kilometres).
#include "io/wrf_grid.hpp"

#include <netcdf.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/constants.hpp"
#include "core/error.hpp"

namespace airshed {

namespace {

std::string number_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

std::optional<double> global_number(int ncid, const char* name, const std::string& path) {
  nc_type type = NC_NAT;
  std::size_t length = 0;
  if (nc_inq_att(ncid, NC_GLOBAL, name, &type, &length) != NC_NOERR) return std::nullopt;
  if (type == NC_CHAR || type == NC_STRING || length != 1)
    throw InputError(path, "global attribute '" + std::string(name) + "' must be a single number");
  double value = 0.0;
  if (nc_get_att_double(ncid, NC_GLOBAL, name, &value) != NC_NOERR || !std::isfinite(value))
    throw InputError(path, "global attribute '" + std::string(name) + "' is not a finite number");
  return value;
}

double required_number(int ncid, const char* name, const std::string& path, const std::string& why) {
  const auto value = global_number(ncid, name, path);
  if (!value) throw InputError(path, "global attribute '" + std::string(name) + "' is missing (" + why + ")");
  return *value;
}

std::string map_proj_name(int map_proj) {
  switch (map_proj) {
    case 0:
      return "no map projection (idealised run)";
    case 1:
      return "Lambert conformal";
    case 2:
      return "polar stereographic";
    case 3:
      return "Mercator";
    case 6:
      return "lat-lon";
    default:
      return "unknown";
  }
}

}  // namespace

WrfDomainAttributes read_wrf_domain_attributes(int ncid, const std::string& path) {
  WrfDomainAttributes a;
  const double map_proj = required_number(ncid, "MAP_PROJ", path, "WRF output always has one");
  if (map_proj != std::round(map_proj))
    throw InputError(path, "global attribute 'MAP_PROJ' = " + number_text(map_proj) + " is not an integer");
  a.map_proj = static_cast<int>(map_proj);
  a.dx = required_number(ncid, "DX", path, "the grid spacing in metres");
  a.dy = required_number(ncid, "DY", path, "the grid spacing in metres");
  if (!(a.dx > 0.0) || !(a.dy > 0.0))
    throw InputError(path, "global attributes DX = " + number_text(a.dx) + " and DY = " + number_text(a.dy) +
                               " must be positive (metres)");
  if (a.map_proj < 1 || a.map_proj > 3) return a;  // wrf_projection reports the unsupported projection
  a.truelat1 = required_number(ncid, "TRUELAT1", path, "the projection's true latitude");
  if (a.map_proj == 1) a.truelat2 = required_number(ncid, "TRUELAT2", path, "the second true latitude");
  if (a.map_proj != 3) a.stand_lon = required_number(ncid, "STAND_LON", path, "the grid's central meridian");
  if (a.map_proj == 1) {
    const auto origin = global_number(ncid, "MOAD_CEN_LAT", path);
    a.moad_cen_lat = origin ? *origin : required_number(ncid, "CEN_LAT", path, "the projection's origin");
  }
  if (a.map_proj == 3) {
    const auto stand_lon = global_number(ncid, "STAND_LON", path);
    a.cen_lon = stand_lon && !global_number(ncid, "CEN_LON", path)
                    ? *stand_lon
                    : required_number(ncid, "CEN_LON", path, "the Mercator grid's central longitude");
  }
  return a;
}

std::string wrf_domain_difference(const WrfDomainAttributes& a, const WrfDomainAttributes& b) {
  if (a.map_proj != b.map_proj)
    return "MAP_PROJ " + std::to_string(a.map_proj) + " vs " + std::to_string(b.map_proj);
  const struct {
    const char* name;
    double first, second;
  } numbers[] = {{"DX", a.dx, b.dx},
                 {"DY", a.dy, b.dy},
                 {"TRUELAT1", a.truelat1, b.truelat1},
                 {"TRUELAT2", a.truelat2, b.truelat2},
                 {"STAND_LON", a.stand_lon, b.stand_lon},
                 {"MOAD_CEN_LAT", a.moad_cen_lat, b.moad_cen_lat},
                 {"CEN_LON", a.cen_lon, b.cen_lon}};
  for (const auto& n : numbers)
    if (std::abs(n.first - n.second) > 1e-6 * std::max({1.0, std::abs(n.first), std::abs(n.second)}))
      return std::string(n.name) + " " + number_text(n.first) + " vs " + number_text(n.second);
  return {};
}

Projection wrf_projection(const WrfDomainAttributes& a, const std::string& path) {
  Projection p;
  p.semi_major_axis = constants::earth_radius_wrf;
  p.inverse_flattening = 0.0;
  switch (a.map_proj) {
    case 1:
      p.kind = Projection::Kind::lambert_conformal_conic;
      p.standard_parallel_1 = a.truelat1;
      p.standard_parallel_2 = a.truelat2;
      p.longitude_of_central_meridian = a.stand_lon;
      p.latitude_of_projection_origin = a.moad_cen_lat;
      break;
    case 2:
      p.kind = Projection::Kind::polar_stereographic;
      p.standard_parallel_1 = a.truelat1;
      p.longitude_of_central_meridian = a.stand_lon;
      // WRF picks the pole from the sign of TRUELAT1 (module_llxy set_ps: hemi = sign(truelat1)).
      p.latitude_of_projection_origin = a.truelat1 < 0.0 ? -90.0 : 90.0;
      break;
    case 3:
      p.kind = Projection::Kind::mercator;
      p.standard_parallel_1 = a.truelat1;
      // A Mercator grid has no preferred meridian; the domain centre keeps longitude differences far from
      // the +-180 degree wrap for any domain narrower than a hemisphere.
      p.longitude_of_central_meridian = a.cen_lon;
      break;
    default:
      throw InputError(path, "unsupported projection MAP_PROJ=" + std::to_string(a.map_proj) + " (" +
                                 map_proj_name(a.map_proj) +
                                 "); the WRF reader supports MAP_PROJ 1 (Lambert conformal), 2 (polar "
                                 "stereographic) and 3 (Mercator)");
  }
  try {
    p.validate();
  } catch (const std::invalid_argument& e) {
    throw InputError(path, "projection of MAP_PROJ=" + std::to_string(a.map_proj) + " (" +
                               map_proj_name(a.map_proj) + ") from the global attributes: " + e.what());
  }
  return p;
}

Grid place_wrf_grid(const Projection& projection, const WrfDomainAttributes& a, int nx, int ny,
                    const WrfLonLat& cells, VerticalLayers layers) {
  double sum_x = 0.0, sum_y = 0.0;
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      const std::size_t n = static_cast<std::size_t>(i) + static_cast<std::size_t>(nx) * j;
      const ProjectedXY xy = projection.forward({cells.lon[n], cells.lat[n]});
      sum_x += xy.x - (i + 0.5) * a.dx;
      sum_y += xy.y - (j + 0.5) * a.dy;
    }
  const double count = static_cast<double>(nx) * ny;
  return Grid(nx, ny, a.dx, a.dy, sum_x / count, sum_y / count, std::move(layers), projection);
}

void check_wrf_lonlat(const Grid& grid, const WrfLonLat& cells, double tolerance, const std::string& path,
                      const std::string& what) {
  double worst = -1.0;
  int wi = 0, wj = 0;
  for (int j = 0; j < grid.ny(); ++j)
    for (int i = 0; i < grid.nx(); ++i) {
      const std::size_t n = static_cast<std::size_t>(i) + static_cast<std::size_t>(grid.nx()) * j;
      const ProjectedXY xy = grid.projection().forward({cells.lon[n], cells.lat[n]});
      const double distance = std::hypot(xy.x - grid.x_centre(i), xy.y - grid.y_centre(j));
      if (!(distance <= worst)) {  // NaN-safe: a NaN distance is always the worst
        worst = distance;
        wi = i;
        wj = j;
        if (std::isnan(distance)) break;
      }
    }
  if (worst <= tolerance) return;
  const std::size_t n = static_cast<std::size_t>(wi) + static_cast<std::size_t>(grid.nx()) * wj;
  throw InputError(
      path, "XLAT/XLONG" + what + " of cell (" + std::to_string(wi) + "," + std::to_string(wj) +
                ") = " + number_text(cells.lat[n]) + ", " + number_text(cells.lon[n]) + " lies " +
                number_text(std::round(worst)) + " m from that cell's centre on the grid of the projection " +
                "attributes (tolerance " + number_text(tolerance) + " m): MAP_PROJ, TRUELAT1/2, " +
                "STAND_LON, DX or DY do not describe this grid, or the grid moves (a moving nest)");
}

}  // namespace airshed
