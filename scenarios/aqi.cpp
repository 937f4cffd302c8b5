// SPDX-License-Identifier: Apache-2.0
// China AQI (HJ 633-2012 / HJ 633-2026): tables, IAQI, AQI, daily and hourly products, observations CSV.
// Sources: /work/shared/reference/china-aqi-warnings-emissions.md section 1 ("ref 1.x"); docs/aqi.md.
#include "scenarios/aqi.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>

#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "io/csv_table.hpp"

namespace airshed::scenarios {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

std::size_t index_of(Pollutant p) {
  return static_cast<std::size_t>(p);
}

std::string format_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// ---- HJ 633 breakpoint columns (ref 1.1, HJ 633-2012 Table 1; ref 1.4 for the 2026 PM columns) ----------
// Concentrations at IAQI 0, 50, 100, 150, 200, 300, 400, 500; ug/m3, CO mg/m3.
constexpr double kSo2_24h[] = {0, 50, 150, 475, 800, 1600, 2100, 2620};
constexpr double kSo2_1h[] = {0, 150, 500, 650, 800};  // note (b): none above 800
constexpr double kNo2_24h[] = {0, 40, 80, 180, 280, 565, 750, 940};
constexpr double kNo2_1h[] = {0, 100, 200, 700, 1200, 2340, 3090, 3840};
constexpr double kCo_24h[] = {0, 2, 4, 14, 24, 36, 48, 60};
constexpr double kCo_1h[] = {0, 5, 10, 35, 60, 90, 120, 150};
constexpr double kO3_1h[] = {0, 160, 200, 300, 400, 800, 1000, 1200};
constexpr double kO3_8h[] = {0, 100, 160, 215, 265, 800};  // note (c): none above 800
constexpr double kPm10_2012[] = {0, 50, 150, 250, 350, 420, 500, 600};
constexpr double kPm25_2012[] = {0, 35, 75, 115, 150, 250, 350, 500};
// HJ 633-2026 changed only IAQI 100 of the PM columns: PM10 150 -> 120, PM2.5 75 -> 60 (ref 1.4).
constexpr double kPm10_2026[] = {0, 50, 120, 250, 350, 420, 500, 600};
constexpr double kPm25_2026[] = {0, 35, 60, 115, 150, 250, 350, 500};

// ---- levels (ref 1.2, HJ 633-2012 Appendix A; RGB per the 2026 third-party tool quoted there) ------------
constexpr AqiLevel kLevels[] = {
    {1, "I", "优", "Excellent", "绿色", "green", "#00E400", 50},
    {2, "II", "良", "Good", "黄色", "yellow", "#FFFF00", 100},
    {3, "III", "轻度污染", "Lightly polluted", "橙色", "orange", "#FF7E00", 150},
    {4, "IV", "中度污染", "Moderately polluted", "红色", "red", "#FF0000", 200},
    {5, "V", "重度污染", "Heavily polluted", "紫色", "purple", "#99004C", 300},
    {6, "VI", "严重污染", "Severely polluted", "褐红色", "maroon", "#7E0023",
     std::numeric_limits<double>::infinity()},
};

/// values[start .. start + n) with indices outside the series as NaN.
std::vector<double> slice(const std::vector<double>& values, std::int64_t start, std::int64_t n) {
  std::vector<double> out(static_cast<std::size_t>(n), kNaN);
  for (std::int64_t k = 0; k < n; ++k) {
    const std::int64_t i = start + k;
    if (i >= 0 && i < static_cast<std::int64_t>(values.size())) out[static_cast<std::size_t>(k)] = values[i];
  }
  return out;
}

std::optional<double> valid_max(std::span<const double> values, int min_valid) {
  int n = 0;
  double m = -std::numeric_limits<double>::infinity();
  for (double v : values)
    if (std::isfinite(v)) {
      ++n;
      m = std::max(m, v);
    }
  if (n < min_valid || n == 0) return std::nullopt;
  return m;
}

CivilTime civil_of_local_day(std::int64_t day) {
  return to_civil(UtcTime{day * 86400});
}

AqiStandard standard_for_day(const AqiOptions& options, std::int64_t day) {
  if (options.standard) return *options.standard;
  const CivilTime c = civil_of_local_day(day);
  return default_standard(c.year, c.month, c.day);
}

std::string note_for(const IaqiItem& item) {
  const std::string label = item.label();
  switch (item.iaqi.note) {
    case IaqiNote::none:
      return "";
    case IaqiNote::above_table:
      return label + " above the IAQI-500 breakpoint: IAQI 500";
    case IaqiNote::other_period:
      return item.pollutant == Pollutant::o3 ? label + " above 800 ug/m3: no IAQI, O3 reported from O3_1h"
                                             : label + " above 800 ug/m3: no IAQI, SO2 reported from SO2_24h";
    case IaqiNote::table_top:
      return label + " above 800 ug/m3: IAQI " + format_number(item.iaqi.value.value_or(0)) + " (table top)";
  }
  return "";
}

}  // namespace

// ---- standards -------------------------------------------------------------------------------------------

std::string aqi_standard_name(AqiStandard s) {
  return s == AqiStandard::hj633_2012 ? "HJ 633-2012" : "HJ 633-2026";
}

AqiStandard aqi_standard_from(const std::string& text, const std::string& where) {
  std::string t;
  for (char c : lower(text))
    if (c != ' ') t += c;
  if (t == "2012" || t == "hj633-2012") return AqiStandard::hj633_2012;
  if (t == "2026" || t == "hj633-2026") return AqiStandard::hj633_2026;
  throw InputError(where, "unknown AQI standard '" + text + "' (expected 2012 or 2026)");
}

AqiStandard default_standard(int year, int month, int day) {
  // HJ 633-2026 "in force 2026-03-01" (ref, source list and 1.4).
  return days_from_civil(year, month, day) >= days_from_civil(2026, 3, 1) ? AqiStandard::hj633_2026
                                                                          : AqiStandard::hj633_2012;
}

AqiStandard default_standard(UtcTime t) {
  const CivilTime c = to_civil(UtcTime{t.seconds + 8 * 3600});
  return default_standard(c.year, c.month, c.day);
}

// ---- pollutants ------------------------------------------------------------------------------------------

const char* pollutant_name(Pollutant p) {
  switch (p) {
    case Pollutant::so2:
      return "SO2";
    case Pollutant::no2:
      return "NO2";
    case Pollutant::co:
      return "CO";
    case Pollutant::o3:
      return "O3";
    case Pollutant::pm10:
      return "PM10";
    case Pollutant::pm25:
      return "PM2.5";
  }
  return "?";
}

const char* pollutant_unit(Pollutant p) {
  return p == Pollutant::co ? "mg/m3" : "ug/m3";
}

std::optional<Pollutant> pollutant_from(const std::string& name) {
  for (Pollutant p : kPollutants)
    if (name == pollutant_name(p)) return p;
  return std::nullopt;
}

const char* period_name(Period p) {
  switch (p) {
    case Period::h1:
      return "1h";
    case Period::h8:
      return "8h";
    case Period::h24:
      return "24h";
  }
  return "?";
}

std::span<const double> breakpoints(AqiStandard s, Pollutant p, Period column) {
  const bool y2026 = s == AqiStandard::hj633_2026;
  switch (p) {
    case Pollutant::so2:
      if (column == Period::h24) return kSo2_24h;
      if (column == Period::h1) return kSo2_1h;
      break;
    case Pollutant::no2:
      if (column == Period::h24) return kNo2_24h;
      if (column == Period::h1) return kNo2_1h;
      break;
    case Pollutant::co:
      if (column == Period::h24) return kCo_24h;
      if (column == Period::h1) return kCo_1h;
      break;
    case Pollutant::o3:
      if (column == Period::h1) return kO3_1h;
      if (column == Period::h8) return kO3_8h;
      break;
    case Pollutant::pm10:
      if (column == Period::h24) return y2026 ? std::span<const double>(kPm10_2026) : kPm10_2012;
      break;
    case Pollutant::pm25:
      if (column == Period::h24) return y2026 ? std::span<const double>(kPm25_2026) : kPm25_2012;
      break;
  }
  return {};
}

// ---- settings --------------------------------------------------------------------------------------------

IaqiRounding iaqi_rounding_from(const std::string& text, const std::string& where) {
  const std::string t = lower(text);
  if (t == "ceiling") return IaqiRounding::ceiling;
  if (t == "half-up") return IaqiRounding::half_up;
  if (t == "none") return IaqiRounding::none;
  throw InputError(where, "unknown IAQI rounding '" + text + "' (expected ceiling, half-up or none)");
}

SpecialRule special_rule(AqiStandard s, const AqiSettings& settings) {
  if (settings.special_rule) return *settings.special_rule;
  return s == AqiStandard::hj633_2012 ? SpecialRule::other_period : SpecialRule::table_top;
}

// ---- one IAQI --------------------------------------------------------------------------------------------

double round_concentration(Pollutant p, double c) {
  if (p == Pollutant::co) return std::floor(c * 10.0 + 0.5 + 1e-9) / 10.0;
  return std::floor(c + 0.5 + 1e-9);
}

double round_iaqi(double v, IaqiRounding rounding) {
  switch (rounding) {
    case IaqiRounding::ceiling:
      return std::ceil(v - 1e-9);
    case IaqiRounding::half_up:
      return std::floor(v + 0.5 + 1e-9);
    case IaqiRounding::none:
      return v;
  }
  return v;
}

Iaqi iaqi(AqiStandard s, Pollutant p, Period column, double c, const AqiSettings& settings) {
  const std::span<const double> bp = breakpoints(s, p, column);
  if (bp.empty())
    throw std::invalid_argument(std::string("iaqi: ") + aqi_standard_name(s) + " has no " +
                                pollutant_name(p) + " " + period_name(column) + " column");
  if (!std::isfinite(c) || c < 0)
    throw std::invalid_argument(std::string("iaqi: concentration of ") + pollutant_name(p) +
                                " must be finite and >= 0, got " + format_number(c));
  if (settings.round_concentrations) c = round_concentration(p, c);
  const std::size_t n = bp.size();
  if (c > bp[n - 1]) {
    if (n < kIaqiRows.size()) {  // SO2 1h or O3 8h above 800: notes (b), (c) of HJ 633-2012
      if (special_rule(s, settings) == SpecialRule::other_period)
        return {std::nullopt, IaqiNote::other_period};
      return {kIaqiRows[n - 1], IaqiNote::table_top};
    }
    // Above the IAQI-500 breakpoint HJ 633 has no row: report 500 (this module's choice; docs/aqi.md).
    return {kIaqiRows[n - 1], IaqiNote::above_table};
  }
  std::size_t i = 0;
  while (i + 2 < n && c > bp[i + 1]) ++i;
  // Multiply before dividing: at a breakpoint the product equals the divisor exactly, so the table's IAQI
  // comes out exactly and the ceiling does not step past it.
  const double value = kIaqiRows[i] + (kIaqiRows[i + 1] - kIaqiRows[i]) * (c - bp[i]) / (bp[i + 1] - bp[i]);
  return {round_iaqi(value, settings.rounding), IaqiNote::none};
}

// ---- levels ----------------------------------------------------------------------------------------------

const AqiLevel& aqi_level(double aqi) {
  for (const AqiLevel& l : kLevels)
    if (aqi <= l.upper) return l;
  return kLevels[5];
}

// ---- items and AQI ---------------------------------------------------------------------------------------

std::string IaqiItem::label() const {
  return std::string(pollutant_name(pollutant)) + "_" + period_name(period);
}

IaqiItem make_item(AqiStandard s, Pollutant p, Period period, Period column, std::optional<double> c,
                   const AqiSettings& settings) {
  IaqiItem item;
  item.pollutant = p;
  item.period = period;
  item.column = column;
  if (c && settings.round_concentrations) c = round_concentration(p, *c);
  item.concentration = c;
  if (c) item.iaqi = iaqi(s, p, column, *c, settings);
  return item;
}

AqiResult combine(AqiStandard s, std::vector<IaqiItem> items) {
  AqiResult r;
  r.standard = s;
  r.items = std::move(items);
  for (const IaqiItem& item : r.items) {
    if (!item.concentration) r.missing.push_back(item.label());
    if (item.iaqi.value) r.aqi = r.aqi ? std::max(*r.aqi, *item.iaqi.value) : *item.iaqi.value;
    const std::string note = note_for(item);
    if (!note.empty()) r.notes.push_back(note);
  }
  if (!r.aqi) return r;
  r.level = &aqi_level(*r.aqi);
  for (const IaqiItem& item : r.items) {
    if (!item.iaqi.value) continue;
    // Primary: the largest IAQI, every item that shares it, only when AQI > 50 (ref 1.3).
    if (*r.aqi > 50 && *item.iaqi.value == *r.aqi) r.primary.push_back(item.label());
    if (*item.iaqi.value > 100) r.exceeding.push_back(item.label());
  }
  return r;
}

// ---- daily and hourly products ---------------------------------------------------------------------------

std::optional<double> valid_mean(std::span<const double> values, int min_valid) {
  int n = 0;
  double sum = 0;
  for (double v : values)
    if (std::isfinite(v)) {
      ++n;
      sum += v;
    }
  if (n < min_valid || n == 0) return std::nullopt;
  return sum / n;
}

std::optional<double> mda8(std::span<const double> o3, std::int64_t day_start, const AqiSettings& settings) {
  const std::vector<double> v(o3.begin(), o3.end());
  const bool within = settings.mda8_window == Mda8Window::within_day;
  // 8-h means ending at hour e of the day (its hours e-7 .. e): e = 7..23 within the day, 0..23 otherwise.
  const std::int64_t first_end = within ? 7 : 0;
  const int needed = within ? settings.min_8h_means_mda8 : (settings.min_8h_means_mda8 * 24 + 16) / 17;
  int valid = 0;
  std::optional<double> best;
  for (std::int64_t e = first_end; e < 24; ++e) {
    const std::vector<double> w = slice(v, day_start + e - 7, 8);
    const std::optional<double> m = valid_mean(w, settings.min_hours_8h);
    if (!m) continue;
    ++valid;
    best = best ? std::max(*best, *m) : *m;
  }
  if (valid < needed) return std::nullopt;
  return best;
}

std::vector<DailyAqi> daily_aqi(const StationHours& series, const AqiOptions& options) {
  std::vector<DailyAqi> out;
  if (series.hours == 0) return out;
  const AqiSettings& st = options.settings;
  const std::int64_t first_day = floor_div(series.first_hour, 24);
  const std::int64_t last_day =
      floor_div(series.first_hour + static_cast<std::int64_t>(series.hours) - 1, 24);
  for (std::int64_t day = first_day; day <= last_day; ++day) {
    const std::int64_t start = day * 24 - series.first_hour;  // index of the day's hour 00
    const AqiStandard s = standard_for_day(options, day);
    auto day_values = [&](Pollutant p) { return slice(series.values[index_of(p)], start, 24); };
    std::vector<IaqiItem> items;
    for (Pollutant p : {Pollutant::so2, Pollutant::no2, Pollutant::co})
      items.push_back(
          make_item(s, p, Period::h24, Period::h24, valid_mean(day_values(p), st.min_hours_24h), st));
    const std::vector<double> o3 = day_values(Pollutant::o3);
    items.push_back(
        make_item(s, Pollutant::o3, Period::h1, Period::h1, valid_max(o3, st.min_hours_1h_max), st));
    items.push_back(make_item(s, Pollutant::o3, Period::h8, Period::h8,
                              mda8(series.values[index_of(Pollutant::o3)], start, st), st));
    for (Pollutant p : {Pollutant::pm10, Pollutant::pm25})
      items.push_back(
          make_item(s, p, Period::h24, Period::h24, valid_mean(day_values(p), st.min_hours_24h), st));
    DailyAqi d;
    d.station = series.station;
    const CivilTime c = civil_of_local_day(day);
    d.year = c.year;
    d.month = c.month;
    d.day = c.day;
    d.result = combine(s, std::move(items));
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<HourlyAqi> hourly_aqi(const StationHours& series, const AqiOptions& options) {
  std::vector<HourlyAqi> out;
  const AqiSettings& st = options.settings;
  auto value = [&](Pollutant p, std::size_t k) -> std::optional<double> {
    const double v = series.values[index_of(p)][k];
    if (std::isfinite(v)) return v;
    return std::nullopt;
  };
  for (std::size_t k = 0; k < series.hours; ++k) {
    const std::int64_t hour = series.first_hour + static_cast<std::int64_t>(k);
    const AqiStandard s = standard_for_day(options, floor_div(hour, 24));
    std::vector<IaqiItem> items;
    for (Pollutant p : {Pollutant::so2, Pollutant::no2, Pollutant::co, Pollutant::o3})
      items.push_back(make_item(s, p, Period::h1, Period::h1, value(p, k), st));
    const auto& o3 = series.values[index_of(Pollutant::o3)];
    items.push_back(make_item(s, Pollutant::o3, Period::h8, Period::h8,
                              valid_mean(slice(o3, static_cast<std::int64_t>(k) - 7, 8), st.min_hours_8h),
                              st));
    // PM: the 1-h value against the 24-h column (ref 1.1 "real-time report uses 1-h values", 1.4).
    for (Pollutant p : {Pollutant::pm10, Pollutant::pm25})
      items.push_back(make_item(s, p, Period::h1, Period::h24, value(p, k), st));
    if (items[0].iaqi.note == IaqiNote::other_period) {
      // HJ 633-2012 note (b): SO2 1-h above 800 is reported from its 24-h value, here the mean of this hour
      // and the 23 before (this module's reading for a real-time report).
      const auto& so2 = series.values[index_of(Pollutant::so2)];
      items.push_back(
          make_item(s, Pollutant::so2, Period::h24, Period::h24,
                    valid_mean(slice(so2, static_cast<std::int64_t>(k) - 23, 24), st.min_hours_24h), st));
    }
    HourlyAqi h;
    h.station = series.station;
    h.hour = hour;
    h.result = combine(s, std::move(items));
    out.push_back(std::move(h));
  }
  return out;
}

// ---- observations ----------------------------------------------------------------------------------------

ObservationFormat observation_format_from(const std::string& text, const std::string& where) {
  const std::string t = lower(text);
  if (t == "airshed") return ObservationFormat::airshed;
  if (t == "prsa") return ObservationFormat::prsa;
  throw InputError(where, "unknown observations format '" + text + "' (expected airshed or prsa)");
}

namespace {

/// ISO 8601 with "Z" or a "+HH:MM" / "+HHMM" / "+HH" offset (or "-"), to UTC.
UtcTime parse_time_with_offset(const std::string& text) {
  std::string s = text;
  if (!s.empty() && (s.back() == 'Z' || s.back() == 'z')) return parse_utc(s);
  const std::size_t pos = s.find_last_of("+-");
  if (pos == std::string::npos || pos < 11)
    throw std::invalid_argument("'" + text +
                                "' has no UTC offset (write e.g. 2015-01-01T08:00+08:00, or a Z for UTC)");
  const std::string off = s.substr(pos + 1);
  int hh = 0, mm = 0;
  bool ok = false;
  auto digits = [](const std::string& t) {
    return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (off.size() == 5 && off[2] == ':' && digits(off.substr(0, 2)) && digits(off.substr(3))) {
    hh = std::stoi(off.substr(0, 2));
    mm = std::stoi(off.substr(3));
    ok = true;
  } else if ((off.size() == 4 || off.size() == 2) && digits(off)) {
    hh = std::stoi(off.substr(0, 2));
    mm = off.size() == 4 ? std::stoi(off.substr(2)) : 0;
    ok = true;
  }
  if (!ok || hh > 14 || mm > 59) throw std::invalid_argument("'" + text + "' has a malformed UTC offset");
  const UtcTime local = parse_utc(s.substr(0, pos));
  const int sign = s[pos] == '+' ? 1 : -1;
  return UtcTime{local.seconds - sign * (hh * 3600 + mm * 60)};
}

/// Factor from a column's unit to pollutant_unit(p); nothing for an unknown unit.
std::optional<double> unit_factor(Pollutant p, const std::string& unit) {
  const std::string u = lower(unit);
  const bool ug = u == "ug/m3" || u == "µg/m3" || u == "μg/m3" || u == "ug m-3";
  const bool mg = u == "mg/m3" || u == "mg m-3";
  if (!ug && !mg) return std::nullopt;
  if (p == Pollutant::co) return ug ? 1e-3 : 1.0;
  return ug ? 1.0 : 1e3;
}

struct StationRows {
  std::string name;
  std::map<std::int64_t, std::pair<int, std::array<double, 6>>> hours;  // local hour -> line, values
  std::array<std::size_t, 6> rejected{};
};

}  // namespace

Observations parse_observations(const std::string& file, const std::string& text,
                                const ObservationOptions& options) {
  const CsvTable table = CsvTable::parse(file, text);
  const bool prsa = options.format == ObservationFormat::prsa;
  Observations obs;
  obs.file = file;
  obs.utc_offset_hours = options.utc_offset_hours;
  // Pollutant columns: index and factor to the AQI unit.
  std::array<std::optional<std::size_t>, 6> column;
  std::array<double, 6> factor{1, 1, 1, 1, 1, 1};
  for (std::size_t i = 0; i < table.columns().size(); ++i) {
    const CsvColumn& col = table.columns()[i];
    const std::optional<Pollutant> p = pollutant_from(col.name);
    if (!p) continue;
    const std::size_t k = index_of(*p);
    table.claim_index(i);
    column[k] = i;
    obs.has_column[k] = true;
    if (prsa) {
      // PRSA: every pollutant in ug/m3, CO too (/work/shared/data/README.md): CO / 1000 -> mg/m3.
      factor[k] = *p == Pollutant::co ? 1e-3 : 1.0;
      continue;
    }
    if (!col.has_unit)
      table.fail_header(
          i, std::string("give the unit in brackets, e.g. ") + col.name + "[" + pollutant_unit(*p) + "]");
    const std::optional<double> f = unit_factor(*p, col.unit);
    if (!f) table.fail_header(i, "unit '" + col.unit + "' is not a mass concentration (ug/m3 or mg/m3)");
    factor[k] = *f;
  }
  if (std::none_of(obs.has_column.begin(), obs.has_column.end(), [](bool b) { return b; }))
    throw InputError(file + ":" + std::to_string(table.header_line()),
                     "no pollutant column (SO2, NO2, CO, O3, PM10, PM2.5 with units, e.g. PM2.5[ug/m3])");
  std::optional<std::size_t> station_col, time_col, year_col, month_col, day_col, hour_col;
  if (prsa) {
    station_col = table.claim("station");
    year_col = table.require("year");
    month_col = table.require("month");
    day_col = table.require("day");
    hour_col = table.require("hour");
  } else {
    station_col = table.require("station");
    time_col = table.require("time");
    table.reject_unclaimed();
  }

  std::vector<StationRows> stations;
  std::map<std::string, std::size_t> station_index;
  const std::int64_t offset_s = static_cast<std::int64_t>(options.utc_offset_hours) * 3600;
  for (const CsvRow& row : table.rows()) {
    const std::string name = station_col ? table.text(row, *station_col) : std::string("PRSA");
    std::int64_t utc = 0;
    if (prsa) {
      auto integer = [&](std::size_t c, int lo, int hi) {
        const double v = table.number(row, c);
        if (v != std::floor(v) || v < lo || v > hi)
          table.fail(row, c, "expected a whole number in " + std::to_string(lo) + ".." + std::to_string(hi));
        return static_cast<int>(v);
      };
      const int y = integer(*year_col, 1900, 2200), mo = integer(*month_col, 1, 12);
      const int d = integer(*day_col, 1, 31), h = integer(*hour_col, 0, 23);
      if (to_civil(UtcTime{days_from_civil(y, mo, d) * 86400}).day != d)
        table.fail(row, *day_col,
                   "no day " + std::to_string(d) + " in " + std::to_string(y) + "-" + std::to_string(mo));
      // PRSA times are Beijing time (UTC+8).
      utc = days_from_civil(y, mo, d) * 86400 + h * 3600 - 8 * 3600;
    } else {
      try {
        utc = parse_time_with_offset(table.text(row, *time_col)).seconds;
      } catch (const std::invalid_argument& e) {
        table.fail(row, *time_col, e.what());
      }
    }
    const std::int64_t local = utc + offset_s;
    if (local % 3600 != 0)
      table.fail(row, prsa ? *hour_col : *time_col,
                 "not a whole hour in UTC" + std::string(options.utc_offset_hours >= 0 ? "+" : "") +
                     std::to_string(options.utc_offset_hours) + " (hourly means only)");
    std::int64_t hour = floor_div(local, 3600);
    if (options.hour_ending) hour -= 1;

    auto [it, inserted] = station_index.try_emplace(name, stations.size());
    if (inserted) stations.push_back(StationRows{name, {}, {}});
    StationRows& st = stations[it->second];
    std::array<double, 6> values;
    values.fill(kNaN);
    for (Pollutant p : kPollutants) {
      const std::size_t k = index_of(p);
      if (!column[k]) continue;
      const std::size_t c = *column[k];
      const std::string& cell = row.cells[c];
      if (cell.empty() || cell == "NA" || cell == "na") continue;
      const std::string unit = pollutant_unit(p);
      std::string why;
      const std::optional<double> v = parse_finite_number(cell);
      if (!v) {
        const std::string l = lower(cell);
        if (l == "nan" || l == "inf" || l == "-inf" || l == "+inf" || l == "infinity" || l == "-infinity")
          why = "'" + cell + "' is not finite";
        else
          table.fail(row, c, "'" + cell + "' is not a number (leave it empty or NA when missing)");
      } else {
        const double x = *v * factor[k];
        if (x < 0)
          why = "negative value " + cell;
        else if (x > options.plausible_max[k])
          why = format_number(x) + " " + unit + " is above the plausible maximum " +
                format_number(options.plausible_max[k]) + " " + unit;
        else
          values[k] = x;
      }
      if (!why.empty()) {
        ++st.rejected[k];
        obs.implausible.push_back({name, p,
                                   table.where(row) + ": column '" + table.columns()[c].header + "': " + why +
                                       "; counted as missing"});
      }
    }
    auto [slot, fresh] = st.hours.try_emplace(hour, row.line, values);
    if (!fresh)
      throw InputError(table.where(row),
                       "station '" + name + "' hour " + format_local_hour(hour, options.utc_offset_hours) +
                           " is already given on line " + std::to_string(slot->second.first));
  }

  for (const StationRows& st : stations) {
    StationHours s;
    s.station = st.name;
    std::array<std::size_t, 6> present{}, missing{};
    if (!st.hours.empty()) {
      s.first_hour = st.hours.begin()->first;
      s.hours = static_cast<std::size_t>(st.hours.rbegin()->first - s.first_hour + 1);
    }
    for (auto& v : s.values) v.assign(s.hours, kNaN);
    for (const auto& [hour, entry] : st.hours)
      for (std::size_t k = 0; k < 6; ++k) {
        s.values[k][static_cast<std::size_t>(hour - s.first_hour)] = entry.second[k];
        if (std::isfinite(entry.second[k])) ++present[k];
      }
    for (std::size_t k = 0; k < 6; ++k)
      missing[k] = obs.has_column[k] ? s.hours - present[k] - st.rejected[k] : s.hours;
    obs.stations.push_back(std::move(s));
    obs.present.push_back(present);
    obs.missing.push_back(missing);
    obs.rejected.push_back(st.rejected);
  }
  return obs;
}

Observations read_observations(const std::string& path, const ObservationOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, "cannot read the observations file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_observations(path, text.str(), options);
}

// ---- outputs ---------------------------------------------------------------------------------------------

std::string format_local_hour(std::int64_t hour, int utc_offset_hours) {
  const CivilTime c = to_civil(UtcTime{hour * 3600});
  char buf[48];
  const int a = std::abs(utc_offset_hours);
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:00%c%02d:00", c.year, c.month, c.day, c.hour,
                utc_offset_hours >= 0 ? '+' : '-', a);
  return buf;
}

namespace {

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char ch : s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return q + "\"";
}

std::string joined(const std::vector<std::string>& v, const char* sep) {
  std::string s;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) s.append(sep);
    s.append(v[i]);
  }
  return s;
}

struct Slot {
  Pollutant pollutant;
  Period period;
};
const std::vector<Slot> kDailySlots{{Pollutant::so2, Period::h24}, {Pollutant::no2, Period::h24},
                                    {Pollutant::co, Period::h24},  {Pollutant::o3, Period::h1},
                                    {Pollutant::o3, Period::h8},   {Pollutant::pm10, Period::h24},
                                    {Pollutant::pm25, Period::h24}};
const std::vector<Slot> kHourlySlots{{Pollutant::so2, Period::h1},  {Pollutant::no2, Period::h1},
                                     {Pollutant::co, Period::h1},   {Pollutant::o3, Period::h1},
                                     {Pollutant::o3, Period::h8},   {Pollutant::pm10, Period::h1},
                                     {Pollutant::pm25, Period::h1}, {Pollutant::so2, Period::h24}};

std::string slot_label(const Slot& s) {
  return std::string(pollutant_name(s.pollutant)).append("_").append(period_name(s.period));
}

std::string header(const char* when, const std::vector<Slot>& slots) {
  std::vector<std::string> cells{"station",     when,     "standard", "AQI",       "level",   "category",
                                 "category_zh", "colour", "primary",  "exceeding", "missing", "notes"};
  for (const Slot& s : slots) {
    cells.push_back(slot_label(s).append("[").append(pollutant_unit(s.pollutant)).append("]"));
    cells.push_back(std::string("IAQI_").append(slot_label(s)));
  }
  return joined(cells, ",").append("\n");
}

/// The cells after station and date/time.
std::vector<std::string> row_cells(const AqiResult& r, const std::vector<Slot>& slots) {
  std::vector<std::string> cells{aqi_standard_name(r.standard)};
  if (r.aqi) {
    cells.insert(cells.end(), {format_number(*r.aqi), std::to_string(r.level->level), r.level->category_en,
                               r.level->category_zh, r.level->hex});
  } else {
    cells.insert(cells.end(), 5, std::string());
  }
  cells.insert(cells.end(), {csv_cell(joined(r.primary, ";")), csv_cell(joined(r.exceeding, ";")),
                             csv_cell(joined(r.missing, ";")), csv_cell(joined(r.notes, "; "))});
  for (const Slot& s : slots) {
    const IaqiItem* item = nullptr;
    for (const IaqiItem& i : r.items)
      if (i.pollutant == s.pollutant && i.period == s.period) item = &i;
    cells.push_back(item && item->concentration ? format_number(*item->concentration) : std::string());
    cells.push_back(item && item->iaqi.value ? format_number(*item->iaqi.value) : std::string());
  }
  return cells;
}

template <class Writer>
void write_atomically(const std::string& path, Writer&& write) {
  AtomicFile file(path);
  {
    std::ofstream out(file.temporary_path(), std::ios::binary);
    if (!out) throw InputError(path, "cannot write");
    write(out);
    out.flush();
    if (!out) throw InputError(path, "write failed");
  }
  file.commit();
}

}  // namespace

void write_daily_csv(const std::string& path, const std::vector<DailyAqi>& days) {
  write_atomically(path, [&](std::ostream& out) {
    out << header("date", kDailySlots);
    char date[16];
    for (const DailyAqi& d : days) {
      std::snprintf(date, sizeof date, "%04d-%02d-%02d", d.year, d.month, d.day);
      std::vector<std::string> cells{csv_cell(d.station), date};
      for (std::string& c : row_cells(d.result, kDailySlots)) cells.push_back(std::move(c));
      out << joined(cells, ",") << "\n";
    }
  });
}

void write_hourly_csv(const std::string& path, const std::vector<HourlyAqi>& hours, int utc_offset_hours) {
  write_atomically(path, [&](std::ostream& out) {
    out << header("time", kHourlySlots);
    for (const HourlyAqi& h : hours) {
      std::vector<std::string> cells{csv_cell(h.station), format_local_hour(h.hour, utc_offset_hours)};
      for (std::string& c : row_cells(h.result, kHourlySlots)) cells.push_back(std::move(c));
      out << joined(cells, ",") << "\n";
    }
  });
}

std::string format_aqi_summary(const Observations& obs, const std::vector<DailyAqi>& days,
                               std::size_t max_problems) {
  std::ostringstream s;
  s << "AQI of " << obs.file << ": " << obs.stations.size() << " station(s)\n";
  for (std::size_t i = 0; i < obs.stations.size(); ++i) {
    const StationHours& st = obs.stations[i];
    std::array<int, 7> per_level{};  // index 0: no AQI
    std::map<std::string, int> standards;
    int n_days = 0;
    for (const DailyAqi& d : days) {
      if (d.station != st.station) continue;
      ++n_days;
      ++per_level[d.result.level ? static_cast<std::size_t>(d.result.level->level) : 0];
      ++standards[aqi_standard_name(d.result.standard)];
    }
    s << "  station " << st.station << ": " << st.hours << " h";
    if (st.hours)
      s << " from " << format_local_hour(st.first_hour, obs.utc_offset_hours) << " to "
        << format_local_hour(st.first_hour + static_cast<std::int64_t>(st.hours) - 1, obs.utc_offset_hours);
    s << "; " << n_days << " day(s) (";
    bool first = true;
    for (const auto& [name, n] : standards) {
      s << (first ? "" : ", ") << name << ": " << n;
      first = false;
    }
    s << ")\n    days per level:";
    for (std::size_t l = 1; l <= 6; ++l)
      s << " " << kLevels[l - 1].roman << " " << kLevels[l - 1].category_en << " " << per_level[l] << ";";
    s << " no AQI " << per_level[0] << "\n    hourly values (present / missing / implausible):";
    for (Pollutant p : kPollutants) {
      const std::size_t k = index_of(p);
      s << " " << pollutant_name(p) << " ";
      if (obs.has_column[k])
        s << obs.present[i][k] << "/" << obs.missing[i][k] << "/" << obs.rejected[i][k];
      else
        s << "no column";
      s << (p == Pollutant::pm25 ? "\n" : ";");
    }
  }
  s << "Implausible values, counted as missing: " << obs.implausible.size() << "\n";
  for (std::size_t i = 0; i < obs.implausible.size() && i < max_problems; ++i)
    s << "  " << obs.implausible[i].message << "\n";
  if (obs.implausible.size() > max_problems)
    s << "  ... and " << obs.implausible.size() - max_problems << " more\n";
  return s.str();
}

}  // namespace airshed::scenarios
