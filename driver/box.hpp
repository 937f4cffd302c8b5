// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "chemistry/mechanism.hpp"
#include "chemistry/rosenbrock.hpp"
#include "core/projection.hpp"
#include "core/time.hpp"
#include "io/yaml_config.hpp"

namespace airshed {

/// One well-mixed cell: a mechanism, constant T, p and humidity, photolysis fixed or following the sun,
/// optional constant emissions. Used by `airshed box`, the chemistry verification tests and EKMA runs.
struct BoxSetup {
  chem::Mechanism mechanism;
  UtcTime start;
  double hours = 24;
  double output_interval = 600;  ///< s
  double temperature = 298.15, pressure = 101325, relative_humidity = 0.5;
  bool follow_sun = false;
  LonLat location;
  double cloud_factor = 1.0;
  std::vector<std::pair<std::string, double>> fixed_j;         ///< name, s-1 (when not following the sun)
  std::vector<std::pair<std::string, double>> initial_ppb;     ///< species, ppb
  std::vector<std::pair<std::string, double>> emission_ppb_h;  ///< species, ppb h-1
  chem::RosenbrockOptions solver;
};

/// A time series: times [s since start] and, per row, the mixing ratio [ppb] of every solved species.
struct BoxResult {
  std::vector<std::string> species;  ///< solved species, mechanism order
  std::vector<double> times;
  std::vector<std::vector<double>> ppb;  ///< [row][species]
  int solver_steps = 0, rejected = 0;
  /// Value of a species at a row (throws std::out_of_range for an unknown name).
  double at(std::size_t row, const std::string& name) const;
};

BoxSetup box_from_config(const Config& config);
BoxResult run_box(const BoxSetup& setup);
/// Write the CSV atomically: header "time_s,time_utc,<species>..." then one row per output time.
void write_box_csv(const std::string& path, const BoxSetup& setup, const BoxResult& result);

/// Water-vapour mixing ratio [kg kg-1] at relative humidity rh, T [K], p [Pa] (Bolton 1980 saturation
/// vapour pressure over water, e_s = 611.2 exp(17.67 (T - 273.15) / (T - 29.65)) Pa).
double mixing_ratio_from_rh(double rh, double temperature, double pressure);

}  // namespace airshed
