// SPDX-License-Identifier: Apache-2.0
// Gridded annual-mean emissions (CF NetCDF) placed into the model grid (docs/emission-inputs.md).
#include "io/gridded_emission_reader.hpp"

#include <netcdf.h>

#include <cmath>
#include <netcdf>
#include <optional>
#include <set>
#include <vector>

#include "core/error.hpp"
#include "io/cf_grid.hpp"
#include "io/inventory_rows.hpp"
#include "io/units.hpp"

namespace airshed {

using inventory_rows::number_text;
using netCDF::NcFile;
using netCDF::NcVar;

namespace {

[[noreturn]] void fail(const std::string& path, const NcVar& variable, const std::string& problem) {
  throw InputError(path, "variable '" + variable.getName() + "': " + problem);
}

std::vector<double> values(const NcVar& variable) {
  std::size_t count = 1;
  for (const auto& dim : variable.getDims()) count *= dim.getSize();
  std::vector<double> out(count);
  if (count > 0) variable.getVar(out.data());
  return out;
}

/// A global text attribute (NC_CHAR or NC_STRING), or nothing.
std::optional<std::string> global_text(const NcFile& file, const char* name) {
  nc_type type = NC_NAT;
  std::size_t length = 0;
  if (nc_inq_att(file.getId(), NC_GLOBAL, name, &type, &length) != NC_NOERR) return std::nullopt;
  if (type == NC_CHAR) {
    std::string text(length, '\0');
    if (length > 0) nc_get_att_text(file.getId(), NC_GLOBAL, name, text.data());
    while (!text.empty() && text.back() == '\0') text.pop_back();
    return text;
  }
  if (type == NC_STRING && length == 1) {
    char* text = nullptr;
    nc_get_att_string(file.getId(), NC_GLOBAL, name, &text);
    std::string out = text ? text : "";
    nc_free_string(1, &text);
    return out;
  }
  return std::nullopt;
}

/// Where a file axis falls in the model axis: first model cell index, and whether the file runs backwards.
struct Placement {
  int offset = 0;
  int n = 0;
  bool reversed = false;
};

/// The coordinate must have the model spacing, centres on model cell centres, and lie within the model grid.
Placement place(const std::string& path, const NcVar& coordinate, double first_edge, double spacing,
                int cells) {
  if (coordinate.getDimCount() != 1) fail(path, coordinate, "a projected coordinate must be 1-D");
  const auto units = text_attribute(coordinate, "units");
  if (!units) fail(path, coordinate, "no units attribute (expected m or km)");
  const SiConversion to_m = si_conversion(QuantityKind::length, *units, path, coordinate.getName());
  std::vector<double> v = values(coordinate);
  if (v.empty()) fail(path, coordinate, "no values");
  for (auto& value : v) {
    if (!std::isfinite(value)) fail(path, coordinate, "coordinate values must be finite");
    value = to_m.apply(value);
  }
  Placement p;
  p.n = static_cast<int>(v.size());
  p.reversed = v.size() > 1 && v[1] < v[0];
  for (std::size_t i = 0; i + 1 < v.size(); ++i) {
    const double step = std::abs(v[i + 1] - v[i]);
    if ((v[i + 1] < v[i]) != p.reversed || std::abs(step - spacing) > 1e-6 * spacing)
      fail(path, coordinate,
           "spacing " + number_text(v[i + 1] - v[i]) + " m at index " + std::to_string(i) +
               " differs from the model grid spacing " + number_text(spacing) + " m");
  }
  const double lowest = p.reversed ? v.back() : v.front();
  const double cell = (lowest - first_edge) / spacing - 0.5;
  const double whole = std::round(cell);
  if (std::abs(cell - whole) > 1e-3)
    fail(path, coordinate,
         "cell centres are not aligned with the model grid: " + number_text(lowest) + " m lies " +
             number_text((cell - whole) * spacing) + " m from the nearest model cell centre");
  p.offset = static_cast<int>(whole);
  if (p.offset < 0 || p.offset + p.n > cells)
    fail(path, coordinate,
         "cells " + std::to_string(p.offset) + ".." + std::to_string(p.offset + p.n - 1) +
             " of the model grid are outside it (0.." + std::to_string(cells - 1) +
             "): the file must be a sub-window of the model grid");
  return p;
}

std::optional<emis::Pollutant> pollutant_of(const std::string& name) {
  if (name == "PM2_5") return emis::Pollutant::PM25;
  return emis::find_pollutant(name);
}

bool is_flux_unit(const std::string& units) {
  return units == "kg m-2 s-1" || units == "kg/m2/s" || units == "kg m**-2 s**-1" || units == "kg m^-2 s^-1";
}

}  // namespace

emis::GriddedSource read_gridded_emissions(const std::string& path, const Grid& grid) {
  NcFile file;
  try {
    file.open(path, NcFile::read);
  } catch (const std::exception&) {
    throw InputError(path, "cannot open");
  }
  emis::GriddedSource source;
  source.info.where = path;
  source.info.id = global_text(file, "id").value_or(path);
  const auto category = global_text(file, "category");
  const auto speciation = global_text(file, "speciation_profile");
  if (!category || category->empty()) throw InputError(path, "global attribute 'category': missing");
  if (!speciation || speciation->empty())
    throw InputError(path, "global attribute 'speciation_profile': missing");
  source.info.category = *category;
  source.info.speciation_profile = *speciation;
  source.info.temporal_profile = global_text(file, "temporal_profile").value_or("");
  source.info.region = global_text(file, "region").value_or("");

  std::set<std::string> coordinate_names;
  for (const auto& [name, dim] : file.getDims()) coordinate_names.insert(name);
  for (const auto& [name, variable] : file.getVars()) {
    if (coordinate_names.count(name)) continue;
    const auto pollutant = pollutant_of(name);
    const auto units = text_attribute(variable, "units");
    if (!pollutant) {
      if (units && is_flux_unit(*units))
        fail(path, variable, "unknown pollutant (expected NOx, SO2, CO, VOC, NH3, PM2_5 or PM25, PM10)");
      continue;
    }
    if (!units || !is_flux_unit(*units))
      fail(path, variable, "units '" + units.value_or("") + "' are not kg m-2 s-1");
    if (source.flux.count(*pollutant))
      fail(path, variable, "a second variable for " + std::string(emis::pollutant_name(*pollutant)));
    const auto dims = variable.getDims();
    if (dims.size() != 2)
      fail(path, variable, "expected 2 dimensions (y, x), found " + std::to_string(dims.size()));
    // Without a grid mapping the file is taken to be on the model projection, as the format says.
    if (variable.getAtts().count("grid_mapping")) {
      const std::string difference =
          projection_difference(read_cf_grid_mapping(file, variable, path), grid.projection());
      if (!difference.empty())
        fail(path, variable, "projection differs from the model grid's: " + difference);
    }
    const NcVar ycoord = file.getVar(dims[0].getName());
    const NcVar xcoord = file.getVar(dims[1].getName());
    if (ycoord.isNull() || xcoord.isNull())
      fail(path, variable,
           "dimensions (" + dims[0].getName() + ", " + dims[1].getName() + ") need coordinate variables");
    const Placement px = place(path, xcoord, grid.x_west(), grid.dx(), grid.nx());
    const Placement py = place(path, ycoord, grid.y_south(), grid.dy(), grid.ny());
    std::optional<double> fill;
    for (const char* attribute : {"_FillValue", "missing_value"})
      if (const auto value = number_attribute(variable, attribute); value && !value->empty())
        fill = value->front();
    const std::vector<double> data = values(variable);
    Array2 flux(grid.nx(), grid.ny());
    for (int jf = 0; jf < py.n; ++jf)
      for (int ifile = 0; ifile < px.n; ++ifile) {
        double value = data[static_cast<std::size_t>(jf) * px.n + ifile];
        // Cells without data (fill) are cells without emission, as in the EDGAR and MEIC grids.
        if (fill && value == *fill) value = 0.0;
        if (!std::isfinite(value) || value < 0.0)
          fail(path, variable,
               "value " + number_text(value) + " at (y " + std::to_string(jf) + ", x " +
                   std::to_string(ifile) + ") is not a finite non-negative flux");
        const int i = px.offset + (px.reversed ? px.n - 1 - ifile : ifile);
        const int j = py.offset + (py.reversed ? py.n - 1 - jf : jf);
        flux(i, j) = value;
      }
    source.flux[*pollutant] = std::move(flux);
  }
  // PM10 includes PM2.5 in every cell; a grid where it does not has the two fields swapped or mis-scaled.
  const auto pm10 = source.flux.find(emis::Pollutant::PM10);
  const auto pm25 = source.flux.find(emis::Pollutant::PM25);
  if (pm10 != source.flux.end() && pm25 != source.flux.end())
    for (int j = 0; j < grid.ny(); ++j)
      for (int i = 0; i < grid.nx(); ++i)
        if (pm10->second(i, j) < pm25->second(i, j) * (1.0 - 1e-12))
          throw InputError(path, "variable 'PM10': " + number_text(pm10->second(i, j)) + " at model cell (" +
                                     std::to_string(i) + ", " + std::to_string(j) + ") is less than PM2.5 " +
                                     number_text(pm25->second(i, j)) + "; PM10 includes PM2.5");
  if (source.flux.empty())
    throw InputError(path, "no pollutant variable (NOx, SO2, CO, VOC, NH3, PM2_5, PM10 in kg m-2 s-1)");
  return source;
}

}  // namespace airshed
