// SPDX-License-Identifier: Apache-2.0
// Heavy-pollution warning levels from an hourly 24-h AQI series. The rules, their sources and the choices
// made where the sources are silent are in docs/warnings.md; "reference §2.x" is section 2 of
// /work/shared/reference/china-aqi-warnings-emissions.md.
#include "scenarios/warnings.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>

#include "core/error.hpp"

namespace airshed::scenarios {

namespace {

constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kDay = 24 * kHour;
/// Consecutive days are windows 24 entries apart in an hourly series.
constexpr std::size_t kDayStep = 24;
const std::string kSeries = "warning series";
const std::string kOptions = "warning options";

/// The pollutants in the tie-break order of the driving pollutant (docs/warnings.md): PM2.5 first because
/// it is what the emergency measures target, then the other particles, then the gases.
constexpr std::array<const char*, 6> kPollutants{"PM2.5", "PM10", "O3", "SO2", "NO2", "CO"};

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

/// "PM2.5", "pm2.5_24h", "O3_8h", ... -> canonical name; nothing when unknown.
std::optional<std::string> normalise_pollutant(const std::string& label) {
  std::string name = upper(label);
  if (const auto u = name.find('_'); u != std::string::npos) {
    const std::string period = name.substr(u + 1);
    if (period != "1H" && period != "8H" && period != "24H") return std::nullopt;
    name.resize(u);
  }
  if (name == "PM25") name = "PM2.5";
  for (const char* p : kPollutants)
    if (name == upper(p)) return std::string(p);
  return std::nullopt;
}

std::string fmt_aqi(double a) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", a);
  if (std::abs(a - std::round(a)) > 1e-9) std::snprintf(buf, sizeof buf, "%.1f", a);
  return buf;
}

/// "2026-01-05T16:00+08:00": local time, as the bulletin prints it.
std::string fmt_local(UtcTime t, int offset_hours) {
  const CivilTime c = to_civil(UtcTime{t.seconds + offset_hours * kHour});
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d%c%02d:00", c.year, c.month, c.day, c.hour,
                c.minute, offset_hours < 0 ? '-' : '+', std::abs(offset_hours));
  return buf;
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string s;
  for (std::size_t k = 0; k < v.size(); ++k) s += (k ? sep : "") + v[k];
  return s;
}

std::string citation(WarningRules r) {
  return r == WarningRules::mee2018
             ? "[MEE 2017 grading, 环办大气函〔2018〕875号 and 〔2019〕648号; reference §2.1]"
             : "[环大气〔2024〕6号; reference §2.2]";
}

/// A clause of a rule set that held for an episode: its level, its text and the threshold of the chain that
/// shows it (150, 200, or 500 for "reaches 500").
struct Clause {
  WarningLevel level = WarningLevel::none;
  std::string text;
  int threshold = 200;
};

/// Day counts of an episode (summed over its parts) -> the highest clause that holds. The 2018 clauses
/// (reference §2.1): blue > 200 for 1 day; yellow > 200 for >= 2 days (48 h); orange > 200 for >= 3 days
/// (72 h) and > 300 on >= 1 day; red > 200 for >= 4 days (96 h) and > 300 for >= 2 days (48 h), or AQI
/// reaching 500. The 2024 clauses (reference §2.2): yellow > 200, or > 150 for >= 48 h; orange > 200 for
/// >= 48 h, or > 150 for >= 72 h; red > 200 for >= 72 h and > 300 for >= 24 h.
Clause highest_clause(const WarningOptions& o, int d150, int d200, int d300, bool reaches_500) {
  if (o.rules == WarningRules::mee2018) {
    if (d200 >= 4 && d300 >= 2)
      return {WarningLevel::red, "daily AQI > 200 for >= 4 days (96 h) and > 300 for >= 2 days (48 h)", 200};
    if (reaches_500) return {WarningLevel::red, "daily AQI reaches 500 (>= 1 day)", 500};
    if (o.orange_needs_day_above_300 && d200 >= 3 && d300 >= 1)
      return {WarningLevel::orange, "daily AQI > 200 for >= 3 days (72 h) and > 300 on >= 1 day", 200};
    if (!o.orange_needs_day_above_300 && d200 >= 3)
      return {WarningLevel::orange,
              "daily AQI > 200 for >= 3 days (72 h) (variant without the > 300 day: Hohhot 2019, Xinzhou)",
              200};
    if (d200 >= 2) return {WarningLevel::yellow, "daily AQI > 200 for >= 2 days (48 h)", 200};
    if (o.blue && d200 >= 1) return {WarningLevel::blue, "daily AQI > 200 for 1 day", 200};
    return {};
  }
  if (d200 >= 3 && d300 >= 1)
    return {WarningLevel::red, "daily AQI > 200 for >= 72 h and > 300 for >= 24 h", 200};
  if (d200 >= 2) return {WarningLevel::orange, "daily AQI > 200 for >= 48 h", 200};
  if (d150 >= 3) return {WarningLevel::orange, "daily AQI > 150 for >= 72 h", 150};
  if (d200 >= 1) return {WarningLevel::yellow, "daily AQI > 200", 200};
  if (d150 >= 2) return {WarningLevel::yellow, "daily AQI > 150 for >= 48 h", 150};
  return {};
}

/// The longest chain of windows above a threshold inside a part: its length and the index of its last
/// window (the earliest of equally long chains).
struct Chain {
  int length = 0;
  std::size_t last = 0;
};

/// Indices [lo, hi] of the windows lying inside one part.
struct Part {
  UtcTime start, end;
  std::size_t lo = 0, hi = 0;
  Chain above150, above200, above300;
  std::optional<std::size_t> first_500;
};

void validate(const std::vector<AqiHour>& series, const WarningOptions& o) {
  if (o.rules == WarningRules::mee2024 && o.blue)
    throw InputError(kOptions,
                     "blue warnings exist only in the 2018 rules (reference §2.1); the 2024 rules "
                     "have yellow, orange and red");
  if (o.utc_offset_hours < -12 || o.utc_offset_hours > 14)
    throw InputError(kOptions,
                     "utc_offset_hours " + std::to_string(o.utc_offset_hours) + " is outside -12..14");
  if (!std::isfinite(o.lift_hours) || o.lift_hours <= 0)
    throw InputError(kOptions, "lift_hours must be a positive number of hours");
  if (series.empty()) throw InputError(kSeries, "no hours: the forecast is empty");
  for (std::size_t i = 0; i < series.size(); ++i) {
    const AqiHour& h = series[i];
    const std::string at = "hour " + std::to_string(i) + " (" + format_utc(h.time) + ")";
    if (i > 0 && h.time.seconds - series[i - 1].time.seconds != kHour)
      throw InputError(kSeries, at + ": not 1 h after the previous hour (" + format_utc(series[i - 1].time) +
                                    "); times must increase by exactly 1 h");
    if (!std::isfinite(h.aqi_24h)) throw InputError(kSeries, at + ": aqi_24h is not a finite number");
    if (h.aqi_24h < 0) throw InputError(kSeries, at + ": aqi_24h " + fmt_aqi(h.aqi_24h) + " is negative");
    for (const std::string& p : h.primary)
      if (!normalise_pollutant(p))
        throw InputError(kSeries,
                         at + ": primary pollutant '" + p +
                             "' is not one of PM2.5, PM10, O3, SO2, NO2, CO (optionally _1h, _8h, _24h)");
    if (h.aqi_24h > 50 && h.primary.empty())
      throw InputError(kSeries, at + ": aqi_24h " + fmt_aqi(h.aqi_24h) +
                                    " > 50 needs a primary pollutant (HJ 633-2012 §5)");
  }
}

DayWindow window_of(const AqiHour& h) {
  DayWindow w{h.time, h.aqi_24h, {}, h.dust};
  for (const std::string& p : h.primary) {
    std::string name = *normalise_pollutant(p);
    if (std::find(w.primary.begin(), w.primary.end(), name) == w.primary.end()) w.primary.push_back(name);
  }
  return w;
}

}  // namespace

std::string to_string(WarningLevel level) {
  switch (level) {
    case WarningLevel::none:
      return "none";
    case WarningLevel::blue:
      return "blue";
    case WarningLevel::yellow:
      return "yellow";
    case WarningLevel::orange:
      return "orange";
    case WarningLevel::red:
      return "red";
  }
  throw InternalError("to_string: bad WarningLevel");
}

WarningRules parse_warning_rules(const std::string& text) {
  const std::string t = upper(text);
  if (t == "2018" || t == "2017" || t == "2019" || t == "2018-19" || t == "MEE2018" || t == "MEE-2018")
    return WarningRules::mee2018;
  if (t == "2024" || t == "MEE2024" || t == "MEE-2024") return WarningRules::mee2024;
  throw InputError("warning rules", "'" + text +
                                        "' is not a rule set; use 2018 (2017-19 national grading) or "
                                        "2024 (环大气〔2024〕6号)");
}

std::string to_string(WarningRules rules) {
  return rules == WarningRules::mee2018 ? "2018" : "2024";
}

double mandated_reduction(WarningLevel level) {
  switch (level) {
    case WarningLevel::yellow:
      return 0.10;
    case WarningLevel::orange:
      return 0.20;
    case WarningLevel::red:
      return 0.30;
    default:
      return 0.0;
  }
}

std::string describe(WarningResponse response, double reduction) {
  switch (response) {
    case WarningResponse::none:
      return "no response";
    case WarningResponse::emergency_reduction:
      if (reduction <= 0) return "emergency emission reduction (no mandated ratio at this level)";
      return "emergency emission reduction: SO2, NOx, PM and VOCs each reduced by >= " +
             fmt_aqi(100 * reduction) + " % of city-wide emissions (reference §2.3)";
    case WarningResponse::ozone_advisory:
      return "O3 episode: health advisories and stepped-up supervision of VOC and NOx sources, no full "
             "emergency reduction (环大气〔2024〕6号, reference §2.2)";
    case WarningResponse::dust_advisory:
      return "dust episode: health advisories and dust control only, no emission-reduction warning "
             "(reference §2.2; excluded from the Inner Mongolia 2020 plan, §2.5)";
  }
  throw InternalError("describe: bad WarningResponse");
}

WarningResult evaluate_warnings(const std::vector<AqiHour>& series, const WarningOptions& o) {
  validate(series, o);
  const std::size_t n = series.size();
  const std::int64_t offset = o.utc_offset_hours * kHour;
  const bool y2018 = o.rules == WarningRules::mee2018;

  // Which windows are days: every window (rolling), or those ending at local midnight (calendar).
  std::vector<char> day(n);
  for (std::size_t i = 0; i < n; ++i)
    day[i] =
        o.windows == DayWindows::rolling || ((series[i].time.seconds + offset) % kDay + kDay) % kDay == 0;
  auto above = [&](std::size_t i, double t) { return day[i] && series[i].aqi_24h > t; };

  // Length of the whole chain (windows 24 h apart, each above t) through every window.
  auto chain_lengths = [&](double t) {
    std::vector<int> fwd(n), bwd(n), len(n);
    for (std::size_t i = 0; i < n; ++i)
      fwd[i] = above(i, t) ? 1 + (i >= kDayStep ? fwd[i - kDayStep] : 0) : 0;
    for (std::size_t i = n; i-- > 0;)
      bwd[i] = above(i, t) ? 1 + (i + kDayStep < n ? bwd[i + kDayStep] : 0) : 0;
    for (std::size_t i = 0; i < n; ++i) len[i] = fwd[i] ? fwd[i] + bwd[i] - 1 : 0;
    return len;
  };
  const std::vector<int> len150 = chain_lengths(150), len200 = chain_lengths(200);

  // Windows meeting the lowest warning criterion on their own; their spans make the parts of episodes.
  // 2018: > 200 for 2 days, or reaching 500 (red on its own), or > 200 for 1 day with blue on.
  // 2024: > 200, or > 150 for 48 h. Every higher clause implies one of these.
  std::vector<char> qualifies(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (y2018)
      qualifies[i] = len200[i] >= 2 || (day[i] && series[i].aqi_24h >= 500) || (o.blue && len200[i] >= 1);
    else
      qualifies[i] = len200[i] >= 1 || len150[i] >= 2;
  }

  // Parts: unions of overlapping or touching qualifying windows [end - 24 h, end].
  std::vector<Part> parts;
  for (std::size_t i = 0; i < n; ++i) {
    if (!qualifies[i]) continue;
    const UtcTime s{series[i].time.seconds - kDay};
    if (!parts.empty() && s <= parts.back().end) {
      parts.back().end = series[i].time;
    } else {
      Part p;
      p.start = s;
      p.end = series[i].time;
      parts.push_back(p);
    }
  }
  // Each part's windows, its longest chains above 150, 200, 300 and its first window reaching 500.
  for (Part& p : parts) {
    p.lo = n;
    for (std::size_t i = 0; i < n; ++i) {
      if (series[i].time.seconds - kDay < p.start.seconds || series[i].time > p.end) continue;
      if (p.lo == n) p.lo = i;
      p.hi = i;
    }
    auto longest = [&](double t) {
      Chain best;
      std::vector<int> run(p.hi - p.lo + 1, 0);
      for (std::size_t i = p.lo; i <= p.hi; ++i) {
        if (!above(i, t)) continue;
        const std::size_t k = i - p.lo;
        run[k] = 1 + (k >= kDayStep ? run[k - kDayStep] : 0);
        if (run[k] > best.length) best = {run[k], i};
      }
      return best;
    };
    p.above150 = longest(150);
    p.above200 = longest(200);
    p.above300 = longest(300);
    for (std::size_t i = p.lo; i <= p.hi && !p.first_500; ++i)
      if (day[i] && series[i].aqi_24h >= 500) p.first_500 = i;
  }

  // Episodes: parts whose gap is not longer than lift_hours are one episode (the first warning is not lifted:
  // "two episodes whose gap does not clear the first count as one episode", reference §2.1).
  const auto lift = static_cast<std::int64_t>(std::llround(o.lift_hours * kHour));
  WarningResult result;
  for (std::size_t a = 0; a < parts.size();) {
    std::size_t b = a + 1;
    while (b < parts.size() && parts[b].start.seconds - parts[b - 1].end.seconds <= lift) ++b;

    WarningEpisode e;
    e.start = parts[a].start;
    e.end = parts[b - 1].end;
    e.merged_from = static_cast<int>(b - a);
    for (std::size_t k = a; k < b; ++k) {
      e.parts.emplace_back(parts[k].start, parts[k].end);
      // Counted as one episode (reference §2.1: "按一次重污染过程统计，从严启动预警"): the days of the parts
      // add up.
      e.days_above_150 += parts[k].above150.length;
      e.days_above_200 += parts[k].above200.length;
      e.days_above_300 += parts[k].above300.length;
      e.reaches_500 = e.reaches_500 || parts[k].first_500.has_value();
    }
    const Clause c = highest_clause(o, e.days_above_150, e.days_above_200, e.days_above_300, e.reaches_500);
    if (c.level == WarningLevel::none) throw InternalError("evaluate_warnings: an episode without a level");
    e.level = c.level;
    e.rule = to_string(o.rules) + " " + to_string(c.level) + ": " + c.text + " " + citation(o.rules);

    // The chains that show the clause, per part.
    for (std::size_t k = a; k < b; ++k) {
      const Part& p = parts[k];
      if (c.threshold == 500) {
        if (p.first_500) e.days.push_back(window_of(series[*p.first_500]));
        continue;
      }
      const Chain& ch = c.threshold == 150 ? p.above150 : p.above200;
      for (int d = ch.length - 1; d >= 0; --d) e.days.push_back(window_of(series[ch.last - d * kDayStep]));
    }

    // Peak, and the driving pollutant of the qualifying windows.
    std::array<int, kPollutants.size()> count{};
    std::array<double, kPollutants.size()> sum{};
    int windows = 0, dusty = 0;
    bool have_peak = false;
    for (std::size_t k = a; k < b; ++k) {
      for (std::size_t i = parts[k].lo; i <= parts[k].hi; ++i) {
        if (!day[i]) continue;
        if (!have_peak || series[i].aqi_24h > e.peak.aqi) {
          e.peak = window_of(series[i]);
          have_peak = true;
        }
        if (!qualifies[i]) continue;
        ++windows;
        dusty += series[i].dust ? 1 : 0;
        for (const std::string& p : window_of(series[i]).primary) {
          const auto q = std::find(kPollutants.begin(), kPollutants.end(), p) - kPollutants.begin();
          ++count[q];
          sum[q] += series[i].aqi_24h;
        }
      }
    }
    std::size_t best = 0;
    for (std::size_t q = 1; q < kPollutants.size(); ++q)
      if (count[q] > count[best] || (count[q] == count[best] && sum[q] > sum[best])) best = q;
    e.pollutant = count[best] > 0 ? kPollutants[best] : "";
    e.ozone_driven = e.pollutant == "O3";
    e.dust_driven = e.pollutant == "PM10" || 2 * dusty > windows;
    e.response = e.dust_driven    ? WarningResponse::dust_advisory
                 : e.ozone_driven ? WarningResponse::ozone_advisory
                                  : WarningResponse::emergency_reduction;
    e.reduction = e.response == WarningResponse::emergency_reduction ? mandated_reduction(e.level) : 0.0;
    e.lifted = series.back().time.seconds - e.end.seconds > lift;

    std::string why = to_string(e.level) + " " + fmt_local(e.start, o.utc_offset_hours) + " to " +
                      fmt_local(e.end, o.utc_offset_hours) + ": " + e.rule +
                      "; days > 200: " + std::to_string(e.days_above_200) +
                      ", > 300: " + std::to_string(e.days_above_300) +
                      ", > 150: " + std::to_string(e.days_above_150) + "; peak 24-h AQI " +
                      fmt_aqi(e.peak.aqi) + " ending " + fmt_local(e.peak.end, o.utc_offset_hours) + " (" +
                      join(e.peak.primary, ", ") + "); driving pollutant " + e.pollutant;
    if (e.dust_driven) why += ", dust-driven";
    if (e.ozone_driven) why += ", O3-driven";
    if (e.merged())
      why += "; merged from " + std::to_string(e.merged_from) + " episodes at most " + fmt_aqi(o.lift_hours) +
             " h apart";
    why += "; response: " + describe(e.response, e.reduction);
    why += e.lifted ? "; lifted at the end (below the criteria for more than " + fmt_aqi(o.lift_hours) + " h)"
                    : "; not lifted within the forecast";
    e.why = why;
    result.highest = std::max(result.highest, e.level);
    result.episodes.push_back(std::move(e));
    a = b;
  }

  if (result.episodes.empty()) {
    std::size_t peak = n;
    for (std::size_t i = 0; i < n; ++i)
      if (day[i] && (peak == n || series[i].aqi_24h > series[peak].aqi_24h)) peak = i;
    const std::string days = o.windows == DayWindows::rolling ? "24-h window" : "local calendar day";
    std::string criteria;
    if (y2018)
      criteria = o.blue ? "no " + days + " has AQI > 200"
                        : "no two " + days + "s in a row have AQI > 200 and none reaches 500";
    else
      criteria = "no " + days + " has AQI > 200 and no two in a row > 150";
    result.why = "no warning (" + to_string(o.rules) + " rules " + citation(o.rules) + "): " + criteria;
    if (peak < n) {
      const DayWindow w = window_of(series[peak]);
      result.why +=
          "; highest 24-h AQI " + fmt_aqi(w.aqi) + " ending " + fmt_local(w.end, o.utc_offset_hours);
      if (!w.primary.empty()) result.why += " (" + join(w.primary, ", ") + ")";
    } else {
      result.why += "; the forecast holds no local calendar day";
    }
    return result;
  }
  for (const WarningEpisode& e : result.episodes) {
    if (e.level != result.highest) continue;
    result.why = "highest level " + to_string(result.highest) + " (" +
                 std::to_string(result.episodes.size()) +
                 (result.episodes.size() == 1 ? " episode" : " episodes") + "): " + e.why;
    break;
  }
  return result;
}

}  // namespace airshed::scenarios
