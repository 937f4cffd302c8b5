// SPDX-License-Identifier: Apache-2.0
#include "io/units.hpp"

#include <array>

#include "core/error.hpp"

namespace airshed {

namespace {

struct UnitEntry {
  QuantityKind kind;
  const char* units;
  double scale;
  double offset;
};

// The one table of unit spellings accepted at the edge (cf-conventions-notes 3.2). UDUNITS spellings first,
// then the forms GFS ("m/s"), ECMWF ("m s**-1") and hand-made files use. The SI unit of each kind comes
// first: accepted_units() lists in table order. "C" alone is not a temperature in UDUNITS (it is the
// coulomb), so it is deliberately absent.
constexpr std::array kTable{
    UnitEntry{QuantityKind::speed, "m s-1", 1.0, 0.0},
    UnitEntry{QuantityKind::speed, "m/s", 1.0, 0.0},
    UnitEntry{QuantityKind::speed, "m s**-1", 1.0, 0.0},
    UnitEntry{QuantityKind::speed, "m s^-1", 1.0, 0.0},
    UnitEntry{QuantityKind::speed, "m.s-1", 1.0, 0.0},
    UnitEntry{QuantityKind::speed, "cm s-1", 0.01, 0.0},
    UnitEntry{QuantityKind::speed, "cm/s", 0.01, 0.0},
    UnitEntry{QuantityKind::speed, "km/h", 1000.0 / 3600.0, 0.0},
    UnitEntry{QuantityKind::speed, "km h-1", 1000.0 / 3600.0, 0.0},
    UnitEntry{QuantityKind::speed, "km hr-1", 1000.0 / 3600.0, 0.0},

    UnitEntry{QuantityKind::temperature, "K", 1.0, 0.0},
    UnitEntry{QuantityKind::temperature, "kelvin", 1.0, 0.0},
    UnitEntry{QuantityKind::temperature, "Kelvin", 1.0, 0.0},
    UnitEntry{QuantityKind::temperature, "degK", 1.0, 0.0},
    UnitEntry{QuantityKind::temperature, "degC", 1.0, 273.15},
    UnitEntry{QuantityKind::temperature, "deg_C", 1.0, 273.15},
    UnitEntry{QuantityKind::temperature, "degree_Celsius", 1.0, 273.15},
    UnitEntry{QuantityKind::temperature, "degrees_Celsius", 1.0, 273.15},
    UnitEntry{QuantityKind::temperature, "Celsius", 1.0, 273.15},
    UnitEntry{QuantityKind::temperature, "celsius", 1.0, 273.15},

    UnitEntry{QuantityKind::pressure, "Pa", 1.0, 0.0},
    UnitEntry{QuantityKind::pressure, "pascal", 1.0, 0.0},
    UnitEntry{QuantityKind::pressure, "hPa", 100.0, 0.0},
    UnitEntry{QuantityKind::pressure, "mb", 100.0, 0.0},
    UnitEntry{QuantityKind::pressure, "mbar", 100.0, 0.0},
    UnitEntry{QuantityKind::pressure, "millibar", 100.0, 0.0},
    UnitEntry{QuantityKind::pressure, "kPa", 1000.0, 0.0},

    UnitEntry{QuantityKind::mass_ratio, "kg kg-1", 1.0, 0.0},
    UnitEntry{QuantityKind::mass_ratio, "kg/kg", 1.0, 0.0},
    UnitEntry{QuantityKind::mass_ratio, "kg kg**-1", 1.0, 0.0},
    UnitEntry{QuantityKind::mass_ratio, "kg kg^-1", 1.0, 0.0},
    UnitEntry{QuantityKind::mass_ratio, "1", 1.0, 0.0},
    UnitEntry{QuantityKind::mass_ratio, "g kg-1", 0.001, 0.0},
    UnitEntry{QuantityKind::mass_ratio, "g/kg", 0.001, 0.0},
    UnitEntry{QuantityKind::mass_ratio, "g kg**-1", 0.001, 0.0},
    UnitEntry{QuantityKind::mass_ratio, "g kg^-1", 0.001, 0.0},

    UnitEntry{QuantityKind::length, "m", 1.0, 0.0},
    UnitEntry{QuantityKind::length, "meter", 1.0, 0.0},
    UnitEntry{QuantityKind::length, "meters", 1.0, 0.0},
    UnitEntry{QuantityKind::length, "metre", 1.0, 0.0},
    UnitEntry{QuantityKind::length, "metres", 1.0, 0.0},
    UnitEntry{QuantityKind::length, "km", 1000.0, 0.0},

    UnitEntry{QuantityKind::energy_flux, "W m-2", 1.0, 0.0},
    UnitEntry{QuantityKind::energy_flux, "W/m2", 1.0, 0.0},
    UnitEntry{QuantityKind::energy_flux, "W/m^2", 1.0, 0.0},
    UnitEntry{QuantityKind::energy_flux, "W m**-2", 1.0, 0.0},
    UnitEntry{QuantityKind::energy_flux, "W m^-2", 1.0, 0.0},

    UnitEntry{QuantityKind::diffusivity, "m2 s-1", 1.0, 0.0},
    UnitEntry{QuantityKind::diffusivity, "m2/s", 1.0, 0.0},
    UnitEntry{QuantityKind::diffusivity, "m^2/s", 1.0, 0.0},
    UnitEntry{QuantityKind::diffusivity, "m^2 s^-1", 1.0, 0.0},
    UnitEntry{QuantityKind::diffusivity, "m2 s**-1", 1.0, 0.0},
    UnitEntry{QuantityKind::diffusivity, "m**2 s**-1", 1.0, 0.0},
};

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

std::string quantity_name(QuantityKind kind) {
  switch (kind) {
    case QuantityKind::speed:
      return "speed";
    case QuantityKind::temperature:
      return "temperature";
    case QuantityKind::pressure:
      return "pressure";
    case QuantityKind::mass_ratio:
      return "mass ratio";
    case QuantityKind::length:
      return "length";
    case QuantityKind::energy_flux:
      return "flux density";
    case QuantityKind::diffusivity:
      return "diffusivity";
  }
  return "quantity";
}

std::vector<std::string> accepted_units(QuantityKind kind) {
  std::vector<std::string> out;
  for (const auto& entry : kTable)
    if (entry.kind == kind) out.emplace_back(entry.units);
  return out;
}

std::optional<SiConversion> find_si_conversion(QuantityKind kind, const std::string& units) {
  const std::string key = trimmed(units);
  for (const auto& entry : kTable)
    if (entry.kind == kind && key == entry.units) return SiConversion{entry.scale, entry.offset};
  return std::nullopt;
}

SiConversion si_conversion(QuantityKind kind, const std::string& units, const std::string& file,
                           const std::string& variable) {
  if (const auto found = find_si_conversion(kind, units)) return *found;
  throw InputError(file, "variable '" + variable + "': units '" + units + "' are not a " +
                             quantity_name(kind) + " (expected one of " + joined(accepted_units(kind)) + ")");
}

double to_si_scale(QuantityKind kind, const std::string& units, const std::string& file,
                   const std::string& variable) {
  return si_conversion(kind, units, file, variable).scale;
}

double to_si_offset(QuantityKind kind, const std::string& units, const std::string& file,
                    const std::string& variable) {
  return si_conversion(kind, units, file, variable).offset;
}

}  // namespace airshed
