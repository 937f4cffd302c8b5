// SPDX-License-Identifier: Apache-2.0
#include "core/time.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <stdexcept>

namespace airshed {

// Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms", days_from_civil / civil_from_days.
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilTime to_civil(UtcTime t) {
  std::int64_t days = t.seconds >= 0 ? t.seconds / 86400 : -((-t.seconds + 86399) / 86400);
  std::int64_t sod = t.seconds - days * 86400;
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilTime{static_cast<int>(y + (m <= 2)),
                   static_cast<int>(m),
                   static_cast<int>(d),
                   static_cast<int>(sod / 3600),
                   static_cast<int>(sod % 3600 / 60),
                   static_cast<int>(sod % 60)};
}

namespace {
bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
int days_in_month(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : d[m - 1];
}
}  // namespace

UtcTime parse_utc(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  std::string rest = text;
  while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.back()))) rest.pop_back();
  if (rest.size() >= 1 && (rest.back() == 'Z' || rest.back() == 'z')) rest.pop_back();
  if (rest.size() > 6 && rest.compare(rest.size() - 6, 6, "+00:00") == 0) rest.resize(rest.size() - 6);
  int consumed = 0;
  const int n = std::sscanf(rest.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &consumed);
  if (n != 3)
    throw std::invalid_argument("'" + text + "' is not an ISO-8601 date-time (YYYY-MM-DDTHH:MM:SSZ)");
  std::string tail = rest.substr(static_cast<std::size_t>(consumed));
  if (!tail.empty()) {
    if (tail[0] != 'T' && tail[0] != ' ' && tail[0] != '_')
      throw std::invalid_argument("'" + text + "' is not an ISO-8601 date-time (YYYY-MM-DDTHH:MM:SSZ)");
    int used = 0;
    const int k = std::sscanf(tail.c_str() + 1, "%2d%n:%2d%n:%2d%n", &h, &used, &mi, &used, &s, &used);
    if (k < 1 || static_cast<std::size_t>(used + 1) != tail.size())
      throw std::invalid_argument("'" + text +
                                  "' has a malformed time of day (expected HH, HH:MM or HH:MM:SS, UTC)");
  }
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59 ||
      s < 0 || s > 60)
    throw std::invalid_argument("'" + text + "' is not a valid calendar date-time");
  return UtcTime{days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s};
}

std::string format_utc(UtcTime t) {
  const CivilTime c = to_civil(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute,
                c.second);
  return buf;
}

CfTimeUnits parse_cf_time_units(const std::string& units) {
  const auto pos = units.find(" since ");
  if (pos == std::string::npos)
    throw std::invalid_argument("time units '" + units + "' are not of the form '<unit> since <date>'");
  std::string unit = units.substr(0, pos);
  while (!unit.empty() && std::isspace(static_cast<unsigned char>(unit.front()))) unit.erase(unit.begin());
  CfTimeUnits out;
  if (unit == "seconds" || unit == "second" || unit == "s" || unit == "sec")
    out.seconds_per_unit = 1.0;
  else if (unit == "minutes" || unit == "minute" || unit == "min")
    out.seconds_per_unit = 60.0;
  else if (unit == "hours" || unit == "hour" || unit == "h" || unit == "hr")
    out.seconds_per_unit = 3600.0;
  else if (unit == "days" || unit == "day" || unit == "d")
    out.seconds_per_unit = 86400.0;
  else
    throw std::invalid_argument("time unit '" + unit + "' is not one of seconds, minutes, hours, days");
  std::string ref = units.substr(pos + 7);
  // CF allows "2021-1-1 0:0:0" and a trailing " UTC"; normalise the common forms.
  if (ref.size() > 4 && ref.compare(ref.size() - 4, 4, " UTC") == 0) ref.resize(ref.size() - 4);
  // A time-zone offset after the time ("... 08:00:00 +08:00", "+0800", "-5", "Z"; CF 1.8 section 4.4 and
  // UDUNITS) shifts the reference to UTC; ignoring it would silently move every record.
  std::int64_t offset_seconds = 0;
  {
    while (!ref.empty() && std::isspace(static_cast<unsigned char>(ref.back()))) ref.pop_back();
    if (!ref.empty() && (ref.back() == 'Z' || ref.back() == 'z')) ref.pop_back();
    // An offset is a sign after the time of day, i.e. after its first colon (the date's dashes come before).
    const auto first_colon = ref.find(':');
    const auto sign_pos =
        first_colon == std::string::npos ? std::string::npos : ref.find_first_of("+-", first_colon);
    if (sign_pos != std::string::npos) {
      const std::string zone = ref.substr(sign_pos + 1);
      int zh = 0, zm = 0;
      const auto colons = std::count(zone.begin(), zone.end(), ':');
      if (colons > 1 || zone.find_first_not_of("0123456789:") != std::string::npos) {
        throw std::invalid_argument("time zone in '" + units + "' is malformed");
      } else if (colons == 1) {
        if (std::sscanf(zone.c_str(), "%d:%d", &zh, &zm) != 2)
          throw std::invalid_argument("time zone in '" + units + "' is malformed");
      } else if (zone.size() == 4) {
        zh = std::stoi(zone.substr(0, 2));
        zm = std::stoi(zone.substr(2, 2));
      } else if (!zone.empty() && zone.size() <= 2) {
        zh = std::stoi(zone);
      } else {
        throw std::invalid_argument("time zone in '" + units + "' is malformed");
      }
      offset_seconds = (ref[sign_pos] == '-' ? -1 : 1) * (zh * 3600 + zm * 60);
      ref.resize(sign_pos);
      while (!ref.empty() && std::isspace(static_cast<unsigned char>(ref.back()))) ref.pop_back();
    }
  }
  int y, mo, d, h = 0, mi = 0;
  double s = 0;
  const int n = std::sscanf(ref.c_str(), "%d-%d-%d%*[ T]%d:%d:%lf", &y, &mo, &d, &h, &mi, &s);
  if (n < 3) throw std::invalid_argument("time reference '" + ref + "' is not a date");
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
    throw std::invalid_argument("time reference '" + ref + "' is not a valid date");
  out.reference =
      UtcTime{days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + static_cast<int>(s) - offset_seconds};
  return out;
}

}  // namespace airshed
