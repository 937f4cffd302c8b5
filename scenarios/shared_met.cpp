// SPDX-License-Identifier: Apache-2.0
#include "scenarios/shared_met.hpp"

namespace airshed::scenarios {

SharedMetSource::SharedMetSource(const MetSource& source, std::size_t consumers)
    : source_(source), consumers_(consumers) {}

MetFields SharedMetSource::read(std::size_t index) const {
  std::shared_ptr<const MetFields> record;
  {
    // One lock for the map and the file: a member waiting here waits at most for one record's read.
    std::lock_guard<std::mutex> lock(mutex_);
    Entry& e = entries_[index];
    if (!e.fields) {
      e.fields = std::make_shared<const MetFields>(source_.read(index));
      ++file_reads_;
    }
    record = e.fields;
    if (consumers_ > 0 && ++e.served % consumers_ == 0) e.fields.reset();
  }
  return *record;  // the copy is made outside the lock
}

std::size_t SharedMetSource::file_reads() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return file_reads_;
}

std::size_t SharedMetSource::records_served() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

}  // namespace airshed::scenarios
