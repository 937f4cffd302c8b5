// SPDX-License-Identifier: Apache-2.0
#include "tagging/tag_groups.hpp"

#include <algorithm>
#include <set>

#include "core/error.hpp"

namespace airshed {

bool point_in_polygon(const std::vector<std::array<double, 2>>& polygon, double x, double y) {
  bool inside = false;
  const std::size_t n = polygon.size();
  for (std::size_t a = 0, b = n - 1; a < n; b = a++) {
    const auto& p = polygon[a];
    const auto& q = polygon[b];
    // Crossing test of a ray towards +x (Shimrat 1962, CACM 5, 434, as corrected by Hacker).
    if ((p[1] > y) != (q[1] > y) && x < (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]) + p[0]) inside = !inside;
  }
  return inside;
}

namespace {
bool listed(const std::vector<std::string>& list, const std::string& value) {
  return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
}
}  // namespace

TagGroups::TagGroups(const Grid& grid, std::vector<TagGroupSpec> specs, std::vector<TagRegion> regions,
                     const std::vector<EmitterIdentity>& emitters, const std::string& where)
    : specs_(std::move(specs)), regions_(std::move(regions)), where_(where) {
  std::set<std::string> seen;
  for (const TagRegion& r : regions_) {
    if (r.name.empty()) throw InputError(where, "a tagging region has no name");
    if (r.lonlat.size() < 3)
      throw InputError(where, "tagging region '" + r.name + "' needs at least 3 vertices");
    if (!seen.insert("region:" + r.name).second)
      throw InputError(where, "tagging region '" + r.name + "' is defined twice");
    std::vector<std::array<double, 2>> xy;
    for (const auto& v : r.lonlat) {
      const ProjectedXY p = grid.projection().forward(LonLat{v[0], v[1]});
      xy.push_back({p.x, p.y});
    }
    Array2 mask(grid.nx(), grid.ny());
    for (int j = 0; j < grid.ny(); ++j)
      for (int i = 0; i < grid.nx(); ++i)
        mask(i, j) = point_in_polygon(xy, grid.x_centre(i), grid.y_centre(j)) ? 1.0 : 0.0;
    masks_.push_back(std::move(mask));
  }
  std::set<std::string> inventory_regions;
  for (const EmitterIdentity& e : emitters) inventory_regions.insert(e.region);
  for (const TagGroupSpec& s : specs_) {
    if (s.name.empty()) throw InputError(where, "a tag group has no name");
    // other, boundary, initial are always added; total, all_on, all_off, remainder name rows of the tables.
    for (const char* reserved : {"other", "boundary", "initial", "total", "all_on", "all_off", "remainder"})
      if (s.name == reserved)
        throw InputError(where,
                         "tag group name '" + s.name +
                             "' is reserved (other, boundary and initial are always added; total, all_on, "
                             "all_off and remainder name rows of the tables)");
    if (!seen.insert(s.name).second) throw InputError(where, "tag group '" + s.name + "' is defined twice");
    for (const std::string& r : s.regions) {
      const bool polygon =
          std::any_of(regions_.begin(), regions_.end(), [&](const TagRegion& t) { return t.name == r; });
      if (!polygon && !inventory_regions.count(r))
        throw InputError(where, "tag group '" + s.name + "': region '" + r +
                                    "' is neither an apportionment region nor the region of any source");
    }
    names_.push_back(s.name);
  }
  names_.insert(names_.end(), {"other", "boundary", "initial"});
}

const Array2& TagGroups::region_mask(const std::string& name) const {
  for (std::size_t r = 0; r < regions_.size(); ++r)
    if (regions_[r].name == name) return masks_[r];
  throw InputError(where_, "no apportionment region named '" + name + "'");
}

std::size_t TagGroups::group_of(const EmitterIdentity& e, int i, int j) const {
  for (std::size_t g = 0; g < specs_.size(); ++g) {
    const TagGroupSpec& s = specs_[g];
    if (!listed(s.categories, e.category) || !listed(s.sources, e.source_id)) continue;
    bool region_ok = s.regions.empty();
    for (const std::string& r : s.regions) {
      std::size_t idx = regions_.size();
      for (std::size_t t = 0; t < regions_.size(); ++t)
        if (regions_[t].name == r) idx = t;
      region_ok = region_ok || (idx < regions_.size() ? masks_[idx](i, j) > 0.5 : e.region == r);
    }
    if (region_ok) return g;
  }
  return other();
}

}  // namespace airshed
