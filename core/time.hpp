// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <string>

namespace airshed {

/// A UTC calendar instant, whole seconds since 1970-01-01T00:00:00Z (proleptic Gregorian calendar).
/// Model time inside a run is a double number of seconds since the run's start; calendar instants are
/// only used at the edges (met records, output stamps, solar position).
struct UtcTime {
  std::int64_t seconds = 0;
  auto operator<=>(const UtcTime&) const = default;
};

/// Parse "2026-11-28T00", "2026-11-28T00:00", "2026-11-28T00:00:00Z", "2026-11-28 06:30:00" or
/// "2026-11-28". A trailing "Z" or "+00:00" is accepted; other offsets are an error. Throws
/// std::invalid_argument naming the text on malformed input.
UtcTime parse_utc(const std::string& text);

/// "2026-11-28T06:00:00Z"
std::string format_utc(UtcTime t);

/// Days since 1970-01-01 of a civil date (Hinnant's days_from_civil).
std::int64_t days_from_civil(int year, int month, int day);

struct CivilTime {
  int year, month, day, hour, minute, second;
};
CivilTime to_civil(UtcTime t);

/// CF time units "<unit> since <reference>", e.g. "hours since 2021-01-01 00:00:00".
struct CfTimeUnits {
  double seconds_per_unit = 1.0;
  UtcTime reference;
};

/// Parse CF time units (seconds/minutes/hours/days since ...). Throws std::invalid_argument.
CfTimeUnits parse_cf_time_units(const std::string& units);

}  // namespace airshed
