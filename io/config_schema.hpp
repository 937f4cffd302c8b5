// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

namespace airshed {

/// Value types a configuration key may hold.
enum class ConfigType {
  section,
  list_of_sections,
  integer,
  real,
  boolean,
  string,
  time,
  real_list,
  string_list
};

/// One key of a configuration surface: the single declarative source from which the validator, the
/// `--help`/`config-doc` text and docs/config.md are produced (PISM's pism_config.cdl; DESIGN.md).
/// Paths are dotted; items of a list of sections use "[]": "species[].name".
struct ConfigKey {
  std::string path;
  ConfigType type = ConfigType::string;
  std::string unit;                  ///< physical unit of the value, empty for none
  std::string default_value;         ///< as YAML text; empty = no default; "required" = must be given
  std::vector<std::string> choices;  ///< allowed values for strings, empty = any
  std::string doc;
  double min = -1e300, max = 1e300;  ///< inclusive range for integer/real (and each real_list element)
};

using ConfigSchema = std::vector<ConfigKey>;

const char* to_string(ConfigType type);

/// Markdown reference of a schema (one table per top-level section).
std::string schema_markdown(const ConfigSchema& schema, const std::string& title, const std::string& intro);

}  // namespace airshed
