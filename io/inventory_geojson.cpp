// SPDX-License-Identifier: Apache-2.0
// areas.geojson: polygon area sources. There is no JSON library in the stack, but JSON is YAML flow syntax,
// so yaml-cpp parses it and its marks give the line of each feature for messages.
#include <yaml-cpp/yaml.h>

#include <cmath>

#include "core/error.hpp"
#include "io/csv_table.hpp"
#include "io/inventory_reader.hpp"
#include "io/inventory_rows.hpp"

namespace airshed {

namespace {

std::string where(const std::string& name, const YAML::Node& node) {
  return name + ":" + std::to_string(node.Mark().line + 1);
}

std::string type_of(const std::string& name, const YAML::Node& node, const std::string& what) {
  const YAML::Node type = node["type"];
  if (!type || !type.IsScalar()) throw InputError(where(name, node), what + " has no \"type\"");
  return type.Scalar();
}

double coordinate(const std::string& name, const YAML::Node& node) {
  const auto value = node.IsScalar() ? parse_finite_number(node.Scalar()) : std::nullopt;
  if (!value) throw InputError(where(name, node), "geometry: a coordinate is not a finite number");
  return *value;
}

/// An RFC 7946 linear ring [[lon, lat], ..., first repeated] in projected coordinates, closing vertex
/// dropped.
emis::Polygon ring(const std::string& name, const YAML::Node& node, const Grid& grid) {
  if (!node.IsSequence())
    throw InputError(where(name, node), "geometry: a ring is not an array of positions");
  std::vector<std::array<double, 2>> lonlat;
  for (const auto& position : node) {
    if (!position.IsSequence() || position.size() < 2 || position.size() > 3)
      throw InputError(where(name, position), "geometry: a position is [lon, lat] (or [lon, lat, height])");
    const double lon = coordinate(name, position[0]), lat = coordinate(name, position[1]);
    if (lon < -180.0 || lon > 360.0 || lat < -90.0 || lat > 90.0)
      throw InputError(where(name, position), "geometry: [" + inventory_rows::number_text(lon) + ", " +
                                                  inventory_rows::number_text(lat) +
                                                  "] is not a lon/lat position");
    lonlat.push_back({lon, lat});
  }
  if (lonlat.size() >= 2 && lonlat.front() == lonlat.back()) lonlat.pop_back();
  if (lonlat.size() < 3)
    throw InputError(where(name, node), "geometry: a polygon ring needs at least 3 distinct positions");
  emis::Polygon polygon;
  for (const auto& p : lonlat) {
    const ProjectedXY xy = grid.projection().forward(LonLat{p[0], p[1]});
    polygon.vertices.push_back({xy.x, xy.y});
  }
  return polygon;
}

/// Polygon: one ring; the rings after the first are holes, which area sources do not have.
emis::Polygon polygon(const std::string& name, const YAML::Node& rings, const Grid& grid) {
  if (!rings.IsSequence() || rings.size() == 0)
    throw InputError(where(name, rings), "geometry: polygon coordinates are an array of rings");
  if (rings.size() > 1)
    throw InputError(where(name, rings[1]), "geometry: a polygon with holes (" +
                                                std::to_string(rings.size() - 1) +
                                                " inner rings) is not supported; split it into polygons");
  return ring(name, rings[0], grid);
}

double area(const emis::Polygon& p) {
  double twice = 0.0;
  for (std::size_t i = 0; i < p.vertices.size(); ++i) {
    const auto& a = p.vertices[i];
    const auto& b = p.vertices[(i + 1) % p.vertices.size()];
    twice += a[0] * b[1] - b[0] * a[1];
  }
  return 0.5 * std::abs(twice);
}

}  // namespace

std::vector<emis::AreaSource> parse_areas_geojson(const std::string& name, const std::string& text,
                                                  const Grid& grid) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw InputError(name + ":" + std::to_string(e.mark.line + 1), "not valid JSON: " + e.msg);
  }
  if (!root.IsMap() || type_of(name, root, "the file") != "FeatureCollection")
    throw InputError(name + ":1", "not a GeoJSON FeatureCollection");
  const YAML::Node features = root["features"];
  if (!features || !features.IsSequence())
    throw InputError(where(name, root), "a FeatureCollection needs a \"features\" array");

  // Feature properties become the rows of a table with the areas.csv columns; a MultiPolygon becomes one
  // row per part (id "<id>/<part>"), its rates shared in proportion to the part's area.
  std::vector<CsvColumn> columns;
  std::vector<CsvRow> rows;
  std::vector<emis::Polygon> polygons;
  std::vector<double> shares;
  for (const auto& feature : features) {
    if (!feature.IsMap() || type_of(name, feature, "a feature") != "Feature")
      throw InputError(where(name, feature), "not a GeoJSON Feature");
    const YAML::Node geometry = feature["geometry"];
    if (!geometry || !geometry.IsMap()) throw InputError(where(name, feature), "geometry: missing");
    const std::string type = type_of(name, geometry, "the geometry");
    const YAML::Node coordinates = geometry["coordinates"];
    if (!coordinates) throw InputError(where(name, geometry), "geometry: no \"coordinates\"");
    std::vector<emis::Polygon> parts;
    if (type == "Polygon") {
      parts.push_back(polygon(name, coordinates, grid));
    } else if (type == "MultiPolygon") {
      if (!coordinates.IsSequence() || coordinates.size() == 0)
        throw InputError(where(name, coordinates),
                         "geometry: MultiPolygon coordinates are an array of polygons");
      for (const auto& part : coordinates) parts.push_back(polygon(name, part, grid));
    } else {
      throw InputError(where(name, geometry), "geometry: type '" + type + "' is not Polygon or MultiPolygon");
    }
    for (const auto& part : parts) {
      const std::string problem = inventory_rows::outside_problem(grid, part.vertices);
      if (!problem.empty()) throw InputError(where(name, feature), "geometry: " + problem);
    }

    CsvRow row;
    row.line = feature.Mark().line + 1;
    row.cells.assign(columns.size(), "");
    const YAML::Node properties = feature["properties"];
    if (properties && !properties.IsNull()) {
      if (!properties.IsMap()) throw InputError(where(name, properties), "\"properties\" is not an object");
      for (const auto& property : properties) {
        const std::string key = property.first.as<std::string>();
        if (!property.second.IsScalar() && !property.second.IsNull())
          throw InputError(where(name, property.first),
                           "property '" + key + "': not a number, text or boolean");
        const CsvColumn column = CsvTable::column_from_header(key, where(name, property.first));
        std::size_t index = 0;
        while (index < columns.size() && columns[index].name != column.name) ++index;
        if (index == columns.size()) {
          columns.push_back(column);
          row.cells.emplace_back();
        } else if (columns[index].header != key) {
          throw InputError(
              where(name, property.first),
              "property '" + key + "': another feature writes it as '" + columns[index].header + "'");
        }
        row.cells[index] = property.second.IsNull() ? "" : property.second.Scalar();
      }
    }
    double total = 0.0;
    for (const auto& part : parts) total += area(part);
    for (std::size_t k = 0; k < parts.size(); ++k) {
      rows.push_back(row);
      polygons.push_back(parts[k]);
      shares.push_back(parts.size() == 1 ? 1.0 : area(parts[k]) / total);
    }
    if (parts.size() > 1) {
      std::size_t id = 0;
      while (id < columns.size() && columns[id].name != "id") ++id;
      for (std::size_t k = 0; k < parts.size() && id < columns.size(); ++k) {
        CsvRow& part_row = rows[rows.size() - parts.size() + k];
        part_row.cells.resize(columns.size());
        if (!part_row.cells[id].empty()) part_row.cells[id].append(1, '/').append(std::to_string(k + 1));
      }
    }
  }
  for (auto& row : rows) row.cells.resize(columns.size());
  const CsvTable table = CsvTable::from_records(name, features.Mark().line + 1, columns, rows, "property");
  auto areas = inventory_rows::read_area_rows(table, grid, &polygons);
  for (std::size_t r = 0; r < areas.size(); ++r)
    for (double& value : areas[r].annual.value) value *= shares[r];
  return areas;
}

}  // namespace airshed
