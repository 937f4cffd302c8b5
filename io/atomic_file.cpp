// SPDX-License-Identifier: Apache-2.0
#include "io/atomic_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace airshed {

AtomicFile::AtomicFile(std::string final_path) : final_(std::move(final_path)) {
  const std::filesystem::path p(final_);
  const std::string name = "." + p.filename().string() + ".partial-" + std::to_string(::getpid());
  temporary_ = (p.parent_path() / name).string();
  std::error_code ec;
  std::filesystem::remove(temporary_, ec);
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    std::error_code ec;
    std::filesystem::remove(temporary_, ec);
  }
}

void AtomicFile::commit() {
  if (std::rename(temporary_.c_str(), final_.c_str()) != 0)
    throw std::runtime_error(final_ + ": cannot rename " + temporary_ + " into place: " + std::strerror(errno));
  committed_ = true;
}

}  // namespace airshed
