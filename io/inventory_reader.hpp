// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/grid.hpp"
#include "emissions/inventory.hpp"
#include "io/emission_profiles_reader.hpp"
#include "io/gridded_emission_reader.hpp"

namespace airshed {

/// The files of an inventory (docs/emission-inputs.md), paths as given; empty = not used.
struct InventoryFiles {
  std::vector<std::string> points, areas /* .csv or .geojson by extension */, roads, gridded;
  std::string fleets, vehicle_classes, temporal_profiles, speciation, voc_compounds;
};

/// Reads file contents through `read_text(path)` (so an embedded case can serve files from memory; the
/// path string is used as the file name in messages), except gridded NetCDF which is opened from disk.
/// Converts lat/lon with grid.projection(), checks every source lies inside the grid (a point or any
/// polygon/road vertex outside is an InputError naming file:row and by how far it lies outside in km),
/// checks ids unique across the whole inventory, and that every referenced profile / fleet / vehicle class /
/// compound exists (error names the referencing file:row). Throws InputError.
emis::Inventory read_inventory(const InventoryFiles& files, const Grid& grid,
                               const std::function<std::string(const std::string&)>& read_text);

/// Default read_text: reads the file from disk; a missing/unreadable file is InputError "<path>: cannot
/// open".
std::string read_text_file(const std::string& path);

// The parsers read_inventory uses, one per file kind. `name` is the file name used in messages
// ("points.csv:7: column 'NOx[kg/h]': negative rate -3"); every problem is an InputError.

/// Stacks; positions converted to the grid's projection and checked inside the grid.
std::vector<emis::PointSource> parse_points_csv(const std::string& name, const std::string& text,
                                                const Grid& grid);
/// Rectangular area sources (centre and sides along the grid axes) as four-vertex polygons.
std::vector<emis::AreaSource> parse_areas_csv(const std::string& name, const std::string& text,
                                              const Grid& grid);
/// Polygon area sources from a GeoJSON FeatureCollection (parsed as YAML flow syntax).
std::vector<emis::AreaSource> parse_areas_geojson(const std::string& name, const std::string& text,
                                                  const Grid& grid);

/// A fleet mix: vehicle class -> share of the traffic, summing to 1.
struct Fleet {
  std::string id;
  std::map<std::string, double> shares;
  std::map<std::string, std::string> where;  ///< vehicle class -> "fleets.csv:7" of its row
};

/// Fleets by id; the shares of each fleet sum to 1 within 1e-6.
std::map<std::string, Fleet> parse_fleets_csv(const std::string& name, const std::string& text);
/// Road links; each link's `fleet` column must name one of `fleets`, whose shares are copied into the link.
std::vector<emis::RoadLink> parse_roads_csv(const std::string& name, const std::string& text,
                                            const Grid& grid, const std::map<std::string, Fleet>& fleets);
/// Vehicle classes with emission factors in kg per vehicle-km.
std::vector<emis::VehicleClass> parse_vehicle_classes_csv(const std::string& name, const std::string& text);

}  // namespace airshed
