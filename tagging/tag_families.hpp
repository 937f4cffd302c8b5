// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "chemistry/mechanism.hpp"
#include "core/species.hpp"

namespace airshed {

/// What the chemistry does to a family, and so which update rule its tags follow (docs/apportionment.md).
enum class FamilyRole {
  primary,        ///< no chemistry (primary particles, inert tracers): tags only move and deposit
  so2,            ///< SO2, the sulfate precursor
  sulfate,        ///< S(VI): SULF + PSO4, made from SO2 (PSAT)
  nox,            ///< NO + NO2 + NO3 + 2 N2O5 + HONO + PNA, the OSAT NIT + RGN families
  pans,           ///< PAN + NTR (OSAT TPN + NTR)
  nitrate,        ///< HNO3 + PNO3, made from NOx (PSAT, split by the host gas/particle ratio)
  ammonium,       ///< NH3 + PNH4 (PSAT, split by the host gas/particle ratio)
  voc,            ///< stable organic species weighted by their carbon atoms (ppbC), OSAT VOC
  soa_precursor,  ///< TOL + XYL + ISOP (carbon), the precursors of the SOA yields
  soa,            ///< CG1..CG4 + SOA1..SOA4 + SOPA + SOPB (mass), made from the precursors
  ozone  ///< odd oxygen Ox = O3 + NO2 in two slots: made under NOx-limited (N) or VOC-limited (V) regimes
};

const char* family_role_name(FamilyRole role);

/// A member of a family: family amount = sum over members of weight x the species' field (mol m-3 or
/// kg m-3), so the weight converts the member into the family's unit (mol N, mol S, mol C or kg).
struct FamilyMember {
  std::size_t species;  ///< index into the state's species
  double weight;
  /// The species' contributions are read from this family (tag x species / family host). NO2 belongs to
  /// NOx (its nitrogen) and to Ox (its odd oxygen); its contributions come from NOx.
  bool owner = true;
};

/// A family of host species whose sum is tagged: one tag field per group and slot.
struct TagFamily {
  std::string name;  ///< "SO2", "sulfate", "NOx", ... (docs/apportionment.md)
  FamilyRole role = FamilyRole::primary;
  std::vector<FamilyMember> members;
  int slots = 1;     ///< 2 for Ox (N, V)
  std::string unit;  ///< the family's amount unit, e.g. "mol N m-3"
};

/// The families of a case's species: without a mechanism every species is its own primary family; with a
/// mechanism, the chemical families above from the species present (Ox only when the mechanism has the
/// P(H2O2)/P(HNO3) indicator: O3, NO, NO2, OH, HO2, H2O2, HNO3; GRS has not), and every case species the
/// chemistry never touches (not a mechanism species, not made by the aerosol step: primary particles) its
/// own primary family. Species in no family (CO, radicals, H2O2, ...) are not tagged.
std::vector<TagFamily> tag_families(const SpeciesList& species, const chem::Mechanism* mechanism);

}  // namespace airshed
