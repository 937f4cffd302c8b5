// SPDX-License-Identifier: Apache-2.0
#include "driver/apportionment_output.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/error.hpp"
#include "driver/emission_setup.hpp"

namespace airshed {

namespace {

constexpr double kPpb = 1e-9;      // mole fraction per ppb
constexpr double kUgPerM3 = 1e-9;  // kg m-3 per ug m-3

std::string companion(const std::string& output, const std::string& suffix) {
  std::filesystem::path p(output);
  return (p.parent_path() / (p.stem().string() + suffix)).string();
}

}  // namespace

ApportionmentOutput::ApportionmentOutput(const CaseDefinition& c, const Apportionment& tags,
                                         const std::string& output_file, const OutputAttributes& attributes)
    : case_(c), tags_(tags) {
  const ApportionmentOptions& ap = c.apportionment;
  // Quantities: the listed species and derived outputs, or O3, PM2.5 and its tagged components.
  std::vector<std::string> names = ap.output_species;
  const std::vector<DerivedOutput> derived = c.derived_outputs();
  if (names.empty()) {
    for (const char* n : {"O3", "pm25", "PSO4", "PNO3", "PNH4", "soa", "PEC", "POA", "PMFINE"})
      names.push_back(n);
    // An inert case: every tagged species.
    if (c.mechanism.empty())
      for (std::size_t s = 0; s < c.species.size(); ++s) names.push_back(c.species[s].species.name);
  }
  auto add = [&](const std::string& name) {
    for (const Quantity& q : quantities_)
      if (q.name == name) return;
    for (std::size_t s = 0; s < c.species.size(); ++s) {
      const Species& sp = c.species[s].species;
      if (sp.name != name) continue;
      if (!tags_.tagged(s)) return;
      const bool gas = sp.phase == Phase::gas;
      quantities_.push_back({name, gas ? "ppb" : "ug m-3", {s}, {1.0}, gas, -1});
      if (name == "O3" && tags_.layout().ozone >= 0) {
        quantities_.push_back({"O3N", "ppb", {s}, {1.0}, true, kO3N});
        quantities_.push_back({"O3V", "ppb", {s}, {1.0}, true, kO3V});
      }
      return;
    }
    for (const DerivedOutput& o : derived) {
      if (o.name != name) continue;
      Quantity q{name, "ug m-3", {}, {}, false, -1};
      for (std::size_t n = 0; n < o.species.size(); ++n)
        if (tags_.tagged(o.species[n])) {
          q.species.push_back(o.species[n]);
          q.factors.push_back(o.factors[n]);
        }
      if (!q.species.empty()) quantities_.push_back(std::move(q));
    }
  };
  for (const std::string& n : names) add(n);

  if (!ap.receptors_file.empty()) {
    receptors_ = read_receptors(ap.receptors_file, read_case_input(ap.receptors_file));
    cells_ = locate_receptors(c.grid, receptors_);
  }
  std::vector<std::string> sites;
  for (const Receptor& r : receptors_) sites.push_back(r.name);
  if (!ap.area.empty()) {
    const Array2& mask = tags_.groups().region_mask(ap.area);
    for (int j = 0; j < c.grid.ny(); ++j)
      for (int i = 0; i < c.grid.nx(); ++i)
        if (mask(i, j) > 0.5) area_cells_.push_back({i, j});
    if (area_cells_.empty())
      throw InputError(c.case_file, "apportionment.area '" + ap.area + "' holds no cell centre of the grid");
    sites.push_back(ap.area);
  }
  const std::size_t ng = tags_.groups().size();
  for (const std::string& site : sites)
    for (const Quantity& q : quantities_)
      series_.push_back({site, q.name, q.unit, {}, std::vector<std::vector<double>>(ng)});

  nc_path_ = ap.file.empty() ? companion(output_file, "-tags.nc") : ap.file;
  series_path_ = companion(output_file, "-receptors.csv");
  table_path_ = companion(output_file, "-apportionment.csv");
  std::vector<OutputVariable> vars;
  for (const Quantity& q : quantities_) {
    std::string long_name = "contribution of each source group to " + q.name;
    if (q.slot == kO3N)
      long_name = "contribution of each source group to O3 made under NOx-limited conditions";
    if (q.slot == kO3V)
      long_name = "contribution of each source group to O3 made under VOC-limited conditions";
    vars.push_back({q.name, q.unit, "", long_name,
                    "tags split like their host family (docs/apportionment.md); the groups sum to the host"});
  }
  OutputAttributes attrs = attributes;
  attrs.title = "airshed source apportionment (tagging) of case " + c.name;
  writer_ = std::make_unique<CfTagOutputWriter>(nc_path_, c.grid, ap.output_layers, tags_.groups().names(),
                                                vars, attrs, c.start);
}

ApportionmentOutput::~ApportionmentOutput() = default;

std::vector<std::string> ApportionmentOutput::quantities() const {
  std::vector<std::string> out;
  for (const Quantity& q : quantities_) out.push_back(q.name);
  return out;
}

double ApportionmentOutput::value(const State& state, const Quantity& q, std::size_t group, int i, int j,
                                  int k) const {
  double sum = 0.0;
  for (std::size_t n = 0; n < q.species.size(); ++n)
    sum += q.factors[n] * tags_.contribution(state, q.species[n], group, i, j, k, q.slot);
  return q.gas ? sum / state.air()(i, j, k) / kPpb : sum / kUgPerM3;
}

double ApportionmentOutput::host_value(const State& state, const Quantity& q, int i, int j, int k) const {
  double sum = 0.0;
  for (std::size_t n = 0; n < q.species.size(); ++n)
    sum += q.factors[n] * state.species_field(q.species[n])(i, j, k);
  return q.gas ? sum / state.air()(i, j, k) / kPpb : sum / kUgPerM3;
}

void ApportionmentOutput::record(const State& state, UtcTime time) {
  const Grid& g = case_.grid;
  const int nl = case_.apportionment.output_layers;
  const std::size_t ng = tags_.groups().size();
  std::vector<std::vector<Array3>> fields(quantities_.size());
  std::vector<std::vector<const Array3*>> ptrs(quantities_.size());
  for (std::size_t q = 0; q < quantities_.size(); ++q) {
    fields[q].assign(ng, Array3(g.nx(), g.ny(), nl));
    for (std::size_t grp = 0; grp < ng; ++grp) {
      Array3& a = fields[q][grp];
      for (int k = 0; k < nl; ++k)
        for (int j = 0; j < g.ny(); ++j)
          for (int i = 0; i < g.nx(); ++i) a(i, j, k) = value(state, quantities_[q], grp, i, j, k);
      ptrs[q].push_back(&a);
    }
  }
  writer_->write_record(time, ptrs);

  // Hourly series: whole hours after the start (the initial state is not a simulated hour).
  const std::int64_t since = time.seconds - case_.start.seconds;
  if (since <= 0 || since % 3600 != 0) return;
  hours_.push_back(time);
  std::size_t n = 0;
  auto site = [&](const std::vector<std::pair<int, int>>& cells) {
    for (const Quantity& q : quantities_) {
      SiteSeries& s = series_[n++];
      // The N and V parts share the total O3's peak window (apportionment_table chooses it from `host`).
      Quantity host_q = q;
      host_q.slot = -1;
      double host = 0.0;
      std::vector<double> by(ng, 0.0);
      for (const auto& [i, j] : cells) {
        host += host_value(state, host_q, i, j, 0);
        for (std::size_t grp = 0; grp < ng; ++grp) by[grp] += value(state, q, grp, i, j, 0);
      }
      const double count = static_cast<double>(cells.size());
      s.host.push_back(host / count);
      for (std::size_t grp = 0; grp < ng; ++grp) s.by_tag[grp].push_back(by[grp] / count);
    }
  };
  for (const ReceptorCell& c : cells_) site({{c.i, c.j}});
  if (!area_cells_.empty()) site(area_cells_);
}

void ApportionmentOutput::commit() {
  writer_->commit();
  if (series_.empty() || hours_.empty()) return;
  const std::vector<std::string>& names = tags_.groups().names();
  write_receptor_series_csv(series_path_, hours_, case_.utc_offset_hours, names, series_);
  write_apportionment_csv(table_path_, apportionment_table(hours_, case_.utc_offset_hours, names, series_,
                                                           case_.apportionment.peak_window_hours));
}

}  // namespace airshed
