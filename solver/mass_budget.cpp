// SPDX-License-Identifier: Apache-2.0
#include "solver/mass_budget.hpp"

#include <algorithm>
#include <cmath>

namespace airshed {

// The state's block only (the whole domain in a serial run); a decomposed run adds the ranks' amounts.
double domain_amount(const State& state, std::size_t field) {
  const Grid& g = state.grid();
  const ColumnBlock& b = state.block();
  const Field3& c = state.field(field);
  double total = 0.0;
  for (int k = 0; k < g.nz(); ++k) {
    double layer = 0.0;
    for (int j = b.j0; j < b.j1; ++j) {
      const double* row = c.at(b.i0, j, k);
      for (int i = 0; i < b.nx(); ++i) layer += row[i];
    }
    total += layer * g.cell_volume(k);
  }
  return total;
}

void MassBudget::start(const State& state) {
  initial.resize(state.n_fields());
  for (std::size_t f = 0; f < state.n_fields(); ++f) initial[f] = domain_amount(state, f);
  emitted.assign(state.n_fields(), 0.0);
  chemical.assign(state.n_fields(), 0.0);
  deposited.assign(state.n_fields(), 0.0);
  exchange.resize(state.n_fields());
}

double MassBudget::boundary_inflow(std::size_t f) const {
  return exchange.west[f] + exchange.east[f] + exchange.south[f] + exchange.north[f] + exchange.top[f];
}

double MassBudget::closure_error(const State& state, std::size_t f) const {
  const double now = domain_amount(state, f);
  const double expected = initial[f] + boundary_inflow(f) + emitted[f] + chemical[f] - deposited[f];
  const double scale =
      std::max({std::abs(now), std::abs(initial[f]), std::abs(emitted[f]), std::abs(boundary_inflow(f)),
                std::abs(chemical[f]), std::abs(deposited[f]), 1e-300});
  return std::abs(now - expected) / scale;
}

}  // namespace airshed
