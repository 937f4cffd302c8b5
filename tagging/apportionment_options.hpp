// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

#include "tagging/tag_groups.hpp"

namespace airshed {

/// The case file's `apportionment` section, resolved (docs/apportionment.md, docs/config.md).
struct ApportionmentOptions {
  bool enabled = false;  ///< tag the run (the groups are also what `airshed apportion` switches off)
  std::vector<TagGroupSpec> groups;
  std::vector<TagRegion> regions;
  /// P(H2O2)/P(HNO3) at or below which new O3 is VOC-limited (Sillman 1995; CAMx and CMAQ-ISAM default).
  double regime_threshold = 0.35;
  std::string receptors_file;  ///< resolved path of the receptor CSV; empty: none
  std::string area;            ///< region whose area-mean is tabulated (the built-up area); empty: none
  std::vector<std::string> output_species;  ///< contributions written (species or derived outputs)
  int output_layers = 1;                    ///< layers of the contribution fields, from the ground
  std::string file;                         ///< contribution NetCDF; empty: <output stem>-tags.nc
  int peak_window_hours = 8;                ///< the tables' peak window (running mean, as MDA8)
};

}  // namespace airshed
