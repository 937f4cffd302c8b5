// SPDX-License-Identifier: Apache-2.0
#include "driver/emission_setup.hpp"

#include <cmath>

#include "core/error.hpp"
#include "data/embedded_cases.hpp"

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

std::unique_ptr<emis::EmissionModel> build_emission_model(const CaseDefinition& c) {
  if (!c.has_inventory()) return nullptr;
  emis::Inventory inventory = read_inventory(c.emission_files, c.grid, read_case_input);
  // Carbon per molecule of the mechanism's species, so VOC speciation is checked to keep carbon.
  std::map<std::string, int> carbon;
  if (!c.mechanism.empty())
    for (const auto& s : c.chemistry.species) carbon[s.name] = static_cast<int>(std::lround(s.atoms.C));
  return std::make_unique<emis::EmissionModel>(std::move(inventory), c.grid, c.species_list(), carbon,
                                               c.emission_options);
}

}  // namespace airshed
