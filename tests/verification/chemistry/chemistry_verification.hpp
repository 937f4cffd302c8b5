// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the chemistry verification tests: where their data lie, and the atom totals of a box run.
#pragma once
#include <string>

#include "chemistry/mechanism.hpp"
#include "driver/box.hpp"

namespace airshed::test {

/// A file of this folder (data/*.yaml, reference/*.csv), found through the source tree.
inline std::string chemistry_verification_file(const std::string& relative) {
  return std::string(AIRSHED_SOURCE_DIR) + "/tests/verification/chemistry/" + relative;
}

/// Total N and S atoms [ppb of atoms] over the solved species at one output row of a box run: sum of the
/// mechanism's atoms per molecule times the mixing ratio. Fixed species (M, O2, H2O, CH4, H2) carry no N or
/// S in the shipped mechanisms and are not part of the state.
struct AtomTotals {
  double N = 0.0, S = 0.0;
};

inline AtomTotals atom_totals(const chem::Mechanism& mechanism, const BoxResult& r, std::size_t row) {
  AtomTotals t;
  for (std::size_t s = 0; s < r.species.size(); ++s) {
    const chem::Atoms& a = mechanism.species[static_cast<std::size_t>(mechanism.find(r.species[s]))].atoms;
    t.N += a.N * r.ppb[row][s];
    t.S += a.S * r.ppb[row][s];
  }
  return t;
}

}  // namespace airshed::test
