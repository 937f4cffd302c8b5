// SPDX-License-Identifier: Apache-2.0
#include "chemistry/photolysis.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace airshed::chem {

namespace {

// Clear-sky shortwave constants, identical to met/idealised_met.cpp (see clear_sky_shortwave()).
constexpr double solar_constant = 1361.0;        // W m-2 (Kopp & Lean 2011)
constexpr double reference_pressure = 101325.0;  // Pa, air mass 1 at sea level
constexpr double diffuse_fraction = 0.3;         // Campbell & Norman (1998) eq. 11.13
constexpr double min_cos_air_mass = 0.05;        // air mass limited to 20 near the horizon

}  // namespace

const std::vector<McmPhotolysis>& mcm_photolysis_table() {
  // MCM v3.3.1 (Saunders et al. 2003, Table 2 updated for v3.3.1): l [s-1], m, n.
  static const std::vector<McmPhotolysis> table = {
      {"NO2", 4, "NO2 -> NO + O(3P)", 1.165e-2, 0.244, 0.267},
      {"O3_O1D", 1, "O3 -> O(1D) + O2", 6.073e-5, 1.743, 0.474},
      {"O3_O3P", 2, "O3 -> O(3P) + O2", 4.775e-4, 0.298, 0.080},
      {"H2O2", 3, "H2O2 -> 2 OH", 1.041e-5, 0.723, 0.279},
      {"NO3_NO", 5, "NO3 -> NO + O2", 2.485e-2, 0.168, 0.108},
      {"NO3_NO2", 6, "NO3 -> NO2 + O(3P)", 1.747e-1, 0.155, 0.125},
      {"HONO", 7, "HONO -> OH + NO", 2.644e-3, 0.261, 0.288},
      {"HNO3", 8, "HNO3 -> OH + NO2", 9.312e-7, 1.230, 0.307},
      {"HCHO_radical", 11, "HCHO -> H + HCO", 4.642e-5, 0.762, 0.353},
      {"HCHO_molecular", 12, "HCHO -> H2 + CO", 6.853e-5, 0.477, 0.323},
      {"CH3CHO", 13, "CH3CHO -> CH3 + HCO", 7.344e-6, 1.202, 0.417},
      {"CH3OOH", 41, "CH3OOH -> CH3O + OH", 7.649e-6, 0.682, 0.279},
  };
  return table;
}

const std::vector<std::string>& photolysis_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const McmPhotolysis& p : mcm_photolysis_table()) v.emplace_back(p.name);
    return v;
  }();
  return names;
}

double mcm_clear_sky_j(const McmPhotolysis& p, double cos_zenith) {
  if (!(cos_zenith > 0.0)) return 0.0;
  return p.l * std::pow(cos_zenith, p.m) * std::exp(-p.n / cos_zenith);
}

double clear_sky_shortwave(double cos_zenith, double surface_pressure, double transmissivity) {
  if (!(cos_zenith > 0.0)) return 0.0;
  const double air_mass = (surface_pressure / reference_pressure) / std::max(cos_zenith, min_cos_air_mass);
  const double beam = std::pow(transmissivity, air_mass);
  return solar_constant * cos_zenith * (beam + diffuse_fraction * (1.0 - beam));
}

double cloud_factor(double sw_down, double sw_clear) {
  if (!(sw_clear > 0.0)) return 1.0;
  if (!(sw_down > 0.0)) return 0.0;
  return std::min(sw_down / sw_clear, 1.0);
}

Photolysis::Photolysis(const std::vector<std::string>& names) {
  const std::vector<std::string>& known = photolysis_names();
  for (const std::string& name : names) {
    const auto it = std::find(known.begin(), known.end(), name);
    if (it == known.end()) {
      std::string list;
      for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
      throw std::invalid_argument("photolysis: unknown rate '" + name + "'; known rates: " + list);
    }
    table_index_.push_back(static_cast<int>(it - known.begin()));
  }
}

void Photolysis::clear_sky(double cos_zenith, double* j) const {
  const std::vector<McmPhotolysis>& table = mcm_photolysis_table();
  for (std::size_t p = 0; p < table_index_.size(); ++p)
    j[p] = mcm_clear_sky_j(table[table_index_[p]], cos_zenith);
}

void Photolysis::rates(double cos_zenith, double cloud, double* j) const {
  const double f = std::clamp(std::isnan(cloud) ? 0.0 : cloud, 0.0, 1.0);
  clear_sky(cos_zenith, j);
  for (std::size_t p = 0; p < table_index_.size(); ++p) j[p] *= f;
}

void Photolysis::rates(int width, const double* cos_zenith, const double* cloud, double* j) const {
  const std::vector<McmPhotolysis>& table = mcm_photolysis_table();
  for (std::size_t p = 0; p < table_index_.size(); ++p) {
    const McmPhotolysis& par = table[table_index_[p]];
    double* jp = j + p * static_cast<std::size_t>(width);
    for (int c = 0; c < width; ++c) {
      const double f = std::clamp(std::isnan(cloud[c]) ? 0.0 : cloud[c], 0.0, 1.0);
      jp[c] = mcm_clear_sky_j(par, cos_zenith[c]) * f;
    }
  }
}

}  // namespace airshed::chem
