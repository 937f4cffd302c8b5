// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>

#include "driver/case_definition.hpp"

namespace airshed {

/// Write the case's idealised meteorology (met/idealised_met.hpp) as a CF file covering the run plus one
/// record, on the model grid widened by the case's margin, so the model grid is a proper sub-window and
/// its boundary faces have met on both sides. Records every `met_record_interval`.
void make_idealised_met(const CaseDefinition& c, const std::string& path, const std::string& history);

}  // namespace airshed
