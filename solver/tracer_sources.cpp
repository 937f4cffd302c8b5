// SPDX-License-Identifier: Apache-2.0
#include "solver/tracer_sources.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"

namespace airshed {

namespace {
int layer_of(const VerticalLayers& layers, double z) {
  for (int k = 0; k < layers.nz(); ++k)
    if (z < layers.interface(k + 1)) return k;
  return -1;
}
}  // namespace

TracerSources::TracerSources(const Grid& grid, std::size_t n_species, const std::vector<PointRelease>& points,
                             const std::vector<AreaRelease>& areas)
    : grid_(&grid), total_rate_(n_species, 0.0) {
  const VerticalLayers& layers = grid.layers();
  for (const PointRelease& p : points) {
    int i, j;
    if (!grid.locate(p.x, p.y, i, j))
      throw InputError("source '" + p.name + "'", "position (" + std::to_string(p.x) + ", " +
                                                      std::to_string(p.y) + ") m is outside the model grid");
    const int k = layer_of(layers, p.height);
    if (p.height < 0 || k < 0)
      throw InputError("source '" + p.name + "'", "release height " + std::to_string(p.height) +
                                                      " m is outside 0.." + std::to_string(layers.top()) +
                                                      " m");
    for (std::size_t s = 0; s < p.rate.size() && s < n_species; ++s)
      if (p.rate[s] != 0.0) {
        if (p.rate[s] < 0 || !std::isfinite(p.rate[s]))
          throw InputError("source '" + p.name + "'", "emission rate must be finite and non-negative");
        cells_.push_back({i, j, k, s, p.rate[s]});
        total_rate_[s] += p.rate[s];
      }
  }
  for (const AreaRelease& a : areas) {
    if (!(a.x_max > a.x_min && a.y_max > a.y_min))
      throw InputError("source '" + a.name + "'", "rectangle must have x_max > x_min and y_max > y_min");
    const double xw = grid.x_west(), ys = grid.y_south();
    const double xe = xw + grid.nx() * grid.dx(), yn = ys + grid.ny() * grid.dy();
    if (a.x_min < xw || a.x_max > xe || a.y_min < ys || a.y_max > yn)
      throw InputError("source '" + a.name + "'", "rectangle reaches outside the model grid");
    const double depth = a.depth > 0 ? a.depth : layers.interface(1);
    if (depth > layers.top())
      throw InputError("source '" + a.name + "'", "mixing depth is above the model top");
    const double area = (a.x_max - a.x_min) * (a.y_max - a.y_min);
    for (int j = 0; j < grid.ny(); ++j)
      for (int i = 0; i < grid.nx(); ++i) {
        const double ox = std::min(a.x_max, xw + (i + 1) * grid.dx()) - std::max(a.x_min, xw + i * grid.dx());
        const double oy = std::min(a.y_max, ys + (j + 1) * grid.dy()) - std::max(a.y_min, ys + j * grid.dy());
        if (ox <= 0 || oy <= 0) continue;
        for (int k = 0; k < layers.nz() && layers.interface(k) < depth; ++k) {
          const double share = (std::min(depth, layers.interface(k + 1)) - layers.interface(k)) / depth;
          for (std::size_t s = 0; s < a.flux.size() && s < n_species; ++s)
            if (a.flux[s] != 0.0) {
              if (a.flux[s] < 0 || !std::isfinite(a.flux[s]))
                throw InputError("source '" + a.name + "'", "emission flux must be finite and non-negative");
              cells_.push_back({i, j, k, s, a.flux[s] * ox * oy * share});
            }
        }
      }
    for (std::size_t s = 0; s < a.flux.size() && s < n_species; ++s) total_rate_[s] += a.flux[s] * area;
  }
}

TracerSources::TracerSources(const Grid& grid, std::size_t n_species, EmissionRates rates)
    : grid_(&grid), total_rate_(n_species, 0.0) {
  add(rates);
}

void TracerSources::add(const EmissionRates& rates) {
  for (const CellEmission& c : rates) {
    if (c.i < 0 || c.i >= grid_->nx() || c.j < 0 || c.j >= grid_->ny() || c.k < 0 || c.k >= grid_->nz() ||
        c.species >= total_rate_.size() || !(c.rate >= 0.0) || !std::isfinite(c.rate))
      throw InternalError(
          "TracerSources: emission rate outside the grid, of an unknown species or not finite");
    cells_.push_back(c);
    total_rate_[c.species] += c.rate;
  }
}

void TracerSources::apply(State& state, double dt, std::vector<double>* emitted) const {
  // Few cells: serial, in a fixed order (bit-identical for any thread count). Only the cells of the state's
  // columns: every rank holds the whole list and adds its own part.
  const ColumnBlock& b = state.block();
  for (const CellEmission& c : cells_) {
    if (!b.contains(c.i, c.j)) continue;
    const double amount = c.rate * dt;
    state.species_field(c.species)(c.i, c.j, c.k) += amount / grid_->cell_volume(c.k);
    if (emitted) (*emitted)[c.species + 1] += amount;
  }
}

}  // namespace airshed
