// SPDX-License-Identifier: Apache-2.0
#include "io/inventory_rows.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

#include "core/error.hpp"

namespace airshed::inventory_rows {

namespace {

constexpr double kHoursPerYear = 8760.0;
constexpr double kDaysPerYear = 365.0;

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string quantity_word(InventoryQuantity quantity) {
  switch (quantity) {
    case InventoryQuantity::length:
      return "a length";
    case InventoryQuantity::temperature:
      return "a temperature";
    case InventoryQuantity::speed:
      return "a speed";
    case InventoryQuantity::flue_gas_flow:
      return "a flue-gas flow";
    case InventoryQuantity::emission_factor:
      return "an emission factor";
    case InventoryQuantity::silt_loading:
      return "a silt loading";
    case InventoryQuantity::vehicle_mass:
      return "a mass";
    case InventoryQuantity::molar_mass:
      return "a molar mass";
    case InventoryQuantity::mass_ratio:
      return "a mass ratio";
    case InventoryQuantity::longitude:
      return "a longitude";
    case InventoryQuantity::latitude:
      return "a latitude";
    case InventoryQuantity::traffic:
      return "a traffic count";
    case InventoryQuantity::hours_per_year:
      return "hours per year";
    case InventoryQuantity::days_per_year:
      return "days per year";
  }
  return "?";
}

bool is_category_word(const std::string& word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

std::string number_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

SiConversion unit_of(const CsvTable& table, std::size_t column, InventoryQuantity quantity) {
  const CsvColumn& c = table.columns()[column];
  const auto accepted = inventory_units(quantity);
  if (!c.has_unit) table.fail_header(column, "needs a unit, e.g. " + c.name + "[" + accepted.front() + "]");
  const auto conversion = find_inventory_conversion(quantity, c.unit);
  if (!conversion)
    table.fail_header(column, "unknown unit '" + c.unit + "' for " + quantity_word(quantity) + " (expected " +
                                  joined(accepted) + ")");
  return *conversion;
}

void check_no_unit(const CsvTable& table, std::size_t column) {
  const CsvColumn& c = table.columns()[column];
  if (c.has_unit && c.unit != "1")
    table.fail_header(column, "unknown unit '" + c.unit + "' (this has no unit)");
}

double quantity(const CsvTable& table, const CsvRow& row, std::size_t column, const SiConversion& unit) {
  return unit.apply(table.number(row, column));
}

double fraction(const CsvTable& table, const CsvRow& row, std::optional<std::size_t> column,
                double fallback) {
  if (!column || table.empty(row, *column)) return fallback;
  const double value = table.number(row, *column);
  if (value < 0.0 || value > 1.0) table.fail(row, *column, number_text(value) + " is not between 0 and 1");
  return value;
}

double positive(const CsvTable& table, const CsvRow& row, std::size_t column, const SiConversion& unit,
                bool zero_allowed) {
  const double value = table.number(row, column);
  if (value < 0.0 || (!zero_allowed && value == 0.0))
    table.fail(row, column, number_text(value) + " must be " + (zero_allowed ? ">= 0" : "> 0"));
  return unit.apply(value);
}

InfoColumns::InfoColumns(const CsvTable& table, std::string default_category)
    : table_(table),
      default_category_(std::move(default_category)),
      id_(table.require("id")),
      name_(table.require("name")),
      speciation_(table.require("speciation_profile")),
      category_(default_category_.empty() ? std::optional(table.require("category"))
                                          : table.claim("category")),
      region_(table.claim("region")),
      enabled_(table.claim("enabled")),
      temporal_(table.claim("temporal_profile")) {
  for (const auto column : {std::optional(id_), std::optional(name_), std::optional(speciation_), category_,
                            region_, enabled_, temporal_})
    if (column) check_no_unit(table, *column);
}

emis::SourceInfo InfoColumns::read(const CsvRow& row) const {
  emis::SourceInfo info;
  info.where = table_.where(row);
  info.id = table_.text(row, id_);
  info.name = table_.text(row, name_);
  info.speciation_profile = table_.text(row, speciation_);
  info.category = default_category_;
  if (category_ && (default_category_.empty() || !table_.empty(row, *category_)))
    info.category = table_.text(row, *category_);
  if (!is_category_word(info.category))
    table_.fail(row, category_.value_or(id_), "'" + info.category + "' is not a category word [a-z0-9_]+");
  if (region_) info.region = row.cells[*region_];
  if (temporal_) info.temporal_profile = row.cells[*temporal_];
  if (enabled_) info.enabled = table_.optional_boolean(row, *enabled_).value_or(true);
  return info;
}

PositionColumns::PositionColumns(const CsvTable& table)
    : table_(table),
      x_(table.claim("x")),
      y_(table.claim("y")),
      lon_(table.claim("lon")),
      lat_(table.claim("lat")) {
  if (!x_ && !lon_)
    throw InputError(
        table.file() + ":" + std::to_string(table.header_line()),
        "missing column 'x' or 'lon': a position is x[m],y[m] or lon[degrees_east],lat[degrees_north]");
  if (x_.has_value() != y_.has_value())
    throw InputError(table.file() + ":" + std::to_string(table.header_line()),
                     "missing column '" + std::string(x_ ? "y" : "x") + "' (x and y come as a pair)");
  if (lon_.has_value() != lat_.has_value())
    throw InputError(
        table.file() + ":" + std::to_string(table.header_line()),
        "missing column '" + std::string(lon_ ? "lat" : "lon") + "' (lon and lat come as a pair)");
  if (x_) {
    x_unit_ = unit_of(table, *x_, InventoryQuantity::length);
    y_unit_ = unit_of(table, *y_, InventoryQuantity::length);
  }
  if (lon_) {
    unit_of(table, *lon_, InventoryQuantity::longitude);
    unit_of(table, *lat_, InventoryQuantity::latitude);
  }
}

std::array<double, 2> PositionColumns::read(const CsvRow& row, const Grid& grid) const {
  const bool projected = x_ && (!table_.empty(row, *x_) || !table_.empty(row, *y_));
  const bool geographic = lon_ && (!table_.empty(row, *lon_) || !table_.empty(row, *lat_));
  if (projected && geographic) table_.fail(row, *x_, "the row gives both x/y and lon/lat; give one position");
  if (!projected && !geographic) table_.fail(row, x_ ? *x_ : *lon_, "empty required cell (no position)");
  std::array<double, 2> xy{};
  std::size_t column = 0;
  if (projected) {
    column = *x_;
    xy = {quantity(table_, row, *x_, x_unit_), quantity(table_, row, *y_, y_unit_)};
  } else {
    column = *lon_;
    const double lon = table_.number(row, *lon_), lat = table_.number(row, *lat_);
    if (lon < -180.0 || lon > 360.0) table_.fail(row, *lon_, number_text(lon) + " is not a longitude");
    if (lat < -90.0 || lat > 90.0) table_.fail(row, *lat_, number_text(lat) + " is not a latitude");
    const ProjectedXY p = grid.projection().forward(LonLat{lon, lat});
    xy = {p.x, p.y};
  }
  check_inside(table_, row, column, grid, {xy});
  return xy;
}

double km_outside(const Grid& grid, double x, double y) {
  const double east = grid.x_west() + grid.nx() * grid.dx();
  const double north = grid.y_south() + grid.ny() * grid.dy();
  const double ex = std::max({grid.x_west() - x, x - east, 0.0});
  const double ey = std::max({grid.y_south() - y, y - north, 0.0});
  return std::hypot(ex, ey) / 1000.0;
}

std::string outside_problem(const Grid& grid, const std::vector<std::array<double, 2>>& vertices) {
  for (std::size_t v = 0; v < vertices.size(); ++v) {
    const double km = km_outside(grid, vertices[v][0], vertices[v][1]);
    if (km <= 0.0) continue;
    const std::string which = vertices.size() > 1 ? "vertex " + std::to_string(v + 1) + " " : "position ";
    return which + "(x " + number_text(vertices[v][0]) + " m, y " + number_text(vertices[v][1]) +
           " m) lies " + number_text(km) + " km outside the model grid (x " + number_text(grid.x_west()) +
           ".." + number_text(grid.x_west() + grid.nx() * grid.dx()) + " m, y " +
           number_text(grid.y_south()) + ".." + number_text(grid.y_south() + grid.ny() * grid.dy()) + " m)";
  }
  return {};
}

void check_inside(const CsvTable& table, const CsvRow& row, std::size_t column, const Grid& grid,
                  const std::vector<std::array<double, 2>>& vertices) {
  const std::string problem = outside_problem(grid, vertices);
  if (!problem.empty()) table.fail(row, column, problem);
}

RateColumns::RateColumns(const CsvTable& table, bool concentration_allowed) : table_(table) {
  for (std::size_t c = 0; c < table.columns().size(); ++c) {
    const CsvColumn& column = table.columns()[c];
    const auto pollutant = emis::find_pollutant(column.name);
    const auto unit = find_rate_unit(column.unit);
    if (!pollutant) {
      if (column.has_unit && unit)
        table.fail_header(
            c, "unknown pollutant '" + column.name + "' (expected NOx, SO2, CO, VOC, NH3, PM2.5, PM10)");
      continue;
    }
    table.claim_index(c);
    if (!column.has_unit) table.fail_header(c, "needs a unit, e.g. " + column.name + "[t/yr]");
    if (!unit)
      table.fail_header(c,
                        "unknown unit '" + column.unit + "' for a rate (expected " + rate_units_text() + ")");
    if (unit->basis == RateBasis::concentration && !concentration_allowed)
      table.fail_header(c, "mg/Nm3 needs a flue-gas flow, which only point sources have");
    for (const auto& other : columns_)
      if (other.pollutant == *pollutant)
        table.fail_header(c, "pollutant " + std::string(emis::pollutant_name(*pollutant)) +
                                 " also in column '" + table.columns()[other.index].header + "'");
    columns_.push_back({c, *pollutant, *unit});
  }
  hours_ = table.claim("operating_hours");
  if (hours_) unit_of(table, *hours_, InventoryQuantity::hours_per_year);
  days_ = table.claim("operating_days");
  if (days_) unit_of(table, *days_, InventoryQuantity::days_per_year);
}

bool RateColumns::any(const CsvRow& row) const {
  return std::any_of(columns_.begin(), columns_.end(),
                     [&](const Column& c) { return !table_.empty(row, c.index); });
}

std::size_t RateColumns::first_filled(const CsvRow& row) const {
  for (const auto& c : columns_)
    if (!table_.empty(row, c.index)) return c.index;
  return columns_.front().index;
}

emis::PollutantValues RateColumns::annual(const CsvRow& row, std::optional<double> flow_nm3_per_h) const {
  const auto per_year = [&](std::optional<std::size_t> column, double fallback, double max) {
    if (!column || table_.empty(row, *column)) return fallback;
    const double value = table_.number(row, *column);
    if (!(value > 0.0 && value <= max))
      table_.fail(row, *column, number_text(value) + " is not in (0, " + number_text(max) + "]");
    return value;
  };
  const double hours = per_year(hours_, kHoursPerYear, 8784.0);
  const double days = per_year(days_, kDaysPerYear, 366.0);
  emis::PollutantValues out;
  std::optional<std::size_t> pm25, pm10;
  for (const auto& c : columns_) {
    if (table_.empty(row, c.index)) continue;
    const double value = table_.number(row, c.index);
    if (value < 0.0) table_.fail(row, c.index, "negative rate " + number_text(value));
    double annual = value * c.unit.scale;
    switch (c.unit.basis) {
      case RateBasis::annual:
        break;
      case RateBasis::daily:
        annual *= days;
        break;
      case RateBasis::hourly:
        annual *= hours;
        break;
      case RateBasis::concentration:
        if (!flow_nm3_per_h) table_.fail(row, c.index, "mg/Nm3 needs flue_gas_flow on the row");
        annual *= *flow_nm3_per_h * hours;
        break;
    }
    out[c.pollutant] = annual;
    if (c.pollutant == emis::Pollutant::PM25) pm25 = c.index;
    if (c.pollutant == emis::Pollutant::PM10) pm10 = c.index;
  }
  // PM10 includes PM2.5: a row giving only PM2.5 has no coarse part.
  if (pm25 && !pm10) out[emis::Pollutant::PM10] = out[emis::Pollutant::PM25];
  const double fine = out[emis::Pollutant::PM25], coarse_and_fine = out[emis::Pollutant::PM10];
  if (pm25 && pm10 && coarse_and_fine < fine * (1.0 - 1e-12))
    table_.fail(row, *pm10,
                "PM10 (" + number_text(coarse_and_fine) + " kg/yr) is less than PM2.5 (" + number_text(fine) +
                    " kg/yr); PM10 includes PM2.5");
  return out;
}

}  // namespace airshed::inventory_rows
