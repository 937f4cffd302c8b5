// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "core/met_source.hpp"
#include "parallel/communicator.hpp"

namespace airshed::parallel {

/// The meteorology of a decomposed run read once: rank 0 of `ranks` reads each record from `inner` and
/// broadcasts it, so a run on N ranks reads the file's records once instead of N times (a shared file system
/// serves one reader; the broadcast is a tree over the interconnect). The other ranks use `inner` only for
/// the record times. read() is collective: every rank asks for the same records in the same order, as the
/// met interpolator does. A bad record (NaN, out of range) stops every rank with rank 0's message.
class BroadcastMetSource final : public MetSource {
 public:
  BroadcastMetSource(const MetSource& inner, const Communicator& ranks) : inner_(inner), ranks_(ranks) {}

  const std::vector<UtcTime>& times() const override { return inner_.times(); }
  MetFields read(std::size_t index) const override;
  std::string description() const override { return inner_.description(); }

 private:
  const MetSource& inner_;
  Communicator ranks_;
};

}  // namespace airshed::parallel
