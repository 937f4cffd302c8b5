// SPDX-License-Identifier: Apache-2.0
#include "emissions/inventory.hpp"

#include <algorithm>
#include <cctype>

namespace airshed::emis {

const char* pollutant_name(Pollutant p) {
  switch (p) {
    case Pollutant::NOx: return "NOx";
    case Pollutant::SO2: return "SO2";
    case Pollutant::CO: return "CO";
    case Pollutant::VOC: return "VOC";
    case Pollutant::NH3: return "NH3";
    case Pollutant::PM25: return "PM2.5";
    case Pollutant::PM10: return "PM10";
  }
  return "?";
}

std::optional<Pollutant> find_pollutant(const std::string& name) {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower == "pm25") return Pollutant::PM25;
  if (lower == "nmvoc") return Pollutant::VOC;
  for (Pollutant p : kAllPollutants) {
    std::string n = pollutant_name(p);
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
    if (n == lower) return p;
  }
  return std::nullopt;
}

}  // namespace airshed::emis
