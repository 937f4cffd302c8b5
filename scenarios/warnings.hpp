// SPDX-License-Identifier: Apache-2.0
#pragma once
// Heavy-pollution weather warning levels from an hourly AQI forecast (issue 7): the 2017-19 national grading
// (blue/yellow/orange/red, the basis of the Inner Mongolia 2020 plan) and the 2024 national guidance
// 环大气〔2024〕6号 (yellow/orange/red), selectable. "Daily AQI" is the AQI of any 24 consecutive hours, also
// across midnight; episodes whose gap does not last long enough to lift the first warning are one episode;
// O3- and dust-driven episodes are flagged because their response differs. Every rule with its source, and
// what was chosen where the sources are silent, is in docs/warnings.md; the sources are collected in
// /work/shared/reference/china-aqi-warnings-emissions.md section 2 ("reference §2.x" below).
#include <string>
#include <vector>

#include "core/time.hpp"

namespace airshed::scenarios {

/// Warning levels, lowest first. Blue exists only in the 2017-19 grading (reference §2.1), and the Inner
/// Mongolia 2020 plan dropped it (reference §2.5); it is off unless WarningOptions::blue.
enum class WarningLevel { none = 0, blue = 1, yellow = 2, orange = 3, red = 4 };
/// "none", "blue", "yellow", "orange", "red".
std::string to_string(WarningLevel level);

enum class WarningRules {
  mee2018,  ///< 2017-19 national grading (MEE 2017; 环办大气函〔2018〕875号, 〔2019〕648号), reference §2.1
  mee2024,  ///< 环大气〔2024〕6号, reference §2.2
};
/// "2018" (also "2017", "2019", "2018-19", "mee2018", "MEE-2018") or "2024" ("mee2024", "MEE-2024");
/// InputError("warning rules", ...) otherwise.
WarningRules parse_warning_rules(const std::string& text);
/// "2018" or "2024".
std::string to_string(WarningRules rules);

/// Which 24-h windows count as days.
enum class DayWindows {
  rolling,   ///< any 24 consecutive hours, across midnight: what both rule sets say (default)
  calendar,  ///< local calendar days only (the window ending at local midnight), for comparison
};

/// The response the episode calls for (reference §2.2, differentiated response; §2.5, dust excluded from
/// the Inner Mongolia plan).
enum class WarningResponse {
  none,
  emergency_reduction,  ///< PM2.5 (and other) episodes: emergency emission reduction per level (§2.3)
  ozone_advisory,       ///< O3 episodes: health advisories, stepped-up supervision of VOC and NOx sources
  dust_advisory,        ///< dust episodes: health advisories and dust control only, no reduction warning
};
/// One line, e.g. "emergency emission reduction: SO2, NOx, PM and VOCs each >= 20 % of city-wide emissions".
std::string describe(WarningResponse response, double reduction);

/// One hour of the forecast: the AQI of the 24-hour window ending at `time`.
struct AqiHour {
  /// End of the hour, and of the 24-h window (time - 24 h, time]. Consecutive entries are exactly 1 h apart.
  UtcTime time;
  /// AQI of the 24 h ending at `time` (HJ 633 daily AQI of that window: 24-h means, O3 by its 1-h and 8-h
  /// maxima), computed by the AQI module; finite and >= 0.
  double aqi_24h = 0;
  /// Primary pollutant(s) of that window, jointly primary ones all listed: "PM2.5", "PM10", "O3", "SO2",
  /// "NO2", "CO", each optionally with a period suffix as the AQI module's labels ("PM2.5_24h", "O3_8h",
  /// "O3_1h"). Required when aqi_24h > 50 (HJ 633-2012 §5: above 50 there is a primary pollutant, reference
  /// §1.3).
  std::vector<std::string> primary;
  /// The window is influenced by sand-dust (from the dust model or the forecaster).
  bool dust = false;
};

struct WarningOptions {
  WarningRules rules = WarningRules::mee2024;
  DayWindows windows = DayWindows::rolling;
  /// Local time, hours east of UTC (Ordos: 8); used for calendar days and printed local times.
  int utc_offset_hours = 8;
  /// Issue blue warnings (2018 rules only; the national 2017-19 grading has it, Inner Mongolia 2020 not).
  bool blue = false;
  /// 2018 orange needs a day > 300 besides 3 days > 200 (national 2017 text); false: the Hohhot 2019 and
  /// Xinzhou texts, which omit it (reference §2.1).
  bool orange_needs_day_above_300 = true;
  /// A warning is lifted when the AQI is below the lowest warning criterion and stays there more than this
  /// (reference §2.1: 36 h, Taiyuan 2019, Yangzhou 2026); episodes at most this far apart are one.
  double lift_hours = 36;
};

/// One 24-h window: [end - 24 h, end].
struct DayWindow {
  UtcTime end;
  double aqi = 0;
  std::vector<std::string> primary;  ///< normalised: "PM2.5", "PM10", "O3", "SO2", "NO2", "CO"
  bool dust = false;
};

struct WarningEpisode {
  WarningLevel level = WarningLevel::none;
  /// Start of the first and end of the last warning-qualifying 24-h window (may precede the first hour).
  UtcTime start, end;
  /// The condition met at `level`, quoted from the rule set with its source.
  std::string rule;
  /// Days (24-h windows, chained 24 h apart) counted for the rules, summed over the merged parts: the longest
  /// chain of windows above 150, above 200 and above 300 inside each part.
  int days_above_150 = 0, days_above_200 = 0, days_above_300 = 0;
  bool reaches_500 = false;  ///< some window inside the episode has AQI >= 500
  /// The chain(s) that met the rule: per part, the longest chain above the rule's threshold, in time order.
  std::vector<DayWindow> days;
  DayWindow peak;  ///< the window with the highest AQI (the first of equals)
  /// Driving pollutant: the most frequent primary pollutant of the qualifying windows (ties: larger summed
  /// AQI, then PM2.5, PM10, O3, SO2, NO2, CO).
  std::string pollutant;
  bool ozone_driven = false;  ///< pollutant is O3
  bool dust_driven = false;   ///< pollutant is PM10, or most qualifying windows are marked dust
  /// Number of episodes merged into this one (1: not merged); parts holds their spans.
  int merged_from = 1;
  std::vector<std::pair<UtcTime, UtcTime>> parts;
  bool merged() const { return merged_from > 1; }
  WarningResponse response = WarningResponse::none;
  double reduction = 0;  ///< mandated reduction fraction for emergency_reduction (0.10/0.20/0.30), else 0
  /// The warning is lifted at `end`: the forecast runs more than lift_hours past `end` without a warning
  /// criterion met. False: the forecast ends too soon to show it.
  bool lifted = false;
  std::string why;  ///< one line: level, span, rule, counts, pollutant, merging, response
};

struct WarningResult {
  WarningLevel highest = WarningLevel::none;
  std::vector<WarningEpisode> episodes;  ///< in time order
  /// One line: the first episode at the highest level and why, or why there is none (highest 24-h AQI).
  std::string why;
};

/// Warnings from an hourly series of 24-h AQI. Throws InputError("warning series", ...) for an empty series,
/// times not exactly 1 h apart and increasing, an AQI that is not finite or negative, an unknown pollutant,
/// or no primary above AQI 50; InputError("warning options", ...) for blue with the 2024 rules, an offset
/// outside -12..14 h, or lift_hours not positive.
WarningResult evaluate_warnings(const std::vector<AqiHour>& series, const WarningOptions& options = {});

/// Minimum reduction of SO2, NOx, PM and VOCs, each as a fraction of city-wide emissions: yellow 0.10, orange
/// 0.20, red 0.30 (2018/2019 MEE guidance, reference §2.3); none and blue 0 (no ratio in the reference).
double mandated_reduction(WarningLevel level);

}  // namespace airshed::scenarios
