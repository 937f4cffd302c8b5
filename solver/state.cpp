// SPDX-License-Identifier: Apache-2.0
#include "solver/state.hpp"

namespace airshed {

State::State(const Grid& grid, SpeciesList species, std::size_t n_tags)
    : State(grid, std::move(species), n_tags, ColumnBlock::whole(grid)) {}

State::State(const Grid& grid, SpeciesList species, std::size_t n_tags, ColumnBlock block)
    : grid_(&grid), species_(std::move(species)), block_(block) {
  fields_.reserve(species_.size() + 1 + n_tags);
  for (std::size_t f = 0; f <= species_.size() + n_tags; ++f) fields_.emplace_back(grid, block);
}

std::size_t State::find(const std::string& name) const {
  for (std::size_t s = 0; s < species_.size(); ++s)
    if (species_[s].name == name) return s;
  return species_.size();
}

}  // namespace airshed
