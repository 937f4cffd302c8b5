// SPDX-License-Identifier: Apache-2.0
// Internal to io/: what CfMetReader (model grid a window of the met grid) and CfNativeMetReader (the whole
// met grid, for the regridder) share so both read a CF meteorology file the same way: the variable look-up
// table documented at the top of cf_met_variables.cpp, unit conversion, packing, fill values and physical
// ranges, and the reading of a block of cells with every value checked.
#pragma once
#include <cstddef>
#include <limits>
#include <netcdf>
#include <string>
#include <vector>

#include "core/array.hpp"
#include "io/cf_grid.hpp"
#include "io/units.hpp"

namespace airshed::cf_met {

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

std::string number_text(double value);
std::string joined(const std::vector<std::string>& items);

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

/// A unit spelling for quantities io/units.hpp has no kind for (precipitation flux, cloud fraction).
struct UnitSpelling {
  const char* units;
  double scale;
};

struct Role {
  const char* what;  ///< the quantity's CF name, used in messages
  std::vector<Candidate> standard_names;
  std::vector<Candidate> names;
  const char* long_name_phrase;
  QuantityKind kind;  ///< unit check through io/units.hpp, unless own_units is given
  const char* si_units;
  Layout layout;
  bool required;
  Range range;
  std::vector<UnitSpelling> own_units = {};  ///< accepted spellings, the SI one first
};

enum RoleIndex {
  kU,
  kV,
  kW,
  kT,
  kP,
  kQ,
  kKz,
  kPblh,
  kUst,
  kSwdown,
  kHfx,
  kPrecipitation,
  kCloud,
  kRoleCount
};

/// The look-up table documented at the top of cf_met_variables.cpp, indexed by RoleIndex.
const std::vector<Role>& roles();

/// A variable found for a role, with what is needed to turn its stored numbers into checked SI values.
struct InputVariable {
  const Role* role = nullptr;
  netCDF::NcVar var;
  std::string name;
  bool alternate = false;
  SiConversion si;
  double pack_scale = 1.0;  ///< CF §8.1 packing: unpacked = stored * scale_factor + add_offset
  double pack_offset = 0.0;
  std::vector<double> fill_values;  ///< _FillValue (or the NetCDF default), missing_value
  Range range;                      ///< of the SI value
  bool present() const { return role != nullptr; }
};

/// Met cells [i_lo, i_hi] x [j_lo, j_hi] (inclusive, x and y increasing).
struct Window {
  int i_lo = 0, i_hi = -1, j_lo = 0, j_hi = -1;
  int ni() const { return i_hi - i_lo + 1; }
  int nj() const { return j_hi - j_lo + 1; }
};

Array2 to_array2(Array3&& a);

/// An open CF meteorology file. The constructor opens it, finds the eastward wind (the (time, z, y, x)
/// variable whose dimensions all have coordinate variables) and reads the met grid from it; find_variables()
/// then finds every other quantity. Every failure is an InputError naming the file.
class CfMetFile {
 public:
  explicit CfMetFile(const std::string& path);

  /// Finds and prepares every role. All required quantities that cannot be found are reported in one
  /// InputError line that ends with the variables the file has.
  void find_variables();

  const std::string& path() const { return path_; }
  const CfGrid& met() const { return met_; }
  /// The eastward wind variable, whose grid_mapping defines the met projection.
  const netCDF::NcVar& wind_variable() const { return wind_; }
  const InputVariable& variable(RoleIndex role) const { return vars_[static_cast<std::size_t>(role)]; }
  /// The coordinate variable of dimension `dim` (read_cf_grid has checked it exists).
  netCDF::NcVar coordinate(const std::string& dim) const { return file_.getVar(dim); }
  bool winds_grid_relative() const { return variable(kU).alternate; }

  /// Throws std::out_of_range when the file has no record `record`.
  void check_record(std::size_t record) const;

  /// Levels 0..levels-1 of met cells `w`, checked and in SI, indexed (i - w.i_lo, j - w.j_lo, k). Messages
  /// give the file's own indices, which differ from ours when the file stores x or y decreasing.
  Array3 read_block(const InputVariable& v, std::size_t record, const Window& w, int levels) const;
  /// Water-vapour mixing ratio; specific humidity q (checked below 1) converts as q / (1 - q).
  Array3 read_humidity(std::size_t record, const Window& w, int levels) const;
  /// A surface role over `w`.
  Array2 read_surface(RoleIndex role, std::size_t record, const Window& w) const;

 private:
  [[noreturn]] void bad_value(const InputVariable& v, const std::string& problem, std::size_t record, int fi,
                              int fj, int k) const;
  double checked_si(const InputVariable& v, double stored, std::size_t record, int fi, int fj, int k) const;
  /// "<problem>; <problem>; the file has: <variables>", one line.
  std::string missing_message(const std::vector<std::string>& problems) const;
  std::string variables_text() const;

  std::string path_;
  netCDF::NcFile file_;
  netCDF::NcVar wind_;
  bool wind_alternate_ = false;  ///< found as x_wind (grid-relative)
  CfGrid met_;
  std::vector<InputVariable> vars_ = std::vector<InputVariable>(kRoleCount);
};

}  // namespace airshed::cf_met
