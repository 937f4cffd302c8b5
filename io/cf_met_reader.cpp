// SPDX-License-Identifier: Apache-2.0
//
// CF meteorology reader. Each quantity is looked up in this order:
//   1. by standard_name (CF standard-name table v83), the first listed name preferred;
//   2. by variable name, from the fallback list below;
//   3. friction velocity only (it has no CF standard name): a long_name containing "friction velocity".
// Candidates whose dimensions are not the expected ones ((time, z, y, x), (time, y, x), or
// (time, zi, y, x) for Kz) are passed over, so a 2 m air_temperature does not shadow the 3-D one.
//
//   quantity            standard_name (then alternates)                 fallback names
//   eastward wind       eastward_wind | x_wind (grid-relative)          u U ua uwnd | x_wind
//   northward wind      northward_wind | y_wind (grid-relative)         v V va vwnd | y_wind
//   vertical wind*      upward_air_velocity                             w wa
//   temperature         air_temperature                                 t ta temp T TA
//   pressure            air_pressure                                    p pres pressure PRES
//   humidity            humidity_mixing_ratio | specific_humidity       qv QV QVAPOR mixing_ratio | q hus
//   shum PBL height          atmosphere_boundary_layer_thickness             pblh PBLH blh PBL friction
//   velocity   (none; long_name "friction velocity")           ust ustar UST USTAR friction_velocity
//   shortwave down      surface_downwelling_shortwave_flux_in_air       swdown SWDOWN rsds RGRND ssrd
//   sensible heat*      surface_upward_sensible_heat_flux               hfx HFX hfss
//   Kz*                 atmosphere_heat_diffusivity                     kz KZ Kz
//   (* optional)
// Deliberately absent: WRF's `P` (a perturbation; full pressure is P + PB) and ECMWF's `sshf` (positive
// downward, the opposite sign of surface_upward_sensible_heat_flux). Names that are accumulations in their
// home model (ERA5 `ssrd`, J m-2) are still rejected by the unit check with a message naming the variable.
#include "io/cf_met_reader.hpp"

#include <netcdf.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <netcdf>
#include <optional>
#include <stdexcept>
#include <utility>

#include "core/error.hpp"
#include "io/cf_grid.hpp"
#include "io/units.hpp"

namespace airshed {

using netCDF::NcFile;
using netCDF::NcVar;

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

std::string number_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

enum class Layout { levels, interfaces, surface };

/// Physically possible SI values; the bounds are inclusive unless min_exclusive.
struct Range {
  double min = -kInfinity;
  double max = kInfinity;
  bool min_exclusive = false;
  bool max_exclusive = false;
};

struct Candidate {
  const char* text;
  bool alternate;  ///< x_wind / y_wind (grid-relative) or specific humidity
};

struct Role {
  const char* what;  ///< the quantity's CF name, used in messages
  std::vector<Candidate> standard_names;
  std::vector<Candidate> names;
  const char* long_name_phrase;
  QuantityKind kind;
  const char* si_units;
  Layout layout;
  bool required;
  Range range;
};

enum RoleIndex { kU, kV, kW, kT, kP, kQ, kKz, kPblh, kUst, kSwdown, kHfx, kRoleCount };

// The look-up table documented at the top of this file. The ranges reject what cannot be physical:
// temperatures outside 150..350 K, non-positive pressure, negative PBL height, u*, humidity or Kz.
const std::vector<Role>& roles() {
  static const std::vector<Role> table{
      {"eastward_wind",
       {{"eastward_wind", false}, {"x_wind", true}},
       {{"u", false}, {"U", false}, {"ua", false}, {"uwnd", false}, {"x_wind", true}},
       nullptr,
       QuantityKind::speed,
       "m s-1",
       Layout::levels,
       true,
       {}},
      {"northward_wind",
       {{"northward_wind", false}, {"y_wind", true}},
       {{"v", false}, {"V", false}, {"va", false}, {"vwnd", false}, {"y_wind", true}},
       nullptr,
       QuantityKind::speed,
       "m s-1",
       Layout::levels,
       true,
       {}},
      {"upward_air_velocity",
       {{"upward_air_velocity", false}},
       {{"w", false}, {"wa", false}},
       nullptr,
       QuantityKind::speed,
       "m s-1",
       Layout::levels,
       false,
       {}},
      {"air_temperature",
       {{"air_temperature", false}},
       {{"t", false}, {"ta", false}, {"temp", false}, {"T", false}, {"TA", false}},
       nullptr,
       QuantityKind::temperature,
       "K",
       Layout::levels,
       true,
       {150.0, 350.0, false}},
      {"air_pressure",
       {{"air_pressure", false}},
       {{"p", false}, {"pres", false}, {"pressure", false}, {"PRES", false}},
       nullptr,
       QuantityKind::pressure,
       "Pa",
       Layout::levels,
       true,
       {0.0, kInfinity, true}},
      {"humidity_mixing_ratio",
       {{"humidity_mixing_ratio", false}, {"specific_humidity", true}},
       {{"qv", false},
        {"QV", false},
        {"QVAPOR", false},
        {"mixing_ratio", false},
        {"q", true},
        {"hus", true},
        {"shum", true}},
       nullptr,
       QuantityKind::mass_ratio,
       "kg kg-1",
       Layout::levels,
       true,
       {0.0, kInfinity, false}},
      {"atmosphere_heat_diffusivity",
       {{"atmosphere_heat_diffusivity", false}},
       {{"kz", false}, {"KZ", false}, {"Kz", false}},
       nullptr,
       QuantityKind::diffusivity,
       "m2 s-1",
       Layout::interfaces,
       false,
       {0.0, kInfinity, false}},
      {"atmosphere_boundary_layer_thickness",
       {{"atmosphere_boundary_layer_thickness", false}},
       {{"pblh", false}, {"PBLH", false}, {"blh", false}, {"PBL", false}},
       nullptr,
       QuantityKind::length,
       "m",
       Layout::surface,
       true,
       {0.0, kInfinity, false}},
      {"friction_velocity",
       {},
       {{"ust", false}, {"ustar", false}, {"UST", false}, {"USTAR", false}, {"friction_velocity", false}},
       "friction velocity",
       QuantityKind::speed,
       "m s-1",
       Layout::surface,
       true,
       {0.0, kInfinity, false}},
      {"surface_downwelling_shortwave_flux_in_air",
       {{"surface_downwelling_shortwave_flux_in_air", false}},
       {{"swdown", false}, {"SWDOWN", false}, {"rsds", false}, {"RGRND", false}, {"ssrd", false}},
       nullptr,
       QuantityKind::energy_flux,
       "W m-2",
       Layout::surface,
       true,
       {}},
      {"surface_upward_sensible_heat_flux",
       {{"surface_upward_sensible_heat_flux", false}},
       {{"hfx", false}, {"HFX", false}, {"hfss", false}},
       nullptr,
       QuantityKind::energy_flux,
       "W m-2",
       Layout::surface,
       false,
       {}},
  };
  return table;
}

/// A variable found for a role, with what is needed to turn its stored numbers into checked SI values.
struct InputVariable {
  const Role* role = nullptr;
  NcVar var;
  std::string name;
  bool alternate = false;
  SiConversion si;
  double pack_scale = 1.0;  ///< CF §8.1 packing: unpacked = stored * scale_factor + add_offset
  double pack_offset = 0.0;
  std::vector<double> fill_values;  ///< _FillValue (or the NetCDF default), missing_value
  Range range;                      ///< of the SI value
  bool present() const { return role != nullptr; }
};

struct Found {
  NcVar var;
  bool alternate = false;
  std::vector<std::string> passed_over;  ///< "'T2' has dimensions (time, y, x)"
};

std::string dims_text(const std::vector<std::string>& names) {
  std::string text("(");
  text += joined(names);
  text += ")";
  return text;
}

using DimsCheck = std::function<bool(const NcVar&)>;

class VariableFinder {
 public:
  VariableFinder(const NcFile& file, std::string path) : file_(file), path_(std::move(path)) {
    for (const auto& [name, var] : file.getVars()) variables_.push_back(var);
  }

  std::optional<Found> find(const Role& role, const DimsCheck& dims_ok) const {
    Found found;
    for (const auto& c : role.standard_names)
      if (auto var = by_attribute(role, "standard_name", c.text, dims_ok, found.passed_over))
        return Found{*var, c.alternate, {}};
    for (const auto& c : role.names) {
      const NcVar var = file_.getVar(c.text);
      if (var.isNull()) continue;
      if (dims_ok(var)) return Found{var, c.alternate, {}};
      note_passed_over(var, found.passed_over);
    }
    if (role.long_name_phrase)
      if (auto var = by_attribute(role, "long_name", role.long_name_phrase, dims_ok, found.passed_over))
        return Found{*var, false, {}};
    if (!role.required) return std::nullopt;
    throw InputError(path_,
                     "variable '" + std::string(role.what) + "' is missing (" + searched(role) + ")" +
                         (found.passed_over.empty() ? "" : "; passed over " + joined(found.passed_over)));
  }

 private:
  // standard_name must equal `text`; long_name must contain it (case-insensitive).
  std::optional<NcVar> by_attribute(const Role& role, const char* attribute, const std::string& text,
                                    const DimsCheck& dims_ok, std::vector<std::string>& passed_over) const {
    const bool exact = std::string(attribute) == "standard_name";
    std::vector<NcVar> matches;
    for (const auto& var : variables_) {
      const auto value = text_attribute(var, attribute);
      if (!value || (exact ? *value != text : lower(*value).find(lower(text)) == std::string::npos)) continue;
      if (dims_ok(var))
        matches.push_back(var);
      else
        note_passed_over(var, passed_over);
    }
    if (matches.size() > 1)
      throw InputError(path_, "variable '" + std::string(role.what) + "' is ambiguous: '" +
                                  matches[0].getName() + "' and '" + matches[1].getName() + "' both have " +
                                  attribute + " '" + text + "' and the same dimensions");
    if (matches.empty()) return std::nullopt;
    return matches.front();
  }

  static void note_passed_over(const NcVar& var, std::vector<std::string>& passed_over) {
    std::string note("'");
    note += var.getName();
    note += "' with dimensions ";
    note += dims_text(dimension_names(var));
    passed_over.push_back(note);
  }

  static std::string searched(const Role& role) {
    std::vector<std::string> standard, names;
    for (const auto& c : role.standard_names) standard.emplace_back(c.text);
    for (const auto& c : role.names) names.emplace_back(c.text);
    std::string out;
    if (!standard.empty()) out = "looked for standard_name " + joined(standard) + ", then ";
    out += "variables " + joined(names);
    if (role.long_name_phrase)
      out += ", then a long_name containing '" + std::string(role.long_name_phrase) + "'";
    return out;
  }

  const NcFile& file_;
  std::string path_;
  std::vector<NcVar> variables_;
};

std::optional<double> single_number(const NcVar& var, const std::string& name, const std::string& path) {
  const auto values = number_attribute(var, name);
  if (!values) return std::nullopt;
  if (values->size() != 1)
    throw InputError(path,
                     "variable '" + var.getName() + "': attribute '" + name + "' must be a single number");
  return values->front();
}

// NetCDF's default fill value of the stored type, which marks never-written data when no _FillValue is set
// (NetCDF User Guide, "Attribute Conventions"); bytes have none that can be trusted.
std::optional<double> default_fill(const NcVar& var) {
  switch (var.getType().getId()) {
    case NC_SHORT:
      return NC_FILL_SHORT;
    case NC_USHORT:
      return NC_FILL_USHORT;
    case NC_INT:
      return NC_FILL_INT;
    case NC_UINT:
      return NC_FILL_UINT;
    case NC_INT64:
      return static_cast<double>(NC_FILL_INT64);
    case NC_UINT64:
      return static_cast<double>(NC_FILL_UINT64);
    case NC_FLOAT:
      return NC_FILL_FLOAT;
    case NC_DOUBLE:
      return NC_FILL_DOUBLE;
    default:
      return std::nullopt;
  }
}

InputVariable prepare(const Role& role, const Found& found, const std::string& path) {
  InputVariable v;
  v.role = &role;
  v.var = found.var;
  v.name = found.var.getName();
  v.alternate = found.alternate;
  v.range = role.range;
  const auto units = text_attribute(v.var, "units");
  if (!units)
    throw InputError(path, "variable '" + v.name + "': no units attribute (expected one of " +
                               joined(accepted_units(role.kind)) + ")");
  v.si = si_conversion(role.kind, *units, path, v.name);
  v.pack_scale = single_number(v.var, "scale_factor", path).value_or(1.0);
  v.pack_offset = single_number(v.var, "add_offset", path).value_or(0.0);
  if (const auto fill = single_number(v.var, "_FillValue", path))
    v.fill_values.push_back(*fill);
  else if (const auto fill = default_fill(v.var))
    v.fill_values.push_back(*fill);
  if (const auto missing = number_attribute(v.var, "missing_value"))
    v.fill_values.insert(v.fill_values.end(), missing->begin(), missing->end());
  return v;
}

/// Met cells [i_lo, i_hi] x [j_lo, j_hi] (inclusive, x and y increasing).
struct Window {
  int i_lo = 0, i_hi = -1, j_lo = 0, j_hi = -1;
  int ni() const { return i_hi - i_lo + 1; }
  int nj() const { return j_hi - j_lo + 1; }
};

Array2 to_array2(Array3&& a) {
  Array2 out;
  out.n0 = a.n0;
  out.n1 = a.n1;
  out.data = std::move(a.data);
  return out;
}

}  // namespace

// -------------------------------------------------------------------------------------------------------------

struct CfMetReader::Impl {
  std::string path;
  NcFile file;
  Grid model;
  CfGrid met;
  int i0 = 0, j0 = 0;  ///< model cell (0, 0) is met cell (i0, j0)
  Window window;       ///< the model's cells
  Window halo;         ///< the model's cells and one more met cell each side where the met grid has it
  std::vector<InputVariable> vars = std::vector<InputVariable>(kRoleCount);
  Array2 cos_rotation, sin_rotation;  ///< over `halo`

  Impl(const std::string& p, const Grid& model_grid) : path(p), model(model_grid) {
    open();
    const VariableFinder finder(file, path);
    const auto u = finder.find(roles()[kU], [this](const NcVar& var) { return has_cf_coordinates(var); });
    met = read_cf_grid(file, u->var, path);
    if (met.times.empty())
      throw InputError(path, "variable '" + met.time_dim + "': the file holds no records");
    check_projection(u->var);
    place_window();
    check_layers();
    find_variables(finder, *u);
    compute_rotation();
  }

  void open() {
    try {
      file.open(path, NcFile::read);
    } catch (const netCDF::exceptions::NcException& e) {
      throw InputError(path, std::string("cannot open as NetCDF: ") + nc_strerror(e.errorCode()));
    }
  }

  // The variable that defines the met grid: (time, z, y, x), each dimension with its coordinate variable.
  bool has_cf_coordinates(const NcVar& var) const {
    if (var.getDimCount() != 4) return false;
    for (const auto& dim : var.getDims())
      if (file.getVar(dim.getName()).isNull()) return false;
    return true;
  }

  [[noreturn]] void grid_error(const std::string& variable, const std::string& problem) const {
    throw InputError(path, "variable '" + variable + "': " + problem);
  }

  void check_projection(const NcVar& u) const {
    const std::string difference = projection_difference(model.projection(), met.grid.projection());
    if (difference.empty()) return;
    const std::string crs = text_attribute(u, "grid_mapping").value_or("crs");
    grid_error(crs.substr(0, crs.find(':')),
               "the model projection differs from the met grid's: " + difference + " (model vs met)");
  }

  // One horizontal axis: same spacing, edges on met cell edges, inside the met grid (1e-3 of a cell).
  int place_axis(const std::string& name, double model_edge, double model_spacing, int model_n,
                 double met_edge, double met_spacing, int met_n, const char* low_side,
                 const char* high_side) const {
    if (std::abs(model_spacing - met_spacing) > 1e-6 * met_spacing)
      grid_error(name, "the model spacing d" + name + " = " + number_text(model_spacing) +
                           " m differs from the met grid's " + number_text(met_spacing) + " m");
    const double offset = (model_edge - met_edge) / met_spacing;
    const long cells = std::lround(offset);
    if (std::abs(offset - static_cast<double>(cells)) > 1e-3)
      grid_error(name, "the model grid's " + std::string(low_side) + " edge at " + name + " = " +
                           number_text(model_edge) + " m is not on a met cell edge (it is " +
                           number_text(offset) + " met cells from the met grid's " + low_side + " edge at " +
                           number_text(met_edge) + " m)");
    if (cells < 0)
      grid_error(name, "the model grid extends " + number_text(-static_cast<double>(cells) * met_spacing) +
                           " m " + low_side + " of the met grid");
    if (cells + model_n > met_n)
      grid_error(name, "the model grid extends " +
                           number_text(static_cast<double>(cells + model_n - met_n) * met_spacing) + " m " +
                           high_side + " of the met grid");
    return static_cast<int>(cells);
  }

  void place_window() {
    const Grid& g = met.grid;
    i0 = place_axis(met.x_dim, model.x_west(), model.dx(), model.nx(), g.x_west(), g.dx(), g.nx(), "west",
                    "east");
    j0 = place_axis(met.y_dim, model.y_south(), model.dy(), model.ny(), g.y_south(), g.dy(), g.ny(), "south",
                    "north");
    window = Window{i0, i0 + model.nx() - 1, j0, j0 + model.ny() - 1};
    halo = Window{std::max(0, i0 - 1), std::min(g.nx() - 1, i0 + model.nx()), std::max(0, j0 - 1),
                  std::min(g.ny() - 1, j0 + model.ny())};
  }

  void check_layers() const {
    const VerticalLayers& m = model.layers();
    const VerticalLayers& f = met.grid.layers();
    if (m.nz() > f.nz())
      grid_error(met.z_dim, "the model has " + std::to_string(m.nz()) + " layers but the met file only " +
                                std::to_string(f.nz()));
    for (int k = 0; k <= m.nz(); ++k)
      if (std::abs(m.interface(k) - f.interface(k)) > 1e-3)
        grid_error(met.z_dim, "model layer interface " + std::to_string(k) + " at " +
                                  number_text(m.interface(k)) + " m differs from the met interface at " +
                                  number_text(f.interface(k)) + " m (tolerance 1e-3 m)");
  }

  DimsCheck dims_check(Layout layout, const std::vector<std::string>& levels_dims) const {
    const std::vector<std::string> surface{met.time_dim, met.y_dim, met.x_dim};
    const std::size_t interfaces = static_cast<std::size_t>(met.grid.nz() + 1);
    switch (layout) {
      case Layout::levels:
        return [levels_dims](const NcVar& var) { return dimension_names(var) == levels_dims; };
      case Layout::surface:
        return [surface](const NcVar& var) { return dimension_names(var) == surface; };
      case Layout::interfaces:
        return [surface, interfaces](const NcVar& var) {
          const auto names = dimension_names(var);
          return names.size() == 4 && names[0] == surface[0] && names[2] == surface[1] &&
                 names[3] == surface[2] && var.getDim(1).getSize() == interfaces;
        };
    }
    return {};
  }

  void find_variables(const VariableFinder& finder, const Found& u) {
    const std::vector<std::string> levels = dimension_names(u.var);
    vars[kU] = prepare(roles()[kU], u, path);
    for (int r = kV; r < kRoleCount; ++r) {
      const Role& role = roles()[static_cast<std::size_t>(r)];
      if (const auto found = finder.find(role, dims_check(role.layout, levels)))
        vars[static_cast<std::size_t>(r)] = prepare(role, *found, path);
    }
    if (vars[kQ].alternate) {  // specific humidity: q / (1 - q) needs q < 1
      vars[kQ].range.max = 1.0;
      vars[kQ].range.max_exclusive = true;
    }
    if (vars[kU].alternate != vars[kV].alternate)
      throw InputError(path, "variable '" + vars[kV].name + "': winds must be both earth-relative or both " +
                                 "grid-relative, but '" + vars[kU].name + "' is " +
                                 (vars[kU].alternate ? "grid-relative" : "earth-relative") + " and '" +
                                 vars[kV].name + "' is not");
  }

  // Rotation from earth- to grid-relative winds at each met cell centre (Projection::grid_rotation).
  void compute_rotation() {
    cos_rotation = Array2(halo.ni(), halo.nj(), 1.0);
    sin_rotation = Array2(halo.ni(), halo.nj(), 0.0);
    if (vars[kU].alternate) return;
    const Grid& g = met.grid;
    for (int j = 0; j < halo.nj(); ++j)
      for (int i = 0; i < halo.ni(); ++i) {
        const double a = g.projection().grid_rotation(g.lonlat_centre(halo.i_lo + i, halo.j_lo + j));
        cos_rotation(i, j) = std::cos(a);
        sin_rotation(i, j) = std::sin(a);
      }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Data

  [[noreturn]] void bad_value(const InputVariable& v, const std::string& problem, std::size_t record, int fi,
                              int fj, int k) const {
    const std::string cell = "(" + std::to_string(fi) + "," + std::to_string(fj) +
                             (v.role->layout == Layout::surface ? "" : "," + std::to_string(k)) + ")";
    throw InputError(path, "variable '" + v.name + "': " + problem + " at record " + std::to_string(record) +
                               " (time " + format_utc(met.times[record]) + "), cell " + cell);
  }

  double checked_si(const InputVariable& v, double stored, std::size_t record, int fi, int fj, int k) const {
    if (std::isnan(stored)) bad_value(v, "NaN", record, fi, fj, k);
    if (std::find(v.fill_values.begin(), v.fill_values.end(), stored) != v.fill_values.end())
      bad_value(v, "fill value " + number_text(stored) + " (missing data)", record, fi, fj, k);
    if (std::isinf(stored)) bad_value(v, "infinite value", record, fi, fj, k);
    const double si = v.si.apply(stored * v.pack_scale + v.pack_offset);
    const Range& r = v.range;
    const bool below = r.min_exclusive ? !(si > r.min) : si < r.min;
    const bool above = r.max_exclusive ? !(si < r.max) : si > r.max;
    if (below || above)
      bad_value(v,
                "value " + number_text(si) + " " + v.role->si_units + " is physically impossible (must be " +
                    (r.min_exclusive ? "above " : "at least ") + number_text(r.min) +
                    (r.max < kInfinity
                         ? std::string(r.max_exclusive ? " and below " : " and at most ") + number_text(r.max)
                         : "") +
                    " " + v.role->si_units + ")",
                record, fi, fj, k);
    return si;
  }

  // Levels 0..levels-1 of met cells `w`, checked and in SI, indexed (i - w.i_lo, j - w.j_lo, k).
  // Messages give the file's own indices, which differ from ours when the file stores x or y decreasing.
  Array3 read_block(const InputVariable& v, std::size_t record, const Window& w, int levels) const {
    const int ni = w.ni(), nj = w.nj();
    const int fi0 = met.x_reversed ? met.grid.nx() - 1 - w.i_hi : w.i_lo;
    const int fj0 = met.y_reversed ? met.grid.ny() - 1 - w.j_hi : w.j_lo;
    std::vector<double> stored(static_cast<std::size_t>(ni) * nj * levels);
    try {
      if (v.role->layout == Layout::surface)
        v.var.getVar({record, std::size_t(fj0), std::size_t(fi0)}, {1, std::size_t(nj), std::size_t(ni)},
                     stored.data());
      else
        v.var.getVar({record, 0, std::size_t(fj0), std::size_t(fi0)},
                     {1, std::size_t(levels), std::size_t(nj), std::size_t(ni)}, stored.data());
    } catch (const netCDF::exceptions::NcException& e) {
      throw InputError(path, "variable '" + v.name + "': cannot read record " + std::to_string(record) +
                                 ": " + nc_strerror(e.errorCode()));
    }
    Array3 out(ni, nj, levels);
    std::size_t n = 0;
    for (int k = 0; k < levels; ++k)
      for (int fj = 0; fj < nj; ++fj)
        for (int fi = 0; fi < ni; ++fi, ++n) {
          const int i = met.x_reversed ? ni - 1 - fi : fi, j = met.y_reversed ? nj - 1 - fj : fj;
          out(i, j, k) = checked_si(v, stored[n], record, fi0 + fi, fj0 + fj, k);
        }
    return out;
  }

  // u on x-faces and v on y-faces: the mean of the two adjacent met cells; where the met grid ends, the
  // boundary cell's own value.
  void winds(std::size_t record, MetFields& f) const {
    const int nz = model.nz(), nx = model.nx(), ny = model.ny();
    Array3 ue = read_block(vars[kU], record, halo, nz);
    Array3 vn = read_block(vars[kV], record, halo, nz);
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
    const Array3 w = read_block(vars[kW], record, window, levels);
    Array3 out(model.nx(), model.ny(), nz + 1, 0.0);
    for (int k = 1; k <= nz; ++k)
      for (int j = 0; j < model.ny(); ++j)
        for (int i = 0; i < model.nx(); ++i)
          out(i, j, k) = k < levels ? 0.5 * (w(i, j, k - 1) + w(i, j, k)) : w(i, j, k - 1);
    return out;
  }

  // Water-vapour mixing ratio; specific humidity q (checked below 1) converts as q / (1 - q).
  Array3 humidity(std::size_t record) const {
    Array3 q = read_block(vars[kQ], record, window, model.nz());
    if (vars[kQ].alternate)
      for (auto& value : q.data) value = value / (1.0 - value);
    return q;
  }

  MetFields read(std::size_t record) const {
    if (record >= met.times.size())
      throw std::out_of_range(path + ": record " + std::to_string(record) + " requested but the file has " +
                              std::to_string(met.times.size()));
    const int nz = model.nz();
    MetFields f;
    winds(record, f);
    if (vars[kW].present()) f.w = vertical_wind(record);
    f.temperature = read_block(vars[kT], record, window, nz);
    f.pressure = read_block(vars[kP], record, window, nz);
    f.humidity = humidity(record);
    if (vars[kKz].present()) f.kz = read_block(vars[kKz], record, window, nz + 1);
    f.pbl_height = to_array2(read_block(vars[kPblh], record, window, 1));
    f.friction_velocity = to_array2(read_block(vars[kUst], record, window, 1));
    f.shortwave_down = to_array2(read_block(vars[kSwdown], record, window, 1));
    if (vars[kHfx].present()) f.sensible_heat_flux = to_array2(read_block(vars[kHfx], record, window, 1));
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

std::string CfMetReader::description() const {
  return impl_->path;
}

}  // namespace airshed
