// SPDX-License-Identifier: Apache-2.0
#include "chemistry/mechanism.hpp"

namespace airshed::chem {

int Mechanism::find(const std::string& n) const {
  for (std::size_t i = 0; i < species.size(); ++i)
    if (species[i].name == n) return static_cast<int>(i);
  return -1;
}

std::vector<int> Mechanism::solved_species() const {
  std::vector<int> out;
  for (std::size_t i = 0; i < species.size(); ++i)
    if (species[i].fixed == FixedKind::none) out.push_back(static_cast<int>(i));
  return out;
}

}  // namespace airshed::chem
