// SPDX-License-Identifier: Apache-2.0
// points.csv: stacks (docs/emission-inputs.md).
#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "io/csv_table.hpp"
#include "io/inventory_reader.hpp"
#include "io/inventory_rows.hpp"

namespace airshed {

using namespace inventory_rows;

std::vector<emis::PointSource> parse_points_csv(const std::string& name, const std::string& text,
                                                const Grid& grid) {
  const CsvTable table = CsvTable::parse(name, text);
  const InfoColumns info(table, "");
  const PositionColumns position(table);
  const std::size_t height = table.require("stack_height");
  const std::size_t diameter = table.require("diameter");
  const std::size_t temperature = table.require("exit_temperature");
  const SiConversion height_unit = unit_of(table, height, InventoryQuantity::length);
  const SiConversion diameter_unit = unit_of(table, diameter, InventoryQuantity::length);
  const SiConversion temperature_unit = unit_of(table, temperature, InventoryQuantity::temperature);
  const auto velocity = table.claim("exit_velocity");
  const auto flow = table.claim("flue_gas_flow");
  if (!velocity && !flow)
    throw InputError(name + ":" + std::to_string(table.header_line()),
                     "missing column 'exit_velocity' or 'flue_gas_flow' (a stack needs one)");
  SiConversion velocity_unit, flow_unit;
  if (velocity) velocity_unit = unit_of(table, *velocity, InventoryQuantity::speed);
  if (flow) flow_unit = unit_of(table, *flow, InventoryQuantity::flue_gas_flow);
  const RateColumns rates(table, true);
  table.reject_unclaimed();

  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::vector<emis::PointSource> out;
  for (const CsvRow& row : table.rows()) {
    emis::PointSource p;
    p.info = info.read(row);
    const auto xy = position.read(row, grid);
    p.x = xy[0];
    p.y = xy[1];
    p.stack_height = positive(table, row, height, height_unit, true);
    p.diameter = positive(table, row, diameter, diameter_unit);
    p.exit_temperature = quantity(table, row, temperature, temperature_unit);
    if (!(p.exit_temperature > 0.0))
      table.fail(row, temperature, number_text(p.exit_temperature) + " K is below absolute zero");
    const bool has_velocity = velocity && !table.empty(row, *velocity);
    const bool has_flow = flow && !table.empty(row, *flow);
    // The plume-rise buoyancy flux comes from one of them; two that disagree would be ambiguous.
    if (has_velocity == has_flow)
      table.fail(row, velocity ? *velocity : *flow,
                 has_velocity ? "give exit_velocity or flue_gas_flow, not both"
                              : "empty required cell (give exit_velocity or flue_gas_flow)");
    p.exit_velocity = has_velocity ? positive(table, row, *velocity, velocity_unit) : kNaN;
    p.normal_flow = has_flow ? positive(table, row, *flow, flow_unit) : kNaN;
    p.annual = rates.annual(row, has_flow ? std::optional(p.normal_flow * 3600.0) : std::nullopt);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace airshed
