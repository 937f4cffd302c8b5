// SPDX-License-Identifier: Apache-2.0
// A tiny synthetic wrfout file with WRF's own layout (WRF ARW User's Guide, "Description of WRF output";
// compared with `ncdump -h` of shared/data/wrf_d01_allvars_cropped.nc): dimensions Time (unlimited),
// DateStrLen = 19, west_east, south_north, bottom_top and their *_stag; float variables with FieldType,
// MemoryOrder, description, units, stagger and coordinates attributes; the domain's global attributes.
//
// Default values are simple formulas so that tests can compute the expected results by hand; g is the
// series record (record_offset + the file's record), (i, j, k) the variable's own, possibly staggered, index:
//   U = 5 + i + 10 k + g            V = -3 + 2 j + k             W = 0.01 k
//   T = 5 + k (theta = 305 + k K)   P = 1000 - 100 k             PB = 84000 - 5000 k  (p = 85000 - 5100 k Pa)
//   HGT = 500 + 10 i                PHB = 9.81 (HGT + 100 k)     PH = 9.81 * 20 k^2
//                                   (w-level height above ground 100 k + 20 k^2 m)
//   QVAPOR = 0.01 - 0.002 k         PBLH = 800 + i               UST = 0.3     HFX = 50 - j
//   SWDOWN = 400 + g                ZNT = 0.1                    CLDFRA = 0
//   RAINC = 2 g                     RAINNC = g + 0.5 i           I_RAINC = I_RAINNC = 0
// XLAT/XLONG are the projected cell centres' latitudes and longitudes, COSALPHA/SINALPHA WRF's rotation
// (cos a, -sin a with a = Projection::grid_rotation) unless `alpha_deg` fixes them.
#pragma once
#include <cmath>
#include <functional>
#include <map>
#include <netcdf>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/constants.hpp"
#include "core/projection.hpp"

namespace airshed::test {

/// Value of a field at (series record g, k, j, i).
using WrfFieldFn = std::function<double(int g, int k, int j, int i)>;

struct WrfTestFile {
  int map_proj = 1;
  double truelat1 = 30.0, truelat2 = 60.0, stand_lon = -98.0, moad_cen_lat = 40.0;
  double cen_lat = 40.0, cen_lon = -98.0;
  double dx = 12000.0, dy = 12000.0;
  int nx = 4, ny = 3, nz = 3;
  /// South-west corner of cell (0, 0) in the projection of the attributes [m].
  double x_west = 300000.0, y_south = -100000.0;
  std::vector<std::string> times{"2021-07-01_00:00:00", "2021-07-01_01:00:00"};
  int record_offset = 0;             ///< series index of this file's first record (for g)
  bool invariants_with_time = true;  ///< XLAT, XLONG, HGT, COSALPHA, SINALPHA with a Time dimension (V4)
  std::optional<double> alpha_deg;   ///< constant map rotation written to COSALPHA/SINALPHA
  std::optional<double> bucket_mm;   ///< BUCKET_MM > 0 and I_RAINC/I_RAINNC written when set
  std::set<std::string> omit;        ///< variables left out (also "Times")
  std::map<std::string, WrfFieldFn> fields;        ///< overrides of the default formulas
  std::map<std::string, double> global_overrides;  ///< numeric global attributes changed after XLAT/XLONG
  std::string title = " OUTPUT FROM WRF V4.2.1 MODEL";
};

/// The projection the attributes describe (written independently of the reader's wrf_grid.cpp).
inline Projection wrf_test_projection(const WrfTestFile& s) {
  Projection p;
  p.semi_major_axis = 6370000.0;
  if (s.map_proj == 1) {
    p.kind = Projection::Kind::lambert_conformal_conic;
    p.standard_parallel_1 = s.truelat1;
    p.standard_parallel_2 = s.truelat2;
    p.longitude_of_central_meridian = s.stand_lon;
    p.latitude_of_projection_origin = s.moad_cen_lat;
  } else if (s.map_proj == 2) {
    p.kind = Projection::Kind::polar_stereographic;
    p.standard_parallel_1 = s.truelat1;
    p.longitude_of_central_meridian = s.stand_lon;
    p.latitude_of_projection_origin = s.truelat1 < 0 ? -90.0 : 90.0;
  } else {
    p.kind = Projection::Kind::mercator;
    p.standard_parallel_1 = s.truelat1;
    p.longitude_of_central_meridian = s.cen_lon;
  }
  return p;
}

inline double wrf_default_value(const std::string& name, int g, int k, int j, int i) {
  constexpr double gravity = 9.81;
  const double hgt = 500.0 + 10.0 * i;
  if (name == "U") return 5.0 + i + 10.0 * k + g;
  if (name == "V") return -3.0 + 2.0 * j + k;
  if (name == "W") return 0.01 * k;
  if (name == "T") return 5.0 + k;
  if (name == "P") return 1000.0 - 100.0 * k;
  if (name == "PB") return 84000.0 - 5000.0 * k;
  if (name == "HGT") return hgt;
  if (name == "PHB") return gravity * (hgt + 100.0 * k);
  if (name == "PH") return gravity * 20.0 * k * k;
  if (name == "QVAPOR") return 0.01 - 0.002 * k;
  if (name == "PBLH") return 800.0 + i;
  if (name == "UST") return 0.3;
  if (name == "HFX") return 50.0 - j;
  if (name == "SWDOWN") return 400.0 + g;
  if (name == "ZNT") return 0.1;
  if (name == "RAINC") return 2.0 * g;
  if (name == "RAINNC") return g + 0.5 * i;
  return 0.0;  // CLDFRA, I_RAINC, I_RAINNC
}

inline void write_wrf_test_file(const std::string& path, const WrfTestFile& s) {
  using netCDF::NcDim;
  using netCDF::NcFile;
  using netCDF::NcVar;
  NcFile file(path, NcFile::replace, NcFile::classic64);
  const NcDim time = file.addDim("Time");
  const NcDim date = file.addDim("DateStrLen", 19);
  const NcDim we = file.addDim("west_east", static_cast<std::size_t>(s.nx));
  const NcDim sn = file.addDim("south_north", static_cast<std::size_t>(s.ny));
  const NcDim bt = file.addDim("bottom_top", static_cast<std::size_t>(s.nz));
  const NcDim we_stag = file.addDim("west_east_stag", static_cast<std::size_t>(s.nx + 1));
  const NcDim sn_stag = file.addDim("south_north_stag", static_cast<std::size_t>(s.ny + 1));
  const NcDim bt_stag = file.addDim("bottom_top_stag", static_cast<std::size_t>(s.nz + 1));

  struct Def {
    std::string name, stagger, order, description, units;
    std::vector<NcDim> dims;
  };
  const std::vector<NcDim> inv =
      s.invariants_with_time ? std::vector<NcDim>{time, sn, we} : std::vector<NcDim>{sn, we};
  std::vector<Def> defs{
      {"U", "X", "XYZ", "x-wind component", "m s-1", {time, bt, sn, we_stag}},
      {"V", "Y", "XYZ", "y-wind component", "m s-1", {time, bt, sn_stag, we}},
      {"W", "Z", "XYZ", "z-wind component", "m s-1", {time, bt_stag, sn, we}},
      {"PH", "Z", "XYZ", "perturbation geopotential", "m2 s-2", {time, bt_stag, sn, we}},
      {"PHB", "Z", "XYZ", "base-state geopotential", "m2 s-2", {time, bt_stag, sn, we}},
      {"T", "", "XYZ", "perturbation potential temperature theta-t0", "K", {time, bt, sn, we}},
      {"P", "", "XYZ", "perturbation pressure", "Pa", {time, bt, sn, we}},
      {"PB", "", "XYZ", "BASE STATE PRESSURE", "Pa", {time, bt, sn, we}},
      {"QVAPOR", "", "XYZ", "Water vapor mixing ratio", "kg kg-1", {time, bt, sn, we}},
      {"CLDFRA", "", "XYZ", "CLOUD FRACTION", "", {time, bt, sn, we}},
      {"HGT", "", "XY ", "Terrain Height", "m", inv},
      {"PBLH", "", "XY ", "PBL HEIGHT", "m", {time, sn, we}},
      {"UST", "", "XY ", "U* IN SIMILARITY THEORY", "m s-1", {time, sn, we}},
      {"HFX", "", "XY ", "UPWARD HEAT FLUX AT THE SURFACE", "W m-2", {time, sn, we}},
      {"SWDOWN", "", "XY ", "DOWNWARD SHORT WAVE FLUX AT GROUND SURFACE", "W m-2", {time, sn, we}},
      {"ZNT", "", "XY ", "TIME-VARYING ROUGHNESS LENGTH", "m", {time, sn, we}},
      {"RAINC", "", "XY ", "ACCUMULATED TOTAL CUMULUS PRECIPITATION", "mm", {time, sn, we}},
      {"RAINNC", "", "XY ", "ACCUMULATED TOTAL GRID SCALE PRECIPITATION", "mm", {time, sn, we}},
      {"COSALPHA", "", "XY ", "Local cosine of map rotation", "", inv},
      {"SINALPHA", "", "XY ", "Local sine of map rotation", "", inv},
      {"XLAT", "", "XY ", "LATITUDE, SOUTH IS NEGATIVE", "degree_north", inv},
      {"XLONG", "", "XY ", "LONGITUDE, WEST IS NEGATIVE", "degree_east", inv},
  };
  if (s.bucket_mm) {
    defs.push_back({"I_RAINC", "", "XY ", "BUCKET FOR RAINC", "", {time, sn, we}});
    defs.push_back({"I_RAINNC", "", "XY ", "BUCKET FOR RAINNC", "", {time, sn, we}});
  }
  std::map<std::string, NcVar> vars;
  NcVar times;
  if (!s.omit.count("Times")) times = file.addVar("Times", netCDF::ncChar, std::vector<NcDim>{time, date});
  for (const auto& d : defs) {
    if (s.omit.count(d.name)) continue;
    const bool integer = d.name.rfind("I_", 0) == 0;
    NcVar v = file.addVar(d.name, integer ? netCDF::NcType(netCDF::ncInt) : netCDF::NcType(netCDF::ncFloat),
                          d.dims);
    v.putAtt("FieldType", netCDF::ncInt, integer ? 106 : 104);
    v.putAtt("MemoryOrder", d.order);
    v.putAtt("description", d.description);
    v.putAtt("units", d.units);
    v.putAtt("stagger", d.stagger);
    if (d.name != "XLAT" && d.name != "XLONG") v.putAtt("coordinates", "XLONG XLAT XTIME");
    vars[d.name] = v;
  }
  const auto global_float = [&](const std::string& name, double value) {
    const auto o = s.global_overrides.find(name);
    file.putAtt(name, netCDF::ncFloat, static_cast<float>(o == s.global_overrides.end() ? value : o->second));
  };
  const auto global_int = [&](const std::string& name, int value) {
    const auto o = s.global_overrides.find(name);
    file.putAtt(name, netCDF::ncInt, o == s.global_overrides.end() ? value : static_cast<int>(o->second));
  };
  file.putAtt("TITLE", s.title);
  if (!s.times.empty()) file.putAtt("START_DATE", s.times.front());
  global_int("WEST-EAST_GRID_DIMENSION", s.nx + 1);
  global_int("SOUTH-NORTH_GRID_DIMENSION", s.ny + 1);
  global_int("BOTTOM-TOP_GRID_DIMENSION", s.nz + 1);
  global_float("DX", s.dx);
  global_float("DY", s.dy);
  global_float("CEN_LAT", s.cen_lat);
  global_float("CEN_LON", s.cen_lon);
  global_float("TRUELAT1", s.truelat1);
  global_float("TRUELAT2", s.truelat2);
  global_float("MOAD_CEN_LAT", s.moad_cen_lat);
  global_float("STAND_LON", s.stand_lon);
  global_float("POLE_LAT", 90.0);
  global_float("POLE_LON", 0.0);
  global_float("BUCKET_MM", s.bucket_mm.value_or(-1.0));
  global_int("MAP_PROJ", s.map_proj);
  file.enddef();

  const Projection projection = wrf_test_projection(s);
  for (std::size_t r = 0; r < s.times.size(); ++r) {
    const int g = s.record_offset + static_cast<int>(r);
    if (!times.isNull()) {
      std::string text = s.times[r];
      text.resize(19, ' ');
      times.putVar({r, 0}, {1, 19}, text.c_str());
    }
    for (const auto& [name, var] : vars) {
      const auto dims = var.getDims();
      const bool timed = dims.front().getName() == "Time";
      if (!timed && r > 0) continue;
      std::vector<std::size_t> count;
      for (const auto& d : dims) count.push_back(d.getName() == "Time" ? 1 : d.getSize());
      const std::size_t ni = count.back(), nj = count[count.size() - 2];
      const std::size_t nk = (count.size() - (timed ? 1 : 0)) == 3 ? count[count.size() - 3] : 1;
      std::vector<double> values;
      for (std::size_t k = 0; k < nk; ++k)
        for (std::size_t j = 0; j < nj; ++j)
          for (std::size_t i = 0; i < ni; ++i) {
            const int ii = static_cast<int>(i), jj = static_cast<int>(j), kk = static_cast<int>(k);
            double value = 0.0;
            if (const auto o = s.fields.find(name); o != s.fields.end()) {
              value = o->second(g, kk, jj, ii);
            } else if (name == "XLAT" || name == "XLONG" || name == "COSALPHA" || name == "SINALPHA") {
              const LonLat ll =
                  projection.inverse({s.x_west + (i + 0.5) * s.dx, s.y_south + (j + 0.5) * s.dy});
              // WRF's alpha turns grid-relative into earth-relative winds: the opposite of grid_rotation.
              const double alpha =
                  s.alpha_deg ? *s.alpha_deg * constants::pi / 180.0 : -projection.grid_rotation(ll);
              value = name == "XLAT"       ? ll.lat
                      : name == "XLONG"    ? ll.lon
                      : name == "COSALPHA" ? std::cos(alpha)
                                           : std::sin(alpha);
            } else {
              value = wrf_default_value(name, g, kk, jj, ii);
            }
            values.push_back(value);
          }
      std::vector<std::size_t> start(count.size(), 0);
      if (timed) start.front() = r;
      if (var.getType() == netCDF::ncFloat) {
        // Via float, as WRF stores it: NetCDF refuses to convert a double infinity to float (NC_ERANGE).
        const std::vector<float> stored(values.begin(), values.end());
        var.putVar(start, count, stored.data());
      } else {
        var.putVar(start, count, values.data());
      }
    }
  }
}

}  // namespace airshed::test
