// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/met_source.hpp"

namespace airshed::scenarios {

/// Meteorology shared by the members of an ensemble: each record is read from the underlying source once,
/// under a mutex (the NetCDF-C and HDF5 libraries are not thread-safe), and then served from memory to every
/// member; read() is safe to call from several threads. A record is dropped once it has been served
/// `consumers` times (each member's MetInterpolator reads every record it needs once), so members running
/// side by side hold only the records they are between; a record asked for again after that is read again
/// (counted by file_reads()). consumers = 0 keeps every record until the object goes.
class SharedMetSource final : public MetSource {
 public:
  SharedMetSource(const MetSource& source, std::size_t consumers);

  const std::vector<UtcTime>& times() const override { return source_.times(); }
  MetFields read(std::size_t index) const override;
  std::string description() const override { return source_.description(); }

  /// Records read from the underlying source so far (the met is read once when this equals the number of
  /// distinct records asked for).
  std::size_t file_reads() const;
  /// Distinct records asked for so far.
  std::size_t records_served() const;

 private:
  struct Entry {
    std::shared_ptr<const MetFields> fields;
    std::size_t served = 0;
  };
  const MetSource& source_;
  std::size_t consumers_;
  mutable std::mutex mutex_;
  mutable std::map<std::size_t, Entry> entries_;
  mutable std::size_t file_reads_ = 0;
};

}  // namespace airshed::scenarios
