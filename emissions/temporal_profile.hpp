// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <array>

#include "core/time.hpp"
#include "emissions/inventory.hpp"

namespace airshed::emis {

/// Spreads annual totals over the hours of a (local) year from relative monthly (per-day intensity),
/// weekly (Monday first) and hourly (local time) weights and an optional heating-season switch: the
/// monthly x day-of-week x diurnal factorisation of SMOKE's Temporal program (SMOKE User's Manual,
/// https://www.cmascenter.org/smoke/documentation/) also used for the MEIC/MIX inventories (Li et al. 2017,
/// Atmos. Chem. Phys. 17, 935-963). Day weights D(d) = m[month(d)] * w[weekday(d)] * s(d) are normalised over
/// the local calendar year so that sum_d D(d) = days in the year, and hourly weights so they average 1 over
/// the day; hence the annual total is kept exactly and each day's total is the day's share exactly (monthly
/// weights are intensities per day: a 31-day month with the same weight as a 30-day month gets 31/30 of its
/// mass).
///
/// Local time is UTC + utc_offset_hours (no daylight saving). With a whole-hour offset each UTC hour is one
/// local hour. With a fractional offset (India +5.5, Nepal +5.75) a UTC hour straddles two local hours and
/// its rate is the exact time average of the piecewise-constant local-time rate over that UTC hour; every
/// second of local time is then counted once, so totals over any span of UTC hours equal the integral of
/// the local profile (a local year's UTC hours sum to 1 up to the two partial hours at its ends).
class TemporalAllocator {
 public:
  /// Throws InputError(profile.where, ...) for negative or non-finite weights, an all-zero
  /// monthly/weekly/hourly set, an invalid season date, or weights that are zero on every day of some year.
  /// Throws std::invalid_argument for an offset that is not finite, beyond +-18 h or not a whole second.
  TemporalAllocator(const TemporalProfile& profile, double utc_offset_hours);

  /// The flat allocator (no profile): 1 / (days_in_year * 86400) per second in the local year.
  static TemporalAllocator flat(double utc_offset_hours);

  /// Fraction of the annual total emitted per second during the UTC hour starting at `hour_start`
  /// (which must be a whole hour, else std::invalid_argument): D(day) h(hour) / (days_in_year * 86400)
  /// with day, hour and year in local time (averaged over the two local hours for fractional offsets).
  double annual_fraction_per_second(UtcTime hour_start) const;

  /// Normalised day weight D(d) of a local calendar day (sums to the days of the year over the year).
  double day_weight(int year, int month, int day) const;
  /// Normalised hourly weight h(k) of local hour k (0..23; averages 1 over the day).
  double hour_weight(int hour) const { return hourly_[hour]; }
  double utc_offset_hours() const { return static_cast<double>(offset_seconds_) / 3600.0; }

 private:
  double raw_day_weight(int month, int day, int weekday) const;

  std::array<double, 12> monthly_{};
  std::array<double, 7> weekly_{};
  std::array<double, 24> hourly_{};  ///< normalised: mean 1
  bool has_season_ = false;
  int season_start_ = 0, season_end_ = 0;  ///< month * 100 + day
  double in_season_ = 1, out_of_season_ = 1;
  /// Sum of raw day weights over a year, by [leap][weekday of 1 January, Monday = 0]: a year's calendar is
  /// fixed by these two, so 14 sums cover every year and nothing is cached at run time.
  std::array<std::array<double, 7>, 2> year_sum_{};
  long long offset_seconds_ = 0;
};

/// Days in a (proleptic Gregorian) year: 365 or 366.
int days_in_year(int year);
/// Weekday of a civil date, Monday = 0 ... Sunday = 6.
int weekday_monday_first(int year, int month, int day);

}  // namespace airshed::emis
