// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "solver/state.hpp"

namespace airshed {

/// Where source apportionment (tagging/) enters the split step. The tags are fields of the State, so the
/// transport operators carry them with the species; these hooks are the places where the operators that
/// act on species only (emissions, deposition, chemistry) must be mirrored on the tags, and where the tags
/// are brought back to their hosts. The solver calls them; it does not know what a tag is.
class TagHooks {
 public:
  virtual ~TagHooks() = default;
  /// Right after the species' emissions of the step.
  virtual void emit(State& state, double dt) = 0;
  /// Around dry deposition and wet scavenging.
  virtual void before_removal(const State& state) = 0;
  virtual void after_removal(State& state) = 0;
  /// Around the chemistry (gas phase and aerosol); the chemistry has filled its ReactionIntegrals.
  virtual void before_chemistry(const State& state) = 0;
  virtual void after_chemistry(State& state, double dt) = 0;
  /// After the second horizontal half-steps: the tags are made to sum to their hosts again.
  virtual void end_of_step(State& state) = 0;
};

}  // namespace airshed
