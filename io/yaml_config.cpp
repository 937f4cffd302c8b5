// SPDX-License-Identifier: Apache-2.0
#include "io/yaml_config.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/error.hpp"

namespace airshed {

namespace {

/// A key given a value (absent keys come back as undefined or null nodes).
bool present(const YAML::Node& n) {
  return n.IsDefined() && !n.IsNull();
}

std::string line_of(const std::string& file, const YAML::Node& n) {
  const int line = n.Mark().line;
  return line >= 0 ? file + ":" + std::to_string(line + 1) : file;
}

const ConfigKey* find_key(const ConfigSchema& schema, const std::string& path) {
  for (const ConfigKey& k : schema)
    if (k.path == path) return &k;
  return nullptr;
}

/// Direct children of `prefix` ("" for the top, "grid." or "species[]." below).
std::vector<const ConfigKey*> children(const ConfigSchema& schema, const std::string& prefix) {
  std::vector<const ConfigKey*> out;
  for (const ConfigKey& k : schema)
    if (k.path.size() > prefix.size() && k.path.compare(0, prefix.size(), prefix) == 0 &&
        k.path.find('.', prefix.size()) == std::string::npos)
      out.push_back(&k);
  return out;
}

std::string leaf(const std::string& path) {
  const auto dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

double parse_real(const YAML::Node& n, const std::string& where, const std::string& key) {
  double v;
  if (!n.IsScalar() || !YAML::convert<double>::decode(n, v) || !std::isfinite(v))
    throw InputError(where, "key '" + key + "' must be a finite number, got '" +
                                (n.IsScalar() ? n.Scalar() : "a " + std::string(n.IsMap() ? "map" : "list")) +
                                "'");
  return v;
}

void check_range(double v, const ConfigKey& k, const std::string& where) {
  if (v < k.min || v > k.max) {
    std::ostringstream os;
    os << "key '" << k.path << "' = " << v << " is outside the allowed range [" << k.min << ", " << k.max
       << "]";
    throw InputError(where, os.str());
  }
}

void validate_scalar(const YAML::Node& n, const ConfigKey& k, const std::string& where) {
  switch (k.type) {
    case ConfigType::integer: {
      long long v;
      if (!n.IsScalar() || !YAML::convert<long long>::decode(n, v))
        throw InputError(where, "key '" + k.path + "' must be an integer");
      check_range(static_cast<double>(v), k, where);
      break;
    }
    case ConfigType::real:
      check_range(parse_real(n, where, k.path), k, where);
      break;
    case ConfigType::boolean: {
      bool b;
      if (!n.IsScalar() || !YAML::convert<bool>::decode(n, b))
        throw InputError(where, "key '" + k.path + "' must be true or false");
      break;
    }
    case ConfigType::string: {
      if (!n.IsScalar()) throw InputError(where, "key '" + k.path + "' must be a text value");
      if (!k.choices.empty()) {
        bool ok = false;
        std::string list;
        for (const auto& c : k.choices) {
          ok = ok || c == n.Scalar();
          list += (list.empty() ? "" : ", ") + c;
        }
        if (!ok)
          throw InputError(where, "key '" + k.path + "' = '" + n.Scalar() + "' is not one of: " + list);
      }
      break;
    }
    case ConfigType::time:
      if (!n.IsScalar()) throw InputError(where, "key '" + k.path + "' must be a UTC date-time");
      try {
        parse_utc(n.Scalar());
      } catch (const std::invalid_argument& e) {
        throw InputError(where, "key '" + k.path + "': " + e.what());
      }
      break;
    case ConfigType::real_list:
      if (!n.IsSequence()) throw InputError(where, "key '" + k.path + "' must be a list of numbers");
      for (const auto& item : n) check_range(parse_real(item, where, k.path), k, where);
      break;
    case ConfigType::string_list:
      if (!n.IsSequence()) throw InputError(where, "key '" + k.path + "' must be a list of names");
      for (const auto& item : n)
        if (!item.IsScalar()) throw InputError(where, "key '" + k.path + "' must be a list of names");
      break;
    default:
      break;
  }
}

void validate_map(YAML::Node map, const std::string& prefix, const ConfigSchema& schema,
                  const std::string& file) {
  const std::string section =
      prefix.empty() ? "the top level" : "section '" + prefix.substr(0, prefix.size() - 1) + "'";
  if (!map.IsMap()) throw InputError(line_of(file, map), section + " must be a map of keys");
  const auto kids = children(schema, prefix);
  std::set<std::string> seen;
  for (auto it = map.begin(); it != map.end(); ++it) {
    const std::string name = it->first.as<std::string>();
    const std::string path = prefix + name;
    const ConfigKey* key = find_key(schema, path);
    if (!key) {
      std::string known;
      for (const ConfigKey* k : kids) known += (known.empty() ? "" : ", ") + leaf(k->path);
      throw InputError(line_of(file, it->first),
                       "unknown key '" + name + "' in " + section + " (known: " + known + ")");
    }
    if (!seen.insert(name).second)
      throw InputError(line_of(file, it->first), "key '" + name + "' is given twice");
    const YAML::Node value = it->second;
    const std::string where = line_of(file, it->first);
    if (key->type == ConfigType::section) {
      validate_map(value, path + ".", schema, file);
    } else if (key->type == ConfigType::list_of_sections) {
      if (!value.IsSequence()) throw InputError(where, "key '" + path + "' must be a list");
      for (auto item : value) validate_map(item, path + "[].", schema, file);
    } else {
      if (value.IsNull()) throw InputError(where, "key '" + path + "' has no value");
      validate_scalar(value, *key, where);
    }
  }
  for (const ConfigKey* k : kids) {
    const std::string name = leaf(k->path);
    if (map[name]) continue;
    if (k->default_value == "required")
      throw InputError(line_of(file, map), "missing required key '" + k->path + "'");
    if (k->type == ConfigType::section) {
      // An absent section with required keys is an optional block (e.g. a box's `location`): leave it out.
      const auto grandchildren = children(schema, k->path + ".");
      if (std::any_of(grandchildren.begin(), grandchildren.end(),
                      [](const ConfigKey* g) { return g->default_value == "required"; }))
        continue;
      YAML::Node sub(YAML::NodeType::Map);
      validate_map(sub, k->path + ".", schema, file);
      map[name] = sub;
    } else if (!k->default_value.empty()) {
      map[name] = YAML::Load(k->default_value);
    }
  }
}

}  // namespace

const char* to_string(ConfigType type) {
  switch (type) {
    case ConfigType::section:
      return "section";
    case ConfigType::list_of_sections:
      return "list";
    case ConfigType::integer:
      return "integer";
    case ConfigType::real:
      return "number";
    case ConfigType::boolean:
      return "boolean";
    case ConfigType::string:
      return "text";
    case ConfigType::time:
      return "UTC time";
    case ConfigType::real_list:
      return "list of numbers";
    case ConfigType::string_list:
      return "list of names";
  }
  return "?";
}

Config::Config(YAML::Node root, std::string file, const ConfigSchema* schema, std::string prefix)
    : root_(root), file_(std::move(file)), schema_(schema), prefix_(std::move(prefix)) {}

Config Config::parse(const std::string& text, const std::string& file, const ConfigSchema& schema) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw InputError(file + ":" + std::to_string(e.mark.line + 1), "malformed YAML: " + e.msg);
  }
  if (root.IsNull()) root = YAML::Node(YAML::NodeType::Map);
  Config c(root, file, &schema, "");
  c.validate_and_fill();
  return c;
}

Config Config::load(const std::string& path, const ConfigSchema& schema) {
  std::ifstream in(path);
  if (!in) throw InputError(path, "cannot open the case file");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), path, schema);
}

void Config::validate_and_fill() {
  validate_map(root_, prefix_, *schema_, file_);
}

void Config::set(const std::string& assignment) {
  const auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0)
    throw InputError("command line", "override '" + assignment + "' is not of the form key.path=value");
  const std::string path = assignment.substr(0, eq);
  YAML::Node value;
  try {
    value = YAML::Load(assignment.substr(eq + 1));
  } catch (const YAML::Exception& e) {
    throw InputError("command line", "override '" + assignment + "': malformed value: " + e.msg);
  }
  const ConfigKey* key = find_key(*schema_, path);
  if (!key || key->type == ConfigType::section || key->type == ConfigType::list_of_sections)
    throw InputError("command line",
                     "override '" + path + "' is not a settable key (see `airshed config-doc`)");
  validate_scalar(value, *key, "command line");
  YAML::Node n = root_;
  std::stringstream ss(path);
  std::string part;
  std::vector<std::string> parts;
  while (std::getline(ss, part, '.')) parts.push_back(part);
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    if (!n[parts[i]]) n[parts[i]] = YAML::Node(YAML::NodeType::Map);
    n.reset(n[parts[i]]);
  }
  n[parts.back()] = value;
}

YAML::Node Config::node(const std::string& path) const {
  if (!find_key(*schema_, prefix_ + path))
    throw InternalError("configuration key '" + prefix_ + path + "' is not in the schema");
  YAML::Node n = root_;
  std::stringstream ss(path);
  std::string part;
  while (std::getline(ss, part, '.')) {
    if (!n.IsMap() || !n[part]) return YAML::Node();
    n.reset(n[part]);
  }
  return n;
}

bool Config::has(const std::string& path) const {
  return present(node(path));
}

namespace {
[[noreturn]] void missing(const std::string& file, const std::string& path) {
  throw InputError(file, "missing key '" + path + "'");
}
}  // namespace

std::int64_t Config::integer(const std::string& path) const {
  const YAML::Node n = node(path);
  if (!present(n)) missing(file_, prefix_ + path);
  return n.as<long long>();
}
double Config::real(const std::string& path) const {
  const YAML::Node n = node(path);
  if (!present(n)) missing(file_, prefix_ + path);
  return n.as<double>();
}
bool Config::boolean(const std::string& path) const {
  const YAML::Node n = node(path);
  if (!present(n)) missing(file_, prefix_ + path);
  return n.as<bool>();
}
std::string Config::string(const std::string& path) const {
  const YAML::Node n = node(path);
  if (!present(n)) missing(file_, prefix_ + path);
  return n.as<std::string>();
}
UtcTime Config::time(const std::string& path) const {
  return parse_utc(string(path));
}
std::vector<double> Config::reals(const std::string& path) const {
  const YAML::Node n = node(path);
  if (!present(n)) return {};
  return n.as<std::vector<double>>();
}
std::vector<std::string> Config::strings(const std::string& path) const {
  const YAML::Node n = node(path);
  if (!present(n)) return {};
  return n.as<std::vector<std::string>>();
}
std::vector<Config> Config::items(const std::string& path) const {
  std::vector<Config> out;
  const YAML::Node n = node(path);
  if (!present(n)) return out;
  for (auto item : n) out.push_back(Config(item, file_, schema_, prefix_ + path + "[]."));
  return out;
}

std::string Config::where(const std::string& path) const {
  const YAML::Node n = node(path);
  return present(n) ? line_of(file_, n) : file_;
}

std::string Config::dump() const {
  YAML::Emitter out;
  out << root_;
  return out.c_str();
}

std::string schema_markdown(const ConfigSchema& schema, const std::string& title, const std::string& intro) {
  std::ostringstream md;
  md << "# " << title << "\n\n" << intro << "\n";
  std::string current;
  for (const ConfigKey& k : schema) {
    const std::string top = k.path.substr(0, k.path.find('.'));
    if (k.path.find('.') == std::string::npos) {
      current = top;
      md << "\n## `" << k.path << "`\n\n" << k.doc << "\n\n";
      md << "| key | type | unit | default | allowed | meaning |\n| --- | --- | --- | --- | --- | --- |\n";
      if (k.type == ConfigType::section || k.type == ConfigType::list_of_sections) continue;
    }
    std::string allowed;
    for (const auto& c : k.choices) allowed += (allowed.empty() ? "" : ", ") + ("`" + c + "`");
    if (allowed.empty() && (k.min > -1e299 || k.max < 1e299)) {
      std::ostringstream r;
      if (k.min > -1e299) r << k.min;
      r << " .. ";
      if (k.max < 1e299) r << k.max;
      allowed = r.str();
    }
    const std::string def =
        k.default_value.empty()
            ? ""
            : (k.default_value == "required" ? "**required**" : "`" + k.default_value + "`");
    md << "| `" << k.path << "` | " << to_string(k.type) << " | " << k.unit << " | " << def << " | "
       << allowed << " | " << k.doc << " |\n";
  }
  return md.str();
}

}  // namespace airshed
