// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>

#include "chemistry/mechanism.hpp"

namespace airshed::chem {

/// Parse a mechanism from its YAML text (format: docs/mechanisms.md). `file` names it in messages.
/// Every problem is one InputError "<file>:<line>: <problem>": unknown keys, malformed equations, unknown
/// species, reactions that do not balance N or S atoms, negative or non-finite rate parameters, a
/// photolysis name the photolysis module does not know, duplicate species.
Mechanism parse_mechanism(const std::string& yaml_text, const std::string& file);

/// A built-in mechanism by name ("grs", "cb05-core") or a mechanism file by path.
Mechanism load_mechanism(const std::string& name_or_path);

}  // namespace airshed::chem
