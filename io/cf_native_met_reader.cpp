// SPDX-License-Identifier: Apache-2.0
#include "io/cf_native_met_reader.hpp"

#include <cmath>

#include "core/error.hpp"
#include "io/cf_grid.hpp"
#include "io/cf_met_variables.hpp"
#include "io/units.hpp"

namespace airshed {

using namespace cf_met;

struct CfNativeMetReader::Impl {
  CfMetFile file;
  const CfGrid& met;
  Window all;                         ///< every met cell
  std::vector<double> height;         ///< of each level above ground [m]
  Array2 cos_rotation, sin_rotation;  ///< met grid rotation at each cell centre, for x_wind / y_wind

  explicit Impl(const std::string& path) : file(path), met(file.met()) {
    file.find_variables();
    const Grid& g = met.grid;
    all = Window{0, g.nx() - 1, 0, g.ny() - 1};
    read_heights();
    if (file.winds_grid_relative()) compute_rotation();
  }

  // The z coordinate values are where the file's data lie. read_cf_grid has checked the coordinate and built
  // the layers from it; the values themselves must rise from above the ground, as the regridder needs.
  void read_heights() {
    const netCDF::NcVar z = file.coordinate(met.z_dim);
    const SiConversion units = si_conversion(QuantityKind::length, text_attribute(z, "units").value_or(""),
                                             file.path(), z.getName());
    height.resize(static_cast<std::size_t>(met.grid.nz()));
    z.getVar(height.data());
    for (auto& h : height) h = units.apply(h);
    for (std::size_t k = 0; k < height.size(); ++k)
      if (!std::isfinite(height[k]) || height[k] <= (k == 0 ? 0.0 : height[k - 1]))
        throw InputError(file.path(), "variable '" + z.getName() +
                                          "': level heights must rise from above the " + "ground (level " +
                                          std::to_string(k) + " at " + number_text(height[k]) + " m)");
  }

  void compute_rotation() {
    const Grid& g = met.grid;
    cos_rotation = Array2(g.nx(), g.ny());
    sin_rotation = Array2(g.nx(), g.ny());
    for (int j = 0; j < g.ny(); ++j)
      for (int i = 0; i < g.nx(); ++i) {
        const double a = g.projection().grid_rotation(g.lonlat_centre(i, j));
        cos_rotation(i, j) = std::cos(a);
        sin_rotation(i, j) = std::sin(a);
      }
  }

  // Grid-relative (x_wind, y_wind) to earth-relative: the inverse of the rotation CfMetReader and the
  // regridder apply, u_east = u cos a + v sin a, v_north = -u sin a + v cos a.
  void to_earth_relative(Array3& u, Array3& v) const {
    for (int k = 0; k < u.n2; ++k)
      for (int j = 0; j < u.n1; ++j)
        for (int i = 0; i < u.n0; ++i) {
          const double x = u(i, j, k), y = v(i, j, k);
          const double c = cos_rotation(i, j), s = sin_rotation(i, j);
          u(i, j, k) = x * c + y * s;
          v(i, j, k) = -x * s + y * c;
        }
  }

  NativeMetRecord read(std::size_t record) const {
    file.check_record(record);
    const Grid& g = met.grid;
    const int nz = g.nz();
    NativeMetRecord r;
    MetRecord& f = r.fields;
    f.eastward_wind = file.read_block(file.variable(kU), record, all, nz);
    f.northward_wind = file.read_block(file.variable(kV), record, all, nz);
    if (file.winds_grid_relative()) to_earth_relative(f.eastward_wind, f.northward_wind);
    if (file.variable(kW).present())
      f.upward_air_velocity = file.read_block(file.variable(kW), record, all, nz);
    f.air_temperature = file.read_block(file.variable(kT), record, all, nz);
    f.air_pressure = file.read_block(file.variable(kP), record, all, nz);
    f.humidity_mixing_ratio = file.read_humidity(record, all, nz);
    f.pbl_height = file.read_surface(kPblh, record, all);
    f.friction_velocity = file.read_surface(kUst, record, all);
    f.shortwave_down = file.read_surface(kSwdown, record, all);
    if (file.variable(kHfx).present()) f.sensible_heat_flux = file.read_surface(kHfx, record, all);
    if (file.variable(kPrecipitation).present())
      r.precipitation_rate = file.read_surface(kPrecipitation, record, all);
    if (file.variable(kCloud).present()) r.cloud_fraction = file.read_surface(kCloud, record, all);
    r.height = Array3(g.nx(), g.ny(), nz);
    for (int k = 0; k < nz; ++k)
      for (int j = 0; j < g.ny(); ++j)
        for (int i = 0; i < g.nx(); ++i) r.height(i, j, k) = height[static_cast<std::size_t>(k)];
    return r;
  }
};

CfNativeMetReader::CfNativeMetReader(const std::string& path) : impl_(std::make_unique<Impl>(path)) {}

CfNativeMetReader::~CfNativeMetReader() = default;

const Grid& CfNativeMetReader::grid() const {
  return impl_->met.grid;
}

const std::vector<UtcTime>& CfNativeMetReader::times() const {
  return impl_->met.times;
}

NativeMetRecord CfNativeMetReader::read(std::size_t index) const {
  return impl_->read(index);
}

std::string CfNativeMetReader::description() const {
  return impl_->file.path();
}

}  // namespace airshed
