// SPDX-License-Identifier: Apache-2.0
#include "io/cf_met_writer.hpp"

#include <netcdf>
#include <stdexcept>

#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "io/cf_grid.hpp"

namespace airshed {

using netCDF::NcDim;
using netCDF::NcFile;
using netCDF::NcVar;

namespace {

// What the writer puts in the file, and exactly what CfMetReader looks for first: the CF standard name
// (none exists for friction velocity, which the reader finds by the name `ust` and its long_name).
// Values are written as double so that make-met -> file -> reader reproduces MetRecord exactly.
struct Field3Spec {
  const char* name;
  const char* standard_name;
  const char* long_name;
  const char* units;
  Array3 MetRecord::*member;
  bool optional;
  bool on_interfaces;  ///< (time, zi, y, x) with nz + 1 levels instead of (time, z, y, x)
};

struct Field2Spec {
  const char* name;
  const char* standard_name;
  const char* long_name;
  const char* units;
  Array2 MetRecord::*member;
  bool optional;
};

const Field3Spec kFields3[] = {
    {"u", "eastward_wind", "eastward wind (earth-relative)", "m s-1", &MetRecord::eastward_wind, false,
     false},
    {"v", "northward_wind", "northward wind (earth-relative)", "m s-1", &MetRecord::northward_wind, false,
     false},
    {"w", "upward_air_velocity", "upward air velocity", "m s-1", &MetRecord::upward_air_velocity, true,
     false},
    {"t", "air_temperature", "air temperature", "K", &MetRecord::air_temperature, false, false},
    {"p", "air_pressure", "air pressure", "Pa", &MetRecord::air_pressure, false, false},
    {"qv", "humidity_mixing_ratio", "water vapour mixing ratio", "kg kg-1", &MetRecord::humidity_mixing_ratio,
     false, false},
    {"kz", "atmosphere_heat_diffusivity", "vertical eddy diffusivity at layer interfaces", "m2 s-1",
     &MetRecord::kz, true, true},
};

const Field2Spec kFields2[] = {
    {"pblh", "atmosphere_boundary_layer_thickness", "boundary layer height", "m", &MetRecord::pbl_height,
     false},
    {"ust", nullptr, "friction velocity", "m s-1", &MetRecord::friction_velocity, false},
    {"swdown", "surface_downwelling_shortwave_flux_in_air", "downwelling shortwave radiation at the surface",
     "W m-2", &MetRecord::shortwave_down, false},
    {"hfx", "surface_upward_sensible_heat_flux", "upward sensible heat flux at the surface", "W m-2",
     &MetRecord::sensible_heat_flux, true},
};

NcVar define_field(const NcFile& file, const std::string& name, const char* standard_name,
                   const char* long_name, const char* units, const std::vector<NcDim>& dims) {
  NcVar var = file.addVar(name, netCDF::ncDouble, dims);
  if (standard_name) var.putAtt("standard_name", standard_name);
  var.putAtt("long_name", long_name);
  var.putAtt("units", units);
  set_cf_grid_attributes(var);
  std::vector<std::size_t> chunks{1};
  for (std::size_t d = 1; d < dims.size(); ++d) chunks.push_back(dims[d].getSize());
  var.setChunking(NcVar::nc_CHUNKED, chunks);
  var.setCompression(true, true, 1);
  return var;
}

std::string shape_text(int a, int b, int c) {
  return "(" + std::to_string(a) + ", " + std::to_string(b) + (c >= 0 ? ", " + std::to_string(c) : "") + ")";
}

void check_shape(const Array3& a, int nx, int ny, int nz, const char* name, std::size_t record) {
  if (a.n0 != nx || a.n1 != ny || a.n2 != nz)
    throw InternalError("write_cf_met: record " + std::to_string(record) + " field '" + name +
                        "' has shape " + shape_text(a.n0, a.n1, a.n2) + ", expected " +
                        shape_text(nx, ny, nz));
}

void check_shape(const Array2& a, int nx, int ny, const char* name, std::size_t record) {
  if (a.n0 != nx || a.n1 != ny)
    throw InternalError("write_cf_met: record " + std::to_string(record) + " field '" + name +
                        "' has shape " + shape_text(a.n0, a.n1, -1) + ", expected " + shape_text(nx, ny, -1));
}

// Optional fields are all-or-nothing across records: the set record 0 has defines the file.
void check_presence(bool in_file, bool present, const char* name, std::size_t record) {
  if (in_file != present)
    throw InternalError("write_cf_met: optional field '" + std::string(name) + "' is " +
                        (present ? "present" : "absent") + " in record " + std::to_string(record) +
                        " but not in record 0");
}

class MetFileWriter {
 public:
  MetFileWriter(NcFile& file, const Grid& grid, UtcTime reference, const MetRecord& first)
      : file_(file), grid_(grid), reference_(reference) {
    const CfGridDims d = write_cf_grid(file, grid, reference);
    bool interfaces_written = false;
    NcDim zi;
    for (const auto& f : kFields3) {
      if ((first.*f.member).empty() && f.optional) continue;
      if (f.on_interfaces && !interfaces_written) {
        zi = write_cf_interfaces(file, grid);
        interfaces_written = true;
      }
      const NcDim level = f.on_interfaces ? zi : d.z;
      fields3_.push_back(
          {&f, define_field(file, f.name, f.standard_name, f.long_name, f.units, {d.time, level, d.y, d.x})});
    }
    for (const auto& f : kFields2) {
      if ((first.*f.member).empty() && f.optional) continue;
      fields2_.push_back(
          {&f, define_field(file, f.name, f.standard_name, f.long_name, f.units, {d.time, d.y, d.x})});
    }
  }

  void write(std::size_t record, UtcTime t, const MetRecord& r) const {
    const int nx = grid_.nx(), ny = grid_.ny(), nz = grid_.nz();
    for (const auto& f : kFields3)
      if (f.optional) check_presence(has3(f), !(r.*f.member).empty(), f.name, record);
    for (const auto& f : kFields2)
      if (f.optional) check_presence(has2(f), !(r.*f.member).empty(), f.name, record);
    for (const auto& [spec, var] : fields3_) {
      const Array3& a = r.*(spec->member);
      const int levels = spec->on_interfaces ? nz + 1 : nz;
      check_shape(a, nx, ny, levels, spec->name, record);
      var.putVar({record, 0, 0, 0}, {1, std::size_t(levels), std::size_t(ny), std::size_t(nx)},
                 a.data.data());
    }
    for (const auto& [spec, var] : fields2_) {
      const Array2& a = r.*(spec->member);
      check_shape(a, nx, ny, spec->name, record);
      var.putVar({record, 0, 0}, {1, std::size_t(ny), std::size_t(nx)}, a.data.data());
    }
    write_cf_time(file_, record, t, reference_);
  }

 private:
  bool has3(const Field3Spec& f) const {
    for (const auto& entry : fields3_)
      if (entry.first == &f) return true;
    return false;
  }
  bool has2(const Field2Spec& f) const {
    for (const auto& entry : fields2_)
      if (entry.first == &f) return true;
    return false;
  }

  NcFile& file_;
  const Grid& grid_;
  UtcTime reference_;
  std::vector<std::pair<const Field3Spec*, NcVar>> fields3_;
  std::vector<std::pair<const Field2Spec*, NcVar>> fields2_;
};

void put_global_attributes(const NcFile& file, const std::string& history, const std::string& title) {
  file.putAtt("Conventions", "CF-1.8");
  file.putAtt("title", title);
  file.putAtt("institution", "airshed");
  file.putAtt("source", "airshed write_cf_met");
  file.putAtt("history", history);
  file.putAtt("references", "https://cfconventions.org/ (CF-1.8)");
  file.putAtt(
      "comment",
      "Cell-centred meteorology, winds earth-relative; Kz (if present) on layer interfaces, dimension " +
          std::string(cf_name::interface_dim) + " with heights in " + cf_name::interface_var);
}

}  // namespace

void write_cf_met(const std::string& path, const Grid& grid, const std::vector<UtcTime>& times,
                  const std::function<MetRecord(std::size_t)>& record, const std::string& history,
                  const std::string& title) {
  if (times.empty()) throw InternalError("write_cf_met: no record times for " + path);
  for (std::size_t r = 1; r < times.size(); ++r)
    if (!(times[r] > times[r - 1]))
      throw InternalError("write_cf_met: record times must increase strictly (record " + std::to_string(r) +
                          ") for " + path);
  AtomicFile atomic(path);
  {
    NcFile file;
    create_cf_file(file, atomic.temporary_path(), path);
    put_global_attributes(file, history, title);
    const MetRecord first = record(0);
    const MetFileWriter writer(file, grid, times.front(), first);
    writer.write(0, times.front(), first);
    for (std::size_t r = 1; r < times.size(); ++r) writer.write(r, times[r], record(r));
    file.close();
  }
  atomic.commit();
}

}  // namespace airshed
