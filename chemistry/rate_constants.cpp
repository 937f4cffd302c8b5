// SPDX-License-Identifier: Apache-2.0
#include "chemistry/rate_constants.hpp"

#include <cmath>

#include "core/constants.hpp"
#include "core/error.hpp"

namespace airshed::chem {

namespace {

/// [M]^p for the small integer powers the mechanism files allow (-1, 0, 1); std::pow for anything else.
double m_power(double m, int p) {
  switch (p) {
    case 0:
      return 1.0;
    case 1:
      return m;
    case -1:
      return 1.0 / m;
    default:
      return std::pow(m, p);
  }
}

}  // namespace

double arrhenius(const ArrheniusTerm& t, double temperature, double m) {
  double k = t.A;
  if (t.B != 0.0) k *= std::pow(temperature / 300.0, t.B);
  if (t.C != 0.0) k *= std::exp(t.C / temperature);
  return k * m_power(m, t.m_power);
}

// CMAQ/JPL fall-off (CMAQ cb05e51 reaction table; JPL Publication 15-10, section 2):
// k = [k0 M / (1 + k0 M / kinf)] F^G with G = 1 / (1 + (log10(k0 M / kinf) / n)^2).
double troe(const TroeRate& t, double temperature, double m) {
  const double k0m = arrhenius(t.k0, temperature, m) * m;
  if (k0m <= 0.0) return 0.0;
  const double kinf = arrhenius(t.kinf, temperature, m);
  if (kinf <= 0.0) return 0.0;
  const double ratio = k0m / kinf;
  const double x = std::log10(ratio) / t.n;
  const double g = 1.0 / (1.0 + x * x);
  return k0m / (1.0 + ratio) * std::pow(t.F, g);
}

double rate_constant(const RateLaw& law, double temperature, double m, const double* j) {
  switch (law.kind) {
    case RateLaw::Kind::arrhenius: {
      double k = 0.0;
      for (const ArrheniusTerm& t : law.terms) k += arrhenius(t, temperature, m);
      return k;
    }
    case RateLaw::Kind::troe:
      return troe(law.troe, temperature, m);
    case RateLaw::Kind::photolysis: {
      const PhotolysisRate& p = law.photolysis;
      if (j == nullptr || p.j_index < 0)
        throw InternalError("photolysis rate '" + p.j_name + "' evaluated without its j value");
      const double factor = p.C != 0.0 ? p.scale * std::exp(p.C / temperature) : p.scale;
      return factor * j[p.j_index];
    }
  }
  throw InternalError("rate_constant: unknown rate-law kind");
}

double fixed_concentration(const MechanismSpecies& s, double pressure, double temperature, double qv) {
  const double m = air_number_density(pressure, temperature);
  switch (s.fixed) {
    case FixedKind::air:
      return m;
    case FixedKind::water: {
      // Mole fraction of water vapour in moist air from the mass mixing ratio qv (kg per kg of dry air).
      const double r = qv * constants::molar_mass_dry_air / constants::molar_mass_water;
      return m * r / (1.0 + r);
    }
    case FixedKind::mixing_ratio:
      return m * s.fixed_mixing_ratio;
    case FixedKind::none:
      break;
  }
  throw InternalError("fixed_concentration: species '" + s.name + "' is solved, not fixed");
}

}  // namespace airshed::chem
