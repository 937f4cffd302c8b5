// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "core/met_source.hpp"
#include "driver/case_definition.hpp"
#include "emissions/emission_adjustment.hpp"
#include "parallel/communicator.hpp"
#include "solver/state.hpp"

namespace airshed {

struct RunOptions {
  std::string output;   ///< output path; empty: the case's output.file
  std::string restart;  ///< checkpoint to continue from; empty: start from the initial conditions
  std::string history;  ///< the command line, for the output's history attribute
  std::ostream* progress = nullptr;  ///< where progress lines go (nullptr: silent)
  bool terminal = false;             ///< rewrite one progress line in place

  // Ensemble members (brute-force and Shapley attribution, scenarios) share what they have in common and
  // change only what differs; a plain run leaves all of these at their defaults.
  /// Meteorology already open (and safe to read from several threads); nullptr: open the case's. An
  /// idealised case's file must then have been written already.
  const MetSource* met = nullptr;
  /// Emission model already built from the case's inventory; nullptr: build it.
  const emis::EmissionModel* emissions = nullptr;
  /// Multiplies inventory emissions (emitter, pollutant, cell, hour); nullptr: none.
  const emis::EmissionAdjustment* adjustment = nullptr;
  double boundary_factor = 1.0;  ///< multiplies every species' inflow through the lateral and top boundaries
  double initial_factor = 1.0;   ///< multiplies every species' initial value
  /// Source apportionment (the case's `apportionment` section) when it is enabled there.
  bool apportionment = true;
  /// false: write neither the output file, its companions nor checkpoints (members report via on_record).
  bool write_files = true;
  /// Called at every output time (the initial state included) with the state and the UTC time; in a
  /// decomposed run on the communicator's rank 0 only, with the gathered whole-grid state.
  std::function<void(const State&, UtcTime)> on_record;

  /// The ranks that run this case together, each on one block of the grid (MPI domain decomposition);
  /// nullptr: this process alone. Rank 0 gathers the blocks and writes every file.
  const parallel::Communicator* ranks = nullptr;
  /// The block layout: "auto" (fewest cut cells) or "PXxPY" with PX * PY = the number of ranks.
  std::string decomposition = "auto";
};

/// An output species in output units (gases ppb of the carried air, aerosols ug m-3), (nx, ny, nz).
Array3 species_output(const State& state, std::size_t species);
/// A derived output (pm25, pm10, soa) in ug m-3.
Array3 derived_output(const State& state, const DerivedOutput& output);

struct RunSummary {
  std::string output_file, met_file, checkpoint_file;
  std::size_t steps = 0, records = 0;
  double start_hours = 0, end_hours = 0, wall_seconds = 0;
  double dt_min = 0, dt_max = 0, dt_mean = 0;
  double step_seconds = 0, chemistry_seconds = 0;  ///< wall time in the split steps, and in their chemistry
  std::map<std::string, std::size_t> limited_by;   ///< operator -> number of steps it limited
  std::vector<std::string> field_names;            ///< "air" then the species
  std::vector<double> budget_closure;              ///< relative residual per field
  std::vector<double> emitted, boundary_inflow, chemical, deposited, domain_now;  ///< per field, mol or kg
  double max_air_density_drift = 0;  ///< max |air/rho_met - 1| at the end
  std::vector<double> max_value;     ///< per species, output units, at the end
  std::vector<std::string> units;    ///< per species output units
  std::string wet_deposition;        ///< how wet scavenging ran ("off, ..."); empty without chemistry
  emis::PollutantValues
      inventory_emitted;  ///< kg per pollutant the inventory emitted in this run (scenario factors applied)
  std::string apportionment;        ///< what was tagged; empty without tagging
  std::string apportionment_files;  ///< the contribution file, series and table written
  double tag_closure_gap = 0;       ///< largest |sum of tags / host - 1| before a step's closure
  int ranks = 1;                    ///< MPI ranks the grid was decomposed over
  std::string decomposition;        ///< the block layout ("2 x 2 blocks of ..."); empty with one rank
  double halo_seconds = 0;          ///< rank 0's wall time in halo exchanges and agreements
  double halo_bytes_per_step = 0;   ///< bytes rank 0 sent to its neighbours per step
};

/// Run a case: meteorology (writing the idealised file first when asked), initial conditions or a
/// checkpoint, the split time loop with hourly CF output and scheduled checkpoints. Outputs and
/// checkpoints appear atomically. Throws InputError for bad inputs (before any output is committed).
RunSummary run_case(const CaseDefinition& c, const RunOptions& options);

/// A few lines for the end of a run.
std::string format_summary(const RunSummary& s);

/// Default companion paths derived from the output path: "<stem>-met.nc", "<stem>.checkpoint.h5".
std::string derived_path(const std::string& output, const std::string& suffix);

}  // namespace airshed
