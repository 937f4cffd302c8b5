// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/emission_rates.hpp"
#include "core/grid.hpp"
#include "core/met_fields.hpp"
#include "core/species.hpp"
#include "core/time.hpp"
#include "emissions/emission_adjustment.hpp"
#include "emissions/inventory.hpp"
#include "emissions/speciation.hpp"
#include "emissions/temporal_profile.hpp"

namespace airshed::emis {

struct EmissionOptions {
  double utc_offset_hours = 0;  ///< local time of the temporal profiles
  bool plume_rise = true;       ///< false: point sources release at their physical stack height
  /// Wet days per year for the AP-42 13.2.1 paved-road correction 1 - P/(4N) (annual form; 0: none).
  double wet_days_per_year = 0;
};

/// Pollutant emission rates of one hour, per category [kg s-1], for reports and budgets.
using CategoryRates = std::map<std::string, PollutantValues>;

/// One emitting part of a source as it is applied: a road link has two (exhaust and road dust, the latter
/// reported under category "dust"); every other source one.
struct Emitter {
  std::string source_id;
  std::string category;
  std::string region;
  std::string speciation_profile;
};

/// The inventory turned into model-species emission rates per cell, hour by hour: temporal allocation,
/// met-dependent physics (plume rise, vehicle temperature corrections, wind-blown dust), gridding and
/// speciation. Everything that does not depend on the hour (cell shares, splits, profiles) is resolved in
/// the constructor, so a bad inventory fails before the run starts.
///
/// Amounts per length or area (road emission factors per km, AP-42 dust per m2, gridded fluxes per m2) apply
/// to true distances: projected lengths are divided by the map scale factor k and areas by k^2.
///
/// Rates are constant over each UTC hour and evaluated with the meteorology at the middle of the hour, so
/// the mass emitted over whole hours does not depend on the time steps (and a restart reproduces it).
class EmissionModel {
 public:
  /// `carbon_atoms`: carbon per molecule of each mechanism species (VOC carbon check; may be empty).
  /// Throws InputError for anything inconsistent (unknown profile, species, vehicle class; a source
  /// outside the grid).
  EmissionModel(Inventory inventory, const Grid& grid, const SpeciesList& species,
                const std::map<std::string, int>& carbon_atoms, const EmissionOptions& options);
  ~EmissionModel();
  EmissionModel(EmissionModel&&) noexcept;
  EmissionModel& operator=(EmissionModel&&) noexcept;

  /// Model-species rates for the UTC hour starting at `hour_start` (a whole hour) with `met` valid in it.
  /// `by_category` (optional) receives the pollutant rates per category [kg s-1]; `by_emitter` (optional)
  /// the pollutant rates per emitter, indexed like emitters().
  EmissionRates hourly_rates(UtcTime hour_start, const MetFields& met, CategoryRates* by_category = nullptr,
                             std::vector<PollutantValues>* by_emitter = nullptr) const;

  /// What else an hour's evaluation can deliver or apply (all optional).
  struct HourlyExtras {
    CategoryRates* by_category = nullptr;                ///< pollutant rates per category [kg s-1]
    std::vector<PollutantValues>* by_emitter = nullptr;  ///< pollutant rates per emitter [kg s-1]
    /// Model-species rates per emitter, each merged per (species, cell) like the total: what source
    /// apportionment puts into each emitter's tags. Their sum over emitters is the returned total (up to the
    /// order of the additions).
    std::vector<EmissionRates>* by_emitter_cells = nullptr;
    const EmissionAdjustment* adjustment = nullptr;  ///< scenario / ensemble-member factors
  };
  EmissionRates hourly_rates(UtcTime hour_start, const MetFields& met, const HourlyExtras& extras) const;

  /// Annual totals per category [kg per year] at reference conditions (no met corrections: exhaust factors
  /// as given, plume rise irrelevant); wind-blown dust, which exists only with a wind, is excluded and
  /// listed by met_dependent_sources().
  CategoryRates annual_totals(int year) const;
  std::vector<std::string> met_dependent_sources() const;

  const std::vector<Emitter>& emitters() const { return emitters_; }
  /// The share of an emitter's annual emission per second in the UTC hour starting at `hour` (its temporal
  /// profile; what a time-shift measure weighs hours by so the day's total stays the same).
  double temporal_weight(std::size_t emitter, UtcTime hour) const;
  const Inventory& inventory() const { return inventory_; }

 private:
  struct Placement;  // horizontal shares and vertical treatment of one emitter
  struct Part;
  Inventory inventory_;
  const Grid* grid_;
  SpeciesList species_;
  EmissionOptions options_;
  Speciator speciator_;
  std::map<std::string, TemporalAllocator> allocators_;
  std::map<std::string, VehicleClass> vehicle_classes_;
  std::vector<Emitter> emitters_;
  std::vector<Part> parts_;
  bool planar_ = false;  ///< the grid's projection is not a map projection: lengths and areas as projected

  double cell_true_area(int i, int j) const;

  const TemporalAllocator& allocator(const std::string& id) const;
  double annual_fraction_per_second(const std::string& profile, UtcTime hour_start) const;
};

/// Seconds in the local calendar year that contains `t` (UTC + offset hours).
double seconds_in_local_year(UtcTime t, double utc_offset_hours);

}  // namespace airshed::emis
