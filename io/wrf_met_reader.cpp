// SPDX-License-Identifier: Apache-2.0
//
// WRF ARW output reader. Variable names, staggering and units are those of the WRF Registry as written to
// wrfout (WRF ARW User's Guide, "Description of WRF output"; shared/reference/cf-conventions.md §3.5). The
// derivations follow wrf-python (NCAR), whose getvar diagnostics are the reference post-processing of WRF
// (docs/wrf-input.md has the same list as a table):
//  * winds: U (west_east_stag) and V (south_north_stag) destaggered as the mean of the two faces (wrf-python
//    destagger), rotated to earth-relative u_e = u cos a - v sin a, v_e = v cos a + u sin a with a from
//    COSALPHA/SINALPHA (wrf-python uvmet), else a = -Projection::grid_rotation at the cell centre;
//  * vertical wind: W (bottom_top_stag), mean of the two w-levels (wrf-python wa);
//  * pressure P + PB (wrf-python pres); temperature theta (p / 1e5)^(Rd/cp) with theta = T + 300 K and
//    Rd/cp = 287/1004.5 (wrf-python tk);
//  * height above ground: z_w = (PH + PHB) / g with g = 9.81 (wrf-python z), the mean of adjacent w-levels at
//    mass levels, minus HGT;
//  * humidity QVAPOR (mixing ratio); PBLH, UST, HFX, SWDOWN, ZNT as stored;
//  * total cloud cover from CLDFRA by maximum-random overlap (cloud_cover below);
//  * precipitation rate from the accumulated RAINC + RAINNC by backward differences (precipitation_rate).
//
// Optional: W, HFX, ZNT, CLDFRA, RAINC/RAINNC, COSALPHA/SINALPHA, I_RAINC/I_RAINNC; which of them are used is
// decided by the first file, and a later file without one of them is an error (a series must not change
// what it provides half-way).
#include "io/wrf_met_reader.hpp"

#include <netcdf.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <netcdf>
#include <optional>
#include <set>
#include <stdexcept>
#include <utility>

#include "core/constants.hpp"
#include "core/error.hpp"
#include "io/cf_grid.hpp"
#include "io/wrf_grid.hpp"

namespace airshed {

using netCDF::NcFile;
using netCDF::NcVar;

namespace {

std::string number_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

std::string dims_text(const std::vector<std::string>& names) {
  std::string text("(");
  for (const auto& name : names) text += (text.size() > 1 ? ", " : "") + name;
  return text + ")";
}

// wrf-python constants (wrf/constants.py): Rd = 287, cp = 7 Rd / 2 = 1004.5, g = 9.81, p0 = 1e5 Pa,
// theta = T + 300 K (T is the perturbation from WRF's T0 = 300 K).
constexpr double kThetaOffset = 300.0;
constexpr double kReferencePressure = 1.0e5;
constexpr double kKappa = constants::rd_dry_air / constants::cp_dry_air;

enum class Shape {
  mass,      ///< (Time, bottom_top, south_north, west_east)
  u_stag,    ///< (Time, bottom_top, south_north, west_east_stag)
  v_stag,    ///< (Time, bottom_top, south_north_stag, west_east)
  w_stag,    ///< (Time, bottom_top_stag, south_north, west_east)
  surface,   ///< (Time, south_north, west_east)
  invariant  ///< (south_north, west_east), in some files with a leading Time (XLAT, HGT, COSALPHA)
};

struct Spec {
  const char* name;
  Shape shape;
  bool required;
};

// Every variable the reader reads. Required ones are missing → InputError; optional ones are used when the
// first file has them.
const std::vector<Spec>& specs() {
  static const std::vector<Spec> table{
      {"U", Shape::u_stag, true},
      {"V", Shape::v_stag, true},
      {"W", Shape::w_stag, false},
      {"T", Shape::mass, true},
      {"P", Shape::mass, true},
      {"PB", Shape::mass, true},
      {"PH", Shape::w_stag, true},
      {"PHB", Shape::w_stag, true},
      {"QVAPOR", Shape::mass, true},
      {"HGT", Shape::invariant, true},
      {"PBLH", Shape::surface, true},
      {"UST", Shape::surface, true},
      {"SWDOWN", Shape::surface, true},
      {"HFX", Shape::surface, false},
      {"ZNT", Shape::surface, false},
      {"CLDFRA", Shape::mass, false},
      {"RAINC", Shape::surface, false},
      {"RAINNC", Shape::surface, false},
      {"I_RAINC", Shape::surface, false},
      {"I_RAINNC", Shape::surface, false},
      {"COSALPHA", Shape::invariant, false},
      {"SINALPHA", Shape::invariant, false},
      {"XLAT", Shape::invariant, true},
      {"XLONG", Shape::invariant, true},
  };
  return table;
}

/// Sizes of the mass grid (staggered dimensions are one larger).
struct Dims {
  int nx = 0, ny = 0, nz = 0;
  bool operator==(const Dims&) const = default;
};

/// (k, j, i) sizes of a variable of `shape`, without Time.
std::vector<std::size_t> sizes_of(Shape shape, const Dims& d) {
  const auto nx = static_cast<std::size_t>(d.nx), ny = static_cast<std::size_t>(d.ny),
             nz = static_cast<std::size_t>(d.nz);
  switch (shape) {
    case Shape::mass:
      return {nz, ny, nx};
    case Shape::u_stag:
      return {nz, ny, nx + 1};
    case Shape::v_stag:
      return {nz, ny + 1, nx};
    case Shape::w_stag:
      return {nz + 1, ny, nx};
    case Shape::surface:
    case Shape::invariant:
      return {ny, nx};
  }
  return {};
}

std::vector<std::string> dim_names_of(Shape shape) {
  switch (shape) {
    case Shape::mass:
      return {"Time", "bottom_top", "south_north", "west_east"};
    case Shape::u_stag:
      return {"Time", "bottom_top", "south_north", "west_east_stag"};
    case Shape::v_stag:
      return {"Time", "bottom_top", "south_north_stag", "west_east"};
    case Shape::w_stag:
      return {"Time", "bottom_top_stag", "south_north", "west_east"};
    case Shape::surface:
      return {"Time", "south_north", "west_east"};
    case Shape::invariant:
      return {"south_north", "west_east"};
  }
  return {};
}

/// One wrfout file of the series.
struct WrfFile {
  std::string path;
  std::vector<UtcTime> times;
  std::size_t first = 0;            ///< index of its first record in the series
  std::set<std::string> with_time;  ///< invariant-shaped variables that carry Time in this file
  std::optional<double> bucket_mm;  ///< BUCKET_MM when I_RAINC/I_RAINNC count buckets
  WrfDomainAttributes attributes;
};

// NcFile can be neither copied nor moved (its destructor closes the file).
std::unique_ptr<NcFile> open_file(const std::string& path) {
  try {
    return std::make_unique<NcFile>(path, NcFile::read);
  } catch (const netCDF::exceptions::NcException& e) {
    throw InputError(path, std::string("cannot open as NetCDF: ") + nc_strerror(e.errorCode()));
  }
}

int dimension_size(const NcFile& file, const char* name, const std::string& path) {
  const auto dim = file.getDim(name);
  if (dim.isNull())
    throw InputError(path, "dimension '" + std::string(name) + "' is missing (WRF output always has it)");
  return static_cast<int>(dim.getSize());
}

Dims read_dims(const NcFile& file, const std::string& path) {
  Dims d{dimension_size(file, "west_east", path), dimension_size(file, "south_north", path),
         dimension_size(file, "bottom_top", path)};
  const struct {
    const char* name;
    int expected;
  } staggered[] = {
      {"west_east_stag", d.nx + 1}, {"south_north_stag", d.ny + 1}, {"bottom_top_stag", d.nz + 1}};
  for (const auto& s : staggered)
    if (dimension_size(file, s.name, path) != s.expected)
      throw InputError(path, "dimension '" + std::string(s.name) + "' has " +
                                 std::to_string(dimension_size(file, s.name, path)) + " points, not " +
                                 std::to_string(s.expected) + " (one more than the unstaggered dimension)");
  if (d.nx < 1 || d.ny < 1 || d.nz < 1)
    throw InputError(path, "the grid has no cells (west_east = " + std::to_string(d.nx) + ", south_north = " +
                               std::to_string(d.ny) + ", bottom_top = " + std::to_string(d.nz) + ")");
  return d;
}

/// "2005-09-21_00:00:00" → UtcTime (WRF writes the date and time joined by '_').
UtcTime parse_wrf_time(std::string text, const std::string& path, std::size_t record) {
  text = text.substr(0, text.find('\0'));
  while (!text.empty() && text.back() == ' ') text.pop_back();
  std::string iso = text;
  if (iso.size() == 19 && iso[10] == '_') iso[10] = 'T';
  try {
    if (iso.size() != 19) throw std::invalid_argument("length");
    return parse_utc(iso + "Z");
  } catch (const std::invalid_argument&) {
    throw InputError(path, "variable 'Times': record " + std::to_string(record) + " holds '" + text +
                               "', not a WRF date-time YYYY-MM-DD_hh:mm:ss");
  }
}

std::vector<UtcTime> read_times(const NcFile& file, const std::string& path) {
  const NcVar var = file.getVar("Times");
  if (var.isNull()) throw InputError(path, "no 'Times' variable (WRF output always has one)");
  const auto names = dimension_names(var);
  if (var.getType().getId() != NC_CHAR || names.size() != 2 || names[0] != "Time")
    throw InputError(
        path, "variable 'Times' must be char(Time, DateStrLen) but has dimensions " + dims_text(names));
  const std::size_t count = var.getDim(0).getSize(), length = var.getDim(1).getSize();
  if (count == 0) throw InputError(path, "variable 'Times': the file holds no records");
  std::vector<char> text(count * length);
  var.getVar(text.data());
  std::vector<UtcTime> times;
  for (std::size_t r = 0; r < count; ++r) {
    times.push_back(parse_wrf_time(std::string(text.data() + r * length, length), path, r));
    if (r > 0 && !(times[r] > times[r - 1]))
      throw InputError(path, "variable 'Times': record " + std::to_string(r) + " (" + format_utc(times[r]) +
                                 ") is not after record " + std::to_string(r - 1) + " (" +
                                 format_utc(times[r - 1]) + "); times must increase");
  }
  return times;
}

/// Maximum-random overlap (Geleyn & Hollingsworth 1979, Contrib. Atmos. Phys. 52, 1-16): adjacent cloudy
/// layers overlap maximally, cloud blocks separated by a clear layer randomly, so the clear-sky fraction is
/// (1 - c_0) prod_k (1 - max(c_k, c_{k-1})) / (1 - c_{k-1}). It is the overlap WRF's RRTMG radiation uses by
/// by default (namelist cldovrlp = 2, wrf-model/WRF pull request 759, the behaviour before the switch
/// existed), so the cover is the one SWDOWN saw; the column maximum would be the lower bound (exact only for
/// perfectly stacked cloud) and underestimates multi-layer cloud.
double cloud_cover(const std::vector<double>& c) {
  double clear = 1.0 - c.front();
  for (std::size_t k = 1; k < c.size() && clear > 0.0; ++k) {
    if (c[k - 1] >= 1.0) return 1.0;
    clear *= (1.0 - std::max(c[k], c[k - 1])) / (1.0 - c[k - 1]);
  }
  return std::clamp(1.0 - clear, 0.0, 1.0);
}

}  // namespace

struct WrfMetReader::Impl {
  std::vector<WrfFile> files;
  Dims dims;
  Grid grid;
  std::vector<UtcTime> times;
  std::set<std::string> present;  ///< optional variables the series provides
  mutable std::unique_ptr<NcFile> open;
  mutable std::size_t open_index = 0;

  explicit Impl(const std::vector<std::string>& paths) {
    if (paths.empty()) throw InputError("WRF met", "no wrfout files given");
    for (const auto& path : paths) files.push_back(scan(path));
    std::stable_sort(files.begin(), files.end(),
                     [](const WrfFile& a, const WrfFile& b) { return a.times.front() < b.times.front(); });
    for (std::size_t f = 0; f < files.size(); ++f) {
      if (f > 0 && !(files[f].times.front() > files[f - 1].times.back()))
        throw InputError(files[f].path,
                         "its records (" + format_utc(files[f].times.front()) + " to " +
                             format_utc(files[f].times.back()) + ") overlap those of '" + files[f - 1].path +
                             "' (" + format_utc(files[f - 1].times.front()) + " to " +
                             format_utc(files[f - 1].times.back()) +
                             "); a series needs each file to start after the previous one ends");
      files[f].first = times.size();
      times.insert(times.end(), files[f].times.begin(), files[f].times.end());
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Constructor checks

  /// Everything about one file that does not need a record's data, checked against the first file.
  WrfFile scan(const std::string& path) {
    const auto opened = open_file(path);
    const NcFile& file = *opened;
    WrfFile f;
    f.path = path;
    f.times = read_times(file, path);
    f.attributes = read_wrf_domain_attributes(file.getId(), path);
    const Projection projection = wrf_projection(f.attributes, path);
    const Dims d = read_dims(file, path);
    const bool first = files.empty();
    if (first)
      dims = d;
    else
      check_same_domain(f, d);
    for (const auto& spec : specs()) check_variable(file, f, spec, first);
    if (present.count("I_RAINC") || present.count("I_RAINNC")) {
      const auto bucket = number_attribute(file, "BUCKET_MM");
      if (bucket && *bucket > 0.0) f.bucket_mm = *bucket;
    }
    if (first) {
      const WrfLonLat cells = lonlat(file, f, 0);
      grid = place_wrf_grid(projection, f.attributes, d.nx, d.ny, cells, mean_layers(file, f));
    } else {
      check_same_lonlat(file, f);
    }
    const double tolerance = 0.01 * std::min(f.attributes.dx, f.attributes.dy);
    const bool moves = f.with_time.count("XLAT") || f.with_time.count("XLONG");
    for (std::size_t r = 0; r < (moves ? f.times.size() : 1); ++r)
      check_wrf_lonlat(grid, lonlat(file, f, r), tolerance, path,
                       moves ? " at record " + std::to_string(r) + " (" + format_utc(f.times[r]) + ")" : "");
    return f;
  }

  static std::optional<double> number_attribute(const NcFile& file, const char* name) {
    double value = 0.0;
    std::size_t length = 0;
    if (nc_inq_attlen(file.getId(), NC_GLOBAL, name, &length) != NC_NOERR || length != 1) return std::nullopt;
    if (nc_get_att_double(file.getId(), NC_GLOBAL, name, &value) != NC_NOERR) return std::nullopt;
    return value;
  }

  void check_same_domain(const WrfFile& f, const Dims& d) const {
    const WrfFile& reference = files.front();
    std::string difference;
    if (!(d == dims))
      difference = "dimensions west_east x south_north x bottom_top " + std::to_string(d.nx) + " x " +
                   std::to_string(d.ny) + " x " + std::to_string(d.nz) + " vs " + std::to_string(dims.nx) +
                   " x " + std::to_string(dims.ny) + " x " + std::to_string(dims.nz);
    else
      difference = wrf_domain_difference(f.attributes, reference.attributes);
    if (!difference.empty())
      throw InputError(f.path, "its domain differs from that of '" + reference.path + "': " + difference +
                                   " (files of one series must share the domain)");
  }

  void check_variable(const NcFile& file, WrfFile& f, const Spec& spec, bool first) {
    const NcVar var = file.getVar(spec.name);
    if (var.isNull()) {
      if (spec.required)
        throw InputError(f.path,
                         "variable '" + std::string(spec.name) + "' is missing (the WRF reader needs it)");
      if (!first && present.count(spec.name))
        throw InputError(f.path, "variable '" + std::string(spec.name) + "' is missing but '" +
                                     files.front().path + "', the first file of the series, has it");
      return;
    }
    std::vector<std::string> expected = dim_names_of(spec.shape);
    std::vector<std::string> names = dimension_names(var);
    if (spec.shape == Shape::invariant && !names.empty() && names.front() == "Time") {
      f.with_time.insert(spec.name);
      names.erase(names.begin());
    }
    if (names != expected)
      throw InputError(f.path,
                       "variable '" + std::string(spec.name) + "' has dimensions " +
                           dims_text(dimension_names(var)) + " but WRF writes " + dims_text(expected) +
                           (spec.shape == Shape::invariant ? " (optionally with a leading Time)" : ""));
    if (first && !spec.required) present.insert(spec.name);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Reading

  /// Values of `name` at `record` as (k, j, i) or (j, i) with i fastest, checked finite.
  std::vector<double> values(const NcFile& file, const WrfFile& f, const Spec& spec,
                             std::size_t record) const {
    const NcVar var = file.getVar(spec.name);
    const std::vector<std::size_t> sizes = sizes_of(spec.shape, dims);
    const bool has_time = spec.shape != Shape::invariant || f.with_time.count(spec.name);
    std::vector<std::size_t> start(sizes.size(), 0), count = sizes;
    if (has_time) {
      start.insert(start.begin(), record);
      count.insert(count.begin(), 1);
    }
    std::size_t total = 1;
    for (auto s : sizes) total *= s;
    std::vector<double> out(total);
    try {
      var.getVar(start, count, out.data());
    } catch (const netCDF::exceptions::NcException& e) {
      throw InputError(f.path, "variable '" + std::string(spec.name) + "': cannot read record " +
                                   std::to_string(record) + ": " + nc_strerror(e.errorCode()));
    }
    for (std::size_t n = 0; n < total; ++n)
      if (!std::isfinite(out[n]))
        bad_value(f, spec, record, n, std::isnan(out[n]) ? "NaN" : "infinite value");
    return out;
  }

  /// InputError naming the variable, the file's record with its time and the cell of flat index n.
  [[noreturn]] void bad_value(const WrfFile& f, const Spec& spec, std::size_t record, std::size_t n,
                              const std::string& problem) const {
    const std::vector<std::size_t> sizes = sizes_of(spec.shape, dims);
    const std::size_t ni = sizes.back(), nj = sizes[sizes.size() - 2];
    std::string cell = "(" + std::to_string(n % ni) + "," + std::to_string(n / ni % nj);
    if (sizes.size() == 3) cell += "," + std::to_string(n / (ni * nj));
    cell += ")";
    throw InputError(f.path, "variable '" + std::string(spec.name) + "': " + problem + " at record " +
                                 std::to_string(record) + " (time " + format_utc(f.times[record]) +
                                 "), cell " + cell);
  }

  static const Spec& spec(const char* name) {
    for (const auto& s : specs())
      if (std::string(s.name) == name) return s;
    throw InternalError(std::string("WRF reader: no variable spec for ") + name);
  }

  std::vector<double> values(const NcFile& file, const WrfFile& f, const char* name,
                             std::size_t record) const {
    return values(file, f, spec(name), record);
  }

  WrfLonLat lonlat(const NcFile& file, const WrfFile& f, std::size_t record) const {
    return {values(file, f, "XLAT", record), values(file, f, "XLONG", record)};
  }

  /// XLAT/XLONG of a later file equal to the first file's (1e-4 degree, about 10 m: both are WRF's floats of
  /// the same computation when the domain is the same).
  void check_same_lonlat(const NcFile& file, const WrfFile& f) const {
    const auto reference_file = open_file(files.front().path);
    const WrfLonLat a = lonlat(file, f, 0), b = lonlat(*reference_file, files.front(), 0);
    for (std::size_t n = 0; n < a.lat.size(); ++n) {
      const bool lat_differs = std::abs(a.lat[n] - b.lat[n]) > 1e-4;
      if (!lat_differs && std::abs(a.lon[n] - b.lon[n]) <= 1e-4) continue;
      const std::string name = lat_differs ? "XLAT" : "XLONG";
      throw InputError(f.path, "its domain differs from that of '" + files.front().path + "': " + name +
                                   " of cell (" + std::to_string(n % dims.nx) + "," +
                                   std::to_string(n / dims.nx) + ") is " +
                                   number_text(lat_differs ? a.lat[n] : a.lon[n]) + " vs " +
                                   number_text(lat_differs ? b.lat[n] : b.lon[n]) +
                                   " (files of one series must share the domain)");
    }
  }

  /// Heights above ground of the w-levels (nz + 1, i fastest), from the geopotential.
  std::vector<double> w_level_heights(const NcFile& file, const WrfFile& f, std::size_t record) const {
    std::vector<double> z = values(file, f, "PH", record);
    const std::vector<double> base = values(file, f, "PHB", record);
    const std::vector<double> terrain = values(file, f, "HGT", record);
    const std::size_t columns = terrain.size();
    for (std::size_t n = 0; n < z.size(); ++n)
      z[n] = (z[n] + base[n]) / constants::gravity - terrain[n % columns];
    return z;
  }

  /// The Grid's vertical part: the domain-mean w-level heights above ground of the first record (the
  /// layers are not used for regridding, every record carries its own heights, but they describe the
  /// file's levels in the grid's terms).
  VerticalLayers mean_layers(const NcFile& file, const WrfFile& f) const {
    const std::vector<double> z = w_level_heights(file, f, 0);
    const std::size_t columns = static_cast<std::size_t>(dims.nx) * dims.ny;
    std::vector<double> interfaces(static_cast<std::size_t>(dims.nz) + 1, 0.0);
    for (std::size_t k = 1; k < interfaces.size(); ++k) {
      double sum = 0.0;
      for (std::size_t n = 0; n < columns; ++n) sum += z[k * columns + n];
      interfaces[k] = sum / static_cast<double>(columns);
    }
    try {
      return VerticalLayers(std::move(interfaces));
    } catch (const std::invalid_argument& e) {
      throw InputError(f.path,
                       std::string("variables 'PH' + 'PHB': the mean w-level heights of record 0 do not ") +
                           "increase: " + e.what());
    }
  }

  std::size_t file_of(std::size_t index) const {
    std::size_t f = files.size() - 1;
    while (files[f].first > index) --f;
    return f;
  }

  const NcFile& file(std::size_t f) const {
    if (!open || open_index != f) {
      open.reset();
      open = open_file(files[f].path);
      open_index = f;
    }
    return *open;
  }

  Array3 mass_array(const std::vector<double>& v, int nz) const {
    Array3 a(dims.nx, dims.ny, nz);
    std::copy(v.begin(), v.end(), a.data.begin());
    return a;
  }

  Array2 surface_array(const std::vector<double>& v) const {
    Array2 a(dims.nx, dims.ny);
    std::copy(v.begin(), v.end(), a.data.begin());
    return a;
  }

  /// Grid-relative U, V destaggered to mass points and rotated to earth-relative.
  void winds(const NcFile& nc, const WrfFile& f, std::size_t r, MetRecord& m) const {
    const int nx = dims.nx, ny = dims.ny, nz = dims.nz;
    const std::vector<double> u = values(nc, f, "U", r), v = values(nc, f, "V", r);
    std::vector<double> cos_a, sin_a;
    if (present.count("COSALPHA") && present.count("SINALPHA")) {
      cos_a = values(nc, f, "COSALPHA", r);
      sin_a = values(nc, f, "SINALPHA", r);
    } else {
      // Projection::grid_rotation a turns earth-relative into grid-relative winds; WRF's alpha is the
      // opposite rotation (checked against the sample file's SINALPHA in the tests), so cos alpha = cos a and
      // sin alpha = -sin a.
      for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i) {
          const double a = grid.projection().grid_rotation(grid.lonlat_centre(i, j));
          cos_a.push_back(std::cos(a));
          sin_a.push_back(-std::sin(a));
        }
    }
    m.eastward_wind = Array3(nx, ny, nz);
    m.northward_wind = Array3(nx, ny, nz);
    const auto unx = static_cast<std::size_t>(nx) + 1, vny = static_cast<std::size_t>(ny) + 1;
    for (int k = 0; k < nz; ++k)
      for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i) {
          const std::size_t ui = static_cast<std::size_t>(i) + unx * (static_cast<std::size_t>(j) + ny * k);
          const std::size_t vi = static_cast<std::size_t>(i) + nx * (static_cast<std::size_t>(j) + vny * k);
          const double ug = 0.5 * (u[ui] + u[ui + 1]);
          const double vg = 0.5 * (v[vi] + v[vi + nx]);
          const std::size_t c = static_cast<std::size_t>(i) + static_cast<std::size_t>(nx) * j;
          m.eastward_wind(i, j, k) = ug * cos_a[c] - vg * sin_a[c];
          m.northward_wind(i, j, k) = vg * cos_a[c] + ug * sin_a[c];
        }
  }

  Array3 vertical_wind(const NcFile& nc, const WrfFile& f, std::size_t r) const {
    const std::vector<double> w = values(nc, f, "W", r);
    const std::size_t columns = static_cast<std::size_t>(dims.nx) * dims.ny;
    Array3 out(dims.nx, dims.ny, dims.nz);
    for (std::size_t n = 0; n < out.size(); ++n) out.data[n] = 0.5 * (w[n] + w[n + columns]);
    return out;
  }

  void thermodynamics(const NcFile& nc, const WrfFile& f, std::size_t r, MetRecord& m) const {
    const std::vector<double> theta = values(nc, f, "T", r), p = values(nc, f, "P", r),
                              pb = values(nc, f, "PB", r);
    m.air_pressure = Array3(dims.nx, dims.ny, dims.nz);
    m.air_temperature = Array3(dims.nx, dims.ny, dims.nz);
    for (std::size_t n = 0; n < theta.size(); ++n) {
      const double pressure = p[n] + pb[n];
      if (!(pressure > 0.0))
        bad_value(f, spec("P"), r, n, "P + PB = " + number_text(pressure) + " Pa is not a positive pressure");
      const double t = (theta[n] + kThetaOffset) * std::pow(pressure / kReferencePressure, kKappa);
      if (t < 150.0 || t > 350.0)
        bad_value(f, spec("T"), r, n,
                  "temperature " + number_text(t) + " K from theta = T + 300 = " +
                      number_text(theta[n] + kThetaOffset) + " K is outside 150..350 K (T must be WRF's " +
                      "perturbation potential temperature, theta - 300 K)");
      m.air_pressure.data[n] = pressure;
      m.air_temperature.data[n] = t;
    }
    std::vector<double> q = values(nc, f, "QVAPOR", r);
    // WRF's advection is positive-definite only to round-off: tiny negative mixing ratios occur and mean 0.
    for (auto& value : q) value = std::max(value, 0.0);
    m.humidity_mixing_ratio = mass_array(q, dims.nz);
  }

  Array3 heights(const NcFile& nc, const WrfFile& f, std::size_t r) const {
    const std::vector<double> z = w_level_heights(nc, f, r);
    const std::size_t columns = static_cast<std::size_t>(dims.nx) * dims.ny;
    Array3 out(dims.nx, dims.ny, dims.nz);
    for (std::size_t n = 0; n < out.size(); ++n) {
      out.data[n] = 0.5 * (z[n] + z[n + columns]);
      const double below = n < columns ? 0.0 : out.data[n - columns];
      if (!(out.data[n] > below))
        bad_value(f, spec("PH"), r, n,
                  "the mass-level height above ground from (PH + PHB)/g - HGT is " +
                      number_text(out.data[n]) + " m, not above the level below (" + number_text(below) +
                      " m)");
    }
    return out;
  }

  Array2 cloud_fraction(const NcFile& nc, const WrfFile& f, std::size_t r) const {
    const std::vector<double> c = values(nc, f, "CLDFRA", r);
    const std::size_t columns = static_cast<std::size_t>(dims.nx) * dims.ny;
    Array2 out(dims.nx, dims.ny);
    std::vector<double> column(static_cast<std::size_t>(dims.nz));
    for (std::size_t n = 0; n < columns; ++n) {
      for (std::size_t k = 0; k < column.size(); ++k) {
        const double value = c[n + k * columns];
        if (value < -1e-3 || value > 1.0 + 1e-3)
          bad_value(f, spec("CLDFRA"), r, n + k * columns,
                    "cloud fraction " + number_text(value) + " is outside 0..1");
        column[k] = std::clamp(value, 0.0, 1.0);
      }
      out.data[n] = cloud_cover(column);
    }
    return out;
  }

  /// Accumulated precipitation [mm] at series index `index`: RAINC + RAINNC, plus BUCKET_MM times the bucket
  /// counters I_RAINC/I_RAINNC when WRF ran with bucket_mm > 0 (WRF resets RAINC to RAINC - bucket_mm and
  /// increments I_RAINC each time RAINC exceeds bucket_mm: module_diag_misc / phys bucket option).
  std::vector<double> accumulated_rain(std::size_t index) const {
    const std::size_t fi = file_of(index);
    const WrfFile& f = files[fi];
    const std::size_t r = index - f.first;
    const NcFile& nc = file(fi);
    std::vector<double> total(static_cast<std::size_t>(dims.nx) * dims.ny, 0.0);
    const struct {
      const char* amount;
      const char* buckets;
    } parts[] = {{"RAINC", "I_RAINC"}, {"RAINNC", "I_RAINNC"}};
    for (const auto& part : parts) {
      if (!present.count(part.amount)) continue;
      const std::vector<double> amount = values(nc, f, part.amount, r);
      for (std::size_t n = 0; n < total.size(); ++n) total[n] += amount[n];
      if (!f.bucket_mm || !present.count(part.buckets)) continue;
      const std::vector<double> buckets = values(nc, f, part.buckets, r);
      for (std::size_t n = 0; n < total.size(); ++n) total[n] += buckets[n] * *f.bucket_mm;
    }
    return total;
  }

  /// Mean rate [kg m-2 s-1 = mm s-1] over the interval ending at `index` (the first record uses the first
  /// interval, the only one it has); across file boundaries the accumulations continue because WRF restart
  /// and history files of one run carry RAINC/RAINNC on.
  Array2 precipitation_rate(std::size_t index) const {
    const std::size_t i1 = index == 0 ? 1 : index, i0 = i1 - 1;
    const std::vector<double> a0 = accumulated_rain(i0), a1 = accumulated_rain(i1);
    const double seconds = static_cast<double>(times[i1].seconds - times[i0].seconds);
    Array2 out(dims.nx, dims.ny);
    for (std::size_t n = 0; n < a0.size(); ++n) {
      double difference = a1[n] - a0[n];
      // Accumulations are floats: a few ulps of a large total are not a decrease.
      if (difference < 0.0 && difference > -(1e-3 + 1e-6 * std::abs(a0[n]))) difference = 0.0;
      if (difference < 0.0) {
        const WrfFile& f0 = files[file_of(i0)];
        const WrfFile& f1 = files[file_of(i1)];
        throw InputError(
            f1.path, "variables 'RAINC' + 'RAINNC': the accumulated precipitation decreases from " +
                         number_text(a0[n]) + " mm at " + format_utc(times[i0]) +
                         (f0.path == f1.path ? "" : " ('" + f0.path + "')") + " to " + number_text(a1[n]) +
                         " mm at record " + std::to_string(i1 - f1.first) + " (time " +
                         format_utc(times[i1]) + "), cell (" + std::to_string(n % dims.nx) + "," +
                         std::to_string(n / dims.nx) +
                         "): a restarted or re-initialised run, or a rain bucket reset without "
                         "I_RAINC/I_RAINNC counters; give the files of one continuous run");
      }
      out.data[n] = difference / seconds;
    }
    return out;
  }

  NativeMetRecord read(std::size_t index) const {
    if (index >= times.size())
      throw std::out_of_range("WRF met: record " + std::to_string(index) + " requested but the series has " +
                              std::to_string(times.size()));
    NativeMetRecord out;
    if ((present.count("RAINC") || present.count("RAINNC")) && times.size() > 1)
      out.precipitation_rate = precipitation_rate(index);
    const std::size_t fi = file_of(index);
    const WrfFile& f = files[fi];
    const std::size_t r = index - f.first;
    const NcFile& nc = file(fi);
    MetRecord& m = out.fields;
    winds(nc, f, r, m);
    if (present.count("W")) m.upward_air_velocity = vertical_wind(nc, f, r);
    thermodynamics(nc, f, r, m);
    out.height = heights(nc, f, r);
    m.pbl_height = surface_array(values(nc, f, "PBLH", r));
    m.friction_velocity = surface_array(values(nc, f, "UST", r));
    m.shortwave_down = surface_array(values(nc, f, "SWDOWN", r));
    if (present.count("HFX")) m.sensible_heat_flux = surface_array(values(nc, f, "HFX", r));
    if (present.count("ZNT")) out.roughness_length = surface_array(values(nc, f, "ZNT", r));
    if (present.count("CLDFRA")) out.cloud_fraction = cloud_fraction(nc, f, r);
    return out;
  }

  std::string description() const {
    if (files.size() == 1) return files.front().path;
    if (files.size() == 2) return files.front().path + ", " + files.back().path;
    return files.front().path + " ... " + files.back().path + " (" + std::to_string(files.size()) +
           " WRF files)";
  }
};

WrfMetReader::WrfMetReader(const std::vector<std::string>& paths) : impl_(std::make_unique<Impl>(paths)) {}

WrfMetReader::~WrfMetReader() = default;

const Grid& WrfMetReader::grid() const {
  return impl_->grid;
}

const std::vector<UtcTime>& WrfMetReader::times() const {
  return impl_->times;
}

NativeMetRecord WrfMetReader::read(std::size_t index) const {
  return impl_->read(index);
}

std::string WrfMetReader::description() const {
  return impl_->description();
}

}  // namespace airshed
