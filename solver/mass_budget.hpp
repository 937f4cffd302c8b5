// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <array>
#include <vector>

#include "solver/horizontal_advection.hpp"
#include "solver/state.hpp"

namespace airshed {

/// Amount of field f in the domain: sum of c * cell volume [mol or kg], summed in a fixed order.
double domain_amount(const State& state, std::size_t field);

/// The budget of every transported field since the run start, per field (0 = air):
/// now - initial = boundary inflow (5 faces) + emitted + chemical net production - deposited.
/// `closure_error` is the relative residual of that identity, which the tests hold to round-off.
struct MassBudget {
  std::vector<double> initial;
  std::vector<double> emitted;
  std::vector<double> chemical;   ///< net change by chemistry and aerosol (production minus loss), mol or kg
  std::vector<double> deposited;  ///< removed by dry deposition and wet scavenging, mol or kg (>= 0)
  BoundaryExchange exchange;

  void start(const State& state);
  /// Every per-field sum above (initial, emitted, chemical, deposited and the five boundary exchanges), for
  /// what treats them alike: adding the parts of several ranks, zeroing a rank's copy.
  std::array<std::vector<double>*, 9> sums() {
    return {&initial,       &emitted,        &chemical,       &deposited,   &exchange.west,
            &exchange.east, &exchange.south, &exchange.north, &exchange.top};
  }
  double boundary_inflow(std::size_t field) const;
  /// |now - (initial + inflow + emitted + chemical - deposited)| / max(|now|, |initial|, |emitted|, |inflow|,
  /// |chemical|, |deposited|, tiny)
  double closure_error(const State& state, std::size_t field) const;
};

}  // namespace airshed
