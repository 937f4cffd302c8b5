// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "chemistry/mechanism.hpp"

/// Rate-law evaluation, one small function per law (MICM's rate_constant_functions). Units: molecules cm-3,
/// seconds, kelvin.
namespace airshed::chem {

/// Boltzmann constant in the chemists' units: 1.380649e-23 J K-1 -> number density in cm-3 = p / (k_B T) 1e-6.
inline constexpr double boltzmann = 1.380649e-23;

/// Air number density [molecules cm-3] from pressure [Pa] and temperature [K].
inline double air_number_density(double pressure, double temperature) {
  return pressure / (boltzmann * temperature) * 1e-6;
}

/// k = A (T/300)^B exp(C/T) M^m
double arrhenius(const ArrheniusTerm& t, double temperature, double m);

/// Troe fall-off, CMAQ/JPL form (see TroeRate).
double troe(const TroeRate& t, double temperature, double m);

/// The rate constant of a law for one cell: `j` holds the photolysis rates in Mechanism::photolysis_names
/// order [s-1]. Fixed reactants are NOT included here (KineticSystem folds them in).
double rate_constant(const RateLaw& law, double temperature, double m, const double* j);

/// Concentration [molecules cm-3] of a fixed species in a cell: M, H2O (from the water-vapour mass mixing
/// ratio qv [kg kg-1] via its mole fraction qv Md/Mw / (1 + qv Md/Mw)) or a constant mole fraction.
double fixed_concentration(const MechanismSpecies& s, double pressure, double temperature, double qv);

}  // namespace airshed::chem
