// SPDX-License-Identifier: Apache-2.0
#include "driver/run.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

#include "airshed_version.hpp"
#include "core/error.hpp"
#include "driver/apportionment_output.hpp"
#include "driver/emission_setup.hpp"
#include "driver/make_met.hpp"
#include "driver/met_setup.hpp"
#include "driver/progress.hpp"
#include "io/cf_output_writer.hpp"
#include "io/checkpoint.hpp"
#include "met/met_interpolator.hpp"
#include "parallel/broadcast_met_source.hpp"
#include "parallel/domain_decomposition.hpp"
#include "solver/mass_budget.hpp"
#include "solver/transport_model.hpp"
#include "solver/wet_deposition.hpp"
#include "tagging/apportionment.hpp"

namespace airshed {

namespace {

constexpr double kPpb = 1e-9;      // mole fraction per ppb
constexpr double kUgPerM3 = 1e-9;  // kg m-3 per ug m-3

std::string grid_fingerprint(const Grid& g) {
  std::ostringstream os;
  os.precision(17);
  os << g.nx() << " " << g.ny() << " " << g.nz() << " " << g.dx() << " " << g.dy() << " " << g.x_west() << " "
     << g.y_south() << " " << g.layers().top();
  return os.str();
}

std::string species_fingerprint(const SpeciesList& s) {
  std::string out;
  for (const auto& sp : s) out += sp.name + (sp.phase == Phase::gas ? ":gas " : ":aerosol ");
  return out;
}

std::string field_name(const State& st, std::size_t f) {
  return f == 0 ? "air" : st.species()[f - 1].name;
}

std::string output_units(const Species& s) {
  return s.phase == Phase::gas ? "ppb" : "ug m-3";
}

/// Checkpoint name of tag t: "tags/<family>/<slot>/<group>".
std::string tag_key(const Apportionment& a, std::size_t t) {
  const TagLayout& L = a.layout();
  const std::size_t slot_index = t / L.groups, g = t % L.groups;
  std::size_t f = 0;
  while (f + 1 < L.families.size() && L.slot_base[f + 1] <= slot_index) ++f;
  return "tags/" + L.families[f].name + "/" + std::to_string(slot_index - L.slot_base[f]) + "/" +
         a.groups().name(g);
}

void save_checkpoint(const std::string& path, const CaseDefinition& c, const State& st, const MassBudget& b,
                     std::int64_t step, std::size_t met_lower, Apportionment* tags) {
  CheckpointData d;
  d.fields["air"] = st.air().interior();
  for (std::size_t s = 0; s < st.n_species(); ++s)
    d.fields["species/" + st.species()[s].name] = st.species_field(s).interior();
  if (tags) {
    for (std::size_t t = 0; t < st.n_tags(); ++t) d.fields[tag_key(*tags, t)] = st.tag_field(t).interior();
    const std::vector<double>& voc = tags->voc_emitted();
    for (std::size_t n = 0; n < voc.size(); ++n) d.reals["tags.voc_emitted." + std::to_string(n)] = voc[n];
  }
  d.reals["time"] = st.time;
  d.integers["step"] = step;
  d.integers["met_lower_record"] = static_cast<std::int64_t>(met_lower);
  d.integers["start"] = c.start.seconds;
  for (std::size_t f = 0; f <= st.n_species(); ++f) {
    const std::string n = field_name(st, f);
    d.reals["budget.initial." + n] = b.initial[f];
    d.reals["budget.emitted." + n] = b.emitted[f];
    d.reals["budget.chemical." + n] = b.chemical[f];
    d.reals["budget.deposited." + n] = b.deposited[f];
    d.reals["budget.west." + n] = b.exchange.west[f];
    d.reals["budget.east." + n] = b.exchange.east[f];
    d.reals["budget.south." + n] = b.exchange.south[f];
    d.reals["budget.north." + n] = b.exchange.north[f];
    d.reals["budget.top." + n] = b.exchange.top[f];
  }
  d.texts["grid"] = grid_fingerprint(st.grid());
  d.texts["species"] = species_fingerprint(st.species());
  d.texts["case"] = c.name;
  d.texts["config"] = c.effective_config;
  write_checkpoint(path, d);
}

std::int64_t load_checkpoint(const std::string& path, const CaseDefinition& c, State& st, MassBudget& b,
                             Apportionment* tags) {
  const CheckpointData d = read_checkpoint(path);
  auto text = [&](const std::string& key) {
    auto it = d.texts.find(key);
    if (it == d.texts.end()) throw InputError(path, "checkpoint has no '" + key + "' entry");
    return it->second;
  };
  auto real = [&](const std::string& key) {
    auto it = d.reals.find(key);
    if (it == d.reals.end()) throw InputError(path, "checkpoint has no '" + key + "' entry");
    return it->second;
  };
  if (text("grid") != grid_fingerprint(st.grid()))
    throw InputError(path, "checkpoint grid (" + text("grid") + ") differs from the case grid (" +
                               grid_fingerprint(st.grid()) + ")");
  if (text("species") != species_fingerprint(st.species()))
    throw InputError(path, "checkpoint species (" + text("species") + ") differ from the case species (" +
                               species_fingerprint(st.species()) + ")");
  auto start = d.integers.find("start");
  if (start == d.integers.end() || start->second != c.start.seconds)
    throw InputError(path, "checkpoint belongs to a run that started at a different time than case.start");
  auto field = [&](const std::string& key) -> const Array3& {
    auto it = d.fields.find(key);
    if (it == d.fields.end()) throw InputError(path, "checkpoint has no field '" + key + "'");
    return it->second;
  };
  st.air().set_interior(field("air"));
  for (std::size_t s = 0; s < st.n_species(); ++s)
    st.species_field(s).set_interior(field("species/" + st.species()[s].name));
  if (tags) {
    if (!d.fields.count(tag_key(*tags, 0)))
      throw InputError(path,
                       "checkpoint has no source-apportionment tags of these groups (written by a run "
                       "without apportionment or with other groups)");
    for (std::size_t t = 0; t < st.n_tags(); ++t) st.tag_field(t).set_interior(field(tag_key(*tags, t)));
    std::vector<double>& voc = tags->voc_emitted();
    for (std::size_t n = 0; n < voc.size(); ++n) voc[n] = real("tags.voc_emitted." + std::to_string(n));
    tags->update_voc_weights();
  }
  st.time = real("time");
  b.start(st);
  for (std::size_t f = 0; f <= st.n_species(); ++f) {
    const std::string n = field_name(st, f);
    b.initial[f] = real("budget.initial." + n);
    b.emitted[f] = real("budget.emitted." + n);
    b.chemical[f] = real("budget.chemical." + n);
    // Checkpoints written before dry deposition existed have no entry: nothing was deposited then.
    const auto deposited = d.reals.find("budget.deposited." + n);
    b.deposited[f] = deposited == d.reals.end() ? 0.0 : deposited->second;
    b.exchange.west[f] = real("budget.west." + n);
    b.exchange.east[f] = real("budget.east." + n);
    b.exchange.south[f] = real("budget.south." + n);
    b.exchange.north[f] = real("budget.north." + n);
    b.exchange.top[f] = real("budget.top." + n);
  }
  auto step = d.integers.find("step");
  return step == d.integers.end() ? 0 : step->second;
}

/// The budget of the whole domain from every rank's part (each rank accumulates what its own cells saw).
MassBudget whole_budget(const parallel::Communicator& ranks, const MassBudget& part) {
  if (ranks.size() == 1) return part;
  MassBudget b = part;
  for (std::vector<double>* v : b.sums()) ranks.sum_in_rank_order(*v);
  return b;
}

/// Stop with the first cell of this rank's block that holds NaN or infinity, naming species, cell and time:
/// a value that is not finite would otherwise spread through the transport and reach every rank. Checked at
/// the start (a damaged checkpoint) and at every output time, where it costs one pass over the state.
void check_finite(const State& st, UtcTime now) {
  const ColumnBlock& b = st.block();
  for (std::size_t f = 0; f < st.n_fields(); ++f)
    for (int k = 0; k < st.grid().nz(); ++k)
      for (int j = b.j0; j < b.j1; ++j)
        for (int i = b.i0; i < b.i1; ++i)
          if (!std::isfinite(st.field(f)(i, j, k))) {
            const std::string name = f <= st.n_species() ? field_name(st, f) : "a source-apportionment tag";
            throw NumericalError("a value is not finite: " + name + " = " +
                                 std::to_string(st.field(f)(i, j, k)) + " in cell (" + std::to_string(i) +
                                 "," + std::to_string(j) + "," + std::to_string(k) + ") at " +
                                 format_utc(now));
          }
}

/// check_finite on every rank of `ranks`, agreed: a problem on any rank stops them all with the same
/// RankFailure naming that rank (so no rank is left waiting and every file is cleaned up).
void agree_finite(const parallel::Communicator& ranks, const State& st, UtcTime now) {
  std::string problem;
  try {
    check_finite(st, now);
  } catch (const NumericalError& e) {
    problem = e.what();
  }
  ranks.agree(problem, 1);
}

/// Strip the location from an operator's reason ("advection x-CFL at cell (3,4,0)" -> "advection x-CFL").
std::string reason_kind(const std::string& reason) {
  return reason.substr(0, reason.find(" at cell"));
}

}  // namespace

/// Output conversion at the edge: gases to ppb of the carried air, aerosols to ug m-3.
Array3 species_output(const State& st, std::size_t s) {
  Array3 a = st.species_field(s).interior();
  const Field3& air = st.air();
  const Grid& g = st.grid();
  for (int k = 0; k < g.nz(); ++k)
    for (int j = 0; j < g.ny(); ++j)
      for (int i = 0; i < g.nx(); ++i)
        a(i, j, k) =
            st.species()[s].phase == Phase::gas ? a(i, j, k) / air(i, j, k) / kPpb : a(i, j, k) / kUgPerM3;
  return a;
}

/// A derived output: the sum of its aerosol species, in ug m-3, each cell summed in the listed order.
Array3 derived_output(const State& st, const DerivedOutput& o) {
  const Grid& g = st.grid();
  Array3 a(g.nx(), g.ny(), g.nz());
  for (int k = 0; k < g.nz(); ++k)
    for (int j = 0; j < g.ny(); ++j)
      for (int i = 0; i < g.nx(); ++i) {
        double sum = 0.0;
        for (std::size_t n = 0; n < o.species.size(); ++n)
          sum += o.factors[n] * st.species_field(o.species[n])(i, j, k);
        a(i, j, k) = sum / kUgPerM3;
      }
  return a;
}

std::string derived_path(const std::string& output, const std::string& suffix) {
  std::filesystem::path p(output);
  return (p.parent_path() / (p.stem().string() + suffix)).string();
}

RunSummary run_case(const CaseDefinition& c, const RunOptions& options) {
  RunSummary summary;
  summary.output_file = options.output.empty() ? c.output_file : options.output;
  summary.checkpoint_file =
      c.checkpoint_file.empty() ? derived_path(summary.output_file, ".checkpoint.h5") : c.checkpoint_file;
  const Grid& grid = c.grid;
  // Domain decomposition: this process updates one block of columns; rank 0 gathers and writes.
  const parallel::Communicator ranks = options.ranks ? *options.ranks : parallel::Communicator(0, 0, 1);
  parallel::DomainDecomposition decomposition(
      ranks, grid, options.decomposition, c.transport.x_boundary == BoundaryKind::periodic,
      c.transport.y_boundary == BoundaryKind::periodic, "--decomposition",
      c.mechanism.empty() ? 1 : c.chemistry_options.block_width);
  const ColumnBlock block = decomposition.block();
  const bool root = ranks.root();

  // The inventory is read and checked before anything is written.
  const std::unique_ptr<emis::EmissionModel> own_emissions =
      options.emissions ? nullptr : build_emission_model(c);
  const emis::EmissionModel* emissions = options.emissions ? options.emissions : own_emissions.get();

  // Meteorology: an idealised case writes its CF file first and then reads it like any other file.
  summary.met_file = c.met_file;
  std::unique_ptr<CaseMeteorology> meteorology;
  if (!options.met) {
    if (c.met_kind == CaseDefinition::MetKind::idealised) {
      if (summary.met_file.empty()) summary.met_file = derived_path(summary.output_file, "-met.nc");
      if (root) make_idealised_met(c, summary.met_file, options.history);
      ranks.barrier();  // the other ranks read the file rank 0 wrote
    }
    meteorology = std::make_unique<CaseMeteorology>(met_files_of(c, summary.met_file), c.met_format, grid);
    summary.met_file = meteorology->description();
  }
  const MetSource& met_file = options.met ? *options.met : meteorology->source();
  // A decomposed run reads each record once, on rank 0, and broadcasts it.
  const parallel::BroadcastMetSource broadcast_met(met_file, ranks);
  const MetSource& met_source = decomposition.decomposed() ? broadcast_met : met_file;
  MetInterpolator met(met_source, grid, c.start, c.kz);
  // Check the met covers the whole run now, not hours into it.
  if (met.record_time(0) > 0.0 || met.record_time(met.records() - 1) < c.end_time())
    throw InputError(summary.met_file,
                     "meteorology covers " + format_utc(met_source.times().front()) + " to " +
                         format_utc(met_source.times().back()) + " but the run needs " + format_utc(c.start) +
                         " to " +
                         format_utc(UtcTime{c.start.seconds + static_cast<std::int64_t>(c.end_time())}));

  // Source apportionment: groups (of the inventory's emitters and the case file's releases), families and
  // the layout of the tag fields, which the State carries after the species.
  const bool tagging = c.apportionment.enabled && options.apportionment;
  std::vector<EmitterIdentity> emitter_ids;
  if (emissions)
    for (const emis::Emitter& e : emissions->emitters())
      emitter_ids.push_back({e.source_id, e.category, e.region});
  std::vector<EmitterIdentity> all_ids = emitter_ids;
  for (const PointRelease& p : c.points) all_ids.push_back({p.name, "release", ""});
  for (const AreaRelease& a : c.areas) all_ids.push_back({a.name, "release", ""});
  std::optional<TagLayout> tag_layout;
  std::optional<TagGroups> tag_groups;
  if (tagging) {
    tag_groups.emplace(grid, c.apportionment.groups, c.apportionment.regions, all_ids,
                       c.case_file + ": apportionment");
    tag_layout.emplace(tag_families(c.species_list(), c.mechanism.empty() ? nullptr : &c.chemistry),
                       tag_groups->size(), tag_groups->other());
  }
  State state(grid, c.species_list(), tag_layout ? tag_layout->tags() : 0, block);
  // Rank 0 of a decomposed run gathers the blocks here for output, checkpoints and the summary.
  std::unique_ptr<State> gathered;
  if (decomposition.decomposed() && root)
    gathered = std::make_unique<State>(grid, c.species_list(), tag_layout ? tag_layout->tags() : 0);
  const State& whole = gathered ? *gathered : state;  // meaningful on rank 0
  auto gather = [&]() {
    if (!decomposition.decomposed()) return;
    decomposition.gather(state, gathered.get());
    if (gathered) gathered->time = state.time;
  };
  TransportModel transport(grid, state, c.transport);
  transport.set_halo_exchange(decomposition.halo());
  // Under a decomposition the step loop interpolates the met only on this rank's block and the ring its
  // operators read (the halo); what reads the met anywhere (boundary profiles, plume rise of every stack, the
  // summary) asks for the whole grid.
  if (decomposition.decomposed()) {
    const int h = grid.halo();
    met.set_window({std::max(block.i0 - h, 0), std::min(block.i1 + h, grid.nx()), std::max(block.j0 - h, 0),
                    std::min(block.j1 + h, grid.ny())});
  }
  const MetState& met0 = met.at_whole(0.0);
  // Boundary mixing ratios: ppb -> mol/mol for gases; ug m-3 -> kg per mol of air for aerosols, using the
  // layer-mean density at the start (an aerosol inflow profile is a mass concentration at that density).
  for (std::size_t s = 0; s < c.species.size(); ++s) {
    std::vector<double>& q = transport.boundary().profile(s + 1);
    for (int k = 0; k < grid.nz(); ++k) {
      double rho = 0.0;
      for (int j = 0; j < grid.ny(); ++j)
        for (int i = 0; i < grid.nx(); ++i) rho += met0.air_density(i, j, k);
      rho /= static_cast<double>(grid.nx()) * grid.ny();
      q[k] = options.boundary_factor * (c.species[s].species.phase == Phase::gas
                                            ? c.species[s].boundary[k] * kPpb
                                            : c.species[s].boundary[k] * kUgPerM3 / rho);
    }
  }
  std::unique_ptr<ChemistryStep> chemistry;
  if (!c.mechanism.empty()) {
    chemistry = std::make_unique<ChemistryStep>(grid, state, c.chemistry, c.chemistry_options, c.start);
    transport.set_chemistry(chemistry.get());
  }
  std::unique_ptr<Apportionment> apportionment;
  if (tagging) {
    apportionment = std::make_unique<Apportionment>(
        grid, state, std::move(*tag_layout), std::move(*tag_groups),
        chemistry ? &chemistry->system() : nullptr, chemistry.get(), c.apportionment.regime_threshold);
    for (const PointRelease& p : c.points)
      apportionment->add_release(TracerSources(grid, c.species.size(), {p}, {}).rates(),
                                 {p.name, "release", ""});
    for (const AreaRelease& a : c.areas)
      apportionment->add_release(TracerSources(grid, c.species.size(), {}, {a}).rates(),
                                 {a.name, "release", ""});
    apportionment->set_boundary(transport.boundary());
    transport.set_tag_hooks(apportionment.get());
  }
  transport.set_sources(TracerSources(grid, c.species.size(), c.points, c.areas));
  // Inventory emissions are constant over each UTC hour, evaluated with the met at the hour's middle
  // (clamped to the run), so the steps never straddle an hour and the mass emitted does not depend on them.
  constexpr double kHour = 3600.0;
  auto hour_start_of = [&](double t) {
    const double abs = static_cast<double>(c.start.seconds) + t;
    return UtcTime{static_cast<std::int64_t>(std::floor(abs / kHour + 1e-9)) *
                   static_cast<std::int64_t>(kHour)};
  };
  auto set_emission_hour = [&](double t) {
    const UtcTime hour = hour_start_of(t);
    const double mid =
        std::clamp(static_cast<double>(hour.seconds - c.start.seconds) + 0.5 * kHour, 0.0, c.end_time());
    const MetFields met_mid = met.at_whole(mid).fields;
    TracerSources sources(grid, c.species.size(), c.points, c.areas);
    emis::EmissionModel::HourlyExtras extras;
    extras.adjustment = options.adjustment;
    emis::CategoryRates by_category;
    extras.by_category = &by_category;
    std::vector<EmissionRates> by_emitter;
    if (apportionment) extras.by_emitter_cells = &by_emitter;
    sources.add(emissions->hourly_rates(hour, met_mid, extras));
    if (apportionment) apportionment->set_emissions(by_emitter, emitter_ids, kHour);
    // What the inventory emits while this hour's rates apply in this run (from t to the hour's end or the
    // run's end), per pollutant: the totals a scenario check computes.
    const double span =
        std::min(static_cast<double>(hour.seconds - c.start.seconds) + kHour, c.end_time()) - t;
    for (const auto& [category, rates] : by_category)
      for (emis::Pollutant q : emis::kAllPollutants) summary.inventory_emitted[q] += rates[q] * span;
    transport.set_sources(std::move(sources));
  };
  std::unique_ptr<DryDeposition> deposition;
  if (c.dry_deposition) {
    deposition = std::make_unique<DryDeposition>(grid, state, c.deposition, c.start);
    transport.set_dry_deposition(deposition.get());
  }
  // Wet scavenging needs the met's precipitation rate (WRF RAINC + RAINNC, CF precipitation_flux); a met
  // without it (idealised, most CF files) has none at any time, so the operator is not built at all.
  std::unique_ptr<WetDeposition> wet_deposition;
  if (c.wet_deposition) {
    if (met0.fields.precipitation_rate.empty()) {
      summary.wet_deposition = "off, the meteorology has no precipitation rate";
    } else {
      wet_deposition = std::make_unique<WetDeposition>(grid, state);
      transport.set_wet_deposition(wet_deposition.get());
      summary.wet_deposition = "below-cloud scavenging of " +
                               std::to_string(wet_deposition->fields().size()) +
                               " species by the meteorology's precipitation, every layer";
    }
  }

  MassBudget budget;
  std::int64_t step = 0;
  if (options.restart.empty()) {
    state.air().set_interior(met0.air_density);
    for (std::size_t s = 0; s < c.species.size(); ++s) {
      Field3& f = state.species_field(s);
      for (int k = 0; k < grid.nz(); ++k)
        for (int j = block.j0; j < block.j1; ++j)
          for (int i = block.i0; i < block.i1; ++i)
            f(i, j, k) = options.initial_factor * (c.species[s].species.phase == Phase::gas
                                                       ? c.species[s].initial * kPpb * state.air()(i, j, k)
                                                       : c.species[s].initial * kUgPerM3);
    }
    state.time = 0.0;
    if (apportionment) apportionment->set_initial(state);
    budget.start(state);
  } else {
    step = load_checkpoint(options.restart, c, state, budget, apportionment.get());
    // The checkpoint holds the whole domain's budget: rank 0 carries it on, the others add only their part.
    if (!root)
      for (std::vector<double>* v : budget.sums()) v->assign(v->size(), 0.0);
  }
  agree_finite(ranks, state, UtcTime{c.start.seconds + static_cast<std::int64_t>(std::llround(state.time))});
  const double t_end = c.end_time();
  if (state.time > t_end)
    throw InputError(options.restart, "checkpoint time is after the end of the case (case.hours)");
  summary.start_hours = state.time / 3600.0;

  // Output: species in the output plan, converted at the edge.
  std::vector<std::size_t> out_species;
  for (std::size_t s = 0; s < c.species.size(); ++s)
    if (c.output_species.empty() || std::find(c.output_species.begin(), c.output_species.end(),
                                              c.species[s].species.name) != c.output_species.end())
      out_species.push_back(s);
  std::vector<DerivedOutput> out_derived;
  for (DerivedOutput& o : c.derived_outputs())
    if (c.output_species.empty() ||
        std::find(c.output_species.begin(), c.output_species.end(), o.name) != c.output_species.end())
      out_derived.push_back(std::move(o));
  std::vector<OutputVariable> vars;
  for (std::size_t s : out_species) {
    const Species& sp = c.species[s].species;
    vars.push_back({sp.name, output_units(sp), sp.standard_name, sp.long_name,
                    sp.phase == Phase::gas
                        ? "mole fraction relative to the air density carried by the transport"
                        : "mass concentration"});
  }
  for (const DerivedOutput& o : out_derived) {
    std::string parts;
    for (std::size_t s : o.species) parts += (parts.empty() ? "" : " + ") + c.species[s].species.name;
    vars.push_back({o.name, "ug m-3", o.standard_name, o.long_name, "sum of " + parts});
  }
  OutputAttributes attrs;
  attrs.title = "airshed simulation of case " + c.name;
  attrs.history = options.history;
  attrs.source = std::string("airshed ") + AIRSHED_VERSION_STRING;
  attrs.case_name = c.name;
  {
    std::ostringstream offset;
    offset << (c.utc_offset_hours >= 0 ? "+" : "") << c.utc_offset_hours;  // 8, 5.5, -3.5 as given
    attrs.comment = "Case file: " + c.case_file + ". Times are UTC; local time is UTC" + offset.str() + ".";
  }
  std::unique_ptr<CfOutputWriter> writer;
  if (options.write_files && root)
    writer = std::make_unique<CfOutputWriter>(summary.output_file, grid, vars, attrs, c.start);
  std::unique_ptr<ApportionmentOutput> tag_output;
  if (apportionment && options.write_files && root)
    tag_output = std::make_unique<ApportionmentOutput>(c, *apportionment, summary.output_file, attrs);
  auto write_record = [&]() {
    const UtcTime now{c.start.seconds + static_cast<std::int64_t>(std::llround(state.time))};
    agree_finite(ranks, state, now);
    gather();
    if (!root) return;
    if (options.on_record) options.on_record(whole, now);
    if (tag_output) tag_output->record(whole, now);
    if (!writer) return;
    std::vector<Array3> fields;
    for (std::size_t s : out_species) fields.push_back(species_output(whole, s));
    for (const DerivedOutput& o : out_derived) fields.push_back(derived_output(whole, o));
    std::vector<const Array3*> ptrs;
    for (const auto& f : fields) ptrs.push_back(&f);
    writer->write_record(now, ptrs);
  };
  if (options.restart.empty()) write_record();

  // Events are whole multiples of their interval since the run start, so a restarted run meets them at the
  // same instants as an uninterrupted one.
  auto next_multiple = [](double t, double interval) {
    return (std::floor(t / interval + 1e-9) + 1.0) * interval;
  };
  const double ckpt_interval = c.checkpoint_interval_hours * 3600.0;
  double next_output = next_multiple(state.time, c.output_interval);
  double next_ckpt = ckpt_interval > 0 ? next_multiple(state.time, ckpt_interval) : t_end;

  // Next UTC hour boundary after model time t (relative to the run start).
  auto next_emission_hour = [&](double t) {
    return static_cast<double>(hour_start_of(t).seconds - c.start.seconds) + kHour;
  };
  double emission_hour_end = t_end;
  if (emissions && state.time < t_end) {
    set_emission_hour(state.time);
    emission_hour_end = next_emission_hour(state.time);
  }

  std::ostream quiet(nullptr);  // ranks other than 0 keep their progress to themselves
  Progress progress(!root              ? quiet
                    : options.progress ? *options.progress
                                       : std::cout,
                    options.terminal, c.start, t_end);
  double dt_sum = 0.0;
  summary.dt_min = 1e300;
  double domain_gap = 0.0;  // decomposed runs: the tag closure diagnostic over the whole domain
  std::string domain_gap_family;
  while (state.time < t_end) {
    const double t = state.time;
    MaxTimestep limit = transport.max_timestep(met.at(t));
    if (c.max_timestep < limit.seconds) limit = {c.max_timestep, "transport.max_timestep"};
    if (chemistry && c.chemistry_max_timestep < limit.seconds)
      limit = {c.chemistry_max_timestep, "chemistry.max_timestep"};
    const double event = std::min({next_output, next_ckpt, t_end, emission_hour_end});
    double dt = limit.seconds;
    bool hits_event = false;
    if (t + dt >= event) {
      dt = event - t;
      hits_event = true;
    } else if (t + 2.0 * dt > event) {
      dt = 0.5 * (event - t);  // two equal steps instead of a long one and a sliver
    }
    transport.step(state, met.at(t + 0.5 * dt), dt, &budget);
    if (apportionment && decomposition.decomposed()) {
      // The closure diagnostic of the domain from every block's sums (a ratio cannot be added over ranks).
      std::vector<double> sums = apportionment->last_closure_moved();
      const std::vector<double>& held = apportionment->last_closure_held();
      sums.insert(sums.end(), held.begin(), held.end());
      ranks.sum_in_rank_order(sums);
      const std::size_t nf = held.size();
      for (std::size_t f = 0; f < nf; ++f)
        if (sums[nf + f] > 0.0 && sums[f] / sums[nf + f] > domain_gap) {
          domain_gap = sums[f] / sums[nf + f];
          domain_gap_family = apportionment->layout().families[f].name;
        }
    }
    if (hits_event) state.time = event;  // land exactly on the event despite rounding
    ++step;
    summary.steps++;
    dt_sum += dt;
    summary.dt_min = std::min(summary.dt_min, dt);
    summary.dt_max = std::max(summary.dt_max, dt);
    summary.limited_by[hits_event ? "output/checkpoint/emission hour/end time" : reason_kind(limit.reason)]++;
    if (state.time >= next_output) {
      write_record();
      next_output = next_multiple(state.time, c.output_interval);
    }
    if (state.time >= next_ckpt && state.time < t_end) {
      // A run that writes no files (an ensemble member) passes its checkpoint times all the same.
      if (options.write_files) {
        gather();
        const MassBudget total = whole_budget(ranks, budget);
        if (root)
          save_checkpoint(summary.checkpoint_file, c, whole, total, step, met.lower_record(),
                          apportionment.get());
      }
      next_ckpt = next_multiple(state.time, ckpt_interval);
    }
    if (emissions && state.time >= emission_hour_end && state.time < t_end) {
      set_emission_hour(state.time);
      emission_hour_end = next_emission_hour(state.time);
    }
    progress.update(state.time, dt, reason_kind(limit.reason));
  }
  progress.finish();
  gather();
  const MassBudget total = whole_budget(ranks, budget);
  if (apportionment && !decomposition.decomposed()) {
    domain_gap = apportionment->worst_closure_gap();
    domain_gap_family = apportionment->worst_closure_family();
  }
  summary.ranks = ranks.size();
  if (decomposition.decomposed()) {
    summary.decomposition = decomposition.layout().describe();
    const parallel::HaloTraffic& traffic = decomposition.traffic();
    summary.halo_seconds = traffic.seconds + traffic.agree_seconds;
    summary.halo_bytes_per_step =
        summary.steps ? traffic.bytes_sent / static_cast<double>(summary.steps) : 0.0;
  }
  // Every rank asks for the final met: reading a record is collective in a decomposed run.
  const MetState& met_end = met.at_whole(state.time);
  if (root) {
    if (writer) {
      save_checkpoint(summary.checkpoint_file, c, whole, total, step, met.lower_record(),
                      apportionment.get());
      summary.records = writer->records();
      writer->commit();
      if (tag_output) {
        tag_output->commit();
        summary.apportionment_files = tag_output->contribution_file();
        if (std::filesystem::exists(tag_output->table_file()))
          summary.apportionment_files += ", " + tag_output->series_file() + ", " + tag_output->table_file();
      }
    } else {
      summary.output_file.clear();
      summary.checkpoint_file.clear();
    }
  }
  // Every file is in place before any rank returns: what a caller does next may read them (a restart).
  ranks.barrier();
  if (!root) return summary;  // rank 0 reports the run

  summary.wall_seconds = progress.wall_seconds();
  summary.step_seconds = transport.timing().total;
  summary.chemistry_seconds = transport.timing().chemistry;
  summary.end_hours = state.time / 3600.0;
  summary.dt_mean = summary.steps ? dt_sum / summary.steps : 0.0;
  if (!summary.steps) summary.dt_min = 0;
  for (std::size_t f = 0; f <= state.n_species(); ++f) {
    summary.field_names.push_back(field_name(state, f));
    summary.budget_closure.push_back(total.closure_error(whole, f));
    summary.emitted.push_back(total.emitted[f]);
    summary.boundary_inflow.push_back(total.boundary_inflow(f));
    summary.chemical.push_back(total.chemical[f]);
    summary.deposited.push_back(total.deposited[f]);
    summary.domain_now.push_back(domain_amount(whole, f));
  }
  for (int k = 0; k < grid.nz(); ++k)
    for (int j = 0; j < grid.ny(); ++j)
      for (int i = 0; i < grid.nx(); ++i)
        summary.max_air_density_drift =
            std::max(summary.max_air_density_drift,
                     std::abs(whole.air()(i, j, k) / met_end.air_density(i, j, k) - 1.0));
  if (apportionment) {
    const TagLayout& L = apportionment->layout();
    std::ostringstream os;
    os << apportionment->groups().size() << " groups (";
    for (std::size_t g = 0; g < L.groups; ++g) os << (g ? ", " : "") << apportionment->groups().name(g);
    os << ") x " << L.families.size() << " families (";
    for (std::size_t f = 0; f < L.families.size(); ++f) os << (f ? ", " : "") << L.families[f].name;
    os << ") = " << L.tags() << " tracers";
    if (!domain_gap_family.empty())
      os << "; the closure after a step moved at most " << 100.0 * domain_gap
         << " % of a family's domain amount (" << domain_gap_family
         << "; transport limiters act on each field)";
    summary.apportionment = os.str();
    summary.tag_closure_gap = domain_gap;
  }
  for (std::size_t s = 0; s < state.n_species(); ++s) {
    const Array3 a = species_output(whole, s);
    summary.max_value.push_back(*std::max_element(a.data.begin(), a.data.end()));
    summary.units.push_back(output_units(state.species()[s]));
  }
  return summary;
}

std::string format_summary(const RunSummary& s) {
  std::ostringstream os;
  os.setf(std::ios::fixed);
  os.precision(1);
  const double sim_h = s.end_hours - s.start_hours;
  os << "Simulated " << sim_h << " h (" << s.start_hours << " h to " << s.end_hours << " h) in " << s.steps
     << " steps, " << s.wall_seconds << " s wall, " << (s.wall_seconds > 0 ? sim_h / s.wall_seconds : 0.0)
     << " sim-h/s\n";
  os << "Time step: min " << s.dt_min << " s, mean " << s.dt_mean << " s, max " << s.dt_max
     << " s; limited by:";
  for (const auto& [why, n] : s.limited_by) os << " " << why << " (" << n << ")";
  os << "\n";
  if (s.chemistry_seconds > 0)
    os << "Wall time in the split steps: " << s.step_seconds << " s, of which chemistry "
       << s.chemistry_seconds << " s (" << 100.0 * s.chemistry_seconds / s.step_seconds << " %)\n";
  os.unsetf(std::ios::fixed);
  os.precision(3);
  std::size_t worst = 0;
  for (std::size_t f = 1; f < s.budget_closure.size(); ++f)
    if (s.budget_closure[f] > s.budget_closure[worst]) worst = f;
  os << "Mass budget closure (relative): worst " << s.budget_closure[worst] << " (" << s.field_names[worst]
     << ") over " << s.field_names.size() << " fields\n";
  if (!s.wet_deposition.empty()) os << "Wet deposition: " << s.wet_deposition << "\n";
  if (!s.apportionment.empty()) os << "Source apportionment: " << s.apportionment << "\n";
  if (!s.decomposition.empty()) {
    std::ostringstream halo;
    halo.setf(std::ios::fixed);
    halo.precision(2);
    halo << "Domain decomposition: " << s.ranks << " MPI ranks, " << s.decomposition << "; rank 0 spent "
         << s.halo_seconds << " s in halo exchanges and agreements ("
         << (s.step_seconds > 0 ? 100.0 * s.halo_seconds / s.step_seconds : 0.0)
         << " % of its step time) and sent " << s.halo_bytes_per_step / (1024.0 * 1024.0)
         << " MiB per step\n";
    os << halo.str();
  }
  os << "Carried air density vs met density at the end: max deviation " << s.max_air_density_drift * 100.0
     << " %\n";
  std::string deposition;
  std::size_t listed = 0, depositing = 0;
  for (std::size_t f = 1; f < s.deposited.size(); ++f) {
    if (!(s.deposited[f] > 0.0)) continue;
    ++depositing;
    if (listed == 8) continue;
    std::ostringstream item;
    item.precision(3);
    item << " " << s.field_names[f] << " " << 100.0 * s.deposited[f] / std::max(s.domain_now[f], 1e-300)
         << " %;";
    deposition += item.str();
    ++listed;
  }
  if (depositing > 0)
    os << "Deposition (dry, and wet where the meteorology has precipitation), relative to the amount in the "
          "domain at the end:"
       << deposition
       << (depositing > listed ? " ... (" + std::to_string(depositing - listed) + " more fields)" : "")
       << "\n";
  // The species of the case file first; a mechanism adds dozens more, which the output file holds.
  constexpr std::size_t kShown = 12;
  os << "Maximum at the end:";
  for (std::size_t sp = 0; sp < s.max_value.size() && sp < kShown; ++sp)
    os << " " << s.field_names[sp + 1] << " " << s.max_value[sp] << " " << s.units[sp] << ";";
  if (s.max_value.size() > kShown) os << " ... (" << s.max_value.size() - kShown << " more species)";
  os << "\nWrote " << s.output_file << " (" << s.records << " records), checkpoint " << s.checkpoint_file;
  if (!s.apportionment_files.empty()) os << ", apportionment " << s.apportionment_files;
  if (!s.met_file.empty()) os << ", meteorology " << s.met_file;
  os << "\n";
  return os.str();
}

}  // namespace airshed
