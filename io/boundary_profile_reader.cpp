// SPDX-License-Identifier: Apache-2.0
#include "io/boundary_profile_reader.hpp"

#include <netcdf.h>

#include <cmath>

#include "core/error.hpp"

namespace airshed {

namespace {

std::string text_attribute(int nc, int var, const char* name) {
  std::size_t len = 0;
  if (nc_inq_attlen(nc, var, name, &len) != NC_NOERR) return "";
  std::string s(len, '\0');
  nc_get_att_text(nc, var, name, s.data());
  while (!s.empty() && s.back() == '\0') s.pop_back();
  return s;
}

std::vector<double> read_1d(int nc, int var, std::size_t n) {
  std::vector<double> v(n);
  nc_get_var_double(nc, var, v.data());
  return v;
}

/// Scale to output units (ppb for gases, ug m-3 for aerosols); 0 for an unknown unit.
double unit_scale(const std::string& units, bool gas) {
  if (gas) {
    if (units == "ppb" || units == "ppbv" || units == "nmol mol-1" || units == "nmol/mol") return 1.0;
    if (units == "ppm" || units == "ppmv" || units == "umol mol-1" || units == "umol/mol") return 1e3;
    if (units == "1" || units == "mol mol-1" || units == "mol/mol") return 1e9;
    return 0.0;
  }
  if (units == "ug m-3" || units == "ug/m3" || units == "ug m**-3" || units == "ug m^-3") return 1.0;
  if (units == "kg m-3" || units == "kg/m3" || units == "kg m**-3") return 1e9;
  return 0.0;
}

}  // namespace

std::map<std::string, BoundaryProfile> read_boundary_profiles(const std::string& path, const VerticalLayers& layers,
                                                              const std::vector<std::string>& names,
                                                              const std::vector<bool>& is_gas) {
  int nc;
  if (nc_open(path.c_str(), NC_NOWRITE, &nc) != NC_NOERR) throw InputError(path, "cannot open as NetCDF");
  struct Closer {
    int id;
    ~Closer() { nc_close(id); }
  } closer{nc};
  int zdim, zvar;
  if (nc_inq_dimid(nc, "z", &zdim) != NC_NOERR || nc_inq_varid(nc, "z", &zvar) != NC_NOERR)
    throw InputError(path, "variable 'z': missing (heights above ground of the profile, m)");
  std::size_t nz = 0;
  nc_inq_dimlen(nc, zdim, &nz);
  const std::string zunits = text_attribute(nc, zvar, "units");
  const double zscale = zunits == "m" ? 1.0 : (zunits == "km" ? 1000.0 : 0.0);
  if (zscale == 0.0) throw InputError(path, "variable 'z': units '" + zunits + "' are not a height (m or km)");
  std::vector<double> z = read_1d(nc, zvar, nz);
  for (std::size_t k = 0; k < nz; ++k) {
    z[k] *= zscale;
    if (!std::isfinite(z[k])) throw InputError(path, "variable 'z': NaN or infinite value at index " + std::to_string(k));
    if (k > 0 && !(z[k] > z[k - 1]))
      throw InputError(path, "variable 'z': heights must increase strictly (index " + std::to_string(k) + ")");
  }
  std::map<std::string, BoundaryProfile> out;
  for (std::size_t s = 0; s < names.size(); ++s) {
    int var;
    if (nc_inq_varid(nc, names[s].c_str(), &var) != NC_NOERR) continue;
    int ndims, dim;
    nc_inq_varndims(nc, var, &ndims);
    nc_inq_vardimid(nc, var, &dim);
    if (ndims != 1 || dim != zdim) throw InputError(path, "variable '" + names[s] + "': must have the single dimension z");
    const std::string units = text_attribute(nc, var, "units");
    const double scale = unit_scale(units, is_gas[s]);
    if (scale == 0.0)
      throw InputError(path, "variable '" + names[s] + "': units '" + units + "' are not " +
                                 (is_gas[s] ? "a mole fraction (ppb, ppm, mol mol-1)" : "a mass concentration (ug m-3, kg m-3)"));
    std::vector<double> v = read_1d(nc, var, nz);
    for (std::size_t k = 0; k < nz; ++k)
      if (!std::isfinite(v[k]) || v[k] < 0)
        throw InputError(path, "variable '" + names[s] + "': value at z index " + std::to_string(k) +
                                   " is NaN, infinite or negative");
    BoundaryProfile p;
    for (int k = 0; k < layers.nz(); ++k) {
      const double zm = layers.mid(k);
      double value;
      if (zm <= z.front()) {
        value = v.front();
      } else if (zm >= z.back()) {
        value = v.back();
      } else {
        std::size_t n = 1;
        while (z[n] < zm) ++n;
        const double w = (zm - z[n - 1]) / (z[n] - z[n - 1]);
        value = (1.0 - w) * v[n - 1] + w * v[n];
      }
      p.values.push_back(value * scale);
    }
    out[names[s]] = p;
  }
  return out;
}

}  // namespace airshed
