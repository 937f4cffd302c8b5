// SPDX-License-Identifier: Apache-2.0
#include "scenarios/attribution.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <memory>
#include <set>
#include <sstream>

#include "airshed_version.hpp"
#include "core/error.hpp"
#include "driver/emission_setup.hpp"
#include "driver/met_setup.hpp"
#include "driver/run.hpp"
#include "io/atomic_file.hpp"
#include "io/cf_output_writer.hpp"
#include "io/receptor_reader.hpp"
#include "scenarios/shared_met.hpp"
#include "tagging/tag_groups.hpp"

namespace airshed::scenarios {

namespace {

constexpr char kRelease[] = "release";  // the category of the case file's constant releases

EmitterIdentity release_identity(const std::string& name) {
  return {name, kRelease, ""};
}

/// The group of every inventory emitter in every cell, resolved once: most emitters belong to one group
/// wherever they emit; only groups restricted to a polygon region make the group depend on the cell.
class GroupMap {
 public:
  GroupMap(const TagGroups& groups, const std::vector<EmitterIdentity>& emitters, const Grid& grid,
           bool cell_dependent)
      : nx_(grid.nx()) {
    for (const EmitterIdentity& e : emitters) {
      const std::size_t g0 = groups.group_of(e, 0, 0);
      std::vector<std::size_t> cells;
      if (cell_dependent) {
        cells.resize(static_cast<std::size_t>(grid.nx()) * grid.ny());
        bool uniform = true;
        for (int j = 0; j < grid.ny(); ++j)
          for (int i = 0; i < grid.nx(); ++i) {
            const std::size_t g = groups.group_of(e, i, j);
            cells[static_cast<std::size_t>(j) * nx_ + i] = g;
            uniform = uniform && g == g0;
            used_.insert(g);
          }
        if (uniform) cells.clear();
      }
      used_.insert(g0);
      constant_.push_back(g0);
      cells_.push_back(std::move(cells));
    }
  }
  std::size_t group(std::size_t emitter, int i, int j) const {
    const std::vector<std::size_t>& cells = cells_[emitter];
    return cells.empty() ? constant_[emitter] : cells[static_cast<std::size_t>(j) * nx_ + i];
  }
  bool uses(std::size_t group) const { return used_.count(group) > 0; }

 private:
  int nx_;
  std::vector<std::size_t> constant_;
  std::vector<std::vector<std::size_t>> cells_;
  std::set<std::size_t> used_;
};

/// A member's factors on the inventory: factor[group of the emitter in the cell].
class GroupAdjustment final : public emis::EmissionAdjustment {
 public:
  GroupAdjustment(std::shared_ptr<const GroupMap> map, std::vector<double> factor)
      : map_(std::move(map)), factor_(std::move(factor)) {}
  double factor(const emis::Emitter&, std::size_t index, emis::Pollutant, UtcTime, int i,
                int j) const override {
    return factor_[map_->group(index, i, j)];
  }

 private:
  std::shared_ptr<const GroupMap> map_;
  std::vector<double> factor_;
};

/// The groups of the case file's constant releases: a point release's cell decides; an area release
/// spanning cells of different groups is split along the cell edges, each piece scaled by its cell's group.
struct ReleaseGroups {
  std::vector<std::size_t> point;
  struct Piece {
    int i, j;
    std::size_t group;
  };
  std::vector<std::vector<Piece>> area;  ///< per area release: one piece per covered cell
  std::vector<bool> area_uniform;
  std::set<std::size_t> used;

  ReleaseGroups(const CaseDefinition& c, const TagGroups& groups) {
    const Grid& g = c.grid;
    for (const PointRelease& p : c.points) {
      int i = 0, j = 0;
      if (!g.locate(p.x, p.y, i, j))
        throw InputError("source '" + p.name + "'", "position is outside the model grid");
      point.push_back(groups.group_of(release_identity(p.name), i, j));
      used.insert(point.back());
    }
    for (const AreaRelease& a : c.areas) {
      std::vector<Piece> pieces;
      bool uniform = true;
      for (int j = 0; j < g.ny(); ++j)
        for (int i = 0; i < g.nx(); ++i) {
          const double ox =
              std::min(a.x_max, g.x_west() + (i + 1) * g.dx()) - std::max(a.x_min, g.x_west() + i * g.dx());
          const double oy =
              std::min(a.y_max, g.y_south() + (j + 1) * g.dy()) - std::max(a.y_min, g.y_south() + j * g.dy());
          if (ox <= 0 || oy <= 0) continue;
          pieces.push_back({i, j, groups.group_of(release_identity(a.name), i, j)});
          uniform = uniform && pieces.back().group == pieces.front().group;
          used.insert(pieces.back().group);
        }
      area.push_back(std::move(pieces));
      area_uniform.push_back(uniform);
    }
  }

  /// Scale the releases of `c` (a member's copy) by the factor of their groups.
  void apply(CaseDefinition& c, const std::vector<double>& factor) const {
    for (std::size_t p = 0; p < c.points.size(); ++p)
      for (double& r : c.points[p].rate) r *= factor[point[p]];
    std::vector<AreaRelease> areas;
    const Grid& g = c.grid;
    for (std::size_t a = 0; a < c.areas.size(); ++a) {
      const AreaRelease& original = c.areas[a];
      if (area_uniform[a]) {
        AreaRelease scaled = original;
        const double f = area[a].empty() ? 1.0 : factor[area[a].front().group];
        for (double& x : scaled.flux) x *= f;
        areas.push_back(std::move(scaled));
        continue;
      }
      for (const Piece& piece : area[a]) {
        // The piece's edges are the very expressions TracerSources uses for the cell edges, so it covers this
        // cell alone and the cell receives flux x the same overlap area as from the whole rectangle.
        AreaRelease part = original;
        part.x_min = std::max(original.x_min, g.x_west() + piece.i * g.dx());
        part.x_max = std::min(original.x_max, g.x_west() + (piece.i + 1) * g.dx());
        part.y_min = std::max(original.y_min, g.y_south() + piece.j * g.dy());
        part.y_max = std::min(original.y_max, g.y_south() + (piece.j + 1) * g.dy());
        for (double& x : part.flux) x *= factor[piece.group];
        areas.push_back(std::move(part));
      }
    }
    c.areas = std::move(areas);
  }
};

bool any_nonzero_boundary(const CaseDefinition& c) {
  for (const SpeciesSetup& s : c.species)
    for (double b : s.boundary)
      if (b != 0.0) return true;
  return false;
}

bool any_nonzero_initial(const CaseDefinition& c) {
  for (const SpeciesSetup& s : c.species)
    if (s.initial != 0.0) return true;
  return false;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

/// Scalar statistics of every member at the base run's peak instants, then the episode-mean maps.
std::vector<double> member_components(const ApportionResult& r, const MemberMetrics& m) {
  std::vector<double> out(r.scalar_components() +
                          r.plan.quantities.size() * static_cast<std::size_t>(r.nx) * r.ny);
  const std::size_t records = m.times.size();
  for (std::size_t q = 0; q < r.plan.quantities.size(); ++q) {
    for (std::size_t s = 0; s < r.plan.sites.size(); ++s) {
      const std::vector<double>& x = m.series[q][s];
      double sum = 0.0;
      for (std::size_t t = 1; t < records; ++t) sum += x[t];
      std::size_t stat = 0;
      out[r.component(q, s, stat++)] = sum / static_cast<double>(records - 1);
      out[r.component(q, s, stat++)] = x[r.peak_index[q][s]];
      if (r.peak_window > 0) {
        double w = 0.0;
        const std::size_t end = r.peak_window_end[q][s];
        for (std::size_t t = end + 1 - r.peak_window; t <= end; ++t) w += x[t];
        out[r.component(q, s, stat++)] = w / static_cast<double>(r.peak_window);
      }
    }
    const Array2& f = m.mean_field[q];
    for (int j = 0; j < r.ny; ++j)
      for (int i = 0; i < r.nx; ++i) out[r.map_component(q, i, j)] = f(i, j);
  }
  return out;
}

}  // namespace

std::string method_name(Method m) {
  return m == Method::brute_force ? "brute-force" : "shapley";
}

Method method_from(const std::string& name, const std::string& where) {
  if (name == "brute-force" || name == "brute_force") return Method::brute_force;
  if (name == "shapley") return Method::shapley;
  throw InputError(where, "unknown method '" + name + "' (methods: brute-force, shapley)");
}

ApportionResult run_apportion(const CaseDefinition& c, const ApportionRequest& request) {
  const auto wall_start = std::chrono::steady_clock::now();
  ApportionResult r;
  r.method = request.method;
  r.fraction = request.method == Method::brute_force ? request.fraction : 1.0;
  if (!(r.fraction > 0.0 && r.fraction <= 1.0))
    throw InputError("--fraction", "the reduction fraction must lie in (0, 1] (1: the group removed)");
  const std::string output = request.output.empty() ? c.output_file : request.output;
  const ApportionmentOptions& ap = c.apportionment;
  const std::string where = c.case_file + ": apportionment";
  // Under mpirun every rank runs this; rank 0 alone writes files and the log.
  const parallel::Communicator* ranks = request.ensemble.ranks;
  const bool root = !ranks || ranks->root();
  std::ostream* log = root ? request.log : nullptr;

  // The inventory is read and checked before anything runs; the groups need its emitters.
  const std::unique_ptr<emis::EmissionModel> emissions = build_emission_model(c);
  std::vector<EmitterIdentity> inventory_emitters;
  if (emissions)
    for (const emis::Emitter& e : emissions->emitters())
      inventory_emitters.push_back({e.source_id, e.category, e.region});
  std::vector<EmitterIdentity> identities = inventory_emitters;
  for (const PointRelease& p : c.points) identities.push_back(release_identity(p.name));
  for (const AreaRelease& a : c.areas) identities.push_back(release_identity(a.name));
  const TagGroups groups(c.grid, ap.groups, ap.regions, identities, where);
  bool polygon_groups = false;
  for (const TagGroupSpec& s : ap.groups)
    for (const std::string& region : s.regions)
      for (const TagRegion& t : ap.regions) polygon_groups = polygon_groups || t.name == region;
  const auto map = std::make_shared<const GroupMap>(groups, inventory_emitters, c.grid, polygon_groups);
  const auto releases = std::make_shared<const ReleaseGroups>(c, groups);

  // Players.
  if (request.groups.empty()) {
    for (std::size_t g = 0; g < groups.configured(); ++g) r.players.push_back({groups.name(g), g});
    if (map->uses(groups.other()) || releases->used.count(groups.other()))
      r.players.push_back({"other", groups.other()});
    if (any_nonzero_boundary(c)) r.players.push_back({"boundary", groups.boundary()});
    if (any_nonzero_initial(c)) r.players.push_back({"initial", groups.initial()});
  } else {
    for (const std::string& name : request.groups) {
      const auto it = std::find(groups.names().begin(), groups.names().end(), name);
      if (it == groups.names().end())
        throw InputError("--groups", "unknown group '" + name + "' (groups: " + join(groups.names()) + ")");
      const auto g = static_cast<std::size_t>(it - groups.names().begin());
      if (std::any_of(r.players.begin(), r.players.end(), [&](const Player& p) { return p.group == g; }))
        throw InputError("--groups", "group '" + name + "' is listed twice");
      r.players.push_back({name, g});
    }
  }
  const int n = static_cast<int>(r.players.size());
  if (n == 0)
    throw InputError(where,
                     "nothing to attribute: no groups, no unmatched emissions, no boundary inflow and "
                     "no initial values");
  if (n > kMaxPlayers)
    throw InputError(where,
                     std::to_string(n) + " groups; at most " + std::to_string(kMaxPlayers) + " allowed");

  // What the members report.
  r.plan.quantities = default_quantities(c);
  r.plan.sites = default_sites(c);
  r.nx = c.grid.nx();
  r.ny = c.grid.ny();

  // Members: a factor per TagGroups group (1 for groups that are not players).
  struct MemberFactors {
    std::string label;
    std::vector<double> factor;
  };
  std::vector<MemberFactors> factors;
  auto coalition_member = [&](Coalition s, double off) {
    MemberFactors m{"", std::vector<double>(groups.size(), 1.0)};
    std::string on;
    for (int p = 0; p < n; ++p) {
      const Player& player = r.players[static_cast<std::size_t>(p)];
      if (s & (Coalition{1} << p))
        on += (on.empty() ? "" : "+") + player.name;
      else
        m.factor[player.group] = off;
    }
    m.label = on.empty() ? "none" : on;
    return m;
  };
  std::vector<std::vector<int>> permutations;
  std::vector<Coalition> coalitions;
  const Coalition all = all_players(n);
  if (r.method == Method::brute_force) {
    factors.push_back(coalition_member(all, 0.0));
    factors.back().label = "all on";
    for (int p = 0; p < n; ++p) {
      MemberFactors m = coalition_member(all, 0.0);
      m.factor[r.players[static_cast<std::size_t>(p)].group] = 1.0 - r.fraction;
      std::ostringstream label;
      label << r.players[static_cast<std::size_t>(p)].name << " x" << 1.0 - r.fraction;
      m.label = label.str();
      factors.push_back(std::move(m));
    }
    factors.push_back(coalition_member(0, 0.0));
    factors.back().label = "all off";
  } else {
    r.exact = n <= kMaxExactPlayers;
    if (r.exact) {
      for (Coalition s = 0; s <= all; ++s) coalitions.push_back(s);
    } else {
      permutations = shapley_permutations(n, request.samples, request.seed);
      coalitions = coalitions_needed(n, permutations);
    }
    // The base (all on) first, so a failing case fails at once.
    std::stable_partition(coalitions.begin(), coalitions.end(), [&](Coalition s) { return s == all; });
    for (Coalition s : coalitions) factors.push_back(coalition_member(s, 0.0));
  }

  std::vector<EnsembleMember> members;
  for (const MemberFactors& f : factors) {
    EnsembleMember m;
    m.label = f.label;
    m.adjustment = std::make_shared<const GroupAdjustment>(map, f.factor);
    m.boundary_factor = f.factor[groups.boundary()];
    m.initial_factor = f.factor[groups.initial()];
    m.modify_case = [releases, factor = f.factor](CaseDefinition& mc) { releases->apply(mc, factor); };
    members.push_back(std::move(m));
    r.member_labels.push_back(f.label);
  }

  // Meteorology, once for all members (an idealised case's file written first, as a plain run does); under
  // mpirun once per rank, each rank of a member's group needing all of it.
  r.threads = ensemble_threads(members.size(), request.ensemble);
  const CaseMeteorology meteorology(
      ensemble_met_files(c, derived_path(output, "-met.nc"), request.history, ranks), c.met_format, c.grid);
  const SharedMetSource shared(meteorology.source(), r.threads.members_here);

  if (log) {
    *log << "Apportionment by " << method_name(r.method)
         << (r.method == Method::shapley ? (r.exact ? " (exact)" : " (sampled)") : "") << ": " << n
         << " group(s) (";
    for (int p = 0; p < n; ++p) *log << (p ? ", " : "") << r.players[static_cast<std::size_t>(p)].name;
    *log << "), " << members.size() << " runs, " << describe_placement(r.threads) << "; meteorology "
         << meteorology.description() << "\n";
  }
  const std::vector<MemberMetrics> metrics =
      run_ensemble(c, members, &shared, emissions.get(), r.plan, request.ensemble);
  r.met_records_read = shared.file_reads();
  r.met_records_used = shared.records_served();

  // Statistics at the base run's peak instants.
  const MemberMetrics& base = metrics.front();
  r.times = base.times;
  const std::size_t records = base.times.size();
  if (records < 2)
    throw InputError(where, "the run holds no output time after its start (case.hours < output.interval)");
  r.peak_window = static_cast<std::size_t>(std::lround(ap.peak_window_hours * 3600.0 / c.output_interval));
  if (r.peak_window < 2 || r.peak_window > records - 1) r.peak_window = 0;
  r.statistics = {"mean", "peak_hour"};
  if (r.peak_window > 0) r.statistics.push_back("peak_" + std::to_string(ap.peak_window_hours) + "h_mean");
  r.peak_index.assign(r.plan.quantities.size(), std::vector<std::size_t>(r.plan.sites.size(), 1));
  r.peak_window_end = r.peak_index;
  for (std::size_t q = 0; q < r.plan.quantities.size(); ++q)
    for (std::size_t s = 0; s < r.plan.sites.size(); ++s) {
      const std::vector<double>& x = base.series[q][s];
      for (std::size_t t = 1; t < records; ++t)
        if (x[t] > x[r.peak_index[q][s]]) r.peak_index[q][s] = t;
      if (r.peak_window > 0) {
        double best = -1e300;
        for (std::size_t end = r.peak_window; end < records; ++end) {
          double w = 0.0;
          for (std::size_t t = end + 1 - r.peak_window; t <= end; ++t) w += x[t];
          if (w > best) {
            best = w;
            r.peak_window_end[q][s] = end;
          }
        }
      }
    }
  for (const MemberMetrics& m : metrics) r.member_values.push_back(member_components(r, m));

  if (r.method == Method::brute_force) {
    const std::vector<std::vector<double>> reduced(r.member_values.begin() + 1, r.member_values.end() - 1);
    BruteForceResult b = brute_force(r.member_values.front(), reduced, r.member_values.back(), r.fraction);
    r.share = std::move(b.impact);
    r.standard_error.assign(r.share.size(), {});
    r.total = std::move(b.total);
    r.remainder = std::move(b.remainder);
    r.all_on = r.member_values.front();
    r.all_off = r.member_values.back();
  } else {
    for (std::size_t m = 0; m < coalitions.size(); ++m)
      r.coalition_values[coalitions[m]] = r.member_values[m];
    ShapleyResult s =
        r.exact ? shapley_exact(n, r.coalition_values) : shapley_sampled(n, permutations, r.coalition_values);
    r.share = std::move(s.share);
    r.standard_error = std::move(s.standard_error);
    r.permutations = s.permutations;
    r.all_on = r.coalition_values.at(all);
    r.all_off = r.coalition_values.at(0);
    r.total.resize(r.all_on.size());
    for (std::size_t k = 0; k < r.total.size(); ++k) r.total[k] = r.all_on[k] - r.all_off[k];
  }

  // Every rank has every member's metrics and the same results; rank 0 writes them.
  if (request.write_csv) {
    r.csv_file = derived_path(output, "-apportion-" + method_name(r.method) + ".csv");
    if (root) write_apportion_csv(r.csv_file, r);
  }
  if (request.write_maps) {
    r.maps_file = derived_path(output, "-apportion-" + method_name(r.method) + "-maps.nc");
    if (root) write_apportion_maps(r.maps_file, c, r, request.history);
  }
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  return r;
}

void write_apportion_csv(const std::string& path, const ApportionResult& r) {
  AtomicFile file(path);
  {
    std::ofstream out(file.temporary_path());
    if (!out) throw InputError(path, "cannot write");
    out << std::setprecision(10);
    out << "method,site,quantity,statistic,group,value,unit,standard_error\n";
    const std::string method = method_name(r.method);
    auto quoted = [](const std::string& s) {
      if (s.find_first_of(",\"\n") == std::string::npos) return s;
      std::string q = "\"";
      for (char ch : s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      return q + "\"";
    };
    for (std::size_t q = 0; q < r.plan.quantities.size(); ++q)
      for (std::size_t s = 0; s < r.plan.sites.size(); ++s)
        for (std::size_t t = 0; t < r.statistics.size(); ++t) {
          const std::size_t k = r.component(q, s, t);
          const std::string head = method + "," + quoted(r.plan.sites[s].name) + "," +
                                   quoted(r.plan.quantities[q].name) + "," + r.statistics[t] + ",";
          const std::string unit = quoted(r.plan.quantities[q].unit);
          auto row = [&](const std::string& group, double value, const std::string& error) {
            out << head << quoted(group) << "," << value << "," << unit << "," << error << "\n";
          };
          for (std::size_t p = 0; p < r.players.size(); ++p) {
            std::string error;
            if (!r.exact && r.method == Method::shapley) {
              std::ostringstream e;
              e << std::setprecision(3) << r.standard_error[p][k];
              error = e.str();
            }
            row(r.players[p].name, r.share[p][k], error);
          }
          if (!r.remainder.empty()) row("remainder", r.remainder[k], "");
          row("total", r.total[k], "");
          row("all_on", r.all_on[k], "");
          row("all_off", r.all_off[k], "");
        }
    out.flush();
    if (!out) throw InputError(path, "write failed");
  }
  file.commit();
}

void write_apportion_maps(const std::string& path, const CaseDefinition& c, const ApportionResult& r,
                          const std::string& history) {
  const Grid& g = c.grid;
  const Grid surface(g.nx(), g.ny(), g.dx(), g.dy(), g.x_west(), g.y_south(),
                     VerticalLayers({g.layers().interface(0), g.layers().interface(1)}), g.projection(),
                     g.halo());
  auto variable_name = [](std::string s) {
    for (char& ch : s)
      if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_') ch = '_';
    return s;
  };
  const bool brute = r.method == Method::brute_force;
  const bool sampled = !brute && !r.exact;
  const std::string period = format_utc(r.times[1]) + " to " + format_utc(r.times.back());
  std::vector<OutputVariable> vars;
  std::vector<Array3> fields;
  auto add = [&](std::size_t q, const std::string& suffix, const std::string& long_name,
                 const std::vector<double>& values) {
    const MetricsPlan::Quantity& quantity = r.plan.quantities[q];
    vars.push_back({variable_name(quantity.name + "_" + suffix), quantity.unit, "", long_name,
                    "surface layer, mean of the output times " + period});
    Array3 a(r.nx, r.ny, 1);
    for (int j = 0; j < r.ny; ++j)
      for (int i = 0; i < r.nx; ++i) a(i, j, 0) = values[r.map_component(q, i, j)];
    fields.push_back(std::move(a));
  };
  for (std::size_t q = 0; q < r.plan.quantities.size(); ++q) {
    const std::string& name = r.plan.quantities[q].name;
    for (std::size_t p = 0; p < r.players.size(); ++p) {
      const std::string& group = r.players[p].name;
      add(q, group,
          (brute ? "brute-force impact of group " : "Shapley share of group ") + group +
              " on the episode mean " + name,
          r.share[p]);
      if (sampled)
        add(q, group + "_standard_error", "standard error of the sampled Shapley share of group " + group,
            r.standard_error[p]);
    }
    add(q, "total", "episode mean " + name + " with every group on minus every group off", r.total);
    add(q, "all_on", "episode mean " + name + " with every group on (the base run)", r.all_on);
    add(q, "all_off", "episode mean " + name + " with every group off", r.all_off);
    if (brute) add(q, "remainder", "total minus the sum of the impacts (the non-additive part)", r.remainder);
  }
  OutputAttributes attrs;
  attrs.title = "airshed source attribution (" + method_name(r.method) + ") of case " + c.name;
  attrs.history = history;
  attrs.source = std::string("airshed ") + AIRSHED_VERSION_STRING;
  attrs.case_name = c.name;
  attrs.comment = "Episode-mean surface maps of an ensemble of " + std::to_string(r.member_labels.size()) +
                  " runs (docs/apportionment-ensembles.md); the one time record is the end of the episode.";
  CfOutputWriter writer(path, surface, vars, attrs, c.start);
  std::vector<const Array3*> ptrs;
  for (const Array3& f : fields) ptrs.push_back(&f);
  writer.write_record(r.times.back(), ptrs);
  writer.commit();
}

std::string format_apportion_summary(const ApportionResult& r) {
  std::ostringstream os;
  os << std::setprecision(3);
  const bool brute = r.method == Method::brute_force;
  os << (brute ? "Brute-force impacts" : "Shapley shares");
  if (brute && r.fraction < 1.0)
    os << " (each group reduced by " << 100.0 * r.fraction << " %, scaled to the whole)";
  if (!brute && !r.exact) os << " (sampled: " << r.permutations << " orderings, +- one standard error)";
  os << "; all on - all off = total change";
  if (brute) os << ", remainder = total - sum of impacts (non-additive part)";
  os << "\n";
  constexpr std::size_t kSitesShown = 6;
  for (std::size_t q = 0; q < r.plan.quantities.size(); ++q)
    for (std::size_t s = 0; s < r.plan.sites.size() && s < kSitesShown; ++s)
      for (std::size_t t = 0; t < r.statistics.size() && t < 2; ++t) {
        const std::size_t k = r.component(q, s, t);
        const std::string& unit = r.plan.quantities[q].unit;
        os << "  " << r.plan.quantities[q].name << " " << r.statistics[t];
        if (t == 1) os << " (" << format_utc(r.times[r.peak_index[q][s]]) << ")";
        os << " at " << r.plan.sites[s].name << " [" << unit << "]: all on " << r.all_on[k] << ", all off "
           << r.all_off[k] << ", change " << r.total[k] << ";";
        for (std::size_t p = 0; p < r.players.size(); ++p) {
          os << " " << r.players[p].name << " " << r.share[p][k];
          if (!brute && !r.exact) os << " +- " << r.standard_error[p][k];
          if (r.total[k] != 0.0) os << " (" << std::lround(100.0 * r.share[p][k] / r.total[k]) << " %)";
          os << ";";
        }
        if (brute) os << " remainder " << r.remainder[k] << ";";
        os << "\n";
      }
  if (r.plan.sites.size() > kSitesShown)
    os << "  ... " << r.plan.sites.size() - kSitesShown << " more sites in the table\n";
  os << "Runs: " << r.member_labels.size() << " (" << r.threads.members_in_parallel << " at a time"
     << (r.threads.rank_groups > 1 || r.threads.ranks_per_group > 1
             ? " on " + std::to_string(r.threads.rank_groups) + " rank group(s) of " +
                   std::to_string(r.threads.ranks_per_group) + " MPI rank(s)"
             : "")
     << "), " << std::setprecision(1) << std::fixed << r.wall_seconds << " s wall; meteorology records read "
     << r.met_records_read << " for " << r.met_records_used << " used";
  if (!r.csv_file.empty()) os << "\nWrote " << r.csv_file;
  if (!r.maps_file.empty()) os << (r.csv_file.empty() ? "\nWrote " : " and ") << r.maps_file;
  os << "\n";
  return os.str();
}

}  // namespace airshed::scenarios
