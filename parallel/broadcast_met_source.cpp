// SPDX-License-Identifier: Apache-2.0
#include "parallel/broadcast_met_source.hpp"

#include <cstdint>
#include <exception>

#include "core/error.hpp"
#include "parallel/byte_buffer.hpp"

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

struct Encoder {
  ByteWriter& out;
  void operator()(const Array3& a) {
    out.put<std::int32_t>(a.n0);
    out.put<std::int32_t>(a.n1);
    out.put<std::int32_t>(a.n2);
    out.put_doubles(a.data.data(), a.data.size());
  }
  void operator()(const Array2& a) {
    out.put<std::int32_t>(a.n0);
    out.put<std::int32_t>(a.n1);
    out.put_doubles(a.data.data(), a.data.size());
  }
};

struct Decoder {
  ByteReader& in;
  void operator()(Array3& a) {
    const int n0 = in.get<std::int32_t>(), n1 = in.get<std::int32_t>(), n2 = in.get<std::int32_t>();
    a = Array3(n0, n1, n2);
    in.get_doubles(a.data.data(), a.data.size());
  }
  void operator()(Array2& a) {
    const int n0 = in.get<std::int32_t>(), n1 = in.get<std::int32_t>();
    a = Array2(n0, n1);
    in.get_doubles(a.data.data(), a.data.size());
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
      ByteWriter out;
      out.put<char>('M');
      for_each_array(fields, Encoder{out});
      bytes = out.take();
    } catch (const std::exception& e) {
      bytes = std::string("E") + e.what();
    }
  }
  bytes = ranks_.broadcast(bytes, 0);
  // Input errors exit with status 2, as in a serial run; every rank of the run holds this one.
  if (bytes.empty() || bytes[0] != 'M')
    throw RankFailure(bytes.empty() ? "no record" : bytes.substr(1), ranks_.size(), 2);
  if (ranks_.root()) return fields;
  ByteReader in(bytes, "meteorology record", 1);
  for_each_array(fields, Decoder{in});
  return fields;
}

}  // namespace airshed::parallel
