// SPDX-License-Identifier: Apache-2.0
#include "driver/case_schema.hpp"

namespace airshed {

namespace {
using T = ConfigType;
constexpr double kInf = 1e300;
}  // namespace

const ConfigSchema& case_schema() {
  // Sections follow Polyphemus' split: what the case is (case, grid), its inputs (meteorology, species,
  // sources), the numerics and physics (transport, chemistry, surface) and the output plan (output,
  // checkpoint).
  // One key per line: the table reads as the table it is.
  // clang-format off
  static const ConfigSchema schema = {
      {"case", T::section, "", "", {}, "What is simulated and when."},
      {"case.name", T::string, "", "case", {}, "Short name, written to the output's `case` attribute."},
      {"case.start", T::time, "UTC", "required", {}, "Start of the run (ISO 8601, UTC), e.g. `2026-11-28T00:00:00Z`."},
      {"case.hours", T::real, "h", "72", {}, "Length of the run.", 0.0, 24.0 * 3660},
      {"case.utc_offset", T::real, "h", "0", {}, "Local time minus UTC (8 for China); used for local-day products.", -14, 14},

      {"grid", T::section, "", "", {}, "The model grid: projection, horizontal cells and vertical layers."},
      {"grid.projection", T::string, "", "lambert_conformal_conic", {"lambert_conformal_conic", "transverse_mercator", "polar_stereographic", "mercator"}, "Map projection of the grid (CF grid_mapping_name)."},
      {"grid.standard_parallel_1", T::real, "degree_north", "25", {}, "LCC first standard parallel; Mercator/polar latitude of true scale.", -90, 90},
      {"grid.standard_parallel_2", T::real, "degree_north", "47", {}, "LCC second standard parallel (equal to the first for a tangent cone).", -90, 90},
      {"grid.longitude_of_central_meridian", T::real, "degree_east", "110", {}, "Central meridian of the projection.", -180, 360},
      {"grid.latitude_of_projection_origin", T::real, "degree_north", "34", {}, "Latitude of the projection origin (polar: 90 or -90).", -90, 90},
      {"grid.false_easting", T::real, "m", "0", {}, "False easting."},
      {"grid.false_northing", T::real, "m", "0", {}, "False northing."},
      {"grid.scale_factor", T::real, "1", "1", {}, "Transverse Mercator scale factor at the central meridian (0.9996 for UTM).", 0.1, 10},
      {"grid.earth_radius", T::real, "m", "6370000", {}, "Sphere radius (WRF's sphere by default); ignored when inverse_flattening > 0.", 6e6, 7e6},
      {"grid.semi_major_axis", T::real, "m", "", {}, "Ellipsoid semi-major axis (with inverse_flattening), e.g. 6378137 for WGS84.", 6e6, 7e6},
      {"grid.inverse_flattening", T::real, "1", "0", {}, "Ellipsoid inverse flattening (298.257223563 for WGS84); 0 = sphere.", 0, kInf},
      {"grid.centre_lon", T::real, "degree_east", "", {}, "Longitude of the grid centre (alternative to x_west/y_south).", -180, 360},
      {"grid.centre_lat", T::real, "degree_north", "", {}, "Latitude of the grid centre.", -90, 90},
      {"grid.x_west", T::real, "m", "", {}, "Projected x of the grid's west edge (alternative to centre_lon/lat)."},
      {"grid.y_south", T::real, "m", "", {}, "Projected y of the grid's south edge."},
      {"grid.nx", T::integer, "", "required", {}, "Cells west-east.", 1, 100000},
      {"grid.ny", T::integer, "", "required", {}, "Cells south-north.", 1, 100000},
      {"grid.dx", T::real, "m", "required", {}, "Cell size west-east.", 1, 1e6},
      {"grid.dy", T::real, "m", "required", {}, "Cell size south-north.", 1, 1e6},
      {"grid.layers", T::section, "", "", {}, "Vertical layers, terrain-following, in metres above ground."},
      {"grid.layers.interfaces", T::real_list, "m", "", {}, "Explicit layer interfaces from 0 (the ground) upward; overrides nz/first/top.", 0, 1e5},
      {"grid.layers.nz", T::integer, "", "18", {}, "Number of layers (stretched geometrically).", 1, 128},
      {"grid.layers.first", T::real, "m", "20", {}, "Thickness of the first layer.", 0.1, 1e4},
      {"grid.layers.top", T::real, "m", "4000", {}, "Model top above ground.", 10, 1e5},

      {"meteorology", T::section, "", "", {}, "Where the meteorology comes from (see docs/inputs.md)."},
      {"meteorology.source", T::string, "", "file", {"file", "idealised"}, "`file`: read `file` or `files` (CF NetCDF or WRF output). `idealised`: write an idealised CF file with `make-met` physics to `file` first, then read it."},
      {"meteorology.file", T::string, "", "", {}, "Meteorology: a CF NetCDF file, or WRF output as one file or a glob such as `wrfout_d01_*` (docs/inputs.md, docs/wrf-input.md); for `idealised`, where to write it (default: <output stem>-met.nc)."},
      {"meteorology.files", T::string_list, "", "", {}, "WRF output as a list of files (or globs) forming one time series; instead of `file`."},
      {"meteorology.format", T::string, "", "auto", {"auto", "cf", "wrf"}, "`auto`: WRF output is recognised by its global attributes, anything else is read as CF. WRF met is put onto the model grid (any projection and resolution: docs/met-regridding.md); a CF file must hold the model grid as a window."},
      {"meteorology.record_interval", T::real, "s", "3600", {}, "Idealised met: time between records.", 60, 86400},
      {"meteorology.margin", T::integer, "", "3", {}, "Idealised met: extra met cells around the model grid on each side.", 0, 1000},
      {"meteorology.wind_speed_10m", T::real, "m s-1", "3.5", {}, "Idealised met: wind speed at 10 m.", 0, 60},
      {"meteorology.wind_from_direction", T::real, "degree", "300", {}, "Idealised met: direction the 10 m wind blows from.", 0, 360},
      {"meteorology.wind_veering", T::real, "degree", "25", {}, "Idealised met: clockwise turning from the ground to the PBL top.", -90, 90},
      {"meteorology.roughness_length", T::real, "m", "0.3", {}, "Idealised met: surface roughness length.", 1e-5, 5},
      {"meteorology.surface_temperature_mean", T::real, "K", "270", {}, "Idealised met: daily mean 2 m temperature.", 200, 330},
      {"meteorology.surface_temperature_amplitude", T::real, "K", "6", {}, "Idealised met: half the diurnal range.", 0, 30},
      {"meteorology.surface_pressure", T::real, "Pa", "86500", {}, "Idealised met: surface pressure.", 30000, 110000},
      {"meteorology.relative_humidity", T::real, "1", "0.4", {}, "Idealised met: relative humidity.", 0, 1},
      {"meteorology.pbl_height_night", T::real, "m", "200", {}, "Idealised met: nocturnal boundary-layer depth.", 10, 5000},
      {"meteorology.pbl_height_day_max", T::real, "m", "1000", {}, "Idealised met: afternoon boundary-layer depth.", 10, 6000},
      {"meteorology.lapse_rate", T::real, "K m-1", "0.0065", {}, "Idealised met: lapse rate of the free atmosphere.", 0, 0.0097},
      {"meteorology.free_atmosphere_amplitude", T::real, "K", "0.5", {}, "Idealised met: half the diurnal range of the free atmosphere at the ground (decays upward).", 0, 10},
      {"meteorology.cloud_transmissivity", T::real, "1", "0.75", {}, "Idealised met: broadband clear-sky transmissivity (lower for haze or thin cloud).", 0.05, 1},
      {"meteorology.kz", T::string, "", "met", {"met", "similarity"}, "`met`: use the file's Kz (atmosphere_heat_diffusivity) when present, else the similarity profile; `similarity`: always the profile."},
      {"meteorology.kz_min", T::real, "m2 s-1", "0.1", {}, "Floor of Kz everywhere.", 0, 100},
      {"meteorology.kz_max", T::real, "m2 s-1", "1000", {}, "Cap of Kz.", 1, 1e5},

      {"species", T::list_of_sections, "", "", {}, "Transported species (inert tracers until chemistry is enabled)."},
      {"species[].name", T::string, "", "required", {}, "Name, used as the output variable name."},
      {"species[].phase", T::string, "", "gas", {"gas", "aerosol"}, "Gases are written in ppb, aerosols in ug m-3."},
      {"species[].molar_mass", T::real, "kg mol-1", "0.029", {}, "Molar mass (gases: converts g s-1 emissions to mol s-1).", 1e-3, 10},
      {"species[].standard_name", T::string, "", "", {}, "CF standard name of the output, if one exists."},
      {"species[].long_name", T::string, "", "", {}, "Descriptive name for the output."},
      {"species[].initial", T::real, "ppb | ug m-3", "0", {}, "Initial value everywhere (ppb for gases, ug m-3 for aerosols).", 0, 1e9},
      {"species[].boundary", T::real, "ppb | ug m-3", "0", {}, "Inflow value at the lateral and top boundaries.", 0, 1e9},
      {"species[].pm25", T::boolean, "", "true", {}, "Aerosols: counted in the derived `pm25` output (ignored for gases)."},
      {"species[].primary_organic", T::boolean, "", "false", {}, "Aerosols: primary organic matter, the absorbing mass secondary organic aerosol condenses onto (docs/physics.md)."},
      {"species[].boundary_profile", T::real_list, "ppb | ug m-3", "", {}, "Inflow value per layer (overrides `boundary`; one value per layer).", 0, 1e9},

      {"boundary", T::section, "", "", {}, "Lateral and top boundary conditions beyond each species' own `boundary` value."},
      {"boundary.file", T::string, "", "", {}, "NetCDF file of vertical inflow profiles, one variable per species (docs/inputs.md); species it holds override their `boundary` values."},

      {"sources", T::section, "", "", {}, "Constant releases given in the case file itself, added to the inventory (`emissions`); handy for tracer experiments."},
      {"sources.points", T::list_of_sections, "", "", {}, "Point releases at a fixed height."},
      {"sources.points[].name", T::string, "", "required", {}, "Name of the source."},
      {"sources.points[].lon", T::real, "degree_east", "", {}, "Longitude (or give x/y).", -180, 360},
      {"sources.points[].lat", T::real, "degree_north", "", {}, "Latitude.", -90, 90},
      {"sources.points[].x", T::real, "m", "", {}, "Projected x."},
      {"sources.points[].y", T::real, "m", "", {}, "Projected y."},
      {"sources.points[].height", T::real, "m", "required", {}, "Release height above ground.", 0, 1e5},
      {"sources.points[].species", T::string_list, "", "required", {}, "Species emitted, matched with `rates`."},
      {"sources.points[].rates", T::real_list, "g s-1", "required", {}, "Emission rate of each listed species.", 0, 1e9},
      {"sources.areas", T::list_of_sections, "", "", {}, "Rectangular area releases mixed from the ground to `depth`."},
      {"sources.areas[].name", T::string, "", "required", {}, "Name of the source."},
      {"sources.areas[].lon", T::real, "degree_east", "", {}, "Longitude of the rectangle centre (or give x_min..y_max).", -180, 360},
      {"sources.areas[].lat", T::real, "degree_north", "", {}, "Latitude of the rectangle centre.", -90, 90},
      {"sources.areas[].size_x", T::real, "m", "", {}, "West-east extent (with lon/lat).", 0, 1e7},
      {"sources.areas[].size_y", T::real, "m", "", {}, "South-north extent (with lon/lat).", 0, 1e7},
      {"sources.areas[].x_min", T::real, "m", "", {}, "Projected rectangle west edge."},
      {"sources.areas[].x_max", T::real, "m", "", {}, "Projected rectangle east edge."},
      {"sources.areas[].y_min", T::real, "m", "", {}, "Projected rectangle south edge."},
      {"sources.areas[].y_max", T::real, "m", "", {}, "Projected rectangle north edge."},
      {"sources.areas[].depth", T::real, "m", "0", {}, "Depth the emission is mixed into (0: the first layer).", 0, 1e5},
      {"sources.areas[].species", T::string_list, "", "required", {}, "Species emitted, matched with `rates`."},
      {"sources.areas[].rates", T::real_list, "g s-1", "required", {}, "Total emission rate over the rectangle of each species.", 0, 1e9},

      {"emissions", T::section, "", "", {}, "The emission inventory: named sources with plume rise, time and speciation profiles (docs/emission-inputs.md, docs/emissions.md). Paths are relative to the case file."},
      {"emissions.points", T::string_list, "", "", {}, "Point-source (stack) CSV files."},
      {"emissions.areas", T::string_list, "", "", {}, "Area-source files: CSV rectangles or GeoJSON polygons (by extension)."},
      {"emissions.roads", T::string_list, "", "", {}, "Road-link CSV files (line sources with traffic)."},
      {"emissions.gridded", T::string_list, "", "", {}, "Gridded CF NetCDF emissions (kg m-2 s-1) on the model grid or a window of it."},
      {"emissions.fleets", T::string, "", "", {}, "Fleet-mix CSV (needed with roads)."},
      {"emissions.vehicle_classes", T::string, "", "", {}, "Vehicle-class emission-factor CSV (needed with roads)."},
      {"emissions.temporal_profiles", T::string, "", "", {}, "Temporal profiles YAML (monthly, weekly, hourly, heating season)."},
      {"emissions.speciation", T::string, "", "", {}, "Speciation profiles YAML (required with any source file)."},
      {"emissions.voc_compounds", T::string, "", "", {}, "VOC compound table CSV mapping compounds to mechanism species (needed when a profile speciates VOC)."},
      {"emissions.plume_rise", T::boolean, "", "true", {}, "Briggs plume rise for stacks from the hour's meteorology; false: release at the stack top."},
      {"emissions.wet_days_per_year", T::real, "d", "0", {}, "Days per year with >= 0.254 mm of rain for the AP-42 paved-road dust correction 1 - P/(4N) (0: none).", 0, 366},

      {"transport", T::section, "", "", {}, "Transport numerics."},
      {"transport.advection", T::string, "", "ppm", {"ppm", "none"}, "Horizontal advection scheme."},
      {"transport.courant_max", T::real, "1", "0.9", {}, "Largest outflow Courant number of a horizontal sweep.", 0.01, 1},
      {"transport.vertical_courant_max", T::real, "1", "0.5", {}, "Largest drained Courant number per column sub-step.", 0.01, 1},
      {"transport.vertical_advection", T::boolean, "", "true", {}, "Advect with the continuity-consistent vertical wind."},
      {"transport.density_matching", T::boolean, "", "true", {}, "Vertical advection moves the air so the carried air density ends each step at the met density, species with it at their mixing ratios (docs/physics.md); false: advect with the continuity vertical wind (the carried air then drifts from the met density)."},
      {"transport.vertical_diffusion", T::boolean, "", "true", {}, "Implicit vertical diffusion with Kz."},
      {"transport.horizontal_diffusion", T::string, "", "smagorinsky", {"none", "constant", "smagorinsky"}, "Horizontal diffusivity model."},
      {"transport.k_horizontal", T::real, "m2 s-1", "50", {}, "Constant K, or the floor under Smagorinsky's.", 0, 1e5},
      {"transport.smagorinsky_coefficient", T::real, "1", "0.28", {}, "Smagorinsky coefficient.", 0, 10},
      {"transport.max_timestep", T::real, "s", "900", {}, "Longest step allowed whatever the operators say.", 1, 86400},

      {"chemistry", T::section, "", "", {}, "Gas-phase chemistry (docs/mechanisms.md)."},
      {"chemistry.mechanism", T::string, "", "none", {}, "`none` (inert tracers only), a built-in mechanism (`grs`, `cb05-core`) or a mechanism file; its species are added to `species` with zero initial and boundary values unless listed there."},
      {"chemistry.method", T::string, "", "ros3", {"ros3", "rodas3"}, "Rosenbrock method (KPP coefficients)."},
      {"chemistry.rtol", T::real, "1", "1e-3", {}, "Relative tolerance of the chemistry solver.", 1e-12, 0.5},
      {"chemistry.atol", T::real, "ppb", "1e-4", {}, "Absolute tolerance (at the surface air density; CMAQ's ROS3 uses 1e-7 ppm).", 1e-15, 1},
      {"chemistry.initial_step", T::real, "s", "60", {}, "First trial step of each block's solve; the error control shrinks it where the chemistry is fast (60 s: 1.5x faster than 1 s on the CB05 Kangbashi case, same results to the tolerance).", 1e-6, 3600},
      {"chemistry.block_width", T::integer, "", "16", {}, "Cells solved together with one error norm: runs of a row of one layer starting at multiples of the width. Fixed by the grid, so results depend neither on threads nor on the MPI decomposition (block edges fall between runs).", 1, 256},
      {"chemistry.max_timestep", T::real, "s", "600", {}, "Longest step when chemistry is on (splitting error of chemistry and transport).", 10, 3600},

      {"chemistry.aerosol", T::boolean, "", "true", {}, "With a mechanism that has SO2, SULF and HNO3 (`cb05-core`): secondary aerosol (sulfate, ammonium nitrate, SOA) after each gas solve; its species are added to `species` (docs/outputs.md). Ignored otherwise (`grs`)."},
      {"chemistry.dry_deposition", T::boolean, "", "true", {}, "With a mechanism: dry deposition of O3, NO2, HNO3, SO2, H2O2, PAN and every aerosol species at the ground (`surface`). Without a mechanism the run is inert transport."},
      {"chemistry.wet_deposition", T::boolean, "", "true", {}, "With a mechanism: below-cloud scavenging of HNO3, H2O2, NH3, SO2 and every aerosol species in every layer, Lambda = a P^b from the meteorology's precipitation rate (WRF `RAINC` + `RAINNC`, CF `precipitation_flux`; docs/chemistry-physics.md). Does nothing when the meteorology has no precipitation (idealised met, CF files without it); the run says so."},

      {"surface", T::section, "", "", {}, "The ground seen by dry deposition, one for the whole domain (docs/physics.md)."},
      {"surface.land_use", T::string, "", "urban", {"urban", "agricultural", "range", "deciduous_forest", "coniferous_forest", "mixed_forest", "water", "barren", "wetland", "range_agricultural", "rocky_shrubs"}, "Wesely (1989) land-use class (`range` is grassland/steppe, `barren` desert)."},
      {"surface.roughness_length", T::real, "m", "0.5", {}, "Roughness length of the aerodynamic resistance; below the first layer's mid-height.", 1e-5, 5},
      {"surface.season", T::string, "", "auto", {"auto", "midsummer", "autumn", "late_autumn", "winter", "transitional_spring"}, "Wesely (1989) seasonal category; `auto`: from the month and hemisphere (never `winter`, which needs snow cover)."},

      {"apportionment", T::section, "", "", {}, "Source apportionment: which source groups make the O3 and the PM2.5 (docs/apportionment.md). The groups serve both tagging in one run (`enabled`) and the ensembles of `airshed apportion` (docs/apportionment-ensembles.md)."},
      {"apportionment.enabled", T::boolean, "", "false", {}, "Tag the run: carry a tracer per source group for every tagged species family and write the contributions (`file`), the receptor series and the tables."},
      {"apportionment.groups", T::list_of_sections, "", "", {}, "Source groups, matched in this order (the first match wins); emissions no group matches go to the group `other`; `boundary` (inflow) and `initial` (initial conditions) are always added."},
      {"apportionment.groups[].name", T::string, "", "required", {}, "Group name (not other, boundary or initial)."},
      {"apportionment.groups[].categories", T::string_list, "", "", {}, "Inventory categories (heat_plant, fuel_station, vehicle, dust, catering, ...; a case-file release has category `release`); empty: any."},
      {"apportionment.groups[].sources", T::string_list, "", "", {}, "Source ids (inventory ids, or names of case-file releases); empty: any."},
      {"apportionment.groups[].regions", T::string_list, "", "", {}, "Regions: names of `apportionment.regions` (cells whose centre is inside) or inventory `region` values; empty: anywhere."},
      {"apportionment.regions", T::list_of_sections, "", "", {}, "Named polygons for groups by region and for area-mean tables."},
      {"apportionment.regions[].name", T::string, "", "required", {}, "Region name."},
      {"apportionment.regions[].polygon", T::real_list, "degree", "required", {}, "Vertices as lon1, lat1, lon2, lat2, ... (at least 3; first not repeated)."},
      {"apportionment.regime_threshold", T::real, "1", "0.35", {}, "P(H2O2)/P(HNO3) at or below which new O3 is VOC-limited (Sillman 1995; CAMx OSAT and CMAQ-ISAM default).", 0, 100},
      {"apportionment.receptors", T::string, "", "", {}, "Receptor CSV (name, lon, lat; docs/apportionment-outputs.md): hourly contribution series and tables at these points."},
      {"apportionment.area", T::string, "", "", {}, "Region (of `apportionment.regions`) whose area mean is tabulated, e.g. the built-up area."},
      {"apportionment.output_species", T::string_list, "", "", {}, "Species and derived outputs whose contributions are written (default: O3, pm25 and the PM2.5 components that are tagged)."},
      {"apportionment.output_layers", T::integer, "", "1", {}, "Layers of the contribution fields, from the ground.", 1, 128},
      {"apportionment.file", T::string, "", "", {}, "Contribution NetCDF (default: <output stem>-tags.nc)."},
      {"apportionment.peak_window", T::integer, "h", "8", {}, "Length of the tables' peak window (the highest running mean, as MDA8).", 1, 24},

      {"output", T::section, "", "", {}, "The output plan."},
      {"output.file", T::string, "", "", {}, "CF NetCDF output (default: <case.name>.nc; `--output` overrides)."},
      {"output.interval", T::real, "s", "3600", {}, "Time between output records.", 1, 86400 * 31},
      {"output.species", T::string_list, "", "", {}, "Species and derived variables (`pm25`, `soa`) written (default: all)."},

      {"checkpoint", T::section, "", "", {}, "Restart files."},
      {"checkpoint.file", T::string, "", "", {}, "HDF5 checkpoint path (default: <output stem>.checkpoint.h5)."},
      {"checkpoint.interval", T::real, "h", "24", {}, "Hours between checkpoints; one is always written at the end (0: only at the end).", 0, 1e6},
  };
  // clang-format on
  return schema;
}

const char* case_schema_intro() {
  return "A case file is YAML. Every key is listed here with its type, unit, default and allowed values; a "
         "key "
         "that is not listed is an error naming the file and line. Keys without a default are optional "
         "unless "
         "marked **required**. Any key can be overridden from the command line with `--set key.path=value`.\n"
         "This page is generated by `airshed config-doc` from the same table the validator uses.";
}

}  // namespace airshed
