// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <array>
#include <string>
#include <vector>

/// Bulk secondary aerosol thermodynamics over a block of cells (arrays indexed by cell, or
/// [item * width + cell] for several items, cell index innermost). SI in, SI out:
///   * inorganic species (SO2, H2SO4, sulfate, NH3, NH4+, HNO3, NO3-) in mol m-3 of air,
///   * organic aerosol and condensable organic gases in kg m-3 of air,
///   * temperature in K, relative humidity and cloud fraction as fractions (0-1), times in s.
/// Formulas, parameters, sources and limits: docs/chemistry-physics.md section 2.
namespace airshed::chem {

// ---------------------------------------------------------------------------------------------------------
// Sulfate
// ---------------------------------------------------------------------------------------------------------

/// H2SO4(g) from SO2 + OH is non-volatile at atmospheric H2SO4 levels: all of it condenses onto the particles
/// within a chemistry step. sulfate[c] += h2so4[c]; h2so4[c] = 0.
void condense_sulfuric_acid(int width, double* h2so4, double* sulfate);

/// First-order rate [s-1] of SO2 -> sulfate by aqueous/heterogeneous oxidation in aerosol water and cloud,
/// the DMAT parameterisation of the SILAM model (Sofiev 2000, Atmos. Environ. 34, 2481; fmidev/silam-model
/// module chem_dep_sulphur_dmat, "simplified sulphur solubility" branch):
///   k = k0 [max(RH - 0.5, 0) + f_cloud] (T - 270 K) for T > 270 K, 0 otherwise, k0 = 1e-6 s-1 K-1.
/// At 280 K: 0.36 %/h at RH = 0.6, 1.4 %/h at RH = 0.9, 5.4 %/h in an overcast (f_cloud = 1) saturated layer.
/// Limits: empirical (tuned on European sulfate); no dependence on oxidants, pH, aerosol water or the
/// NO2/transition-metal pathways of winter haze in northern China; no aqueous oxidation below 270 K.
double so2_aqueous_oxidation_rate(double temperature, double relative_humidity, double cloud_fraction);

/// so2_aqueous_oxidation_rate() for each cell of a block.
void so2_aqueous_oxidation_rates(int width, const double* temperature, const double* relative_humidity,
                                 const double* cloud_fraction, double* rate);

/// Exact first-order conversion over dt: d = SO2 (1 - exp(-k dt)); SO2 -= d; sulfate += d (S conserved to
/// round-off).
void oxidise_so2(int width, double dt, const double* rate, double* so2, double* sulfate);

// ---------------------------------------------------------------------------------------------------------
// Ammonium sulfate / ammonium nitrate (Mozurkewich 1993, Atmos. Environ. 27A, 261)
// ---------------------------------------------------------------------------------------------------------

/// Dissociation constant of solid NH4NO3, NH4NO3(s) <-> NH3(g) + HNO3(g):
/// ln Kp = 118.87 - 24084/T - 6.025 ln T, Kp = p(NH3) p(HNO3) in nbar^2 (Mozurkewich 1993; units as given
/// by Finlayson-Pitts & Pitts 2000, "Chemistry of the Upper and Lower Atmosphere": within a few per cent
/// of ppb^2 at 1 atm).
double nh4no3_kp_solid(double temperature);

/// Deliquescence relative humidity of NH4NO3, ln(DRH %) = 723.7/T + 1.6954 (Mozurkewich 1993), as a
/// fraction: 0.618 at 298 K.
double nh4no3_deliquescence_rh(double temperature);

/// Relative humidity used for the aqueous constant is limited to this value: (1 - RH)^1.75 -> 0 at RH = 1.
inline constexpr double nh4no3_max_rh = 0.99;

/// Kp [nbar^2] at (T, RH): the solid value below the deliquescence RH; above it the aqueous-solution value
/// (Mozurkewich 1993; the form used by the EMEP model, Ammonium_ml, and by UKCA following Hauglustaine et
/// al. 2014, ACP 14, 11031):
///   Kp* = [P1 - P2 (1 - RH) + P3 (1 - RH)^2] (1 - RH)^1.75 Kp,
///   ln P1 = -135.94 + 8763/T + 19.12 ln T, ln P2 = -122.65 + 9969/T + 16.22 ln T,
///   ln P3 = -182.61 + 13875/T + 24.46 ln T,
/// with RH limited to nh4no3_max_rh.
double nh4no3_kp(double temperature, double relative_humidity);

/// The same constant as a product of molar concentrations, [NH3][HNO3] in (mol m-3)^2:
/// Kc = Kp (1e-4 Pa/nbar)^2 / (R T)^2 (partial pressure p = c R T).
double nh4no3_kc(double temperature, double relative_humidity);

/// Gas/particle split of ammonia and nitric acid over a block of cells, all concentrations in mol m-3.
/// Per cell, with TA = NH3 + NH4+ and TN = HNO3 + NO3- (both conserved):
///   1. ammonium sulfate first: NH4+ bound to sulfate = min(TA, 2 SO4--); sulfate is not changed;
///   2. the free ammonia A = TA - 2 SO4-- (when positive) forms NH4NO3 only when A TN > Kc(T, RH); then
///      the gases left, NH3 = A - x and HNO3 = TN - x, solve NH3 HNO3 = Kc with HNO3 - NH3 = TN - A = d:
///      the smaller is 2 Kc / (|d| + s), the larger (|d| + s) / 2, s = sqrt(d^2 + 4 Kc) (no cancellation);
///      otherwise NH3 = A and HNO3 = TN (no nitrate: particulate nitrate evaporates completely);
///   3. NH4+ = TA - NH3, NO3- = TN - HNO3.
/// Inputs nh3, nh4, hno3, no3 are read as the totals and overwritten with the equilibrium split.
/// Limits: bisulfate/letovicite and sulfuric-acid-rich aerosol, dissolution of HNO3 in acidic aerosol water,
/// sea salt and crustal cations are not represented (ISORROPIA would be needed).
void partition_inorganic(int width, const double* temperature, const double* relative_humidity,
                         const double* sulfate, double* nh3, double* nh4, double* hno3, double* no3);

// ---------------------------------------------------------------------------------------------------------
// Secondary organic aerosol: absorptive partitioning (Pankow 1994; Odum et al. 1996), CAMx SOAP2.2 data
// ---------------------------------------------------------------------------------------------------------

/// A condensable-gas / SOA pair of CAMx SOAP2.2 (Ramboll CAMx v7.20 Includes/soap.inc).
struct SoaPair {
  const char* name;
  double molar_mass;             ///< kg mol-1
  double c_star_ref;             ///< saturation concentration at reference_temperature, kg m-3
  double reference_temperature;  ///< K
  double enthalpy_vaporisation;  ///< J mol-1
};

/// CG1 and CG2 (anthropogenic: aromatics; more and less volatile) and CG3, CG4 (biogenic: isoprene,
/// terpenes, sesquiterpenes): C*(300 K) = 14, 0.31, 26, 0.45 ug m-3; dHvap = 116, 147, 118, 123 kJ mol-1;
/// M = 150, 150, 180, 180 g mol-1.
const std::vector<SoaPair>& soap22_pairs();

/// SOA yields of one precursor [mol condensable per mol precursor reacted], CAMx SOAP2.2.
struct SoaYields {
  const char* precursor;
  int more_volatile_pair;          ///< index into soap22_pairs()
  int less_volatile_pair;          ///< index into soap22_pairs()
  std::array<double, 3> high_nox;  ///< more volatile, less volatile, non-volatile
  std::array<double, 3> low_nox;   ///< more volatile, less volatile, non-volatile
};

/// Benzene, toluene, xylene (pairs CG1/CG2), isoprene, terpenes, sesquiterpenes (pairs CG3/CG4).
const std::vector<SoaYields>& soap22_yields();

/// C*(T) = C*(Tref) (Tref/T) exp[(dHvap/R)(1/Tref - 1/T)] [kg m-3] (CAMx aerochem_cf.f; the Tref/T factor
/// converts the vapour pressure to a mass concentration).
double saturation_concentration(const SoaPair& pair, double temperature);

/// Number of safeguarded Newton/bisection iterations partition_soa() always performs on C_OA (fixed, so the
/// work and the result depend only on the inputs).
inline constexpr int soa_iterations = 60;

/// Absorptive partitioning of n_pairs condensable-gas/SOA pairs over a block (Pankow 1994, Atmos. Environ.
/// 28, 185; Odum et al. 1996, ES&T 30, 2580):
///   C_aer,i = C_tot,i / (1 + C*_i / C_OA),  C_OA = C_abs + sum_i C_aer,i,
/// all in kg m-3; C_tot,i = gas[i * width + c] + particle[i * width + c] is conserved (particle is set from
/// the equilibrium, gas = C_tot - particle). c_star[i * width + c] is C*_i at the cell's temperature
/// (saturation_concentration), absorbing[c] the pre-existing absorbing organic mass (POA and non-volatile
/// SOA). C_OA is the unique root of f(M) = M - C_abs - sum_i C_tot,i M / (M + C*_i) in [0, C_abs + sum
/// C_tot] (f is convex, negative below the root and positive above); it is found by Newton's method from the
/// upper end, safeguarded by bisection, in a fixed soa_iterations. When C_abs = 0 and sum C_tot,i / C*_i
/// <= 1 no organic phase forms (C_OA = 0, all gas). Writes C_OA to c_oa[c] when c_oa is not null.
void partition_soa(int width, int n_pairs, const double* c_star, const double* absorbing, double* gas,
                   double* particle, double* c_oa = nullptr);

}  // namespace airshed::chem
