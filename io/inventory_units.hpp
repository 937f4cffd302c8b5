// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "io/units.hpp"

namespace airshed {

/// The quantities of the emission-inventory files and the unit spellings each accepts (the table of
/// docs/emission-inputs.md, "Units accepted"). Separate from io/units.hpp, whose spellings are the CF ones of
/// gridded met input; inventory tables are typed by people and use permit and AP-42 conventions.
enum class InventoryQuantity {
  length,           ///< m
  temperature,      ///< K
  speed,            ///< m s-1
  flue_gas_flow,    ///< Nm3 s-1
  emission_factor,  ///< kg per vehicle-km
  silt_loading,     ///< g m-2 (kept in the unit of AP-42 13.2.1)
  vehicle_mass,     ///< t (the unit of the AP-42 13.2.1 W)
  molar_mass,       ///< kg mol-1
  mass_ratio,       ///< kg kg-1
  longitude,        ///< degrees east
  latitude,         ///< degrees north
  traffic,          ///< vehicles per day
  hours_per_year,   ///< h per year
  days_per_year,    ///< d per year
};

/// The conversion to the unit stated for each quantity above, or nothing for a spelling not in the table.
std::optional<SiConversion> find_inventory_conversion(InventoryQuantity quantity, const std::string& unit);
/// Spellings accepted for `quantity`, for "expected one of" messages.
std::vector<std::string> inventory_units(InventoryQuantity quantity);

/// How an emission-rate unit turns into an annual total.
enum class RateBasis {
  annual,         ///< already per year
  daily,          ///< times operating days per year
  hourly,         ///< times operating hours per year
  concentration,  ///< flue-gas concentration: times flow [Nm3 h-1] and operating hours per year
};

/// value * scale is kg per year, per day, per hour, or kg Nm-3 (concentration), as `basis` says.
struct RateUnit {
  RateBasis basis = RateBasis::annual;
  double scale = 1.0;
};

std::optional<RateUnit> find_rate_unit(const std::string& unit);
/// All rate spellings, for messages.
std::string rate_units_text();

}  // namespace airshed
