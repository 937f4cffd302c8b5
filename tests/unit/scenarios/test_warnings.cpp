// SPDX-License-Identifier: Apache-2.0
// Heavy-pollution warnings on constructed multi-day hourly series of 24-h AQI, for both rule sets: every
// threshold exactly at and just above its boundary, 24-h windows crossing local midnight (rolling against
// calendar days), merged episodes (gap exactly the 36-h lifting time against one hour more), lifting, O3- and
// dust-driven episodes, the two rule sets disagreeing on one series, and bad input. The rules are those of
// /work/shared/reference/china-aqi-warnings-emissions.md §2.1 (2017-19 national grading, "2018") and §2.2
// (环大气〔2024〕6号, "2024"); docs/warnings.md lists them with their sources.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "scenarios/warnings.hpp"

using namespace airshed;
using namespace airshed::scenarios;

namespace {

/// 2026-01-01 00:00 in Ordos (UTC+8). Entry i of a series ends (i + 1) h after it, so entry 24 d + 23 is the
/// window of local calendar day d (it ends at local midnight).
const UtcTime kT0 = parse_utc("2025-12-31T16:00:00Z");

UtcTime at(std::int64_t entry) {
  return UtcTime{kT0.seconds + (entry + 1) * 3600};
}
/// The start of entry i's 24-h window.
UtcTime window_start(std::int64_t entry) {
  return UtcTime{at(entry).seconds - 86400};
}

/// `hours` entries of 24-h AQI `background` (no warning in either rule set), primary PM2.5.
std::vector<AqiHour> flat(std::size_t hours, double background = 100) {
  std::vector<AqiHour> s(hours);
  for (std::size_t i = 0; i < hours; ++i)
    s[i] = {at(static_cast<std::int64_t>(i)), background, {"PM2.5_24h"}};
  return s;
}

/// Sets entries [first, first + count) to `aqi` (and, when given, their primary pollutant and dust mark).
void block(std::vector<AqiHour>& s, std::size_t first, std::size_t count, double aqi,
           std::vector<std::string> primary = {"PM2.5_24h"}, bool dust = false) {
  for (std::size_t i = first; i < first + count; ++i) {
    s[i].aqi_24h = aqi;
    s[i].primary = primary;
    s[i].dust = dust;
  }
}

/// A 24-h AQI series as the trailing 24-h mean of an hourly index (hours before the first taken as
/// `before`): a stand-in for the AQI module's 24-h AQI with the shape a real series has.
std::vector<AqiHour> trailing_mean(const std::vector<double>& hourly, double before) {
  std::vector<AqiHour> s = flat(hourly.size());
  for (std::size_t i = 0; i < hourly.size(); ++i) {
    double sum = 0;
    for (std::size_t k = 0; k < 24; ++k) sum += i >= k ? hourly[i - k] : before;
    s[i].aqi_24h = sum / 24;
  }
  return s;
}

WarningOptions rules(WarningRules r, DayWindows w = DayWindows::rolling) {
  WarningOptions o;
  o.rules = r;
  o.windows = w;
  return o;
}
const WarningOptions k2018 = rules(WarningRules::mee2018);
const WarningOptions k2024 = rules(WarningRules::mee2024);

WarningLevel level(const std::vector<AqiHour>& s, const WarningOptions& o) {
  return evaluate_warnings(s, o).highest;
}

/// The problem text of the InputError `f` throws ("" when it throws none).
template <class F>
std::string input_error(F f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(Warnings, RuleSetsParseAndPrint) {
  for (const char* t : {"2018", "2017", "2019", "2018-19", "mee2018", "MEE-2018"})
    EXPECT_EQ(parse_warning_rules(t), WarningRules::mee2018) << t;
  for (const char* t : {"2024", "mee2024", "MEE-2024"})
    EXPECT_EQ(parse_warning_rules(t), WarningRules::mee2024) << t;
  EXPECT_EQ(input_error([] { parse_warning_rules("2020"); }),
            "warning rules: '2020' is not a rule set; use 2018 (2017-19 national grading) or 2024 "
            "(环大气〔2024〕6号)");
  EXPECT_EQ(to_string(WarningRules::mee2018), "2018");
  EXPECT_EQ(to_string(WarningRules::mee2024), "2024");
  EXPECT_EQ(to_string(WarningLevel::orange), "orange");
}

TEST(Warnings, MandatedReductionsAreTenTwentyThirtyPercent) {
  // reference §2.3: yellow >= 10 %, orange >= 20 %, red >= 30 % of city-wide SO2, NOx, PM and VOCs.
  EXPECT_EQ(mandated_reduction(WarningLevel::none), 0.0);
  EXPECT_EQ(mandated_reduction(WarningLevel::blue), 0.0);
  EXPECT_EQ(mandated_reduction(WarningLevel::yellow), 0.10);
  EXPECT_EQ(mandated_reduction(WarningLevel::orange), 0.20);
  EXPECT_EQ(mandated_reduction(WarningLevel::red), 0.30);
}

// ---- 2018 rules (reference §2.1) ----------------------------------------------------------------------

TEST(Warnings2018, YellowNeedsTwoDaysAbove200) {
  // 25 consecutive 24-h values above 200: the windows ending at entries 30 and 54 are two days 24 h apart.
  auto s = flat(24 * 6);
  block(s, 30, 25, 200);  // exactly 200 is not > 200
  EXPECT_EQ(level(s, k2018), WarningLevel::none);
  block(s, 30, 25, 201);
  const WarningResult r = evaluate_warnings(s, k2018);
  ASSERT_EQ(r.episodes.size(), 1u);
  const WarningEpisode& e = r.episodes[0];
  EXPECT_EQ(e.level, WarningLevel::yellow);
  EXPECT_EQ(
      e.rule,
      "2018 yellow: daily AQI > 200 for >= 2 days (48 h) [MEE 2017 grading, 环办大气函〔2018〕875号 and "
      "〔2019〕648号; reference §2.1]");
  EXPECT_EQ(e.start, window_start(30));  // the 48 h covered by the two windows
  EXPECT_EQ(e.end, at(54));
  EXPECT_EQ(e.days_above_200, 2);
  EXPECT_EQ(e.days_above_300, 0);
  ASSERT_EQ(e.days.size(), 2u);
  EXPECT_EQ(e.days[0].end, at(30));
  EXPECT_EQ(e.days[1].end, at(54));
  EXPECT_EQ(e.pollutant, "PM2.5");
  EXPECT_FALSE(e.merged());
  EXPECT_EQ(e.response, WarningResponse::emergency_reduction);
  EXPECT_EQ(e.reduction, 0.10);
  EXPECT_TRUE(e.lifted);  // the forecast runs 89 h past the end

  // 24 values above 200 hold no two windows 24 h apart: one day, blue only.
  s = flat(24 * 6);
  block(s, 30, 24, 201);
  EXPECT_EQ(level(s, k2018), WarningLevel::none);
  WarningOptions blue = k2018;
  blue.blue = true;
  EXPECT_EQ(level(s, blue), WarningLevel::blue);
  EXPECT_EQ(evaluate_warnings(s, blue).episodes[0].reduction, 0.0);  // §2.3 has no blue ratio
  EXPECT_EQ(level(s, k2024), WarningLevel::yellow);                  // one day > 200
}

TEST(Warnings2018, OrangeNeedsThreeDaysAbove200AndOneAbove300) {
  auto s = flat(24 * 7);
  block(s, 30, 49, 250);  // three days > 200 (entries 30, 54, 78), none > 300
  EXPECT_EQ(level(s, k2018), WarningLevel::yellow);
  WarningOptions variant = k2018;  // Hohhot 2019 / Xinzhou texts omit the > 300 day
  variant.orange_needs_day_above_300 = false;
  EXPECT_EQ(level(s, variant), WarningLevel::orange);

  block(s, 60, 1, 300);  // exactly 300 is not > 300
  EXPECT_EQ(level(s, k2018), WarningLevel::yellow);
  block(s, 60, 1, 300.5);
  const WarningResult r = evaluate_warnings(s, k2018);
  ASSERT_EQ(r.episodes.size(), 1u);
  EXPECT_EQ(r.episodes[0].level, WarningLevel::orange);
  EXPECT_EQ(r.episodes[0].days_above_200, 3);
  EXPECT_EQ(r.episodes[0].days_above_300, 1);
  EXPECT_EQ(r.episodes[0].peak.end, at(60));
  EXPECT_EQ(r.episodes[0].peak.aqi, 300.5);
  EXPECT_EQ(r.episodes[0].reduction, 0.20);
  EXPECT_EQ(level(s, k2024), WarningLevel::red);  // 3 days > 200 and 1 > 300

  s = flat(24 * 7);
  block(s, 30, 48, 250);  // 48 values: two days only, even with a day > 300
  block(s, 40, 1, 350);
  EXPECT_EQ(level(s, k2018), WarningLevel::yellow);
}

TEST(Warnings2018, RedNeedsFourDaysAbove200AndTwoAbove300OrAqi500) {
  auto s = flat(24 * 8);
  block(s, 30, 73, 250);                             // four days > 200: entries 30, 54, 78, 102
  block(s, 78, 25, 300);                             // windows ending at 78 and 102 are exactly 300
  EXPECT_EQ(level(s, k2018), WarningLevel::yellow);  // 4 days > 200 but none > 300
  block(s, 78, 25, 301);                             // now 2 days > 300 (48 h)
  WarningResult r = evaluate_warnings(s, k2018);
  ASSERT_EQ(r.episodes.size(), 1u);
  EXPECT_EQ(r.episodes[0].level, WarningLevel::red);
  EXPECT_EQ(r.episodes[0].days_above_200, 4);
  EXPECT_EQ(r.episodes[0].days_above_300, 2);
  EXPECT_EQ(r.episodes[0].reduction, 0.30);
  s[102].aqi_24h = 250;  // > 300 on one day only (entry 78), four days > 200: orange

  EXPECT_EQ(level(s, k2018), WarningLevel::orange);

  // "or forecast AQI reaches 500": one window at 500 is red on its own; 499.9 is nothing (no blue).
  s = flat(24 * 5);
  block(s, 50, 1, 499.9);
  EXPECT_EQ(level(s, k2018), WarningLevel::none);
  block(s, 50, 1, 500);
  r = evaluate_warnings(s, k2018);
  ASSERT_EQ(r.episodes.size(), 1u);
  EXPECT_EQ(r.episodes[0].level, WarningLevel::red);
  EXPECT_EQ(r.episodes[0].rule,
            "2018 red: daily AQI reaches 500 (>= 1 day) [MEE 2017 grading, 环办大气函〔2018〕875号 and "
            "〔2019〕648号; "
            "reference §2.1]");
  EXPECT_TRUE(r.episodes[0].reaches_500);
  ASSERT_EQ(r.episodes[0].days.size(), 1u);
  EXPECT_EQ(r.episodes[0].days[0].end, at(50));
  EXPECT_EQ(r.episodes[0].start, window_start(50));
  EXPECT_EQ(r.episodes[0].end, at(50));
  // The 2024 rules have no 500 clause: one day > 200 is yellow.
  EXPECT_EQ(level(s, k2024), WarningLevel::yellow);
}

// ---- 2024 rules (reference §2.2) ----------------------------------------------------------------------

TEST(Warnings2024, YellowIsOneDayAbove200OrTwoAbove150) {
  auto s = flat(24 * 6);
  block(s, 30, 1, 200);
  EXPECT_EQ(level(s, k2024), WarningLevel::none);
  block(s, 30, 1, 201);
  WarningResult r = evaluate_warnings(s, k2024);
  ASSERT_EQ(r.episodes.size(), 1u);
  EXPECT_EQ(r.episodes[0].level, WarningLevel::yellow);
  EXPECT_EQ(r.episodes[0].rule, "2024 yellow: daily AQI > 200 [环大气〔2024〕6号; reference §2.2]");
  EXPECT_EQ(r.episodes[0].start, window_start(30));
  EXPECT_EQ(r.episodes[0].end, at(30));

  s = flat(24 * 6);
  block(s, 30, 25, 150);
  EXPECT_EQ(level(s, k2024), WarningLevel::none);
  block(s, 30, 24, 151);  // 24 values: no two days 24 h apart
  EXPECT_EQ(level(s, k2024), WarningLevel::none);
  block(s, 30, 25, 151);
  r = evaluate_warnings(s, k2024);
  ASSERT_EQ(r.episodes.size(), 1u);
  EXPECT_EQ(r.episodes[0].level, WarningLevel::yellow);
  EXPECT_EQ(r.episodes[0].rule,
            "2024 yellow: daily AQI > 150 for >= 48 h [环大气〔2024〕6号; reference §2.2]");
  EXPECT_EQ(r.episodes[0].days_above_150, 2);
  EXPECT_EQ(r.episodes[0].start, window_start(30));
  EXPECT_EQ(r.episodes[0].end, at(54));
  // The same series under the 2018 rules: nothing (no day > 200).
  EXPECT_EQ(level(s, k2018), WarningLevel::none);
}

TEST(Warnings2024, OrangeIsTwoDaysAbove200OrThreeAbove150) {
  auto s = flat(24 * 7);
  block(s, 30, 25, 201);
  WarningResult r = evaluate_warnings(s, k2024);
  EXPECT_EQ(r.highest, WarningLevel::orange);
  EXPECT_EQ(r.episodes[0].rule,
            "2024 orange: daily AQI > 200 for >= 48 h [环大气〔2024〕6号; reference §2.2]");
  EXPECT_EQ(level(s, k2018), WarningLevel::yellow);  // the same two days are yellow in 2018

  s = flat(24 * 7);
  block(s, 30, 48, 160);
  EXPECT_EQ(level(s, k2024), WarningLevel::yellow);  // two days > 150
  block(s, 30, 49, 160);
  r = evaluate_warnings(s, k2024);
  EXPECT_EQ(r.highest, WarningLevel::orange);
  EXPECT_EQ(r.episodes[0].rule,
            "2024 orange: daily AQI > 150 for >= 72 h [环大气〔2024〕6号; reference §2.2]");
  EXPECT_EQ(r.episodes[0].days_above_150, 3);
  EXPECT_EQ(r.episodes[0].days_above_200, 0);
  EXPECT_EQ(level(s, k2018), WarningLevel::none);
}

TEST(Warnings2024, RedIsThreeDaysAbove200AndOneAbove300) {
  auto s = flat(24 * 7);
  block(s, 30, 49, 250);
  EXPECT_EQ(level(s, k2024), WarningLevel::orange);
  block(s, 78, 1, 300);
  EXPECT_EQ(level(s, k2024), WarningLevel::orange);
  block(s, 78, 1, 301);
  const WarningResult r = evaluate_warnings(s, k2024);
  EXPECT_EQ(r.highest, WarningLevel::red);
  EXPECT_EQ(
      r.episodes[0].rule,
      "2024 red: daily AQI > 200 for >= 72 h and > 300 for >= 24 h [环大气〔2024〕6号; reference §2.2]");
  EXPECT_EQ(r.episodes[0].days_above_200, 3);
  EXPECT_EQ(r.episodes[0].days_above_300, 1);
  ASSERT_EQ(r.episodes[0].days.size(), 3u);
  EXPECT_EQ(r.episodes[0].days[0].end, at(30));
  EXPECT_EQ(r.episodes[0].days[2].end, at(78));
  // 2018 on the same series: three days > 200 and one > 300 is orange, not red.
  EXPECT_EQ(level(s, k2018), WarningLevel::orange);
}

// ---- windows crossing midnight (reference §2.1: "可以跨自然日"; Yangzhou 2026: "跨自然日")
// -----------------------

TEST(Warnings, WindowAcrossLocalMidnightTriggersButCalendarDaysDoNot) {
  // Hourly index 80, except 210 for the 24 hours from local noon on 2 January to local noon on 3 January
  // (entries 36..59). Calendar days 2 and 3 January both have mean (12 x 210 + 12 x 80) / 24 = 145; the 24-h
  // window ending at local noon on 3 January has 210.
  std::vector<double> hourly(24 * 5, 80);
  for (std::size_t i = 36; i < 60; ++i) hourly[i] = 210;
  const auto s = trailing_mean(hourly, 80);
  EXPECT_EQ(s[24 + 23].aqi_24h, 145);  // 2 January, local calendar day
  EXPECT_EQ(s[48 + 23].aqi_24h, 145);  // 3 January
  EXPECT_EQ(s[59].aqi_24h, 210);       // 3 January 12:00 local

  const WarningResult rolling = evaluate_warnings(s, k2024);
  ASSERT_EQ(rolling.episodes.size(), 1u);
  EXPECT_EQ(rolling.highest, WarningLevel::yellow);
  // Windows with n hours of 210 exceed 200 for n >= 23 ((n x 210 + (24 - n) x 80) / 24 > 200): those
  // ending at entries 58, 59, 60; none exceeds 150 on two days 24 h apart.
  EXPECT_EQ(rolling.episodes[0].start, window_start(58));
  EXPECT_EQ(rolling.episodes[0].end, at(60));
  EXPECT_EQ(rolling.episodes[0].days_above_200, 1);
  EXPECT_EQ(rolling.episodes[0].days_above_150, 1);
  EXPECT_EQ(rolling.episodes[0].peak.end, at(59));
  EXPECT_EQ(rolling.episodes[0].peak.aqi, 210);

  const WarningResult calendar = evaluate_warnings(s, rules(WarningRules::mee2024, DayWindows::calendar));
  EXPECT_EQ(calendar.highest, WarningLevel::none);
  EXPECT_TRUE(calendar.episodes.empty());
  EXPECT_EQ(calendar.why,
            "no warning (2024 rules [环大气〔2024〕6号; reference §2.2]): no local calendar day has AQI > "
            "200 and no "
            "two in a row > 150; highest 24-h AQI 145 ending 2026-01-03T00:00+08:00 (PM2.5)");

  // Calendar days with local midnight at 04:00 UTC (UTC-4) end at entries 11, 35, 59, 83: 59 is a day.
  WarningOptions minus4 = rules(WarningRules::mee2024, DayWindows::calendar);
  minus4.utc_offset_hours = -4;
  const WarningResult shifted = evaluate_warnings(s, minus4);
  EXPECT_EQ(shifted.highest, WarningLevel::yellow);
  ASSERT_EQ(shifted.episodes[0].days.size(), 1u);
  EXPECT_EQ(shifted.episodes[0].days[0].end, at(59));

  // 2018 with blue: the same difference.
  WarningOptions blue = k2018;
  blue.blue = true;
  EXPECT_EQ(level(s, blue), WarningLevel::blue);
  blue.windows = DayWindows::calendar;
  EXPECT_EQ(level(s, blue), WarningLevel::none);
}

TEST(Warnings, TwoDaysAcrossMidnightsAreYellowIn2018OnlyWhenRolling) {
  // Hourly 300 for 48 h from local noon on 2 January to local noon on 4 January (entries 36..83), 100
  // otherwise. Calendar days: 2 Jan 200 (12 h of 300), 3 Jan 300, 4 Jan 200: one day > 200.
  // Rolling: the windows ending at noon on 3 and 4 January are 300 and 300: two days > 200.
  std::vector<double> hourly(24 * 6, 100);
  for (std::size_t i = 36; i < 84; ++i) hourly[i] = 300;
  const auto s = trailing_mean(hourly, 100);
  EXPECT_EQ(s[47].aqi_24h, 200);
  EXPECT_EQ(s[71].aqi_24h, 300);
  EXPECT_EQ(s[95].aqi_24h, 200);

  const WarningResult y18 = evaluate_warnings(s, k2018);
  ASSERT_EQ(y18.episodes.size(), 1u);
  EXPECT_EQ(y18.highest, WarningLevel::yellow);
  // Windows > 200 hold n >= 13 hours of 300: entries 48..94; those with a partner 24 h away qualify: 48..70
  // and 72..94, one span.
  EXPECT_EQ(y18.episodes[0].start, window_start(48));
  EXPECT_EQ(y18.episodes[0].end, at(94));
  EXPECT_EQ(y18.episodes[0].days_above_200, 2);
  EXPECT_EQ(y18.episodes[0].days_above_300, 0);  // 300 is not > 300
  EXPECT_EQ(level(s, rules(WarningRules::mee2018, DayWindows::calendar)), WarningLevel::none);

  // 2024: orange either way, for different clauses.
  EXPECT_EQ(evaluate_warnings(s, k2024).episodes[0].rule,
            "2024 orange: daily AQI > 200 for >= 48 h [环大气〔2024〕6号; reference §2.2]");
  EXPECT_EQ(evaluate_warnings(s, rules(WarningRules::mee2024, DayWindows::calendar)).episodes[0].rule,
            "2024 orange: daily AQI > 150 for >= 72 h [环大气〔2024〕6号; reference §2.2]");
}

// ---- merging and lifting (reference §2.1) -------------------------------------------------------------

TEST(Warnings, EpisodesAtMost36HoursApartAreOneAndTheirDaysAddUp) {
  // Two 2018-yellow episodes (two days > 200 each, one of them > 300). Episode 1: windows ending at entries
  // 30..54, span window_start(30)..at(54). Episode 2 starts `gap` hours after at(54).
  auto two = [](int gap) {
    auto s = flat(24 * 12);
    block(s, 30, 25, 250);
    block(s, 40, 1, 320);
    const std::size_t c = 54 + 24 + gap;  // first window of episode 2: it starts gap h after at(54)
    block(s, c, 25, 250);
    block(s, c + 5, 1, 320);
    return s;
  };
  // Gap of exactly 36 h: not lifted in between (lifting needs more than 36 h), so one episode; counted as one
  // ("按一次重污染过程统计，从严启动预警"): 4 days > 200 and 2 > 300, which is red.
  WarningResult r = evaluate_warnings(two(36), k2018);
  ASSERT_EQ(r.episodes.size(), 1u);
  const WarningEpisode& e = r.episodes[0];
  EXPECT_EQ(e.level, WarningLevel::red);
  EXPECT_TRUE(e.merged());
  EXPECT_EQ(e.merged_from, 2);
  EXPECT_EQ(e.days_above_200, 4);
  EXPECT_EQ(e.days_above_300, 2);
  ASSERT_EQ(e.parts.size(), 2u);
  EXPECT_EQ(e.parts[0].first, window_start(30));
  EXPECT_EQ(e.parts[0].second, at(54));
  EXPECT_EQ(e.parts[1].first.seconds - e.parts[0].second.seconds, 36 * 3600);
  EXPECT_EQ(e.start, window_start(30));
  EXPECT_EQ(e.end, at(54 + 24 + 36 + 24));
  ASSERT_EQ(e.days.size(), 4u);  // the chains of both parts
  EXPECT_EQ(e.days[1].end, at(54));
  EXPECT_EQ(e.days[2].end, at(54 + 24 + 36));

  // 37 h: the first warning is lifted; two yellow episodes.
  r = evaluate_warnings(two(37), k2018);
  ASSERT_EQ(r.episodes.size(), 2u);
  EXPECT_EQ(r.highest, WarningLevel::yellow);
  EXPECT_EQ(r.episodes[0].level, WarningLevel::yellow);
  EXPECT_EQ(r.episodes[1].level, WarningLevel::yellow);
  EXPECT_FALSE(r.episodes[0].merged());
  EXPECT_TRUE(r.episodes[0].lifted);

  // A lifting time of 48 h (a stricter local plan) merges the 37-h gap again.
  WarningOptions longer = k2018;
  longer.lift_hours = 48;
  EXPECT_EQ(level(two(37), longer), WarningLevel::red);
}

TEST(Warnings, MergedSingleDaysAreOrangeIn2024) {
  // Two single days > 200 (each yellow alone); 30 h apart they are one episode with two days > 200: orange.
  auto s = flat(24 * 8);
  block(s, 30, 1, 230);
  block(s, 30 + 24 + 30, 1, 210);
  WarningResult r = evaluate_warnings(s, k2024);
  ASSERT_EQ(r.episodes.size(), 1u);
  EXPECT_EQ(r.episodes[0].level, WarningLevel::orange);
  EXPECT_EQ(r.episodes[0].merged_from, 2);
  EXPECT_EQ(r.episodes[0].days_above_200, 2);
  // 40 h apart: two yellow episodes.
  s = flat(24 * 8);
  block(s, 30, 1, 230);
  block(s, 30 + 24 + 40, 1, 210);
  r = evaluate_warnings(s, k2024);
  ASSERT_EQ(r.episodes.size(), 2u);
  EXPECT_EQ(r.episodes[0].level, WarningLevel::yellow);
  EXPECT_EQ(r.episodes[1].level, WarningLevel::yellow);
}

TEST(Warnings, LiftedOnlyWhenTheForecastShowsMoreThan36CleanHours) {
  auto s = flat(31 + 36);  // the episode ends at entry 30; 36 entries follow
  block(s, 30, 1, 210);
  WarningResult r = evaluate_warnings(s, k2024);
  ASSERT_EQ(r.episodes.size(), 1u);
  EXPECT_EQ(r.episodes[0].end, at(30));
  EXPECT_FALSE(r.episodes[0].lifted);  // exactly 36 h after the end: not more than 36 h
  s.push_back({at(31 + 36), 100, {"PM2.5"}});
  r = evaluate_warnings(s, k2024);
  EXPECT_TRUE(r.episodes[0].lifted);
}

// ---- driving pollutant, O3 and dust (reference §2.2 differentiated response, §2.5) ---------------------

TEST(Warnings, OzoneAndDustEpisodesAreFlaggedWithTheirResponse) {
  auto s = flat(24 * 12);
  block(s, 30, 25, 230, {"O3_8h"});             // O3 episode (summer): 2024 orange
  block(s, 130, 25, 260, {"PM10_24h"});         // dust storm, PM10 primary
  block(s, 230, 25, 240, {"PM2.5_24h"}, true);  // PM2.5 primary but marked dust
  const WarningResult r = evaluate_warnings(s, k2024);
  ASSERT_EQ(r.episodes.size(), 3u);

  EXPECT_EQ(r.episodes[0].pollutant, "O3");
  EXPECT_TRUE(r.episodes[0].ozone_driven);
  EXPECT_FALSE(r.episodes[0].dust_driven);
  EXPECT_EQ(r.episodes[0].response, WarningResponse::ozone_advisory);
  EXPECT_EQ(r.episodes[0].reduction, 0.0);
  EXPECT_EQ(r.episodes[0].level, WarningLevel::orange);

  EXPECT_EQ(r.episodes[1].pollutant, "PM10");
  EXPECT_TRUE(r.episodes[1].dust_driven);
  EXPECT_EQ(r.episodes[1].response, WarningResponse::dust_advisory);
  EXPECT_EQ(r.episodes[1].reduction, 0.0);

  EXPECT_EQ(r.episodes[2].pollutant, "PM2.5");
  EXPECT_TRUE(r.episodes[2].dust_driven);
  EXPECT_FALSE(r.episodes[2].ozone_driven);
  EXPECT_EQ(r.episodes[2].response, WarningResponse::dust_advisory);
}

TEST(Warnings, DrivingPollutantIsTheMostFrequentPrimary) {
  auto s = flat(24 * 5);
  block(s, 30, 25, 230, {"PM2.5_24h"});
  block(s, 30, 10, 230, {"PM2.5_24h", "PM10_24h"});  // jointly primary: counted for both
  block(s, 45, 5, 230, {"O3_1h"});
  const WarningResult r = evaluate_warnings(s, k2024);
  ASSERT_EQ(r.episodes.size(), 1u);
  EXPECT_EQ(r.episodes[0].pollutant, "PM2.5");  // 20 windows against PM10's 10 and O3's 5
  EXPECT_FALSE(r.episodes[0].dust_driven);
  EXPECT_FALSE(r.episodes[0].ozone_driven);
  EXPECT_EQ(r.episodes[0].response, WarningResponse::emergency_reduction);
  EXPECT_EQ(r.episodes[0].reduction, 0.20);
  EXPECT_EQ(
      r.episodes[0].why,
      "orange 2026-01-01T07:00+08:00 to 2026-01-03T07:00+08:00: 2024 orange: daily AQI > 200 for >= 48 h "
      "[环大气〔2024〕6号; reference §2.2]; days > 200: 2, > 300: 0, > 150: 2; peak 24-h AQI 230 ending "
      "2026-01-02T07:00+08:00 (PM2.5, PM10); driving pollutant PM2.5; response: emergency emission "
      "reduction: SO2, NOx, PM and VOCs each reduced by >= 20 % of city-wide emissions (reference §2.3); "
      "lifted at the end (below the criteria for more than 36 h)");
  EXPECT_EQ(r.why, "highest level orange (1 episode): " + r.episodes[0].why);
}

// ---- a realistic winter week under both rule sets -----------------------------------------------------

TEST(Warnings, WinterWeekGivesDifferentLevelsUnderTheTwoRuleSets) {
  // Hourly index: clean 90 for a day, then a build-up to a 3-day haze of 230 with a diurnal swing of +-40
  // (night highs), a front, clean again. The windows wholly inside the haze (ending at entries 47..95) are
  // 230: three days > 200 (47, 71, 95), none > 300. 2018: yellow (orange needs a day > 300); 2024: orange
  // (red needs one too).
  std::vector<double> hourly(24 * 7, 90);
  for (std::size_t i = 24; i < 24 + 72; ++i) {
    const double hour_of_day = static_cast<double>((i + 1) % 24);
    hourly[i] = 230 + 40 * std::cos(2 * std::numbers::pi * hour_of_day / 24);
  }
  const auto s = trailing_mean(hourly, 90);
  const WarningResult y18 = evaluate_warnings(s, k2018);
  const WarningResult y24 = evaluate_warnings(s, k2024);
  ASSERT_EQ(y18.episodes.size(), 1u);
  ASSERT_EQ(y24.episodes.size(), 1u);
  EXPECT_EQ(y18.highest, WarningLevel::yellow);
  EXPECT_EQ(y24.highest, WarningLevel::orange);
  EXPECT_EQ(y18.episodes[0].days_above_200, 3);
  EXPECT_EQ(y18.episodes[0].days_above_300, 0);
  EXPECT_EQ(y24.episodes[0].days_above_200, 3);
  EXPECT_TRUE(y18.episodes[0].lifted);
}

// ---- bad input -----------------------------------------------------------------------------------------

TEST(Warnings, BadInputIsAnInputErrorOnOneLine) {
  const auto good = flat(48);
  EXPECT_EQ(input_error([&] { evaluate_warnings(good); }), "");
  EXPECT_EQ(input_error([] { evaluate_warnings({}); }), "warning series: no hours: the forecast is empty");

  auto s = good;
  s[5].time = s[4].time;  // not increasing
  EXPECT_EQ(input_error([&] { evaluate_warnings(s); }),
            "warning series: hour 5 (2025-12-31T21:00:00Z): not 1 h after the previous hour "
            "(2025-12-31T21:00:00Z); times must increase by exactly 1 h");
  s = good;
  s[5].time = UtcTime{s[4].time.seconds - 3600};  // decreasing
  EXPECT_EQ(input_error([&] { evaluate_warnings(s); }),
            "warning series: hour 5 (2025-12-31T20:00:00Z): not 1 h after the previous hour "
            "(2025-12-31T21:00:00Z); times must increase by exactly 1 h");
  s = good;
  for (std::size_t i = 5; i < s.size(); ++i) s[i].time.seconds += 3600;  // a missing hour
  EXPECT_EQ(input_error([&] { evaluate_warnings(s); }),
            "warning series: hour 5 (2025-12-31T23:00:00Z): not 1 h after the previous hour "
            "(2025-12-31T21:00:00Z); times must increase by exactly 1 h");

  s = good;
  s[3].aqi_24h = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(input_error([&] { evaluate_warnings(s); }),
            "warning series: hour 3 (2025-12-31T20:00:00Z): aqi_24h is not a finite number");
  s[3].aqi_24h = std::numeric_limits<double>::infinity();
  EXPECT_EQ(input_error([&] { evaluate_warnings(s); }),
            "warning series: hour 3 (2025-12-31T20:00:00Z): aqi_24h is not a finite number");
  s[3].aqi_24h = -1;
  EXPECT_EQ(input_error([&] { evaluate_warnings(s); }),
            "warning series: hour 3 (2025-12-31T20:00:00Z): aqi_24h -1 is negative");
  s = good;
  s[2].primary = {"PM1"};
  EXPECT_EQ(
      input_error([&] { evaluate_warnings(s); }),
      "warning series: hour 2 (2025-12-31T19:00:00Z): primary pollutant 'PM1' is not one of PM2.5, PM10, "
      "O3, SO2, NO2, CO (optionally _1h, _8h, _24h)");
  s[2].primary = {"O3_3h"};
  EXPECT_NE(input_error([&] { evaluate_warnings(s); }), "");
  s[2].primary = {};
  EXPECT_EQ(input_error([&] { evaluate_warnings(s); }),
            "warning series: hour 2 (2025-12-31T19:00:00Z): aqi_24h 100 > 50 needs a primary pollutant (HJ "
            "633-2012 §5)");
  s[2].aqi_24h = 50;  // no primary at or below 50
  EXPECT_EQ(input_error([&] { evaluate_warnings(s); }), "");

  WarningOptions o = k2024;
  o.blue = true;
  EXPECT_EQ(
      input_error([&] { evaluate_warnings(good, o); }),
      "warning options: blue warnings exist only in the 2018 rules (reference §2.1); the 2024 rules have "
      "yellow, orange and red");
  o = k2024;
  o.utc_offset_hours = 15;
  EXPECT_EQ(input_error([&] { evaluate_warnings(good, o); }),
            "warning options: utc_offset_hours 15 is outside -12..14");
  o = k2024;
  o.lift_hours = 0;
  EXPECT_EQ(input_error([&] { evaluate_warnings(good, o); }),
            "warning options: lift_hours must be a positive number of hours");
  o.lift_hours = std::numeric_limits<double>::quiet_NaN();
  EXPECT_NE(input_error([&] { evaluate_warnings(good, o); }), "");
}

TEST(Warnings, NoWarningSaysWhy) {
  auto s = flat(72);
  block(s, 10, 1, 187);
  EXPECT_EQ(evaluate_warnings(s, k2018).why,
            "no warning (2018 rules [MEE 2017 grading, 环办大气函〔2018〕875号 and 〔2019〕648号; reference "
            "§2.1]): no "
            "two 24-h windows in a row have AQI > 200 and none reaches 500; highest 24-h AQI 187 ending "
            "2026-01-01T11:00+08:00 (PM2.5)");
}
