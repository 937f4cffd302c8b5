// SPDX-License-Identifier: Apache-2.0
#include "io/inventory_units.hpp"

#include <array>

namespace airshed {

namespace {

struct Entry {
  InventoryQuantity quantity;
  const char* unit;
  double scale;
  double offset;
};

// Unlike CF (where "C" is the coulomb), people write "C" for Celsius in a stack table, so it is accepted.
constexpr std::array kTable{
    Entry{InventoryQuantity::length, "m", 1.0, 0.0},
    Entry{InventoryQuantity::length, "km", 1000.0, 0.0},
    Entry{InventoryQuantity::length, "cm", 0.01, 0.0},
    Entry{InventoryQuantity::temperature, "K", 1.0, 0.0},
    Entry{InventoryQuantity::temperature, "degC", 1.0, 273.15},
    Entry{InventoryQuantity::temperature, "C", 1.0, 273.15},
    Entry{InventoryQuantity::speed, "m/s", 1.0, 0.0},
    Entry{InventoryQuantity::flue_gas_flow, "Nm3/s", 1.0, 0.0},
    Entry{InventoryQuantity::flue_gas_flow, "Nm3/h", 1.0 / 3600.0, 0.0},
    Entry{InventoryQuantity::emission_factor, "g/km", 1e-3, 0.0},
    Entry{InventoryQuantity::emission_factor, "mg/km", 1e-6, 0.0},
    Entry{InventoryQuantity::silt_loading, "g/m2", 1.0, 0.0},
    Entry{InventoryQuantity::vehicle_mass, "t", 1.0, 0.0},
    Entry{InventoryQuantity::vehicle_mass, "kg", 1e-3, 0.0},
    Entry{InventoryQuantity::molar_mass, "g/mol", 1e-3, 0.0},
    Entry{InventoryQuantity::molar_mass, "kg/mol", 1.0, 0.0},
    Entry{InventoryQuantity::mass_ratio, "kg/kg", 1.0, 0.0},
    Entry{InventoryQuantity::longitude, "degrees_east", 1.0, 0.0},
    Entry{InventoryQuantity::latitude, "degrees_north", 1.0, 0.0},
    Entry{InventoryQuantity::traffic, "veh/d", 1.0, 0.0},
    Entry{InventoryQuantity::hours_per_year, "h/yr", 1.0, 0.0},
    Entry{InventoryQuantity::days_per_year, "d/yr", 1.0, 0.0},
};

struct RateEntry {
  const char* unit;
  RateUnit rate;
};

constexpr std::array kRates{
    RateEntry{"t/yr", {RateBasis::annual, 1000.0}}, RateEntry{"kg/yr", {RateBasis::annual, 1.0}},
    RateEntry{"t/d", {RateBasis::daily, 1000.0}},   RateEntry{"kg/d", {RateBasis::daily, 1.0}},
    RateEntry{"kg/h", {RateBasis::hourly, 1.0}},    RateEntry{"kg/s", {RateBasis::hourly, 3600.0}},
    RateEntry{"g/s", {RateBasis::hourly, 3.6}},     RateEntry{"mg/Nm3", {RateBasis::concentration, 1e-6}},
};

}  // namespace

std::optional<SiConversion> find_inventory_conversion(InventoryQuantity quantity, const std::string& unit) {
  for (const auto& e : kTable)
    if (e.quantity == quantity && unit == e.unit) return SiConversion{e.scale, e.offset};
  return std::nullopt;
}

std::vector<std::string> inventory_units(InventoryQuantity quantity) {
  std::vector<std::string> out;
  for (const auto& e : kTable)
    if (e.quantity == quantity) out.emplace_back(e.unit);
  return out;
}

std::optional<RateUnit> find_rate_unit(const std::string& unit) {
  for (const auto& e : kRates)
    if (unit == e.unit) return e.rate;
  return std::nullopt;
}

std::string rate_units_text() {
  std::string out;
  for (const auto& e : kRates) out += (out.empty() ? "" : ", ") + std::string(e.unit);
  return out;
}

}  // namespace airshed
