// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/array.hpp"
#include "core/grid.hpp"
#include "core/time.hpp"
#include "emissions/emission_adjustment.hpp"
#include "emissions/emission_model.hpp"
#include "emissions/inventory.hpp"
#include "io/config_schema.hpp"
#include "tagging/tag_groups.hpp"

namespace airshed {

/// What a control measure does (docs/scenarios.md).
enum class MeasureKind {
  scale,         ///< multiply the matched emissions by `factor` (NOx x 0.7 at the plant)
  off,           ///< switch matched sources off (within the time window, if any)
  on,            ///< switch disabled sources on (the planned waste-to-energy plant), within the window
  shift,         ///< move `share` of the emissions of `from_hours` to `to_hours`, keeping every day's total
  fleet,         ///< road links' vehicles of class `replace` get the emission factors of class `with`
  dust_control,  ///< dust sources' PM reduced by `efficiency` (sweeping, watering, halted earthwork)
  catering,      ///< catering reduced by `barbecue_share` (open-air barbecue banned)
  vehicle_ban    ///< vehicle classes `classes` kept off the matched roads (in the region and time window)
};

const char* measure_kind_name(MeasureKind kind);

/// Local hours [first, last) of every day, wrapping midnight when first > last ([20, 6]: 20:00 to 06:00).
struct LocalHours {
  int first = 0, last = 24;
  bool contains(int local_hour) const;
};

/// One measure of a scenario file: what it does and to what (every filter optional: empty = everything).
struct Measure {
  std::string name;  ///< for tables ("plant NOx -30 %"); default: kind and filters
  MeasureKind kind = MeasureKind::scale;
  std::vector<std::string> categories, sources;  ///< inventory categories and source ids
  std::vector<emis::Pollutant> pollutants;       ///< empty: all
  std::string region;                            ///< a case apportionment region, or "" (or `polygon`)
  std::vector<std::array<double, 2>> polygon;    ///< lon/lat vertices of an own region
  std::optional<UtcTime> start, end;             ///< the measure applies in [start, end)
  std::optional<LocalHours> hours;               ///< and in these local hours of every day
  double factor = 1.0;                           ///< scale
  double share = 0.0;                            ///< shift: share of the from-hours' emission moved
  LocalHours from_hours, to_hours;               ///< shift
  std::string replace, with;                     ///< fleet: vehicle class ids
  double efficiency = 0.0;                       ///< dust_control
  double barbecue_share = 0.0;                   ///< catering
  std::vector<std::string> classes;              ///< vehicle_ban: vehicle class ids banned
  std::string where;                             ///< "file:line" for messages
};

/// A scenario file: a named set of measures, optionally a warning-level package (yellow, orange, red).
struct Scenario {
  std::string name, description, level, file;
  std::vector<Measure> measures;
};

/// The scenario file's keys (docs/scenario-keys.md is generated from it by `airshed scenario-doc`).
const ConfigSchema& scenario_schema();
const char* scenario_schema_intro();

/// Read a scenario YAML file (`text`, named `path` in messages). Throws InputError naming file and line.
Scenario parse_scenario(const std::string& path, const std::string& text);

/// The inventory edits of a scenario: `on` enables the listed sources (a disabled source is in the inventory
/// but emits nothing), `fleet` renames vehicle class `replace` to `with` in the matched road links' fleets
/// (shares of a class already present add up). Throws InputError for a source or class the inventory lacks.
void apply_inventory_measures(const Scenario& scenario, emis::Inventory& inventory);

/// The hourly factors of a scenario on the emission model built from the edited inventory: scale, off,
/// on (0 outside its window), shift, dust_control and catering, each where its filters match; factors of
/// several measures multiply. `regions` are the case's named regions (apportionment.regions).
class ScenarioAdjustment : public emis::EmissionAdjustment {
 public:
  ScenarioAdjustment(const Scenario& scenario, const emis::EmissionModel& model, const Grid& grid,
                     const std::vector<TagRegion>& regions, double utc_offset_hours);
  double factor(const emis::Emitter& emitter, std::size_t index, emis::Pollutant p, UtcTime hour, int i,
                int j) const override;

 private:
  struct Compiled {
    const Measure* measure;
    std::vector<char> emitter_matches;  // per emitter
    std::optional<Array2> mask;         // region cells
    /// vehicle_ban: per emitter, the share of its exhaust per pollutant the banned classes emit
    std::vector<emis::PollutantValues> banned_share;
  };
  double shift_factor(const Measure& m, std::size_t emitter, UtcTime hour) const;
  int local_hour(UtcTime t) const;

  const Scenario scenario_;
  const emis::EmissionModel& model_;
  double utc_offset_hours_;
  std::vector<Compiled> measures_;
};

/// City-wide emissions of SO2, NOx, PM (PM10: all particulate matter; PM2.5 listed too) and VOC over a
/// period, base and scenario, and the reduction against the mandated share of the scenario's level.
struct PackageCheck {
  std::string scenario, level;
  double required = 0.0;  ///< 0.10 yellow, 0.20 orange, 0.30 red, 0 without a level
  struct Row {
    std::string pollutant;
    double base_kg = 0.0, scenario_kg = 0.0;
    double reduction() const { return base_kg > 0.0 ? 1.0 - scenario_kg / base_kg : 0.0; }
    bool counted = true;  ///< part of the mandate (PM2.5 is listed for information)
  };
  std::vector<Row> rows;
  /// Pollutants whose reduction falls short of `required` (empty: the package meets its mandate).
  std::vector<std::string> missed() const;
};

/// Mandated reduction of a warning level (reference section 2.3): yellow 10 %, orange 20 %, red 30 %.
double mandated_reduction(const std::string& level);

}  // namespace airshed
