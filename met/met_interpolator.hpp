// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <optional>

#include "core/column_block.hpp"
#include "core/grid.hpp"
#include "core/met_source.hpp"
#include "core/time.hpp"
#include "met/kz_profile.hpp"
#include "met/met_state.hpp"

namespace airshed {

/// Meteorology at any model time, linearly interpolated between the two records that bracket it, with the
/// derived fields (density, continuity w, Kz) computed from the interpolated state. Holds the two records
/// read last, so a run reads each record once. Its only state is which records are loaded, and that is a
/// function of time: a restarted run reloads the same pair and gets bit-identical fields.
class MetInterpolator {
 public:
  MetInterpolator(const MetSource& source, const Grid& grid, UtcTime run_start, KzOptions kz);

  /// Met at `model_time` seconds after the run start. Throws InputError when the source does not cover it.
  /// Only the window's columns (set_window) are computed; the arrays keep the whole grid's shape.
  const MetState& at(double model_time);
  /// The same on every column of the grid, cached apart from at(): for what reads the met anywhere (plume
  /// rise of every stack, boundary profiles, the run summary).
  const MetState& at_whole(double model_time);
  /// The columns at() computes (default: the whole grid): a decomposed run's block and the ring its
  /// operators read around it. Values inside are bit-identical to a whole-grid interpolation.
  void set_window(const ColumnBlock& columns);

  /// Seconds after run start of the met record times (so the loop can end steps on them).
  double record_time(std::size_t index) const;
  std::size_t records() const { return source_.times().size(); }
  /// Index of the loaded lower record (checkpoints store it as a consistency check).
  std::size_t lower_record() const { return lower_; }

 private:
  struct Loaded {
    std::size_t index;
    MetFields fields;
    Array3 density;
  };
  void load_pair(std::size_t lower);
  void compute(MetState& out, double model_time, const ColumnBlock& columns);

  const MetSource& source_;
  const Grid& grid_;
  UtcTime start_;
  KzOptions kz_options_;
  std::size_t lower_ = 0;
  std::optional<Loaded> a_, b_;
  MetState state_, whole_;
  bool state_valid_ = false, whole_valid_ = false;
  ColumnBlock window_;
};

/// Molar density of moist air p/(R T) [mol m-3] on cell centres.
Array3 air_molar_density(const MetFields& met);

}  // namespace airshed
