// SPDX-License-Identifier: Apache-2.0
#include "solver/dry_deposition.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "core/constants.hpp"
#include "met/kz_profile.hpp"

namespace airshed {

chem::Season season_for_date(UtcTime t, double latitude) {
  int month = to_civil(t).month;                     // 1..12
  if (latitude < 0.0) month = (month + 5) % 12 + 1;  // July in the south is January in the north
  switch (month) {
    case 6:
    case 7:
    case 8:
      return chem::Season::midsummer;
    case 9:
    case 10:
      return chem::Season::autumn;
    case 3:
    case 4:
    case 5:
      return chem::Season::transitional_spring;
    default:
      return chem::Season::late_autumn;
  }
}

const std::vector<const char*>& deposited_gases() {
  static const std::vector<const char*> names = {"O3", "NO2", "HNO3", "SO2", "H2O2", "PAN"};
  return names;
}

void first_layer_loss(State& state, const std::vector<std::size_t>& fields,
                      const std::vector<double>& velocity, double dt, double* deposited) {
  const Grid& g = state.grid();
  const ColumnBlock& b = state.block();
  const int nx = g.nx(), bnx = b.nx();
  const std::size_t ncol = static_cast<std::size_t>(nx) * g.ny();
  const double dz = g.layers().thickness(0), volume = g.cell_volume(0);
  for (std::size_t n = 0; n < fields.size(); ++n) {
    Field3& c = state.field(fields[n]);
    const double* v = velocity.data() + n * ncol;
    double removed = 0.0;
    for (int j = b.j0; j < b.j1; ++j) {
      double* row = c.at(b.i0, j, 0);
      const double* vrow = v + static_cast<std::size_t>(nx) * j + b.i0;
      for (int i = 0; i < bnx; ++i) {
        const double before = row[i];
        row[i] = before * std::exp(-vrow[i] * dt / dz);
        removed += before - row[i];
      }
    }
    if (deposited) deposited[fields[n]] += removed * volume;
  }
}

DryDeposition::DryDeposition(const Grid& grid, const State& state, DryDepositionOptions options,
                             UtcTime run_start)
    : grid_(grid),
      block_(state.block()),
      options_(options),
      start_(run_start),
      latitude_(grid.lonlat_centre(grid.nx() / 2, grid.ny() / 2).lat) {
  const double zref = grid.layers().mid(0);
  if (!(options_.roughness_length > 0.0 && options_.roughness_length < zref))
    throw std::invalid_argument(
        "dry deposition: the roughness length (" + std::to_string(options_.roughness_length) +
        " m) must be positive and below the first layer's mid-height (" + std::to_string(zref) + " m)");
  for (const char* name : deposited_gases()) {
    const std::size_t s = state.find(name);
    if (s == state.n_species() || state.species()[s].phase != Phase::gas) continue;
    fields_.push_back(s + 1);
    gases_.push_back(&chem::wesely_gas(name));
  }
  for (std::size_t s = 0; s < state.n_species(); ++s)
    if (state.species()[s].phase == Phase::aerosol) {
      fields_.push_back(s + 1);
      ++n_aerosols_;
    }
  const std::size_t ncol = static_cast<std::size_t>(grid.nx()) * grid.ny();
  for (auto* v : {&ustar_, &obukhov_, &temperature_, &pressure_, &shortwave_}) v->assign(ncol, 0.0);
  z0_.assign(ncol, options_.roughness_length);
  zref_.assign(ncol, zref);
  land_use_.assign(ncol, options_.land_use);
}

void DryDeposition::velocities(const MetState& met, double t, std::vector<double>& velocity) {
  using namespace constants;
  const int nx = grid_.nx(), ny = grid_.ny();
  const std::size_t ncol = static_cast<std::size_t>(nx) * ny;
  const double zmid = grid_.layers().mid(0);
  const bool has_heat = !met.fields.sensible_heat_flux.empty();
  for (int j = block_.j0; j < block_.j1; ++j)
    for (int i = block_.i0; i < block_.i1; ++i) {
      const std::size_t col = static_cast<std::size_t>(i) + static_cast<std::size_t>(nx) * j;
      const double temperature = met.fields.temperature(i, j, 0);
      const double ustar = met.fields.friction_velocity(i, j);
      // As met/kz_profile's similarity Kz: the first layer's temperature and density, neutral without H.
      const double rho_kg = met.air_density(i, j, 0) * molar_mass_dry_air;
      ustar_[col] = ustar;
      obukhov_[col] =
          obukhov_length(ustar, temperature, rho_kg, has_heat ? met.fields.sensible_heat_flux(i, j) : 0.0);
      temperature_[col] = temperature;
      pressure_[col] = met.fields.pressure(i, j, 0) * std::exp(gravity * zmid / (rd_dry_air * temperature));
      shortwave_[col] = met.fields.shortwave_down(i, j);
    }
  const chem::Season season =
      options_.season
          ? *options_.season
          : season_for_date(UtcTime{start_.seconds + static_cast<std::int64_t>(std::floor(t))}, latitude_);
  velocity.assign(fields_.size() * ncol, 0.0);
  // One surface block per row of the owned columns (every column's velocity depends on its own column only).
  for (int j = block_.j0; j < block_.j1; ++j) {
    const std::size_t first_col = static_cast<std::size_t>(block_.i0) + static_cast<std::size_t>(nx) * j;
    chem::SurfaceBlock surface;
    surface.width = block_.nx();
    surface.friction_velocity = ustar_.data() + first_col;
    surface.obukhov_length = obukhov_.data() + first_col;
    surface.roughness_length = z0_.data() + first_col;
    surface.reference_height = zref_.data() + first_col;
    surface.temperature = temperature_.data() + first_col;
    surface.pressure = pressure_.data() + first_col;
    surface.shortwave_down = shortwave_.data() + first_col;
    surface.land_use = land_use_.data() + first_col;
    surface.season = season;
    for (std::size_t n = 0; n < gases_.size(); ++n)
      chem::gas_deposition_velocity(*gases_[n], surface, velocity.data() + n * ncol + first_col);
    if (n_aerosols_ > 0) {
      double* first = velocity.data() + gases_.size() * ncol + first_col;
      chem::particle_deposition_velocity(options_.particle, surface, first);
      for (std::size_t n = 1; n < n_aerosols_; ++n) std::copy(first, first + block_.nx(), first + n * ncol);
    }
  }
}

void DryDeposition::apply(State& state, const MetState& met, double t, double dt, MassBudget* budget) {
  velocities(met, t, velocity_);
  first_layer_loss(state, fields_, velocity_, dt, budget ? budget->deposited.data() : nullptr);
}

}  // namespace airshed
