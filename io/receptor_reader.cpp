// SPDX-License-Identifier: Apache-2.0
#include "io/receptor_reader.hpp"

#include <map>

#include "core/error.hpp"
#include "io/csv_table.hpp"
#include "io/inventory_rows.hpp"

namespace airshed {

using inventory_rows::check_no_unit;
using inventory_rows::number_text;
using inventory_rows::outside_problem;
using inventory_rows::unit_of;

std::vector<Receptor> read_receptors(const std::string& path, const std::string& text) {
  const CsvTable table = CsvTable::parse(path, text);
  const std::size_t name = table.require("name");
  const std::size_t lon = table.require("lon");
  const std::size_t lat = table.require("lat");
  const auto description = table.claim("description");
  check_no_unit(table, name);
  if (description) check_no_unit(table, *description);
  unit_of(table, lon, InventoryQuantity::longitude);
  unit_of(table, lat, InventoryQuantity::latitude);
  table.reject_unclaimed();
  if (table.rows().empty())
    throw InputError(path + ":" + std::to_string(table.header_line()), "no receptors (a header but no rows)");

  std::vector<Receptor> out;
  std::map<std::string, std::string> first;  // name -> where
  for (const CsvRow& row : table.rows()) {
    Receptor r;
    r.name = table.text(row, name);
    r.where = table.where(row);
    if (const auto [it, inserted] = first.emplace(r.name, r.where); !inserted)
      table.fail(row, name, "duplicate receptor '" + r.name + "' (first at " + it->second + ")");
    r.lon = table.number(row, lon);
    r.lat = table.number(row, lat);
    if (r.lon < -180.0 || r.lon > 360.0) table.fail(row, lon, number_text(r.lon) + " is not a longitude");
    if (r.lat < -90.0 || r.lat > 90.0) table.fail(row, lat, number_text(r.lat) + " is not a latitude");
    if (description) r.description = row.cells[*description];
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<ReceptorCell> locate_receptors(const Grid& grid, const std::vector<Receptor>& receptors) {
  std::vector<ReceptorCell> cells;
  cells.reserve(receptors.size());
  for (const Receptor& r : receptors) {
    const ProjectedXY p = grid.projection().forward(LonLat{r.lon, r.lat});
    ReceptorCell c;
    if (!grid.locate(p.x, p.y, c.i, c.j)) {
      std::string problem = outside_problem(grid, {{p.x, p.y}});
      if (problem.empty())
        problem = "position (x " + number_text(p.x) + " m, y " + number_text(p.y) +
                  " m) lies outside the model grid";  // on the east or north edge
      throw InputError(r.where.empty() ? "receptors" : r.where, "receptor '" + r.name + "' (" +
                                                                    number_text(r.lon) + " E, " +
                                                                    number_text(r.lat) + " N): " + problem);
    }
    cells.push_back(c);
  }
  return cells;
}

}  // namespace airshed
