// SPDX-License-Identifier: Apache-2.0
#include "parallel/broadcast_met_source.hpp"

#include <cstdint>
#include <cstring>
#include <exception>

#include "core/error.hpp"

namespace airshed::parallel {

namespace {

/// Every array of a record, in a fixed order, as the bytes of its shape and values.
template <class F>
void for_each_array(MetFields& m, F&& f) {
  for (Array3* a : {&m.u, &m.v, &m.w, &m.temperature, &m.pressure, &m.humidity, &m.kz}) f(*a);
  for (Array2* a : {&m.pbl_height, &m.friction_velocity, &m.shortwave_down, &m.sensible_heat_flux,
                    &m.precipitation_rate, &m.cloud_fraction})
    f(*a);
}

void put(std::string& out, const void* p, std::size_t n) {
  out.append(static_cast<const char*>(p), n);
}

void get(const std::string& in, std::size_t& at, void* p, std::size_t n) {
  if (at + n > in.size()) throw InternalError("BroadcastMetSource: truncated record");
  std::memcpy(p, in.data() + at, n);
  at += n;
}

struct Encoder {
  std::string& out;
  void operator()(Array3& a) {
    const std::int32_t shape[3] = {a.n0, a.n1, a.n2};
    put(out, shape, sizeof shape);
    put(out, a.data.data(), a.data.size() * sizeof(double));
  }
  void operator()(Array2& a) {
    const std::int32_t shape[2] = {a.n0, a.n1};
    put(out, shape, sizeof shape);
    put(out, a.data.data(), a.data.size() * sizeof(double));
  }
};

struct Decoder {
  const std::string& in;
  std::size_t& at;
  void operator()(Array3& a) {
    std::int32_t shape[3];
    get(in, at, shape, sizeof shape);
    a = Array3(shape[0], shape[1], shape[2]);
    get(in, at, a.data.data(), a.data.size() * sizeof(double));
  }
  void operator()(Array2& a) {
    std::int32_t shape[2];
    get(in, at, shape, sizeof shape);
    a = Array2(shape[0], shape[1]);
    get(in, at, a.data.data(), a.data.size() * sizeof(double));
  }
};

}  // namespace

MetFields BroadcastMetSource::read(std::size_t index) const {
  if (ranks_.size() == 1) return inner_.read(index);
  // First byte: 'M' a record follows, 'E' rank 0 could not read it (the message follows).
  std::string bytes;
  MetFields fields;
  if (ranks_.root()) {
    try {
      fields = inner_.read(index);
      bytes = "M";
      for_each_array(fields, Encoder{bytes});
    } catch (const std::exception& e) {
      bytes = std::string("E") + e.what();
    }
  }
  bytes = ranks_.broadcast(bytes, 0);
  // Input errors exit with status 2, as in a serial run; every rank of the run holds this one.
  if (bytes.empty() || bytes[0] != 'M')
    throw RankFailure(bytes.empty() ? "no record" : bytes.substr(1), ranks_.size(), 2);
  if (ranks_.root()) return fields;
  std::size_t at = 1;
  for_each_array(fields, Decoder{bytes, at});
  return fields;
}

}  // namespace airshed::parallel
