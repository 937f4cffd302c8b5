// SPDX-License-Identifier: Apache-2.0
// fleets.csv and vehicle_classes.csv: what the road links' traffic is made of (docs/emission-inputs.md).
#include <cmath>
#include <set>

#include "core/error.hpp"
#include "io/csv_table.hpp"
#include "io/inventory_reader.hpp"
#include "io/inventory_rows.hpp"

namespace airshed {

using namespace inventory_rows;

std::map<std::string, Fleet> parse_fleets_csv(const std::string& name, const std::string& text) {
  const CsvTable table = CsvTable::parse(name, text);
  const std::size_t fleet = table.require("fleet");
  const std::size_t vehicle_class = table.require("vehicle_class");
  const std::size_t share = table.require("share");
  for (const auto column : {fleet, vehicle_class, share}) check_no_unit(table, column);
  table.reject_unclaimed();

  std::map<std::string, Fleet> out;
  std::map<std::string, const CsvRow*> last_row;
  for (const CsvRow& row : table.rows()) {
    Fleet& f = out[table.text(row, fleet)];
    f.id = table.text(row, fleet);
    const std::string& id = table.text(row, vehicle_class);
    if (f.shares.count(id))
      table.fail(row, vehicle_class,
                 "class '" + id + "' appears twice in fleet '" + f.id + "' (first at " + f.where[id] + ")");
    f.shares[id] = fraction(table, row, share, 0.0);
    f.where[id] = table.where(row);
    last_row[f.id] = &row;
  }
  // The traffic count is split by these shares; shares that do not add up lose or invent vehicles.
  for (const auto& [id, f] : out) {
    double sum = 0.0;
    for (const auto& [vehicle, s] : f.shares) sum += s;
    if (std::abs(sum - 1.0) > 1e-6)
      table.fail(*last_row[id], share,
                 "the shares of fleet '" + id + "' sum to " + number_text(sum) + ", not 1 (within 1e-6)");
  }
  return out;
}

std::vector<emis::VehicleClass> parse_vehicle_classes_csv(const std::string& name, const std::string& text) {
  const CsvTable table = CsvTable::parse(name, text);
  const std::size_t id = table.require("id");
  const std::size_t fuel = table.require("fuel");
  const std::size_t mass = table.require("mass");
  for (const auto column : {id, fuel}) check_no_unit(table, column);
  const SiConversion mass_unit = unit_of(table, mass, InventoryQuantity::vehicle_mass);
  struct FactorColumn {
    std::size_t index;
    emis::Pollutant pollutant;
    SiConversion unit;
  };
  std::vector<FactorColumn> factors;
  for (std::size_t c = 0; c < table.columns().size(); ++c) {
    const CsvColumn& column = table.columns()[c];
    const auto pollutant = emis::find_pollutant(column.name);
    const bool factor_unit =
        find_inventory_conversion(InventoryQuantity::emission_factor, column.unit).has_value();
    if (!pollutant) {
      if (factor_unit)
        table.fail_header(
            c, "unknown pollutant '" + column.name + "' (expected NOx, SO2, CO, VOC, NH3, PM2.5, PM10)");
      continue;
    }
    table.claim_index(c);
    for (const auto& other : factors)
      if (other.pollutant == *pollutant)
        table.fail_header(c, "pollutant " + std::string(emis::pollutant_name(*pollutant)) +
                                 " also in column '" + table.columns()[other.index].header + "'");
    factors.push_back({c, *pollutant, unit_of(table, c, InventoryQuantity::emission_factor)});
  }
  table.reject_unclaimed();

  static const std::set<std::string> kFuels{"gasoline", "diesel", "cng", "electric"};
  std::vector<emis::VehicleClass> out;
  std::map<std::string, std::string> seen;
  for (const CsvRow& row : table.rows()) {
    emis::VehicleClass v;
    v.where = table.where(row);
    v.id = table.text(row, id);
    if (seen.count(v.id)) table.fail(row, id, "duplicate id '" + v.id + "' (first at " + seen[v.id] + ")");
    seen[v.id] = v.where;
    v.fuel = table.text(row, fuel);
    if (!kFuels.count(v.fuel))
      table.fail(row, fuel, "unknown fuel '" + v.fuel + "' (expected gasoline, diesel, cng or electric)");
    v.mass_tonnes = positive(table, row, mass, mass_unit);
    bool pm10_given = false;
    for (const auto& f : factors) {
      if (table.empty(row, f.index)) continue;
      const double value = table.number(row, f.index);
      if (value < 0.0) table.fail(row, f.index, "negative emission factor " + number_text(value));
      v.emission_factor[f.pollutant] = f.unit.apply(value);
      pm10_given = pm10_given || f.pollutant == emis::Pollutant::PM10;
    }
    // As in the source tables: PM10 includes PM2.5, an empty PM10 means no coarse part.
    const double fine = v.emission_factor[emis::Pollutant::PM25];
    if (!pm10_given) v.emission_factor[emis::Pollutant::PM10] = fine;
    if (v.emission_factor[emis::Pollutant::PM10] < fine * (1.0 - 1e-12))
      for (const auto& f : factors)
        if (f.pollutant == emis::Pollutant::PM10)
          table.fail(row, f.index, "PM10 is less than PM2.5; PM10 includes PM2.5");
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace airshed
