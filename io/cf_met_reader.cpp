// SPDX-License-Identifier: Apache-2.0
//
// CF meteorology read in place: the model grid is a window of the met grid. The variables are found, checked
// and converted as documented at the top of cf_met_variables.cpp (shared with CfNativeMetReader).
#include "io/cf_met_reader.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "core/error.hpp"
#include "io/cf_grid.hpp"
#include "io/cf_met_variables.hpp"

namespace airshed {

using namespace cf_met;

namespace {

/// Why a model grid is not a window of a met grid: the coordinate (or grid mapping) variable at fault.
struct Mismatch {
  std::string variable;
  std::string problem;
};

/// Where the model grid sits in the met grid, or why it does not.
struct WindowFit {
  int i0 = 0, j0 = 0;  ///< model cell (0, 0) is met cell (i0, j0)
  std::optional<Mismatch> mismatch;
};

// One horizontal axis: same spacing, edges on met cell edges, inside the met grid (1e-3 of a cell). Returns
// the met cell of the model's first cell, or the mismatch.
std::optional<Mismatch> place_axis(const std::string& name, double model_edge, double model_spacing,
                                   int model_n, double met_edge, double met_spacing, int met_n,
                                   const char* low_side, const char* high_side, int& first_cell) {
  if (std::abs(model_spacing - met_spacing) > 1e-6 * met_spacing)
    return Mismatch{name, "the model spacing d" + name + " = " + number_text(model_spacing) +
                              " m differs from the met grid's " + number_text(met_spacing) + " m"};
  const double offset = (model_edge - met_edge) / met_spacing;
  const long cells = std::lround(offset);
  if (std::abs(offset - static_cast<double>(cells)) > 1e-3)
    return Mismatch{name, "the model grid's " + std::string(low_side) + " edge at " + name + " = " +
                              number_text(model_edge) + " m is not on a met cell edge (it is " +
                              number_text(offset) + " met cells from the met grid's " + low_side +
                              " edge at " + number_text(met_edge) + " m)"};
  if (cells < 0)
    return Mismatch{name, "the model grid extends " + number_text(-static_cast<double>(cells) * met_spacing) +
                              " m " + low_side + " of the met grid"};
  if (cells + model_n > met_n)
    return Mismatch{name, "the model grid extends " +
                              number_text(static_cast<double>(cells + model_n - met_n) * met_spacing) +
                              " m " + high_side + " of the met grid"};
  first_cell = static_cast<int>(cells);
  return std::nullopt;
}

std::optional<Mismatch> check_layers(const CfGrid& met, const Grid& model) {
  const VerticalLayers& m = model.layers();
  const VerticalLayers& f = met.grid.layers();
  if (m.nz() > f.nz())
    return Mismatch{met.z_dim, "the model has " + std::to_string(m.nz()) + " layers but the met file only " +
                                   std::to_string(f.nz())};
  for (int k = 0; k <= m.nz(); ++k)
    if (std::abs(m.interface(k) - f.interface(k)) > 1e-3)
      return Mismatch{met.z_dim, "model layer interface " + std::to_string(k) + " at " +
                                     number_text(m.interface(k)) + " m differs from the met interface at " +
                                     number_text(f.interface(k)) + " m (tolerance 1e-3 m)"};
  return std::nullopt;
}

// Same projection, same spacing, edges on met cell edges, inside the met grid, same layer interfaces (as
// many as the model has): checked in this order, the first failure reported.
WindowFit fit_window(const CfMetFile& file, const Grid& model) {
  WindowFit fit;
  const CfGrid& met = file.met();
  const std::string difference = projection_difference(model.projection(), met.grid.projection());
  if (!difference.empty()) {
    const std::string crs = text_attribute(file.wind_variable(), "grid_mapping").value_or("crs");
    fit.mismatch =
        Mismatch{crs.substr(0, crs.find(':')),
                 "the model projection differs from the met grid's: " + difference + " (model vs met)"};
    return fit;
  }
  const Grid& g = met.grid;
  fit.mismatch = place_axis(met.x_dim, model.x_west(), model.dx(), model.nx(), g.x_west(), g.dx(), g.nx(),
                            "west", "east", fit.i0);
  if (!fit.mismatch)
    fit.mismatch = place_axis(met.y_dim, model.y_south(), model.dy(), model.ny(), g.y_south(), g.dy(), g.ny(),
                              "south", "north", fit.j0);
  if (!fit.mismatch) fit.mismatch = check_layers(met, model);
  return fit;
}

}  // namespace

struct CfMetReader::Impl {
  CfMetFile file;
  const CfGrid& met;
  Grid model;
  int i0 = 0, j0 = 0;  ///< model cell (0, 0) is met cell (i0, j0)
  Window window;       ///< the model's cells
  Window halo;         ///< the model's cells and one more met cell each side where the met grid has it
  Array2 cos_rotation, sin_rotation;  ///< over `halo`

  Impl(const std::string& path, const Grid& model_grid) : file(path), met(file.met()), model(model_grid) {
    const WindowFit fit = fit_window(file, model);
    if (fit.mismatch)
      throw InputError(path, "variable '" + fit.mismatch->variable + "': " + fit.mismatch->problem);
    i0 = fit.i0;
    j0 = fit.j0;
    const Grid& g = met.grid;
    window = Window{i0, i0 + model.nx() - 1, j0, j0 + model.ny() - 1};
    halo = Window{std::max(0, i0 - 1), std::min(g.nx() - 1, i0 + model.nx()), std::max(0, j0 - 1),
                  std::min(g.ny() - 1, j0 + model.ny())};
    file.find_variables();
    compute_rotation();
  }

  // Rotation from earth- to grid-relative winds at each met cell centre (Projection::grid_rotation).
  void compute_rotation() {
    cos_rotation = Array2(halo.ni(), halo.nj(), 1.0);
    sin_rotation = Array2(halo.ni(), halo.nj(), 0.0);
    if (file.winds_grid_relative()) return;
    const Grid& g = met.grid;
    for (int j = 0; j < halo.nj(); ++j)
      for (int i = 0; i < halo.ni(); ++i) {
        const double a = g.projection().grid_rotation(g.lonlat_centre(halo.i_lo + i, halo.j_lo + j));
        cos_rotation(i, j) = std::cos(a);
        sin_rotation(i, j) = std::sin(a);
      }
  }

  // u on x-faces and v on y-faces: the mean of the two adjacent met cells; where the met grid ends, the
  // boundary cell's own value.
  void winds(std::size_t record, MetFields& f) const {
    const int nz = model.nz(), nx = model.nx(), ny = model.ny();
    Array3 ue = file.read_block(file.variable(kU), record, halo, nz);
    Array3 vn = file.read_block(file.variable(kV), record, halo, nz);
    for (int k = 0; k < nz; ++k)
      for (int j = 0; j < halo.nj(); ++j)
        for (int i = 0; i < halo.ni(); ++i) {
          const double east = ue(i, j, k), north = vn(i, j, k);
          const double c = cos_rotation(i, j), s = sin_rotation(i, j);
          ue(i, j, k) = east * c - north * s;
          vn(i, j, k) = east * s + north * c;
        }
    const int last_i = met.grid.nx() - 1, last_j = met.grid.ny() - 1;
    f.u = Array3(nx + 1, ny, nz);
    for (int k = 0; k < nz; ++k)
      for (int j = 0; j < ny; ++j)
        for (int i = 0; i <= nx; ++i) {
          const int east = std::min(i0 + i, last_i), west = std::max(i0 + i - 1, 0);
          const int bj = j0 + j - halo.j_lo;
          f.u(i, j, k) = 0.5 * (ue(west - halo.i_lo, bj, k) + ue(east - halo.i_lo, bj, k));
        }
    f.v = Array3(nx, ny + 1, nz);
    for (int k = 0; k < nz; ++k)
      for (int j = 0; j <= ny; ++j)
        for (int i = 0; i < nx; ++i) {
          const int north = std::min(j0 + j, last_j), south = std::max(j0 + j - 1, 0);
          const int bi = i0 + i - halo.i_lo;
          f.v(i, j, k) = 0.5 * (vn(bi, south - halo.j_lo, k) + vn(bi, north - halo.j_lo, k));
        }
  }

  // w on layer interfaces: 0 at the ground, the mean of the adjacent layers above it, and at the model top
  // the top layer's value unless the met file has a layer above.
  Array3 vertical_wind(std::size_t record) const {
    const int nz = model.nz(), levels = std::min(nz + 1, met.grid.nz());
    const Array3 w = file.read_block(file.variable(kW), record, window, levels);
    Array3 out(model.nx(), model.ny(), nz + 1, 0.0);
    for (int k = 1; k <= nz; ++k)
      for (int j = 0; j < model.ny(); ++j)
        for (int i = 0; i < model.nx(); ++i)
          out(i, j, k) = k < levels ? 0.5 * (w(i, j, k - 1) + w(i, j, k)) : w(i, j, k - 1);
    return out;
  }

  MetFields read(std::size_t record) const {
    file.check_record(record);
    const int nz = model.nz();
    MetFields f;
    winds(record, f);
    if (file.variable(kW).present()) f.w = vertical_wind(record);
    f.temperature = file.read_block(file.variable(kT), record, window, nz);
    f.pressure = file.read_block(file.variable(kP), record, window, nz);
    f.humidity = file.read_humidity(record, window, nz);
    if (file.variable(kKz).present()) f.kz = file.read_block(file.variable(kKz), record, window, nz + 1);
    f.pbl_height = file.read_surface(kPblh, record, window);
    f.friction_velocity = file.read_surface(kUst, record, window);
    f.shortwave_down = file.read_surface(kSwdown, record, window);
    if (file.variable(kHfx).present()) f.sensible_heat_flux = file.read_surface(kHfx, record, window);
    if (file.variable(kPrecipitation).present())
      f.precipitation_rate = file.read_surface(kPrecipitation, record, window);
    if (file.variable(kCloud).present()) f.cloud_fraction = file.read_surface(kCloud, record, window);
    return f;
  }
};

CfMetReader::CfMetReader(const std::string& path, const Grid& model_grid)
    : impl_(std::make_unique<Impl>(path, model_grid)) {}

CfMetReader::~CfMetReader() = default;

const std::vector<UtcTime>& CfMetReader::times() const {
  return impl_->met.times;
}

MetFields CfMetReader::read(std::size_t index) const {
  return impl_->read(index);
}

bool CfMetReader::holds_window(const std::string& path, const Grid& model_grid) {
  return !fit_window(CfMetFile(path), model_grid).mismatch;
}

std::string CfMetReader::description() const {
  return impl_->file.path();
}

}  // namespace airshed
