// SPDX-License-Identifier: Apache-2.0
#include "driver/met_setup.hpp"

#include "core/error.hpp"
#include "io/cf_met_reader.hpp"
#include "io/cf_native_met_reader.hpp"
#include "io/met_files.hpp"
#include "io/wrf_met_reader.hpp"
#include "met/met_regridder.hpp"

namespace airshed {

MetFormat met_format_from(const std::string& name) {
  if (name == "cf") return MetFormat::cf;
  if (name == "wrf") return MetFormat::wrf;
  return MetFormat::automatic;
}

CaseMeteorology::CaseMeteorology(const std::vector<std::string>& files, MetFormat format,
                                 const Grid& model_grid)
    : format_(format) {
  for (const std::string& f : files)
    for (std::string& p : expand_met_files(f)) paths_.push_back(std::move(p));
  if (paths_.empty()) throw InputError("meteorology", "no meteorology file given");
  if (format_ == MetFormat::automatic) format_ = is_wrf_file(paths_.front()) ? MetFormat::wrf : MetFormat::cf;
  if (format_ == MetFormat::wrf) {
    native_ = std::make_unique<WrfMetReader>(paths_);
    source_ = std::make_unique<RegriddedMetSource>(*native_, model_grid);
  } else {
    if (paths_.size() > 1)
      throw InputError(paths_[1], "CF meteorology is read from one file; " + std::to_string(paths_.size()) +
                                      " were given (a list of files is for WRF output)");
    // A window is read in place, as it always was (no interpolation, the file's own Kz); any other model
    // grid takes the same path as WRF output.
    if (CfMetReader::holds_window(paths_.front(), model_grid)) {
      source_ = std::make_unique<CfMetReader>(paths_.front(), model_grid);
    } else {
      native_ = std::make_unique<CfNativeMetReader>(paths_.front());
      source_ = std::make_unique<RegriddedMetSource>(*native_, model_grid);
    }
  }
}

CaseMeteorology::~CaseMeteorology() = default;

std::string CaseMeteorology::description() const {
  if (paths_.size() == 1) return paths_.front();
  return paths_.front() + " ... " + paths_.back() + " (" + std::to_string(paths_.size()) + " " +
         (format_ == MetFormat::wrf ? "WRF" : "CF") + " files)";
}

}  // namespace airshed
