// SPDX-License-Identifier: Apache-2.0
// China AQI (scenarios/aqi.hpp). Expected numbers come from /work/shared/reference/
// china-aqi-warnings-emissions.md section 1 ("ref 1.x"), transcribed here independently of the code's
// tables, or are worked by hand in the comments.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "scenarios/aqi.hpp"

using namespace airshed;
using namespace airshed::scenarios;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const AqiStandard k2012 = AqiStandard::hj633_2012;
const AqiStandard k2026 = AqiStandard::hj633_2026;

AqiSettings rounding(IaqiRounding r) {
  AqiSettings s;
  s.rounding = r;
  return s;
}

double value_of(AqiStandard s, Pollutant p, Period col, double c, IaqiRounding r = IaqiRounding::ceiling) {
  const Iaqi i = iaqi(s, p, col, c, rounding(r));
  EXPECT_TRUE(i.value.has_value());
  return i.value.value_or(kNaN);
}

/// ref 1.1 (HJ 633-2012 Table 1), one column per row of IAQI 0, 50, ..., 500; 1.4 for the 2026 PM columns.
struct Column {
  Pollutant p;
  Period col;
  std::vector<double> bp2012, bp2026;
};
const std::vector<double> kRows{0, 50, 100, 150, 200, 300, 400, 500};
const std::vector<Column> kTable{
    {Pollutant::so2, Period::h24, {0, 50, 150, 475, 800, 1600, 2100, 2620}, {}},
    {Pollutant::so2, Period::h1, {0, 150, 500, 650, 800}, {}},
    {Pollutant::no2, Period::h24, {0, 40, 80, 180, 280, 565, 750, 940}, {}},
    {Pollutant::no2, Period::h1, {0, 100, 200, 700, 1200, 2340, 3090, 3840}, {}},
    {Pollutant::pm10,
     Period::h24,
     {0, 50, 150, 250, 350, 420, 500, 600},
     {0, 50, 120, 250, 350, 420, 500, 600}},
    {Pollutant::co, Period::h24, {0, 2, 4, 14, 24, 36, 48, 60}, {}},
    {Pollutant::co, Period::h1, {0, 5, 10, 35, 60, 90, 120, 150}, {}},
    {Pollutant::o3, Period::h1, {0, 160, 200, 300, 400, 800, 1000, 1200}, {}},
    {Pollutant::o3, Period::h8, {0, 100, 160, 215, 265, 800}, {}},
    {Pollutant::pm25,
     Period::h24,
     {0, 35, 75, 115, 150, 250, 350, 500},
     {0, 35, 60, 115, 150, 250, 350, 500}},
};

/// The message of the InputError `f` throws ("" when it throws none).
template <class F>
std::string input_error(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

/// One station of `hours` hours from local 2015-01-01T00, every pollutant missing.
StationHours empty_series(std::size_t hours) {
  StationHours s;
  s.station = "test";
  s.first_hour = days_from_civil(2015, 1, 1) * 24;
  s.hours = hours;
  for (auto& v : s.values) v.assign(hours, kNaN);
  return s;
}
std::vector<double>& values(StationHours& s, Pollutant p) {
  return s.values[static_cast<std::size_t>(p)];
}

const IaqiItem* item(const AqiResult& r, const std::string& label) {
  for (const IaqiItem& i : r.items)
    if (i.label() == label) return &i;
  return nullptr;
}

}  // namespace

// ---- the tables ------------------------------------------------------------------------------------------

TEST(AqiTable, EveryBreakpointOfBothStandardsGivesTheTablesIaqiExactly) {
  for (AqiStandard s : {k2012, k2026})
    for (const Column& c : kTable) {
      const std::vector<double>& bp = s == k2026 && !c.bp2026.empty() ? c.bp2026 : c.bp2012;
      const std::span<const double> code = breakpoints(s, c.p, c.col);
      ASSERT_EQ(code.size(), bp.size()) << pollutant_name(c.p) << " " << period_name(c.col);
      for (std::size_t i = 0; i < bp.size(); ++i) {
        EXPECT_EQ(code[i], bp[i]);
        for (IaqiRounding r : {IaqiRounding::ceiling, IaqiRounding::half_up, IaqiRounding::none})
          EXPECT_EQ(value_of(s, c.p, c.col, bp[i], r), kRows[i])
              << aqi_standard_name(s) << " " << pollutant_name(c.p) << " " << period_name(c.col) << " at "
              << bp[i];
      }
    }
}

TEST(AqiTable, MidpointsBetweenBreakpointsAreTheMeanIaqi) {
  // Linear interpolation (HJ 633-2012 eq. 1): the midpoint of a segment has the mean of its two IAQIs.
  for (AqiStandard s : {k2012, k2026})
    for (const Column& c : kTable) {
      const std::vector<double>& bp = s == k2026 && !c.bp2026.empty() ? c.bp2026 : c.bp2012;
      for (std::size_t i = 0; i + 1 < bp.size(); ++i)
        EXPECT_DOUBLE_EQ(value_of(s, c.p, c.col, 0.5 * (bp[i] + bp[i + 1]), IaqiRounding::none),
                         0.5 * (kRows[i] + kRows[i + 1]))
            << pollutant_name(c.p) << " " << period_name(c.col) << " segment " << i;
    }
}

TEST(AqiTable, OnlyThePmColumnsChangedIn2026) {
  // ref 1.4: PM2.5 IAQI-100 at 60 (was 75), PM10 at 120 (was 150); by hand:
  // 2012 PM2.5 67.5: 50 + 50 x 32.5/40 = 90.625; 2026: 100 + 50 x 7.5/55 = 106.818...
  EXPECT_DOUBLE_EQ(value_of(k2012, Pollutant::pm25, Period::h24, 67.5, IaqiRounding::none), 90.625);
  EXPECT_DOUBLE_EQ(value_of(k2026, Pollutant::pm25, Period::h24, 67.5, IaqiRounding::none),
                   100 + 50 * 7.5 / 55);
  // 2012 PM10 135: 50 + 50 x 85/100 = 92.5; 2026: 100 + 50 x 15/130 = 105.769...
  EXPECT_DOUBLE_EQ(value_of(k2012, Pollutant::pm10, Period::h24, 135, IaqiRounding::none), 92.5);
  EXPECT_DOUBLE_EQ(value_of(k2026, Pollutant::pm10, Period::h24, 135, IaqiRounding::none),
                   100 + 50 * 15.0 / 130);
  // No PM 1-h column, no O3 24-h column.
  EXPECT_TRUE(breakpoints(k2026, Pollutant::pm25, Period::h1).empty());
  EXPECT_TRUE(breakpoints(k2012, Pollutant::o3, Period::h24).empty());
  EXPECT_THROW(iaqi(k2012, Pollutant::pm25, Period::h1, 10), std::invalid_argument);
  EXPECT_THROW(iaqi(k2012, Pollutant::pm25, Period::h24, -1), std::invalid_argument);
}

// ---- rounding --------------------------------------------------------------------------------------------

TEST(AqiRounding, CeilingHalfUpAndNone) {
  // ref 1.3: "PM2.5 = 36 -> 52" under HJ 633-2026 with the ceiling: 50 + 50 x 1/25 = 52 exactly.
  EXPECT_EQ(value_of(k2026, Pollutant::pm25, Period::h24, 36), 52);
  // 2012: 50 + 50 x 1/40 = 51.25 -> ceiling 52, half-up 51, none 51.25.
  EXPECT_EQ(value_of(k2012, Pollutant::pm25, Period::h24, 36), 52);
  EXPECT_EQ(value_of(k2012, Pollutant::pm25, Period::h24, 36, IaqiRounding::half_up), 51);
  EXPECT_EQ(value_of(k2012, Pollutant::pm25, Period::h24, 36, IaqiRounding::none), 51.25);
  // Half-up on a half: NO2 24h 42: 50 + 50 x 2/40 = 52.5 -> 53.
  EXPECT_EQ(value_of(k2012, Pollutant::no2, Period::h24, 42, IaqiRounding::half_up), 53);
  // A decimal concentration that lands on a whole IAQI is not pushed up by round-off: CO 24h 2.2 mg/m3:
  // 50 + 50 x 0.2/2 = 55 (0.2 is not exact in binary).
  EXPECT_EQ(value_of(k2012, Pollutant::co, Period::h24, 2.2), 55);
  EXPECT_EQ(value_of(k2012, Pollutant::co, Period::h24, 2.3), 58);  // 57.5 -> 58
}

TEST(AqiRounding, ConcentrationRoundingIsAnOption) {
  AqiSettings s;
  s.round_concentrations = true;
  // PM2.5 35.4 -> 35 -> IAQI 50 (without: 50 + 50 x 0.4/40 = 50.5 -> 51).
  EXPECT_EQ(iaqi(k2012, Pollutant::pm25, Period::h24, 35.4, s).value, 50);
  EXPECT_EQ(iaqi(k2012, Pollutant::pm25, Period::h24, 35.4).value, 51);
  // CO to 0.1 mg/m3: 2.04 -> 2.0 -> 50; 2.05 -> 2.1 -> 52.5 -> 53.
  EXPECT_EQ(iaqi(k2012, Pollutant::co, Period::h24, 2.04, s).value, 50);
  EXPECT_EQ(iaqi(k2012, Pollutant::co, Period::h24, 2.05, s).value, 53);
  EXPECT_EQ(round_concentration(Pollutant::pm25, 35.5), 36);
}

// ---- above the tables and the special rules --------------------------------------------------------------

TEST(AqiSpecial, AboveTheIaqi500BreakpointIs500) {
  const Iaqi i = iaqi(k2012, Pollutant::pm25, Period::h24, 600);
  EXPECT_EQ(i.value, 500);
  EXPECT_EQ(i.note, IaqiNote::above_table);
  EXPECT_EQ(iaqi(k2026, Pollutant::no2, Period::h1, 4000).value, 500);
  EXPECT_EQ(iaqi(k2012, Pollutant::pm25, Period::h24, 500).note, IaqiNote::none);
}

TEST(AqiSpecial, So2OneHourAbove800) {
  // 2012 note (b) (ref 1.1): no 1-h IAQI above 800; at 800 the table's 200.
  EXPECT_EQ(iaqi(k2012, Pollutant::so2, Period::h1, 800).value, 200);
  const Iaqi i2012 = iaqi(k2012, Pollutant::so2, Period::h1, 801);
  EXPECT_FALSE(i2012.value.has_value());
  EXPECT_EQ(i2012.note, IaqiNote::other_period);
  // 2026, third-party tools (ref 1.4): IAQI 200.
  const Iaqi i2026 = iaqi(k2026, Pollutant::so2, Period::h1, 801);
  EXPECT_EQ(i2026.value, 200);
  EXPECT_EQ(i2026.note, IaqiNote::table_top);
}

TEST(AqiSpecial, O3EightHourAbove800AndTheRuleAsASetting) {
  EXPECT_FALSE(iaqi(k2012, Pollutant::o3, Period::h8, 850).value.has_value());
  EXPECT_EQ(iaqi(k2026, Pollutant::o3, Period::h8, 850).value, 300);
  AqiSettings s;
  s.special_rule = SpecialRule::table_top;
  EXPECT_EQ(iaqi(k2012, Pollutant::o3, Period::h8, 850, s).value, 300);
  s.special_rule = SpecialRule::other_period;
  EXPECT_FALSE(iaqi(k2026, Pollutant::o3, Period::h8, 850, s).value.has_value());
}

TEST(AqiSpecial, DailyO3EightHourAbove800IsReportedFromTheOneHourValue) {
  // A day of O3 900 every hour: 1h max 900 -> 300 + 100 x 100/200 = 350; MDA8 900 > 800.
  StationHours s = empty_series(24);
  values(s, Pollutant::o3).assign(24, 900);
  AqiOptions o;
  o.standard = k2012;
  const AqiResult r = daily_aqi(s, o).at(0).result;
  EXPECT_EQ(r.aqi, 350);
  EXPECT_FALSE(item(r, "O3_8h")->iaqi.value.has_value());
  EXPECT_EQ(item(r, "O3_8h")->concentration, 900);
  EXPECT_EQ(r.primary, std::vector<std::string>{"O3_1h"});
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_NE(r.notes[0].find("O3 reported from O3_1h"), std::string::npos);
  o.standard = k2026;  // O3_8h IAQI 300; AQI still from the 1-h 350
  const AqiResult r26 = daily_aqi(s, o).at(0).result;
  EXPECT_EQ(item(r26, "O3_8h")->iaqi.value, 300);
  EXPECT_EQ(r26.aqi, 350);
}

TEST(AqiSpecial, HourlySo2Above800IsReportedFromTheTwentyFourHourMean) {
  // 24 h of SO2 100, then one hour of 900. Mean of that hour and the 23 before: (23 x 100 + 900)/24 =
  // 133.33; 2012 SO2 24h: 50 + 50 x 83.33/100 = 91.67 -> 92.
  StationHours s = empty_series(25);
  values(s, Pollutant::so2).assign(25, 100);
  values(s, Pollutant::so2)[24] = 900;
  AqiOptions o;
  o.standard = k2012;
  const std::vector<HourlyAqi> h = hourly_aqi(s, o);
  ASSERT_EQ(h.size(), 25u);
  const AqiResult& r = h[24].result;
  ASSERT_NE(item(r, "SO2_24h"), nullptr);
  EXPECT_NEAR(*item(r, "SO2_24h")->concentration, 3200.0 / 24, 1e-12);
  EXPECT_EQ(r.aqi, 92);
  EXPECT_EQ(r.primary, std::vector<std::string>{"SO2_24h"});
  EXPECT_EQ(item(h[23].result, "SO2_24h"), nullptr);  // SO2 100: 1-h IAQI 100 x 50/150 = 33.3 -> 34
  EXPECT_EQ(h[23].result.aqi, 34);
  o.standard = k2026;
  EXPECT_EQ(hourly_aqi(s, o)[24].result.aqi, 200);
}

// ---- primary and exceeding pollutants, levels ------------------------------------------------------------

TEST(AqiPrimary, TiesAreAllPrimary) {
  // ref 1.3: SO2 24h 150 and PM10 120 under 2026 give AQI 100 with both primary.
  std::vector<IaqiItem> items{make_item(k2026, Pollutant::so2, Period::h24, Period::h24, 150, {}),
                              make_item(k2026, Pollutant::pm10, Period::h24, Period::h24, 120, {}),
                              make_item(k2026, Pollutant::no2, Period::h24, Period::h24, 40, {})};
  const AqiResult r = combine(k2026, items);
  EXPECT_EQ(r.aqi, 100);
  EXPECT_EQ(r.primary, (std::vector<std::string>{"SO2_24h", "PM10_24h"}));
  EXPECT_TRUE(r.exceeding.empty());  // IAQI 100 does not exceed; > 100 does
  EXPECT_EQ(r.level->level, 2);
}

TEST(AqiPrimary, NoPrimaryAtOrBelow50AndExceedingAbove100) {
  const AqiResult low = combine(k2012, {make_item(k2012, Pollutant::pm25, Period::h24, Period::h24, 35, {}),
                                        make_item(k2012, Pollutant::no2, Period::h24, Period::h24, 20, {})});
  EXPECT_EQ(low.aqi, 50);
  EXPECT_TRUE(low.primary.empty());
  // PM2.5 76 -> 100 + 50/40 = 101.25 -> 102; NO2 81 -> 100 + 50/100 = 100.5 -> 101; both exceed.
  const AqiResult high =
      combine(k2012, {make_item(k2012, Pollutant::pm25, Period::h24, Period::h24, 76, {}),
                      make_item(k2012, Pollutant::no2, Period::h24, Period::h24, 81, {}),
                      make_item(k2012, Pollutant::co, Period::h24, Period::h24, std::nullopt, {})});
  EXPECT_EQ(high.aqi, 102);
  EXPECT_EQ(high.primary, std::vector<std::string>{"PM2.5_24h"});
  EXPECT_EQ(high.exceeding, (std::vector<std::string>{"PM2.5_24h", "NO2_24h"}));
  EXPECT_EQ(high.missing, std::vector<std::string>{"CO_24h"});
  EXPECT_FALSE(
      combine(k2012, {make_item(k2012, Pollutant::co, Period::h24, Period::h24, std::nullopt, {})}).aqi);
}

TEST(AqiLevels, BoundariesNamesAndColours) {
  // ref 1.2.
  const std::vector<std::pair<double, int>> cases{{0, 1},   {50, 1},  {51, 2},  {100, 2}, {101, 3}, {150, 3},
                                                  {151, 4}, {200, 4}, {201, 5}, {300, 5}, {301, 6}, {500, 6}};
  for (const auto& [aqi, level] : cases) EXPECT_EQ(aqi_level(aqi).level, level) << aqi;
  EXPECT_EQ(aqi_level(50.5).level, 2);  // rounding none: above 50 is level II
  const std::vector<std::vector<std::string>> expected{{"I", "优", "Excellent", "#00E400"},
                                                       {"II", "良", "Good", "#FFFF00"},
                                                       {"III", "轻度污染", "Lightly polluted", "#FF7E00"},
                                                       {"IV", "中度污染", "Moderately polluted", "#FF0000"},
                                                       {"V", "重度污染", "Heavily polluted", "#99004C"},
                                                       {"VI", "严重污染", "Severely polluted", "#7E0023"}};
  const double probe[] = {25, 75, 125, 175, 250, 400};
  for (std::size_t i = 0; i < 6; ++i) {
    const AqiLevel& l = aqi_level(probe[i]);
    EXPECT_EQ(l.roman, expected[i][0]);
    EXPECT_EQ(l.category_zh, expected[i][1]);
    EXPECT_EQ(l.category_en, expected[i][2]);
    EXPECT_EQ(l.hex, expected[i][3]);
  }
}

TEST(AqiStandards, DefaultSwitchesOn20260301ChinaTime) {
  EXPECT_EQ(default_standard(2026, 2, 28), k2012);
  EXPECT_EQ(default_standard(2026, 3, 1), k2026);
  EXPECT_EQ(default_standard(2020, 1, 1), k2012);
  EXPECT_EQ(default_standard(parse_utc("2026-02-28T15:59:59Z")), k2012);  // 23:59:59 in Beijing
  EXPECT_EQ(default_standard(parse_utc("2026-02-28T16:00:00Z")), k2026);  // 00:00 on 1 March
  EXPECT_EQ(aqi_standard_from("HJ 633-2026", "x"), k2026);
  EXPECT_EQ(aqi_standard_from("2012", "x"), k2012);
  EXPECT_EQ(input_error([] { aqi_standard_from("2019", "--standard"); }),
            "--standard: unknown AQI standard '2019' (expected 2012 or 2026)");
  // Auto per date in the daily product: 28 Feb under 2012, 1 Mar under 2026 (PM2.5 70: 2012 -> 94, 2026 ->
  // 100 + 50 x 10/55 = 109.09 -> 110).
  StationHours s = empty_series(48);
  s.first_hour = days_from_civil(2026, 2, 28) * 24;
  values(s, Pollutant::pm25).assign(48, 70);
  const std::vector<DailyAqi> d = daily_aqi(s, {});
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].result.standard, k2012);
  EXPECT_EQ(d[0].result.aqi, 94);  // 50 + 50 x 35/40 = 93.75
  EXPECT_EQ(d[1].result.standard, k2026);
  EXPECT_EQ(d[1].result.aqi, 110);
}

// ---- validity and MDA8 -----------------------------------------------------------------------------------

TEST(AqiValidity, TwentyHoursMakeADailyMean) {
  std::vector<double> v(24, kNaN);
  for (int k = 0; k < 19; ++k) v[k] = 10;
  EXPECT_FALSE(valid_mean(v, 20).has_value());  // 19 hours
  v[19] = 30;
  EXPECT_EQ(valid_mean(v, 20), (19 * 10 + 30) / 20.0);  // 20 hours
  for (int k = 20; k < 23; ++k) v[k] = 10;
  EXPECT_EQ(valid_mean(v, 20), (22 * 10 + 30) / 23.0);  // 23 hours
  // In the daily product: PM2.5 with 19 hours is missing, with 23 it counts.
  StationHours s = empty_series(48);
  for (int k = 0; k < 19; ++k) values(s, Pollutant::pm25)[k] = 100;
  for (int k = 24; k < 47; ++k) values(s, Pollutant::pm25)[k] = 100;
  const std::vector<DailyAqi> d = daily_aqi(s, {});
  EXPECT_FALSE(d[0].result.aqi.has_value());
  EXPECT_EQ(d[0].result.missing.size(), 7u);
  EXPECT_EQ(d[1].result.aqi, 132);  // 2012: 100 + 50 x 25/40 = 131.25 -> 132
}

TEST(AqiValidity, Mda8WindowAndItsValidity) {
  // Day 2 (hours 24..47): O3 100 all day; day 1 ends with 300 in hours 17..23.
  std::vector<double> o3(48, 100);
  for (int k = 17; k < 24; ++k) o3[k] = 300;
  AqiSettings within;
  EXPECT_EQ(mda8(o3, 24, within), 100);  // windows 00-07 .. 16-23 of the day only (ref 1.5)
  AqiSettings ending = within;
  ending.mda8_window = Mda8Window::ending_in_day;
  EXPECT_EQ(mda8(o3, 24, ending), (7 * 300 + 100) / 8.0);  // the window ending at 00 holds 17..23 of day 1
  // A window needs 6 of its 8 hours: hours 16..23 of day 2 = 400 with two missing -> valid (400); three
  // missing -> that window drops.
  std::vector<double> peak(24, 100);
  for (int k = 16; k < 24; ++k) peak[k] = 400;
  peak[16] = peak[17] = kNaN;
  EXPECT_EQ(mda8(peak, 0, within), 400);
  peak[18] = kNaN;  // every window over 18..23 now has 5 values or fewer
  AqiSettings any_count = within;
  any_count.min_8h_means_mda8 = 1;
  EXPECT_EQ(mda8(peak, 0, any_count), 100);
  // 14 of the 17 windows must be valid. Hours 0..4 missing: windows ending 07, 08, 09 have 3, 4, 5 values
  // (invalid), 10 has 6: 14 valid -> an MDA8. Hours 0..5 missing: 07..10 invalid, 13 valid -> none.
  std::vector<double> gaps(24, 50);
  for (int k = 0; k < 5; ++k) gaps[k] = kNaN;
  EXPECT_EQ(mda8(gaps, 0, within), 50);
  gaps[5] = kNaN;
  EXPECT_FALSE(mda8(gaps, 0, within).has_value());
}

// ---- observations CSV ------------------------------------------------------------------------------------

TEST(AqiObservations, ReadsStationsTimesUnitsAndReportsImplausibleValues) {
  const std::string text =
      "# test\n"
      "station,time,PM2.5[ug/m3],CO[mg/m3],O3[ug/m3],note\n"
      "A,2015-01-01T00:00+08:00,10,1.5,20,\n"
      "A,2015-01-01T02:00:00+08:00,NA,,-3,gap at 01\n"
      "B,2014-12-31T16:00Z,30,0.5,nan,\n"
      "A,2015-01-01T03:00+0800,12,0.4,1200,\n";
  const Observations obs = parse_observations("obs.csv", text, {});
  ASSERT_EQ(obs.stations.size(), 2u);
  const StationHours& a = obs.stations[0];
  EXPECT_EQ(a.station, "A");
  EXPECT_EQ(a.first_hour, days_from_civil(2015, 1, 1) * 24);
  EXPECT_EQ(a.hours, 4u);
  EXPECT_EQ(a.values[static_cast<int>(Pollutant::pm25)][0], 10);
  EXPECT_EQ(a.values[static_cast<int>(Pollutant::co)][0], 1.5);
  EXPECT_TRUE(std::isnan(a.values[static_cast<int>(Pollutant::pm25)][1]));  // hour without a row
  EXPECT_TRUE(std::isnan(a.values[static_cast<int>(Pollutant::o3)][3]));    // 1200 > 1000: implausible
  EXPECT_EQ(obs.stations[1].first_hour, days_from_civil(2015, 1, 1) * 24);  // 16Z = 00 at UTC+8
  ASSERT_EQ(obs.implausible.size(), 3u);
  EXPECT_EQ(obs.implausible[0].message,
            "obs.csv:4: column 'O3[ug/m3]': negative value -3; counted as missing");
  EXPECT_EQ(obs.implausible[1].message,
            "obs.csv:5: column 'O3[ug/m3]': 'nan' is not finite; counted as missing");
  EXPECT_EQ(obs.implausible[2].message,
            "obs.csv:6: column 'O3[ug/m3]': 1200 ug/m3 is above the plausible maximum 1000 ug/m3; counted as "
            "missing");
  // A: 4 hours; PM2.5 present 3 (00, 03 and ... 02 is NA) -> present 2, missing 2, rejected 0.
  EXPECT_EQ(obs.present[0][static_cast<int>(Pollutant::pm25)], 2u);
  EXPECT_EQ(obs.missing[0][static_cast<int>(Pollutant::pm25)], 2u);
  EXPECT_EQ(obs.rejected[0][static_cast<int>(Pollutant::o3)], 2u);
  EXPECT_FALSE(obs.has_column[static_cast<int>(Pollutant::so2)]);
  // ug/m3 CO is converted to mg/m3; hour-ending stamps move back one hour.
  ObservationOptions ending;
  ending.hour_ending = true;
  const Observations e =
      parse_observations("e.csv", "station,time,CO[ug/m3]\nA,2015-01-01T01:00+08:00,1500\n", ending);
  EXPECT_EQ(e.stations[0].first_hour, days_from_civil(2015, 1, 1) * 24);
  EXPECT_EQ(e.stations[0].values[static_cast<int>(Pollutant::co)][0], 1.5);
  const std::string summary = format_aqi_summary(obs, {});
  EXPECT_NE(summary.find("Implausible values, counted as missing: 3"), std::string::npos);
}

TEST(AqiObservations, BadRowsAreOneLineInputErrors) {
  auto error = [](const std::string& body) {
    return input_error([&] { parse_observations("obs.csv", "station,time,PM2.5[ug/m3]\n" + body, {}); });
  };
  EXPECT_EQ(error("A,2015-01-01T00:00+08:00,12\nA,2015-01-01T01:00+08:00,abc\n"),
            "obs.csv:3: column 'PM2.5[ug/m3]': 'abc' is not a number (leave it empty or NA when missing)");
  EXPECT_EQ(error("A,2015-01-01T00:00,12\n")
                .rfind("obs.csv:2: column 'time': '2015-01-01T00:00' has no UTC offset", 0),
            0u);
  EXPECT_EQ(error("A,2015-01-01T00:30+08:00,12\n"),
            "obs.csv:2: column 'time': not a whole hour in UTC+8 (hourly means only)");
  EXPECT_EQ(error("A,2015-01-01T00:00+08:00,12\nA,2014-12-31T16:00Z,13\n"),
            "obs.csv:3: station 'A' hour 2015-01-01T00:00+08:00 is already given on line 2");
  EXPECT_EQ(error("A,2015-01-01T00:00+08:00\n").rfind("obs.csv:2:", 0), 0u);  // cell count
  EXPECT_EQ(
      input_error([] { parse_observations("obs.csv", "station,time,PM2.5\nA,2015-01-01T00:00Z,1\n", {}); }),
      "obs.csv:1: column 'PM2.5': give the unit in brackets, e.g. PM2.5[ug/m3]");
  EXPECT_EQ(input_error([] {
              parse_observations("obs.csv", "station,time,PM25[ug/m3]\nA,2015-01-01T00:00Z,1\n", {});
            }).rfind("obs.csv:1:", 0),
            0u);
  for (const std::string& m : {error("A,2015-01-01T00:00+08:00,abc\n"), error("A,x,1\n")}) {
    EXPECT_FALSE(m.empty());
    EXPECT_EQ(m.find('\n'), std::string::npos) << m;
  }
}

TEST(AqiObservations, WritesDailyAndHourlyCsvAtomically) {
  StationHours s = empty_series(24);
  values(s, Pollutant::pm25).assign(24, 76);  // 2012: 102
  values(s, Pollutant::no2).assign(24, 81);   // 101
  AqiOptions o;
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "airshed_test_aqi";
  std::filesystem::create_directories(dir);
  const std::string daily = (dir / "daily.csv").string(), hourly = (dir / "hourly.csv").string();
  write_daily_csv(daily, daily_aqi(s, o));
  write_hourly_csv(hourly, hourly_aqi(s, o), 8);
  std::ifstream in(daily);
  std::string header, row;
  std::getline(in, header);
  std::getline(in, row);
  EXPECT_EQ(
      header,
      "station,date,standard,AQI,level,category,category_zh,colour,primary,exceeding,missing,notes,"
      "SO2_24h[ug/m3],IAQI_SO2_24h,NO2_24h[ug/m3],IAQI_NO2_24h,CO_24h[mg/m3],IAQI_CO_24h,O3_1h[ug/m3],"
      "IAQI_O3_1h,O3_8h[ug/m3],IAQI_O3_8h,PM10_24h[ug/m3],IAQI_PM10_24h,PM2.5_24h[ug/m3],IAQI_PM2.5_24h");
  EXPECT_EQ(row,
            "test,2015-01-01,HJ 633-2012,102,3,Lightly polluted,轻度污染,#FF7E00,PM2.5_24h,NO2_24h;PM2.5_24h,"
            "SO2_24h;CO_24h;O3_1h;O3_8h;PM10_24h,,,,81,101,,,,,,,,,76,102");
  std::ifstream hin(hourly);
  std::getline(hin, header);
  std::getline(hin, row);
  EXPECT_EQ(row.rfind("test,2015-01-01T00:00+08:00,HJ 633-2012,", 0), 0u);
  // An unwritable path: an error and no file, no leftover temporary.
  EXPECT_THROW(write_daily_csv((dir / "no" / "such" / "daily.csv").string(), {}), std::exception);
  EXPECT_FALSE(std::filesystem::exists(dir / "no"));
  std::filesystem::remove_all(dir);
}

// ---- the real Dongsi file --------------------------------------------------------------------------------

TEST(AqiDongsi, HeavyPollutionDaysOfDecember2015) {
  // UCI PRSA Dongsi (Beijing), hourly 2013-03-01 .. 2017-02-28 (/work/shared/data/README.md).
  const std::string path = "/work/shared/data/PRSA_Data_Dongsi_20130301-20170228.csv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is absent";
  ObservationOptions po;
  po.format = ObservationFormat::prsa;
  const Observations obs = read_observations(path, po);
  ASSERT_EQ(obs.stations.size(), 1u);
  EXPECT_EQ(obs.stations[0].station, "Dongsi");
  EXPECT_EQ(obs.stations[0].hours, 35064u);  // every hour of the 4 years has a row
  // The 16 hourly O3 values above 1000 ug/m3 (1026 .. 1071, Aug 2013; awk '$11>1000' counts 16) are
  // rejected; nothing else is.
  EXPECT_EQ(obs.implausible.size(), 16u);
  EXPECT_EQ(obs.rejected[0][static_cast<int>(Pollutant::o3)], 16u);
  // NA counts from awk: PM2.5 750, CO 3197.
  EXPECT_EQ(obs.missing[0][static_cast<int>(Pollutant::pm25)], 750u);
  EXPECT_EQ(obs.missing[0][static_cast<int>(Pollutant::co)], 3197u);

  const std::vector<DailyAqi> days = daily_aqi(obs.stations[0], {});
  ASSERT_EQ(days.size(), 1461u);
  auto day = [&](int y, int m, int d) -> const DailyAqi& {
    for (const DailyAqi& x : days)
      if (x.year == y && x.month == m && x.day == d) return x;
    throw std::runtime_error("no such day");
  };
  // 2015-12-22, hours 0..23, means by awk over the file's rows: PM2.5 332.333, PM10 339.667, SO2 43.125,
  // NO2 107.083, CO 5700 ug/m3 = 5.7 mg/m3, O3 max 5. By hand (2012, ceiling):
  // PM2.5 300 + 100 x 82.333/100 = 382.33 -> 383; PM10 150 + 50 x 89.667/100 = 194.83 -> 195;
  // SO2 43.125 -> 44; NO2 100 + 50 x 27.083/100 = 113.54 -> 114; CO 100 + 50 x 1.7/10 = 108.5 -> 109.
  const AqiResult& r = day(2015, 12, 22).result;
  EXPECT_EQ(r.standard, k2012);
  EXPECT_EQ(r.aqi, 383);
  EXPECT_EQ(r.level->level, 6);
  EXPECT_EQ(r.primary, std::vector<std::string>{"PM2.5_24h"});
  EXPECT_EQ(r.exceeding, (std::vector<std::string>{"NO2_24h", "CO_24h", "PM10_24h", "PM2.5_24h"}));
  EXPECT_EQ(item(r, "PM10_24h")->iaqi.value, 195);
  EXPECT_EQ(item(r, "SO2_24h")->iaqi.value, 44);
  EXPECT_EQ(item(r, "NO2_24h")->iaqi.value, 114);
  EXPECT_EQ(item(r, "CO_24h")->iaqi.value, 109);
  EXPECT_NEAR(*item(r, "CO_24h")->concentration, 5.7, 1e-12);
  // 2015-12-01: PM2.5 mean 506 > 500 (above the table: 500); CO has exactly 20 hours (4 NA), mean 7590 ug/m3
  // -> 100 + 50 x 3.59/10 = 117.95 -> 118; PM10 mean 506 -> 400 + 100 x 6/100 = 406.
  const AqiResult& r1 = day(2015, 12, 1).result;
  EXPECT_EQ(r1.aqi, 500);
  EXPECT_EQ(r1.primary, std::vector<std::string>{"PM2.5_24h"});
  EXPECT_EQ(item(r1, "CO_24h")->iaqi.value, 118);
  EXPECT_EQ(item(r1, "PM10_24h")->iaqi.value, 406);
  EXPECT_EQ(item(r1, "PM2.5_24h")->iaqi.note, IaqiNote::above_table);
  // Under HJ 633-2026 only IAQI 100 of the PM columns moved; 332 and 340 lie in unchanged segments, so the
  // same day gives the same AQI and PM10 IAQI.
  AqiOptions y2026;
  y2026.standard = k2026;
  for (const DailyAqi& d : daily_aqi(obs.stations[0], y2026))
    if (d.year == 2015 && d.month == 12 && d.day == 22) {
      EXPECT_EQ(d.result.aqi, 383);
      EXPECT_EQ(item(d.result, "PM10_24h")->iaqi.value, 195);
    }
}
