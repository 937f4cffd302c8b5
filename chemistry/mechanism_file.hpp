// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

#include "chemistry/mechanism.hpp"

namespace airshed::chem {

/// The photolysis rates a mechanism may name (`rate: {photolysis: NAME}`), as computed by the photolysis
/// module from the MCM v3.3.1 parameterisation (Saunders et al. 2003), in the order of its photolysis_names():
/// NO2 (J4), O3_O1D (J1), O3_O3P (J2), H2O2 (J3), NO3_NO (J5), NO3_NO2 (J6), HONO (J7), HNO3 (J8),
/// HCHO_radical (J11), HCHO_molecular (J12), CH3CHO (J13), CH3OOH (J41).
const std::vector<std::string>& known_photolysis_names();

/// Parse a mechanism from its YAML text (format: docs/mechanisms.md). `file` names it in messages.
/// Every problem is one InputError "<file>:<line>: <problem>": unknown keys, malformed equations, unknown
/// species, reactions that do not balance N or S atoms, negative or non-finite rate parameters, a
/// photolysis name the photolysis module does not know, duplicate species.
Mechanism parse_mechanism(const std::string& yaml_text, const std::string& file);

/// A built-in mechanism by name ("grs", "cb05-core") or a mechanism file by path.
Mechanism load_mechanism(const std::string& name_or_path);

}  // namespace airshed::chem
