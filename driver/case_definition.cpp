// SPDX-License-Identifier: Apache-2.0
#include "driver/case_definition.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "chemistry/mechanism_file.hpp"
#include "core/error.hpp"
#include "io/boundary_profile_reader.hpp"
#include "solver/aerosol_step.hpp"

namespace airshed {

namespace {

// Names of the derived outputs, reserved so no species can take them.
constexpr const char* kPm25 = "pm25";
constexpr const char* kPm10 = "pm10";
constexpr const char* kSoa = "soa";

Projection projection_from(const Config& c) {
  Projection p;
  const std::string kind = c.string("grid.projection");
  if (kind == "lambert_conformal_conic") p.kind = Projection::Kind::lambert_conformal_conic;
  if (kind == "transverse_mercator") p.kind = Projection::Kind::transverse_mercator;
  if (kind == "polar_stereographic") p.kind = Projection::Kind::polar_stereographic;
  if (kind == "mercator") p.kind = Projection::Kind::mercator;
  p.standard_parallel_1 = c.real("grid.standard_parallel_1");
  p.standard_parallel_2 = c.real("grid.standard_parallel_2");
  p.longitude_of_central_meridian = c.real("grid.longitude_of_central_meridian");
  p.latitude_of_projection_origin = c.real("grid.latitude_of_projection_origin");
  p.false_easting = c.real("grid.false_easting");
  p.false_northing = c.real("grid.false_northing");
  p.scale_factor = c.real("grid.scale_factor");
  p.inverse_flattening = c.real("grid.inverse_flattening");
  if (p.inverse_flattening > 0) {
    if (!c.has("grid.semi_major_axis"))
      throw InputError(c.where("grid.inverse_flattening"), "an ellipsoid needs grid.semi_major_axis as well");
    p.semi_major_axis = c.real("grid.semi_major_axis");
  } else {
    p.semi_major_axis = c.real("grid.earth_radius");
  }
  try {
    p.validate();
  } catch (const std::invalid_argument& e) {
    throw InputError(c.where("grid.projection"), e.what());
  }
  return p;
}

VerticalLayers layers_from(const Config& c) {
  try {
    if (c.has("grid.layers.interfaces")) return VerticalLayers(c.reals("grid.layers.interfaces"));
    return VerticalLayers::stretched(static_cast<int>(c.integer("grid.layers.nz")),
                                     c.real("grid.layers.first"), c.real("grid.layers.top"));
  } catch (const std::invalid_argument& e) {
    throw InputError(c.where("grid.layers"), e.what());
  }
}

Grid grid_from(const Config& c) {
  const Projection p = projection_from(c);
  const int nx = static_cast<int>(c.integer("grid.nx")), ny = static_cast<int>(c.integer("grid.ny"));
  const double dx = c.real("grid.dx"), dy = c.real("grid.dy");
  double xw, ys;
  if (c.has("grid.centre_lon") && c.has("grid.centre_lat")) {
    const ProjectedXY centre = p.forward({c.real("grid.centre_lon"), c.real("grid.centre_lat")});
    // Snap the centre to a whole metre so grids written and read back agree exactly.
    xw = std::round(centre.x) - 0.5 * nx * dx;
    ys = std::round(centre.y) - 0.5 * ny * dy;
  } else if (c.has("grid.x_west") && c.has("grid.y_south")) {
    xw = c.real("grid.x_west");
    ys = c.real("grid.y_south");
  } else {
    throw InputError(c.where("grid"),
                     "give either grid.centre_lon and grid.centre_lat, or grid.x_west and grid.y_south");
  }
  return Grid(nx, ny, dx, dy, xw, ys, layers_from(c), p, 3);
}

/// Species rates in the case file are g s-1; inside, gases are mol s-1 and aerosols kg s-1.
double rate_to_si(double grams_per_second, const Species& s) {
  return s.phase == Phase::gas ? grams_per_second * 1e-3 / s.molar_mass : grams_per_second * 1e-3;
}

std::vector<double> rates_per_species(const Config& item, const std::vector<SpeciesSetup>& species,
                                      const std::string& where_name) {
  const auto names = item.strings("species");
  const auto rates = item.reals("rates");
  if (names.size() != rates.size())
    throw InputError(item.where("rates"), "source '" + where_name + "' lists " +
                                              std::to_string(names.size()) + " species but " +
                                              std::to_string(rates.size()) + " rates");
  std::vector<double> out(species.size(), 0.0);
  for (std::size_t n = 0; n < names.size(); ++n) {
    std::size_t s = 0;
    while (s < species.size() && species[s].species.name != names[n]) ++s;
    if (s == species.size())
      throw InputError(item.where("species"),
                       "source '" + where_name + "' emits unknown species '" + names[n] + "'");
    out[s] += rate_to_si(rates[n], species[s].species);
  }
  return out;
}

/// CF standard names of mechanism species that have one (cf-conventions.md 3.3).
std::string cf_standard_name(const std::string& species) {
  static const std::pair<const char*, const char*> table[] = {
      {"O3", "mole_fraction_of_ozone_in_air"},
      {"NO2", "mole_fraction_of_nitrogen_dioxide_in_air"},
      {"NO", "mole_fraction_of_nitrogen_monoxide_in_air"},
      {"SO2", "mole_fraction_of_sulfur_dioxide_in_air"},
      {"CO", "mole_fraction_of_carbon_monoxide_in_air"},
      {"FORM", "mole_fraction_of_formaldehyde_in_air"},
      {"HNO3", "mole_fraction_of_nitric_acid_in_air"},
      {"PAN", "mole_fraction_of_peroxyacetyl_nitrate_in_air"},
      {"H2O2", "mole_fraction_of_hydrogen_peroxide_in_air"},
      {"OH", "mole_fraction_of_hydroxyl_radical_in_air"},
      {"NH3", "mole_fraction_of_ammonia_in_air"},
      {"ISOP", "mole_fraction_of_isoprene_in_air"},
      {"TOL", "mole_fraction_of_toluene_in_air"}};
  for (const auto& [name, cf] : table)
    if (species == name) return cf;
  return "";
}

/// With chemistry on, every solved, transported mechanism species is a case species: those the case lists
/// keep their settings (and must be gases with the mechanism's molar mass), the rest start and enter at 0.
void add_mechanism_species(const Config& c, CaseDefinition& d) {
  d.mechanism = c.string("chemistry.mechanism");
  if (d.mechanism == "none") {
    d.mechanism.clear();
    return;
  }
  d.chemistry = chem::load_mechanism(d.mechanism);
  const int nz = d.grid.nz();
  for (const chem::MechanismSpecies& ms : d.chemistry.species) {
    if (ms.fixed != chem::FixedKind::none || ms.steady_state) continue;
    auto it = std::find_if(d.species.begin(), d.species.end(),
                           [&](const SpeciesSetup& s) { return s.species.name == ms.name; });
    if (it != d.species.end()) {
      if (it->species.phase != Phase::gas)
        throw InputError(c.where("species"),
                         "species '" + ms.name + "' is a gas in mechanism " + d.chemistry.name);
      it->species.molar_mass = ms.molar_mass;
      if (it->species.standard_name.empty()) it->species.standard_name = cf_standard_name(ms.name);
      continue;
    }
    SpeciesSetup s;
    s.species = {ms.name, Phase::gas, ms.molar_mass, cf_standard_name(ms.name),
                 ms.description.empty() ? ms.name : ms.description};
    s.boundary.assign(nz, 0.0);
    d.species.push_back(s);
  }
  d.chemistry_options.solver.method = c.string("chemistry.method") == "rodas3"
                                          ? chem::RosenbrockOptions::Method::rodas3
                                          : chem::RosenbrockOptions::Method::ros3;
  d.chemistry_options.solver.rtol = c.real("chemistry.rtol");
  d.chemistry_options.solver.h_start = c.real("chemistry.initial_step");
  // atol is given in ppb; the solver works in molecules cm-3: use the air density at 1013.25 hPa and 288.15 K
  // (2.547e19 cm-3), so the absolute floor is the same number of molecules everywhere.
  d.chemistry_options.solver.atol = c.real("chemistry.atol") * 1e-9 * 2.547e19;
  d.chemistry_options.block_width = static_cast<int>(c.integer("chemistry.block_width"));
  d.chemistry_max_timestep = c.real("chemistry.max_timestep");
}

/// With chemistry.aerosol and a mechanism that has SO2, SULF and HNO3, the aerosol species
/// (solver/aerosol_step.hpp) are case species too: those the case lists keep their settings (in the same
/// phase; gases take the table's molar mass), the rest start and enter at 0. Primary organic aerosols of the
/// case become the SOA's absorbing mass.
void add_aerosol_species(const Config& c, CaseDefinition& d) {
  if (d.mechanism.empty() || !c.boolean("chemistry.aerosol") ||
      !aerosol_missing_precursors(d.chemistry).empty())
    return;
  const int nz = d.grid.nz();
  for (const AerosolSpecies& a : aerosol_species()) {
    auto it = std::find_if(d.species.begin(), d.species.end(),
                           [&](const SpeciesSetup& s) { return s.species.name == a.name; });
    if (it != d.species.end()) {
      if (it->species.phase != a.phase)
        throw InputError(c.where("species"), "species '" + std::string(a.name) + "' is " +
                                                 (a.phase == Phase::gas ? "a gas" : "an aerosol") +
                                                 " in the aerosol coupling");
      if (a.phase == Phase::gas) it->species.molar_mass = a.molar_mass;
      if (it->species.standard_name.empty()) it->species.standard_name = a.standard_name;
      continue;
    }
    SpeciesSetup s;
    s.species = {a.name, a.phase, a.molar_mass, a.standard_name, a.long_name};
    s.boundary.assign(nz, 0.0);
    s.pm25 = a.pm25;
    d.species.push_back(s);
  }
  d.chemistry_options.aerosol = true;
  for (const SpeciesSetup& s : d.species)
    if (s.primary_organic) d.chemistry_options.primary_organic.push_back(s.species.name);
}

/// Dry deposition (with a mechanism only) and the surface it sees; wet deposition (with a mechanism only).
void set_dry_deposition(const Config& c, CaseDefinition& d) {
  d.dry_deposition = !d.mechanism.empty() && c.boolean("chemistry.dry_deposition");
  d.wet_deposition = !d.mechanism.empty() && c.boolean("chemistry.wet_deposition");
  d.deposition.land_use = chem::land_use_from_name(c.string("surface.land_use"));
  d.deposition.roughness_length = c.real("surface.roughness_length");
  const std::string season = c.string("surface.season");
  if (season != "auto") d.deposition.season = chem::season_from_name(season);
  const double zref = d.grid.layers().mid(0);
  if (d.dry_deposition && !(d.deposition.roughness_length < zref))
    throw InputError(
        c.where("surface.roughness_length"),
        "the roughness length must be below the first layer's mid-height (" + std::to_string(zref) + " m)");
}

std::string resolve(const std::string& path, const std::string& dir) {
  if (path.empty() || dir.empty() || std::filesystem::path(path).is_absolute()) return path;
  return (std::filesystem::path(dir) / path).string();
}

}  // namespace

SpeciesList CaseDefinition::species_list() const {
  SpeciesList out;
  for (const auto& s : species) out.push_back(s.species);
  return out;
}

std::vector<DerivedOutput> CaseDefinition::derived_outputs() const {
  DerivedOutput pm25{kPm25,
                     "mass_concentration_of_pm2p5_ambient_aerosol_particles_in_air",
                     "PM2.5: sum of the aerosol species counted as PM2.5 (dry mass, no aerosol water)",
                     {},
                     {}};
  DerivedOutput soa{kSoa,
                    "mass_concentration_of_secondary_particulate_organic_matter_dry_aerosol_particles_in_air",
                    "secondary organic aerosol: SOA1 + SOA2 + SOA3 + SOA4 + SOPA + SOPB",
                    {},
                    {}};
  DerivedOutput pm10{kPm10,
                     "mass_concentration_of_pm10_ambient_aerosol_particles_in_air",
                     "PM10: PM2.5 plus the coarse aerosol species (those with pm25: false)",
                     {},
                     {}};
  bool coarse = false;
  for (std::size_t s = 0; s < species.size(); ++s) {
    if (species[s].species.phase != Phase::aerosol) continue;
    if (species[s].pm25) {
      pm25.species.push_back(s);
      pm25.factors.push_back(1.0);
    } else {
      coarse = true;
    }
    pm10.species.push_back(s);
    pm10.factors.push_back(1.0);
    for (const char* name : {"SOA1", "SOA2", "SOA3", "SOA4", "SOPA", "SOPB"})
      if (species[s].species.name == name) {
        soa.species.push_back(s);
        soa.factors.push_back(1.0);
      }
  }
  // GRS's SNGN is "stable non-gaseous nitrogen", i.e. particulate nitrate (Azzi et al. 1992; reference 1.1):
  // the mechanism carries it in mol m-3, PM2.5 counts it as nitrate ion mass (62.0 g/mol).
  if (!mechanism.empty() && chemistry.name == "grs")
    for (std::size_t s = 0; s < species.size(); ++s)
      if (species[s].species.name == "SNGN") {
        pm25.species.push_back(s);
        pm25.factors.push_back(0.06201);
      }
  // PM10 is written only when a coarse species is carried; otherwise it would just repeat PM2.5.
  if (!coarse) pm10.species.clear();
  std::vector<DerivedOutput> out;
  for (DerivedOutput* o : {&pm25, &pm10, &soa})
    if (!o->species.empty()) out.push_back(std::move(*o));
  return out;
}

std::vector<std::string> met_files_of(const CaseDefinition& c, const std::string& file) {
  if (c.met_kind == CaseDefinition::MetKind::file && !c.met_files.empty()) return c.met_files;
  return {file};
}

Grid widened_grid(const Grid& g, int margin) {
  return Grid(g.nx() + 2 * margin, g.ny() + 2 * margin, g.dx(), g.dy(), g.x_west() - margin * g.dx(),
              g.y_south() - margin * g.dy(), g.layers(), g.projection(), g.halo());
}

bool CaseDefinition::has_inventory() const {
  const InventoryFiles& f = emission_files;
  return !f.points.empty() || !f.areas.empty() || !f.roads.empty() || !f.gridded.empty();
}

CaseDefinition build_case(const Config& c, const std::string& case_file, const std::string& case_dir,
                          const std::string& input_dir_arg) {
  const std::string input_dir = input_dir_arg.empty() ? case_dir : input_dir_arg;
  CaseDefinition d;
  d.case_file = case_file;
  d.name = c.string("case.name");
  d.start = c.time("case.start");
  d.hours = c.real("case.hours");
  d.utc_offset_hours = c.real("case.utc_offset");
  d.grid = grid_from(c);

  d.met_kind = c.string("meteorology.source") == "idealised" ? CaseDefinition::MetKind::idealised
                                                             : CaseDefinition::MetKind::file;
  d.met_file = c.has("meteorology.file") ? c.string("meteorology.file") : "";
  for (const std::string& f : c.strings("meteorology.files")) d.met_files.push_back(resolve(f, case_dir));
  if (d.met_kind == CaseDefinition::MetKind::file && d.met_file.empty() && d.met_files.empty())
    throw InputError(
        c.where("meteorology"),
        "meteorology.source is 'file' but neither meteorology.file nor meteorology.files is given");
  if (!d.met_file.empty() && !d.met_files.empty())
    throw InputError(c.where("meteorology.files"), "give meteorology.file or meteorology.files, not both");
  if (d.met_kind == CaseDefinition::MetKind::idealised && !d.met_files.empty())
    throw InputError(c.where("meteorology.files"), "idealised meteorology is written to one `file`");
  d.met_file = resolve(d.met_file, case_dir);  // read or (idealised) written beside the case file
  d.met_format = met_format_from(c.string("meteorology.format"));
  d.met_record_interval = c.real("meteorology.record_interval");
  d.met_margin = static_cast<int>(c.integer("meteorology.margin"));
  IdealisedMetParams& m = d.idealised;
  m.wind_speed_10m = c.real("meteorology.wind_speed_10m");
  m.wind_from_direction = c.real("meteorology.wind_from_direction");
  m.wind_veering = c.real("meteorology.wind_veering");
  m.roughness_length = c.real("meteorology.roughness_length");
  m.surface_temperature_mean = c.real("meteorology.surface_temperature_mean");
  m.surface_temperature_amplitude = c.real("meteorology.surface_temperature_amplitude");
  m.surface_pressure = c.real("meteorology.surface_pressure");
  m.relative_humidity = c.real("meteorology.relative_humidity");
  m.pbl_height_night = c.real("meteorology.pbl_height_night");
  m.pbl_height_day_max = c.real("meteorology.pbl_height_day_max");
  m.lapse_rate = c.real("meteorology.lapse_rate");
  m.free_atmosphere_amplitude = c.real("meteorology.free_atmosphere_amplitude");
  m.cloud_transmissivity = c.real("meteorology.cloud_transmissivity");
  d.kz.prefer_met = c.string("meteorology.kz") == "met";
  d.kz.kz_min = c.real("meteorology.kz_min");
  d.kz.kz_max = c.real("meteorology.kz_max");

  const int nz = d.grid.nz();
  for (const Config& s : c.items("species")) {
    SpeciesSetup setup;
    setup.species.name = s.string("name");
    if (setup.species.name == kPm25 || setup.species.name == kPm10 || setup.species.name == kSoa)
      throw InputError(s.where("name"), "'" + setup.species.name + "' is the name of a derived output");
    for (const auto& other : d.species)
      if (other.species.name == setup.species.name)
        throw InputError(s.where("name"), "species '" + setup.species.name + "' is listed twice");
    setup.species.phase = s.string("phase") == "aerosol" ? Phase::aerosol : Phase::gas;
    setup.pm25 = setup.species.phase == Phase::aerosol && s.boolean("pm25");
    setup.primary_organic = s.boolean("primary_organic");
    if (setup.primary_organic && setup.species.phase != Phase::aerosol)
      throw InputError(s.where("primary_organic"), "species '" + setup.species.name +
                                                       "' is a gas; only an aerosol can be primary organic");
    setup.species.molar_mass = s.real("molar_mass");
    setup.species.standard_name = s.has("standard_name") ? s.string("standard_name") : "";
    setup.species.long_name = s.has("long_name") ? s.string("long_name") : setup.species.name;
    setup.initial = s.real("initial");
    if (s.has("boundary_profile")) {
      setup.boundary = s.reals("boundary_profile");
      if (static_cast<int>(setup.boundary.size()) != nz)
        throw InputError(s.where("boundary_profile"), "species '" + setup.species.name +
                                                          "': boundary_profile has " +
                                                          std::to_string(setup.boundary.size()) +
                                                          " values for " + std::to_string(nz) + " layers");
    } else {
      setup.boundary.assign(nz, s.real("boundary"));
    }
    d.species.push_back(setup);
  }
  add_mechanism_species(c, d);
  add_aerosol_species(c, d);
  set_dry_deposition(c, d);
  if (d.species.empty()) throw InputError(c.file(), "the case has no species");
  if (c.has("boundary.file")) {
    d.boundary_file = resolve(c.string("boundary.file"), case_dir);
    std::vector<std::string> names;
    std::vector<bool> gas;
    for (const auto& s : d.species) {
      names.push_back(s.species.name);
      gas.push_back(s.species.phase == Phase::gas);
    }
    const auto profiles = read_boundary_profiles(d.boundary_file, d.grid.layers(), names, gas);
    for (auto& s : d.species) {
      auto it = profiles.find(s.species.name);
      if (it != profiles.end()) s.boundary = it->second.values;
    }
  }

  for (const Config& p : c.items("sources.points")) {
    PointRelease r;
    r.name = p.string("name");
    if (p.has("lon") && p.has("lat")) {
      const ProjectedXY xy = d.grid.projection().forward({p.real("lon"), p.real("lat")});
      r.x = xy.x;
      r.y = xy.y;
    } else if (p.has("x") && p.has("y")) {
      r.x = p.real("x");
      r.y = p.real("y");
    } else {
      throw InputError(p.where("name"), "point source '" + r.name + "' needs lon/lat or x/y");
    }
    r.height = p.real("height");
    r.rate = rates_per_species(p, d.species, r.name);
    d.points.push_back(r);
  }
  for (const Config& a : c.items("sources.areas")) {
    AreaRelease r;
    r.name = a.string("name");
    if (a.has("lon") && a.has("lat") && a.has("size_x") && a.has("size_y")) {
      const ProjectedXY xy = d.grid.projection().forward({a.real("lon"), a.real("lat")});
      r.x_min = xy.x - 0.5 * a.real("size_x");
      r.x_max = xy.x + 0.5 * a.real("size_x");
      r.y_min = xy.y - 0.5 * a.real("size_y");
      r.y_max = xy.y + 0.5 * a.real("size_y");
    } else if (a.has("x_min") && a.has("x_max") && a.has("y_min") && a.has("y_max")) {
      r.x_min = a.real("x_min");
      r.x_max = a.real("x_max");
      r.y_min = a.real("y_min");
      r.y_max = a.real("y_max");
    } else {
      throw InputError(a.where("name"),
                       "area source '" + r.name + "' needs lon/lat/size_x/size_y or x_min/x_max/y_min/y_max");
    }
    r.depth = a.real("depth");
    const std::vector<double> total = rates_per_species(a, d.species, r.name);
    const double area = (r.x_max - r.x_min) * (r.y_max - r.y_min);
    for (double v : total) r.flux.push_back(area > 0 ? v / area : 0.0);
    d.areas.push_back(r);
  }
  // Resolve the releases on the grid now so an outside source fails before the run starts.
  try {
    TracerSources(d.grid, d.species.size(), d.points, d.areas);
  } catch (const InputError& e) {
    throw InputError(c.where("sources"), e.what());
  }

  InventoryFiles& f = d.emission_files;
  auto files = [&](const std::string& key) {
    std::vector<std::string> out;
    for (const std::string& p : c.strings(key)) out.push_back(resolve(p, input_dir));
    return out;
  };
  auto file = [&](const std::string& key) { return c.has(key) ? resolve(c.string(key), input_dir) : ""; };
  f.points = files("emissions.points");
  f.areas = files("emissions.areas");
  f.roads = files("emissions.roads");
  f.gridded = files("emissions.gridded");
  f.fleets = file("emissions.fleets");
  f.vehicle_classes = file("emissions.vehicle_classes");
  f.temporal_profiles = file("emissions.temporal_profiles");
  f.speciation = file("emissions.speciation");
  f.voc_compounds = file("emissions.voc_compounds");
  if (d.has_inventory() && f.speciation.empty())
    throw InputError(c.where("emissions"), "emissions: source files are given but no `speciation` profiles");
  if (!f.roads.empty() && (f.fleets.empty() || f.vehicle_classes.empty()))
    throw InputError(c.where("emissions.roads"), "emissions: road links need `fleets` and `vehicle_classes`");
  d.emission_options.utc_offset_hours = d.utc_offset_hours;
  d.emission_options.plume_rise = c.boolean("emissions.plume_rise");
  d.emission_options.wet_days_per_year = c.real("emissions.wet_days_per_year");

  TransportOptions& t = d.transport;
  t.advection = c.string("transport.advection") == "ppm";
  t.courant_max = c.real("transport.courant_max");
  t.vertical_courant_max = c.real("transport.vertical_courant_max");
  t.vertical_advection = c.boolean("transport.vertical_advection");
  t.vertical_diffusion = c.boolean("transport.vertical_diffusion");
  t.density_matching = c.boolean("transport.density_matching");
  const std::string hd = c.string("transport.horizontal_diffusion");
  t.horizontal_diffusion.kind = hd == "none"       ? HorizontalDiffusionKind::none
                                : hd == "constant" ? HorizontalDiffusionKind::constant
                                                   : HorizontalDiffusionKind::smagorinsky;
  t.horizontal_diffusion.k_constant = c.real("transport.k_horizontal");
  t.horizontal_diffusion.smagorinsky_coefficient = c.real("transport.smagorinsky_coefficient");
  d.max_timestep = c.real("transport.max_timestep");

  d.output_file = c.has("output.file") ? c.string("output.file") : d.name + ".nc";
  d.output_interval = c.real("output.interval");
  d.output_species = c.strings("output.species");
  const std::vector<DerivedOutput> derived = d.derived_outputs();
  for (const auto& name : d.output_species) {
    bool found = false;
    for (const auto& s : d.species) found = found || s.species.name == name;
    for (const auto& o : derived) found = found || o.name == name;
    if (!found)
      throw InputError(c.where("output.species"),
                       "output species '" + name + "' is not a case species or a derived output");
  }
  ApportionmentOptions& ap = d.apportionment;
  ap.enabled = c.boolean("apportionment.enabled");
  for (const Config& g : c.items("apportionment.groups"))
    ap.groups.push_back(
        {g.string("name"), g.strings("categories"), g.strings("sources"), g.strings("regions")});
  for (const Config& r : c.items("apportionment.regions")) {
    TagRegion region{r.string("name"), {}};
    const std::vector<double> v = r.reals("polygon");
    if (v.size() % 2 != 0 || v.size() < 6)
      throw InputError(r.where("polygon"),
                       "region '" + region.name + "': polygon needs lon, lat pairs for at least 3 vertices");
    for (std::size_t n = 0; n < v.size(); n += 2) region.lonlat.push_back({v[n], v[n + 1]});
    ap.regions.push_back(std::move(region));
  }
  ap.regime_threshold = c.real("apportionment.regime_threshold");
  ap.receptors_file =
      c.has("apportionment.receptors") ? resolve(c.string("apportionment.receptors"), input_dir) : "";
  ap.area = c.has("apportionment.area") ? c.string("apportionment.area") : "";
  if (!ap.area.empty() && std::none_of(ap.regions.begin(), ap.regions.end(),
                                       [&](const TagRegion& r) { return r.name == ap.area; }))
    throw InputError(c.where("apportionment.area"),
                     "apportionment.area '" + ap.area + "' is not one of apportionment.regions");
  ap.output_species = c.strings("apportionment.output_species");
  for (const auto& name : ap.output_species) {
    bool found = false;
    for (const auto& s : d.species) found = found || s.species.name == name;
    for (const auto& o : derived) found = found || o.name == name;
    if (!found)
      throw InputError(
          c.where("apportionment.output_species"),
          "apportionment output species '" + name + "' is not a case species or a derived output");
  }
  ap.output_layers = static_cast<int>(std::min<std::int64_t>(c.integer("apportionment.output_layers"), nz));
  ap.file = c.has("apportionment.file") ? c.string("apportionment.file") : "";
  ap.peak_window_hours = static_cast<int>(c.integer("apportionment.peak_window"));

  d.checkpoint_file = c.has("checkpoint.file") ? c.string("checkpoint.file") : "";
  d.checkpoint_interval_hours = c.real("checkpoint.interval");
  d.effective_config = c.dump();
  return d;
}

}  // namespace airshed
