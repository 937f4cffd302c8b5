// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/array.hpp"
#include "core/grid.hpp"
#include "core/met_fields.hpp"
#include "core/time.hpp"

namespace airshed {

/// Meteorology at one instant on the met model's own grid (a WRF domain, a CF file's grid), before it is put
/// onto the model grid: mass-point (cell-centre) fields, winds **earth-relative**, SI units, and the height
/// above ground of every level in every column (WRF's levels follow the terrain and move with pressure, so
/// heights vary in x, y and time). Optional fields are empty arrays.
struct NativeMetRecord {
  MetRecord fields;           ///< (nx, ny, nz) on the met grid; kz unused (the model diagnoses Kz itself)
  Array3 height;              ///< (nx, ny, nz) height of each level's mass point above ground [m]
  Array2 precipitation_rate;  ///< (nx, ny) kg m-2 s-1 (= mm s-1 of water), optional
  Array2 cloud_fraction;      ///< (nx, ny) total cloud cover 0..1, optional
  Array2 roughness_length;    ///< (nx, ny) m, optional (WRF ZNT): the log-law wind below the lowest level
};

/// A time series of native meteorology: what a WRF or CF reader provides to the regridder.
class NativeMetSource {
 public:
  virtual ~NativeMetSource() = default;
  /// The met grid's horizontal geometry (projection, cells; its vertical layers are not used: heights come
  /// with every record).
  virtual const Grid& grid() const = 0;
  /// Record times, strictly increasing.
  virtual const std::vector<UtcTime>& times() const = 0;
  /// Record `index`; throws InputError naming file, variable, record and cell on bad data.
  virtual NativeMetRecord read(std::size_t index) const = 0;
  /// File name(s) for messages and the output's history.
  virtual std::string description() const = 0;
};

}  // namespace airshed
