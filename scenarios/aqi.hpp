// SPDX-License-Identifier: Apache-2.0
#pragma once
// China's Air Quality Index (AQI) per HJ 633-2012 and HJ 633-2026 (docs/aqi.md): the individual indices
// (IAQI) of SO2, NO2, CO, O3, PM10 and PM2.5 by linear interpolation of the breakpoint table, the special
// rules above the tables, the rounding, the AQI (largest IAQI), its level and colour, the primary and the
// exceeding pollutants; daily (24-h means, O3 1-h maximum and MDA8) and hourly products from hourly
// concentrations, and the observations CSV that `airshed aqi` reads.
// Every number here comes from /work/shared/reference/china-aqi-warnings-emissions.md section 1 ("ref
// 1.x" below), except where a comment says it is this module's choice.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace airshed::scenarios {

// ---- standards -----------------------------------------------------------------------------------------

enum class AqiStandard { hj633_2012, hj633_2026 };
/// "HJ 633-2012" or "HJ 633-2026".
std::string aqi_standard_name(AqiStandard s);
/// "2012", "2026", "HJ633-2012", "HJ 633-2026" (case-insensitive); InputError at `where` otherwise.
AqiStandard aqi_standard_from(const std::string& text, const std::string& where);
/// The standard in force on a calendar date in China: HJ 633-2026 from 2026-03-01 (ref 1.4), else 2012.
AqiStandard default_standard(int year, int month, int day);
/// The same for an instant, whose date is taken in China Standard Time (UTC+8, the zone of the
/// standard's effective date).
AqiStandard default_standard(UtcTime t);

// ---- pollutants and the breakpoint tables ------------------------------------------------------------

enum class Pollutant { so2, no2, co, o3, pm10, pm25 };
inline constexpr std::array<Pollutant, 6> kPollutants{Pollutant::so2, Pollutant::no2,  Pollutant::co,
                                                      Pollutant::o3,  Pollutant::pm10, Pollutant::pm25};
/// "SO2", "NO2", "CO", "O3", "PM10", "PM2.5".
const char* pollutant_name(Pollutant p);
/// The AQI's unit: "mg/m3" for CO, "ug/m3" for the others (ref 1.1).
const char* pollutant_unit(Pollutant p);
/// By pollutant_name (exact spelling); nothing for another name.
std::optional<Pollutant> pollutant_from(const std::string& name);

/// An averaging period: of a concentration, or of a breakpoint column.
enum class Period { h1, h8, h24 };
/// "1h", "8h", "24h".
const char* period_name(Period p);

/// The IAQI of the breakpoint rows (ref 1.1, the first column of HJ 633-2012 Table 1).
inline constexpr std::array<double, 8> kIaqiRows{0, 50, 100, 150, 200, 300, 400, 500};

/// The concentration breakpoints of one column (ref 1.1; 1.4 for the PM columns of 2026), one per row of
/// kIaqiRows from IAQI 0: eight values, five for SO2 1h (the table stops at IAQI 200) and six for O3 8h (it
/// stops at 300); empty where the standard has no column (PM 1h or 8h, O3 24h, SO2/NO2/CO 8h).
std::span<const double> breakpoints(AqiStandard s, Pollutant p, Period column);

// ---- settings -----------------------------------------------------------------------------------------

/// How the interpolated IAQI becomes the reported one.
enum class IaqiRounding {
  ceiling,  ///< up to the next integer: HJ 633-2026 §4.2.6 as cited by third-party tools (ref 1.3); default
  half_up,  ///< to the nearest integer, halves up (GB/T 8170-style; an alternative, not a standard's rule)
  none,     ///< the exact interpolated value (for comparisons with other codes)
};
/// "ceiling", "half-up", "none"; InputError at `where` otherwise.
IaqiRounding iaqi_rounding_from(const std::string& text, const std::string& where);

/// What happens above the last breakpoint of the SO2 1-h column (800 ug/m3) and the O3 8-h column (800).
enum class SpecialRule {
  other_period,  ///< HJ 633-2012 notes (b), (c): no IAQI from this column; SO2 reported from its 24-h
                 ///< value, O3 from its 1-h value (ref 1.1)
  table_top,     ///< third-party HJ 633-2026 tools: SO2 1-h IAQI = 200, O3 8-h IAQI = 300 (ref 1.4)
};

/// Which 8-h means make the daily maximum 8-h O3 (MDA8). Hours are counted by their beginning.
enum class Mda8Window {
  within_day,     ///< the 17 means of hours 00-07 ... 16-23 of the day ("ending 08:00-24:00", ref 1.5,
                  ///< HJ 663-2013 as commonly quoted): default
  ending_in_day,  ///< the 24 means ending in the day's hours (the first 7 reach into the day before)
};

struct AqiSettings {
  IaqiRounding rounding = IaqiRounding::ceiling;
  /// Round each concentration to the precision China's network publishes (whole ug/m3; CO to 0.1 mg/m3,
  /// halves up) before the IAQI. Off by default: the references do not require it (this module's choice,
  /// offered because published AQIs are computed from published concentrations).
  bool round_concentrations = false;
  /// Empty: the standard's own (2012: other_period; 2026: table_top, the only 2026 behaviour the reference
  /// found, marked there "verify against the MEE PDF").
  std::optional<SpecialRule> special_rule;
  /// Data validity (GB 3095-2012 Table 4, not in the reference: at least 20 hourly values for a 24-h mean,
  /// at least 6 in each 8-h mean).
  int min_hours_24h = 20;
  int min_hours_8h = 6;
  /// Valid 8-h means needed for an MDA8 (HJ 663-2013: 14 of the 17 windows, not in the reference); with
  /// ending_in_day it is scaled to 14 x 24 / 17, rounded up (20).
  int min_8h_means_mda8 = 14;
  Mda8Window mda8_window = Mda8Window::within_day;
  /// Hourly values the daily maximum 1-h O3 needs (this module's choice: as many as a 24-h mean, so a day
  /// with few hours does not get a maximum of a few hours).
  int min_hours_1h_max = 20;
};

/// The rule in force: settings.special_rule, else the standard's.
SpecialRule special_rule(AqiStandard s, const AqiSettings& settings);

// ---- one IAQI -----------------------------------------------------------------------------------------

enum class IaqiNote {
  none,
  above_table,   ///< above the IAQI-500 breakpoint: IAQI 500 (HJ 633 has no higher row; this module's choice)
  other_period,  ///< SpecialRule::other_period applied: no IAQI from this column
  table_top,     ///< SpecialRule::table_top applied
};

struct Iaqi {
  std::optional<double> value;  ///< nothing when the special rule sends the pollutant to another period
  IaqiNote note = IaqiNote::none;
};

/// Round a concentration to the published precision (see AqiSettings::round_concentrations).
double round_concentration(Pollutant p, double concentration);
/// Apply the rounding to an interpolated IAQI. A value within 1e-9 of an integer counts as that integer,
/// so that a decimal concentration landing on a whole IAQI is not pushed up by binary round-off.
double round_iaqi(double value, IaqiRounding rounding);

/// IAQI_P = (IAQI_Hi - IAQI_Lo) / (BP_Hi - BP_Lo) x (C_P - BP_Lo) + IAQI_Lo (HJ 633-2012 eq. 1, ref 1.1),
/// rounded per settings, with the special rules above the table. `concentration` in pollutant_unit(p),
/// >= 0. Throws std::invalid_argument for a column the standard does not have or a negative or non-finite
/// concentration.
Iaqi iaqi(AqiStandard s, Pollutant p, Period column, double concentration, const AqiSettings& settings = {});

// ---- levels -------------------------------------------------------------------------------------------

/// One AQI level (ref 1.2, HJ 633-2012 Appendix A).
struct AqiLevel {
  int level;                ///< 1..6
  const char* roman;        ///< "I".."VI"
  const char* category_zh;  ///< "优"
  const char* category_en;  ///< "Excellent"
  const char* colour_zh;    ///< "绿色"
  const char* colour_en;    ///< "green"
  const char* hex;          ///< "#00E400"
  double upper;             ///< the level holds AQI <= upper (and > the previous level's upper)
};
/// The level of an AQI >= 0: <= 50 I, <= 100 II, <= 150 III, <= 200 IV, <= 300 V, above VI.
const AqiLevel& aqi_level(double aqi);

// ---- an AQI from its items ----------------------------------------------------------------------------

/// One pollutant and period entering an AQI.
struct IaqiItem {
  Pollutant pollutant = Pollutant::so2;
  Period period = Period::h24;          ///< of the concentration
  Period column = Period::h24;          ///< of the breakpoints (PM 1-h values use the 24-h column)
  std::optional<double> concentration;  ///< in pollutant_unit(); nothing: missing or not valid
  Iaqi iaqi;
  /// "<pollutant>_<period>", e.g. "PM2.5_24h", "O3_8h".
  std::string label() const;
};

/// An item with its IAQI computed (none when the concentration is missing).
IaqiItem make_item(AqiStandard s, Pollutant p, Period period, Period column, std::optional<double> c,
                   const AqiSettings& settings);

struct AqiResult {
  AqiStandard standard = AqiStandard::hj633_2012;
  std::optional<double> aqi;  ///< the largest IAQI (HJ 633-2012 eq. 2); nothing when no item has one
  const AqiLevel* level = nullptr;
  std::vector<IaqiItem> items;
  /// Labels of the items with the largest IAQI, all of them when tied, and only when AQI > 50 (ref 1.3).
  std::vector<std::string> primary;
  std::vector<std::string> exceeding;  ///< labels of items with IAQI > 100 (ref 1.3)
  std::vector<std::string> missing;    ///< labels of items without a concentration
  std::vector<std::string> notes;      ///< special rules and above-table values, one phrase each
};
/// The AQI, level, primary, exceeding and missing lists of a set of items.
AqiResult combine(AqiStandard s, std::vector<IaqiItem> items);

// ---- daily and hourly products ------------------------------------------------------------------------

/// Hourly concentrations of one station, in pollutant_unit(). values[p][k] (p in kPollutants order) is the
/// mean over the hour that begins `first_hour + k` hours after 1970-01-01T00:00 local time; NaN: missing.
struct StationHours {
  std::string station;
  std::int64_t first_hour = 0;
  std::size_t hours = 0;
  std::array<std::vector<double>, 6> values;
};

/// Which standard: a fixed one, or nothing for default_standard() of each local date.
struct AqiOptions {
  std::optional<AqiStandard> standard;
  AqiSettings settings;
};

struct DailyAqi {
  std::string station;
  int year = 0, month = 0, day = 0;  ///< local date
  AqiResult result;                  ///< items SO2/NO2/CO/PM10/PM2.5 24h, O3 1h (daily max), O3 8h (MDA8)
};

struct HourlyAqi {
  std::string station;
  std::int64_t hour = 0;  ///< local hour (its beginning), as StationHours::first_hour
  /// Items: SO2, NO2, CO, O3 1-h values, the O3 8-h mean of this and the 7 hours before, PM10 and PM2.5
  /// 1-h values against the 24-h column (ref 1.1 and 1.4: the real-time report uses 1-h values);
  /// SO2_24h (the mean of this and the 23 hours before) replaces SO2_1h under SpecialRule::other_period.
  AqiResult result;
};

/// Mean of the finite values among `values`, when at least `min_valid` are finite.
std::optional<double> valid_mean(std::span<const double> values, int min_valid);
/// MDA8 of the day whose hour 00 is index `day_start` of `o3` (indices before 0 or past the end count as
/// missing): the largest valid 8-h mean of the settings' window, when enough are valid.
std::optional<double> mda8(std::span<const double> o3, std::int64_t day_start, const AqiSettings& settings);

/// One row per local date from the first to the last hour of the series (partial days included: their
/// items are missing where the validity rules fail).
std::vector<DailyAqi> daily_aqi(const StationHours& series, const AqiOptions& options);
/// One row per hour of the series.
std::vector<HourlyAqi> hourly_aqi(const StationHours& series, const AqiOptions& options);

// ---- observations -------------------------------------------------------------------------------------

enum class ObservationFormat {
  airshed,  ///< station, time (ISO 8601 with offset or Z), pollutant columns with units (docs/aqi.md)
  prsa,     ///< UCI "Beijing Multi-Site Air Quality" (PRSA): year, month, day, hour (Beijing time), ug/m3
};
/// "airshed" or "prsa"; InputError at `where` otherwise.
ObservationFormat observation_format_from(const std::string& text, const std::string& where);

struct ObservationOptions {
  ObservationFormat format = ObservationFormat::airshed;
  /// The products' local time, hours east of UTC (China: 8). Times are whole hours in it.
  int utc_offset_hours = 8;
  /// The file's times mark the end of each averaging hour (China's network usually stamps 01:00 on the mean
  /// of 00:00-01:00); false: the beginning (default; PRSA's hour 0..23 taken as the hour beginning).
  bool hour_ending = false;
  /// Values above these (in pollutant_unit(), kPollutants order) are implausible: reported and counted as
  /// missing. This module's judgement, not a standard: SO2 4000, NO2 2000 ug/m3, CO 50 mg/m3, O3 1000
  /// ug/m3 (about 500 ppb), PM10 10000 (dust storms), PM2.5 3000 ug/m3.
  std::array<double, 6> plausible_max{4000, 2000, 50, 1000, 10000, 3000};
};

/// One value not used: "<file>:<line>: column '<header>': <why>; counted as missing".
struct ObservationProblem {
  std::string station;
  Pollutant pollutant = Pollutant::so2;
  std::string message;
};

struct Observations {
  std::string file;
  int utc_offset_hours = 8;            ///< of the local hours
  std::vector<StationHours> stations;  ///< in order of first appearance
  std::vector<ObservationProblem> implausible;
  /// Per station (same order) and pollutant: hourly values present and usable, missing (empty, NA, or an
  /// hour without a row inside the station's span) and implausible.
  std::vector<std::array<std::size_t, 6>> present, missing, rejected;
  /// Pollutants that have a column in the file.
  std::array<bool, 6> has_column{};
};

/// Parse an observations table. Malformed content (no header, a missing time/station column, a pollutant
/// column without a known unit, a time that is not ISO 8601 with an offset or is not a whole hour, text in a
/// value cell, the same station and hour twice) throws InputError "<file>:<line>: ...". Negative, nan, inf
/// and above-plausible values are kept out and listed in `implausible`.
Observations parse_observations(const std::string& file, const std::string& text,
                                const ObservationOptions& options);
/// Read and parse a file (InputError when it cannot be read).
Observations read_observations(const std::string& path, const ObservationOptions& options);

// ---- outputs ------------------------------------------------------------------------------------------

/// "2015-01-01" of a DailyAqi; "2015-01-01T08:00+08:00" of a local hour (its beginning) at the offset.
std::string format_local_hour(std::int64_t hour, int utc_offset_hours);

/// Daily CSV (docs/aqi.md): station, date, standard, AQI, level, category, category_zh, colour, primary,
/// exceeding, missing, notes, then per item its concentration and IAQI. Written to a temporary and renamed.
void write_daily_csv(const std::string& path, const std::vector<DailyAqi>& days);
/// Hourly CSV: the same with `time` (local, hour beginning, with offset) instead of `date`.
void write_hourly_csv(const std::string& path, const std::vector<HourlyAqi>& hours, int utc_offset_hours);

/// The printed summary: per station, days per level and days without an AQI, per pollutant the hours
/// present, missing and implausible, then the first `max_problems` implausible values.
std::string format_aqi_summary(const Observations& obs, const std::vector<DailyAqi>& days,
                               std::size_t max_problems = 20);

}  // namespace airshed::scenarios
