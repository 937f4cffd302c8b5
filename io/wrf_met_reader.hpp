// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/native_met.hpp"

namespace airshed {

/// Reads WRF ARW output (`wrfout_d0N_*`) directly, without a conversion step: see docs/wrf-input.md for the
/// variables used and every derivation with its source. The grid is WRF's horizontal mass grid in the WRF
/// projection (MAP_PROJ 1, 2 or 3, sphere R = 6,370,000 m) placed from XLAT/XLONG; every record gives
/// earth-relative winds destaggered to mass points, temperature from potential temperature and pressure, and
/// the height above ground of every mass point from the geopotential. All checks that do not need a record's
/// data run in the constructor; every failure is one InputError line naming the file, and for data the
/// variable, the file's record with its time, and the cell in the variable's own (possibly staggered)
/// 0-based indices (i west-east, j south-north, k bottom-top). Files are opened one at a time (a month of
/// hourly files stays within the process's file limit). Like NetCDF-C, one reader must not be used from two
/// threads at once.
class WrfMetReader : public NativeMetSource {
 public:
  /// One or several wrfout files forming one time series (records concatenated in time order; files must
  /// share the domain: same dimensions, projection attributes, DX/DY and XLAT/XLONG, else InputError naming
  /// both files and what differs; overlapping or unordered times are an error).
  explicit WrfMetReader(const std::vector<std::string>& paths);
  ~WrfMetReader() override;

  const Grid& grid() const override;
  const std::vector<UtcTime>& times() const override;
  NativeMetRecord read(std::size_t index) const override;
  std::string description() const override;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace airshed
