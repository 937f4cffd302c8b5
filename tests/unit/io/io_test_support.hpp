// SPDX-License-Identifier: Apache-2.0
// Shared fixtures of the io tests: the test LCC grid, synthetic met records and a scratch directory.
#pragma once
#include <gtest/gtest.h>
#include <netcdf.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "core/grid.hpp"
#include "core/met_fields.hpp"
#include "core/time.hpp"

namespace airshed::test {

/// The WRF-like LCC of the brief: standard parallels 25/47, central meridian 110, origin 39.61, sphere.
inline Projection test_lcc() {
  Projection p;
  p.kind = Projection::Kind::lambert_conformal_conic;
  p.standard_parallel_1 = 25.0;
  p.standard_parallel_2 = 47.0;
  p.longitude_of_central_meridian = 110.0;
  p.latitude_of_projection_origin = 39.61;
  p.semi_major_axis = 6370000.0;
  p.inverse_flattening = 0.0;
  return p;
}

inline const std::vector<double>& test_interfaces() {
  static const std::vector<double> z{0.0, 50.0, 150.0, 400.0, 1000.0};
  return z;
}

inline constexpr double kDx = 12000.0;
// Far enough east of the central meridian (about 5 degrees) that the grid rotation is clearly non-zero.
inline constexpr double kMetWest = 400000.0;
inline constexpr double kMetSouth = -36000.0;

/// The 8 x 6 x 4 met grid.
inline Grid met_grid() {
  return Grid(8, 6, kDx, kDx, kMetWest, kMetSouth, VerticalLayers(test_interfaces()), test_lcc());
}

/// A model grid of nx x ny cells whose cell (0, 0) is met cell (di, dj), with `nz` of the met layers.
inline Grid window_grid(int nx, int ny, int di, int dj, int nz = 4) {
  std::vector<double> z(test_interfaces().begin(), test_interfaces().begin() + nz + 1);
  return Grid(nx, ny, kDx, kDx, kMetWest + di * kDx, kMetSouth + dj * kDx, VerticalLayers(z), test_lcc());
}

inline std::vector<UtcTime> test_times() {
  const UtcTime t0 = parse_utc("2021-07-01T00:00:00Z");
  return {t0, UtcTime{t0.seconds + 3600}, UtcTime{t0.seconds + 7200}};
}

/// Smooth, distinct values in every field so index mix-ups show; record r shifts them.
inline MetRecord synthetic_record(const Grid& g, std::size_t record) {
  const int nx = g.nx(), ny = g.ny(), nz = g.nz();
  const double r = static_cast<double>(record);
  MetRecord m;
  m.eastward_wind = Array3(nx, ny, nz);
  m.northward_wind = Array3(nx, ny, nz);
  m.upward_air_velocity = Array3(nx, ny, nz);
  m.air_temperature = Array3(nx, ny, nz);
  m.air_pressure = Array3(nx, ny, nz);
  m.humidity_mixing_ratio = Array3(nx, ny, nz);
  m.kz = Array3(nx, ny, nz + 1);
  for (int k = 0; k <= nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i) {
        m.kz(i, j, k) = k == 0 ? 0.0 : 1.0 + 0.5 * k + 0.1 * i + 0.01 * j + r;
        if (k == nz) continue;
        const double mid = g.layers().mid(k);
        m.eastward_wind(i, j, k) = 5.0 + 0.5 * i - 0.25 * j + 0.1 * k + r;
        m.northward_wind(i, j, k) = -2.0 + 0.3 * i + 0.7 * j - 0.2 * k + 0.5 * r;
        m.upward_air_velocity(i, j, k) = 0.01 * (i - j + 2 * k) + 0.001 * r;
        m.air_temperature(i, j, k) = 295.0 - 0.0065 * mid + 0.1 * i - 0.05 * j + r;
        m.air_pressure(i, j, k) = 101325.0 * std::exp(-mid / 8000.0) - 10.0 * j + r;
        m.humidity_mixing_ratio(i, j, k) = 0.008 - 0.0005 * k + 1e-5 * i + 1e-6 * j;
      }
  m.pbl_height = Array2(nx, ny);
  m.friction_velocity = Array2(nx, ny);
  m.shortwave_down = Array2(nx, ny);
  m.sensible_heat_flux = Array2(nx, ny);
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      m.pbl_height(i, j) = 800.0 + 10.0 * i + 5.0 * j + r;
      m.friction_velocity(i, j) = 0.3 + 0.01 * i + 0.002 * j;
      m.shortwave_down(i, j) = 400.0 + j + 10.0 * r;
      m.sensible_heat_flux(i, j) = 50.0 + i - j;
    }
  return m;
}

/// A fresh, empty directory under the build tree for the running test.
inline std::filesystem::path scratch_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const auto dir = std::filesystem::path(AIRSHED_BINARY_DIR) / "io_test_scratch" /
                   (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// Edit a written file in place with the NetCDF C API (the way a user's file goes wrong).
class NcEdit {
 public:
  explicit NcEdit(const std::string& path) { check(nc_open(path.c_str(), NC_WRITE, &ncid_)); }
  ~NcEdit() { nc_close(ncid_); }
  NcEdit(const NcEdit&) = delete;
  NcEdit& operator=(const NcEdit&) = delete;

  int var(const std::string& name) const {
    int id = -1;
    check(nc_inq_varid(ncid_, name.c_str(), &id));
    return id;
  }
  void set_text(const std::string& variable, const std::string& attribute, const std::string& value) {
    check(nc_put_att_text(ncid_, var(variable), attribute.c_str(), value.size(), value.c_str()));
  }
  void remove_attribute(const std::string& variable, const std::string& attribute) {
    check(nc_del_att(ncid_, var(variable), attribute.c_str()));
  }
  void rename(const std::string& variable, const std::string& new_name) {
    check(nc_rename_var(ncid_, var(variable), new_name.c_str()));
  }
  void put(const std::string& variable, const std::vector<std::size_t>& index, double value) {
    check(nc_put_var1_double(ncid_, var(variable), index.data(), &value));
  }
  double get(const std::string& variable, const std::vector<std::size_t>& index) const {
    double value = 0.0;
    check(nc_get_var1_double(ncid_, var(variable), index.data(), &value));
    return value;
  }

 private:
  static void check(int status) {
    if (status != NC_NOERR) throw std::runtime_error(nc_strerror(status));
  }
  int ncid_ = -1;
};

}  // namespace airshed::test
