// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>

namespace airshed {

/// A file written under a temporary name beside its final path and renamed into place by commit(), so an
/// interrupted run never leaves a file that looks complete. Destroying an uncommitted AtomicFile removes
/// the temporary. rename(2) within one directory is atomic on POSIX file systems.
class AtomicFile {
 public:
  explicit AtomicFile(std::string final_path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  /// Where to write now: "<dir>/.<name>.partial-<pid>".
  const std::string& temporary_path() const { return temporary_; }
  const std::string& final_path() const { return final_; }
  /// Rename the temporary onto the final path; throws std::runtime_error naming both on failure.
  void commit();
  bool committed() const { return committed_; }

 private:
  std::string final_;
  std::string temporary_;
  bool committed_ = false;
};

}  // namespace airshed
