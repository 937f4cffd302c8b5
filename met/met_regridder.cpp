// SPDX-License-Identifier: Apache-2.0
#include "met/met_regridder.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

#include "core/constants.hpp"
#include "core/error.hpp"

namespace airshed {

namespace {

/// Roughness length when the record has none [m]: short vegetation / farmland, the middle of WRF's USGS
/// table (e.g. dryland cropland 0.10 m) and the usual default of neutral-profile estimates.
constexpr double kDefaultRoughnessLength = 0.1;

/// Model edges may reach this far [m] beyond the met grid's edge and still count as inside: the round-off of
/// an inverse/forward projection pair, far below any meaningful overhang.
constexpr double kCoverageTolerance = 1e-3;

/// Boundary sample points per model cell along each outer edge for the coverage check: between samples the
/// edge curves (in the met projection) by far less than the 0.1 km the message prints.
constexpr int kEdgeSamplesPerCell = 4;

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string lonlat_text(LonLat p) {
  return fixed(std::abs(p.lat), 2) + (p.lat < 0 ? " S " : " N ") + fixed(std::abs(p.lon), 2) +
         (p.lon < 0 ? " W" : " E");
}

/// Fractional mass-point index along one met axis, clamped to the outermost mass points, and the lower
/// index and weight of the linear interpolation between two neighbours.
void axis_weights(double position, double origin, double spacing, int n, int& lower, double& weight) {
  const double f = std::clamp((position - origin) / spacing - 0.5, 0.0, static_cast<double>(n - 1));
  if (n == 1) {
    lower = 0;
    weight = 0.0;
    return;
  }
  lower = std::min(static_cast<int>(std::floor(f)), n - 2);
  weight = f - lower;
}

}  // namespace

MetRegridder::MetRegridder(const Grid& met_grid, const Grid& model_grid, const std::string& source_name)
    : met_(met_grid), model_(model_grid), source_name_(source_name) {
  const Projection& mp = met_.projection();
  const Projection& pp = model_.projection();
  auto to_met = [&](double x, double y) {
    const ProjectedXY q = mp.forward(pp.inverse({x, y}));
    if (!std::isfinite(q.x) || !std::isfinite(q.y))
      throw InputError(source_name_, "model grid point (" + fixed(x, 0) + " m, " + fixed(y, 0) +
                                         " m) cannot be placed in the met grid's projection");
    return q;
  };

  // Coverage: the model's outer boundary, sampled along every edge, against the met grid's outer edges.
  const double west = met_.x_west(), east = west + met_.nx() * met_.dx();
  const double south = met_.y_south(), north = south + met_.ny() * met_.dy();
  const double x0 = model_.x_west(), x1 = x0 + model_.nx() * model_.dx();
  const double y0 = model_.y_south(), y1 = y0 + model_.ny() * model_.dy();
  std::array<double, 4> overhang{};  // west, east, south, north of the met grid [m]
  auto check = [&](double x, double y) {
    const ProjectedXY q = to_met(x, y);
    overhang[0] = std::max(overhang[0], west - q.x);
    overhang[1] = std::max(overhang[1], q.x - east);
    overhang[2] = std::max(overhang[2], south - q.y);
    overhang[3] = std::max(overhang[3], q.y - north);
  };
  const int sx = kEdgeSamplesPerCell * model_.nx(), sy = kEdgeSamplesPerCell * model_.ny();
  for (int s = 0; s <= sx; ++s) {
    const double x = s == sx ? x1 : x0 + s * (x1 - x0) / sx;
    check(x, y0);
    check(x, y1);
  }
  for (int s = 0; s <= sy; ++s) {
    const double y = s == sy ? y1 : y0 + s * (y1 - y0) / sy;
    check(x0, y);
    check(x1, y);
  }
  static const char* const side[4] = {"west", "east", "south", "north"};
  std::string sticks_out;
  for (int n = 0; n < 4; ++n)
    if (overhang[static_cast<std::size_t>(n)] > kCoverageTolerance)
      sticks_out += std::string(sticks_out.empty() ? "" : ", ") +
                    fixed(overhang[static_cast<std::size_t>(n)] / 1000.0, 1) + " km beyond its " + side[n] +
                    " edge";
  if (!sticks_out.empty())
    throw InputError(
        source_name_,
        "the model domain reaches outside the met grid (in the met grid's projection): " + sticks_out);

  // Weights and model grid rotation at cell centres and one halo ring.
  ni_ = model_.nx() + 2;
  nj_ = model_.ny() + 2;
  stencils_.resize(static_cast<std::size_t>(ni_) * nj_);
  cos_.resize(stencils_.size());
  sin_.resize(stencils_.size());
  const std::size_t mnx = static_cast<std::size_t>(met_.nx());
  for (int j = 0; j < nj_; ++j)
    for (int i = 0; i < ni_; ++i) {
      const double x = model_.x_centre(i - 1), y = model_.y_centre(j - 1);
      const LonLat ll = pp.inverse({x, y});
      const ProjectedXY q = to_met(x, y);
      int il = 0, jl = 0;
      double wx = 0.0, wy = 0.0;
      axis_weights(q.x, met_.x_west(), met_.dx(), met_.nx(), il, wx);
      axis_weights(q.y, met_.y_south(), met_.dy(), met_.ny(), jl, wy);
      const std::size_t ih = std::min<std::size_t>(il + 1, mnx - 1);
      const std::size_t jh = std::min<std::size_t>(jl + 1, static_cast<std::size_t>(met_.ny()) - 1);
      const std::size_t p = static_cast<std::size_t>(i) + static_cast<std::size_t>(ni_) * j;
      Stencil& st = stencils_[p];
      st.cell = {il + mnx * jl, ih + mnx * jl, il + mnx * jh, ih + mnx * jh};
      st.weight = {(1 - wx) * (1 - wy), wx * (1 - wy), (1 - wx) * wy, wx * wy};
      const double a = pp.grid_rotation(ll);
      cos_[p] = std::cos(a);
      sin_[p] = std::sin(a);
    }
}

namespace {

/// The parts of one regridding: horizontal interpolation onto the model points (cells plus halo ring), then
/// per column onto the model layers.
struct Work {
  const Grid& met;
  const Grid& model;
  const std::string& where;

  [[noreturn]] void fail(const std::string& problem) const { throw InputError(where, problem); }

  void check_shape(const Array3& a, const char* name, int nz, bool optional) const {
    if (optional && a.empty()) return;
    if (a.n0 != met.nx() || a.n1 != met.ny() || a.n2 != nz)
      fail(std::string("native record field '") + name + "' is " + std::to_string(a.n0) + " x " +
           std::to_string(a.n1) + " x " + std::to_string(a.n2) + ", the met grid is " +
           std::to_string(met.nx()) + " x " + std::to_string(met.ny()) + " x " + std::to_string(nz));
  }
  void check_shape(const Array2& a, const char* name, bool optional) const {
    if (optional && a.empty()) return;
    if (a.n0 != met.nx() || a.n1 != met.ny())
      fail(std::string("native record field '") + name + "' is " + std::to_string(a.n0) + " x " +
           std::to_string(a.n1) + ", the met grid is " + std::to_string(met.nx()) + " x " +
           std::to_string(met.ny()));
  }

  /// The model column (cells plus halo) as text for messages: position and model indices.
  std::string column_text(int i, int j) const {
    return lonlat_text(model.lonlat_centre(i - 1, j - 1)) + " (model column " + std::to_string(i - 1) + ", " +
           std::to_string(j - 1) + ")";
  }
};

}  // namespace

MetFields MetRegridder::regrid(const NativeMetRecord& record) const {
  const MetRecord& r = record.fields;
  const Work work{met_, model_, source_name_};
  const int mz = record.height.n2;
  if (mz < 1) work.fail("native record has no levels");
  work.check_shape(record.height, "height", mz, false);
  work.check_shape(r.eastward_wind, "eastward_wind", mz, false);
  work.check_shape(r.northward_wind, "northward_wind", mz, false);
  work.check_shape(r.upward_air_velocity, "upward_air_velocity", mz, true);
  work.check_shape(r.air_temperature, "air_temperature", mz, false);
  work.check_shape(r.air_pressure, "air_pressure", mz, false);
  work.check_shape(r.humidity_mixing_ratio, "humidity_mixing_ratio", mz, false);
  work.check_shape(r.pbl_height, "pbl_height", false);
  work.check_shape(r.friction_velocity, "friction_velocity", false);
  work.check_shape(r.shortwave_down, "shortwave_down", false);
  work.check_shape(r.sensible_heat_flux, "sensible_heat_flux", true);
  work.check_shape(record.precipitation_rate, "precipitation_rate", true);
  work.check_shape(record.cloud_fraction, "cloud_fraction", true);
  work.check_shape(record.roughness_length, "roughness_length", true);

  const std::size_t points = stencils_.size();
  const std::size_t met_cells = static_cast<std::size_t>(met_.nx()) * met_.ny();
  // Horizontal: every met level at every model point (cells and halo), [point + points * level].
  auto horizontal3 = [&](const Array3& a) {
    std::vector<double> out(points * static_cast<std::size_t>(mz));
    for (int k = 0; k < mz; ++k) {
      const double* level = a.data.data() + met_cells * static_cast<std::size_t>(k);
      double* dst = out.data() + points * static_cast<std::size_t>(k);
      for (std::size_t p = 0; p < points; ++p) {
        const Stencil& s = stencils_[p];
        dst[p] = s.weight[0] * level[s.cell[0]] + s.weight[1] * level[s.cell[1]] +
                 s.weight[2] * level[s.cell[2]] + s.weight[3] * level[s.cell[3]];
      }
    }
    return out;
  };
  auto horizontal2 = [&](const Array2& a) {
    std::vector<double> out(points);
    for (std::size_t p = 0; p < points; ++p) {
      const Stencil& s = stencils_[p];
      out[p] = s.weight[0] * a.data[s.cell[0]] + s.weight[1] * a.data[s.cell[1]] +
               s.weight[2] * a.data[s.cell[2]] + s.weight[3] * a.data[s.cell[3]];
    }
    return out;
  };

  const std::vector<double> height = horizontal3(record.height);
  const std::vector<double> east = horizontal3(r.eastward_wind);
  const std::vector<double> north = horizontal3(r.northward_wind);
  const std::vector<double> temperature = horizontal3(r.air_temperature);
  const std::vector<double> pressure = horizontal3(r.air_pressure);
  const std::vector<double> humidity = horizontal3(r.humidity_mixing_ratio);
  const bool has_w = !r.upward_air_velocity.empty();
  const std::vector<double> upward = has_w ? horizontal3(r.upward_air_velocity) : std::vector<double>();
  const bool has_z0 = !record.roughness_length.empty();
  const std::vector<double> roughness = has_z0 ? horizontal2(record.roughness_length) : std::vector<double>();

  // Levels must rise in every column; the model's top layer must lie within the meteorology everywhere.
  const VerticalLayers& layers = model_.layers();
  const int nz = model_.nz();
  const double model_top_mid = layers.mid(nz - 1);
  std::size_t lowest_top = 0;
  for (std::size_t p = 0; p < points; ++p) {
    const int i = static_cast<int>(p % static_cast<std::size_t>(ni_));
    const int j = static_cast<int>(p / static_cast<std::size_t>(ni_));
    if (!(height[p] > 0.0))
      work.fail("the lowest met level is " + fixed(height[p], 1) + " m above ground at " +
                work.column_text(i, j) + " (must be above the ground)");
    for (int k = 1; k < mz; ++k)
      if (!(height[p + points * static_cast<std::size_t>(k)] >
            height[p + points * static_cast<std::size_t>(k - 1)]))
        work.fail("met level " + std::to_string(k) + " is not above level " + std::to_string(k - 1) + " at " +
                  work.column_text(i, j));
    const std::size_t top = points * static_cast<std::size_t>(mz - 1);
    if (height[top + p] < height[top + lowest_top]) lowest_top = p;
  }
  const double met_top = height[points * static_cast<std::size_t>(mz - 1) + lowest_top];
  if (model_top_mid > met_top) {
    const int i = static_cast<int>(lowest_top % static_cast<std::size_t>(ni_));
    const int j = static_cast<int>(lowest_top / static_cast<std::size_t>(ni_));
    work.fail("the meteorology reaches only " + fixed(met_top, 0) + " m above ground at " +
              work.column_text(i, j) + ", the model's top layer is at " + fixed(model_top_mid, 0) + " m");
  }

  // Vertical, per column; winds rotated to the model grid on the way. Extended arrays hold the halo ring.
  Array3 u_ext(ni_, nj_, nz), v_ext(ni_, nj_, nz);
  MetFields f;
  const int nx = model_.nx(), ny = model_.ny();
  f.temperature = Array3(nx, ny, nz);
  f.pressure = Array3(nx, ny, nz);
  f.humidity = Array3(nx, ny, nz);
  if (has_w) f.w = Array3(nx, ny, nz + 1);
  std::vector<double> zc(static_cast<std::size_t>(mz));
  for (std::size_t p = 0; p < points; ++p) {
    const int i = static_cast<int>(p % static_cast<std::size_t>(ni_));
    const int j = static_cast<int>(p / static_cast<std::size_t>(ni_));
    const bool inside = i >= 1 && i <= nx && j >= 1 && j <= ny;
    for (int k = 0; k < mz; ++k)
      zc[static_cast<std::size_t>(k)] = height[p + points * static_cast<std::size_t>(k)];
    auto at = [&](const std::vector<double>& a, int k) {
      return a[p + points * static_cast<std::size_t>(k)];
    };
    const double z1 = zc[0];
    const double z0 = has_z0 ? roughness[p] : kDefaultRoughnessLength;
    // Linear in height between the two native levels around z (z within the levels).
    auto between = [&](double z, int& k, double& w) {
      k = static_cast<int>(std::upper_bound(zc.begin(), zc.end(), z) - zc.begin()) - 1;
      k = std::clamp(k, 0, std::max(mz - 2, 0));
      w = mz == 1 ? 0.0
                  : (z - zc[static_cast<std::size_t>(k)]) /
                        (zc[static_cast<std::size_t>(k) + 1] - zc[static_cast<std::size_t>(k)]);
    };
    auto lerp = [&](const std::vector<double>& a, int k, double w) {
      return w == 0.0 ? at(a, k) : (1.0 - w) * at(a, k) + w * at(a, k + 1);
    };
    for (int k = 0; k < nz; ++k) {
      const double z = layers.mid(k);
      double ue = 0.0, vn = 0.0, t = 0.0, pr = 0.0, q = 0.0;
      if (z >= z1) {
        int kk = 0;
        double w = 0.0;
        between(z, kk, w);
        ue = lerp(east, kk, w);
        vn = lerp(north, kk, w);
        t = lerp(temperature, kk, w);
        pr = lerp(pressure, kk, w);
        q = lerp(humidity, kk, w);
      } else {
        // Below the lowest level: the neutral log law for the wind (both components scale alike, so the
        // direction is kept), hydrostatic pressure with the lowest level's temperature, T and q constant.
        if (!(z0 > 0.0 && z0 < z1))
          work.fail("roughness length " + fixed(z0, 3) + " m at " + work.column_text(i, j) +
                    " is not between 0 and the lowest met level's height " + fixed(z1, 1) + " m");
        const double scale = z > z0 ? std::log(z / z0) / std::log(z1 / z0) : 0.0;
        ue = scale * at(east, 0);
        vn = scale * at(north, 0);
        t = at(temperature, 0);
        pr = at(pressure, 0) * std::exp(constants::gravity * (z1 - z) / (constants::rd_dry_air * t));
        q = at(humidity, 0);
      }
      u_ext(i, j, k) = ue * cos_[p] - vn * sin_[p];
      v_ext(i, j, k) = ue * sin_[p] + vn * cos_[p];
      if (inside) {
        f.temperature(i - 1, j - 1, k) = t;
        f.pressure(i - 1, j - 1, k) = pr;
        f.humidity(i - 1, j - 1, k) = q;
      }
    }
    if (has_w && inside) {
      // w on interfaces: 0 at the ground, linear to the lowest level, the top level's value above it.
      for (int k = 1; k <= nz; ++k) {
        const double z = layers.interface(k);
        double w = 0.0;
        if (z < z1) {
          w = at(upward, 0) * z / z1;
        } else if (z >= zc.back()) {
          w = at(upward, mz - 1);
        } else {
          int kk = 0;
          double wt = 0.0;
          between(z, kk, wt);
          w = lerp(upward, kk, wt);
        }
        f.w(i - 1, j - 1, k) = w;
      }
    }
  }

  // C grid: a face is the mean of its two cells (Arakawa & Lamb 1977), the halo ring giving the outer faces.
  f.u = Array3(nx + 1, ny, nz);
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i <= nx; ++i) f.u(i, j, k) = 0.5 * (u_ext(i, j + 1, k) + u_ext(i + 1, j + 1, k));
  f.v = Array3(nx, ny + 1, nz);
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j <= ny; ++j)
      for (int i = 0; i < nx; ++i) f.v(i, j, k) = 0.5 * (v_ext(i + 1, j, k) + v_ext(i + 1, j + 1, k));

  // Surface fields at the cell centres.
  auto surface = [&](const Array2& a) {
    Array2 out;
    if (a.empty()) return out;
    const std::vector<double> all = horizontal2(a);
    out = Array2(nx, ny);
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i)
        out(i, j) = all[static_cast<std::size_t>(i + 1) + static_cast<std::size_t>(ni_) * (j + 1)];
    return out;
  };
  f.pbl_height = surface(r.pbl_height);
  f.friction_velocity = surface(r.friction_velocity);
  f.shortwave_down = surface(r.shortwave_down);
  f.sensible_heat_flux = surface(r.sensible_heat_flux);
  f.precipitation_rate = surface(record.precipitation_rate);
  f.cloud_fraction = surface(record.cloud_fraction);
  return f;
}

RegriddedMetSource::RegriddedMetSource(const NativeMetSource& native, const Grid& model_grid)
    : native_(native), regridder_(native.grid(), model_grid, native.description()) {}

MetFields RegriddedMetSource::read(std::size_t index) const {
  const NativeMetRecord record = native_.read(index);
  try {
    return regridder_.regrid(record);
  } catch (const InputError& e) {
    throw InputError(e.where(), e.problem() + " (record " + std::to_string(index) + ", " +
                                    format_utc(native_.times()[index]) + ")");
  }
}

}  // namespace airshed
