// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>

/// Dry deposition velocities and below-cloud wet scavenging coefficients over a block of cells, SI in and
/// out (m, s, K, Pa, W m-2; precipitation in mm h-1 as met models report it). The surface layer (u*, L, z0,
/// reference height) and the land use come from the caller; nothing here knows the grid.
/// Formulas, tables and sources: docs/chemistry-physics.md section 3.
namespace airshed::chem {

/// Wesely (1989) land-use categories (his Table 3 columns). Kangbashi is "urban" set in "range" (semi-arid
/// steppe); "barren" is the desert class.
enum class LandUse : int {
  urban,
  agricultural,
  range,
  deciduous_forest,
  coniferous_forest,
  mixed_forest,
  water,
  barren,
  wetland,
  range_agricultural,
  rocky_shrubs
};
inline constexpr int n_land_use = 11;

/// Wesely (1989) seasonal categories (his Table 3 rows).
enum class Season : int { midsummer, autumn, late_autumn, winter, transitional_spring };
inline constexpr int n_seasons = 5;

const char* land_use_name(LandUse lu);
/// Inverse of land_use_name(); throws std::invalid_argument listing the known names.
LandUse land_use_from_name(const std::string& name);
const char* season_name(Season s);
/// Inverse of season_name(); throws std::invalid_argument listing the known names.
Season season_from_name(const std::string& name);

/// Surface layer and surface state of a block of `width` cells.
struct SurfaceBlock {
  int width = 0;
  const double* friction_velocity = nullptr;  ///< u* [m s-1]
  const double* obukhov_length = nullptr;     ///< L [m]; +-infinity (or very large) when neutral
  const double* roughness_length = nullptr;   ///< z0 [m]
  const double* reference_height = nullptr;   ///< z_ref [m], the first model layer's mid height
  const double* temperature = nullptr;        ///< near-surface air temperature [K]
  const double* pressure = nullptr;           ///< surface pressure [Pa]
  const double* shortwave_down = nullptr;     ///< downwelling shortwave at the ground [W m-2]
  const LandUse* land_use = nullptr;          ///< dominant land use of each cell
  Season season = Season::midsummer;          ///< one season for the block
};

// ---------------------------------------------------------------------------------------------- resistances

/// Integrated stability function for heat, psi_h(z/L), consistent with met/kz_profile's phi_h (Businger-Dyer
/// as in Holtslag & Boville 1993): -5 z/L for z/L >= 0 (z/L limited to 1 as in the idealised met),
/// 2 ln[(1 + sqrt(1 - 15 z/L)) / 2] for z/L < 0 (Paulson 1970).
double psi_heat(double z_over_l);

/// Aerodynamic resistance from z0 to z_ref [s m-1] (Seinfeld & Pandis 2006 eq. 19.13; FLEXPART v9 eq. for
/// r_a): Ra = [ln(z_ref/z0) - psi_h(z_ref/L) + psi_h(z0/L)] / (kappa u*), kappa = 0.4, u* floored at
/// 1e-3 m s-1 so calm air stays finite. Neutral (|L| infinite): ln(z_ref/z0) / (kappa u*).
double aerodynamic_resistance(double reference_height, double roughness_length, double friction_velocity,
                              double obukhov_length);

/// Dynamic viscosity of air [kg m-1 s-1], Sutherland's law with the U.S. Standard Atmosphere 1976
/// constants: mu = 1.458e-6 T^1.5 / (T + 110.4).
double air_dynamic_viscosity(double temperature);

/// Molecular diffusivity of water vapour in air [m2 s-1] (Massman 1998, Atmos. Environ. 32, 1111):
/// D = 2.178e-5 (101325 / p) (T / 273.15)^1.81.
double water_vapour_diffusivity(double temperature, double pressure);

/// Quasi-laminar sublayer resistance of a gas [s m-1] (Erisman et al. 1994; FLEXPART v9 documentation):
/// Rb = 2 / (kappa u*) (Sc / Pr)^(2/3), Sc = nu / D, Pr = 0.72.
double quasi_laminar_resistance(double friction_velocity, double schmidt_number);

// ------------------------------------------------------------------------------------------------ gases

/// Wesely (1989) Table 2 properties of a depositing gas.
struct WeselyGas {
  enum class Kind { generic, so2, o3 };  ///< SO2 and O3 use their own tabulated resistances
  const char* name;
  Kind kind;
  double diffusivity_ratio;  ///< D_H2O / D_x
  double henry_effective;    ///< H* [M atm-1]
  double reactivity;         ///< f0
};

/// Known names: SO2, O3, NO2, HNO3, H2O2, PAN, HCHO, HONO. Throws std::invalid_argument listing them.
const WeselyGas& wesely_gas(const std::string& name);

/// Bulk surface resistance Rc [s m-1] of Wesely (1989) eqs. 2-9 with the corrections of Walmsley & Wesely
/// (1996), dry surfaces, flat terrain: 1/Rc = 1/(r_s D_H2O/D_x + r_m) + 1/r_lu + 1/(r_dc + r_cl) +
/// 1/(r_ac + r_gs), plus the cold-surface term 1000 exp(-T_c - 4) s m-1 on r_lu, r_cl, r_gs below 0 C.
/// Rc and the SO2 resistances entering eqs. 8-9 are floored at 1 s m-1 (as WRF-Chem's dep_simple), so a
/// tabulated 0 (SO2 on water) does not give a barely soluble gas an infinite conductance.
/// temperature in K, shortwave in W m-2.
double wesely_surface_resistance(const WeselyGas& gas, LandUse land_use, Season season, double shortwave_down,
                                 double temperature);

/// v_d = 1 / (Ra + Rb + Rc) [m s-1] of a gas for each cell of the block.
void gas_deposition_velocity(const WeselyGas& gas, const SurfaceBlock& surface, double* velocity);

// -------------------------------------------------------------------------------------------- particles

/// A monodisperse particle class (the mass median of a mode, e.g. 0.5 um for secondary PM2.5).
struct ParticleClass {
  double diameter = 0.5e-6;  ///< m
  double density = 1500.0;   ///< kg m-3
};

/// Settling velocity v_g = rho_p d^2 g Cc / (18 mu) [m s-1] with the Cunningham correction
/// Cc = 1 + (2 lambda/d)(1.257 + 0.4 exp(-1.1 d / (2 lambda))) and the mean free path
/// lambda = 2 mu / (p sqrt(8 M_air / (pi R T))) (Seinfeld & Pandis 2006 eqs. 9.6, 9.34, 9.42).
double settling_velocity(const ParticleClass& particle, double temperature, double pressure);

/// Particle dry deposition velocity of Zhang et al. (2001, Atmos. Environ. 35, 549) for each cell:
/// v_d = v_g + 1 / (Ra + Rs), Rs = 1 / (3 u* (E_B + E_IM + E_IN) R1), E_B = Sc^-gamma,
/// E_IM = (St / (alpha + St))^2, E_IN = (d / A)^2 / 2, R1 = exp(-sqrt(St)); St = v_g u* / (g A) over
/// vegetated/rough surfaces, v_g u*^2 / nu over smooth ones (water, barren). alpha, gamma, A per land use
/// from Zhang et al. (2001) Table 3.
void particle_deposition_velocity(const ParticleClass& particle, const SurfaceBlock& surface,
                                  double* velocity);

// ------------------------------------------------------------------------------------------ wet removal

/// Below-cloud scavenging coefficient Lambda = a P^b [s-1] for a precipitation rate P in mm h-1 (a is Lambda
/// at 1 mm h-1).
struct ScavengingCoefficients {
  const char* name;
  double a;  ///< s-1
  double b;
};

/// Known names: HNO3, H2O2, NH3 (FLEXPART species files, b = 0.62), SO2 and fine_particle (CALPUFF default
/// liquid-precipitation coefficients, Lambda linear in P). Throws std::invalid_argument listing them.
const ScavengingCoefficients& scavenging_coefficients(const std::string& name);

/// Lambda [s-1] for each cell; 0 where P <= 0 (or NaN).
void scavenging_rates(const ScavengingCoefficients& coefficients, int width, const double* precipitation,
                      double* lambda);

}  // namespace airshed::chem
