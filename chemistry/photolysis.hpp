// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

/// Photolysis frequencies for the mechanisms: clear-sky j(zenith) from the MCM v3.3.1 parameterisation
/// (Saunders et al. 2003, ACP 3, 161, their eq. 2; parameters from the MCM photolysis page,
/// http://chmlin9.leeds.ac.uk/MCMv3.3.1/parameters/photolysis_param.htt, as transcribed in the public MCM
/// box models, e.g. awbirdsall/UWCMchem MCM/MCMphoto.m), times a cloud factor from the met's shortwave.
/// Formulas, parameter table and limits: docs/chemistry-physics.md section 1. Nothing here knows the grid.
namespace airshed::chem {

/// One MCM photolysis parameterisation j = l (cos chi)^m exp(-n sec chi) [s-1].
struct McmPhotolysis {
  const char* name;      ///< name used in mechanism files (e.g. "NO2", "O3_O1D")
  int mcm_index;         ///< MCM J number (J4 for NO2)
  const char* reaction;  ///< for messages and documentation
  double l, m, n;
};

/// The MCM parameterisations this module knows, in a fixed order (the order of photolysis_names()).
const std::vector<McmPhotolysis>& mcm_photolysis_table();

/// The names of mcm_photolysis_table(), in the same order: NO2, O3_O1D, O3_O3P, H2O2, NO3_NO, NO3_NO2,
/// HONO, HNO3, HCHO_radical, HCHO_molecular, CH3CHO, CH3OOH.
const std::vector<std::string>& photolysis_names();

/// j = l (cos chi)^m exp(-n / cos chi) for cos chi > 0 (sun above the horizon); 0 otherwise, i.e. for
/// chi >= 90 deg (Saunders et al. 2003 eq. 2; MCM sets j = 0 at chi >= 90 deg).
double mcm_clear_sky_j(const McmPhotolysis& p, double cos_zenith);

/// Clear-sky broadband shortwave at the ground [W m-2], the same formula as the idealised meteorology
/// (met/idealised_met.cpp, Campbell & Norman 1998 eqs. 11.11-11.13; mirrored here because chemistry does not
/// depend on met): SW = S0 cos Z [tau^m + 0.3 (1 - tau^m)], m = (p_s / 101325 Pa) / max(cos Z, 0.05),
/// S0 = 1361 W m-2, tau the clear-sky broadband transmissivity (0.75 by default, the idealised met's
/// default). 0 when cos Z <= 0. An idealised clear day therefore has cloud_factor() == 1 exactly.
double clear_sky_shortwave(double cos_zenith, double surface_pressure, double transmissivity = 0.75);

/// Cloud attenuation of photolysis: clamp(sw_down / sw_clear, 0, 1), the ratio of the met's downwelling
/// shortwave at the ground to the clear-sky shortwave at the same zenith angle (as HYSPLIT scales its
/// j(NO2) by the met's shortwave flux, and CMAQ's in-line photolysis attenuates below cloud). Returns 1 when
/// sw_clear <= 0 (night: j is zero anyway) and 0 for a negative or NaN sw_down.
double cloud_factor(double sw_down, double sw_clear);

/// The photolysis rates a mechanism asks for, by name, in the mechanism's order
/// (Mechanism::photolysis_names).
class Photolysis {
 public:
  /// Throws std::invalid_argument naming the unknown name and listing the known ones.
  explicit Photolysis(const std::vector<std::string>& names);

  int size() const { return static_cast<int>(table_index_.size()); }

  /// Clear-sky j [s-1] for each requested name, j[p] in the constructor's order; all 0 at night.
  void clear_sky(double cos_zenith, double* j) const;

  /// clear_sky(cos_zenith) times cloud_factor (clamped to [0, 1]).
  void rates(double cos_zenith, double cloud_factor, double* j) const;

  /// Over a block of `width` cells: j[p * width + c] = rates(cos_zenith[c], cloud_factor[c])[p], the layout
  /// of BlockConditions::j.
  void rates(int width, const double* cos_zenith, const double* cloud_factor, double* j) const;

 private:
  std::vector<int> table_index_;  // index into mcm_photolysis_table() of each requested name
};

}  // namespace airshed::chem
