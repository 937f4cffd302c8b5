// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <functional>
#include <memory>
#include <string>

#include "driver/case_definition.hpp"
#include "emissions/emission_model.hpp"

namespace airshed {

/// The text of an input file: "embedded:<case>/<path>" from the files compiled into the program, anything
/// else from disk. Throws InputError "<path>: cannot open" when there is no such file.
std::string read_case_input(const std::string& path);

/// Read the case's inventory and build its emission model (every file and cross-reference checked);
/// nullptr when the case has no inventory. `edit` (optional) changes the inventory first (a scenario's
/// sources switched on, fleets changed). Throws InputError.
std::unique_ptr<emis::EmissionModel> build_emission_model(
    const CaseDefinition& c, const std::function<void(emis::Inventory&)>& edit = {});

/// The meteorology files of a case for work that needs only the met (emission tables, scenario checks): an
/// idealised case writes its met to `preferred`, or, when that is empty, to a temporary file removed when
/// this object goes.
class CaseMetFiles {
 public:
  CaseMetFiles(const CaseDefinition& c, const std::string& preferred, const std::string& history);
  ~CaseMetFiles();
  CaseMetFiles(const CaseMetFiles&) = delete;
  CaseMetFiles& operator=(const CaseMetFiles&) = delete;
  const std::vector<std::string>& files() const { return files_; }

 private:
  std::vector<std::string> files_;
  std::string temporary_;
};

}  // namespace airshed
