// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/grid.hpp"
#include "core/met_source.hpp"
#include "core/native_met.hpp"

namespace airshed {

enum class MetFormat { automatic, cf, wrf };

/// The meteorology a run reads, whatever its form: one CF file, read in place when its grid holds the model
/// grid as a window (CfMetReader::holds_window) and otherwise put onto the model grid by the regridder, or
/// one or several WRF `wrfout` files (a list or a glob), always regridded. Owns the readers; `source()` is
/// what the time loop interpolates.
class CaseMeteorology {
 public:
  /// `files`: paths or glob patterns, expanded and concatenated in order. `automatic` tells WRF output from
  /// CF by the first file's global attributes. Throws InputError (no file, a CF list of more than one file,
  /// a model grid outside the met domain, ...).
  CaseMeteorology(const std::vector<std::string>& files, MetFormat format, const Grid& model_grid);
  ~CaseMeteorology();

  const MetSource& source() const { return *source_; }
  MetFormat format() const { return format_; }
  /// "met.nc" or "wrfout_d01_2026-11-28 ... (3 WRF files)" for messages and summaries.
  std::string description() const;

 private:
  MetFormat format_;
  std::vector<std::string> paths_;
  std::unique_ptr<NativeMetSource> native_;
  std::unique_ptr<MetSource> source_;
};

/// "auto", "cf" or "wrf" as in the case file.
MetFormat met_format_from(const std::string& name);

}  // namespace airshed
