// SPDX-License-Identifier: Apache-2.0
#include "emissions/dust.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/constants.hpp"
#include "core/error.hpp"

namespace airshed::emis {
namespace {

constexpr double kSecondsPerYear = 365.0 * 86400.0;  // the 365-day year emission_model uses for annual totals

void require_fraction(double v, const char* what) {
  if (!(v >= 0.0 && v <= 1.0)) throw std::invalid_argument(std::string(what) + " must lie in 0..1");
}

void require_non_negative(double v, const char* what) {
  if (!std::isfinite(v) || v < 0.0)
    throw std::invalid_argument(std::string(what) + " must be finite and >= 0");
}

}  // namespace

double paved_road_dust_factor(double silt_loading_g_m2, double mean_weight_t, Pollutant p) {
  require_non_negative(silt_loading_g_m2, "paved_road_dust_factor: silt loading");
  require_non_negative(mean_weight_t, "paved_road_dust_factor: mean vehicle weight");
  // AP-42 13.2.1 Table 13.2.1-1 particle size multipliers [g/VKT].
  double k = 0.0;
  if (p == Pollutant::PM25)
    k = 0.15;
  else if (p == Pollutant::PM10)
    k = 0.62;
  else
    return 0.0;
  const double grams_per_vkt = k * std::pow(silt_loading_g_m2, 0.91) * std::pow(mean_weight_t, 1.02);
  return grams_per_vkt / 1000.0;
}

double paved_road_wet_correction(double wet_days, double days) {
  if (!(std::isfinite(days) && days > 0.0))
    throw std::invalid_argument("paved_road_wet_correction: the number of days must be > 0");
  if (!(wet_days >= 0.0 && wet_days <= days))
    throw std::invalid_argument("paved_road_wet_correction: wet days must lie in 0..days");
  // AP-42 13.2.1 eq. 2: a wet day removes three quarters of a day's emission on average.
  return 1.0 - wet_days / (4.0 * days);
}

PollutantValues road_dust_rate(const RoadLink& link, double mean_weight_t, double vehicles_per_second,
                               double length) {
  if (!(link.dust_control_efficiency >= 0.0 && link.dust_control_efficiency <= 1.0))
    throw InputError(link.info.where,
                     "road '" + link.info.id + "': dust control efficiency must lie in 0..1");
  require_non_negative(vehicles_per_second, "road_dust_rate: traffic flow");
  require_non_negative(length, "road_dust_rate: length");
  const double vkm_per_second = vehicles_per_second * length / 1000.0;
  const double kept = 1.0 - link.dust_control_efficiency;
  PollutantValues rate;
  for (Pollutant p : {Pollutant::PM25, Pollutant::PM10})
    rate[p] = paved_road_dust_factor(link.silt_loading, mean_weight_t, p) * vkm_per_second * kept;
  return rate;
}

PollutantValues construction_dust_rate(double area_m2, const DustParameters& dust) {
  require_non_negative(area_m2, "construction_dust_rate: area");
  require_fraction(dust.active_fraction, "construction_dust_rate: active fraction");
  require_fraction(dust.control_efficiency, "construction_dust_rate: control efficiency");
  // AP-42 13.2.3: TSP per month of active earthwork; an annual mean over 12 such months.
  const double tsp = kConstructionTspPerMonth * 12.0 / kSecondsPerYear * area_m2 * dust.active_fraction *
                     (1.0 - dust.control_efficiency);
  PollutantValues rate;
  rate[Pollutant::PM10] = kConstructionPm10Share * tsp;
  rate[Pollutant::PM25] = kConstructionPm25Share * tsp;
  return rate;
}

double dry_threshold_friction_velocity(double diameter, double particle_density, double air_density) {
  if (!(diameter > 0.0 && particle_density > 0.0 && air_density > 0.0) || !std::isfinite(diameter) ||
      !std::isfinite(particle_density) || !std::isfinite(air_density))
    throw std::invalid_argument("dry_threshold_friction_velocity: diameter and densities must be > 0");
  const double g = constants::gravity;
  // MB95 eq. 4-5 (Iversen & White 1982): the cgs constant 0.006 g cm^0.5 s-2 is 6e-7 kg m^0.5 s-2 in SI.
  const double k = std::sqrt(particle_density * g * diameter / air_density) *
                   std::sqrt(1.0 + 6e-7 / (particle_density * g * std::pow(diameter, 2.5)));
  // MB95 eq. 6: friction Reynolds number B = a D^x + b with D in cm.
  const double b = 1331.0 * std::pow(100.0 * diameter, 1.56) + 0.38;
  if (b <= 10.0) return 0.129 * k / std::sqrt(1.928 * std::pow(b, 0.092) - 1.0);  // MB95 eq. 3
  return 0.120 * k * (1.0 - 0.0858 * std::exp(-0.0617 * (b - 10.0)));             // MB95 eq. 4
}

double fecan_moisture_factor(double gravimetric_moisture, double clay_fraction) {
  require_non_negative(gravimetric_moisture, "fecan_moisture_factor: soil moisture");
  require_fraction(clay_fraction, "fecan_moisture_factor: clay fraction");
  // Fecan et al. 1999 eq. 14-15, both moistures in percent; w' is the residual (adsorbed) water that does
  // not yet bind grains by capillary forces.
  const double w = 100.0 * gravimetric_moisture;
  const double w_residual = 14.0 * clay_fraction * clay_fraction + 17.0 * clay_fraction;
  if (w <= w_residual) return 1.0;
  return std::sqrt(1.0 + 1.21 * std::pow(w - w_residual, 0.68));
}

double threshold_friction_velocity(double diameter, double particle_density, double air_density,
                                   double soil_moisture, double clay_fraction) {
  return dry_threshold_friction_velocity(diameter, particle_density, air_density) *
         fecan_moisture_factor(soil_moisture, clay_fraction);
}

double sandblasting_efficiency(double clay_fraction) {
  require_fraction(clay_fraction, "sandblasting_efficiency: clay fraction");
  const double c = std::min(clay_fraction, 0.2);
  return 100.0 * std::pow(10.0, 13.4 * c - 6.0);  // MB95 eq. 47, cm-1 -> m-1
}

PollutantValues wind_blown_dust_flux(double friction_velocity, double air_density,
                                     const DustParameters& dust) {
  require_non_negative(friction_velocity, "wind_blown_dust_flux: friction velocity");
  if (!(air_density > 0.0) || !std::isfinite(air_density))
    throw std::invalid_argument("wind_blown_dust_flux: air density must be > 0");
  require_fraction(dust.erodible_fraction, "wind_blown_dust_flux: erodible fraction");
  require_fraction(dust.control_efficiency, "wind_blown_dust_flux: control efficiency");
  if (!(dust.dry_threshold >= 0.0) || !std::isfinite(dust.dry_threshold))
    throw std::invalid_argument("wind_blown_dust_flux: dry threshold friction velocity must be >= 0");
  const double ut = dust.dry_threshold > 0.0
                        ? dust.dry_threshold * fecan_moisture_factor(dust.soil_moisture, dust.clay_fraction)
                        : threshold_friction_velocity(kSaltationDiameter, kSoilParticleDensity, air_density,
                                                      dust.soil_moisture, dust.clay_fraction);
  PollutantValues flux;
  const double u = friction_velocity;
  if (u <= ut) return flux;
  const double q =
      kSaltationConstant * air_density / constants::gravity * u * (u * u - ut * ut);  // kg m-1 s-1
  const double f = sandblasting_efficiency(dust.clay_fraction) * q * dust.erodible_fraction *
                   (1.0 - dust.control_efficiency);  // kg m-2 s-1, particles up to 20 um
  flux[Pollutant::PM10] = kWindBlownPm10Share * f;
  flux[Pollutant::PM25] = kWindBlownPm25Share * f;
  return flux;
}

}  // namespace airshed::emis
