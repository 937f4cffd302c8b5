// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

#include "emissions/inventory.hpp"

namespace airshed {

/// temporal_profiles.yaml: monthly (12), weekly (7, Monday first), hourly (24) weights, each optional
/// (flat), all >= 0 with a positive sum, and an optional heating season {start: "MM-DD", end: "MM-DD",
/// in, out}. Throws InputError "<name>:<line>: ..." (yaml-cpp marks, 1-based).
std::vector<emis::TemporalProfile> parse_temporal_profiles_yaml(const std::string& name,
                                                                const std::string& text);

/// speciation.yaml: per profile, maps for NOx/SO2/CO/NH3 (mole fractions), VOC (compound mass fractions),
/// PM2.5 and PMcoarse (aerosol mass fractions); each map sums to 1 within 1e-6; unknown pollutant keys are
/// errors.
std::vector<emis::SpeciationProfile> parse_speciation_yaml(const std::string& name, const std::string& text);

/// voc_compounds_<mechanism>.csv: compound, molar_mass[g/mol], carbon_atoms, mechanism_species
/// ("OLE:1 PAR:1"), unreactive_carbon.
std::vector<emis::VocCompound> parse_voc_compounds_csv(const std::string& name, const std::string& text);

}  // namespace airshed
