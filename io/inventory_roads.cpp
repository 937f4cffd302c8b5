// SPDX-License-Identifier: Apache-2.0
// roads.csv: road links with a WKT LINESTRING geometry in lon/lat (docs/emission-inputs.md).
#include <cctype>

#include "core/error.hpp"
#include "io/csv_table.hpp"
#include "io/inventory_reader.hpp"
#include "io/inventory_rows.hpp"

namespace airshed {

using namespace inventory_rows;

namespace {

/// `LINESTRING(lon lat, lon lat, ...)` (keyword case-insensitive, blanks free) as lon/lat pairs; the reason
/// it is not, otherwise.
std::string parse_linestring(const std::string& wkt, std::vector<std::array<double, 2>>& lonlat) {
  const std::string expected = "bad WKT: expected LINESTRING(lon lat, lon lat, ...)";
  std::size_t pos = 0;
  const auto skip = [&] {
    while (pos < wkt.size() && std::isspace(static_cast<unsigned char>(wkt[pos]))) ++pos;
  };
  skip();
  const std::string keyword = "LINESTRING";
  for (const char k : keyword) {
    if (pos >= wkt.size() || std::toupper(static_cast<unsigned char>(wkt[pos])) != k) return expected;
    ++pos;
  }
  skip();
  if (pos >= wkt.size() || wkt[pos] != '(') return expected;
  const std::size_t close = wkt.find(')', pos);
  if (close == std::string::npos) return "bad WKT: no closing ')'";
  for (std::size_t after = close + 1; after < wkt.size(); ++after)
    if (!std::isspace(static_cast<unsigned char>(wkt[after]))) return "bad WKT: text after ')'";
  const std::string body = wkt.substr(pos + 1, close - pos - 1);
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = body.find(',', start);
    const std::string item =
        body.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    std::vector<std::string> words;
    std::string word;
    for (const char c : item + " ") {
      if (std::isspace(static_cast<unsigned char>(c))) {
        if (!word.empty()) words.push_back(word);
        word.clear();
      } else {
        word += c;
      }
    }
    if (words.size() != 2)
      return "bad WKT: position " + std::to_string(lonlat.size() + 1) + " '" + item + "' is not 'lon lat'";
    const auto lon = parse_finite_number(words[0]), lat = parse_finite_number(words[1]);
    if (!lon || !lat || *lon < -180.0 || *lon > 360.0 || *lat < -90.0 || *lat > 90.0)
      return "bad WKT: position " + std::to_string(lonlat.size() + 1) + " '" + item +
             "' is not a lon/lat position";
    lonlat.push_back({*lon, *lat});
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (lonlat.size() < 2) return "bad WKT: a LINESTRING needs at least 2 positions";
  return {};
}

}  // namespace

std::vector<emis::RoadLink> parse_roads_csv(const std::string& name, const std::string& text,
                                            const Grid& grid, const std::map<std::string, Fleet>& fleets) {
  const CsvTable table = CsvTable::parse(name, text);
  const InfoColumns info(table, "vehicle");
  const std::size_t geometry = table.require("geometry");
  const std::size_t aadt = table.require("aadt");
  const std::size_t fleet = table.require("fleet");
  const std::size_t silt = table.require("silt_loading");
  const std::size_t dust_speciation = table.require("dust_speciation_profile");
  const auto dust_control = table.claim("dust_control_efficiency");
  for (const auto column :
       {std::optional(geometry), std::optional(fleet), std::optional(dust_speciation), dust_control})
    if (column) check_no_unit(table, *column);
  const SiConversion aadt_unit = unit_of(table, aadt, InventoryQuantity::traffic);
  const SiConversion silt_unit = unit_of(table, silt, InventoryQuantity::silt_loading);
  table.reject_unclaimed();

  std::vector<emis::RoadLink> out;
  for (const CsvRow& row : table.rows()) {
    emis::RoadLink link;
    link.info = info.read(row);
    std::vector<std::array<double, 2>> lonlat;
    const std::string problem = parse_linestring(table.text(row, geometry), lonlat);
    if (!problem.empty()) table.fail(row, geometry, problem);
    for (const auto& p : lonlat) {
      const ProjectedXY xy = grid.projection().forward(LonLat{p[0], p[1]});
      link.vertices.push_back({xy.x, xy.y});
    }
    check_inside(table, row, geometry, grid, link.vertices);
    link.aadt = positive(table, row, aadt, aadt_unit, true);
    const std::string& fleet_id = table.text(row, fleet);
    const auto found = fleets.find(fleet_id);
    if (found == fleets.end())
      table.fail(row, fleet, "unknown fleet '" + fleet_id + "' (not in the fleets file)");
    link.fleet = found->second.shares;
    link.silt_loading = positive(table, row, silt, silt_unit, true);
    link.dust_control_efficiency = fraction(table, row, dust_control, 0.0);
    link.dust_speciation_profile = table.text(row, dust_speciation);
    out.push_back(std::move(link));
  }
  return out;
}

}  // namespace airshed
