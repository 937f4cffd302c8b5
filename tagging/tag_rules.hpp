// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <vector>

#include "tagging/tag_families.hpp"

namespace airshed {

/// Where the tags of one cell live in a flat buffer: family f, slot s, group g at
/// (slot_base[f] + s) * groups + g. The same layout orders the tag fields of the State.
struct TagLayout {
  std::vector<TagFamily> families;
  std::size_t groups = 0;
  std::size_t other = 0;  ///< group that takes amounts no tag explains (see close_cell_tags)
  std::vector<std::size_t> slot_base;
  std::size_t slots = 0;  ///< total slots over families; tags per cell = slots * groups
  /// Family index of each chemical role, or -1 when the case has none.
  int so2 = -1, sulfate = -1, nox = -1, pans = -1, nitrate = -1, ammonium = -1, voc = -1, soa_precursor = -1,
      soa = -1, ozone = -1;

  TagLayout(std::vector<TagFamily> families, std::size_t groups, std::size_t other);
  std::size_t tags() const { return slots * groups; }
  std::size_t index(std::size_t family, int slot, std::size_t group) const {
    return (slot_base[family] + static_cast<std::size_t>(slot)) * groups + group;
  }
};

/// Slots of the ozone family.
inline constexpr int kO3N = 0, kO3V = 1;

/// What the chemistry did in one cell over one step, in family units per m3.
struct CellChemistry {
  const double* before = nullptr;  ///< host family amounts before the chemistry, per family
  const double* after = nullptr;   ///< and after (gas phase and aerosol)
  double ph2o2 = 0.0;              ///< H2O2 made by HO2 + HO2 (mol m-3)
  double phno3 = 0.0;              ///< HNO3 made by OH + NO2 (mol m-3)
  double o3_loss = 0.0;            ///< O3 destroyed (CAMx o3prdsa's D, positive, mol m-3)
};

/// The O3 production regime of a cell: VOC-limited when P(H2O2)/P(HNO3) <= threshold (Sillman 1995;
/// CAMx OSAT and CMAQ-ISAM), NOx-limited otherwise, and NOx-limited when no HNO3 is made (night).
bool voc_limited(double ph2o2, double phno3, double threshold);

/// Split one cell's chemical change among its tags (docs/apportionment.md, "Chemistry"). `tags` holds the
/// cell's tags in `layout` order; `voc_weight` per group is the OH reactivity per carbon atom of the group's
/// VOC (weights of the VOC decay and of VOC-limited O3 production). The tags are first brought to the
/// hosts before the step, and end summing to the hosts after it (close_cell_tags).
void update_cell_chemistry(const TagLayout& layout, const CellChemistry& cell, double threshold,
                           const std::vector<double>& voc_weight, double* tags);

/// Closure: make the tags of every family sum to `host` (per family) by scaling them with one factor.
/// Negative tags are set to zero first (their deficit is spread over the positive tags by the scaling);
/// a host amount where every tag is zero goes to the `other` group (slot 0); a host of zero zeroes the tags.
/// `sums` (optional, per family) receives the tags' sum before the scaling.
void close_cell_tags(const TagLayout& layout, const double* host, double* tags, double* sums = nullptr);

}  // namespace airshed
