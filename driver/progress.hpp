// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <chrono>
#include <ostream>
#include <string>

#include "core/time.hpp"

namespace airshed {

/// Progress of a long run: simulated time, % done, speed as simulated hours per wall-clock second, and
/// the current step with what limits it. On a terminal one line is rewritten in place (at most 5 times a
/// second); otherwise a line is printed every 10 % so logs stay short.
class Progress {
 public:
  Progress(std::ostream& out, bool terminal, UtcTime start, double total_seconds);
  void update(double model_time, double dt, const std::string& limited_by);
  void finish();
  double wall_seconds() const;

 private:
  std::ostream& out_;
  bool terminal_;
  UtcTime start_;
  double total_;
  std::chrono::steady_clock::time_point wall_start_, last_print_;
  int last_decile_ = -1;
  bool dirty_ = false;
};

}  // namespace airshed
