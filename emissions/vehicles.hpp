// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <map>
#include <string>

#include "emissions/inventory.hpp"

namespace airshed::emis {

/// Near-surface conditions on a road link for the hour, what the MEE 2014 corrections need.
struct RoadConditions {
  double temperature;        ///< K, near-surface air
  double relative_humidity;  ///< 0..1 (values above 1, e.g. fog, count as humid)
  double altitude;           ///< m above sea level
};

/// Multiplicative corrections of hot emission factors per pollutant for a vehicle class's fuel under the
/// given conditions. Source: MEE 2014 road-vehicle emission inventory guideline
/// (http://www.mee.gov.cn/gkml/hbb/bgth/201407/W020140708387895271474.pdf) as encoded in the `vein` R
/// package, R/ef_china.R (atmoschem/vein); summarised in the reference note
/// china-aqi-warnings-emissions.md section 3.3. HC factors act on VOC, PM factors on PM2.5 and PM10.
/// Temperature thresholds are in C on the hour's air temperature; "between" means 10 <= T <= 25 C.
///
/// gasoline (vein's non-motorcycle gasoline set; light-duty altitude set):
///   T < 10 C: CO x1.36, VOC x1.47, NOx x1.15;  T > 25 C: CO x1.23, VOC x1.08, NOx x1.31
///   NOx humidity: RH < 0.5 x1.06, RH > 0.5 x0.92 (RH = 0.5: x1)
///   additionally for T > 24 C: RH > 0.5: CO x1.04, VOC x1.01, NOx x0.87; RH < 0.5: CO x0.97, VOC x0.99,
///     NOx x1.13 (vein applies this set on top of the NOx humidity factor; so do we)
///   altitude > 1500 m: CO x1.58, VOC x2.46, NOx x3.15
/// diesel (vein's medium/heavy truck and large-bus set, used for every diesel class because VehicleClass
/// carries no size category and the Kangbashi diesel fleet is trucks and buses):
///   T > 25 C: CO x1.30, VOC x1.06, NOx x1.15, PM x0.74;  T < 10 C: NOx x1.06, PM x1.70
///   NOx humidity: RH < 0.5 x1.04, RH > 0.5 x0.94; additionally for T > 24 C: RH > 0.5 x0.88, RH < 0.5 x1.12
///   altitude > 1500 m: CO x2.46, VOC x2.05, NOx x1.02
/// cng: no correction (all 1). The guideline (and vein) give none for CNG; the gasoline cold-start factors
///   come largely from liquid-fuel enrichment and wall wetting, which a gaseous fuel does not have, so
///   borrowing them would be an unsupported extrapolation.
/// electric: every factor 0 (no exhaust; road dust is computed separately and is not affected).
/// SO2 and NH3 get 1 for every fuel (no temperature/humidity/altitude correction in the guideline).
/// Fuel names are matched case-insensitively. Throws InputError(vehicle.where, ...) for an unknown fuel and
/// std::invalid_argument for a non-finite or non-positive temperature, negative or non-finite humidity or
/// non-finite altitude.
PollutantValues vehicle_correction_factors(const VehicleClass& vehicle, const RoadConditions& conditions);

/// Exhaust emission rate of a road link [kg/s per pollutant] for a traffic flow of `vehicles_per_second`
/// over `length` metres: sum over the fleet of share * EF [kg per vehicle-km] * correction * flow *
/// length / 1000. Throws InputError(link.info.where, ...) if a fleet class is missing from `classes`,
/// std::invalid_argument for a negative or non-finite flow or length.
PollutantValues road_exhaust_rate(const RoadLink& link, const std::map<std::string, VehicleClass>& classes,
                                  double vehicles_per_second, double length,
                                  const RoadConditions& conditions);

/// Mean vehicle weight W [t] of a link's fleet: the traffic-weighted mean sum(share * mass) / sum(share),
/// as AP-42 13.2.1 requires (the mean weight of the vehicles on the road, not a mean over classes).
/// Throws InputError(link.info.where, ...) for a class missing from `classes` or a fleet whose shares add
/// to zero.
double fleet_mean_weight(const RoadLink& link, const std::map<std::string, VehicleClass>& classes);

}  // namespace airshed::emis
