// SPDX-License-Identifier: Apache-2.0
#include "emissions/vehicles.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

#include "core/error.hpp"

namespace airshed::emis {
namespace {

// Thresholds of the MEE 2014 guideline as encoded in vein R/ef_china.R (reference section 3.3).
constexpr double kColdC = 10.0;                // T < 10 C: cold set
constexpr double kHotC = 25.0;                 // T > 25 C: hot set
constexpr double kHumidityHotC = 24.0;         // T > 24 C: extra humidity set
constexpr double kHumidityThreshold = 0.5;     // RH < 0.5 dry, > 0.5 humid
constexpr double kAltitudeThreshold = 1500.0;  // m above sea level

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The dry or the humid factor, depending on which side of 0.5 the humidity lies; exactly 0.5 gets 1, as in
// vein.
double humidity_choice(double rh, double dry, double humid) {
  if (rh < kHumidityThreshold) return dry;
  if (rh > kHumidityThreshold) return humid;
  return 1.0;
}

void gasoline(PollutantValues& f, double tc, double rh, double altitude) {
  if (tc < kColdC) {
    f[Pollutant::CO] *= 1.36;
    f[Pollutant::VOC] *= 1.47;
    f[Pollutant::NOx] *= 1.15;
  } else if (tc > kHotC) {
    f[Pollutant::CO] *= 1.23;
    f[Pollutant::VOC] *= 1.08;
    f[Pollutant::NOx] *= 1.31;
  }
  f[Pollutant::NOx] *= humidity_choice(rh, 1.06, 0.92);
  if (tc > kHumidityHotC) {
    f[Pollutant::CO] *= humidity_choice(rh, 0.97, 1.04);
    f[Pollutant::VOC] *= humidity_choice(rh, 0.99, 1.01);
    f[Pollutant::NOx] *= humidity_choice(rh, 1.13, 0.87);
  }
  if (altitude > kAltitudeThreshold) {  // light-duty gasoline set (cars, taxis, light trucks)
    f[Pollutant::CO] *= 1.58;
    f[Pollutant::VOC] *= 2.46;
    f[Pollutant::NOx] *= 3.15;
  }
}

void diesel(PollutantValues& f, double tc, double rh, double altitude) {
  if (tc > kHotC) {
    f[Pollutant::CO] *= 1.30;
    f[Pollutant::VOC] *= 1.06;
    f[Pollutant::NOx] *= 1.15;
    f[Pollutant::PM25] *= 0.74;
    f[Pollutant::PM10] *= 0.74;
  } else if (tc < kColdC) {
    f[Pollutant::NOx] *= 1.06;
    f[Pollutant::PM25] *= 1.70;
    f[Pollutant::PM10] *= 1.70;
  }
  f[Pollutant::NOx] *= humidity_choice(rh, 1.04, 0.94);
  if (tc > kHumidityHotC) f[Pollutant::NOx] *= humidity_choice(rh, 1.12, 0.88);
  if (altitude > kAltitudeThreshold) {  // medium/heavy diesel set
    f[Pollutant::CO] *= 2.46;
    f[Pollutant::VOC] *= 2.05;
    f[Pollutant::NOx] *= 1.02;
  }
}

}  // namespace

PollutantValues vehicle_correction_factors(const VehicleClass& vehicle, const RoadConditions& conditions) {
  if (!std::isfinite(conditions.temperature) || conditions.temperature <= 0.0)
    throw std::invalid_argument(
        "vehicle_correction_factors: temperature must be a positive number of kelvin");
  if (!std::isfinite(conditions.relative_humidity) || conditions.relative_humidity < 0.0)
    throw std::invalid_argument("vehicle_correction_factors: relative humidity must be >= 0");
  if (!std::isfinite(conditions.altitude))
    throw std::invalid_argument("vehicle_correction_factors: altitude must be finite");

  PollutantValues f;
  f.value.fill(1.0);
  const double tc = conditions.temperature - 273.15;
  const std::string fuel = lower(vehicle.fuel);
  if (fuel == "gasoline") {
    gasoline(f, tc, conditions.relative_humidity, conditions.altitude);
  } else if (fuel == "diesel") {
    diesel(f, tc, conditions.relative_humidity, conditions.altitude);
  } else if (fuel == "cng") {
    // No correction: see the header (the guideline gives none for CNG).
  } else if (fuel == "electric") {
    f.value.fill(0.0);  // no exhaust
  } else {
    throw InputError(vehicle.where, "vehicle class '" + vehicle.id + "': unknown fuel '" + vehicle.fuel +
                                        "' (expected gasoline, diesel, cng or electric)");
  }
  return f;
}

PollutantValues road_exhaust_rate(const RoadLink& link, const std::map<std::string, VehicleClass>& classes,
                                  double vehicles_per_second, double length,
                                  const RoadConditions& conditions) {
  if (!std::isfinite(vehicles_per_second) || vehicles_per_second < 0.0)
    throw std::invalid_argument("road_exhaust_rate: traffic flow must be finite and >= 0");
  if (!std::isfinite(length) || length < 0.0)
    throw std::invalid_argument("road_exhaust_rate: length must be finite and >= 0");
  PollutantValues per_vehicle_km;  // kg per vehicle-km, fleet mean, corrected
  for (const auto& [id, share] : link.fleet) {
    const auto it = classes.find(id);
    if (it == classes.end())
      throw InputError(link.info.where,
                       "road '" + link.info.id + "': vehicle class '" + id + "' of the fleet is not defined");
    const PollutantValues corr = vehicle_correction_factors(it->second, conditions);
    for (Pollutant p : kAllPollutants) per_vehicle_km[p] += share * it->second.emission_factor[p] * corr[p];
  }
  // Vehicle-km per second on the link: flow [veh/s] * length [km].
  const double vkm_per_second = vehicles_per_second * length / 1000.0;
  PollutantValues rate;
  for (Pollutant p : kAllPollutants) rate[p] = per_vehicle_km[p] * vkm_per_second;
  return rate;
}

double fleet_mean_weight(const RoadLink& link, const std::map<std::string, VehicleClass>& classes) {
  double weighted = 0.0, shares = 0.0;
  for (const auto& [id, share] : link.fleet) {
    const auto it = classes.find(id);
    if (it == classes.end())
      throw InputError(link.info.where,
                       "road '" + link.info.id + "': vehicle class '" + id + "' of the fleet is not defined");
    weighted += share * it->second.mass_tonnes;
    shares += share;
  }
  if (!(shares > 0.0))
    throw InputError(link.info.where, "road '" + link.info.id + "': the fleet shares add to zero");
  return weighted / shares;
}

}  // namespace airshed::emis
