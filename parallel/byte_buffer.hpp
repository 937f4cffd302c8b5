// SPDX-License-Identifier: Apache-2.0
#pragma once
// Values as bytes for messages between ranks: the doubles' own bits travel, so a rank receives exactly what
// another computed (results stay bit-identical whichever rank computed them).
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace airshed::parallel {

class ByteWriter {
 public:
  template <class T>
  void put(const T& value) {
    bytes_.append(reinterpret_cast<const char*>(&value), sizeof(T));
  }
  /// The count, then the values.
  void put_doubles(const double* p, std::size_t n) {
    put<std::uint64_t>(n);
    bytes_.append(reinterpret_cast<const char*>(p), n * sizeof(double));
  }
  std::string take() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

class ByteReader {
 public:
  /// `what` names the message in errors ("ensemble: member metrics").
  ByteReader(const std::string& bytes, std::string what, std::size_t start = 0)
      : bytes_(bytes), what_(std::move(what)), at_(start) {}
  template <class T>
  T get() {
    T value{};
    take(&value, sizeof(T));
    return value;
  }
  std::size_t count() { return static_cast<std::size_t>(get<std::uint64_t>()); }
  /// A count written by put_doubles that must be `n`, then the n values.
  void get_doubles(double* p, std::size_t n) {
    if (count() != n) throw InternalError(what_ + " from another rank garbled");
    take(p, n * sizeof(double));
  }
  /// Values written by put_doubles, as many as were written.
  void get_doubles(std::vector<double>& v) {
    v.resize(count());
    take(v.data(), v.size() * sizeof(double));
  }
  bool done() const { return at_ == bytes_.size(); }

 private:
  void take(void* out, std::size_t n) {
    if (n > bytes_.size() - at_) throw InternalError(what_ + " from another rank truncated");
    std::memcpy(out, bytes_.data() + at_, n);
    at_ += n;
  }
  const std::string& bytes_;
  std::string what_;
  std::size_t at_;
};

}  // namespace airshed::parallel
