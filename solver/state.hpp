// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <vector>

#include "core/grid.hpp"
#include "core/species.hpp"
#include "solver/field3.hpp"

namespace airshed {

/// The transported model state. Field 0 is the air itself (molar density, mol m-3), carried by the same
/// advection fluxes as every species, so that the mixing ratio c/air of a uniform field stays uniform in any
/// wind, divergent or not, and total mass is conserved exactly (the "air as a tracer" consistency of
/// Lin & Rood 1996, MWR 124, 2046, and Jöckel et al. 2001, MWR 129, 1445). Fields 1..n are the species in
/// the order of `species()`: gases in mol m-3, aerosols in kg m-3. Mixing ratios are c/air.
/// Source apportionment appends its tagged tracers after the species (`tag_field`): every transport operator
/// loops over n_fields() and so carries them exactly like the species, while everything that works per
/// species (chemistry, deposition, outputs, budgets) sees only the species.
class State {
 public:
  /// The whole grid's columns (serial) or one block of a decomposition (`block`, see ColumnBlock): every
  /// field then stores only the block and its halo, and every operator updates only the block's columns.
  State(const Grid& grid, SpeciesList species, std::size_t n_tags = 0);
  State(const Grid& grid, SpeciesList species, std::size_t n_tags, ColumnBlock block);

  const Grid& grid() const { return *grid_; }
  const SpeciesList& species() const { return species_; }
  /// The columns this state stores and its operators update.
  const ColumnBlock& block() const { return block_; }
  std::size_t n_species() const { return species_.size(); }
  /// Number of transported fields including the air.
  std::size_t n_fields() const { return fields_.size(); }

  Field3& air() { return fields_[0]; }
  const Field3& air() const { return fields_[0]; }
  Field3& species_field(std::size_t s) { return fields_[s + 1]; }
  const Field3& species_field(std::size_t s) const { return fields_[s + 1]; }
  Field3& field(std::size_t f) { return fields_[f]; }
  const Field3& field(std::size_t f) const { return fields_[f]; }
  std::size_t n_tags() const { return fields_.size() - species_.size() - 1; }
  Field3& tag_field(std::size_t t) { return fields_[species_.size() + 1 + t]; }
  const Field3& tag_field(std::size_t t) const { return fields_[species_.size() + 1 + t]; }
  /// State field index of tag t.
  std::size_t tag_field_index(std::size_t t) const { return species_.size() + 1 + t; }
  /// Index of a species by name, or n_species() if absent.
  std::size_t find(const std::string& name) const;

  /// Seconds since the run start.
  double time = 0.0;

 private:
  const Grid* grid_;
  SpeciesList species_;
  ColumnBlock block_;
  std::vector<Field3> fields_;
};

}  // namespace airshed
