// SPDX-License-Identifier: Apache-2.0
#include "app/case_loader.hpp"

#include <filesystem>

#include "core/error.hpp"
#include "data/embedded_cases.hpp"
#include "driver/case_schema.hpp"

namespace airshed {

CaseDefinition load_case(const std::string& case_arg, const std::vector<std::string>& overrides) {
  const bool is_file = std::filesystem::is_regular_file(case_arg);
  const char* embedded = is_file ? nullptr : embedded_case(case_arg);
  if (!is_file && !embedded)
    throw InputError(case_arg, "no such case file, and no embedded case of that name (embedded: " +
                                   embedded_case_names() + ")");
  Config config = is_file ? Config::load(case_arg, case_schema())
                          : Config::parse(embedded, "embedded:" + case_arg, case_schema());
  for (const auto& o : overrides) config.set(o);
  const std::string dir = is_file ? std::filesystem::path(case_arg).parent_path().string() : "";
  return build_case(config, is_file ? case_arg : "embedded:" + case_arg, dir,
                    is_file ? dir : "embedded:" + case_arg);
}

}  // namespace airshed
