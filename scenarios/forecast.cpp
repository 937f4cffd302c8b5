// SPDX-License-Identifier: Apache-2.0
#include "scenarios/forecast.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <limits>
#include <map>
#include <span>
#include <sstream>

#include "airshed_version.hpp"
#include "core/error.hpp"
#include "driver/run.hpp"
#include "io/atomic_file.hpp"
#include "io/cf_output_writer.hpp"
#include "io/csv_table.hpp"

namespace airshed::scenarios {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// JSON text of a string (UTF-8 passed through; quotes, backslashes and control characters escaped).
std::string js(const std::string& s) {
  std::ostringstream os;
  os << '"';
  for (unsigned char ch : s) {
    if (ch == '"' || ch == '\\')
      os << '\\' << ch;
    else if (ch == '\n')
      os << "\\n";
    else if (ch < 0x20)
      os << "\\u" << std::hex << std::setw(4) << std::setfill('0') << static_cast<int>(ch) << std::dec;
    else
      os << ch;
  }
  os << '"';
  return os.str();
}

std::string jn(const std::optional<double>& v, int digits = 3) {
  if (!v || !std::isfinite(*v)) return "null";
  std::ostringstream os;
  os << std::setprecision(digits + 4) << std::round(*v * std::pow(10.0, digits)) / std::pow(10.0, digits);
  return os.str();
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (const std::string& x : v) out += (out.empty() ? "" : sep) + x;
  return out;
}

int level_rank(const std::string& level) {
  return level == "yellow" ? 1 : level == "orange" ? 2 : level == "red" ? 3 : 0;
}

struct Share {
  double pm25 = 0, pm25_percent = 0, o3 = 0, o3_percent = 0;
};

/// Each group's episode mean and share of pm25 and O3 at `site` from a tagged run's table.
std::map<std::string, Share> shares_from_table(const std::string& path, const std::string& site) {
  std::map<std::string, Share> out;
  if (!std::filesystem::exists(path)) return out;
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const CsvTable table = CsvTable::parse(path, text.str());
  const std::size_t period = table.require("period"), where = table.require("site"),
                    window = table.require("window"), grp = table.require("group"),
                    quantity = table.require("quantity"), value = table.require("value"),
                    share = table.require("share_percent");
  for (const CsvRow& row : table.rows()) {
    if (row.cells[period] != "episode" || row.cells[where] != site || row.cells[window] != "all") continue;
    const std::string& group = row.cells[grp];
    if (group == "total") continue;
    const double v = table.number(row, value);
    const double percent = table.optional_number(row, share).value_or(0.0);
    if (row.cells[quantity] == "pm25") {
      out[group].pm25 = v;
      out[group].pm25_percent = percent;
    } else if (row.cells[quantity] == "O3") {
      out[group].o3 = v;
      out[group].o3_percent = percent;
    }
  }
  return out;
}

}  // namespace

std::vector<AqiHour> rolling_daily_aqi(const StationHours& hours, double utc_offset_hours) {
  std::vector<AqiHour> out;
  const AqiSettings settings;
  const std::int64_t offset = static_cast<std::int64_t>(std::llround(utc_offset_hours * 3600.0));
  for (std::size_t end = 24; end <= hours.hours; ++end) {
    const std::size_t first = end - 24;
    // The window's end as a UTC instant: local hour index first_hour + end (the end of hour end - 1).
    const UtcTime t{(hours.first_hour + static_cast<std::int64_t>(end)) * 3600 - offset};
    const AqiStandard standard = default_standard(t);
    std::vector<IaqiItem> items;
    for (Pollutant p : {Pollutant::so2, Pollutant::no2, Pollutant::co, Pollutant::pm10, Pollutant::pm25}) {
      const auto mean =
          valid_mean(std::span<const double>(hours.values[static_cast<std::size_t>(p)]).subspan(first, 24),
                     settings.min_hours_24h);
      if (mean) items.push_back(make_item(standard, p, Period::h24, Period::h24, mean, settings));
    }
    const std::vector<double>& o3 = hours.values[static_cast<std::size_t>(Pollutant::o3)];
    std::optional<double> max1, max8;
    for (std::size_t k = first; k < end; ++k)
      if (std::isfinite(o3[k])) max1 = std::max(max1.value_or(0.0), o3[k]);
    for (std::size_t k = first; k + 8 <= end; ++k) {
      const auto m = valid_mean(std::span<const double>(o3).subspan(k, 8), settings.min_hours_8h);
      if (m) max8 = std::max(max8.value_or(0.0), *m);
    }
    if (max1) items.push_back(make_item(standard, Pollutant::o3, Period::h1, Period::h1, max1, settings));
    if (max8) items.push_back(make_item(standard, Pollutant::o3, Period::h8, Period::h8, max8, settings));
    const AqiResult r = combine(standard, items);
    if (!r.aqi) continue;
    AqiHour h;
    h.time = t;
    h.aqi_24h = *r.aqi;
    h.primary = r.primary;
    out.push_back(std::move(h));
  }
  return out;
}

ForecastResult run_forecast(const CaseDefinition& c, const ForecastRequest& request) {
  ForecastResult result;
  const std::string output = request.output.empty() ? c.output_file : request.output;
  result.output_file = output;
  // Under mpirun every rank runs this: the base run decomposed over all ranks, the ensemble over rank
  // groups; rank 0 alone writes the bulletin's files and the log.
  const parallel::Communicator* ranks = request.ensemble.ranks;
  const bool root = !ranks || ranks->root();
  std::ostream* log = root ? request.log : nullptr;

  // 1. The base forecast with tagging, its hourly surface fields kept for the AQI map.
  CaseDefinition tagged = c;
  tagged.apportionment.enabled = true;
  const MetricsPlan plan = comparison_plan(c);
  struct Surface {
    std::vector<UtcTime> times;
    std::vector<std::vector<Array2>> fields;  // [record][quantity]
  } surface;
  RunOptions ro;
  ro.output = output;
  ro.history = request.history;
  std::ostringstream quiet;
  ro.progress = log ? log : &quiet;
  // Over every rank: with one rank group by --decomposition (its blocks are then the whole job's), else by
  // the automatic layout. on_record runs on rank 0 alone.
  ro.ranks = ranks;
  if (ranks && ranks->size() > 1)
    ro.decomposition = ensemble_threads(request.options.size() + 1, request.ensemble).rank_groups == 1
                           ? request.ensemble.decomposition
                           : "auto";
  ro.on_record = [&](const State& st, UtcTime t) {
    surface.times.push_back(t);
    std::vector<Array2> f;
    for (const MetricsPlan::Quantity& q : plan.quantities) {
      const Array3 a = q.derived ? derived_output(st, q.output) : species_output(st, q.species);
      Array2 s(st.grid().nx(), st.grid().ny());
      for (int j = 0; j < st.grid().ny(); ++j)
        for (int i = 0; i < st.grid().nx(); ++i) s(i, j) = a(i, j, 0);
      f.push_back(std::move(s));
    }
    surface.fields.push_back(std::move(f));
  };
  if (log) *log << "Base forecast with source tagging:\n";
  const RunSummary base_run = run_case(tagged, ro);
  if (log) *log << format_summary(base_run);

  // 2. The packages and single measures as one ensemble with the base.
  ScenarioRunRequest sr;
  sr.output = output;
  sr.history = request.history;
  sr.ensemble = request.ensemble;
  if (log) *log << "Packages and measures: " << request.options.size() << " scenario run(s) and the base\n";
  const ScenarioComparison cmp = run_scenarios(c, request.options, sr);

  // 3. The site.
  std::size_t site = cmp.sites.size();
  if (!request.site.empty()) {
    for (std::size_t s = 0; s < cmp.sites.size(); ++s)
      if (cmp.sites[s] == request.site) site = s;
    if (site == cmp.sites.size())
      throw InputError("--site", "no site '" + request.site + "' (sites: " + join(cmp.sites, ", ") + ")");
  } else {
    for (std::size_t s = 0; s < cmp.plan.sites.size() && site == cmp.sites.size(); ++s)
      if (cmp.plan.sites[s].kind == "area") site = s;
    if (site == cmp.sites.size()) site = 0;
  }
  result.site = cmp.sites[site];

  // 4. Warnings of the base and of each option, from the 24-h AQI at the site.
  WarningOptions wo;
  wo.rules = request.rules;
  wo.utc_offset_hours = static_cast<int>(std::lround(c.utc_offset_hours));
  auto series_of = [&](std::size_t run) {
    std::vector<std::vector<double>> series;
    for (std::size_t q = 0; q < cmp.plan.quantities.size(); ++q)
      series.push_back(cmp.members[run].series[q][site]);
    return series;
  };
  auto warnings_of = [&](std::size_t run, std::vector<AqiHour>& rolling) {
    rolling =
        rolling_daily_aqi(station_hours(cmp.plan, series_of(run), cmp.members[run].times, c.utc_offset_hours),
                          c.utc_offset_hours);
    if (rolling.empty()) return WarningResult{WarningLevel::none, {}, "the forecast is shorter than 24 h"};
    return evaluate_warnings(rolling, wo);
  };
  std::vector<AqiHour> base_rolling;
  result.warning = warnings_of(0, base_rolling);
  std::vector<WarningResult> option_warnings;
  for (std::size_t run = 1; run < cmp.runs.size(); ++run) {
    std::vector<AqiHour> rolling;
    option_warnings.push_back(warnings_of(run, rolling));
  }
  // The smallest package (lowest level, in the order given) whose forecast needs no warning.
  if (result.warning.highest != WarningLevel::none) {
    int best = 4;
    for (std::size_t k = 0; k < request.options.size(); ++k) {
      const int rank = level_rank(request.options[k].level);
      if (rank == 0 || option_warnings[k].highest != WarningLevel::none || rank >= best) continue;
      best = rank;
      result.smallest_package = request.options[k].name;
    }
  }

  // The files (the tagged run's table and the surface fields are on rank 0 alone).
  result.aqi_file = derived_path(output, "-aqi.nc");
  result.json_file = derived_path(output, "-bulletin.json");
  result.markdown_file = derived_path(output, "-bulletin.md");
  if (!root) return result;

  // 5. The daily AQI map (one record per local day, at the day's local noon).
  {
    const Grid& g = c.grid;
    const int nx = g.nx(), ny = g.ny();
    std::vector<std::string> dates;
    std::vector<Array3> days;
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i) {
        std::vector<std::vector<double>> series(plan.quantities.size());
        for (std::size_t q = 0; q < plan.quantities.size(); ++q)
          for (std::size_t t = 0; t < surface.times.size(); ++t)
            series[q].push_back(surface.fields[t][q](i, j));
        const std::vector<DailyAqi> daily =
            daily_aqi(station_hours(plan, series, surface.times, c.utc_offset_hours), AqiOptions{});
        if (days.empty())
          for (const DailyAqi& d : daily) {
            days.emplace_back(nx, ny, 1);
            std::ostringstream os;
            os << std::setfill('0') << std::setw(4) << d.year << "-" << std::setw(2) << d.month << "-"
               << std::setw(2) << d.day;
            dates.push_back(os.str());
          }
        for (std::size_t d = 0; d < daily.size() && d < days.size(); ++d)
          days[d](i, j, 0) = daily[d].result.aqi ? *daily[d].result.aqi : kNaN;
      }
    const Grid surface_grid(nx, ny, g.dx(), g.dy(), g.x_west(), g.y_south(),
                            VerticalLayers({g.layers().interface(0), g.layers().interface(1)}),
                            g.projection(), g.halo());
    OutputAttributes attrs;
    attrs.title = "airshed forecast: daily China AQI per cell, case " + c.name;
    attrs.history = request.history;
    attrs.source = std::string("airshed ") + AIRSHED_VERSION_STRING;
    attrs.case_name = c.name;
    attrs.comment =
        "Daily AQI (HJ 633, the standard of each date) of the surface layer per cell and local day; "
        "the time stamp is the day's local noon. Days without the standard's valid hours are missing.";
    CfOutputWriter writer(result.aqi_file, surface_grid,
                          {{"aqi", "1", "", "China air quality index of the local day",
                            "HJ 633 daily AQI from the model's surface O3, NO2, SO2, CO, PM10 and PM2.5"}},
                          attrs, c.start);
    for (std::size_t d = 0; d < days.size(); ++d) {
      int y = 0, m = 0, dd = 0;
      std::sscanf(dates[d].c_str(), "%d-%d-%d", &y, &m, &dd);
      const UtcTime noon{days_from_civil(y, m, dd) * 86400 + 12 * 3600 -
                         static_cast<std::int64_t>(std::llround(c.utc_offset_hours * 3600.0))};
      writer.write_record(noon, {&days[d]});
    }
    writer.commit();
  }

  // 6. Top sources of the episode from the tagging table.
  const std::string tags_table = derived_path(output, "-apportionment.csv");
  const std::map<std::string, Share> shares = shares_from_table(tags_table, result.site);
  std::vector<std::pair<std::string, Share>> top(shares.begin(), shares.end());
  std::sort(top.begin(), top.end(),
            [](const auto& a, const auto& b) { return a.second.pm25 > b.second.pm25; });

  // 7. The JSON summary.
  auto rel = [&](const std::string& p) { return std::filesystem::path(p).filename().string(); };
  const std::vector<DayMetrics>& days = cmp.days[0][site];
  std::ostringstream j;
  j << "{\n  \"title\": " << js("Air-quality forecast, case " + c.name) << ",\n  \"case\": " << js(c.name)
    << ",\n  \"issued\": " << js(format_utc(c.start)) << ",\n  \"start\": " << js(format_utc(c.start))
    << ",\n  \"hours\": " << c.hours << ",\n  \"utc_offset\": " << c.utc_offset_hours
    << ",\n  \"standard\": " << js(aqi_standard_name(default_standard(c.start)))
    << ",\n  \"warning_rules\": " << js(to_string(request.rules)) << ",\n  \"site\": " << js(result.site)
    << ",\n  \"units\": {\"pm25\": \"ug m-3\", \"o3\": \"ppb\"}"
    << ",\n  \"files\": {\"output\": " << js(rel(output)) << ", \"aqi\": " << js(rel(result.aqi_file))
    << ", \"tags_table\": " << js(rel(tags_table)) << ", \"scenarios_table\": " << js(rel(cmp.table_file))
    << "},\n";
  j << "  \"days\": [";
  for (std::size_t d = 0; d < days.size(); ++d) {
    const DayMetrics& x = days[d];
    const bool complete = x.aqi.has_value();
    j << (d ? ",\n" : "\n") << "    {\"date\": " << js(x.date) << ", \"aqi\": " << jn(x.aqi, 0);
    if (complete) {
      const AqiLevel& l = aqi_level(*x.aqi);
      j << ", \"level\": " << l.level << ", \"category\": " << js(l.category_en)
        << ", \"category_zh\": " << js(l.category_zh) << ", \"colour\": " << js(l.hex);
    } else {
      j << ", \"level\": null, \"category\": null, \"category_zh\": null, \"colour\": null";
    }
    j << ", \"primary\": [";
    std::stringstream ps(x.aqi_primary);
    std::string p;
    bool first = true;
    while (std::getline(ps, p, '/'))
      if (!p.empty()) {
        j << (first ? "" : ", ") << js(p);
        first = false;
      }
    j << "], \"pm25_24h\": " << jn(x.pm25_24h) << ", \"o3_mda8\": " << jn(x.o3_mda8)
      << ", \"o3_max_1h\": " << jn(x.o3_max_1h) << ", \"complete\": " << (complete ? "true" : "false") << "}";
  }
  j << "\n  ],\n";
  {
    const MemberMetrics& b = cmp.members[0];
    std::size_t q_pm = cmp.plan.quantities.size(), q_o3 = q_pm;
    for (std::size_t q = 0; q < cmp.plan.quantities.size(); ++q) {
      if (cmp.plan.quantities[q].name == "pm25") q_pm = q;
      if (cmp.plan.quantities[q].name == "O3") q_o3 = q;
    }
    std::map<std::int64_t, double> rolling;
    for (const AqiHour& h : base_rolling) rolling[h.time.seconds] = h.aqi_24h;
    j << "  \"hourly\": {\"time\": [";
    for (std::size_t t = 1; t < b.times.size(); ++t) j << (t > 1 ? ", " : "") << js(format_utc(b.times[t]));
    j << "],\n    \"pm25\": [";
    for (std::size_t t = 1; t < b.times.size(); ++t)
      j << (t > 1 ? ", " : "") << (q_pm < cmp.plan.quantities.size() ? jn(b.series[q_pm][site][t]) : "null");
    j << "],\n    \"o3\": [";
    for (std::size_t t = 1; t < b.times.size(); ++t)
      j << (t > 1 ? ", " : "") << (q_o3 < cmp.plan.quantities.size() ? jn(b.series[q_o3][site][t]) : "null");
    j << "],\n    \"aqi_24h\": [";
    for (std::size_t t = 1; t < b.times.size(); ++t) {
      const auto it = rolling.find(b.times[t].seconds);
      j << (t > 1 ? ", " : "") << (it == rolling.end() ? "null" : jn(it->second, 0));
    }
    j << "]},\n";
  }
  j << "  \"warning\": {\"level\": " << js(to_string(result.warning.highest))
    << ", \"why\": " << js(result.warning.why) << ", \"episodes\": [";
  for (std::size_t e = 0; e < result.warning.episodes.size(); ++e) {
    const WarningEpisode& ep = result.warning.episodes[e];
    j << (e ? ", " : "") << "{\"level\": " << js(to_string(ep.level))
      << ", \"start\": " << js(format_utc(ep.start)) << ", \"end\": " << js(format_utc(ep.end))
      << ", \"pollutant\": " << js(ep.pollutant)
      << ", \"ozone_driven\": " << (ep.ozone_driven ? "true" : "false")
      << ", \"dust_driven\": " << (ep.dust_driven ? "true" : "false") << ", \"why\": " << js(ep.why) << "}";
  }
  j << "]},\n  \"top_sources\": [";
  for (std::size_t k = 0; k < top.size(); ++k)
    j << (k ? ", " : "") << "{\"group\": " << js(top[k].first) << ", \"pm25\": " << jn(top[k].second.pm25, 4)
      << ", \"pm25_share_percent\": " << jn(top[k].second.pm25_percent, 2)
      << ", \"o3\": " << jn(top[k].second.o3, 4)
      << ", \"o3_share_percent\": " << jn(top[k].second.o3_percent, 2) << "}";
  j << "],\n  \"options\": [";
  // Each option's highest hourly PM2.5 and O3 at the site minus the base's, for the JSON and the Markdown.
  auto peak = [&](std::size_t run, const char* name) {
    std::optional<double> best;
    for (std::size_t q = 0; q < cmp.plan.quantities.size(); ++q)
      if (cmp.plan.quantities[q].name == name)
        for (std::size_t t = 1; t < cmp.members[run].times.size(); ++t)
          best = std::max(best.value_or(-1e300), cmp.members[run].series[q][site][t]);
    return best;
  };
  auto change = [](const std::optional<double>& a, const std::optional<double>& b) {
    return a && b ? std::optional<double>(*a - *b) : std::nullopt;
  };
  std::vector<std::optional<double>> pm25_change, o3_change;
  for (std::size_t run = 1; run < cmp.runs.size(); ++run) {
    pm25_change.push_back(change(peak(run, "pm25"), peak(0, "pm25")));
    o3_change.push_back(change(peak(run, "O3"), peak(0, "O3")));
  }
  for (std::size_t k = 0; k < request.options.size(); ++k) {
    const std::size_t run = k + 1;
    j << (k ? ",\n" : "\n") << "    {\"name\": " << js(request.options[k].name)
      << ", \"kind\": " << js(request.options[k].level.empty() ? "measure" : "package")
      << ", \"level\": " << (request.options[k].level.empty() ? "null" : js(request.options[k].level))
      << ", \"peak_pm25_change\": " << jn(pm25_change[k]) << ", \"peak_o3_change\": " << jn(o3_change[k])
      << ", \"daily_aqi\": [";
    for (std::size_t d = 0; d < cmp.days[run][site].size(); ++d)
      j << (d ? ", " : "") << jn(cmp.days[run][site][d].aqi, 0);
    j << "], \"daily_aqi_change\": [";
    for (std::size_t d = 0; d < cmp.days[run][site].size(); ++d) {
      j << (d ? ", " : "") << jn(change(cmp.days[run][site][d].aqi, days[d].aqi), 0);
    }
    j << "], \"warning_level\": " << js(to_string(option_warnings[k].highest)) << "}";
  }
  j << "\n  ],\n  \"smallest_package_below_warning\": "
    << (result.smallest_package ? js(*result.smallest_package) : "null") << ",\n  \"notes\": [";
  std::vector<std::string> notes;
  if (result.warning.highest == WarningLevel::none)
    notes.push_back("No warning is needed: no package is required.");
  else if (!result.smallest_package)
    notes.push_back("None of the packages keeps the forecast below the warning threshold.");
  notes.push_back(
      "Local days without 20 valid hours (the first and last of a run that does not start at local "
      "midnight) have no daily AQI.");
  notes.push_back("Model values are surface-layer " +
                  std::string(result.site == "domain" ? "domain" : "site") +
                  " values; gases converted to ug m-3 at 298.15 K, 1013.25 hPa.");
  for (std::size_t n = 0; n < notes.size(); ++n) j << (n ? ", " : "") << js(notes[n]);
  j << "]\n}\n";
  {
    AtomicFile file(result.json_file);
    std::ofstream os(file.temporary_path());
    os << j.str();
    os.close();
    if (!os) throw InputError(result.json_file, "write failed");
    file.commit();
  }

  // 8. The Markdown bulletin.
  std::ostringstream md;
  md << "# Air-quality forecast: " << c.name << "\n\nIssued " << format_utc(c.start) << " for " << c.hours
     << " h; site **" << result.site << "**; AQI " << aqi_standard_name(default_standard(c.start))
     << "; warning rules " << to_string(request.rules) << ".\n\n";
  md << "## Warning: " << to_string(result.warning.highest) << "\n\n" << result.warning.why << "\n\n";
  for (const WarningEpisode& ep : result.warning.episodes)
    md << "- " << to_string(ep.level) << " " << format_utc(ep.start) << " to " << format_utc(ep.end) << ", "
       << ep.pollutant << (ep.ozone_driven ? " (O3-driven)" : "") << (ep.dust_driven ? " (dust-driven)" : "")
       << ": " << ep.why << "\n";
  md << "\n## Daily forecast\n\n| date | AQI | category | primary | PM2.5 24 h [ug m-3] | MDA8 O3 [ppb] |\n"
        "| --- | ---: | --- | --- | ---: | ---: |\n";
  auto f1 = [](const std::optional<double>& v, int digits) {
    if (!v) return std::string("-");
    std::ostringstream os;
    os.setf(std::ios::fixed);
    os.precision(digits);
    os << *v;
    return os.str();
  };
  for (const DayMetrics& x : days)
    md << "| " << x.date << " | " << f1(x.aqi, 0) << " | "
       << (x.aqi ? std::string(aqi_level(*x.aqi).category_en) + " " + aqi_level(*x.aqi).category_zh
                 : "incomplete day")
       << " | " << (x.aqi_primary.empty() ? "-" : x.aqi_primary) << " | " << f1(x.pm25_24h, 1) << " | "
       << f1(x.o3_mda8, 1) << " |\n";
  md << "\n## Top sources of the episode (tagging, mean over the forecast at " << result.site << ")\n\n"
     << "| group | PM2.5 [ug m-3] | share | O3 [ppb] | share |\n| --- | ---: | ---: | ---: | ---: |\n";
  for (const auto& [group, s] : top)
    md << "| " << group << " | " << f1(s.pm25, 2) << " | " << f1(s.pm25_percent, 1) << " % | " << f1(s.o3, 2)
       << " | " << f1(s.o3_percent, 1) << " % |\n";
  md << "\n## Packages and measures\n\n| option | peak PM2.5 change | peak O3 change | daily AQI | warning "
        "|\n"
        "| --- | ---: | ---: | --- | --- |\n";
  for (std::size_t k = 0; k < request.options.size(); ++k) {
    const std::size_t run = k + 1;
    std::string aqis;
    for (const DayMetrics& x : cmp.days[run][site]) aqis += (aqis.empty() ? "" : ", ") + f1(x.aqi, 0);
    md << "| " << request.options[k].name << (request.options[k].level.empty() ? "" : " (package)") << " | "
       << f1(pm25_change[k], 2) << " | " << f1(o3_change[k], 2) << " | " << aqis << " | "
       << to_string(option_warnings[k].highest) << " |\n";
  }
  md << "\nSmallest package that keeps the forecast below the warning threshold: "
     << (result.smallest_package
             ? *result.smallest_package
             : (result.warning.highest == WarningLevel::none ? "none needed" : "none of them"))
     << ".\n\nFiles: " << rel(output) << ", " << rel(result.aqi_file) << ", " << rel(tags_table) << ", "
     << rel(cmp.table_file) << ", " << rel(result.json_file) << ".\n";
  {
    AtomicFile file(result.markdown_file);
    std::ofstream os(file.temporary_path());
    os << md.str();
    os.close();
    if (!os) throw InputError(result.markdown_file, "write failed");
    file.commit();
  }

  // 9. The HTML page, through the plotting tool when the system Python has what it needs.
  if (!request.tools_dir.empty()) {
    const std::string tool = (std::filesystem::path(request.tools_dir) / "make_bulletin.py").string();
    if (std::filesystem::exists(tool) && std::filesystem::exists("/usr/bin/python3")) {
      const std::string cmd =
          "/usr/bin/python3 '" + tool + "' '" + result.json_file + "'" + (log ? "" : " > /dev/null");
      if (std::system(cmd.c_str()) == 0)
        result.html_file = derived_path(output, "-bulletin.html");
      else if (log)
        *log << "HTML bulletin: " << tool << " failed (see above); the JSON and Markdown are written\n";
    } else if (log) {
      *log << "HTML bulletin: skipped (" << tool << " or /usr/bin/python3 missing)\n";
    }
  }
  return result;
}

}  // namespace airshed::scenarios
