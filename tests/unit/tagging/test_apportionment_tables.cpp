// SPDX-License-Identifier: Apache-2.0
// Apportionment tables: local days, MDA8-style peak windows across local midnight, ties, shares, short
// periods, and the two CSV files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "tagging/apportionment_tables.hpp"

namespace airshed {
namespace {

// 30 hours from 2021-07-01T12:00Z = 20:00 local at UTC+8: local 2021-07-01 has hours 0..3 (20:00-23:00),
// 2021-07-02 hours 4..27, 2021-07-03 hours 28..29 (00:00, 01:00).
std::vector<UtcTime> hours(int n, const char* start = "2021-07-01T12:00:00Z") {
  const UtcTime t0 = parse_utc(start);
  std::vector<UtcTime> t;
  for (int h = 0; h < n; ++h) t.push_back(UtcTime{t0.seconds + 3600 * static_cast<std::int64_t>(h)});
  return t;
}

// Tag a holds 60 % of the host, tag b 40 %.
SiteSeries split(const std::string& site, std::vector<double> host) {
  SiteSeries s{site, "pm25", "ug m-3", std::move(host), {}};
  s.by_tag.resize(2);
  for (double v : s.host) {
    s.by_tag[0].push_back(0.6 * v);
    s.by_tag[1].push_back(0.4 * v);
  }
  return s;
}

// Host 1 everywhere but 10 at hours 2-4 (local 22:00, 23:00, 00:00: a peak across midnight) and 5, 6, 5 at
// hours 14-16 (local 10:00-12:00 on 2021-07-02).
std::vector<double> midnight_host() {
  std::vector<double> host(30, 1.0);
  host[2] = host[3] = host[4] = 10.0;
  host[14] = 5.0;
  host[15] = 6.0;
  host[16] = 5.0;
  return host;
}

const std::vector<std::string> kTags{"a", "b"};

const TableRow& find(const std::vector<TableRow>& rows, const std::string& period, const std::string& window,
                     const std::string& group, const std::string& site = "station") {
  for (const auto& r : rows)
    if (r.period == period && r.window == window && r.group == group && r.site == site) return r;
  throw std::runtime_error("no row " + period + " " + window + " " + group);
}

TEST(ApportionmentTables, PeriodsAreLocalDaysThenTheEpisode) {
  const auto rows = apportionment_table(hours(30), 8.0, kTags, {split("station", midnight_host())}, 3);
  // 4 periods x 1 series x 2 windows x (2 tags + total), in that order.
  ASSERT_EQ(rows.size(), 24u);
  const std::vector<std::string> periods{"2021-07-01", "2021-07-02", "2021-07-03", "episode"};
  for (std::size_t p = 0; p < 4; ++p)
    for (std::size_t w = 0; w < 2; ++w)
      for (std::size_t g = 0; g < 3; ++g) {
        const TableRow& r = rows[p * 6 + w * 3 + g];
        EXPECT_EQ(r.period, periods[p]);
        EXPECT_EQ(r.window, w == 0 ? "all" : "peak");
        EXPECT_EQ(r.group, g == 0 ? "a" : g == 1 ? "b" : "total");
        EXPECT_EQ(r.site, "station");
        EXPECT_EQ(r.quantity, "pm25");
        EXPECT_EQ(r.unit, "ug m-3");
      }
  // "all": the day's own hours.
  const TableRow& day1 = find(rows, "2021-07-01", "all", "total");
  EXPECT_EQ(day1.window_start, "2021-07-01T20:00:00+08:00");
  EXPECT_EQ(day1.hours, 4);
  EXPECT_DOUBLE_EQ(day1.value, (1.0 + 1.0 + 10.0 + 10.0) / 4.0);
  const TableRow& day2 = find(rows, "2021-07-02", "all", "total");
  EXPECT_EQ(day2.window_start, "2021-07-02T00:00:00+08:00");
  EXPECT_EQ(day2.hours, 24);
  EXPECT_DOUBLE_EQ(day2.value, (10.0 + 5.0 + 6.0 + 5.0 + 20.0) / 24.0);
  const TableRow& episode = find(rows, "episode", "all", "total");
  EXPECT_EQ(episode.hours, 30);
  EXPECT_EQ(episode.window_start, "2021-07-01T20:00:00+08:00");
}

TEST(ApportionmentTables, PeakWindowsAcrossLocalMidnight) {
  const auto rows = apportionment_table(hours(30), 8.0, kTags, {split("station", midnight_host())}, 3);
  // 2021-07-01 (4 hours): windows start at 20:00..23:00 and run into the next day; 22:00-00:00 = 10.
  const TableRow& day1 = find(rows, "2021-07-01", "peak", "total");
  EXPECT_EQ(day1.window_start, "2021-07-01T22:00:00+08:00");
  EXPECT_EQ(day1.hours, 3);
  EXPECT_DOUBLE_EQ(day1.value, 10.0);
  EXPECT_DOUBLE_EQ(find(rows, "2021-07-01", "peak", "a").value, 6.0);
  EXPECT_DOUBLE_EQ(find(rows, "2021-07-01", "peak", "b").value, 4.0);
  // 2021-07-02: its windows start at 00:00 (10, 1, 1: mean 4) and later; 10:00-12:00 has 16/3.
  const TableRow& day2 = find(rows, "2021-07-02", "peak", "total");
  EXPECT_EQ(day2.window_start, "2021-07-02T10:00:00+08:00");
  EXPECT_EQ(day2.hours, 3);
  EXPECT_DOUBLE_EQ(day2.value, 16.0 / 3.0);
  // The episode's peak is the midnight one.
  EXPECT_EQ(find(rows, "episode", "peak", "total").window_start, "2021-07-01T22:00:00+08:00");
}

TEST(ApportionmentTables, PeriodWithFewerThanWHours) {
  // 2021-07-03 has 2 hours at the end of the series: its peak is those 2 hours (no 3-hour window fits).
  const auto rows = apportionment_table(hours(30), 8.0, kTags, {split("station", midnight_host())}, 3);
  const TableRow& day3 = find(rows, "2021-07-03", "peak", "total");
  EXPECT_EQ(day3.window_start, "2021-07-03T00:00:00+08:00");
  EXPECT_EQ(day3.hours, 2);
  EXPECT_DOUBLE_EQ(day3.value, 1.0);
  EXPECT_EQ(find(rows, "2021-07-03", "all", "total").hours, 2);
  // A series shorter than W: every peak is the whole of the period's hours up to the end.
  const auto short_rows = apportionment_table(hours(5), 8.0, kTags, {split("station", {1, 2, 3, 4, 5})}, 8);
  const TableRow& first = find(short_rows, "2021-07-01", "peak", "total");
  EXPECT_EQ(first.hours, 5);  // starts 20:00 on 07-01, runs to the end of the series
  EXPECT_DOUBLE_EQ(first.value, 3.0);
  const TableRow& second = find(short_rows, "2021-07-02", "peak", "total");
  EXPECT_EQ(second.window_start, "2021-07-02T00:00:00+08:00");
  EXPECT_EQ(second.hours, 1);
  EXPECT_DOUBLE_EQ(second.value, 5.0);
  EXPECT_EQ(find(short_rows, "episode", "peak", "total").hours, 5);
}

TEST(ApportionmentTables, TiesTakeTheEarliestWindow) {
  // Two equal 3-hour plateaus: the earliest wins.
  std::vector<double> host(24, 1.0);
  host[5] = host[6] = host[7] = 3.0;
  host[15] = host[16] = host[17] = 3.0;
  // Hours from local midnight (UTC+8): 2021-07-01T16:00Z = 2021-07-02T00:00+08:00.
  const auto times = hours(24, "2021-07-01T16:00:00Z");
  auto rows = apportionment_table(times, 8.0, kTags, {split("station", host)}, 3);
  EXPECT_EQ(find(rows, "2021-07-02", "peak", "total").window_start, "2021-07-02T05:00:00+08:00");
  // A constant host: the period's first hour.
  rows = apportionment_table(times, 8.0, kTags, {split("station", std::vector<double>(24, 2.0))}, 3);
  EXPECT_EQ(find(rows, "2021-07-02", "peak", "total").window_start, "2021-07-02T00:00:00+08:00");
  // Equal sums that differ in the last bit with the order of addition are still a tie:
  // (0.3 + 0.2) + 0.1 = 0.6 but (0.1 + 0.2) + 0.3 = 0.6000000000000001.
  host.assign(24, 0.0);
  host[2] = 0.3, host[3] = 0.2, host[4] = 0.1;
  host[10] = 0.1, host[11] = 0.2, host[12] = 0.3;
  rows = apportionment_table(times, 8.0, kTags, {split("station", host)}, 3);
  EXPECT_EQ(find(rows, "2021-07-02", "peak", "total").window_start, "2021-07-02T02:00:00+08:00");
}

TEST(ApportionmentTables, SharesSumToTheTotal) {
  auto s = split("station", midnight_host());
  // A third tag makes the split uneven: a 60 %, b 40 % minus c, c = 0.1 x host except at hour 3.
  s.by_tag.push_back(std::vector<double>(30, 0.0));
  for (std::size_t h = 0; h < 30; ++h) {
    s.by_tag[2][h] = h == 3 ? 0.0 : 0.1 * s.host[h];
    s.by_tag[1][h] = s.host[h] - s.by_tag[0][h] - s.by_tag[2][h];
  }
  const auto rows = apportionment_table(hours(30), 8.0, {"a", "b", "c"}, {s}, 3);
  std::size_t checked = 0;
  for (std::size_t r = 0; r + 4 <= rows.size(); r += 4) {
    ASSERT_EQ(rows[r + 3].group, "total");
    const double sum = *rows[r].share_percent + *rows[r + 1].share_percent + *rows[r + 2].share_percent;
    EXPECT_NEAR(sum, 100.0, 1e-9) << rows[r].period << " " << rows[r].window;
    EXPECT_NEAR(*rows[r + 3].share_percent, 100.0, 1e-9);
    EXPECT_NEAR(*rows[r].share_percent, 60.0, 1e-9);
    EXPECT_NEAR(rows[r].value + rows[r + 1].value + rows[r + 2].value, rows[r + 3].value, 1e-12);
    ++checked;
  }
  EXPECT_EQ(checked, 8u);
  // Tags that do not close the host: the total's share says by how much.
  auto open = split("station", midnight_host());
  for (auto& v : open.by_tag[1]) v *= 0.5;  // b = 20 % of the host
  const auto open_rows = apportionment_table(hours(30), 8.0, kTags, {open}, 3);
  EXPECT_NEAR(*find(open_rows, "episode", "all", "total").share_percent, 80.0, 1e-9);
  EXPECT_NEAR(*find(open_rows, "episode", "all", "b").share_percent, 20.0, 1e-9);
}

TEST(ApportionmentTables, ZeroHostHasNoShare) {
  const auto rows =
      apportionment_table(hours(4, "2021-07-01T16:00:00Z"), 8.0, kTags, {split("station", {0, 0, 0, 0})}, 2);
  const TableRow& a = find(rows, "2021-07-02", "peak", "a");
  EXPECT_EQ(a.value, 0.0);
  EXPECT_FALSE(a.share_percent.has_value());
  EXPECT_FALSE(find(rows, "2021-07-02", "all", "total").share_percent.has_value());
}

TEST(ApportionmentTables, EachSeriesHasItsOwnPeak) {
  std::vector<double> other(30, 1.0);
  other[20] = other[21] = other[22] = 7.0;  // local 16:00-18:00 on 2021-07-02
  const auto rows = apportionment_table(
      hours(30), 8.0, kTags, {split("station", midnight_host()), split("built-up area", other)}, 3);
  EXPECT_EQ(rows.size(), 48u);
  EXPECT_EQ(find(rows, "2021-07-02", "peak", "total", "station").window_start, "2021-07-02T10:00:00+08:00");
  EXPECT_EQ(find(rows, "2021-07-02", "peak", "total", "built-up area").window_start,
            "2021-07-02T16:00:00+08:00");
}

TEST(ApportionmentTables, LocalTimeText) {
  const UtcTime t = parse_utc("2021-07-01T12:00:00Z");
  EXPECT_EQ(format_local_time(t, 8.0), "2021-07-01T20:00:00+08:00");
  EXPECT_EQ(format_local_time(t, 0.0), "2021-07-01T12:00:00+00:00");
  EXPECT_EQ(format_local_time(t, -3.5), "2021-07-01T08:30:00-03:30");
  EXPECT_EQ(format_local_time(t, 5.75), "2021-07-01T17:45:00+05:45");
}

TEST(ApportionmentTables, BadInputsAreBugs) {
  const auto t = hours(3);
  EXPECT_THROW(apportionment_table(t, 8.0, kTags, {split("s", {1, 2})}), InternalError);  // 2 hours of 3
  auto s = split("s", {1, 2, 3});
  s.by_tag.pop_back();
  EXPECT_THROW(apportionment_table(t, 8.0, kTags, {s}), InternalError);  // 1 tag of 2
  EXPECT_THROW(apportionment_table(t, 8.0, {"a", "total"}, {split("s", {1, 2, 3})}), InternalError);
  EXPECT_THROW(apportionment_table({t[0], t[0], t[1]}, 8.0, kTags, {split("s", {1, 2, 3})}), InternalError);
  EXPECT_THROW(apportionment_table(t, 8.0, kTags, {split("s", {1, 2, 3})}, 0), InternalError);
  EXPECT_TRUE(apportionment_table({}, 8.0, kTags, {}).empty());
}

std::filesystem::path scratch_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const auto dir = std::filesystem::path(AIRSHED_BINARY_DIR) / "tagging_test_scratch" / info->name();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::vector<std::string> lines_of(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(ApportionmentTables, TableCsv) {
  const auto dir = scratch_dir();
  auto s = split("station, north", {0, 0, 0, 0});
  s.host = {4, 8, 4, 4};
  s.by_tag = {{1, 2, 1, 1}, {2, 4, 2, 2}};
  const auto rows = apportionment_table(hours(4, "2021-07-01T16:00:00Z"), 8.0, kTags, {s}, 2);
  write_apportionment_csv((dir / "table.csv").string(), rows);
  const auto lines = lines_of(dir / "table.csv");
  ASSERT_EQ(lines.size(), 1u + rows.size());
  EXPECT_EQ(lines[0], "period,site,quantity,window,window_start,group,value,unit,share_percent");
  EXPECT_EQ(lines[1],
            "2021-07-02,\"station, north\",pm25,all,2021-07-02T00:00:00+08:00,a,1.25,ug m-3,25.000");
  EXPECT_EQ(lines[3],
            "2021-07-02,\"station, north\",pm25,all,2021-07-02T00:00:00+08:00,total,5,ug m-3,75.000");
  EXPECT_EQ(lines[4],
            "2021-07-02,\"station, north\",pm25,peak,2021-07-02T00:00:00+08:00,a,1.5,ug m-3,25.000");
  // Nothing but the table in the folder (the temporary was renamed).
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()),
            1);

  TableRow zero = rows[0];
  zero.share_percent.reset();
  write_apportionment_csv((dir / "zero.csv").string(), {zero});
  EXPECT_EQ(lines_of(dir / "zero.csv")[1],
            "2021-07-02,\"station, north\",pm25,all,2021-07-02T00:00:00+08:00,a,1.25,ug m-3,");
  EXPECT_THROW(write_apportionment_csv((dir / "no" / "such" / "dir.csv").string(), rows), InputError);
}

TEST(ApportionmentTables, ReceptorSeriesCsv) {
  const auto dir = scratch_dir();
  auto pm = split("station", {5, 10});
  auto o3 = split("station", {40, 50});
  o3.quantity = "o3";
  o3.unit = "ppb";
  write_receptor_series_csv((dir / "series.csv").string(), hours(2), 8.0, kTags, {pm, o3});
  const auto lines = lines_of(dir / "series.csv");
  ASSERT_EQ(lines.size(), 1u + 2 * 2 * 3);
  EXPECT_EQ(lines[0], "time_utc,time_local,site,quantity,group,value,unit");
  EXPECT_EQ(lines[1], "2021-07-01T12:00:00Z,2021-07-01T20:00:00+08:00,station,pm25,a,3,ug m-3");
  EXPECT_EQ(lines[2], "2021-07-01T12:00:00Z,2021-07-01T20:00:00+08:00,station,pm25,b,2,ug m-3");
  EXPECT_EQ(lines[3], "2021-07-01T12:00:00Z,2021-07-01T20:00:00+08:00,station,pm25,total,5,ug m-3");
  EXPECT_EQ(lines[6], "2021-07-01T12:00:00Z,2021-07-01T20:00:00+08:00,station,o3,total,40,ppb");
  EXPECT_EQ(lines[12], "2021-07-01T13:00:00Z,2021-07-01T21:00:00+08:00,station,o3,total,50,ppb");
  EXPECT_THROW(write_receptor_series_csv((dir / "bad.csv").string(), hours(3), 8.0, kTags, {pm}),
               InternalError);
  EXPECT_FALSE(std::filesystem::exists(dir / "bad.csv"));
}

}  // namespace
}  // namespace airshed
