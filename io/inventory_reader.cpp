// SPDX-License-Identifier: Apache-2.0
// The whole inventory: every file parsed, then what no single file can check: ids unique over all files,
// and every profile, fleet, vehicle class and VOC compound a row refers to defined (docs/emission-inputs.md).
#include "io/inventory_reader.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "core/error.hpp"

namespace airshed {

namespace {

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_geojson(const std::string& path) {
  return ends_with(path, ".geojson") || ends_with(path, ".json");
}

/// What a source's `where` calls a field: a CSV column, a GeoJSON property or a NetCDF global attribute.
std::string field(const std::string& where, const std::string& name) {
  if (where.find(".geojson:") != std::string::npos || where.find(".json:") != std::string::npos)
    return "property '" + name + "': ";
  if (where.find(':') == std::string::npos) return "global attribute '" + name + "': ";
  return "column '" + name + "': ";
}

template <class T>
std::map<std::string, const T*> by_id(const std::vector<T>& items) {
  std::map<std::string, const T*> out;
  for (const auto& item : items) out[item.id] = &item;
  return out;
}

/// The checks that need more than one file.
class References {
 public:
  References(const emis::Inventory& inventory, const InventoryFiles& files)
      : files_(files),
        temporal_(by_id(inventory.temporal_profiles)),
        speciation_(by_id(inventory.speciation_profiles)) {
    for (const auto& c : inventory.voc_compounds) compounds_.insert(c.name);
  }

  void unique_id(const emis::SourceInfo& info) {
    const auto [first, inserted] = ids_.emplace(info.id, info.where);
    if (!inserted)
      throw InputError(info.where, field(info.where, "id") + "duplicate id '" + info.id + "' (first at " +
                                       first->second + "); ids are unique over the whole inventory");
  }

  void temporal(const emis::SourceInfo& info) const {
    if (info.temporal_profile.empty() || temporal_.count(info.temporal_profile)) return;
    throw InputError(info.where, field(info.where, "temporal_profile") + "unknown temporal profile '" +
                                     info.temporal_profile + "'" + defined_in(files_.temporal_profiles));
  }

  /// The profile `id` exists and has an entry for every pollutant in `emitted`.
  void speciation(const std::string& where, const std::string& column, const std::string& id,
                  const std::vector<std::string>& emitted) const {
    const auto found = speciation_.find(id);
    if (found == speciation_.end())
      throw InputError(where, field(where, column) + "unknown speciation profile '" + id + "'" +
                                  defined_in(files_.speciation));
    for (const auto& pollutant : emitted)
      if (!has_entry(*found->second, pollutant))
        throw InputError(where, field(where, column) + "profile '" + id + "' has no " + pollutant +
                                    " entry, but the source emits " + pollutant);
  }

  void compounds(const emis::SpeciationProfile& profile) const {
    for (const auto& [compound, fraction] : profile.voc)
      if (!compounds_.count(compound))
        throw InputError(profile.where, "profile '" + profile.id + "': key 'VOC': compound '" + compound +
                                            "' is not in the VOC compound table" +
                                            defined_in(files_.voc_compounds));
  }

 private:
  static std::string defined_in(const std::string& file) {
    return file.empty() ? " (no such file is given)" : " (not in " + file + ")";
  }
  static bool has_entry(const emis::SpeciationProfile& p, const std::string& pollutant) {
    if (pollutant == "VOC") return !p.voc.empty();
    if (pollutant == "PM2.5") return !p.pm25.empty();
    if (pollutant == "PMcoarse") return !p.pmc.empty();
    const auto gas = emis::find_pollutant(pollutant);
    return gas && p.gas.count(*gas);
  }

  const InventoryFiles& files_;
  std::map<std::string, const emis::TemporalProfile*> temporal_;
  std::map<std::string, const emis::SpeciationProfile*> speciation_;
  std::set<std::string> compounds_;
  std::map<std::string, std::string> ids_;
};

/// The speciation entries annual totals need: gases and VOC by name, PM2.5, and PMcoarse for PM10 - PM2.5.
std::vector<std::string> emitted(const emis::PollutantValues& v) {
  std::vector<std::string> out;
  for (const auto p : {emis::Pollutant::NOx, emis::Pollutant::SO2, emis::Pollutant::CO, emis::Pollutant::NH3,
                       emis::Pollutant::VOC, emis::Pollutant::PM25})
    if (v[p] > 0.0) out.emplace_back(emis::pollutant_name(p));
  if (v[emis::Pollutant::PM10] > v[emis::Pollutant::PM25]) out.emplace_back("PMcoarse");
  return out;
}

const std::vector<std::string> kDust{"PM2.5", "PMcoarse"};

}  // namespace

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, "cannot open");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw InputError(path, "cannot open");
  return text.str();
}

emis::Inventory read_inventory(const InventoryFiles& files, const Grid& grid,
                               const std::function<std::string(const std::string&)>& read_text) {
  for (const auto& path : files.areas)
    if (!ends_with(path, ".csv") && !is_geojson(path))
      throw InputError(path, "an area file is .csv (rectangles) or .geojson (polygons)");
  emis::Inventory inventory;
  std::map<std::string, Fleet> fleets;
  if (!files.fleets.empty()) fleets = parse_fleets_csv(files.fleets, read_text(files.fleets));
  if (!files.vehicle_classes.empty())
    inventory.vehicle_classes =
        parse_vehicle_classes_csv(files.vehicle_classes, read_text(files.vehicle_classes));
  if (!files.temporal_profiles.empty())
    inventory.temporal_profiles =
        parse_temporal_profiles_yaml(files.temporal_profiles, read_text(files.temporal_profiles));
  if (!files.speciation.empty())
    inventory.speciation_profiles = parse_speciation_yaml(files.speciation, read_text(files.speciation));
  if (!files.voc_compounds.empty())
    inventory.voc_compounds = parse_voc_compounds_csv(files.voc_compounds, read_text(files.voc_compounds));

  for (const auto& path : files.points)
    for (auto& p : parse_points_csv(path, read_text(path), grid)) inventory.points.push_back(std::move(p));
  for (const auto& path : files.areas) {
    auto areas = is_geojson(path) ? parse_areas_geojson(path, read_text(path), grid)
                                  : parse_areas_csv(path, read_text(path), grid);
    for (auto& a : areas) inventory.areas.push_back(std::move(a));
  }
  for (const auto& path : files.roads)
    for (auto& r : parse_roads_csv(path, read_text(path), grid, fleets))
      inventory.roads.push_back(std::move(r));
  for (const auto& path : files.gridded) inventory.gridded.push_back(read_gridded_emissions(path, grid));

  const auto classes = by_id(inventory.vehicle_classes);
  for (const auto& [id, fleet] : fleets)
    for (const auto& [vehicle, share] : fleet.shares)
      if (!classes.count(vehicle))
        throw InputError(
            fleet.where.at(vehicle),
            "column 'vehicle_class': unknown vehicle class '" + vehicle + "'" +
                (files.vehicle_classes.empty() ? std::string(" (no vehicle_classes file is given)")
                                               : " (not in " + files.vehicle_classes + ")"));

  References check(inventory, files);
  for (const auto& profile : inventory.speciation_profiles) check.compounds(profile);
  for (const auto& p : inventory.points) {
    check.unique_id(p.info);
    check.temporal(p.info);
    check.speciation(p.info.where, "speciation_profile", p.info.speciation_profile, emitted(p.annual));
  }
  for (const auto& a : inventory.areas) {
    check.unique_id(a.info);
    check.temporal(a.info);
    check.speciation(a.info.where, "speciation_profile", a.info.speciation_profile,
                     a.kind == emis::AreaKind::inventory ? emitted(a.annual) : kDust);
  }
  for (const auto& r : inventory.roads) {
    check.unique_id(r.info);
    check.temporal(r.info);
    emis::PollutantValues exhaust;
    for (const auto& [vehicle, share] : r.fleet)
      if (share > 0.0)
        for (const auto p : emis::kAllPollutants)
          exhaust[p] += share * classes.at(vehicle)->emission_factor[p];
    check.speciation(r.info.where, "speciation_profile", r.info.speciation_profile, emitted(exhaust));
    if (r.silt_loading > 0.0)
      check.speciation(r.info.where, "dust_speciation_profile", r.dust_speciation_profile, kDust);
  }
  for (const auto& g : inventory.gridded) {
    check.unique_id(g.info);
    check.temporal(g.info);
    emis::PollutantValues present;
    for (const auto& [pollutant, flux] : g.flux)
      for (const double value : flux.data) present[pollutant] = std::max(present[pollutant], value);
    std::vector<std::string> needed = emitted(present);
    // The coarse part is per cell: PM10 above PM2.5 anywhere needs a PMcoarse entry.
    std::erase(needed, std::string("PMcoarse"));
    const auto pm10 = g.flux.find(emis::Pollutant::PM10);
    const auto pm25 = g.flux.find(emis::Pollutant::PM25);
    if (pm10 != g.flux.end())
      for (std::size_t c = 0; c < pm10->second.data.size(); ++c)
        if (pm10->second.data[c] > (pm25 == g.flux.end() ? 0.0 : pm25->second.data[c])) {
          needed.emplace_back("PMcoarse");
          break;
        }
    check.speciation(g.info.where, "speciation_profile", g.info.speciation_profile, needed);
  }
  return inventory;
}

}  // namespace airshed
