// SPDX-License-Identifier: Apache-2.0
// The apportionment tables and receptor series (docs/apportionment-outputs.md): pure computation on hourly
// series already extracted from the run, and their CSV files.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace airshed {

/// One quantity at one site (a receptor, or an area mean such as the built-up area): the host model's
/// value and each tag's contribution, hour by hour, in `unit`.
struct SiteSeries {
  std::string site;
  std::string quantity;                     ///< e.g. "pm25", "pm25_so4", "o3_n"
  std::string unit;                         ///< e.g. "ug m-3", "ppb"
  std::vector<double> host;                 ///< [hour]
  std::vector<std::vector<double>> by_tag;  ///< [tag][hour]
};

/// One row of the table (write_apportionment_csv writes these columns in this order).
struct TableRow {
  std::string period;  ///< local date "YYYY-MM-DD", or "episode" (the whole series)
  std::string site;
  std::string quantity;
  std::string window;        ///< "all" or "peak"
  std::string window_start;  ///< local time of the window's first hour, "2021-07-01T14:00:00+08:00"
  std::string group;         ///< a tag name, or "total" (the host)
  double value = 0.0;        ///< mean over the window's hours
  std::string unit;
  std::optional<double> share_percent;  ///< value / host mean x 100; none when the host mean is 0
  int hours = 0;                        ///< hours in the window (not a CSV column)
};

/// Each tag's mean and share of the host, per period and window, for every series.
///
/// `times[h]` is the UTC time stamp of hour h (strictly increasing; the series are hourly, so a window of W
/// hours is W consecutive entries). An hour belongs to the local calendar day of times[h] + utc_offset_hours.
/// Periods: every local day present, in order, then "episode" (the whole series). Windows per period:
///  - "all": the mean over all hours of the period;
///  - "peak": the W = `peak_window_hours` consecutive hours with the highest mean of the host among the
///    windows that start at an hour of the period (the MDA8 rule: a window may run into the next day);
///    ties (equal to a relative 1e-12): the earliest. A window must have all W hours in the series; a period
///    where none fits (a series shorter than W, or a last day that starts fewer than W hours before the end
///    of the series) gets the one window from its first hour to the end of the series, of fewer than W
///    hours. A first day with fewer than W hours gets an ordinary W-hour window reaching into the next day.
/// Rows, per (period, series, window): one per tag in `tag_names` order, then "total" with the host mean
/// and share = sum of the tag means / host mean x 100. Series of different quantities choose their peak
/// from their own host (give the N- and V-limited O3 series the total O3 as host to share its window).
/// Throws InternalError for sizes that do not match, times that do not increase, W < 1 or a tag "total".
std::vector<TableRow> apportionment_table(const std::vector<UtcTime>& times, double utc_offset_hours,
                                          const std::vector<std::string>& tag_names,
                                          const std::vector<SiteSeries>& series, int peak_window_hours = 8);

/// The table as CSV: period,site,quantity,window,window_start,group,value,unit,share_percent (empty when
/// none). Written under a temporary name and renamed into place; failure is an InputError naming `path`.
void write_apportionment_csv(const std::string& path, const std::vector<TableRow>& rows);

/// The hourly series in long format: time_utc,time_local,site,quantity,group,value,unit, one row per hour x
/// series x group (the tags, then "total" = the host), hours outermost. Written as write_apportionment_csv;
/// the same checks as apportionment_table.
void write_receptor_series_csv(const std::string& path, const std::vector<UtcTime>& times,
                               double utc_offset_hours, const std::vector<std::string>& tag_names,
                               const std::vector<SiteSeries>& series);

/// "2021-07-01T14:00:00+08:00": the local time of `t` at `utc_offset_hours` (whole minutes).
std::string format_local_time(UtcTime t, double utc_offset_hours);

}  // namespace airshed
