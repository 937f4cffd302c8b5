// SPDX-License-Identifier: Apache-2.0
#include "emissions/temporal_profile.hpp"

#include <cmath>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string>

#include "core/error.hpp"

namespace airshed::emis {

namespace {

bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

int weekday_from_days(std::int64_t days_since_epoch) {
  // 1970-01-01 was a Thursday (index 3 with Monday = 0).
  return static_cast<int>(((days_since_epoch + 3) % 7 + 7) % 7);
}

template <std::size_t N>
void check_weights(const std::array<double, N>& w, const char* what, const std::string& where) {
  for (std::size_t k = 0; k < N; ++k) {
    if (!std::isfinite(w[k]) || w[k] < 0.0) {
      throw InputError(where, std::string(what) + " weight " + std::to_string(k + 1) + " is " +
                                  std::to_string(w[k]) + " (weights must be finite and >= 0)");
    }
  }
  if (std::accumulate(w.begin(), w.end(), 0.0) <= 0.0)
    throw InputError(where, std::string(what) + " weights are all zero");
}

void check_season_date(int month, int day, const char* which, const std::string& where) {
  // 29 February is accepted (leap years use it; in other years the comparison by month*100+day still
  // orders it correctly between 28 February and 1 March).
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(2000, month)) {
    throw InputError(where, std::string("heating season ") + which + " date " + std::to_string(month) + "-" +
                                std::to_string(day) + " is not a calendar date (MM-DD)");
  }
}

}  // namespace

int days_in_year(int year) {
  return is_leap(year) ? 366 : 365;
}

int weekday_monday_first(int year, int month, int day) {
  return weekday_from_days(days_from_civil(year, month, day));
}

TemporalAllocator::TemporalAllocator(const TemporalProfile& profile, double utc_offset_hours) {
  const double offset_s = utc_offset_hours * 3600.0;
  if (!std::isfinite(utc_offset_hours) || std::abs(utc_offset_hours) > 18.0 ||
      std::abs(offset_s - std::round(offset_s)) > 1e-6) {
    throw std::invalid_argument("TemporalAllocator: UTC offset " + std::to_string(utc_offset_hours) +
                                " h is not a whole number of seconds within +-18 h");
  }
  offset_seconds_ = std::llround(offset_s);

  const std::string& where = profile.where;
  check_weights(profile.monthly, "monthly", where);
  check_weights(profile.weekly, "weekly", where);
  check_weights(profile.hourly, "hourly", where);
  monthly_ = profile.monthly;
  weekly_ = profile.weekly;
  const double hour_sum = std::accumulate(profile.hourly.begin(), profile.hourly.end(), 0.0);
  for (int k = 0; k < 24; ++k) hourly_[k] = 24.0 * profile.hourly[k] / hour_sum;

  if (profile.heating_season) {
    const TemporalProfile::Season& s = *profile.heating_season;
    check_season_date(s.start_month, s.start_day, "start", where);
    check_season_date(s.end_month, s.end_day, "end", where);
    for (double v : {s.in_season, s.out_of_season}) {
      if (!std::isfinite(v) || v < 0.0)
        throw InputError(where, "heating season factor " + std::to_string(v) + " must be finite and >= 0");
    }
    has_season_ = true;
    season_start_ = s.start_month * 100 + s.start_day;
    season_end_ = s.end_month * 100 + s.end_day;
    in_season_ = s.in_season;
    out_of_season_ = s.out_of_season;
  }

  // Year sums for each calendar type: 2000 is a leap year and 2001 a common one; the weekday of 1 January
  // is imposed directly, so the real weekday pattern of every year is one of these 14.
  for (int leap = 0; leap < 2; ++leap) {
    const int proto_year = leap ? 2000 : 2001;
    for (int jan1 = 0; jan1 < 7; ++jan1) {
      double sum = 0.0;
      int doy = 0;
      for (int m = 1; m <= 12; ++m) {
        for (int d = 1; d <= days_in_month(proto_year, m); ++d, ++doy)
          sum += raw_day_weight(m, d, (jan1 + doy) % 7);
      }
      if (!(sum > 0.0)) {
        throw InputError(where,
                         "day weights (monthly x weekly x heating season) are zero on every day of a year");
      }
      year_sum_[leap][jan1] = sum;
    }
  }
}

TemporalAllocator TemporalAllocator::flat(double utc_offset_hours) {
  TemporalProfile p;
  p.id = "flat";
  p.where = "flat temporal profile";
  return TemporalAllocator(p, utc_offset_hours);
}

double TemporalAllocator::raw_day_weight(int month, int day, int weekday) const {
  double w = monthly_[month - 1] * weekly_[weekday];
  if (has_season_) {
    const int md = month * 100 + day;
    const bool in = season_start_ <= season_end_ ? (md >= season_start_ && md <= season_end_)
                                                 : (md >= season_start_ || md <= season_end_);
    w *= in ? in_season_ : out_of_season_;
  }
  return w;
}

double TemporalAllocator::day_weight(int year, int month, int day) const {
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
    throw std::invalid_argument("TemporalAllocator::day_weight: not a calendar date");
  const double sum = year_sum_[is_leap(year)][weekday_monday_first(year, 1, 1)];
  return raw_day_weight(month, day, weekday_monday_first(year, month, day)) * days_in_year(year) / sum;
}

double TemporalAllocator::annual_fraction_per_second(UtcTime hour_start) const {
  if (floor_div(hour_start.seconds, 3600) * 3600 != hour_start.seconds) {
    throw std::invalid_argument("TemporalAllocator: " + format_utc(hour_start) + " is not a whole UTC hour");
  }
  // Rate of the local hour holding local second `l`: D(d) h(k) / (N 86400) = raw(d) h(k) / (S_year 86400),
  // N (days in the year) cancelling against the normalisation D = raw N / S_year.
  auto local_rate = [this](std::int64_t l) {
    const CivilTime c = to_civil(UtcTime{l});
    const int wd = weekday_from_days(floor_div(l, 86400));
    const double sum = year_sum_[is_leap(c.year)][weekday_monday_first(c.year, 1, 1)];
    return raw_day_weight(c.month, c.day, wd) * hourly_[c.hour] / (sum * 86400.0);
  };
  const std::int64_t l0 = hour_start.seconds + offset_seconds_;
  const std::int64_t l1 = l0 + 3600;
  const std::int64_t boundary = (floor_div(l0, 3600) + 1) * 3600;  // next local hour start after l0
  if (boundary >= l1) return local_rate(l0);
  // Fractional offset: time-weighted mean of the two local hours the UTC hour overlaps.
  return (static_cast<double>(boundary - l0) * local_rate(l0) +
          static_cast<double>(l1 - boundary) * local_rate(boundary)) /
         3600.0;
}

}  // namespace airshed::emis
