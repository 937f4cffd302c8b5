// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "core/grid.hpp"
#include "core/met_fields.hpp"
#include "core/met_source.hpp"
#include "core/native_met.hpp"
#include "core/time.hpp"

namespace airshed {

/// Interpolation weights from a met grid to the model grid, computed once: model cell centres (and one ring
/// of halo cells around the model grid, for the face winds) projected to the met grid's projection via
/// lon/lat; bilinear between the four surrounding met mass points. Points between the outermost mass points
/// and the met grid's outer edge (half a met cell) take the edge values along that axis (clamped), so a model
/// grid equal to the met grid is covered. Throws InputError(source_name, ...) when the model domain (its
/// outer cell edges, corners included) reaches beyond the met grid's outer edge (1 mm tolerance for
/// projection round-off), saying by how many km it sticks out on which side(s) (west/east/south/north of the
/// met grid, in the met projection). Halo-ring centres, half a model cell outside the domain, are clamped the
/// same way and never raise it. docs/met-regridding.md.
class MetRegridder {
 public:
  MetRegridder(const Grid& met_grid, const Grid& model_grid, const std::string& source_name);

  /// The record on the model grid as MetFields (C grid, winds grid-relative to the MODEL projection).
  /// Throws InputError(source_name, ...) on a record whose arrays do not fit the met grid, levels that do not
  /// rise, or a model top layer above the meteorology's top level in any column.
  MetFields regrid(const NativeMetRecord& record) const;

  const Grid& model_grid() const { return model_; }
  const Grid& met_grid() const { return met_; }

 private:
  /// Bilinear weights of one model point: met cells i + nx*j and their weights (sum 1).
  struct Stencil {
    std::array<std::size_t, 4> cell{};
    std::array<double, 4> weight{};
  };

  Grid met_, model_;
  std::string source_name_;
  int ni_ = 0, nj_ = 0;            ///< model cells plus one halo ring: nx+2, ny+2
  std::vector<Stencil> stencils_;  ///< point (i+1) + ni*(j+1) for model i in -1..nx, j in -1..ny
  std::vector<double> cos_, sin_;  ///< model grid rotation at the same points
};

/// A MetSource over a NativeMetSource: times as the native source, read(i) = regrid(native.read(i)).
/// Errors from the regridding name the record and its time.
class RegriddedMetSource : public MetSource {
 public:
  RegriddedMetSource(const NativeMetSource& native, const Grid& model_grid);

  const std::vector<UtcTime>& times() const override { return native_.times(); }
  MetFields read(std::size_t index) const override;
  std::string description() const override { return native_.description(); }

  const MetRegridder& regridder() const { return regridder_; }

 private:
  const NativeMetSource& native_;
  MetRegridder regridder_;
};

}  // namespace airshed
