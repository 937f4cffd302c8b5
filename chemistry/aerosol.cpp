// SPDX-License-Identifier: Apache-2.0
#include "chemistry/aerosol.hpp"

#include <algorithm>
#include <cmath>

#include "core/constants.hpp"

namespace airshed::chem {

namespace {

using constants::gas_constant;

// SILAM DMAT aqueous SO2 oxidation (chem_dep_sulphur_dmat: conv_SO2_2_SO4_aqua_basic = 1e-6).
constexpr double dmat_rate_coefficient = 1.0e-6;     // s-1 K-1
constexpr double dmat_freezing_temperature = 270.0;  // K
constexpr double dmat_rh_threshold = 0.5;

constexpr double pa_per_nbar = 1.0e-4;  // 1 nbar = 1e-9 bar = 1e-4 Pa

}  // namespace

// ----------------------------------------------------------------------------------------------- sulfate

void condense_sulfuric_acid(int width, double* h2so4, double* sulfate) {
  for (int c = 0; c < width; ++c) {
    sulfate[c] += h2so4[c];
    h2so4[c] = 0.0;
  }
}

double so2_aqueous_oxidation_rate(double temperature, double relative_humidity, double cloud_fraction) {
  if (!(temperature > dmat_freezing_temperature)) return 0.0;
  const double rh = std::isnan(relative_humidity) ? 0.0 : relative_humidity;
  const double cloud = std::isnan(cloud_fraction) ? 0.0 : std::clamp(cloud_fraction, 0.0, 1.0);
  const double wetness = std::max(std::min(rh, 1.0) - dmat_rh_threshold, 0.0) + cloud;
  return dmat_rate_coefficient * wetness * (temperature - dmat_freezing_temperature);
}

void so2_aqueous_oxidation_rates(int width, const double* temperature, const double* relative_humidity,
                                 const double* cloud_fraction, double* rate) {
  for (int c = 0; c < width; ++c)
    rate[c] = so2_aqueous_oxidation_rate(temperature[c], relative_humidity[c], cloud_fraction[c]);
}

void oxidise_so2(int width, double dt, const double* rate, double* so2, double* sulfate) {
  for (int c = 0; c < width; ++c) {
    if (!(so2[c] > 0.0) || !(rate[c] > 0.0)) continue;
    const double converted = -so2[c] * std::expm1(-rate[c] * dt);
    so2[c] -= converted;
    sulfate[c] += converted;
  }
}

// -------------------------------------------------------------------------------------- ammonium nitrate

double nh4no3_kp_solid(double temperature) {
  return std::exp(118.87 - 24084.0 / temperature - 6.025 * std::log(temperature));
}

double nh4no3_deliquescence_rh(double temperature) {
  return std::exp(723.7 / temperature + 1.6954) * 1.0e-2;
}

double nh4no3_kp(double temperature, double relative_humidity) {
  const double kp = nh4no3_kp_solid(temperature);
  const double rh = std::min(relative_humidity, nh4no3_max_rh);
  if (!(rh >= nh4no3_deliquescence_rh(temperature))) return kp;
  const double log_t = std::log(temperature);
  const double p1 = std::exp(-135.94 + 8763.0 / temperature + 19.12 * log_t);
  const double p2 = std::exp(-122.65 + 9969.0 / temperature + 16.22 * log_t);
  const double p3 = std::exp(-182.61 + 13875.0 / temperature + 24.46 * log_t);
  const double dry = 1.0 - rh;
  return (p1 - p2 * dry + p3 * dry * dry) * std::pow(dry, 1.75) * kp;
}

double nh4no3_kc(double temperature, double relative_humidity) {
  const double rt = gas_constant * temperature;
  return nh4no3_kp(temperature, relative_humidity) * (pa_per_nbar * pa_per_nbar) / (rt * rt);
}

void partition_inorganic(int width, const double* temperature, const double* relative_humidity,
                         const double* sulfate, double* nh3, double* nh4, double* hno3, double* no3) {
  for (int c = 0; c < width; ++c) {
    const double total_ammonia = nh3[c] + nh4[c];
    const double total_nitrate = hno3[c] + no3[c];
    // 1. Ammonium sulfate first: 2 NH4+ per SO4--.
    const double sulfate_capacity = 2.0 * std::max(sulfate[c], 0.0);
    const double free_ammonia = std::max(total_ammonia - sulfate_capacity, 0.0);
    // 2. Ammonium nitrate where the free NH3 and total HNO3 exceed the dissociation constant. The gas-phase
    //    remainders g_a = A - x, g_n = TN - x solve g_a g_n = Kc with g_n - g_a = TN - A; the smaller one is
    //    taken as 2 Kc / (|d| + s), the larger as (|d| + s) / 2, s = sqrt(d^2 + 4 Kc), free of cancellation.
    double gas_ammonia = free_ammonia, gas_nitric = total_nitrate;
    if (free_ammonia > 0.0 && total_nitrate > 0.0) {
      const double kc = nh4no3_kc(temperature[c], relative_humidity[c]);
      if (free_ammonia * total_nitrate > kc) {
        const double d = total_nitrate - free_ammonia;
        const double sum = std::abs(d) + std::sqrt(d * d + 4.0 * kc);
        const double small = 2.0 * kc / sum, large = 0.5 * sum;
        gas_ammonia = std::min(d >= 0.0 ? small : large, free_ammonia);
        gas_nitric = std::min(d >= 0.0 ? large : small, total_nitrate);
      }
    }
    // 3. Split, each total conserved: the gas is computed first, the particle as the remainder.
    if (total_ammonia > 0.0) {
      nh3[c] = gas_ammonia;
      nh4[c] = total_ammonia - nh3[c];
    } else {
      nh3[c] = total_ammonia;
      nh4[c] = 0.0;
    }
    hno3[c] = gas_nitric;
    no3[c] = total_nitrate - hno3[c];
  }
}

// ------------------------------------------------------------------------------------------------- SOA

const std::vector<SoaPair>& soap22_pairs() {
  // CAMx v7.20 Includes/soap.inc, SOAP2.2: mwsoap, csatS_2 (ug m-3 at cstempS_2 = 300 K), deltahS_2.
  static const std::vector<SoaPair> pairs = {
      {"CG1", 0.150, 14.0e-9, 300.0, 116.0e3},
      {"CG2", 0.150, 0.31e-9, 300.0, 147.0e3},
      {"CG3", 0.180, 26.0e-9, 300.0, 118.0e3},
      {"CG4", 0.180, 0.45e-9, 300.0, 123.0e3},
  };
  return pairs;
}

const std::vector<SoaYields>& soap22_yields() {
  // CAMx v7.20 Includes/soap.inc, SOAP2.2 yh_2 (high NOx) and yl_2 (low NOx), ppm/ppm.
  static const std::vector<SoaYields> yields = {
      {"benzene", 0, 1, {0.129, 0.204, 0.0}, {0.253, 0.0870, 0.0}},
      {"toluene", 0, 1, {0.187, 0.180, 0.0185}, {0.406, 0.211, 0.109}},
      {"xylene", 0, 1, {0.0593, 0.0343, 0.0123}, {0.206, 0.216, 0.142}},
      {"isoprene", 2, 3, {0.0286, 0.00850, 0.0}, {0.0588, 0.0108, 0.00335}},
      {"terpenes", 2, 3, {0.0567, 0.034, 0.0433}, {0.1133, 0.068, 0.0433}},
      {"sesquiterpenes", 2, 3, {0.105, 0.372, 0.162}, {0.154, 0.453, 0.250}},
  };
  return yields;
}

double saturation_concentration(const SoaPair& pair, double temperature) {
  const double t_ref = pair.reference_temperature;
  return pair.c_star_ref * (t_ref / temperature) *
         std::exp(pair.enthalpy_vaporisation / gas_constant * (1.0 / t_ref - 1.0 / temperature));
}

void partition_soa(int width, int n_pairs, const double* c_star, const double* absorbing, double* gas,
                   double* particle, double* c_oa) {
  const std::size_t w = static_cast<std::size_t>(width);
  for (int c = 0; c < width; ++c) {
    const double abs_oa = std::max(absorbing[c], 0.0);
    double upper = abs_oa;
    for (int i = 0; i < n_pairs; ++i) upper += std::max(gas[i * w + c] + particle[i * w + c], 0.0);

    // f(M) = M - C_abs - sum T_i M / (M + C*_i) and f'(M); a pair with C* <= 0 is non-volatile.
    auto evaluate = [&](double m, double& f, double& df) {
      f = m - abs_oa;
      df = 1.0;
      for (int i = 0; i < n_pairs; ++i) {
        const double total = std::max(gas[i * w + c] + particle[i * w + c], 0.0);
        const double cs = c_star[i * w + c];
        if (!(cs > 0.0)) {
          f -= total;
          continue;
        }
        const double denominator = m + cs;
        f -= total * m / denominator;
        df -= total * cs / (denominator * denominator);
      }
    };

    double m = 0.0;
    if (upper > 0.0) {
      double lo = 0.0, hi = upper;
      m = upper;
      for (int it = 0; it < soa_iterations; ++it) {
        double f = 0.0, df = 0.0;
        evaluate(m, f, df);
        if (f < 0.0) {
          lo = m;
        } else {
          hi = m;
        }
        if (f == 0.0) lo = m;
        const double newton = df > 0.0 ? m - f / df : -1.0;
        m = (newton > lo && newton < hi) ? newton : 0.5 * (lo + hi);
        if (lo == hi) m = lo;
      }
    }

    for (int i = 0; i < n_pairs; ++i) {
      const std::size_t k = i * w + c;
      const double total = gas[k] + particle[k];
      const double cs = c_star[k];
      double p = 0.0;
      if (total > 0.0) p = cs > 0.0 ? total * (m / (m + cs)) : total;
      particle[k] = p;
      gas[k] = total - p;
    }
    if (c_oa != nullptr) c_oa[c] = m;
  }
}

}  // namespace airshed::chem
