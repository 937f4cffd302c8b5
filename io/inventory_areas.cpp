// SPDX-License-Identifier: Apache-2.0
// areas.csv (rectangles) and the area-source columns shared with GeoJSON features (docs/emission-inputs.md).
#include <stdexcept>

#include "core/error.hpp"
#include "io/csv_table.hpp"
#include "io/inventory_reader.hpp"
#include "io/inventory_rows.hpp"

namespace airshed {

namespace inventory_rows {

namespace {

emis::AreaKind area_kind(const CsvTable& table, const CsvRow& row, std::optional<std::size_t> column) {
  if (!column || table.empty(row, *column)) return emis::AreaKind::inventory;
  const std::string& kind = row.cells[*column];
  if (kind == "inventory") return emis::AreaKind::inventory;
  if (kind == "construction") return emis::AreaKind::construction;
  if (kind == "wind_blown") return emis::AreaKind::wind_blown;
  table.fail(row, *column, "unknown kind '" + kind + "' (expected inventory, construction or wind_blown)");
}

/// A dust parameter given for a kind that does not use it is an error: it would silently change nothing.
void only_for(const CsvTable& table, const CsvRow& row, std::optional<std::size_t> column, bool allowed,
              const char* kinds) {
  if (column && !table.empty(row, *column) && !allowed)
    table.fail(row, *column, std::string("only used by kind ") + kinds);
}

}  // namespace

namespace {
/// Map scale factor k (projected / true distance) at projected (x, y).
double map_scale_factor_at(const Grid& grid, double x, double y) {
  const Projection& p = grid.projection();
  try {
    p.validate();
  } catch (const std::invalid_argument&) {
    return 1.0;  // a synthetic planar grid: projected metres are metres on the ground
  }
  return p.map_scale_factor(p.inverse({x, y}));
}
}  // namespace

std::vector<emis::AreaSource> read_area_rows(const CsvTable& table, const Grid& grid,
                                             const std::vector<emis::Polygon>* polygons) {
  const InfoColumns info(table, "");
  const auto kind = table.claim("kind");
  std::optional<PositionColumns> centre;
  std::size_t size_x = 0, size_y = 0;
  SiConversion size_x_unit, size_y_unit;
  if (!polygons) {
    centre.emplace(table);
    size_x = table.require("size_x");
    size_y = table.require("size_y");
    size_x_unit = unit_of(table, size_x, InventoryQuantity::length);
    size_y_unit = unit_of(table, size_y, InventoryQuantity::length);
  }
  const auto bottom = table.claim("release_bottom");
  const auto top = table.claim("release_top");
  SiConversion bottom_unit, top_unit;
  if (bottom) bottom_unit = unit_of(table, *bottom, InventoryQuantity::length);
  if (top) top_unit = unit_of(table, *top, InventoryQuantity::length);
  const auto control = table.claim("control_efficiency");
  const auto active = table.claim("active_fraction");
  const auto erodible = table.claim("erodible_fraction");
  const auto clay = table.claim("clay_fraction");
  const auto moisture = table.claim("soil_moisture");
  const auto threshold = table.claim("dry_threshold");
  SiConversion threshold_unit;
  if (threshold) threshold_unit = unit_of(table, *threshold, InventoryQuantity::speed);
  const auto roughness = table.claim("roughness_length");
  SiConversion roughness_unit;
  if (roughness) roughness_unit = unit_of(table, *roughness, InventoryQuantity::length);
  for (const auto column : {kind, control, active, erodible, clay})
    if (column) check_no_unit(table, *column);
  if (moisture) unit_of(table, *moisture, InventoryQuantity::mass_ratio);
  const RateColumns rates(table, false);
  table.reject_unclaimed();

  std::vector<emis::AreaSource> out;
  for (std::size_t r = 0; r < table.rows().size(); ++r) {
    const CsvRow& row = table.rows()[r];
    emis::AreaSource a;
    a.info = info.read(row);
    a.kind = area_kind(table, row, kind);
    if (polygons) {
      a.polygon = (*polygons)[r];
    } else {
      const auto c = centre->read(row, grid);
      // The sides are lengths on the ground; on the projected plane they are k times that (k = 0.983 at
      // Kangbashi on the 25/47 N Lambert grid), so the rectangle's true area is size_x x size_y.
      const double k = map_scale_factor_at(grid, c[0], c[1]);
      const double hx = 0.5 * k * positive(table, row, size_x, size_x_unit);
      const double hy = 0.5 * k * positive(table, row, size_y, size_y_unit);
      a.polygon.vertices = {
          {c[0] - hx, c[1] - hy}, {c[0] + hx, c[1] - hy}, {c[0] + hx, c[1] + hy}, {c[0] - hx, c[1] + hy}};
      check_inside(table, row, size_x, grid, a.polygon.vertices);
    }
    if (bottom && !table.empty(row, *bottom))
      a.release_bottom = positive(table, row, *bottom, bottom_unit, true);
    if (top && !table.empty(row, *top)) a.release_top = positive(table, row, *top, top_unit, true);
    if (a.release_top < a.release_bottom)
      table.fail(row, *top,
                 "release_top " + number_text(a.release_top) + " m is below release_bottom " +
                     number_text(a.release_bottom) + " m");
    const bool dust = a.kind != emis::AreaKind::inventory;
    const bool construction = a.kind == emis::AreaKind::construction;
    const bool wind = a.kind == emis::AreaKind::wind_blown;
    only_for(table, row, control, dust, "construction or wind_blown");
    only_for(table, row, active, construction, "construction");
    only_for(table, row, erodible, wind, "wind_blown");
    only_for(table, row, clay, wind, "wind_blown");
    only_for(table, row, moisture, wind, "wind_blown");
    only_for(table, row, threshold, wind, "wind_blown");
    only_for(table, row, roughness, wind, "wind_blown");
    a.dust.control_efficiency = fraction(table, row, control, a.dust.control_efficiency);
    a.dust.active_fraction = fraction(table, row, active, a.dust.active_fraction);
    a.dust.erodible_fraction = fraction(table, row, erodible, a.dust.erodible_fraction);
    a.dust.clay_fraction = fraction(table, row, clay, a.dust.clay_fraction);
    a.dust.soil_moisture = fraction(table, row, moisture, a.dust.soil_moisture);
    if (threshold && !table.empty(row, *threshold))
      a.dust.dry_threshold = positive(table, row, *threshold, threshold_unit);
    if (roughness && !table.empty(row, *roughness))
      a.dust.roughness_length = positive(table, row, *roughness, roughness_unit);
    if (dust && rates.any(row))
      table.fail(row, rates.first_filled(row),
                 "kind '" + row.cells[*kind] + "' computes its emissions; rates are for kind inventory");
    if (!dust) {
      if (!rates.any(row))
        throw InputError(table.where(row), "an inventory area source needs at least one pollutant rate");
      a.annual = rates.annual(row, std::nullopt);
    }
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace inventory_rows

std::vector<emis::AreaSource> parse_areas_csv(const std::string& name, const std::string& text,
                                              const Grid& grid) {
  return inventory_rows::read_area_rows(CsvTable::parse(name, text), grid, nullptr);
}

}  // namespace airshed
