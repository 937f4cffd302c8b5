// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "core/array.hpp"

namespace airshed {

/// Everything a run needs to continue bit for bit, as named arrays and scalars, so io/ stays free of physics
/// and later modules (chemistry, tags) add entries without touching the format. Stored as HDF5: arrays as
/// datasets under /fields (shape n2 x n1 x n0, i.e. z, y, x), scalars as attributes of /state.
struct CheckpointData {
  std::map<std::string, Array3> fields;
  std::map<std::string, double> reals;
  std::map<std::string, std::int64_t> integers;
  std::map<std::string, std::string> texts;
};

/// Write atomically (temporary + rename). Throws std::runtime_error naming the file on failure.
void write_checkpoint(const std::string& path, const CheckpointData& data);

/// Read a checkpoint written by write_checkpoint; throws InputError naming the file and the missing or
/// malformed entry.
CheckpointData read_checkpoint(const std::string& path);

}  // namespace airshed
