// SPDX-License-Identifier: Apache-2.0
#include "io/cf_grid.hpp"

#include <netcdf.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <utility>

#include "core/error.hpp"
#include "io/units.hpp"

namespace airshed {

using netCDF::NcDim;
using netCDF::NcFile;
using netCDF::NcVar;

namespace {

std::string number_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

[[noreturn]] void fail(const std::string& path, const NcVar& variable, const std::string& problem) {
  throw InputError(path, "variable '" + variable.getName() + "': " + problem);
}

void put_number(const NcVar& variable, const std::string& name, double value) {
  variable.putAtt(name, netCDF::ncDouble, value);
}

// ---------------------------------------------------------------------------------------------------------
// Writing

// Polar stereographic and Mercator: a scale factor other than 1 is a scale at the pole / equator (see
// read_kind_parameters), otherwise the latitude of true scale is the parameter (CF Appendix F).
void put_true_scale(const NcVar& crs, const Projection& p) {
  if (p.scale_factor != 1.0)
    put_number(crs, "scale_factor_at_projection_origin", p.scale_factor);
  else
    put_number(crs, "standard_parallel", p.standard_parallel_1);
}

NcVar add_bounds(const NcFile& file, const std::string& name, const NcDim& axis, const NcDim& bnds,
                 const std::vector<double>& edges) {
  NcVar bounds = file.addVar(name, netCDF::ncDouble, std::vector<NcDim>{axis, bnds});
  std::vector<double> pairs;
  for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
    pairs.push_back(edges[i]);
    pairs.push_back(edges[i + 1]);
  }
  bounds.putVar(pairs.data());
  return bounds;
}

// Projected x or y (CF §4.4 "projection_x_coordinate"), cell centres, bounds = cell edges (CF §7.1).
void write_horizontal_axis(const NcFile& file, const NcDim& dim, const NcDim& bnds, const std::string& name,
                           double first_edge, double spacing) {
  const std::size_t n = dim.getSize();
  std::vector<double> centres(n), edges(n + 1);
  for (std::size_t i = 0; i <= n; ++i) edges[i] = first_edge + static_cast<double>(i) * spacing;
  for (std::size_t i = 0; i < n; ++i) centres[i] = first_edge + (static_cast<double>(i) + 0.5) * spacing;
  NcVar axis = file.addVar(name, netCDF::ncDouble, dim);
  axis.putAtt("standard_name", "projection_" + name + "_coordinate");
  axis.putAtt("long_name", name + " coordinate of projection (cell centre)");
  axis.putAtt("units", "m");
  axis.putAtt("axis", name == "x" ? "X" : "Y");
  axis.putAtt("bounds", name + "_bnds");
  axis.putVar(centres.data());
  add_bounds(file, name + "_bnds", dim, bnds, edges);
}

// Height above the surface (CF §4.3.1, standard_name "height"); the bounds are the layer interfaces.
void write_vertical_axis(const NcFile& file, const NcDim& z, const NcDim& bnds,
                         const VerticalLayers& layers) {
  std::vector<double> mids(static_cast<std::size_t>(layers.nz()));
  for (int k = 0; k < layers.nz(); ++k) mids[static_cast<std::size_t>(k)] = layers.mid(k);
  NcVar axis = file.addVar(cf_name::z, netCDF::ncDouble, z);
  axis.putAtt("standard_name", "height");
  axis.putAtt("long_name", "height above ground of the layer mid-point");
  axis.putAtt("units", "m");
  axis.putAtt("positive", "up");
  axis.putAtt("axis", "Z");
  axis.putAtt("bounds", "z_bnds");
  axis.putVar(mids.data());
  add_bounds(file, "z_bnds", z, bnds, layers.interfaces());
}

void write_time_axis(const NcFile& file, const NcDim& time, UtcTime reference) {
  NcVar axis = file.addVar(cf_name::time, netCDF::ncDouble, time);
  axis.putAtt("standard_name", "time");
  axis.putAtt("long_name", "time");
  axis.putAtt("units", cf_time_units(reference));
  axis.putAtt("calendar", "standard");
  axis.putAtt("axis", "T");
}

// Keep every corner within 180 degrees of its cell centre so no cell straddles the longitude seam.
double near_longitude(double lon, double centre) {
  while (lon - centre > 180.0) lon -= 360.0;
  while (lon - centre < -180.0) lon += 360.0;
  return lon;
}

NcVar add_geographic(const NcFile& file, const std::string& name, const CfGridDims& d,
                     const std::vector<double>& values, const std::vector<double>& corners) {
  const bool is_lat = name == "lat";
  NcVar var = file.addVar(name, netCDF::ncDouble, std::vector<NcDim>{d.y, d.x});
  var.putAtt("standard_name", is_lat ? "latitude" : "longitude");
  var.putAtt("long_name", is_lat ? "latitude of the cell centre" : "longitude of the cell centre");
  var.putAtt("units", is_lat ? "degrees_north" : "degrees_east");
  var.putAtt("bounds", name + "_bnds");
  var.putVar(values.data());
  NcVar bounds = file.addVar(name + "_bnds", netCDF::ncDouble, std::vector<NcDim>{d.y, d.x, d.nv});
  bounds.putVar(corners.data());
  return var;
}

// 2-D auxiliary lat/lon (CF §5.2) with 4 vertices per cell, anticlockwise from south-west (CF §7.1).
void write_geographic(const NcFile& file, const CfGridDims& d, const Grid& grid) {
  const int nx = grid.nx(), ny = grid.ny();
  std::vector<LonLat> lattice(static_cast<std::size_t>(nx + 1) * (ny + 1));
  for (int j = 0; j <= ny; ++j)
    for (int i = 0; i <= nx; ++i)
      lattice[static_cast<std::size_t>(j) * (nx + 1) + i] =
          grid.projection().inverse({grid.x_west() + i * grid.dx(), grid.y_south() + j * grid.dy()});
  static constexpr std::array<int, 4> di{0, 1, 1, 0}, dj{0, 0, 1, 1};
  std::vector<double> lat, lon, lat_corners, lon_corners;
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      const LonLat c = grid.lonlat_centre(i, j);
      lat.push_back(c.lat);
      lon.push_back(c.lon);
      for (int v = 0; v < 4; ++v) {
        const LonLat p = lattice[static_cast<std::size_t>(j + dj[v]) * (nx + 1) + i + di[v]];
        lat_corners.push_back(p.lat);
        lon_corners.push_back(near_longitude(p.lon, c.lon));
      }
    }
  add_geographic(file, "lat", d, lat, lat_corners);
  add_geographic(file, "lon", d, lon, lon_corners);
}

// ---------------------------------------------------------------------------------------------------------
// Reading

struct Axis {
  int n = 0;
  double spacing = 0.0;
  double first_edge = 0.0;
  bool reversed = false;
};

std::vector<double> read_values(const NcVar& variable) {
  std::size_t count = 1;
  for (const auto& dim : variable.getDims()) count *= dim.getSize();
  std::vector<double> values(count);
  if (count > 0) variable.getVar(values.data());
  return values;
}

SiConversion length_units(const NcVar& variable, const std::string& path) {
  const auto units = text_attribute(variable, "units");
  if (!units) fail(path, variable, "no units attribute (expected m or km)");
  return si_conversion(QuantityKind::length, *units, path, variable.getName());
}

void check_strictly_monotonic(const NcVar& variable, const std::vector<double>& v, const std::string& path) {
  const double direction = v[1] > v[0] ? 1.0 : -1.0;
  for (std::size_t i = 0; i + 1 < v.size(); ++i)
    if (!((v[i + 1] - v[i]) * direction > 0.0))
      fail(path, variable,
           "values are not strictly monotonic (" + variable.getName() + "[" + std::to_string(i) +
               "] = " + number_text(v[i]) + ", " + variable.getName() + "[" + std::to_string(i + 1) +
               "] = " + number_text(v[i + 1]) + ")");
}

// A projected coordinate (CF §4.4, §5.6): 1-D, m or km, strictly monotonic, uniformly spaced.
Axis read_axis(const NcVar& variable, const std::string& path, const std::string& standard_name) {
  if (variable.getDimCount() != 1) fail(path, variable, "a projected coordinate must be 1-D");
  const auto name = text_attribute(variable, "standard_name");
  if (name && *name != standard_name)
    fail(path, variable,
         "standard_name '" + *name + "' is not " + standard_name +
             " (the grid must be projected: x/y in metres with a grid_mapping)");
  const SiConversion units = length_units(variable, path);
  std::vector<double> v = read_values(variable);
  if (v.size() < 2) fail(path, variable, "at least 2 points are needed to define the grid spacing");
  for (auto& value : v) {
    if (!std::isfinite(value)) fail(path, variable, "coordinate values must be finite");
    value = units.apply(value);
  }
  check_strictly_monotonic(variable, v, path);
  const double mean = (v.back() - v.front()) / static_cast<double>(v.size() - 1);
  for (std::size_t i = 0; i + 1 < v.size(); ++i)
    if (std::abs(v[i + 1] - v[i] - mean) > 1e-6 * std::abs(mean))
      fail(path, variable,
           "spacing is not uniform: step " + std::to_string(i) + " is " + number_text(v[i + 1] - v[i]) +
               " m but the mean step is " + number_text(mean) + " m (relative tolerance 1e-6)");
  Axis axis;
  axis.n = static_cast<int>(v.size());
  axis.spacing = std::abs(mean);
  axis.reversed = mean < 0.0;
  axis.first_edge = std::min(v.front(), v.back()) - 0.5 * axis.spacing;
  return axis;
}

// Layer interfaces from z bounds (CF §7.1): consecutive cells must share their interface.
std::vector<double> interfaces_from_bounds(const NcVar& z, const NcVar& bounds, double scale,
                                           const std::string& path) {
  const auto dims = bounds.getDims();
  const std::size_t nz = z.getDim(0).getSize();
  if (dims.size() != 2 || dims[0].getSize() != nz || dims[1].getSize() != 2)
    fail(path, bounds, "bounds of '" + z.getName() + "' must have shape (" + std::to_string(nz) + ", 2)");
  const std::vector<double> b = read_values(bounds);
  std::vector<double> interfaces{scale * std::min(b[0], b[1])};
  for (std::size_t k = 0; k < nz; ++k) {
    const double lower = scale * std::min(b[2 * k], b[2 * k + 1]);
    const double upper = scale * std::max(b[2 * k], b[2 * k + 1]);
    if (std::abs(lower - interfaces.back()) > 1e-3)
      fail(path, bounds,
           "layer " + std::to_string(k) + " starts at " + number_text(lower) + " m but layer " +
               std::to_string(k - 1) + " ends at " + number_text(interfaces.back()) + " m");
    interfaces.push_back(upper);
  }
  return interfaces;
}

// Without bounds the interfaces follow from the mid-points, starting at the ground.
std::vector<double> interfaces_from_mids(const std::vector<double>& mids) {
  std::vector<double> interfaces{0.0};
  for (const double mid : mids) interfaces.push_back(2.0 * mid - interfaces.back());
  return interfaces;
}

void check_vertical_attributes(const NcVar& z, const std::string& path) {
  if (z.getDimCount() != 1) fail(path, z, "the vertical coordinate must be 1-D");
  const auto positive = text_attribute(z, "positive");
  std::string direction = positive.value_or("up");
  for (auto& c : direction) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (direction != "up")
    fail(path, z, "positive = '" + *positive + "' but heights above ground (positive up) are required");
  const auto name = text_attribute(z, "standard_name");
  if (name && *name != "height")
    fail(path, z, "standard_name '" + *name + "' is not height (height above ground in metres is required)");
}

std::vector<double> read_interfaces(const NcFile& file, const NcVar& z, const std::string& path) {
  check_vertical_attributes(z, path);
  const SiConversion units = length_units(z, path);
  std::vector<double> interfaces;
  if (const auto bounds_name = text_attribute(z, "bounds")) {
    const NcVar bounds = file.getVar(*bounds_name);
    if (bounds.isNull()) fail(path, z, "bounds variable '" + *bounds_name + "' is not in the file");
    interfaces = interfaces_from_bounds(z, bounds, units.scale, path);
  } else {
    std::vector<double> mids = read_values(z);
    for (auto& mid : mids) mid = units.apply(mid);
    interfaces = interfaces_from_mids(mids);
  }
  if (std::abs(interfaces.front()) > 1e-3)
    fail(path, z,
         "the lowest layer starts at " + number_text(interfaces.front()) + " m, not at the ground (0 m)");
  interfaces.front() = 0.0;
  for (std::size_t k = 1; k < interfaces.size(); ++k)
    if (!(interfaces[k] > interfaces[k - 1]))
      fail(path, z,
           "layer interfaces must increase upward from 0 m (interface " + std::to_string(k) + " at " +
               number_text(interfaces[k]) + " m, interface " + std::to_string(k - 1) + " at " +
               number_text(interfaces[k - 1]) + " m)");
  return interfaces;
}

Projection::Kind kind_from_cf_name(const NcVar& crs, const std::string& name, const std::string& path) {
  using Kind = Projection::Kind;
  std::string known;
  for (const Kind kind : {Kind::lambert_conformal_conic, Kind::transverse_mercator, Kind::polar_stereographic,
                          Kind::mercator}) {
    Projection candidate;
    candidate.kind = kind;
    if (candidate.cf_grid_mapping_name() == name) return kind;
    known += (known.empty() ? "" : ", ") + candidate.cf_grid_mapping_name();
  }
  fail(path, crs, "grid_mapping_name '" + name + "' is not supported (supported: " + known + ")");
}

// Reads the Appendix F attributes of one grid-mapping variable.
class CrsAttributes {
 public:
  CrsAttributes(const NcVar& crs, const std::string& path) : crs_(crs), path_(path) {}

  std::optional<double> optional(const std::string& name) const {
    const auto values = number_attribute(crs_, name);
    if (!values) return std::nullopt;
    if (values->size() != 1) fail(path_, crs_, "attribute '" + name + "' must be a single number");
    return values->front();
  }
  double required(const std::string& name) const {
    const auto value = optional(name);
    if (!value) fail(path_, crs_, "attribute '" + name + "' (a number) is missing");
    return *value;
  }
  double either(const std::string& name, const std::string& alternative) const {
    if (const auto value = optional(alternative)) return optional(name).value_or(*value);
    return required(name);
  }
  std::vector<double> parallels(std::size_t max_count, bool required) const {
    const auto values = number_attribute(crs_, "standard_parallel");
    if (!values && required) fail(path_, crs_, "attribute 'standard_parallel' (numbers) is missing");
    if (!values) return {};
    if (values->empty() || values->size() > max_count)
      fail(path_, crs_,
           "standard_parallel must hold 1" + std::string(max_count > 1 ? " or 2" : "") + " values");
    return *values;
  }
  // Polar stereographic and Mercator give either a latitude of true scale (standard_parallel) or the scale
  // factor at the pole / equator (scale_factor_at_projection_origin), CF Appendix F; Projection holds the
  // latter as scale_factor with standard_parallel_1 at the pole / equator.
  void true_scale(Projection& p, double origin_latitude) const {
    const auto sp = parallels(1, false);
    const auto k0 = optional("scale_factor_at_projection_origin");
    if (!sp.empty() && k0)
      fail(path_, crs_, "give standard_parallel or scale_factor_at_projection_origin, not both");
    if (sp.empty() && !k0)
      fail(path_, crs_, "attribute 'standard_parallel' or 'scale_factor_at_projection_origin' is missing");
    p.standard_parallel_1 = sp.empty() ? origin_latitude : sp.front();
    p.standard_parallel_2 = p.standard_parallel_1;
    p.scale_factor = k0.value_or(1.0);
  }
  void figure_of_the_earth(Projection& p) const {
    if (const auto r = optional("earth_radius")) {
      p.semi_major_axis = *r;
      p.inverse_flattening = 0.0;
      return;
    }
    const auto a = optional("semi_major_axis");
    if (!a) return;  // CF leaves the figure unspecified: keep the WRF sphere (Projection's default)
    p.semi_major_axis = *a;
    if (const auto f = optional("inverse_flattening"))
      p.inverse_flattening = *f;
    else if (const auto b = optional("semi_minor_axis"))
      p.inverse_flattening = *b == *a ? 0.0 : *a / (*a - *b);
    else
      p.inverse_flattening = 0.0;
  }

 private:
  const NcVar& crs_;
  const std::string& path_;
};

void read_kind_parameters(const CrsAttributes& att, Projection& p) {
  using Kind = Projection::Kind;
  switch (p.kind) {
    case Kind::lambert_conformal_conic: {
      const auto sp = att.parallels(2, true);
      p.standard_parallel_1 = sp.front();
      p.standard_parallel_2 = sp.back();
      p.longitude_of_central_meridian = att.required("longitude_of_central_meridian");
      p.latitude_of_projection_origin = att.required("latitude_of_projection_origin");
      break;
    }
    case Kind::transverse_mercator:
      p.scale_factor = att.required("scale_factor_at_central_meridian");
      p.longitude_of_central_meridian = att.required("longitude_of_central_meridian");
      p.latitude_of_projection_origin = att.required("latitude_of_projection_origin");
      break;
    case Kind::polar_stereographic:
      p.longitude_of_central_meridian =
          att.either("straight_vertical_longitude_from_pole", "longitude_of_projection_origin");
      p.latitude_of_projection_origin = att.required("latitude_of_projection_origin");
      att.true_scale(p, p.latitude_of_projection_origin);
      break;
    case Kind::mercator:
      p.longitude_of_central_meridian = att.required("longitude_of_projection_origin");
      att.true_scale(p, 0.0);
      break;
  }
  p.false_easting = att.optional("false_easting").value_or(0.0);
  p.false_northing = att.optional("false_northing").value_or(0.0);
}

struct NamedValue {
  const char* cf_name;
  double a;
  double b;
};

std::vector<NamedValue> comparable_parameters(const Projection& a, const Projection& b) {
  using Kind = Projection::Kind;
  std::vector<NamedValue> out;
  if (a.kind == Kind::lambert_conformal_conic) {
    const auto [a1, a2] = std::minmax(a.standard_parallel_1, a.standard_parallel_2);
    const auto [b1, b2] = std::minmax(b.standard_parallel_1, b.standard_parallel_2);
    out.push_back({"standard_parallel", a1, b1});
    out.push_back({"standard_parallel", a2, b2});
  } else if (a.kind != Kind::transverse_mercator) {
    out.push_back({"standard_parallel", a.standard_parallel_1, b.standard_parallel_1});
  }
  if (a.kind == Kind::transverse_mercator)
    out.push_back({"scale_factor_at_central_meridian", a.scale_factor, b.scale_factor});
  if (a.kind == Kind::polar_stereographic || a.kind == Kind::mercator)
    out.push_back({"scale_factor_at_projection_origin", a.scale_factor, b.scale_factor});
  out.push_back(
      {"longitude_of_central_meridian", a.longitude_of_central_meridian, b.longitude_of_central_meridian});
  if (a.kind != Kind::mercator)
    out.push_back(
        {"latitude_of_projection_origin", a.latitude_of_projection_origin, b.latitude_of_projection_origin});
  out.push_back({"false_easting", a.false_easting, b.false_easting});
  out.push_back({"false_northing", a.false_northing, b.false_northing});
  out.push_back({"semi_major_axis", a.semi_major_axis, b.semi_major_axis});
  out.push_back({"inverse_flattening", a.inverse_flattening, b.inverse_flattening});
  return out;
}

}  // namespace

// -------------------------------------------------------------------------------------------------------------
// Public: writing

void create_cf_file(NcFile& file, const std::string& temporary_path, const std::string& final_path) {
  try {
    file.open(temporary_path, NcFile::replace, NcFile::nc4);
  } catch (const netCDF::exceptions::NcException& e) {
    throw InputError(final_path, std::string("cannot create NetCDF file: ") + nc_strerror(e.errorCode()));
  }
}

CfGridDims write_cf_grid(NcFile& file, const Grid& grid, UtcTime time_reference) {
  CfGridDims d;
  d.time = file.addDim(cf_name::time);
  d.z = file.addDim(cf_name::z, static_cast<std::size_t>(grid.nz()));
  d.y = file.addDim(cf_name::y, static_cast<std::size_t>(grid.ny()));
  d.x = file.addDim(cf_name::x, static_cast<std::size_t>(grid.nx()));
  d.bnds = file.addDim(cf_name::bnds, 2);
  d.nv = file.addDim(cf_name::nv, 4);
  write_time_axis(file, d.time, time_reference);
  write_vertical_axis(file, d.z, d.bnds, grid.layers());
  write_horizontal_axis(file, d.y, d.bnds, cf_name::y, grid.y_south(), grid.dy());
  write_horizontal_axis(file, d.x, d.bnds, cf_name::x, grid.x_west(), grid.dx());
  write_geographic(file, d, grid);
  write_cf_crs(file, grid.projection());
  return d;
}

NcDim write_cf_interfaces(NcFile& file, const Grid& grid) {
  const NcDim zi = file.addDim(cf_name::interface_dim, static_cast<std::size_t>(grid.nz() + 1));
  NcVar var = file.addVar(cf_name::interface_var, netCDF::ncDouble, zi);
  var.putAtt("standard_name", "height");
  var.putAtt("long_name", "height above ground of the layer interfaces");
  var.putAtt("units", "m");
  var.putAtt("positive", "up");
  var.putAtt("axis", "Z");
  var.putVar(grid.layers().interfaces().data());
  return zi;
}

void write_cf_crs(NcFile& file, const Projection& p) {
  using Kind = Projection::Kind;
  NcVar crs = file.addVar(cf_name::crs, netCDF::ncInt);
  crs.putAtt("grid_mapping_name", p.cf_grid_mapping_name());
  switch (p.kind) {
    case Kind::lambert_conformal_conic: {
      const std::vector<double> sp = p.standard_parallel_1 == p.standard_parallel_2
                                         ? std::vector<double>{p.standard_parallel_1}
                                         : std::vector<double>{p.standard_parallel_1, p.standard_parallel_2};
      crs.putAtt("standard_parallel", netCDF::ncDouble, sp.size(), sp.data());
      put_number(crs, "longitude_of_central_meridian", p.longitude_of_central_meridian);
      put_number(crs, "latitude_of_projection_origin", p.latitude_of_projection_origin);
      break;
    }
    case Kind::transverse_mercator:
      put_number(crs, "scale_factor_at_central_meridian", p.scale_factor);
      put_number(crs, "longitude_of_central_meridian", p.longitude_of_central_meridian);
      put_number(crs, "latitude_of_projection_origin", p.latitude_of_projection_origin);
      break;
    case Kind::polar_stereographic:
      put_number(crs, "straight_vertical_longitude_from_pole", p.longitude_of_central_meridian);
      put_number(crs, "latitude_of_projection_origin", p.latitude_of_projection_origin);
      put_true_scale(crs, p);
      break;
    case Kind::mercator:
      put_number(crs, "longitude_of_projection_origin", p.longitude_of_central_meridian);
      put_true_scale(crs, p);
      break;
  }
  put_number(crs, "false_easting", p.false_easting);
  put_number(crs, "false_northing", p.false_northing);
  if (p.inverse_flattening == 0.0) {
    put_number(crs, "earth_radius", p.semi_major_axis);
  } else {
    put_number(crs, "semi_major_axis", p.semi_major_axis);
    put_number(crs, "inverse_flattening", p.inverse_flattening);
  }
  crs.putAtt("crs_wkt", p.to_wkt());
  const int zero = 0;
  crs.putVar(&zero);
}

void set_cf_grid_attributes(const NcVar& variable) {
  variable.putAtt("grid_mapping", cf_name::crs);
  variable.putAtt("coordinates", "lon lat");
}

std::string cf_time_units(UtcTime reference) {
  const CivilTime c = to_civil(reference);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "hours since %04d-%02d-%02d %02d:%02d:%02d", c.year, c.month, c.day,
                c.hour, c.minute, c.second);
  return buffer;
}

void write_cf_time(const NcFile& file, std::size_t record, UtcTime t, UtcTime reference) {
  const double hours = static_cast<double>(t.seconds - reference.seconds) / 3600.0;
  file.getVar(cf_name::time).putVar(std::vector<std::size_t>{record}, &hours);
}

// -------------------------------------------------------------------------------------------------------------
// Public: attributes

std::optional<std::string> text_attribute(const NcVar& variable, const std::string& name) {
  const int ncid = variable.getParentGroup().getId(), varid = variable.getId();
  nc_type type = NC_NAT;
  std::size_t length = 0;
  if (nc_inq_att(ncid, varid, name.c_str(), &type, &length) != NC_NOERR) return std::nullopt;
  if (type == NC_CHAR) {
    std::string text(length, '\0');
    if (length > 0 && nc_get_att_text(ncid, varid, name.c_str(), text.data()) != NC_NOERR)
      return std::nullopt;
    while (!text.empty() && text.back() == '\0') text.pop_back();
    return text;
  }
  if (type == NC_STRING) {
    std::vector<char*> strings(length, nullptr);
    if (nc_get_att_string(ncid, varid, name.c_str(), strings.data()) != NC_NOERR) return std::nullopt;
    std::string text;
    for (const char* s : strings) text += (text.empty() ? "" : ", ") + std::string(s ? s : "");
    nc_free_string(length, strings.data());
    return text;
  }
  return std::nullopt;
}

std::optional<std::vector<double>> number_attribute(const NcVar& variable, const std::string& name) {
  const int ncid = variable.getParentGroup().getId(), varid = variable.getId();
  nc_type type = NC_NAT;
  std::size_t length = 0;
  if (nc_inq_att(ncid, varid, name.c_str(), &type, &length) != NC_NOERR) return std::nullopt;
  if (type == NC_CHAR || type == NC_STRING || type > NC_STRING) return std::nullopt;
  std::vector<double> values(length);
  if (length > 0 && nc_get_att_double(ncid, varid, name.c_str(), values.data()) != NC_NOERR)
    return std::nullopt;
  return values;
}

std::vector<std::string> dimension_names(const NcVar& variable) {
  std::vector<std::string> names;
  for (const auto& dim : variable.getDims()) names.push_back(dim.getName());
  return names;
}

// -------------------------------------------------------------------------------------------------------------
// Public: reading

Projection read_cf_crs(const NcVar& crs, const std::string& path) {
  const auto name = text_attribute(crs, "grid_mapping_name");
  if (!name) fail(path, crs, "no grid_mapping_name attribute (CF Appendix F)");
  Projection p;
  p.kind = kind_from_cf_name(crs, *name, path);
  const CrsAttributes attributes(crs, path);
  read_kind_parameters(attributes, p);
  attributes.figure_of_the_earth(p);
  try {
    p.validate();
  } catch (const std::invalid_argument& e) {
    fail(path, crs, e.what());
  }
  return p;
}

Projection read_cf_grid_mapping(const NcFile& file, const NcVar& variable, const std::string& path) {
  const auto mapping = text_attribute(variable, "grid_mapping");
  if (!mapping)
    fail(path, variable, "no grid_mapping attribute (a projected grid with a CF grid mapping is required)");
  // CF §5.6 also allows the extended form "crs: x y [crs2: ...]"; the first mapping is the one we need.
  std::string crs_name = mapping->substr(0, mapping->find(':'));
  crs_name.erase(0, crs_name.find_first_not_of(' '));
  crs_name.erase(crs_name.find_last_not_of(' ') + 1);
  const NcVar crs = file.getVar(crs_name);
  if (crs.isNull()) fail(path, variable, "grid_mapping '" + crs_name + "' names no variable in the file");
  return read_cf_crs(crs, path);
}

std::string projection_difference(const Projection& a, const Projection& b, double relative) {
  if (a.kind != b.kind)
    return "grid_mapping_name " + a.cf_grid_mapping_name() + " vs " + b.cf_grid_mapping_name();
  for (const auto& v : comparable_parameters(a, b))
    if (std::abs(v.a - v.b) > relative * std::max({1.0, std::abs(v.a), std::abs(v.b)}))
      return std::string(v.cf_name) + " " + number_text(v.a) + " vs " + number_text(v.b);
  return {};
}

CfGrid read_cf_grid(const NcFile& file, const NcVar& variable, const std::string& path) {
  const auto dims = variable.getDims();
  if (dims.size() != 4)
    fail(path, variable,
         "a (time, z, y, x) variable is needed to read the grid, this one has " +
             std::to_string(dims.size()) + " dimensions");
  const auto coordinate = [&](const NcDim& dim) {
    const NcVar c = file.getVar(dim.getName());
    if (c.isNull()) fail(path, variable, "dimension '" + dim.getName() + "' has no coordinate variable");
    return c;
  };
  CfGrid out;
  out.time_dim = dims[0].getName();
  out.z_dim = dims[1].getName();
  out.y_dim = dims[2].getName();
  out.x_dim = dims[3].getName();
  const Axis x = read_axis(coordinate(dims[3]), path, "projection_x_coordinate");
  const Axis y = read_axis(coordinate(dims[2]), path, "projection_y_coordinate");
  std::vector<double> interfaces = read_interfaces(file, coordinate(dims[1]), path);
  const Projection projection = read_cf_grid_mapping(file, variable, path);
  out.times = read_cf_time(coordinate(dims[0]), path);
  out.x_reversed = x.reversed;
  out.y_reversed = y.reversed;
  out.grid = Grid(x.n, y.n, x.spacing, y.spacing, x.first_edge, y.first_edge,
                  VerticalLayers(std::move(interfaces)), projection);
  return out;
}

std::vector<UtcTime> read_cf_time(const NcVar& time, const std::string& path) {
  if (time.getDimCount() != 1) fail(path, time, "the time coordinate must be 1-D");
  const auto units = text_attribute(time, "units");
  if (!units) fail(path, time, "no units attribute (expected e.g. 'hours since 2021-01-01 00:00:00')");
  CfTimeUnits decoded;
  try {
    decoded = parse_cf_time_units(*units);
  } catch (const std::invalid_argument& e) {
    fail(path, time, e.what());
  }
  const auto calendar = text_attribute(time, "calendar");
  if (calendar && *calendar != "standard" && *calendar != "gregorian" && *calendar != "proleptic_gregorian")
    fail(path, time,
         "calendar '" + *calendar + "' is not supported (standard, gregorian, proleptic_gregorian)");
  std::vector<UtcTime> times;
  for (const double value : read_values(time)) {
    if (!std::isfinite(value)) fail(path, time, "time values must be finite");
    times.push_back(UtcTime{decoded.reference.seconds + std::llround(value * decoded.seconds_per_unit)});
  }
  for (std::size_t r = 1; r < times.size(); ++r)
    if (!(times[r] > times[r - 1]))
      fail(path, time,
           "times must increase strictly, but record " + std::to_string(r) + " (" + format_utc(times[r]) +
               ") does not follow record " + std::to_string(r - 1) + " (" + format_utc(times[r - 1]) + ")");
  return times;
}

}  // namespace airshed
