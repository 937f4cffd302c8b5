// SPDX-License-Identifier: Apache-2.0
#include "solver/chemistry_step.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/constants.hpp"
#include "core/error.hpp"
#include "core/solar.hpp"

namespace airshed {

namespace {
/// molecules cm-3 per mol m-3: Avogadro's number times 1e-6 m3 per cm3.
constexpr double kMoleculesPerCm3PerMolPerM3 = 6.02214076e23 * 1e-6;
}  // namespace

ChemistryStep::ChemistryStep(const Grid& grid, const State& state, const chem::Mechanism& mechanism,
                             ChemistryOptions options, UtcTime run_start)
    : grid_(grid),
      system_(mechanism),
      photolysis_(mechanism.photolysis_names),
      options_(options),
      start_(run_start) {
  for (int s = 0; s < system_.n_solved(); ++s) {
    const std::string& name = mechanism.species[system_.mechanism_index(s)].name;
    const std::size_t idx = state.find(name);
    field_of_solved_.push_back(idx < state.n_species() ? static_cast<int>(idx) + 1 : -1);
  }
  for (int j = 0; j < grid.ny(); ++j)
    for (int i = 0; i < grid.nx(); ++i) column_lonlat_.push_back(grid.lonlat_centre(i, j));
  if (options_.aerosol) {
    std::vector<std::size_t> absorbing;
    for (const std::string& name : options_.primary_organic) {
      const std::size_t s = state.find(name);
      if (s == state.n_species() || state.species()[s].phase != Phase::aerosol)
        throw std::invalid_argument("chemistry: primary organic aerosol '" + name +
                                    "' is not an aerosol species of the state");
      absorbing.push_back(s + 1);
    }
    aerosol_.emplace(state, system_, std::move(absorbing));
  }
}

void ChemistryStep::apply(State& state, const MetState& met, double t, double dt, MassBudget* budget) {
  // The solver advances `width` cells together with one error norm, so a cell's result depends on the cells
  // it is solved with. The groups are runs of a row of one layer that start at global multiples of the width
  // (the last run of a row may be shorter): fixed by the grid, never by the thread count nor by how the
  // columns are split between ranks (parallel/ puts block edges between runs).
  const ColumnBlock& cb = state.block();
  const int nx = grid_.nx(), bny = cb.ny(), nz = grid_.nz();
  const int width = options_.block_width;
  const int first_run = cb.i0 / width, runs = (cb.i1 + width - 1) / width - first_run;
  const long blocks = static_cast<long>(runs) * bny * nz;
  const int n = system_.n_solved(), nr = system_.n_reactions();
  const int nj = static_cast<int>(system_.mechanism().photolysis_names.size());
  const std::size_t nf = state.n_fields();

  // Photolysis per owned column at the middle of the step (the block's columns, x fastest).
  auto block_column = [&](int i, int j) {
    return static_cast<std::size_t>(i - cb.i0) + static_cast<std::size_t>(cb.nx()) * (j - cb.j0);
  };
  std::vector<double> column_j(static_cast<std::size_t>(cb.nx()) * bny * std::max(nj, 1), 0.0);
  std::vector<double> jtmp(std::max(nj, 1));
  for (int j = cb.j0; j < cb.j1; ++j)
    for (int i = cb.i0; i < cb.i1; ++i) {
      const std::size_t col = block_column(i, j);
      const double cosz =
          cos_solar_zenith(column_lonlat_[static_cast<std::size_t>(i) + static_cast<std::size_t>(nx) * j],
                           start_, t + 0.5 * dt);
      // Surface pressure from the first layer's by the hydrostatic equation over half its thickness, so a
      // clear idealised day (whose shortwave uses the surface pressure) gives a cloud factor of exactly 1.
      const double p_surface =
          met.fields.pressure(i, j, 0) * std::exp(constants::gravity * grid_.layers().mid(0) /
                                                  (constants::rd_dry_air * met.fields.temperature(i, j, 0)));
      const double clear = chem::clear_sky_shortwave(cosz, p_surface);
      const double cloud = clear > 0 ? chem::cloud_factor(met.fields.shortwave_down(i, j), clear) : 0.0;
      photolysis_.rates(cosz, cloud, jtmp.data());
      for (int p = 0; p < nj; ++p) column_j[col * nj + p] = jtmp[p];
    }

  if (integrals_)
    for (std::size_t q = integrals_->values.size(); q < integrals_->sums.size(); ++q)
      integrals_->values.emplace_back(cb.nx(), bny, nz);
  std::vector<double> block_change(static_cast<std::size_t>(blocks) * nf, 0.0);
  long steps = 0;
  bool failed = false;
  long failed_block = -1;
#pragma omp parallel reduction(+ : steps)
  {
    chem::RosenbrockSolver solver(system_, options_.solver, width);
    std::vector<double> y(static_cast<std::size_t>(n) * width), k(static_cast<std::size_t>(nr) * width);
    std::vector<double> temp(width), pres(width), hum(width),
        jb(static_cast<std::size_t>(std::max(nj, 1)) * width);
    std::vector<double> before(static_cast<std::size_t>(n) * width), volume(width);
    std::vector<std::size_t> offset(width);
    std::vector<double> rate_start, rate_end;
    if (integrals_) {
      rate_start.resize(static_cast<std::size_t>(nr) * width);
      rate_end.resize(static_cast<std::size_t>(nr) * width);
    }
    std::optional<AerosolStep::Workspace> aerosol_ws;
    if (aerosol_) aerosol_ws.emplace(*aerosol_, width);
#pragma omp for schedule(dynamic, 1)
    for (long b = 0; b < blocks; ++b) {
      // Block b is run (b % runs) of row j, layer kz (rows x fastest, then layers).
      const int run = first_run + static_cast<int>(b % runs);
      const int row = cb.j0 + static_cast<int>(b / runs % bny), layer = static_cast<int>(b / runs / bny);
      const int run_i0 = std::max(cb.i0, run * width), run_i1 = std::min(cb.i1, (run + 1) * width);
      const int w = run_i1 - run_i0;
      for (int c = 0; c < w; ++c) {
        const int i = run_i0 + c, j = row, kz = layer;
        offset[c] = state.air().offset(i, j, kz);
        volume[c] = grid_.cell_volume(kz);
        temp[c] = met.fields.temperature(i, j, kz);
        pres[c] = met.fields.pressure(i, j, kz);
        hum[c] = met.fields.humidity(i, j, kz);
        const std::size_t col = block_column(i, j);
        for (int p = 0; p < nj; ++p) jb[static_cast<std::size_t>(p) * w + c] = column_j[col * nj + p];
        for (int s = 0; s < n; ++s) {
          const int f = field_of_solved_[s];
          y[static_cast<std::size_t>(s) * w + c] =
              f < 0 ? 0.0 : state.field(f)(i, j, kz) * kMoleculesPerCm3PerMolPerM3;
        }
      }
      std::copy(y.begin(), y.begin() + static_cast<long>(n) * w, before.begin());
      const chem::BlockConditions cond{w, temp.data(), pres.data(), hum.data(), jb.data()};
      system_.rate_constants(cond, k.data());
      const chem::RosenbrockStats stats = solver.solve(y.data(), k.data(), w, dt);
      steps += stats.steps;
      if (!stats.ok) {
#pragma omp critical
        {
          failed = true;
          failed_block = std::max(failed_block, b);
        }
        continue;
      }
      if (integrals_) {
        system_.reaction_rates(before.data(), k.data(), w, rate_start.data());
        system_.reaction_rates(y.data(), k.data(), w, rate_end.data());
        for (std::size_t q = 0; q < integrals_->sums.size(); ++q) {
          Array3& out = integrals_->values[q];
          for (int c = 0; c < w; ++c) {
            double sum = 0.0;
            for (const auto& [r, weight] : integrals_->sums[q]) {
              const std::size_t at = static_cast<std::size_t>(r) * w + c;
              sum += weight * 0.5 * (rate_start[at] + rate_end[at]);
            }
            out(run_i0 + c - cb.i0, row - cb.j0, layer) = sum * dt / kMoleculesPerCm3PerMolPerM3;
          }
        }
      }
      double* change = block_change.data() + static_cast<std::size_t>(b) * nf;
      if (aerosol_) {
        const AerosolStep::Block block{w,           offset.data(), volume.data(), temp.data(),
                                       pres.data(), hum.data(),    y.data(),      before.data()};
        aerosol_->apply(block, dt, state, *aerosol_ws, change);
      }
      for (int s = 0; s < n; ++s) {
        const int f = field_of_solved_[s];
        if (f < 0) continue;
        double* data = state.field(f).data();
        for (int c = 0; c < w; ++c) {
          const double now = y[static_cast<std::size_t>(s) * w + c] / kMoleculesPerCm3PerMolPerM3;
          change[f] += (now - data[offset[c]]) * volume[c];
          data[offset[c]] = now;
        }
      }
    }
  }
  last_steps_ = steps;
  if (failed) {
    const int run = first_run + static_cast<int>(failed_block % runs);
    throw NumericalError("chemistry: the Rosenbrock solver did not converge for the cells from (" +
                         std::to_string(std::max(cb.i0, run * width)) + "," +
                         std::to_string(cb.j0 + static_cast<int>(failed_block / runs % bny)) + "," +
                         std::to_string(failed_block / runs / bny) + ") on along x, solved together");
  }
  if (budget)
    for (long b = 0; b < blocks; ++b)
      for (std::size_t f = 0; f < nf; ++f)
        budget->chemical[f] += block_change[static_cast<std::size_t>(b) * nf + f];
}

}  // namespace airshed
