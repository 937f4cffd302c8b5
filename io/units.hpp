// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace airshed {

/// The physical quantities whose units are checked where files enter the engine. Inside, everything is SI;
/// unit strings exist only at this edge (cf-conventions ch03: any UDUNITS unit of the right dimension is
/// legal CF, so inputs arrive as "m s-1", "m/s", "m s**-1", "hPa", "degC", "g kg-1", ...).
enum class QuantityKind {
  speed,        ///< m s-1
  temperature,  ///< K
  pressure,     ///< Pa
  mass_ratio,   ///< kg kg-1: mixing ratio or specific humidity
  length,       ///< m: heights, projected coordinates
  energy_flux,  ///< W m-2: radiation, sensible heat flux
  diffusivity,  ///< m2 s-1: eddy diffusivity
};

/// value_si = value * scale + offset (the offset is non-zero only for Celsius temperatures).
struct SiConversion {
  double scale = 1.0;
  double offset = 0.0;
  double apply(double value) const { return value * scale + offset; }
};

/// "speed", "temperature", ... as used in messages.
std::string quantity_name(QuantityKind kind);

/// Every spelling accepted for `kind`, the SI unit first (for "expected one of ..." messages).
std::vector<std::string> accepted_units(QuantityKind kind);

/// The conversion of `units` (surrounding blanks ignored, otherwise matched exactly) to SI, or nothing when
/// the table has no such spelling for `kind`.
std::optional<SiConversion> find_si_conversion(QuantityKind kind, const std::string& units);

/// As find_si_conversion, but an unknown unit throws InputError
/// "<file>: variable '<variable>': units '<units>' are not a <quantity> (expected one of ...)".
SiConversion si_conversion(QuantityKind kind, const std::string& units, const std::string& file,
                           const std::string& variable);

/// Scale and offset alone, throwing like si_conversion.
double to_si_scale(QuantityKind kind, const std::string& units, const std::string& file,
                   const std::string& variable);
double to_si_offset(QuantityKind kind, const std::string& units, const std::string& file,
                    const std::string& variable);

}  // namespace airshed
