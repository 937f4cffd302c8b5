// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "io/config_schema.hpp"

namespace airshed {

/// The case-file schema: every key of a case YAML with type, unit, default, allowed values and meaning.
/// The validator, `airshed config-doc` and docs/config.md all come from this one table.
const ConfigSchema& case_schema();

/// Introductory text for docs/config.md.
const char* case_schema_intro();

}  // namespace airshed
