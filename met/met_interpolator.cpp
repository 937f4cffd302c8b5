// SPDX-License-Identifier: Apache-2.0
#include "met/met_interpolator.hpp"

#include <algorithm>

#include "core/constants.hpp"
#include "core/error.hpp"
#include "met/vertical_wind.hpp"

namespace airshed {

namespace {

/// out = (1 - wb) a + wb b on the columns of `w` (arrays on faces, one longer along an axis, include the
/// window's last face); out keeps a's shape, and elements outside the window are left as they are.
void lerp_into(Array3& out, const Array3& a, const Array3& b, double wb, const ColumnBlock& w,
               const Grid& g) {
  if (a.empty() || b.empty()) {
    out = Array3();
    return;
  }
  if (out.n0 != a.n0 || out.n1 != a.n1 || out.n2 != a.n2) out = Array3(a.n0, a.n1, a.n2);
  const double wa = 1.0 - wb;
  const int i1 = std::min(w.i1 + (a.n0 - g.nx()), a.n0), j1 = std::min(w.j1 + (a.n1 - g.ny()), a.n1);
  for (int k = 0; k < a.n2; ++k)
    for (int j = w.j0; j < j1; ++j)
      for (int i = w.i0; i < i1; ++i) out(i, j, k) = wa * a(i, j, k) + wb * b(i, j, k);
}

void lerp_into(Array2& out, const Array2& a, const Array2& b, double wb, const ColumnBlock& w, const Grid&) {
  if (a.empty() || b.empty()) {
    out = Array2();
    return;
  }
  if (out.n0 != a.n0 || out.n1 != a.n1) out = Array2(a.n0, a.n1);
  const double wa = 1.0 - wb;
  for (int j = w.j0; j < std::min(w.j1, a.n1); ++j)
    for (int i = w.i0; i < std::min(w.i1, a.n0); ++i) out(i, j) = wa * a(i, j) + wb * b(i, j);
}

void lerp_fields(MetFields& out, const MetFields& a, const MetFields& b, double wb, const ColumnBlock& w,
                 const Grid& g) {
  lerp_into(out.u, a.u, b.u, wb, w, g);
  lerp_into(out.v, a.v, b.v, wb, w, g);
  lerp_into(out.w, a.w, b.w, wb, w, g);
  lerp_into(out.temperature, a.temperature, b.temperature, wb, w, g);
  lerp_into(out.pressure, a.pressure, b.pressure, wb, w, g);
  lerp_into(out.humidity, a.humidity, b.humidity, wb, w, g);
  lerp_into(out.kz, a.kz, b.kz, wb, w, g);
  lerp_into(out.pbl_height, a.pbl_height, b.pbl_height, wb, w, g);
  lerp_into(out.friction_velocity, a.friction_velocity, b.friction_velocity, wb, w, g);
  lerp_into(out.shortwave_down, a.shortwave_down, b.shortwave_down, wb, w, g);
  lerp_into(out.sensible_heat_flux, a.sensible_heat_flux, b.sensible_heat_flux, wb, w, g);
  lerp_into(out.precipitation_rate, a.precipitation_rate, b.precipitation_rate, wb, w, g);
  lerp_into(out.cloud_fraction, a.cloud_fraction, b.cloud_fraction, wb, w, g);
}

/// `columns` widened by one column on every side that has one (what the continuity wind reads).
ColumnBlock widened(const ColumnBlock& c, const Grid& g) {
  return {std::max(c.i0 - 1, 0), std::min(c.i1 + 1, g.nx()), std::max(c.j0 - 1, 0),
          std::min(c.j1 + 1, g.ny())};
}

}  // namespace

Array3 air_molar_density(const MetFields& met) {
  Array3 rho(met.temperature.n0, met.temperature.n1, met.temperature.n2);
  for (std::size_t n = 0; n < rho.data.size(); ++n)
    rho.data[n] = met.pressure.data[n] / (constants::gas_constant * met.temperature.data[n]);
  return rho;
}

MetInterpolator::MetInterpolator(const MetSource& source, const Grid& grid, UtcTime run_start, KzOptions kz)
    : source_(source), grid_(grid), start_(run_start), kz_options_(kz), window_(ColumnBlock::whole(grid)) {
  if (source_.times().size() < 2)
    throw InputError(source_.description(), "meteorology needs at least two time records to interpolate");
}

double MetInterpolator::record_time(std::size_t index) const {
  return static_cast<double>(source_.times()[index].seconds - start_.seconds);
}

void MetInterpolator::load_pair(std::size_t lower) {
  auto load = [&](std::size_t index) {
    if (a_ && a_->index == index) return *a_;
    if (b_ && b_->index == index) return *b_;
    Loaded l{index, source_.read(index), {}};
    l.density = air_molar_density(l.fields);
    return l;
  };
  Loaded a = load(lower), b = load(lower + 1);
  a_ = std::move(a);
  b_ = std::move(b);
  lower_ = lower;
}

void MetInterpolator::set_window(const ColumnBlock& columns) {
  window_ = columns;
  state_valid_ = false;
}

const MetState& MetInterpolator::at(double model_time) {
  if (!(state_valid_ && state_.model_time == model_time)) {
    compute(state_, model_time, window_);
    state_valid_ = true;
  }
  return state_;
}

const MetState& MetInterpolator::at_whole(double model_time) {
  if (!(whole_valid_ && whole_.model_time == model_time)) {
    compute(whole_, model_time, ColumnBlock::whole(grid_));
    whole_valid_ = true;
  }
  return whole_;
}

void MetInterpolator::compute(MetState& out, double model_time, const ColumnBlock& columns) {
  const auto& times = source_.times();
  const double first = record_time(0), last = record_time(times.size() - 1);
  if (model_time < first || model_time > last)
    throw InputError(source_.description(),
                     "meteorology covers " + format_utc(times.front()) + " to " + format_utc(times.back()) +
                         " but the run needs " +
                         format_utc(UtcTime{start_.seconds + static_cast<std::int64_t>(model_time)}));
  // The lower record is the last one at or before model_time, but never the final record.
  std::size_t lower = 0;
  while (lower + 2 < times.size() && record_time(lower + 1) <= model_time) ++lower;
  if (!a_ || lower != lower_) load_pair(lower);

  const double t0 = record_time(lower), t1 = record_time(lower + 1);
  const double wb = (model_time - t0) / (t1 - t0);
  // Every value is a function of its own column (and, for the continuity wind, the neighbouring columns'
  // density and winds), so a window's values are those of the whole grid's.
  const ColumnBlock wide = widened(columns, grid_);
  out.model_time = model_time;
  lerp_fields(out.fields, a_->fields, b_->fields, wb, wide, grid_);
  lerp_into(out.air_density, a_->density, b_->density, wb, wide, grid_);
  if (out.air_density_tendency.n0 != a_->density.n0 || out.air_density_tendency.n1 != a_->density.n1 ||
      out.air_density_tendency.n2 != a_->density.n2)
    out.air_density_tendency = Array3(a_->density.n0, a_->density.n1, a_->density.n2);
  for (int k = 0; k < a_->density.n2; ++k)
    for (int j = wide.j0; j < wide.j1; ++j)
      for (int i = wide.i0; i < wide.i1; ++i)
        out.air_density_tendency(i, j, k) = (b_->density(i, j, k) - a_->density(i, j, k)) / (t1 - t0);
  continuity_vertical_wind(grid_, out.fields.u, out.fields.v, out.air_density, out.air_density_tendency,
                           columns, out.w);
  if (kz_options_.prefer_met && !out.fields.kz.empty()) {
    const Array3& met_kz = out.fields.kz;
    if (out.kz.n0 != met_kz.n0 || out.kz.n1 != met_kz.n1 || out.kz.n2 != met_kz.n2)
      out.kz = Array3(met_kz.n0, met_kz.n1, met_kz.n2);
    for (int k = 0; k < met_kz.n2; ++k)
      for (int j = columns.j0; j < columns.j1; ++j)
        for (int i = columns.i0; i < columns.i1; ++i)
          out.kz(i, j, k) = std::clamp(met_kz(i, j, k), kz_options_.kz_min, kz_options_.kz_max);
  } else {
    kz_from_similarity(grid_, out.fields, out.air_density, kz_options_, columns, out.kz);
  }
}

}  // namespace airshed
