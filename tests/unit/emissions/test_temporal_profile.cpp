// SPDX-License-Identifier: Apache-2.0
// Temporal allocation: the annual total is kept to 1e-12 over every hour of a local year (whole and
// fractional UTC offsets, leap and common years, a heating season wrapping the new year), each local day
// gets its day share, the hourly and weekly shapes and the heating-season switch are reproduced, and bad
// profiles are rejected with the profile's location.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "core/error.hpp"
#include "emissions/temporal_profile.hpp"

namespace airshed::emis {
namespace {

constexpr std::int64_t kHour = 3600;

UtcTime utc(int y, int mo, int d, int h = 0) {
  return UtcTime{days_from_civil(y, mo, d) * 86400 + h * kHour};
}

/// Every feature at once: uneven months, a weekend dip, a two-peak traffic-like day and the Ordos heating
/// season 15 Oct - 15 Apr (wrapping over the new year) with 0.55 outside it.
TemporalProfile full_profile() {
  TemporalProfile p;
  p.id = "full";
  p.where = "temporal_profiles.yaml:3";
  p.monthly = {1.3, 1.25, 1.1, 0.9, 0.75, 0.7, 0.72, 0.74, 0.8, 0.95, 1.15, 1.35};
  p.weekly = {1.05, 1.02, 1.0, 1.0, 1.08, 0.85, 0.7};
  p.hourly = {0.3, 0.25, 0.2,  0.2, 0.25, 0.5, 1.0, 1.6, 1.9, 1.5, 1.2, 1.1,
              1.1, 1.1,  1.15, 1.3, 1.6,  1.9, 1.7, 1.3, 1.0, 0.8, 0.6, 0.4};
  p.heating_season = TemporalProfile::Season{10, 15, 4, 15, 1.0, 0.55};
  return p;
}

/// Sum of fraction * 3600 over the UTC hours [first, last).
double hour_sum(const TemporalAllocator& a, UtcTime first, UtcTime last) {
  double sum = 0.0;
  for (std::int64_t t = first.seconds; t < last.seconds; t += kHour)
    sum += a.annual_fraction_per_second({t}) * 3600.0;
  return sum;
}

/// The local year `year` spans UTC [local midnight 1 Jan - offset, next 1 Jan - offset).
UtcTime local_midnight(int y, int mo, int d, double offset_hours) {
  return UtcTime{utc(y, mo, d).seconds - static_cast<std::int64_t>(offset_hours * 3600)};
}

TEST(TemporalProfile, CalendarHelpers) {
  EXPECT_EQ(weekday_monday_first(1970, 1, 1), 3);  // Thursday
  EXPECT_EQ(weekday_monday_first(2000, 1, 1), 5);  // Saturday
  EXPECT_EQ(weekday_monday_first(2024, 1, 1), 0);  // Monday
  EXPECT_EQ(weekday_monday_first(2023, 12, 31), 6);
  EXPECT_EQ(days_in_year(2024), 366);
  EXPECT_EQ(days_in_year(2023), 365);
  EXPECT_EQ(days_in_year(1900), 365);
  EXPECT_EQ(days_in_year(2000), 366);
}

// Sum over every hour of the local year of fraction * 3600 == 1 (1e-12), for UTC+8 (the local year starts
// at 16:00 UTC on 31 December), UTC+0 and UTC-5, in a leap year (2024) and a common year (2023).
TEST(TemporalProfile, AnnualTotalKept) {
  for (double offset : {8.0, 0.0, -5.0}) {
    const TemporalAllocator a(full_profile(), offset);
    for (int year : {2023, 2024}) {
      SCOPED_TRACE(::testing::Message() << "offset " << offset << " year " << year);
      const double sum =
          hour_sum(a, local_midnight(year, 1, 1, offset), local_midnight(year + 1, 1, 1, offset));
      EXPECT_NEAR(sum, 1.0, 1e-12);
    }
  }
  // The normalised day weights themselves sum to the number of days.
  const TemporalAllocator a(full_profile(), 8.0);
  double days = 0.0;
  for (std::int64_t day = days_from_civil(2024, 1, 1); day < days_from_civil(2025, 1, 1); ++day) {
    const CivilTime c = to_civil(UtcTime{day * 86400});
    days += a.day_weight(c.year, c.month, c.day);
  }
  EXPECT_NEAR(days, 366.0, 1e-10);
  EXPECT_THROW(a.day_weight(2023, 2, 29), std::invalid_argument);
}

// Each local day's 24 UTC hours (UTC+8: 16:00 of the previous UTC day onwards) sum to D(d) / N.
TEST(TemporalProfile, LocalDaysGetTheirShare) {
  const TemporalAllocator a(full_profile(), 8.0);
  for (std::int64_t day = days_from_civil(2024, 1, 1); day < days_from_civil(2025, 1, 1); ++day) {
    const CivilTime c = to_civil(UtcTime{day * 86400});
    const UtcTime start = local_midnight(c.year, c.month, c.day, 8.0);
    const double share = hour_sum(a, start, UtcTime{start.seconds + 86400});
    ASSERT_NEAR(share, a.day_weight(c.year, c.month, c.day) / 366.0, 1e-15) << c.month << "-" << c.day;
  }
}

// D(d) = m w s N / S with S the year's sum of m w s, recomputed here by walking the calendar.
TEST(TemporalProfile, DayWeightsMatchTheDefinition) {
  const TemporalProfile p = full_profile();
  const TemporalAllocator a(p, 8.0);
  for (int year : {2023, 2024}) {
    auto raw = [&](std::int64_t day) {
      const CivilTime c = to_civil(UtcTime{day * 86400});
      const int md = c.month * 100 + c.day;
      const bool in = md >= 1015 || md <= 415;
      return p.monthly[c.month - 1] * p.weekly[weekday_monday_first(c.year, c.month, c.day)] *
             (in ? 1.0 : 0.55);
    };
    const std::int64_t d0 = days_from_civil(year, 1, 1), d1 = days_from_civil(year + 1, 1, 1);
    double s = 0.0;
    for (std::int64_t d = d0; d < d1; ++d) s += raw(d);
    for (std::int64_t d = d0; d < d1; ++d) {
      const CivilTime c = to_civil(UtcTime{d * 86400});
      ASSERT_NEAR(a.day_weight(year, c.month, c.day), raw(d) * (d1 - d0) / s, 1e-13);
    }
  }
}

// Ratio of two local hours of one day equals the ratio of their weights; the normalised weights average 1.
TEST(TemporalProfile, HourlyShape) {
  const TemporalProfile p = full_profile();
  const TemporalAllocator a(p, 8.0);
  // Local 2024-03-05 08:00 and 03:00 are UTC 00:00 and 2024-03-04 19:00.
  const double f8 = a.annual_fraction_per_second(utc(2024, 3, 5, 0));
  const double f3 = a.annual_fraction_per_second(utc(2024, 3, 4, 19));
  EXPECT_NEAR(f8 / f3, 1.9 / 0.2, 1e-12 * (1.9 / 0.2));
  double mean = 0.0;
  for (int k = 0; k < 24; ++k) mean += a.hour_weight(k) / 24.0;
  EXPECT_NEAR(mean, 1.0, 1e-15);
  // Value: D h / (N 86400) with h(8) = 24 * 1.9 / sum(hourly) = 24 * 1.9 / 23.95.
  EXPECT_NEAR(a.hour_weight(8), 24.0 * 1.9 / 23.95, 1e-14);
  EXPECT_NEAR(f8, a.day_weight(2024, 3, 5) * a.hour_weight(8) / (366.0 * 86400.0), 1e-12 * f8);
}

// Heating season 15 Oct - 15 Apr inclusive: same month, same weekday, in/out ratio 1 / 0.55.
TEST(TemporalProfile, HeatingSeasonSwitch) {
  const TemporalAllocator a(full_profile(), 8.0);
  // 2024-04-15 (last day in season) and 2024-04-22 are Mondays.
  EXPECT_NEAR(a.day_weight(2024, 4, 15) / a.day_weight(2024, 4, 22), 1.0 / 0.55, 1e-13);
  // 2024-10-15 (first day in season) and 2024-10-08 are Tuesdays.
  EXPECT_NEAR(a.day_weight(2024, 10, 15) / a.day_weight(2024, 10, 8), 1.0 / 0.55, 1e-13);
  // Across the new year: 1 and 8 January both in season (Mondays), equal weights.
  EXPECT_NEAR(a.day_weight(2024, 1, 1) / a.day_weight(2024, 1, 8), 1.0, 1e-14);
  // The same ratio in the hourly rates (local 12:00 of each day is 04:00 UTC).
  EXPECT_NEAR(
      a.annual_fraction_per_second(utc(2024, 4, 15, 4)) / a.annual_fraction_per_second(utc(2024, 4, 22, 4)),
      1.0 / 0.55, 1e-12);
}

// Weekly weights are Monday first and month weights are intensities per day.
TEST(TemporalProfile, WeeklyAndMonthlyWeights) {
  TemporalProfile p;
  p.where = "temporal_profiles.yaml:20";
  p.weekly = {1, 1, 1, 1, 1, 1, 0.5};  // Sunday half
  p.monthly = {2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  const TemporalAllocator a(p, 0.0);
  // 2023-01-01 is a Sunday, 2023-01-02 a Monday.
  EXPECT_NEAR(a.day_weight(2023, 1, 1) / a.day_weight(2023, 1, 2), 0.5, 1e-14);
  // 2023-01-16 and 2023-02-13 are both Mondays: ratio = monthly ratio 2.
  EXPECT_NEAR(a.day_weight(2023, 1, 16) / a.day_weight(2023, 2, 13), 2.0, 1e-14);
}

// Flat profile: 1 / (N 86400) per second in the local year (UTC+8: local 2025 starts 2024-12-31T16 UTC).
TEST(TemporalProfile, Flat) {
  const TemporalAllocator a = TemporalAllocator::flat(8.0);
  EXPECT_DOUBLE_EQ(a.annual_fraction_per_second(utc(2024, 12, 31, 15)), 1.0 / (366.0 * 86400.0));
  EXPECT_DOUBLE_EQ(a.annual_fraction_per_second(utc(2024, 12, 31, 16)), 1.0 / (365.0 * 86400.0));
  EXPECT_DOUBLE_EQ(a.utc_offset_hours(), 8.0);
}

// UTC+5.5: each UTC hour is half one local hour and half the next.
TEST(TemporalProfile, FractionalOffsetAveragesTheLocalHours) {
  const TemporalAllocator a(full_profile(), 5.5);
  // UTC 2024-03-05 02:00-03:00 = local 07:30-08:30.
  const double d = a.day_weight(2024, 3, 5) / (366.0 * 86400.0);
  const double expected = 0.5 * (a.hour_weight(7) + a.hour_weight(8)) * d;
  const double got = a.annual_fraction_per_second(utc(2024, 3, 5, 2));
  EXPECT_NEAR(got, expected, 1e-12 * expected);
  // UTC 2024-12-31 18:00-19:00 = local 23:30 on 31 Dec 2024 to 00:30 on 1 Jan 2025.
  const double late = a.day_weight(2024, 12, 31) * a.hour_weight(23) / (366.0 * 86400.0);
  const double early = a.day_weight(2025, 1, 1) * a.hour_weight(0) / (365.0 * 86400.0);
  EXPECT_NEAR(a.annual_fraction_per_second(utc(2024, 12, 31, 18)), 0.5 * (late + early), 1e-12 * late);
  // Summing UTC hours from 18:00 on 31 Dec 2023 to 18:00 on 31 Dec 2024 covers local 2024 less its last
  // half hour, plus the last half hour of local 2023.
  const double last2023 = a.day_weight(2023, 12, 31) * a.hour_weight(23) / (365.0 * 86400.0);
  const double sum = hour_sum(a, utc(2023, 12, 31, 18), utc(2024, 12, 31, 18));
  EXPECT_NEAR(sum, 1.0 + 1800.0 * (last2023 - late), 1e-12);
}

TEST(TemporalProfile, HourStartMustBeWhole) {
  const TemporalAllocator a(full_profile(), 8.0);
  EXPECT_THROW(a.annual_fraction_per_second(UtcTime{utc(2024, 1, 1).seconds + 1800}), std::invalid_argument);
  EXPECT_NO_THROW(a.annual_fraction_per_second(utc(1969, 12, 31, 23)));  // before the epoch
}

void expect_input_error(const TemporalProfile& p, const std::string& fragment) {
  try {
    TemporalAllocator a(p, 8.0);
    ADD_FAILURE() << "no error for " << fragment;
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), p.where);
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(TemporalProfile, Errors) {
  TemporalProfile p = full_profile();
  p.monthly[3] = -0.1;
  expect_input_error(p, "monthly weight 4");
  p = full_profile();
  p.weekly[6] = std::nan("");
  expect_input_error(p, "weekly weight 7");
  p = full_profile();
  p.hourly.fill(0.0);
  expect_input_error(p, "hourly weights are all zero");
  p = full_profile();
  p.monthly.fill(0.0);
  expect_input_error(p, "monthly weights are all zero");
  p = full_profile();
  p.heating_season->end_day = 31;  // 31 April
  expect_input_error(p, "end date 4-31");
  p = full_profile();
  p.heating_season = TemporalProfile::Season{};  // month 0
  expect_input_error(p, "start date 0-0");
  p = full_profile();
  p.heating_season->start_month = 13;
  expect_input_error(p, "start date 13-15");
  p = full_profile();
  p.heating_season->out_of_season = -1.0;
  expect_input_error(p, "heating season factor");
  p = full_profile();
  p.heating_season->in_season = 0.0;
  p.heating_season->out_of_season = 0.0;
  expect_input_error(p, "zero on every day");
  // 29 February is a valid season date.
  p = full_profile();
  p.heating_season->end_month = 2;
  p.heating_season->end_day = 29;
  EXPECT_NO_THROW(TemporalAllocator(p, 8.0));
  EXPECT_THROW(TemporalAllocator(full_profile(), 0.0001), std::invalid_argument);  // 0.36 s
  EXPECT_THROW(TemporalAllocator(full_profile(), 19.0), std::invalid_argument);
  EXPECT_THROW(TemporalAllocator(full_profile(), std::nan("")), std::invalid_argument);
}

}  // namespace
}  // namespace airshed::emis
