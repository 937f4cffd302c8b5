// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "driver/case_definition.hpp"
#include "io/cf_output_writer.hpp"
#include "io/cf_tag_output_writer.hpp"
#include "io/receptor_reader.hpp"
#include "solver/state.hpp"
#include "tagging/apportionment.hpp"
#include "tagging/apportionment_tables.hpp"

namespace airshed {

/// What a tagged run writes besides its main output (docs/apportionment-outputs.md): the contribution
/// fields of each group (CF NetCDF with a `tag` dimension), the hourly series at the receptors and over
/// the tabulated area, and the per-day and per-episode share tables. The quantities are the
/// `apportionment.output_species` (default: O3 and PM2.5 with its tagged components), each split like its
/// host, plus O3N and O3V (the O3 made under NOx- and VOC-limited conditions, and the inflow and initial
/// O3 split evenly between them).
class ApportionmentOutput {
 public:
  /// Reads and places the receptors (InputError before anything is written); opens the contribution file
  /// under a temporary name.
  ApportionmentOutput(const CaseDefinition& c, const Apportionment& tags, const std::string& output_file,
                      const OutputAttributes& attributes);
  ~ApportionmentOutput();

  /// An output time: the contribution record, and the series when it is a whole hour after the start.
  void record(const State& state, UtcTime time);
  /// Commit the contribution file and write the two CSV files.
  void commit();

  const std::string& contribution_file() const { return nc_path_; }
  const std::string& series_file() const { return series_path_; }
  const std::string& table_file() const { return table_path_; }
  /// Names of the quantities written.
  std::vector<std::string> quantities() const;

 private:
  struct Quantity {
    std::string name, unit;
    std::vector<std::size_t> species;  ///< case species summed
    std::vector<double> factors;       ///< per species: to output units (kg per unit for aerosols)
    bool gas = false;
    int slot = -1;  ///< O3N / O3V: the ozone slot
  };
  double value(const State& state, const Quantity& q, std::size_t group, int i, int j, int k) const;
  double host_value(const State& state, const Quantity& q, int i, int j, int k) const;

  const CaseDefinition& case_;
  const Apportionment& tags_;
  std::vector<Quantity> quantities_;
  std::vector<Receptor> receptors_;
  std::vector<ReceptorCell> cells_;
  std::vector<std::pair<int, int>> area_cells_;
  std::string nc_path_, series_path_, table_path_;
  std::unique_ptr<CfTagOutputWriter> writer_;
  std::vector<UtcTime> hours_;
  std::vector<SiteSeries> series_;  ///< [site * quantities + q]
};

}  // namespace airshed
