// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "core/array.hpp"
#include "core/grid.hpp"

namespace airshed {

/// A named area for tagging by region and for area-wide tables (the built-up area): a polygon of lon/lat
/// vertices (degrees, first vertex not repeated). A cell belongs to it when its centre lies inside.
struct TagRegion {
  std::string name;
  std::vector<std::array<double, 2>> lonlat;
};

/// One source group as the case file states it. Empty lists match everything; a group with several lists
/// matches an emitter in a cell when every non-empty list matches (category x region, ...).
///  - categories: inventory categories (heat_plant, fuel_station, vehicle, dust, catering, ...);
///  - sources: source ids (a road's dust is the emitter `<road id>` of category `dust`);
///  - regions: a TagRegion name (cell centre inside its polygon) or an inventory `region` value.
struct TagGroupSpec {
  std::string name;
  std::vector<std::string> categories, sources, regions;
};

/// What an emitter is, for matching (the inventory's emitters and the case file's constant releases).
struct EmitterIdentity {
  std::string source_id, category, region;
};

/// The tag groups of a run in their fixed order: the configured groups, then `other` (emissions no group
/// matches: the sum of the groups always equals the total), `boundary` (inflow through the lateral and top
/// boundaries) and `initial` (what the domain held at the start). The first matching configured group wins,
/// so overlapping definitions are resolved by their order in the case file.
class TagGroups {
 public:
  /// Throws InputError (where = `where`) for a duplicate or reserved group name, an empty name, or a region
  /// that is neither a TagRegion nor the region of any emitter in `emitters`.
  TagGroups(const Grid& grid, std::vector<TagGroupSpec> specs, std::vector<TagRegion> regions,
            const std::vector<EmitterIdentity>& emitters, const std::string& where);

  std::size_t size() const { return names_.size(); }
  const std::vector<std::string>& names() const { return names_; }
  const std::string& name(std::size_t g) const { return names_[g]; }
  std::size_t other() const { return specs_.size(); }
  std::size_t boundary() const { return specs_.size() + 1; }
  std::size_t initial() const { return specs_.size() + 2; }
  /// Number of configured groups (excluding other, boundary, initial).
  std::size_t configured() const { return specs_.size(); }

  /// Group of an emitter's emission into cell (i, j).
  std::size_t group_of(const EmitterIdentity& e, int i, int j) const;

  /// 1 inside the region's polygon (cell centre), 0 outside; throws InputError for an unknown name.
  const Array2& region_mask(const std::string& name) const;
  const std::vector<TagRegion>& regions() const { return regions_; }

 private:
  std::vector<TagGroupSpec> specs_;
  std::vector<TagRegion> regions_;
  std::vector<Array2> masks_;  // per region
  std::vector<std::string> names_;
  std::string where_;
};

/// Whether (x, y) lies inside the polygon (even-odd rule; points on an edge count as inside or outside
/// consistently for cells sharing it).
bool point_in_polygon(const std::vector<std::array<double, 2>>& polygon, double x, double y);

}  // namespace airshed
