// SPDX-License-Identifier: Apache-2.0
#include "driver/progress.hpp"

#include <cstdio>

namespace airshed {

Progress::Progress(std::ostream& out, bool terminal, UtcTime start, double total_seconds)
    : out_(out),
      terminal_(terminal),
      start_(start),
      total_(total_seconds),
      wall_start_(std::chrono::steady_clock::now()),
      last_print_(wall_start_) {}

double Progress::wall_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start_).count();
}

void Progress::update(double t, double dt, const std::string& limited_by) {
  const auto now = std::chrono::steady_clock::now();
  const double fraction = total_ > 0 ? t / total_ : 1.0;
  const int decile = static_cast<int>(fraction * 10.0 + 1e-9);
  if (terminal_ ? now - last_print_ < std::chrono::milliseconds(200) && fraction < 1.0
                : decile == last_decile_)
    return;
  last_print_ = now;
  last_decile_ = decile;
  const double wall = wall_seconds();
  const double speed = wall > 0 ? t / 3600.0 / wall : 0.0;
  const std::string stamp = format_utc(UtcTime{start_.seconds + static_cast<std::int64_t>(t)});
  char line[256];
  std::snprintf(line, sizeof line, "%s  %5.1f%%  %7.2f sim-h/s (%.0fx real time)  dt %6.1f s (%s)",
                stamp.c_str(), 100.0 * fraction, speed, speed * 3600.0, dt, limited_by.c_str());
  if (terminal_) {
    out_ << "\r" << line << "\x1b[K" << std::flush;
    dirty_ = true;
  } else {
    out_ << line << "\n";
  }
}

void Progress::finish() {
  if (terminal_ && dirty_) out_ << "\n";
  dirty_ = false;
}

}  // namespace airshed
