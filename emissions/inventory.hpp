// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/array.hpp"
#include "emissions/plume_rise.hpp"

namespace airshed::emis {

/// The pollutants an inventory is kept in (what a plant permit, a vehicle emission factor or an AP-42 rate
/// states). Speciation turns them into model species. NOx is counted as NO2 mass (the convention of every
/// Chinese and US inventory); PM10 includes PM2.5, so the coarse part is PM10 - PM2.5.
enum class Pollutant : std::size_t { NOx, SO2, CO, VOC, NH3, PM25, PM10 };
inline constexpr std::size_t kPollutants = 7;
inline constexpr std::array<Pollutant, kPollutants> kAllPollutants = {
    Pollutant::NOx, Pollutant::SO2,  Pollutant::CO,  Pollutant::VOC,
    Pollutant::NH3, Pollutant::PM25, Pollutant::PM10};

/// "NOx", "SO2", "CO", "VOC", "NH3", "PM2.5", "PM10": the spelling used in files, tables and messages.
const char* pollutant_name(Pollutant p);
/// Accepts the names above case-insensitively, plus "PM25" and "NMVOC". Nothing for an unknown name.
std::optional<Pollutant> find_pollutant(const std::string& name);

/// One value per pollutant, indexed by Pollutant. Units are stated where the type is used.
struct PollutantValues {
  std::array<double, kPollutants> value{};
  double& operator[](Pollutant p) { return value[static_cast<std::size_t>(p)]; }
  double operator[](Pollutant p) const { return value[static_cast<std::size_t>(p)]; }
};

/// What every source carries besides its geometry and rates. `where` ("points.csv:7") locates it in the
/// input for error messages.
struct SourceInfo {
  std::string id;        ///< unique within the inventory
  std::string name;      ///< human-readable
  std::string category;  ///< heat_plant, fuel_station, vehicle, dust, catering, other, or user-defined
  std::string region;    ///< optional region name (tagging by region, scenario filters)
  std::string temporal_profile;    ///< id in the temporal profile set; empty = flat in time
  std::string speciation_profile;  ///< id in the speciation profile set
  bool enabled = true;             ///< a disabled source is kept (scenarios switch it on) but emits nothing
  std::string where;
};

/// An elevated point source (a stack). Position in the model grid's projected coordinates [m]; the
/// readers convert lat/lon at the edge. Exactly one of exit_velocity and normal_flow is given; the other
/// is NaN. A normal (0 C, 101.325 kPa) flue-gas flow is turned into an exit velocity at the stack's
/// exit temperature and the ambient pressure of the hour.
struct PointSource {
  SourceInfo info;
  double x = 0, y = 0;
  double stack_height = 0;      ///< m above ground
  double diameter = 0;          ///< m, inside at the top
  double exit_velocity = 0;     ///< m s-1 (NaN when normal_flow is given)
  double exit_temperature = 0;  ///< K
  double normal_flow = 0;       ///< Nm3 s-1 at 273.15 K, 101.325 kPa (NaN when exit_velocity is given)
  PollutantValues annual;       ///< kg per year
};

/// A polygon in projected coordinates [m] (first vertex not repeated), counter-clockwise or clockwise.
struct Polygon {
  std::vector<std::array<double, 2>> vertices;
};

/// What produces an area source's emissions.
enum class AreaKind {
  inventory,     ///< annual totals given directly
  construction,  ///< AP-42 13.2.3 from the active area (DustParameters)
  wind_blown,    ///< wind erosion of bare land from the friction velocity of the hour (DustParameters)
};

/// Fugitive-dust parameters of an area source; `control_efficiency` is what scenarios change
/// (fencing, covering, watering, greening: the "six 100%" measures).
struct DustParameters {
  double control_efficiency = 0;  ///< 0..1, fraction of the uncontrolled emission removed
  double active_fraction = 1;     ///< construction: share of the polygon under active earthwork
  double erodible_fraction = 1;   ///< wind-blown: share of the polygon that is bare, erodible soil
  double soil_moisture = 0;       ///< wind-blown: gravimetric soil moisture w [kg kg-1] (Fecan et al. 1999)
  double clay_fraction = 0.1;     ///< wind-blown: clay mass fraction c (Fecan; MB95 kvh)
  /// wind-blown: dry threshold friction velocity u*t0 of the surface [m s-1]; 0 = the MB95 value for loose
  /// 75 um grains (about 0.2 m s-1). Crusted, gravelly or partly vegetated land erodes only at far higher
  /// u* (WRAP Fugitive Dust Handbook ch. 8: field thresholds above 10 m s-1 at 7 m), so a measured or
  /// estimated value belongs here for anything that is not loose sand. Soil moisture still raises it.
  double dry_threshold = 0;
  /// wind-blown: aerodynamic roughness length of the bare surface itself [m]. When > 0 its friction velocity
  /// comes from the log law and the hour's wind in the lowest layer, u* = kappa U(z1) / ln(z1 / z0): the
  /// met's u* is the cell mean, which in a city is set by the buildings (z0 ~ 0.3-1 m) and would overstate
  /// the stress on a smooth bare plot (a simple form of drag partition). 0: the met's friction velocity.
  double roughness_length = 0;
};

/// An area source: a polygon (rectangles are four-vertex polygons) emitting into the layers between
/// release_bottom and release_top above ground (both 0: the first layer).
struct AreaSource {
  SourceInfo info;
  Polygon polygon;
  double release_bottom = 0, release_top = 0;  ///< m above ground
  AreaKind kind = AreaKind::inventory;
  DustParameters dust;
  PollutantValues annual;  ///< kg per year (inventory kind only)
};

/// A road link: a polyline carrying traffic. Exhaust from the fleet's per-class emission factors with
/// temperature corrections, and paved-road dust (AP-42 13.2.1) from the silt loading and mean weight.
struct RoadLink {
  SourceInfo info;
  std::vector<std::array<double, 2>> vertices;  ///< projected [m], at least two
  double aadt = 0;                      ///< annual average daily traffic [vehicles per day, both directions]
  std::map<std::string, double> fleet;  ///< vehicle class id -> share of the traffic (sums to 1)
  double silt_loading = 0;              ///< sL [g m-2] (AP-42 Table 13.2.1-2 defaults by ADT)
  double dust_control_efficiency = 0;   ///< 0..1: sweeping and washing, applied to the road-dust emission
  /// Road dust is reported under category "dust" (not the link's category) and speciated with this profile;
  /// the exhaust uses info.speciation_profile.
  std::string dust_speciation_profile;
};

/// A vehicle class with its hot emission factors [kg per vehicle-km] and what the corrections need.
struct VehicleClass {
  std::string id;                   ///< e.g. car_gasoline_china6, truck_diesel_china3
  std::string fuel;                 ///< gasoline, diesel, cng, electric (the MEE 2014 correction set used)
  double mass_tonnes = 0;           ///< mean vehicle weight [t] (W of AP-42 13.2.1 averages over the fleet)
  PollutantValues emission_factor;  ///< kg per vehicle-km (exhaust only; road dust is separate)
  std::string where;
};

/// Gridded emissions on the model grid (a reader places a sub-window of the grid), kg m-2 s-1 per
/// pollutant, emitted into the first layer; time dependence comes from its temporal profile.
struct GriddedSource {
  SourceInfo info;
  std::map<Pollutant, Array2> flux;  ///< (nx, ny) kg m-2 s-1, annual mean
};

/// Temporal profile: relative weights; normalisation happens where they are applied (temporal_profile.hpp).
struct TemporalProfile {
  std::string id;
  std::array<double, 12> monthly{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};  ///< relative intensity per day
  std::array<double, 7> weekly{1, 1, 1, 1, 1, 1, 1};                   ///< Monday first
  std::array<double, 24> hourly{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};  ///< local time, hour 0 = 00:00-01:00
  /// Heating season (e.g. 15 Oct - 15 Apr in Ordos): day weights are multiplied by `in_season` on the
  /// days from start to end (inclusive, wrapping over the new year) and by `out_of_season` otherwise.
  struct Season {
    int start_month = 0, start_day = 0, end_month = 0, end_day = 0;
    double in_season = 1, out_of_season = 1;
  };
  std::optional<Season> heating_season;
  std::string where;
};

/// A VOC compound (or explicit species) with its mechanism representation, for VOC speciation.
struct VocCompound {
  std::string name;
  double molar_mass = 0;  ///< kg mol-1
  int carbon_atoms = 0;
  /// mechanism species -> moles per mole of compound (e.g. propane: PAR 1.5; the rest is unreactive
  /// carbon, `unreactive_carbon` below)
  std::map<std::string, double> mechanism_species;
  double unreactive_carbon = 0;  ///< carbon atoms per molecule not represented (CB "NR")
  std::string where;
};

/// A speciation profile: how a source's pollutant masses become model species.
///  - gases NOx, SO2, CO, NH3: `gas` gives mole fractions of the pollutant's moles (NOx moles counted
///    as NO2), e.g. NOx -> {NO: 0.95, NO2: 0.05};
///  - VOC: `voc` gives compound mass fractions of the VOC mass (summing to 1), each compound mapped by
///    the compound table to mechanism species;
///  - PM2.5 and the coarse part PM10 - PM2.5: `pm25` and `pmc` give mass fractions into aerosol species.
struct SpeciationProfile {
  std::string id;
  std::map<Pollutant, std::map<std::string, double>> gas;  ///< NOx, SO2, CO, NH3
  std::map<std::string, double> voc;                       ///< compound name -> mass fraction
  std::map<std::string, double> pm25;                      ///< aerosol species -> mass fraction
  std::map<std::string, double> pmc;                       ///< aerosol species -> mass fraction
  std::string where;
};

/// Everything an inventory file set holds, in SI units and projected coordinates.
struct Inventory {
  std::vector<PointSource> points;
  std::vector<AreaSource> areas;
  std::vector<RoadLink> roads;
  std::vector<GriddedSource> gridded;
  std::vector<VehicleClass> vehicle_classes;
  std::vector<TemporalProfile> temporal_profiles;
  std::vector<SpeciationProfile> speciation_profiles;
  std::vector<VocCompound> voc_compounds;
};

}  // namespace airshed::emis
