// SPDX-License-Identifier: Apache-2.0
// UTC parsing/formatting and CF time units. Reference day counts are from Python's datetime
// ((date(y, m, d) - date(1970, 1, 1)).days), an independent proleptic Gregorian implementation.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "core/time.hpp"

namespace airshed {
namespace {

TEST(Time, DaysFromCivilKnownValues) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  EXPECT_EQ(days_from_civil(2024, 2, 29), 19782);
  EXPECT_EQ(days_from_civil(2026, 11, 28), 20785);
  EXPECT_EQ(days_from_civil(2100, 3, 1), 47541);
  EXPECT_EQ(days_from_civil(1600, 1, 1), -135140);
  EXPECT_EQ(days_from_civil(1, 1, 1), -719162);
}

TEST(Time, ToCivilInvertsDaysFromCivil) {
  for (std::int64_t day = -800; day <= 60000; day += 7) {
    const CivilTime c = to_civil(UtcTime{day * 86400 + 3723});
    EXPECT_EQ(days_from_civil(c.year, c.month, c.day), day);
    EXPECT_EQ(c.hour, 1);
    EXPECT_EQ(c.minute, 2);
    EXPECT_EQ(c.second, 3);
  }
  const CivilTime before_epoch = to_civil(UtcTime{-1});
  EXPECT_EQ(before_epoch.year, 1969);
  EXPECT_EQ(before_epoch.month, 12);
  EXPECT_EQ(before_epoch.day, 31);
  EXPECT_EQ(before_epoch.hour, 23);
  EXPECT_EQ(before_epoch.minute, 59);
  EXPECT_EQ(before_epoch.second, 59);
}

TEST(Time, ParseUtcAcceptsTheDocumentedForms) {
  const std::int64_t midnight = 20785LL * 86400;  // 2026-11-28T00:00:00Z
  EXPECT_EQ(parse_utc("2026-11-28").seconds, midnight);
  EXPECT_EQ(parse_utc("2026-11-28T00").seconds, midnight);
  EXPECT_EQ(parse_utc("2026-11-28T00:00").seconds, midnight);
  EXPECT_EQ(parse_utc("2026-11-28T00:00:00Z").seconds, midnight);
  EXPECT_EQ(parse_utc("2026-11-28T00:00:00+00:00").seconds, midnight);
  EXPECT_EQ(parse_utc("2026-11-28 06:30:00").seconds, 1795847400);  // Python datetime(..., tzinfo=utc)
  EXPECT_EQ(parse_utc("2026-11-28T06").seconds, midnight + 6 * 3600);
  EXPECT_EQ(parse_utc("2026-11-28T06:30").seconds, midnight + 6 * 3600 + 30 * 60);
  EXPECT_EQ(parse_utc("2026-11-28T23:59:59Z").seconds, midnight + 86399);
  EXPECT_EQ(parse_utc("2024-02-29T12:00:00Z").seconds, 19782LL * 86400 + 12 * 3600);
}

void expect_parse_error(const std::string& text) {
  try {
    parse_utc(text);
    ADD_FAILURE() << "'" << text << "' was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
  }
}

TEST(Time, ParseUtcRejectsMalformedText) {
  expect_parse_error("");
  expect_parse_error("yesterday");
  expect_parse_error("2026-11-28T00:00:00+08:00");  // only UTC
  expect_parse_error("2026-13-01");
  expect_parse_error("2026-02-29");  // 2026 is not a leap year
  expect_parse_error("2026-11-31");
  expect_parse_error("2026-11-28T24:00");
  expect_parse_error("2026-11-28T12:60");
  expect_parse_error("2026-11-28T");
  expect_parse_error("2026-11-28X06");
  expect_parse_error("2026-11-28T06:00:00 junk");
}

TEST(Time, FormatUtc) {
  EXPECT_EQ(format_utc(UtcTime{0}), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_utc(UtcTime{-1}), "1969-12-31T23:59:59Z");
  EXPECT_EQ(format_utc(UtcTime{1795847400}), "2026-11-28T06:30:00Z");
  for (const char* text : {"2026-11-28T06:30:00Z", "2024-02-29T23:59:59Z", "1999-12-31T00:00:01Z"})
    EXPECT_EQ(format_utc(parse_utc(text)), text);
}

TEST(Time, CfTimeUnits) {
  const CfTimeUnits h = parse_cf_time_units("hours since 2021-01-01 00:00:00");
  EXPECT_EQ(h.seconds_per_unit, 3600.0);
  EXPECT_EQ(h.reference.seconds, 1609459200);  // Python datetime(2021, 1, 1, tzinfo=utc).timestamp()
  const CfTimeUnits d = parse_cf_time_units("days since 1970-01-01");
  EXPECT_EQ(d.seconds_per_unit, 86400.0);
  EXPECT_EQ(d.reference.seconds, 0);
  const CfTimeUnits m = parse_cf_time_units("minutes since 2026-11-28T06:30:00");
  EXPECT_EQ(m.seconds_per_unit, 60.0);
  EXPECT_EQ(m.reference.seconds, 1795847400);
  const CfTimeUnits s = parse_cf_time_units("seconds since 2021-1-1 0:0:0 UTC");
  EXPECT_EQ(s.seconds_per_unit, 1.0);
  EXPECT_EQ(s.reference.seconds, 1609459200);
  EXPECT_EQ(parse_cf_time_units("hour since 2021-01-01 06:00").reference.seconds, 1609459200 + 6 * 3600);
  EXPECT_THROW(parse_cf_time_units("fortnights since 2021-01-01"), std::invalid_argument);
  EXPECT_THROW(parse_cf_time_units("hours after 2021-01-01"), std::invalid_argument);
  EXPECT_THROW(parse_cf_time_units("hours since yesterday"), std::invalid_argument);
  EXPECT_THROW(parse_cf_time_units("hours since 2021-02-30"), std::invalid_argument);
  EXPECT_THROW(parse_cf_time_units(""), std::invalid_argument);
}

TEST(Time, CfTimeUnitsWithTimeZone) {
  // 08:00 at UTC+8 is midnight UTC: the offset must move the reference, not be dropped.
  const std::int64_t midnight = 1795824000;  // 2026-11-28T00:00:00Z
  EXPECT_EQ(parse_cf_time_units("hours since 2026-11-28 08:00:00 +08:00").reference.seconds, midnight);
  EXPECT_EQ(parse_cf_time_units("hours since 2026-11-28 08:00:00+0800").reference.seconds, midnight);
  EXPECT_EQ(parse_cf_time_units("hours since 2026-11-27 19:00:00 -5").reference.seconds, midnight);
  EXPECT_EQ(parse_cf_time_units("hours since 2026-11-28 00:00:00Z").reference.seconds, midnight);
  EXPECT_EQ(parse_cf_time_units("hours since 2026-11-28T05:30:00 +05:30").reference.seconds, midnight);
  EXPECT_EQ(parse_cf_time_units("days since 2026-11-28").reference.seconds, midnight)
      << "a date alone has no time zone; its dashes are not offsets";
  EXPECT_THROW(parse_cf_time_units("hours since 2026-11-28 08:00:00 +8:0:0"), std::invalid_argument);
}

}  // namespace
}  // namespace airshed
