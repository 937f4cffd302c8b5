// SPDX-License-Identifier: Apache-2.0
//
// CF meteorology variables, shared by CfMetReader and CfNativeMetReader. Each quantity is looked up in this
// order:
//   1. by standard_name (CF standard-name table v83), the first listed name preferred;
//   2. by variable name, from the fallback list below;
//   3. friction velocity only (it has no CF standard name): a long_name containing "friction velocity".
// Candidates whose dimensions are not the expected ones ((time, z, y, x), (time, y, x), or
// (time, zi, y, x) for Kz) are passed over, so a 2 m air_temperature does not shadow the 3-D one.
//
//   quantity          standard_name (then alternates)               fallback names
//   eastward wind     eastward_wind | x_wind (grid-relative)        u U ua uwnd | x_wind
//   northward wind    northward_wind | y_wind (grid-relative)       v V va vwnd | y_wind
//   vertical wind*    upward_air_velocity                           w wa
//   temperature       air_temperature                               t ta temp T TA
//   pressure          air_pressure                                  p pres pressure PRES
//   humidity          humidity_mixing_ratio | specific_humidity     qv QV QVAPOR mixing_ratio | q hus shum
//   PBL height        atmosphere_boundary_layer_thickness           pblh PBLH blh PBL
//   friction velocity (none; long_name "friction velocity")         ust ustar UST USTAR friction_velocity
//   shortwave down    surface_downwelling_shortwave_flux_in_air     swdown SWDOWN rsds RGRND ssrd
//   sensible heat*    surface_upward_sensible_heat_flux             hfx HFX hfss
//   Kz*               atmosphere_heat_diffusivity                   kz KZ Kz
//   precipitation*    precipitation_flux                            pr prate PRATE precipitation_rate
//   cloud cover*      cloud_area_fraction                           clt tcc TCDC cloud_fraction
//   (* optional)
// Deliberately absent: WRF's `P` (a perturbation; full pressure is P + PB), ECMWF's `sshf` (positive
// downward, the opposite sign of surface_upward_sensible_heat_flux) and `tp` (an accumulation in m). Names
// that are accumulations in their home model (ERA5 `ssrd`, J m-2) are still rejected by the unit check with a
// message naming the variable. Precipitation and cloud cover have no kind in io/units.hpp; their spellings
// are listed here (precipitation as a mass flux of water, 1 mm of water = 1 kg m-2; cloud cover as a fraction
// or in percent, CMIP's `clt` and NCEP's `TCDC` being in %).
#include "io/cf_met_variables.hpp"

#include <netcdf.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <functional>
#include <optional>
#include <stdexcept>
#include <utility>

#include "core/error.hpp"

namespace airshed::cf_met {

using netCDF::NcFile;
using netCDF::NcVar;

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

Array2 to_array2(Array3&& a) {
  Array2 out;
  out.n0 = a.n0;
  out.n1 = a.n1;
  out.data = std::move(a.data);
  return out;
}

namespace {

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::vector<UnitSpelling> precipitation_units() {
  return {{"kg m-2 s-1", 1.0},  {"kg m**-2 s**-1", 1.0}, {"kg/m2/s", 1.0},       {"kg/m^2/s", 1.0},
          {"mm s-1", 1.0},      {"mm/s", 1.0},           {"mm h-1", 1.0 / 3600}, {"mm hr-1", 1.0 / 3600},
          {"mm/h", 1.0 / 3600}, {"mm/hr", 1.0 / 3600}};
}

std::vector<UnitSpelling> fraction_units() {
  return {{"1", 1.0}, {"", 1.0}, {"fraction", 1.0}, {"0-1", 1.0}, {"%", 0.01}, {"percent", 0.01}};
}

}  // namespace

// The ranges reject what cannot be physical: temperatures outside 150..350 K, non-positive pressure, negative
// PBL height, u*, humidity, Kz or precipitation, cloud cover outside 0..1.
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
      {"precipitation_flux",
       {{"precipitation_flux", false}},
       {{"pr", false}, {"prate", false}, {"PRATE", false}, {"precipitation_rate", false}},
       nullptr,
       QuantityKind::mass_ratio,
       "kg m-2 s-1",
       Layout::surface,
       false,
       {0.0, kInfinity, false},
       precipitation_units()},
      {"cloud_area_fraction",
       {{"cloud_area_fraction", false}},
       {{"clt", false}, {"tcc", false}, {"TCDC", false}, {"cloud_fraction", false}},
       nullptr,
       QuantityKind::mass_ratio,
       "1",
       Layout::surface,
       false,
       {0.0, 1.0, false},
       fraction_units()},
  };
  return table;
}

namespace {

using DimsCheck = std::function<bool(const NcVar&)>;

// Appended piece by piece: GCC 12 warns falsely (-Wrestrict) about "(" + string + ")".
std::string dims_text(const std::vector<std::string>& names) {
  std::string text("(");
  text += joined(names);
  text += ")";
  return text;
}

/// A variable found for a role.
struct Found {
  NcVar var;
  bool alternate = false;
};

/// Looks quantities up by the table above. A quantity not found is described by `missing`: what was searched
/// and the candidates passed over for their dimensions.
class VariableFinder {
 public:
  VariableFinder(const NcFile& file, std::string path) : file_(file), path_(std::move(path)) {
    for (const auto& [name, var] : file.getVars()) variables_.push_back(var);
  }

  std::optional<Found> find(const Role& role, const DimsCheck& dims_ok,
                            std::string* missing = nullptr) const {
    std::vector<std::string> passed_over;
    for (const auto& c : role.standard_names)
      if (auto var = by_attribute(role, "standard_name", c.text, dims_ok, passed_over))
        return Found{*var, c.alternate};
    for (const auto& c : role.names) {
      const NcVar var = file_.getVar(c.text);
      if (var.isNull()) continue;
      if (dims_ok(var)) return Found{var, c.alternate};
      note_passed_over(var, passed_over);
    }
    if (role.long_name_phrase)
      if (auto var = by_attribute(role, "long_name", role.long_name_phrase, dims_ok, passed_over))
        return Found{*var, false};
    if (missing)
      *missing = "variable '" + std::string(role.what) + "' is missing (" + searched(role) + ")" +
                 (passed_over.empty() ? "" : "; passed over " + joined(passed_over));
    return std::nullopt;
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

std::vector<std::string> accepted(const Role& role) {
  if (role.own_units.empty()) return accepted_units(role.kind);
  std::vector<std::string> out;
  for (const auto& u : role.own_units) out.push_back(std::string("'") + u.units + "'");
  return out;
}

SiConversion conversion(const Role& role, const std::string& units, const std::string& path,
                        const std::string& name) {
  if (role.own_units.empty()) return si_conversion(role.kind, units, path, name);
  std::string key = units;
  key.erase(0, key.find_first_not_of(' '));
  key.erase(key.find_last_not_of(' ') + 1);
  for (const auto& u : role.own_units)
    if (key == u.units) return SiConversion{u.scale, 0.0};
  throw InputError(path, "variable '" + name + "': units '" + units + "' are not a " + role.what +
                             " (expected one of " + joined(accepted(role)) + ")");
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
                               joined(accepted(role)) + ")");
  v.si = conversion(role, *units, path, v.name);
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

// The variable that defines the met grid: (time, z, y, x), each dimension with its coordinate variable.
bool has_cf_coordinates(const NcFile& file, const NcVar& var) {
  if (var.getDimCount() != 4) return false;
  for (const auto& dim : var.getDims())
    if (file.getVar(dim.getName()).isNull()) return false;
  return true;
}

// Without the grid (no eastward wind found), the other quantities are looked for by rank alone, so that one
// message can name everything the file lacks.
DimsCheck rank_check(Layout layout) {
  const int rank = layout == Layout::surface ? 3 : 4;
  return [rank](const NcVar& var) { return var.getDimCount() == rank; };
}

}  // namespace

CfMetFile::CfMetFile(const std::string& path) : path_(path) {
  try {
    file_.open(path_, NcFile::read);
  } catch (const netCDF::exceptions::NcException& e) {
    throw InputError(path_, std::string("cannot open as NetCDF: ") + nc_strerror(e.errorCode()));
  }
  const VariableFinder finder(file_, path_);
  std::string missing;
  const auto u = finder.find(
      roles()[kU], [this](const NcVar& var) { return has_cf_coordinates(file_, var); }, &missing);
  if (!u) {
    std::vector<std::string> problems{missing};
    for (int r = kV; r < kRoleCount; ++r) {
      const Role& role = roles()[static_cast<std::size_t>(r)];
      if (role.required && !finder.find(role, rank_check(role.layout), &missing)) problems.push_back(missing);
    }
    throw InputError(path_, missing_message(problems));
  }
  wind_ = u->var;
  wind_alternate_ = u->alternate;
  met_ = read_cf_grid(file_, wind_, path_);
  if (met_.times.empty())
    throw InputError(path_, "variable '" + met_.time_dim + "': the file holds no records");
}

std::string CfMetFile::missing_message(const std::vector<std::string>& problems) const {
  std::string message;
  for (const auto& p : problems) message += p + "; ";
  return message + "the file has: " + variables_text();
}

// Every variable but the coordinate variables (a 1-D variable named after its dimension), with its
// standard_name when it has one: what a user needs to see why a quantity was not mapped.
std::string CfMetFile::variables_text() const {
  std::vector<std::string> names;
  for (const auto& [name, var] : file_.getVars()) {
    if (var.getDimCount() == 1 && var.getDim(0).getName() == name) continue;
    const auto standard_name = text_attribute(var, "standard_name");
    names.push_back(name + (standard_name ? " (" + *standard_name + ")" : ""));
  }
  return names.empty() ? "no data variables" : joined(names);
}

void CfMetFile::find_variables() {
  const VariableFinder finder(file_, path_);
  const std::vector<std::string> levels = dimension_names(wind_);
  const std::vector<std::string> surface{met_.time_dim, met_.y_dim, met_.x_dim};
  const std::size_t interfaces = static_cast<std::size_t>(met_.grid.nz() + 1);
  const auto dims_check = [&](Layout layout) -> DimsCheck {
    switch (layout) {
      case Layout::levels:
        return [levels](const NcVar& var) { return dimension_names(var) == levels; };
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
  };
  std::vector<std::string> missing;
  std::vector<std::optional<Found>> found(kRoleCount);
  found[kU] = Found{wind_, wind_alternate_};
  for (int r = kV; r < kRoleCount; ++r) {
    const Role& role = roles()[static_cast<std::size_t>(r)];
    std::string problem;
    found[static_cast<std::size_t>(r)] = finder.find(role, dims_check(role.layout), &problem);
    if (!found[static_cast<std::size_t>(r)] && role.required) missing.push_back(problem);
  }
  if (!missing.empty()) throw InputError(path_, missing_message(missing));
  for (int r = kU; r < kRoleCount; ++r)
    if (const auto& f = found[static_cast<std::size_t>(r)])
      vars_[static_cast<std::size_t>(r)] = prepare(roles()[static_cast<std::size_t>(r)], *f, path_);
  if (vars_[kQ].alternate) {  // specific humidity: q / (1 - q) needs q < 1
    vars_[kQ].range.max = 1.0;
    vars_[kQ].range.max_exclusive = true;
  }
  if (vars_[kU].alternate != vars_[kV].alternate)
    throw InputError(path_, "variable '" + vars_[kV].name + "': winds must be both earth-relative or both " +
                                "grid-relative, but '" + vars_[kU].name + "' is " +
                                (vars_[kU].alternate ? "grid-relative" : "earth-relative") + " and '" +
                                vars_[kV].name + "' is not");
}

void CfMetFile::check_record(std::size_t record) const {
  if (record >= met_.times.size())
    throw std::out_of_range(path_ + ": record " + std::to_string(record) + " requested but the file has " +
                            std::to_string(met_.times.size()));
}

void CfMetFile::bad_value(const InputVariable& v, const std::string& problem, std::size_t record, int fi,
                          int fj, int k) const {
  const std::string cell = "(" + std::to_string(fi) + "," + std::to_string(fj) +
                           (v.role->layout == Layout::surface ? "" : "," + std::to_string(k)) + ")";
  throw InputError(path_, "variable '" + v.name + "': " + problem + " at record " + std::to_string(record) +
                              " (time " + format_utc(met_.times[record]) + "), cell " + cell);
}

double CfMetFile::checked_si(const InputVariable& v, double stored, std::size_t record, int fi, int fj,
                             int k) const {
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

Array3 CfMetFile::read_block(const InputVariable& v, std::size_t record, const Window& w, int levels) const {
  const int ni = w.ni(), nj = w.nj();
  const int fi0 = met_.x_reversed ? met_.grid.nx() - 1 - w.i_hi : w.i_lo;
  const int fj0 = met_.y_reversed ? met_.grid.ny() - 1 - w.j_hi : w.j_lo;
  std::vector<double> stored(static_cast<std::size_t>(ni) * nj * levels);
  try {
    if (v.role->layout == Layout::surface)
      v.var.getVar({record, std::size_t(fj0), std::size_t(fi0)}, {1, std::size_t(nj), std::size_t(ni)},
                   stored.data());
    else
      v.var.getVar({record, 0, std::size_t(fj0), std::size_t(fi0)},
                   {1, std::size_t(levels), std::size_t(nj), std::size_t(ni)}, stored.data());
  } catch (const netCDF::exceptions::NcException& e) {
    throw InputError(path_, "variable '" + v.name + "': cannot read record " + std::to_string(record) + ": " +
                                nc_strerror(e.errorCode()));
  }
  Array3 out(ni, nj, levels);
  std::size_t n = 0;
  for (int k = 0; k < levels; ++k)
    for (int fj = 0; fj < nj; ++fj)
      for (int fi = 0; fi < ni; ++fi, ++n) {
        const int i = met_.x_reversed ? ni - 1 - fi : fi, j = met_.y_reversed ? nj - 1 - fj : fj;
        out(i, j, k) = checked_si(v, stored[n], record, fi0 + fi, fj0 + fj, k);
      }
  return out;
}

Array3 CfMetFile::read_humidity(std::size_t record, const Window& w, int levels) const {
  Array3 q = read_block(variable(kQ), record, w, levels);
  if (variable(kQ).alternate)
    for (auto& value : q.data) value = value / (1.0 - value);
  return q;
}

Array2 CfMetFile::read_surface(RoleIndex role, std::size_t record, const Window& w) const {
  return to_array2(read_block(variable(role), record, w, 1));
}

}  // namespace airshed::cf_met
