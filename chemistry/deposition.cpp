// SPDX-License-Identifier: Apache-2.0
#include "chemistry/deposition.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "core/constants.hpp"

namespace airshed::chem {

namespace {

using namespace constants;

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double min_friction_velocity = 1.0e-3;  // m s-1
constexpr double max_stable_z_over_l = 1.0;       // as met/idealised_met.cpp
constexpr double prandtl_air = 0.72;
constexpr double boltzmann = 1.380649e-23;  // J K-1
// Floor on Rc and on the SO2 resistances in Wesely's eqs. 8-9 [s m-1], as WRF-Chem's dep_simple
// (rcx = max(1, rcx)); keeps HNO3 and SO2-on-water at the aerodynamic limit without dividing by zero.
constexpr double min_resistance = 1.0;

using SeasonTable = std::array<std::array<double, n_land_use>, n_seasons>;

// Wesely (1989) Table 3 with the Walmsley & Wesely (1996) corrections [s m-1]; rows are the seasons
// (midsummer, autumn, late autumn, winter, transitional spring), columns the land uses in LandUse order
// (urban, agricultural, range, deciduous, coniferous, mixed forest, water, barren, wetland, range/agric.,
// rocky shrubs). Transcribed from the public implementation spatialmodel/inmap
// vendor/github.com/ctessum/atmos/wesely1989/data.go.
constexpr SeasonTable r_i = {{
    {inf, 60, 120, 70, 130, 100, inf, inf, 80, 100, 150},
    {inf, inf, inf, inf, 250, 500, inf, inf, inf, inf, inf},
    {inf, inf, inf, inf, 250, 500, inf, inf, inf, inf, inf},
    {inf, inf, inf, inf, 400, 800, inf, inf, inf, inf, inf},
    {inf, 120, 240, 140, 250, 190, inf, inf, 160, 200, 300},
}};
constexpr SeasonTable r_lu = {{
    {inf, 2000, 2000, 2000, 2000, 2000, inf, inf, 2500, 2000, 4000},
    {inf, 9000, 9000, 9000, 4000, 8000, inf, inf, 9000, 9000, 9000},
    {inf, inf, 9000, 9000, 4000, 8000, inf, inf, 9000, 9000, 9000},
    {inf, inf, inf, inf, 6000, 9000, inf, inf, 9000, 9000, 9000},
    {inf, 4000, 4000, 4000, 2000, 3000, inf, inf, 4000, 4000, 8000},
}};
constexpr SeasonTable r_ac = {{
    {100, 200, 100, 2000, 2000, 2000, 0, 0, 300, 150, 200},
    {100, 150, 100, 1500, 2000, 1700, 0, 0, 200, 120, 140},
    {100, 10, 100, 1000, 2000, 1500, 0, 0, 100, 50, 120},
    {100, 10, 10, 1000, 2000, 1500, 0, 0, 50, 10, 50},
    {100, 50, 80, 1200, 2000, 1500, 0, 0, 200, 60, 120},
}};
constexpr SeasonTable r_gs_so2 = {{
    {400, 150, 350, 500, 500, 100, 0, 1000, 0, 220, 400},
    {400, 200, 350, 500, 500, 100, 0, 1000, 0, 300, 400},
    {400, 150, 350, 500, 500, 200, 0, 1000, 0, 200, 400},
    {100, 100, 100, 100, 100, 100, 0, 1000, 100, 100, 50},
    {500, 150, 350, 500, 500, 200, 0, 1000, 0, 250, 400},
}};
constexpr SeasonTable r_gs_o3 = {{
    {300, 150, 200, 200, 200, 300, 2000, 400, 1000, 180, 200},
    {300, 150, 200, 200, 200, 300, 2000, 400, 800, 180, 200},
    {300, 150, 200, 200, 200, 300, 2000, 400, 1000, 180, 200},
    {600, 3500, 3500, 3500, 3500, 3500, 2000, 400, 3500, 3500, 3500},
    {300, 150, 200, 200, 200, 300, 2000, 400, 1000, 180, 200},
}};
constexpr SeasonTable r_cl_so2 = {{
    {inf, 2000, 2000, 2000, 2000, 2000, inf, inf, 2500, 2000, 4000},
    {inf, 9000, 9000, 9000, 2000, 4000, inf, inf, 9000, 9000, 9000},
    {inf, inf, 9000, 9000, 3000, 6000, inf, inf, 9000, 9000, 9000},
    {inf, inf, inf, 9000, 200, 400, inf, inf, 9000, inf, 9000},
    {inf, 4000, 4000, 4000, 2000, 3000, inf, inf, 4000, 4000, 8000},
}};
constexpr SeasonTable r_cl_o3 = {{
    {inf, 1000, 1000, 1000, 1000, 1000, inf, inf, 1000, 1000, 1000},
    {inf, 400, 400, 400, 1000, 600, inf, inf, 400, 400, 400},
    {inf, 1000, 400, 400, 1000, 600, inf, inf, 800, 600, 600},
    {inf, 1000, 1000, 400, 1500, 600, inf, inf, 800, 1000, 800},
    {inf, 1000, 500, 500, 1500, 700, inf, inf, 600, 800, 800},
}};

const std::array<const char*, n_land_use> land_use_names = {
    "urban", "agricultural", "range",   "deciduous_forest",   "coniferous_forest", "mixed_forest",
    "water", "barren",       "wetland", "range_agricultural", "rocky_shrubs"};
const std::array<const char*, n_seasons> season_names = {"midsummer", "autumn", "late_autumn", "winter",
                                                         "transitional_spring"};

// Zhang et al. (2001) Table 3 parameters mapped onto the Wesely classes: alpha, gamma, and the collector
// radius A [m] with green vegetation (midsummer, autumn, transitional spring) and without (late autumn,
// winter); A = 0 marks a smooth surface (water, desert). Zhang classes: urban; crops; grass; deciduous
// broadleaf; evergreen needleleaf; mixed wood forest; water; desert; swamp; crops/mixed farming; shrubs and
// interrupted woodlands.
struct ZhangSurface {
  double alpha, gamma, a_green, a_bare;
};
constexpr std::array<ZhangSurface, n_land_use> zhang_surfaces = {{
    {1.5, 0.56, 10.0e-3, 10.0e-3},
    {1.2, 0.54, 2.0e-3, 5.0e-3},
    {1.2, 0.54, 2.0e-3, 5.0e-3},
    {0.8, 0.56, 5.0e-3, 10.0e-3},
    {1.0, 0.56, 2.0e-3, 2.0e-3},
    {0.8, 0.56, 5.0e-3, 5.0e-3},
    {100.0, 0.50, 0.0, 0.0},
    {50.0, 0.54, 0.0, 0.0},
    {2.0, 0.54, 10.0e-3, 10.0e-3},
    {1.2, 0.54, 2.0e-3, 5.0e-3},
    {1.3, 0.54, 10.0e-3, 10.0e-3},
}};

template <std::size_t N>
std::string join(const std::array<const char*, N>& names) {
  std::string s;
  for (const char* n : names) s += (s.empty() ? "" : ", ") + std::string(n);
  return s;
}

double kinematic_viscosity(double temperature, double pressure) {
  const double density = pressure / (rd_dry_air * temperature);
  return air_dynamic_viscosity(temperature) / density;
}

/// Settling velocity and Brownian diffusivity of a particle (Seinfeld & Pandis 2006 eqs. 9.6, 9.34, 9.42,
/// and the Stokes-Einstein relation 9.73).
struct ParticleMotion {
  double settling;     // m s-1
  double diffusivity;  // m2 s-1
};

ParticleMotion particle_motion(const ParticleClass& particle, double temperature, double pressure) {
  const double mu = air_dynamic_viscosity(temperature);
  const double mean_free_path =
      2.0 * mu / (pressure * std::sqrt(8.0 * molar_mass_dry_air / (pi * gas_constant * temperature)));
  const double d = particle.diameter;
  const double cunningham =
      1.0 + 2.0 * mean_free_path / d * (1.257 + 0.4 * std::exp(-1.1 * d / (2.0 * mean_free_path)));
  return {particle.density * d * d * gravity * cunningham / (18.0 * mu),
          boltzmann * temperature * cunningham / (3.0 * pi * mu * d)};
}

}  // namespace

const char* land_use_name(LandUse lu) {
  return land_use_names[static_cast<int>(lu)];
}

LandUse land_use_from_name(const std::string& name) {
  for (int i = 0; i < n_land_use; ++i)
    if (name == land_use_names[i]) return static_cast<LandUse>(i);
  throw std::invalid_argument("deposition: unknown land use '" + name + "'; known: " + join(land_use_names));
}

const char* season_name(Season s) {
  return season_names[static_cast<int>(s)];
}

Season season_from_name(const std::string& name) {
  for (int i = 0; i < n_seasons; ++i)
    if (name == season_names[i]) return static_cast<Season>(i);
  throw std::invalid_argument("deposition: unknown season '" + name + "'; known: " + join(season_names));
}

// ------------------------------------------------------------------------------------------- resistances

double psi_heat(double z_over_l) {
  if (z_over_l >= 0.0) return -5.0 * std::min(z_over_l, max_stable_z_over_l);
  return 2.0 * std::log(0.5 * (1.0 + std::sqrt(1.0 - 15.0 * z_over_l)));
}

double aerodynamic_resistance(double reference_height, double roughness_length, double friction_velocity,
                              double obukhov_length) {
  const double ustar = std::max(friction_velocity, min_friction_velocity);
  const double inverse_l =
      std::isfinite(obukhov_length) && obukhov_length != 0.0 ? 1.0 / obukhov_length : 0.0;
  const double profile = std::log(reference_height / roughness_length) -
                         psi_heat(reference_height * inverse_l) + psi_heat(roughness_length * inverse_l);
  return profile / (von_karman * ustar);
}

double air_dynamic_viscosity(double temperature) {
  return 1.458e-6 * temperature * std::sqrt(temperature) / (temperature + 110.4);
}

double water_vapour_diffusivity(double temperature, double pressure) {
  return 2.178e-5 * (101325.0 / pressure) * std::pow(temperature / 273.15, 1.81);
}

double quasi_laminar_resistance(double friction_velocity, double schmidt_number) {
  const double ustar = std::max(friction_velocity, min_friction_velocity);
  return 2.0 / (von_karman * ustar) * std::pow(schmidt_number / prandtl_air, 2.0 / 3.0);
}

// ------------------------------------------------------------------------------------------------- gases

const WeselyGas& wesely_gas(const std::string& name) {
  // Wesely (1989) Table 2: D_H2O/D_x, H* [M atm-1], f0 (as transcribed in ctessum/atmos wesely1989/data.go;
  // NO2, HNO3, H2O2, HCHO, PAN, HONO agree with the FLEXPART SPECIES files).
  static const std::array<WeselyGas, 8> gases = {{
      {"SO2", WeselyGas::Kind::so2, 1.9, 1.0e5, 0.0},
      {"O3", WeselyGas::Kind::o3, 1.6, 0.01, 1.0},
      {"NO2", WeselyGas::Kind::generic, 1.6, 0.01, 0.1},
      {"HNO3", WeselyGas::Kind::generic, 1.9, 1.0e14, 0.0},
      {"H2O2", WeselyGas::Kind::generic, 1.4, 1.0e5, 1.0},
      {"PAN", WeselyGas::Kind::generic, 2.6, 3.6, 0.1},
      {"HCHO", WeselyGas::Kind::generic, 1.3, 6.0e3, 0.0},
      {"HONO", WeselyGas::Kind::generic, 1.6, 1.0e5, 0.1},
  }};
  for (const WeselyGas& g : gases)
    if (name == g.name) return g;
  std::string list;
  for (const WeselyGas& g : gases) list += (list.empty() ? "" : ", ") + std::string(g.name);
  throw std::invalid_argument("deposition: no Wesely parameters for gas '" + name + "'; known: " + list);
}

double wesely_surface_resistance(const WeselyGas& gas, LandUse land_use, Season season, double shortwave_down,
                                 double temperature) {
  const int s = static_cast<int>(season), l = static_cast<int>(land_use);
  const double tc = temperature - 273.15;
  const double g = std::max(shortwave_down, 0.0);
  const double hstar = gas.henry_effective, f0 = gas.reactivity;

  // Stomatal resistance (eq. 3): closed outside 0-40 C.
  double r_s = inf;
  if (tc > 0.1 && tc < 39.9) {
    const double light = 200.0 / (g + 0.1);
    r_s = r_i[s][l] * (1.0 + light * light) * (400.0 / (tc * (40.0 - tc)));
  }
  const double r_m = 1.0 / (hstar / 3000.0 + 100.0 * f0);   // mesophyll, eq. 6
  const double r_smx = r_s * gas.diffusivity_ratio + r_m;   // eq. 4
  double r_lux = r_lu[s][l] / (1.0e-5 * hstar + f0);        // upper-canopy cuticles, eq. 7
  const double r_dc = 100.0 * (1.0 + 1000.0 / (g + 10.0));  // buoyant convection in canopies, eq. 5 (flat)
  double r_clx = 0.0, r_gsx = 0.0;
  switch (gas.kind) {
    case WeselyGas::Kind::so2:
      r_clx = r_cl_so2[s][l];
      r_gsx = r_gs_so2[s][l];
      break;
    case WeselyGas::Kind::o3:
      r_clx = r_cl_o3[s][l];
      r_gsx = r_gs_o3[s][l];
      break;
    case WeselyGas::Kind::generic:
      // Eqs. 8 and 9; a tabulated 0 (SO2 on water and wetland) is read as min_resistance, so that a barely
      // soluble gas (NO2, H* = 0.01) is not given an infinite conductance into water.
      r_clx = 1.0 / (hstar / (1.0e5 * std::max(r_cl_so2[s][l], min_resistance)) + f0 / r_cl_o3[s][l]);
      r_gsx = 1.0 / (hstar / (1.0e5 * std::max(r_gs_so2[s][l], min_resistance)) + f0 / r_gs_o3[s][l]);
      break;
  }
  if (tc < 0.0) {  // cold surfaces (Wesely 1989, p. 1296)
    const double cold = 1000.0 * std::exp(-tc - 4.0);
    r_lux += cold;
    r_clx += cold;
    r_gsx += cold;
  }
  const double conductance = 1.0 / r_smx + 1.0 / r_lux + 1.0 / (r_dc + r_clx) + 1.0 / (r_ac[s][l] + r_gsx);
  return std::max(1.0 / conductance, min_resistance);
}

void gas_deposition_velocity(const WeselyGas& gas, const SurfaceBlock& sf, double* velocity) {
  for (int c = 0; c < sf.width; ++c) {
    const double t = sf.temperature[c], p = sf.pressure[c], ustar = sf.friction_velocity[c];
    const double ra =
        aerodynamic_resistance(sf.reference_height[c], sf.roughness_length[c], ustar, sf.obukhov_length[c]);
    const double diffusivity = water_vapour_diffusivity(t, p) / gas.diffusivity_ratio;
    const double rb = quasi_laminar_resistance(ustar, kinematic_viscosity(t, p) / diffusivity);
    const double rc = wesely_surface_resistance(gas, sf.land_use[c], sf.season, sf.shortwave_down[c], t);
    velocity[c] = 1.0 / (ra + rb + rc);
  }
}

// --------------------------------------------------------------------------------------------- particles

double settling_velocity(const ParticleClass& particle, double temperature, double pressure) {
  return particle_motion(particle, temperature, pressure).settling;
}

void particle_deposition_velocity(const ParticleClass& particle, const SurfaceBlock& sf, double* velocity) {
  const bool green = sf.season == Season::midsummer || sf.season == Season::autumn ||
                     sf.season == Season::transitional_spring;
  const double d = particle.diameter;
  for (int c = 0; c < sf.width; ++c) {
    const double t = sf.temperature[c], p = sf.pressure[c];
    const double ustar = std::max(sf.friction_velocity[c], min_friction_velocity);
    const ZhangSurface& z = zhang_surfaces[static_cast<int>(sf.land_use[c])];
    const double collector = green ? z.a_green : z.a_bare;

    const ParticleMotion motion = particle_motion(particle, t, p);
    const double vg = motion.settling;
    const double nu = kinematic_viscosity(t, p);

    const double e_b = std::pow(nu / motion.diffusivity, -z.gamma);
    const double stokes = collector > 0.0 ? vg * ustar / (gravity * collector) : vg * ustar * ustar / nu;
    const double impaction = stokes / (z.alpha + stokes);
    const double e_im = impaction * impaction;
    const double e_in = collector > 0.0 ? 0.5 * (d / collector) * (d / collector) : 0.0;
    const double r1 = std::exp(-std::sqrt(stokes));
    const double rs = 1.0 / (3.0 * ustar * (e_b + e_im + e_in) * r1);
    const double ra =
        aerodynamic_resistance(sf.reference_height[c], sf.roughness_length[c], ustar, sf.obukhov_length[c]);
    velocity[c] = vg + 1.0 / (ra + rs);
  }
}

// ------------------------------------------------------------------------------------------- wet removal

const ScavengingCoefficients& scavenging_coefficients(const std::string& name) {
  static const std::array<ScavengingCoefficients, 5> table = {{
      {"HNO3", 5.0e-5, 0.62},          // FLEXPART options/SPECIES/SPECIES_005
      {"H2O2", 1.0e-4, 0.62},          // FLEXPART SPECIES_007
      {"NH3", 9.9e-5, 0.62},           // FLEXPART SPECIES_011
      {"SO2", 3.0e-5, 1.0},            // CALPUFF default, liquid precipitation
      {"fine_particle", 1.0e-4, 1.0},  // CALPUFF default for SO4 and NO3, liquid precipitation
  }};
  for (const ScavengingCoefficients& s : table)
    if (name == s.name) return s;
  std::string list;
  for (const ScavengingCoefficients& s : table) list += (list.empty() ? "" : ", ") + std::string(s.name);
  throw std::invalid_argument("deposition: no scavenging coefficients for '" + name + "'; known: " + list);
}

void scavenging_rates(const ScavengingCoefficients& coefficients, int width, const double* precipitation,
                      double* lambda) {
  for (int c = 0; c < width; ++c) {
    const double p = precipitation[c];
    lambda[c] = p > 0.0 ? coefficients.a * std::pow(p, coefficients.b) : 0.0;
  }
}

}  // namespace airshed::chem
