// SPDX-License-Identifier: Apache-2.0
#include "tagging/apportionment_tables.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <utility>

#include "core/error.hpp"
#include "io/atomic_file.hpp"

namespace airshed {

namespace {

constexpr const char* kTotal = "total";

std::int64_t offset_seconds(double utc_offset_hours) {
  return static_cast<std::int64_t>(std::llround(utc_offset_hours * 60.0)) * 60;
}

std::string local_date(UtcTime t, double utc_offset_hours) {
  const CivilTime c = to_civil(UtcTime{t.seconds + offset_seconds(utc_offset_hours)});
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buffer;
}

void check_inputs(const std::vector<UtcTime>& times, const std::vector<std::string>& tag_names,
                  const std::vector<SiteSeries>& series) {
  for (std::size_t h = 1; h < times.size(); ++h)
    if (!(times[h] > times[h - 1]))
      throw InternalError("apportionment tables: times do not increase at " + format_utc(times[h]));
  for (const auto& name : tag_names)
    if (name == kTotal) throw InternalError("apportionment tables: a tag is called 'total', the host's row");
  for (const auto& s : series) {
    const std::string which = "apportionment tables: series '" + s.site + "' / '" + s.quantity + "': ";
    if (s.host.size() != times.size())
      throw InternalError(which + std::to_string(s.host.size()) + " host values for " +
                          std::to_string(times.size()) + " hours");
    if (s.by_tag.size() != tag_names.size())
      throw InternalError(which + std::to_string(s.by_tag.size()) + " tags for " +
                          std::to_string(tag_names.size()));
    for (std::size_t g = 0; g < s.by_tag.size(); ++g)
      if (s.by_tag[g].size() != times.size())
        throw InternalError(which + "tag '" + tag_names[g] + "' has " + std::to_string(s.by_tag[g].size()) +
                            " values for " + std::to_string(times.size()) + " hours");
  }
}

double mean(const std::vector<double>& v, std::size_t begin, std::size_t end) {
  double sum = 0.0;
  for (std::size_t h = begin; h < end; ++h) sum += v[h];
  return end > begin ? sum / static_cast<double>(end - begin) : 0.0;
}

// The peak window [begin, end) of `host` among those starting in [first, last) (see the header).
std::pair<std::size_t, std::size_t> peak_window(const std::vector<double>& host, std::size_t first,
                                                std::size_t last, std::size_t width) {
  const std::size_t n = host.size();
  if (first + width > n) return {first, n};
  std::size_t best = first;
  double best_mean = mean(host, first, first + width);
  for (std::size_t s = first + 1; s < last && s + width <= n; ++s) {
    const double m = mean(host, s, s + width);
    if (m - best_mean > 1e-12 * std::abs(best_mean)) {
      best = s;
      best_mean = m;
    }
  }
  return {best, best + width};
}

void add_rows(std::vector<TableRow>& rows, const std::string& period, const std::string& window,
              const std::vector<UtcTime>& times, double utc_offset_hours,
              const std::vector<std::string>& tag_names, const SiteSeries& s, std::size_t begin,
              std::size_t end) {
  TableRow base;
  base.period = period;
  base.site = s.site;
  base.quantity = s.quantity;
  base.window = window;
  base.window_start = format_local_time(times[begin], utc_offset_hours);
  base.unit = s.unit;
  base.hours = static_cast<int>(end - begin);
  const double host = mean(s.host, begin, end);
  const auto share = [host](double value) {
    return host != 0.0 ? std::optional<double>(100.0 * value / host) : std::nullopt;
  };
  double sum = 0.0;
  for (std::size_t g = 0; g < tag_names.size(); ++g) {
    TableRow row = base;
    row.group = tag_names[g];
    row.value = mean(s.by_tag[g], begin, end);
    row.share_percent = share(row.value);
    sum += row.value;
    rows.push_back(std::move(row));
  }
  TableRow total = std::move(base);
  total.group = kTotal;
  total.value = host;
  total.share_percent = share(sum);
  rows.push_back(std::move(total));
}

// RFC 4180: quote a cell holding a comma, a quote or a line break.
std::string csv_cell(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string number(double value, const char* format) {
  if (!std::isfinite(value)) return "nan";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

// Write `fill(stream)` under a temporary name and rename it onto `path`.
template <class Fill>
void write_atomically(const std::string& path, Fill fill) {
  AtomicFile atomic(path);
  {
    std::ofstream out(atomic.temporary_path());
    if (!out) throw InputError(path, "cannot create the file");
    fill(out);
    out.flush();
    if (!out) throw InputError(path, "cannot write the file");
  }
  try {
    atomic.commit();
  } catch (const std::runtime_error& e) {
    throw InputError(path, e.what());
  }
}

}  // namespace

std::string format_local_time(UtcTime t, double utc_offset_hours) {
  const std::int64_t offset = offset_seconds(utc_offset_hours);
  const CivilTime c = to_civil(UtcTime{t.seconds + offset});
  const std::int64_t minutes = std::llabs(offset) / 60;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", c.year, c.month, c.day,
                c.hour, c.minute, c.second, offset < 0 ? '-' : '+', static_cast<int>(minutes / 60),
                static_cast<int>(minutes % 60));
  return buffer;
}

std::vector<TableRow> apportionment_table(const std::vector<UtcTime>& times, double utc_offset_hours,
                                          const std::vector<std::string>& tag_names,
                                          const std::vector<SiteSeries>& series, int peak_window_hours) {
  check_inputs(times, tag_names, series);
  if (peak_window_hours < 1)
    throw InternalError("apportionment tables: a peak window of " + std::to_string(peak_window_hours) +
                        " hours");
  const std::size_t width = static_cast<std::size_t>(peak_window_hours);
  struct Period {
    std::string name;
    std::size_t begin, end;
  };
  std::vector<Period> periods;
  for (std::size_t h = 0; h < times.size(); ++h) {
    const std::string day = local_date(times[h], utc_offset_hours);
    if (periods.empty() || periods.back().name != day)
      periods.push_back({day, h, h + 1});
    else
      periods.back().end = h + 1;
  }
  if (!times.empty()) periods.push_back({"episode", 0, times.size()});

  std::vector<TableRow> rows;
  for (const Period& p : periods)
    for (const SiteSeries& s : series) {
      add_rows(rows, p.name, "all", times, utc_offset_hours, tag_names, s, p.begin, p.end);
      const auto [begin, end] = peak_window(s.host, p.begin, p.end, width);
      add_rows(rows, p.name, "peak", times, utc_offset_hours, tag_names, s, begin, end);
    }
  return rows;
}

void write_apportionment_csv(const std::string& path, const std::vector<TableRow>& rows) {
  write_atomically(path, [&rows](std::ostream& out) {
    out << "period,site,quantity,window,window_start,group,value,unit,share_percent\n";
    for (const TableRow& r : rows)
      out << csv_cell(r.period) << ',' << csv_cell(r.site) << ',' << csv_cell(r.quantity) << ',' << r.window
          << ',' << r.window_start << ',' << csv_cell(r.group) << ',' << number(r.value, "%.6g") << ','
          << csv_cell(r.unit) << ',' << (r.share_percent ? number(*r.share_percent, "%.3f") : "") << '\n';
  });
}

void write_receptor_series_csv(const std::string& path, const std::vector<UtcTime>& times,
                               double utc_offset_hours, const std::vector<std::string>& tag_names,
                               const std::vector<SiteSeries>& series) {
  check_inputs(times, tag_names, series);
  write_atomically(path, [&](std::ostream& out) {
    out << "time_utc,time_local,site,quantity,group,value,unit\n";
    for (std::size_t h = 0; h < times.size(); ++h) {
      const std::string stamp =
          format_utc(times[h]) + ',' + format_local_time(times[h], utc_offset_hours) + ',';
      for (const SiteSeries& s : series) {
        const std::string head = stamp + csv_cell(s.site) + ',' + csv_cell(s.quantity) + ',';
        const std::string unit = csv_cell(s.unit);
        for (std::size_t g = 0; g < tag_names.size(); ++g)
          out << head << csv_cell(tag_names[g]) << ',' << number(s.by_tag[g][h], "%.6g") << ',' << unit
              << '\n';
        out << head << kTotal << ',' << number(s.host[h], "%.6g") << ',' << unit << '\n';
      }
    }
  });
}

}  // namespace airshed
