// SPDX-License-Identifier: Apache-2.0
// Temporal and speciation profiles (YAML) and the VOC compound table (CSV) of docs/emission-inputs.md.
#include "io/emission_profiles_reader.hpp"

#include <yaml-cpp/yaml.h>

#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include "core/error.hpp"
#include "io/csv_table.hpp"
#include "io/inventory_rows.hpp"

namespace airshed {

using inventory_rows::number_text;

namespace {

std::string where(const std::string& name, const YAML::Node& node) {
  return name + ":" + std::to_string(node.Mark().line + 1);
}

/// The `profiles:` list of a profile file; every item must be a map with an `id`.
YAML::Node profile_list(const std::string& name, const std::string& text) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw InputError(name + ":" + std::to_string(e.mark.line + 1), "not valid YAML: " + e.msg);
  }
  if (!root.IsMap() || !root["profiles"] || !root["profiles"].IsSequence())
    throw InputError(name + ":1", "expected a 'profiles:' list");
  for (const auto& key : root)
    if (key.first.Scalar() != "profiles")
      throw InputError(where(name, key.first),
                       "unknown key '" + key.first.Scalar() + "' (expected profiles)");
  return root["profiles"];
}

/// "profile 'x': key 'monthly'" prefix of messages about an item's key.
std::string key_text(const std::string& id, const std::string& key) {
  return "profile '" + id + "': key '" + key + "': ";
}

double number(const std::string& name, const YAML::Node& node, const std::string& context) {
  const auto value = node.IsScalar() ? parse_finite_number(node.Scalar()) : std::nullopt;
  if (!value)
    throw InputError(where(name, node),
                     context + "'" + (node.IsScalar() ? node.Scalar() : "?") + "' is not a finite number");
  return *value;
}

std::string profile_id(const std::string& name, const YAML::Node& item, std::set<std::string>& seen) {
  if (!item.IsMap()) throw InputError(where(name, item), "a profile is a map with an 'id'");
  const YAML::Node id = item["id"];
  if (!id || !id.IsScalar() || id.Scalar().empty())
    throw InputError(where(name, item), "profile without 'id'");
  if (!seen.insert(id.Scalar()).second)
    throw InputError(where(name, id), "key 'id': duplicate profile id '" + id.Scalar() + "'");
  return id.Scalar();
}

/// N non-negative weights with a positive sum.
template <std::size_t N>
void weights(const std::string& name, const std::string& id, const std::string& key, const YAML::Node& node,
             std::array<double, N>& out) {
  const std::string context = key_text(id, key);
  if (!node.IsSequence() || node.size() != N)
    throw InputError(where(name, node), context + "needs " + std::to_string(N) + " values");
  double sum = 0.0;
  for (std::size_t i = 0; i < N; ++i) {
    out[i] = number(name, node[i], context);
    if (out[i] < 0.0)
      throw InputError(where(name, node[i]), context + "negative weight " + number_text(out[i]));
    sum += out[i];
  }
  if (!(sum > 0.0)) throw InputError(where(name, node), context + "the weights sum to 0");
}

/// "MM-DD" of a heating-season bound (29 February allowed: the season is a calendar range).
void month_day(const std::string& name, const std::string& context, const YAML::Node& node, int& month,
               int& day) {
  static constexpr int kDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const std::string text = node.IsScalar() ? node.Scalar() : "";
  const bool shape =
      text.size() == 5 && text[2] == '-' && std::isdigit(static_cast<unsigned char>(text[0])) &&
      std::isdigit(static_cast<unsigned char>(text[1])) &&
      std::isdigit(static_cast<unsigned char>(text[3])) && std::isdigit(static_cast<unsigned char>(text[4]));
  if (shape) {
    month = std::stoi(text.substr(0, 2));
    day = std::stoi(text.substr(3, 2));
  }
  if (!shape || month < 1 || month > 12 || day < 1 || day > kDays[month - 1])
    throw InputError(where(name, node), context + "'" + text + "' is not a date \"MM-DD\"");
}

emis::TemporalProfile::Season heating_season(const std::string& name, const std::string& id,
                                             const YAML::Node& node) {
  const std::string context = key_text(id, "heating_season");
  if (!node.IsMap()) throw InputError(where(name, node), context + "expected {start, end, in, out}");
  emis::TemporalProfile::Season s;
  for (const auto& key : node) {
    const std::string k = key.first.Scalar();
    if (k == "start") {
      month_day(name, context, key.second, s.start_month, s.start_day);
    } else if (k == "end") {
      month_day(name, context, key.second, s.end_month, s.end_day);
    } else if (k == "in" || k == "out") {
      const double value = number(name, key.second, context);
      if (value < 0.0)
        throw InputError(where(name, key.second), context + "negative weight " + number_text(value));
      (k == "in" ? s.in_season : s.out_of_season) = value;
    } else {
      throw InputError(where(name, key.first),
                       context + "unknown key '" + k + "' (expected start, end, in, out)");
    }
  }
  if (s.start_month == 0 || s.end_month == 0)
    throw InputError(where(name, node), context + "needs start and end (\"MM-DD\")");
  return s;
}

/// A map of fractions summing to 1 within 1e-6: a profile that loses or invents mass is a typo.
std::map<std::string, double> fractions(const std::string& name, const std::string& id,
                                        const std::string& key, const YAML::Node& node) {
  const std::string context = key_text(id, key);
  if (!node.IsMap() || node.size() == 0)
    throw InputError(where(name, node), context + "expected a map {species: fraction, ...}");
  std::map<std::string, double> out;
  double sum = 0.0;
  for (const auto& entry : node) {
    const double value = number(name, entry.second, context + "species '" + entry.first.Scalar() + "': ");
    if (value < 0.0)
      throw InputError(where(name, entry.second), context + "species '" + entry.first.Scalar() +
                                                      "': negative fraction " + number_text(value));
    out[entry.first.Scalar()] = value;
    sum += value;
  }
  if (std::abs(sum - 1.0) > 1e-6)
    throw InputError(where(name, node),
                     context + "fractions sum to " + number_text(sum) + ", not 1 (within 1e-6)");
  return out;
}

}  // namespace

std::vector<emis::TemporalProfile> parse_temporal_profiles_yaml(const std::string& name,
                                                                const std::string& text) {
  std::vector<emis::TemporalProfile> out;
  std::set<std::string> seen;
  for (const auto& item : profile_list(name, text)) {
    emis::TemporalProfile p;
    p.id = profile_id(name, item, seen);
    p.where = where(name, item);
    for (const auto& key : item) {
      const std::string k = key.first.Scalar();
      if (k == "id") continue;
      if (k == "monthly") {
        weights(name, p.id, k, key.second, p.monthly);
      } else if (k == "weekly") {
        weights(name, p.id, k, key.second, p.weekly);
      } else if (k == "hourly") {
        weights(name, p.id, k, key.second, p.hourly);
      } else if (k == "heating_season") {
        p.heating_season = heating_season(name, p.id, key.second);
      } else {
        throw InputError(
            where(name, key.first),
            key_text(p.id, k) + "unknown key (expected id, monthly, weekly, hourly, heating_season)");
      }
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<emis::SpeciationProfile> parse_speciation_yaml(const std::string& name, const std::string& text) {
  std::vector<emis::SpeciationProfile> out;
  std::set<std::string> seen;
  for (const auto& item : profile_list(name, text)) {
    emis::SpeciationProfile p;
    p.id = profile_id(name, item, seen);
    p.where = where(name, item);
    for (const auto& key : item) {
      const std::string k = key.first.Scalar();
      if (k == "id") continue;
      const auto pollutant = emis::find_pollutant(k);
      if (k == "PMcoarse") {
        p.pmc = fractions(name, p.id, k, key.second);
      } else if (pollutant == emis::Pollutant::PM25) {
        p.pm25 = fractions(name, p.id, k, key.second);
      } else if (pollutant == emis::Pollutant::VOC) {
        p.voc = fractions(name, p.id, k, key.second);
      } else if (pollutant && pollutant != emis::Pollutant::PM10) {
        p.gas[*pollutant] = fractions(name, p.id, k, key.second);
      } else {
        throw InputError(where(name, key.first),
                         key_text(p.id, k) +
                             "unknown pollutant key (expected NOx, SO2, CO, NH3, VOC, PM2.5, "
                             "PMcoarse; the coarse part PM10 - PM2.5 is PMcoarse)");
      }
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<emis::VocCompound> parse_voc_compounds_csv(const std::string& name, const std::string& text) {
  using namespace inventory_rows;
  const CsvTable table = CsvTable::parse(name, text);
  const std::size_t compound = table.require("compound");
  const std::size_t molar_mass = table.require("molar_mass");
  const std::size_t carbon = table.require("carbon_atoms");
  const std::size_t species = table.require("mechanism_species");
  const auto unreactive = table.claim("unreactive_carbon");
  for (const auto column :
       {std::optional(compound), std::optional(carbon), std::optional(species), unreactive})
    if (column) check_no_unit(table, *column);
  const SiConversion mass_unit = unit_of(table, molar_mass, InventoryQuantity::molar_mass);
  table.reject_unclaimed();

  std::vector<emis::VocCompound> out;
  std::map<std::string, std::string> seen;
  for (const CsvRow& row : table.rows()) {
    emis::VocCompound c;
    c.where = table.where(row);
    c.name = table.text(row, compound);
    if (seen.count(c.name))
      table.fail(row, compound, "duplicate compound '" + c.name + "' (first at " + seen[c.name] + ")");
    seen[c.name] = c.where;
    c.molar_mass = positive(table, row, molar_mass, mass_unit);
    const double atoms = table.number(row, carbon);
    if (atoms < 0.0 || atoms != std::floor(atoms) || atoms > 1000.0)
      table.fail(row, carbon, number_text(atoms) + " is not a whole number of atoms");
    c.carbon_atoms = static_cast<int>(atoms);
    if (unreactive && !table.empty(row, *unreactive))
      c.unreactive_carbon = positive(table, row, *unreactive, SiConversion{}, true);
    // "OLE:1 PAR:1": whitespace-separated species:moles pairs; empty = entirely unreactive.
    std::string word;
    for (const char ch : row.cells[species] + " ") {
      if (ch != ' ' && ch != '\t') {
        word += ch;
        continue;
      }
      if (word.empty()) continue;
      const std::size_t colon = word.find(':');
      const auto moles =
          colon == std::string::npos ? std::nullopt : parse_finite_number(word.substr(colon + 1));
      if (!moles || colon == 0 || *moles < 0.0)
        table.fail(row, species, "'" + word + "' is not SPECIES:moles (e.g. \"OLE:1 PAR:1\")");
      c.mechanism_species[word.substr(0, colon)] += *moles;
      word.clear();
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace airshed
