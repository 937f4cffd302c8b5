// SPDX-License-Identifier: Apache-2.0
#include "solver/wet_deposition.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace airshed {

namespace {

constexpr double kSecondsPerHour = 3600.0;

}  // namespace

const std::vector<const char*>& scavenged_gases() {
  static const std::vector<const char*> names = {"HNO3", "H2O2", "NH3", "SO2"};
  return names;
}

void column_scavenging_loss(State& state, const std::vector<std::size_t>& fields,
                            const std::vector<double>& lambda, double dt, double* deposited) {
  const Grid& g = state.grid();
  const ColumnBlock& b = state.block();
  const int nx = g.nx(), ny = g.ny(), nz = g.nz(), bnx = b.nx();
  const std::size_t ncol = static_cast<std::size_t>(nx) * ny;
  if (lambda.size() < fields.size() * ncol)
    throw std::invalid_argument("wet deposition: " + std::to_string(lambda.size()) + " rates for " +
                                std::to_string(fields.size()) + " fields of " + std::to_string(ncol) +
                                " columns");
  // Amount removed per row (j, k) of one field (the block's part of the row, global j): filled by whichever
  // thread owns the row, summed below in row order.
  std::vector<double> removed_rows(static_cast<std::size_t>(ny) * nz);
  for (std::size_t n = 0; n < fields.size(); ++n) {
    Field3& c = state.field(fields[n]);
    const double* l = lambda.data() + n * ncol;
#pragma omp parallel for collapse(2) schedule(static)
    for (int k = 0; k < nz; ++k)
      for (int j = b.j0; j < b.j1; ++j) {
        double* row = c.at(b.i0, j, k);
        const double* lrow = l + static_cast<std::size_t>(nx) * j + b.i0;
        double removed = 0.0;
        for (int i = 0; i < bnx; ++i) {
          if (!(lrow[i] > 0.0)) continue;  // no rain: the cell keeps every bit
          const double before = row[i];
          row[i] = before * std::exp(-lrow[i] * dt);  // dC/dt = -Lambda C over dt, exactly
          removed += before - row[i];
        }
        removed_rows[static_cast<std::size_t>(k) * ny + j] = removed;
      }
    if (!deposited) continue;
    double total = 0.0;
    for (int k = 0; k < nz; ++k) {
      double layer = 0.0;
      for (int j = b.j0; j < b.j1; ++j) layer += removed_rows[static_cast<std::size_t>(k) * ny + j];
      total += layer * g.cell_volume(k);
    }
    deposited[fields[n]] += total;
  }
}

WetDeposition::WetDeposition(const Grid& grid, const State& state) : grid_(grid), block_(state.block()) {
  for (const char* name : scavenged_gases()) {
    const std::size_t s = state.find(name);
    if (s == state.n_species() || state.species()[s].phase != Phase::gas) continue;
    fields_.push_back(s + 1);
    coefficients_.push_back(&chem::scavenging_coefficients(name));
  }
  const chem::ScavengingCoefficients& particle = chem::scavenging_coefficients("fine_particle");
  for (std::size_t s = 0; s < state.n_species(); ++s)
    if (state.species()[s].phase == Phase::aerosol) {
      fields_.push_back(s + 1);
      coefficients_.push_back(&particle);
    }
  precipitation_.assign(static_cast<std::size_t>(grid.nx()) * grid.ny(), 0.0);
}

bool WetDeposition::rates(const MetState& met, std::vector<double>& lambda) {
  const Array2& rate = met.fields.precipitation_rate;
  if (rate.empty() || fields_.empty()) return false;
  const std::size_t ncol = precipitation_.size();
  if (rate.size() != ncol)
    throw std::invalid_argument("wet deposition: the precipitation rate has " + std::to_string(rate.size()) +
                                " columns, the grid " + std::to_string(ncol));
  const std::size_t nx = static_cast<std::size_t>(grid_.nx());
  bool raining = false;
  // kg m-2 s-1 is mm s-1 of liquid water; the coefficients take mm h-1. Only the block's columns.
  for (int j = block_.j0; j < block_.j1; ++j)
    for (int i = block_.i0; i < block_.i1; ++i) {
      const std::size_t col = static_cast<std::size_t>(i) + nx * static_cast<std::size_t>(j);
      precipitation_[col] = rate.data[col] * kSecondsPerHour;
      raining = raining || precipitation_[col] > 0.0;
    }
  if (!raining) return false;
  lambda.assign(fields_.size() * ncol, 0.0);
  for (std::size_t n = 0; n < fields_.size(); ++n)
    for (int j = block_.j0; j < block_.j1; ++j) {
      const std::size_t first_col = static_cast<std::size_t>(block_.i0) + nx * static_cast<std::size_t>(j);
      chem::scavenging_rates(*coefficients_[n], block_.nx(), precipitation_.data() + first_col,
                             lambda.data() + n * ncol + first_col);
    }
  return true;
}

void WetDeposition::apply(State& state, const MetState& met, double dt, MassBudget* budget) {
  if (!rates(met, lambda_)) return;
  column_scavenging_loss(state, fields_, lambda_, dt, budget ? budget->deposited.data() : nullptr);
}

}  // namespace airshed
