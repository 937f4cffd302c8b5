// SPDX-License-Identifier: Apache-2.0
// What the source tables (points, areas, roads, GeoJSON areas) share: units of a column, the SourceInfo
// columns, a position as x/y or lon/lat, the domain check and the pollutant rate columns. Internal to the
// inventory readers (io/inventory_reader.hpp is the interface).
#pragma once
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/grid.hpp"
#include "emissions/inventory.hpp"
#include "io/csv_table.hpp"
#include "io/inventory_units.hpp"

namespace airshed::inventory_rows {

/// The conversion of a column's unit; a missing or unknown unit is an InputError at the header.
SiConversion unit_of(const CsvTable& table, std::size_t column, InventoryQuantity quantity);
/// A column that holds text or a plain fraction must have no unit (or `[1]` for a fraction).
void check_no_unit(const CsvTable& table, std::size_t column);

/// A column's number converted with its unit; `optional_*` gives nothing for an empty cell.
double quantity(const CsvTable& table, const CsvRow& row, std::size_t column, const SiConversion& unit);
/// A fraction in [0, 1]; `fallback` for an empty cell.
double fraction(const CsvTable& table, const CsvRow& row, std::optional<std::size_t> column, double fallback);
/// A number > 0 (or >= 0 when `zero_allowed`).
double positive(const CsvTable& table, const CsvRow& row, std::size_t column, const SiConversion& unit,
                bool zero_allowed = false);

/// id, name, category, region, enabled, temporal_profile, speciation_profile.
class InfoColumns {
 public:
  /// `default_category` empty: the category column is required.
  InfoColumns(const CsvTable& table, std::string default_category);
  emis::SourceInfo read(const CsvRow& row) const;

 private:
  const CsvTable& table_;
  std::string default_category_;
  std::size_t id_, name_, speciation_;
  std::optional<std::size_t> category_, region_, enabled_, temporal_;
};

/// `x[m]`,`y[m]` or `lon[degrees_east]`,`lat[degrees_north]`; each row fills exactly one pair.
class PositionColumns {
 public:
  explicit PositionColumns(const CsvTable& table);
  /// Projected position of the row (geographic positions through grid.projection()), inside the grid.
  std::array<double, 2> read(const CsvRow& row, const Grid& grid) const;

 private:
  const CsvTable& table_;
  std::optional<std::size_t> x_, y_, lon_, lat_;
  SiConversion x_unit_, y_unit_;
};

/// How far (km) the projected point lies outside the grid's horizontal extent; 0 inside or on the edge.
double km_outside(const Grid& grid, double x, double y);
/// Empty when every vertex lies inside the grid, else "vertex 3 (x .. m, y .. m) lies 1.2 km outside the
/// model grid (x ..., y ...)" for the first one outside.
std::string outside_problem(const Grid& grid, const std::vector<std::array<double, 2>>& vertices);
/// InputError for the first of `vertices` outside the grid, naming the field and the distance in km.
void check_inside(const CsvTable& table, const CsvRow& row, std::size_t column, const Grid& grid,
                  const std::vector<std::array<double, 2>>& vertices);

/// The pollutant columns (`NOx[t/yr]`, ...) with operating_hours[h/yr] and operating_days[d/yr].
class RateColumns {
 public:
  /// `concentration_allowed`: mg/Nm3 is accepted (stacks with a flue-gas flow).
  RateColumns(const CsvTable& table, bool concentration_allowed);
  /// Whether any pollutant cell of the row is filled.
  bool any(const CsvRow& row) const;
  /// The first filled pollutant cell (for "not allowed here" messages); only when any(row).
  std::size_t first_filled(const CsvRow& row) const;
  /// Annual totals [kg yr-1]; `flow_nm3_per_h` is the row's flue-gas flow, needed by mg/Nm3 cells.
  emis::PollutantValues annual(const CsvRow& row, std::optional<double> flow_nm3_per_h) const;

 private:
  struct Column {
    std::size_t index;
    emis::Pollutant pollutant;
    RateUnit unit;
  };
  const CsvTable& table_;
  std::vector<Column> columns_;
  std::optional<std::size_t> hours_, days_;
};

/// Area sources from rows of `table` (areas.csv, or the properties of GeoJSON features). `polygons`
/// gives each row's polygon (GeoJSON, already checked inside the grid); null: the rectangle columns.
std::vector<emis::AreaSource> read_area_rows(const CsvTable& table, const Grid& grid,
                                             const std::vector<emis::Polygon>* polygons);

/// "12.5" with up to 6 significant digits, for messages.
std::string number_text(double value);

}  // namespace airshed::inventory_rows
