// SPDX-License-Identifier: Apache-2.0
#include "driver/emission_setup.hpp"

#include <unistd.h>

#include <cmath>
#include <filesystem>

#include "core/error.hpp"
#include "data/embedded_cases.hpp"
#include "driver/make_met.hpp"

namespace airshed {

std::string read_case_input(const std::string& path) {
  constexpr std::string_view kEmbedded = "embedded:";
  if (path.rfind(kEmbedded, 0) == 0) {
    const char* text = embedded_file(path.substr(kEmbedded.size()));
    if (!text) throw InputError(path, "cannot open: no such embedded file");
    return text;
  }
  return read_text_file(path);
}

std::unique_ptr<emis::EmissionModel> build_emission_model(const CaseDefinition& c,
                                                          const std::function<void(emis::Inventory&)>& edit) {
  if (!c.has_inventory()) return nullptr;
  emis::Inventory inventory = read_inventory(c.emission_files, c.grid, read_case_input);
  if (edit) edit(inventory);
  // Carbon per molecule of the mechanism's species, so VOC speciation is checked to keep carbon.
  std::map<std::string, int> carbon;
  if (!c.mechanism.empty())
    for (const auto& s : c.chemistry.species) carbon[s.name] = static_cast<int>(std::lround(s.atoms.C));
  return std::make_unique<emis::EmissionModel>(std::move(inventory), c.grid, c.species_list(), carbon,
                                               c.emission_options);
}

CaseMetFiles::CaseMetFiles(const CaseDefinition& c, const std::string& preferred,
                           const std::string& history) {
  std::string met_file = c.met_file;
  if (c.met_kind == CaseDefinition::MetKind::idealised) {
    if (met_file.empty() && !preferred.empty()) met_file = preferred;
    if (met_file.empty())
      met_file = temporary_ = (std::filesystem::temp_directory_path() /
                               ("airshed-" + std::to_string(::getpid()) + "-" +
                                std::to_string(reinterpret_cast<std::uintptr_t>(this)) + "-met.nc"))
                                  .string();
    make_idealised_met(c, met_file, history);
  }
  files_ = met_files_of(c, met_file);
}

CaseMetFiles::~CaseMetFiles() {
  if (!temporary_.empty()) std::filesystem::remove(temporary_);
}

}  // namespace airshed
