// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "io/config_schema.hpp"

namespace airshed {

/// A validated configuration: the YAML tree checked against a schema (unknown keys, types, ranges and
/// choices are errors naming file and line), with defaults filled in, and typed getters by dotted path.
class Config {
 public:
  /// Parse `text` (named `file` in messages) and validate. Throws InputError "<file>:<line>: <problem>".
  static Config parse(const std::string& text, const std::string& file, const ConfigSchema& schema);
  static Config load(const std::string& path, const ConfigSchema& schema);

  /// Apply a command-line override "a.b.c=value" (value parsed as YAML), validated like the file.
  void set(const std::string& assignment);

  bool has(const std::string& path) const;
  std::int64_t integer(const std::string& path) const;
  double real(const std::string& path) const;
  bool boolean(const std::string& path) const;
  std::string string(const std::string& path) const;
  UtcTime time(const std::string& path) const;
  std::vector<double> reals(const std::string& path) const;
  std::vector<std::string> strings(const std::string& path) const;
  /// Items of a list of sections, each a Config rooted at the item (paths relative to it).
  std::vector<Config> items(const std::string& path) const;

  const std::string& file() const { return file_; }
  /// "file:line" of a key for messages about values that pass the schema but fail a later check.
  std::string where(const std::string& path) const;
  /// The effective configuration (defaults included) as YAML, for the output's history and checkpoints.
  std::string dump() const;

 private:
  Config(YAML::Node root, std::string file, const ConfigSchema* schema, std::string prefix);
  YAML::Node node(const std::string& path) const;
  void validate_and_fill();

  YAML::Node root_;
  std::string file_;
  const ConfigSchema* schema_ = nullptr;
  std::string prefix_;  ///< schema path prefix of this (sub)config, e.g. "species[]."
};

}  // namespace airshed
