// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <stdexcept>
#include <string>

namespace airshed {

/// Bad user input: a file, variable, row or key that is missing, malformed or physically wrong.
/// The message is one line, "<where>: <what is wrong>", e.g.
/// "met.nc: variable 'eastward_wind': units 'km' are not a speed"; the command prints it and exits 2.
class InputError : public std::runtime_error {
 public:
  InputError(const std::string& where, const std::string& problem)
      : std::runtime_error(where + ": " + problem), where_(where), problem_(problem) {}
  const std::string& where() const { return where_; }
  const std::string& problem() const { return problem_; }

 private:
  std::string where_;
  std::string problem_;
};

/// The numbers went wrong during a run (a value became NaN or infinite): usually inputs that are valid one by
/// one but drive the model out of its range (a huge emission, a time step forced too long).
class NumericalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A broken invariant inside the engine (a bug, not a user error).
class InternalError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

}  // namespace airshed
