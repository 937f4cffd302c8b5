// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "io/config_schema.hpp"

namespace airshed {

/// The box-model file schema (`airshed box`): one cell's chemistry alone (docs/box.md is generated from it).
const ConfigSchema& box_schema();
const char* box_schema_intro();

}  // namespace airshed
