// SPDX-License-Identifier: Apache-2.0
#include "met/met_interpolator.hpp"

#include <algorithm>

#include "core/constants.hpp"
#include "core/error.hpp"
#include "met/vertical_wind.hpp"

namespace airshed {

namespace {

template <class A>
void lerp_into(A& out, const A& a, const A& b, double wb) {
  if (a.empty() || b.empty()) {
    out = A();
    return;
  }
  out = a;
  const double wa = 1.0 - wb;
  for (std::size_t n = 0; n < out.data.size(); ++n) out.data[n] = wa * a.data[n] + wb * b.data[n];
}

void lerp_fields(MetFields& out, const MetFields& a, const MetFields& b, double wb) {
  lerp_into(out.u, a.u, b.u, wb);
  lerp_into(out.v, a.v, b.v, wb);
  lerp_into(out.w, a.w, b.w, wb);
  lerp_into(out.temperature, a.temperature, b.temperature, wb);
  lerp_into(out.pressure, a.pressure, b.pressure, wb);
  lerp_into(out.humidity, a.humidity, b.humidity, wb);
  lerp_into(out.kz, a.kz, b.kz, wb);
  lerp_into(out.pbl_height, a.pbl_height, b.pbl_height, wb);
  lerp_into(out.friction_velocity, a.friction_velocity, b.friction_velocity, wb);
  lerp_into(out.shortwave_down, a.shortwave_down, b.shortwave_down, wb);
  lerp_into(out.sensible_heat_flux, a.sensible_heat_flux, b.sensible_heat_flux, wb);
  lerp_into(out.precipitation_rate, a.precipitation_rate, b.precipitation_rate, wb);
  lerp_into(out.cloud_fraction, a.cloud_fraction, b.cloud_fraction, wb);
}

}  // namespace

Array3 air_molar_density(const MetFields& met) {
  Array3 rho(met.temperature.n0, met.temperature.n1, met.temperature.n2);
  for (std::size_t n = 0; n < rho.data.size(); ++n)
    rho.data[n] = met.pressure.data[n] / (constants::gas_constant * met.temperature.data[n]);
  return rho;
}

MetInterpolator::MetInterpolator(const MetSource& source, const Grid& grid, UtcTime run_start, KzOptions kz)
    : source_(source), grid_(grid), start_(run_start), kz_options_(kz) {
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

const MetState& MetInterpolator::at(double model_time) {
  if (state_valid_ && state_.model_time == model_time) return state_;
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
  state_.model_time = model_time;
  lerp_fields(state_.fields, a_->fields, b_->fields, wb);
  lerp_into(state_.air_density, a_->density, b_->density, wb);
  state_.air_density_tendency = a_->density;
  for (std::size_t n = 0; n < state_.air_density_tendency.data.size(); ++n)
    state_.air_density_tendency.data[n] = (b_->density.data[n] - a_->density.data[n]) / (t1 - t0);
  state_.w = continuity_vertical_wind(grid_, state_.fields.u, state_.fields.v, state_.air_density,
                                      state_.air_density_tendency);
  if (kz_options_.prefer_met && !state_.fields.kz.empty()) {
    state_.kz = state_.fields.kz;
    for (double& k : state_.kz.data) k = std::clamp(k, kz_options_.kz_min, kz_options_.kz_max);
  } else {
    state_.kz = kz_from_similarity(grid_, state_.fields, state_.air_density, kz_options_);
  }
  state_valid_ = true;
  return state_;
}

}  // namespace airshed
