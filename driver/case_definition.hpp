// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

#include "chemistry/mechanism.hpp"
#include "core/grid.hpp"
#include "core/species.hpp"
#include "core/time.hpp"
#include "driver/met_setup.hpp"
#include "emissions/emission_model.hpp"
#include "io/inventory_reader.hpp"
#include "io/yaml_config.hpp"
#include "met/idealised_met.hpp"
#include "met/kz_profile.hpp"
#include "solver/chemistry_step.hpp"
#include "solver/dry_deposition.hpp"
#include "solver/tracer_sources.hpp"
#include "solver/transport_model.hpp"
#include "tagging/apportionment_options.hpp"

namespace airshed {

/// A species with its initial and boundary values in output units (ppb for gases, ug m-3 for aerosols).
struct SpeciesSetup {
  Species species;
  double initial = 0.0;
  std::vector<double> boundary;  ///< per layer
  bool pm25 = false;             ///< an aerosol counted in the derived `pm25` output
  bool primary_organic = false;  ///< an aerosol of primary organic matter (absorbs SOA)
};

/// An output variable computed from several species: the sum of their mass concentrations [ug m-3].
struct DerivedOutput {
  std::string name, standard_name, long_name;
  std::vector<std::size_t> species;  ///< indices into CaseDefinition::species
  /// Per species: kg per unit of the carried quantity (1 for aerosols in kg m-3; the nitrate-ion molar mass
  /// for GRS's SNGN, a particulate nitrate carried in mol m-3).
  std::vector<double> factors;
};

/// Everything a run needs, resolved from a validated case file: SI units, the grid built, sources placed.
/// Building it performs every check that needs no data files, so a bad case fails before any work.
struct CaseDefinition {
  std::string name;
  std::string case_file;  ///< where it came from ("embedded:kangbashi" or a path)
  UtcTime start;
  double hours = 0;
  double utc_offset_hours = 0;
  Grid grid;

  enum class MetKind { file, idealised } met_kind = MetKind::file;
  std::string met_file;  ///< resolved path or glob (relative to the case file's folder when given relative)
  std::vector<std::string> met_files;  ///< `meteorology.files`, resolved (WRF output as several files)
  MetFormat met_format = MetFormat::automatic;
  double met_record_interval = 3600;
  int met_margin = 3;
  IdealisedMetParams idealised;
  KzOptions kz;

  std::vector<SpeciesSetup> species;
  std::string boundary_file;  ///< NetCDF boundary profiles, empty if none (already applied to `species`)
  std::vector<PointRelease> points;
  std::vector<AreaRelease> areas;
  /// The inventory's files, resolved ("embedded:<case>/..." for an embedded case); read when the run starts.
  InventoryFiles emission_files;
  emis::EmissionOptions emission_options;
  bool has_inventory() const;

  std::string mechanism;      ///< empty: no chemistry
  chem::Mechanism chemistry;  ///< the loaded mechanism when `mechanism` is not empty
  ChemistryOptions chemistry_options;
  double chemistry_max_timestep = 600;
  bool dry_deposition = false;  ///< only with a mechanism
  DryDepositionOptions deposition;
  /// Below-cloud scavenging, only with a mechanism; the run applies it only when the met has precipitation.
  bool wet_deposition = false;

  TransportOptions transport;
  double max_timestep = 900;

  ApportionmentOptions apportionment;

  std::string output_file;
  double output_interval = 3600;
  std::vector<std::string> output_species;
  std::string checkpoint_file;
  double checkpoint_interval_hours = 24;

  std::string effective_config;  ///< the case as validated, defaults filled (YAML)

  SpeciesList species_list() const;
  /// `pm25` (every species with `pm25`), `pm10` (every aerosol, written only when a coarse species exists)
  /// and `soa` (SOA1..SOA4, SOPA, SOPB), each when it has species.
  std::vector<DerivedOutput> derived_outputs() const;
  double end_time() const { return hours * 3600.0; }
};

/// Build from a validated Config. `case_dir` resolves relative paths of files the run writes and of the
/// meteorology and boundary files; `input_dir` (default: case_dir) those of the emission inventory, which an
/// embedded case serves from memory ("embedded:kangbashi"). Throws InputError.
CaseDefinition build_case(const Config& config, const std::string& case_file, const std::string& case_dir,
                          const std::string& input_dir = "");

/// The meteorology files a run reads: `meteorology.files` when given, else `file` (the idealised file, the
/// case's file or its glob).
std::vector<std::string> met_files_of(const CaseDefinition& c, const std::string& file);

/// The met grid for idealised meteorology: the model grid widened by `margin` cells on each side.
Grid widened_grid(const Grid& grid, int margin);

}  // namespace airshed
