// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "core/species.hpp"
#include "emissions/inventory.hpp"

namespace airshed::emis {

/// One model species receiving part of an inventory pollutant's mass. `factor` is mol of the species per kg
/// of the pollutant (gas species) or kg per kg (aerosol species).
struct SpeciesSplit {
  std::size_t species;  ///< index into the model SpeciesList
  double factor;
};

/// Turns inventory pollutant masses into model species (the speciation matrix of SMOKE's Spcmat):
///  - NOx, SO2, CO, NH3: factor = mole fraction / M_inv(p), M_inv from inventory_molar_mass (NOx as NO2);
///  - VOC: factor(s) = sum_c f_c n_{c,s} / M_c over the profile's compounds c (mass fraction f_c, molar
///    mass M_c, n_{c,s} moles of mechanism species s per mole of c: the compound-to-mechanism "lumping" of
///    Carter's speciation database / the CB05 and SAPRC mechanism assignments);
///  - PM2.5 and the coarse part PM10 - PM2.5: factor = mass fraction.
/// Splits are sorted by species index; a species receiving several contributions appears once.
class Speciator {
 public:
  /// `carbon_atoms`: carbon atoms per molecule of each mechanism species (from the mechanism; may be empty
  /// for a case without a mechanism, then carbon checks are skipped). Validates every profile: fractions
  /// >= 0 summing to 1 within 1e-6, species present in `species` with the right phase (gas maps to gas
  /// species, PM maps to aerosol species), compounds known, each compound's mechanism representation
  /// carbon-consistent (sum n_i C_i + unreactive_carbon == carbon_atoms within 1e-9; only when carbon_atoms
  /// is given). Errors: InputError(profile.where or compound.where, one line naming the key/species).
  Speciator(const std::vector<SpeciationProfile>& profiles, const std::vector<VocCompound>& compounds,
            const SpeciesList& species, const std::map<std::string, int>& carbon_atoms);

  /// The splits for one pollutant of one profile; for PM10 this is the coarse part PM10 - PM2.5 (the
  /// profile's `pmc`): apply it to PM10 - PM2.5, not to PM10. Throws InputError if the profile doesn't
  /// exist or has no entry for the pollutant (the message names the profile id and the pollutant).
  const std::vector<SpeciesSplit>& split(const std::string& profile, Pollutant p) const;
  bool has(const std::string& profile, Pollutant p) const;

  /// VOC carbon not represented by any model species (CB "NR"), mol C per kg VOC; 0 without a VOC entry.
  /// With it, sum_s split_s C_s + unreactive_carbon == sum_c f_c nC_c / M_c (carbon is conserved).
  double unreactive_carbon(const std::string& profile) const;

 private:
  struct Entry {
    std::array<bool, kPollutants> present{};
    std::array<std::vector<SpeciesSplit>, kPollutants> splits;
    double unreactive_carbon = 0;  ///< mol C per kg VOC
    std::string where;
  };
  std::map<std::string, Entry> profiles_;
};

/// Molar mass basis of an inventory gas [kg mol-1]: NOx counted as NO2 0.046006, SO2 0.064064,
/// CO 0.02801, NH3 0.017031. std::invalid_argument for VOC and PM (mass-based, no single molar mass).
double inventory_molar_mass(Pollutant p);

}  // namespace airshed::emis
