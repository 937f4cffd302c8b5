// SPDX-License-Identifier: Apache-2.0
// The `airshed` command: subcommands parse their options and call the driver; nothing here is worth
// testing on its own beyond what the end-to-end tests run.
#include <omp.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "airshed_version.hpp"
#include "app/case_loader.hpp"
#include "core/error.hpp"
#include "driver/box.hpp"
#include "driver/box_schema.hpp"
#include "driver/case_schema.hpp"
#include "driver/emission_setup.hpp"
#include "driver/emissions_report.hpp"
#include "driver/make_met.hpp"
#include "driver/run.hpp"
#include "parallel/communicator.hpp"
#include "scenarios/aqi.hpp"
#include "scenarios/attribution.hpp"
#include "scenarios/forecast.hpp"
#include "scenarios/package_check.hpp"
#include "scenarios/scenario_runs.hpp"

namespace po = boost::program_options;
using namespace airshed;

namespace {

std::string history_line(int argc, char** argv) {
  const std::time_t now = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  std::string line = std::string(stamp) + ":";
  for (int i = 0; i < argc; ++i) line += std::string(" ") + argv[i];
  return line;
}

const char* kUsage =
    "Usage: airshed <command> [options]\n"
    "\n"
    "Commands:\n"
    "  run          run a case (default: the embedded Kangbashi case) and write CF NetCDF\n"
    "  make-met     write a case's idealised meteorology as a CF NetCDF file\n"
    "  emissions    print a case's inventory totals and write its gridded hourly emissions\n"
    "  box          run one cell's chemistry alone and write a CSV time series\n"
    "  apportion    source attribution by ensembles of runs (brute force, Shapley) -> CSV table\n"
    "  aqi          China AQI (HJ 633) of hourly observations (CSV) -> daily and hourly CSV\n"
    "  scenarios    `scenarios check`: packages' reductions vs the warning mandates; `scenarios run`: "
    "compare\n"
    "  config-doc   print the case-file reference (Markdown; docs/config.md is this output)\n"
    "  forecast     the daily forecast: base with tagging, packages, AQI, warning level and the bulletin\n"
    "  scenario-doc print the scenario-file reference (Markdown; docs/scenario-keys.md is this output)\n"
    "  box-doc      print the box-file reference (Markdown; docs/box.md is this output)\n"
    "\n"
    "Options:\n"
    "  -h, --help   this text; `airshed <command> --help` describes a command\n"
    "  --version    version and git hash\n";

/// Options every case-reading command shares.
po::options_description case_options() {
  po::options_description o("Case options");
  o.add_options()("case,c", po::value<std::string>()->default_value("kangbashi"),
                  "case file (YAML) or the name of an embedded case")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override a case key, e.g. --set grid.nx=80 (repeatable; see `airshed config-doc`)")(
      "hours", po::value<double>(), "run length in hours (case.hours)")(
      "start", po::value<std::string>(), "start time, UTC ISO 8601 (case.start)");
  return o;
}

std::vector<std::string> overrides_from(const po::variables_map& vm) {
  std::vector<std::string> o;
  if (vm.count("hours")) o.push_back("case.hours=" + std::to_string(vm["hours"].as<double>()));
  if (vm.count("start")) o.push_back("case.start=" + vm["start"].as<std::string>());
  if (vm.count("met")) {
    o.push_back("meteorology.source=file");
    // A path on the command line is relative to the working directory, not to the case file.
    o.push_back("meteorology.file=" + std::filesystem::absolute(vm["met"].as<std::string>()).string());
  }
  if (vm.count("set"))
    for (const auto& s : vm["set"].as<std::vector<std::string>>()) o.push_back(s);
  return o;
}

int cmd_run(const std::vector<std::string>& args, const std::string& history) {
  po::options_description o = case_options();
  o.add_options()("help,h", "this text")("output,o", po::value<std::string>(),
                                         "output file (default: case output.file)")(
      "met", po::value<std::string>(), "CF meteorology file (replaces the case's meteorology)")(
      "restart", po::value<std::string>(), "continue from this checkpoint (HDF5)")(
      "threads", po::value<int>(), "OpenMP threads (default: OMP_NUM_THREADS or all cores)")(
      "decomposition", po::value<std::string>()->default_value("auto"),
      "under mpirun: the block layout of the grid over the ranks, auto or PXxPY (PX * PY = ranks)")(
      "quiet,q", "no progress output");
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(o).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << "Usage: airshed run [options]\n\nRuns a case: reads (or writes, for idealised cases) the "
                 "meteorology, transports the species and writes hourly CF-1.8 NetCDF plus a checkpoint.\n"
                 "With no options it runs the embedded Kangbashi case (72 h) and writes kangbashi.nc.\n\n"
              << o << "\n";
    return 0;
  }
  if (vm.count("threads")) omp_set_num_threads(vm["threads"].as<int>());
  const CaseDefinition c = load_case(vm["case"].as<std::string>(), overrides_from(vm));
  RunOptions ro;
  if (vm.count("output")) ro.output = vm["output"].as<std::string>();
  if (vm.count("restart")) ro.restart = vm["restart"].as<std::string>();
  ro.history = history;
  ro.progress = vm.count("quiet") ? nullptr : &std::cout;
  ro.terminal = isatty(fileno(stdout));
  if (!ro.progress) ro.terminal = false;
  const parallel::Communicator world = parallel::Communicator::world();
  ro.ranks = &world;
  ro.decomposition = vm["decomposition"].as<std::string>();
  if (world.root()) {
    std::cout << "airshed " << AIRSHED_VERSION_STRING << ": case " << c.name << " (" << c.case_file
              << "), grid " << c.grid.nx() << " x " << c.grid.ny() << " x " << c.grid.nz() << " at "
              << c.grid.dx() << " m, " << c.hours << " h from " << format_utc(c.start) << ", ";
    if (world.size() > 1) std::cout << world.size() << " MPI ranks x ";
    std::cout << omp_get_max_threads() << " thread(s)\n";
  }
  std::ostringstream null_sink;
  if (!ro.progress) ro.progress = &null_sink;
  const RunSummary s = run_case(c, ro);
  if (world.root()) std::cout << format_summary(s);
  return 0;
}

int cmd_make_met(const std::vector<std::string>& args, const std::string& history) {
  po::options_description o = case_options();
  o.add_options()("help,h", "this text")("output,o", po::value<std::string>(),
                                         "met file to write (default: <case>-met.nc)");
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(o).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout
        << "Usage: airshed make-met [options]\n\nWrites the case's idealised meteorology (diurnal boundary "
           "layer, log wind profile with veering, lapse-rate temperature, hydrostatic pressure, sun-driven "
           "radiation at the case's position) as a CF-1.8 file that `airshed run --met` reads.\n\n"
        << o << "\n";
    return 0;
  }
  const CaseDefinition c = load_case(vm["case"].as<std::string>(), overrides_from(vm));
  const std::string path = vm.count("output") ? vm["output"].as<std::string>() : c.name + "-met.nc";
  make_idealised_met(c, path, history);
  std::cout << "Wrote " << path << ": " << c.hours << " h of idealised meteorology for case " << c.name
            << "\n";
  return 0;
}

int cmd_emissions(const std::vector<std::string>& args, const std::string& history) {
  po::options_description o = case_options();
  o.add_options()("help,h", "this text")("output,o", po::value<std::string>(),
                                         "gridded hourly emissions to write (CF NetCDF); none if not given")(
      "hour", po::value<std::string>(), "UTC hour of the kg/h table (default: the case start)")(
      "met", po::value<std::string>(), "CF meteorology file (replaces the case's meteorology)");
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(o).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << "Usage: airshed emissions [options]\n\nReads the case's emission inventory and prints the "
                 "annual totals per category and pollutant (t/yr, reference conditions) and the rates of one "
                 "hour (kg/h, with that hour's meteorology); with --output, writes the hourly emissions of "
                 "every emitted model species on the grid over the case's hours (CF NetCDF, kg m-2 s-1).\n\n"
              << o << "\n";
    return 0;
  }
  const CaseDefinition c = load_case(vm["case"].as<std::string>(), overrides_from(vm));
  EmissionsReportOptions eo;
  if (vm.count("output")) eo.output = vm["output"].as<std::string>();
  eo.hour = vm.count("hour") ? parse_utc(vm["hour"].as<std::string>()) : c.start;
  eo.history = history;
  emissions_report(c, eo, std::cout);
  return 0;
}

int cmd_box(const std::vector<std::string>& args) {
  po::options_description o("Box options");
  o.add_options()("help,h", "this text")("box,b", po::value<std::string>(),
                                         "box file (YAML, see `airshed box-doc`)")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override a box key, e.g. --set temperature=290")(
      "output,o", po::value<std::string>(), "CSV file to write (default: the box file's `output`)");
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(o).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout
        << "Usage: airshed box [--box FILE] [options]\n\nIntegrates one well-mixed cell with a chemical "
           "mechanism "
           "(constant T, p, humidity; photolysis fixed or following the sun) and writes a CSV time series in "
           "ppb. With no file, runs cb05-core for 24 h at the summer solstice with no emissions.\n\n"
        << o << "\n";
    return 0;
  }
  Config config = vm.count("box") ? Config::load(vm["box"].as<std::string>(), box_schema())
                                  : Config::parse("", "defaults", box_schema());
  if (vm.count("set"))
    for (const auto& s : vm["set"].as<std::vector<std::string>>()) config.set(s);
  const BoxSetup setup = box_from_config(config);
  const std::string path = vm.count("output") ? vm["output"].as<std::string>() : config.string("output");
  const BoxResult r = run_box(setup);
  write_box_csv(path, setup, r);
  std::cout << "Box: mechanism " << setup.mechanism.name << ", " << setup.hours << " h, " << r.solver_steps
            << " solver steps (" << r.rejected << " rejected); wrote " << path << " (" << r.times.size()
            << " rows)\n";
  const std::size_t last = r.times.size() - 1;
  for (const char* name : {"O3", "NO", "NO2", "HNO3", "H2O2"})
    for (std::size_t s = 0; s < r.species.size(); ++s)
      if (r.species[s] == name) std::cout << "  " << name << " at the end: " << r.ppb[last][s] << " ppb\n";
  return 0;
}

/// std::cout on rank 0 of the run; elsewhere a stream that drops everything (under mpirun every rank runs
/// the ensemble commands, and rank 0 alone reports).
std::ostream& rank0_out() {
  static std::ostream nowhere(nullptr);
  static const bool root = parallel::Communicator::world().root();
  return root ? std::cout : nowhere;
}

/// --rank-groups and --decomposition of the ensemble commands, as options_description entries.
void add_rank_group_options(po::options_description& o) {
  o.add_options()("rank-groups", po::value<int>(),
                  "under mpirun: groups of MPI ranks, each running its runs one after another with the grid "
                  "decomposed over its ranks (must divide the ranks; default: as many as ranks, at most the "
                  "runs)")(
      "decomposition", po::value<std::string>()->default_value("auto"),
      "under mpirun: the block layout of a run's grid over its group's ranks, auto or PXxPY "
      "(PX * PY = ranks per group)");
}

/// --members-in-parallel, --threads, --rank-groups and --decomposition of the ensemble commands (apportion,
/// scenarios run, forecast), over the ranks of the run (Communicator::world()).
scenarios::EnsembleOptions ensemble_options_from(const po::variables_map& vm) {
  static const parallel::Communicator world = parallel::Communicator::world();
  scenarios::EnsembleOptions e;
  e.ranks = &world;
  if (vm.count("rank-groups")) {
    e.rank_groups = vm["rank-groups"].as<int>();
    if (e.rank_groups < 1) throw InputError("--rank-groups", "must be at least 1");
  }
  if (vm.count("decomposition")) e.decomposition = vm["decomposition"].as<std::string>();
  if (vm.count("members-in-parallel")) {
    e.members_in_parallel = vm["members-in-parallel"].as<int>();
    if (e.members_in_parallel < 1) throw InputError("--members-in-parallel", "must be at least 1");
  }
  if (vm.count("threads")) {
    e.threads = vm["threads"].as<int>();
    if (e.threads < 1) throw InputError("--threads", "must be at least 1");
  }
  return e;
}

int cmd_apportion(const std::vector<std::string>& args, const std::string& history) {
  po::options_description o = case_options();
  o.add_options()("help,h", "this text")("method,m", po::value<std::string>(),
                                         "brute-force or shapley (required)")(
      "fraction", po::value<double>(),
      "brute force: fraction of each group's emissions removed in its run, in (0, 1] (default 1: removed)")(
      "groups", po::value<std::string>(),
      "comma-separated groups to attribute (default: every group with something to switch off)")(
      "members-in-parallel", po::value<int>(), "runs at the same time (default: min(runs, threads))")(
      "threads", po::value<int>(), "threads in all (default: OMP_NUM_THREADS or all cores)")(
      "samples", po::value<std::size_t>(),
      "sampled Shapley (more than 8 groups): orderings drawn (default 64)")(
      "seed", po::value<std::uint64_t>(), "sampled Shapley: seed of the orderings")(
      "output,o", po::value<std::string>(),
      "path whose stem names the outputs, <stem>-apportion-<method>.csv (default: case output.file)")(
      "met", po::value<std::string>(), "CF meteorology file (replaces the case's meteorology)")(
      "quiet,q", "no per-run progress");
  add_rank_group_options(o);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(o).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout
        << "Usage: airshed apportion --method brute-force|shapley [options]\n\nAttributes O3 and PM2.5 "
           "(or, for an inert case, every species) at the receptors, over the area and the domain to the "
           "case's apportionment groups by ensembles of runs sharing the meteorology: brute force (the "
           "base run, one run per group reduced by --fraction, and one with every group off) or Shapley "
           "values over the 2^N on/off combinations (sampled above 8 groups). Writes the table "
           "<stem>-apportion-<method>.csv and the episode-mean maps <stem>-apportion-<method>-maps.nc "
           "(docs/apportionment-ensembles.md).\n\n"
        << o << "\n";
    return 0;
  }
  if (!vm.count("method")) throw InputError("airshed apportion", "--method brute-force|shapley is required");
  scenarios::ApportionRequest req;
  req.method = scenarios::method_from(vm["method"].as<std::string>(), "--method");
  if (vm.count("fraction")) {
    if (req.method != scenarios::Method::brute_force)
      throw InputError("--fraction",
                       "applies to --method brute-force only (Shapley switches groups on and off)");
    req.fraction = vm["fraction"].as<double>();
    if (!(req.fraction > 0.0 && req.fraction <= 1.0))
      throw InputError("--fraction", "must lie in (0, 1] (1: the group removed)");
  }
  if (vm.count("groups")) {
    std::stringstream list(vm["groups"].as<std::string>());
    for (std::string g; std::getline(list, g, ',');)
      if (!g.empty()) req.groups.push_back(g);
  }
  req.ensemble = ensemble_options_from(vm);
  if (vm.count("samples")) {
    req.samples = vm["samples"].as<std::size_t>();
    if (req.samples < 4) throw InputError("--samples", "must be at least 4");
  }
  if (vm.count("seed")) req.seed = vm["seed"].as<std::uint64_t>();
  if (vm.count("output")) req.output = vm["output"].as<std::string>();
  req.history = history;
  std::ostream& out = rank0_out();
  req.log = &out;
  if (!vm.count("quiet")) req.ensemble.progress = &out;
  const CaseDefinition c = load_case(vm["case"].as<std::string>(), overrides_from(vm));
  out << "airshed " << AIRSHED_VERSION_STRING << ": apportion, case " << c.name << " (" << c.case_file
      << "), grid " << c.grid.nx() << " x " << c.grid.ny() << " x " << c.grid.nz() << ", " << c.hours
      << " h from " << format_utc(c.start) << "\n";
  const scenarios::ApportionResult r = scenarios::run_apportion(c, req);
  out << scenarios::format_apportion_summary(r);
  return 0;
}

/// A scenario file by path, or by name among the embedded case's scenarios ("yellow" for the embedded
/// kangbashi case's scenarios/yellow.yaml).
Scenario load_scenario(const std::string& arg, const CaseDefinition& c) {
  if (std::filesystem::is_regular_file(arg)) return parse_scenario(arg, read_case_input(arg));
  const std::string prefix = "embedded:";
  if (c.case_file.rfind(prefix, 0) == 0) {
    const std::string embedded = c.case_file + "/scenarios/" + arg + ".yaml";
    try {
      const std::string text = read_case_input(embedded);
      return parse_scenario(embedded, text);
    } catch (const InputError&) {
      if (arg.find('/') == std::string::npos && arg.find('.') == std::string::npos) throw;
    }
  }
  throw InputError(arg, "no such scenario file (nor an embedded scenario of the case by that name)");
}

int cmd_scenarios(const std::vector<std::string>& args, const std::string& history) {
  if (args.empty() || (args[0] != "check" && args[0] != "run"))
    throw InputError("airshed scenarios",
                     "say what to do: `airshed scenarios check --scenarios FILE...` or "
                     "`airshed scenarios run --scenarios FILE...`");
  const bool check = args[0] == "check";
  po::options_description o = case_options();
  o.add_options()("help,h", "this text")("scenarios", po::value<std::vector<std::string>>()->multitoken(),
                                         "scenario files (docs/scenarios.md), or names of the embedded "
                                         "case's scenarios (yellow, orange, red, ...)");
  if (!check)
    o.add_options()("members-in-parallel", po::value<int>(),
                    "runs at the same time (default: min(runs, threads))")(
        "threads", po::value<int>(), "threads in all (default: OMP_NUM_THREADS or all cores)")(
        "output,o", po::value<std::string>(),
        "path whose stem names the outputs, <stem>-scenarios.csv (default: case output.file)")(
        "met", po::value<std::string>(), "CF meteorology file (replaces the case's meteorology)")(
        "quiet,q", "no per-run progress");
  if (!check) add_rank_group_options(o);
  po::variables_map vm;
  po::store(po::command_line_parser(std::vector<std::string>(args.begin() + 1, args.end())).options(o).run(),
            vm);
  po::notify(vm);
  if (vm.count("help")) {
    if (check)
      std::cout
          << "Usage: airshed scenarios check [--case C] --scenarios A.yaml [B.yaml ...]\n\nFor each "
             "scenario, the city-wide emissions of SO2, NOx, PM (PM10) and VOC over the case's hours with "
             "and without its measures, and, for a warning-level package (scenario.level), whether each "
             "reduction reaches the mandated 10 % (yellow), 20 % (orange) or 30 % (red) "
             "(docs/scenarios.md). Exit status 1 when a package misses its mandate.\n\n";
    else
      std::cout << "Usage: airshed scenarios run [--case C] --scenarios A.yaml [B.yaml ...]\n\nRuns the base "
                   "case and each scenario as an ensemble (the meteorology read once, runs side by side) and "
                   "compares them per local day at the receptors, over the area and the domain: peak hourly "
                   "O3, MDA8 O3, 24-h PM2.5 and the China AQI. Writes <stem>-scenarios.csv and the "
                   "episode-mean difference maps <stem>-scenarios-maps.nc (docs/scenarios.md).\n\n";
    std::cout << o << "\n";
    return 0;
  }
  if (!vm.count("scenarios"))
    throw InputError(std::string("airshed scenarios ") + args[0], "--scenarios is required");
  const CaseDefinition c = load_case(vm["case"].as<std::string>(), overrides_from(vm));
  std::vector<Scenario> list;
  for (const std::string& a : vm["scenarios"].as<std::vector<std::string>>())
    list.push_back(load_scenario(a, c));
  std::ostream& out = rank0_out();
  out << "airshed " << AIRSHED_VERSION_STRING << ": scenarios " << args[0] << ", case " << c.name << ", "
      << c.hours << " h from " << format_utc(c.start) << "\n";
  if (check) {
    const std::vector<PackageCheck> checks = check_packages(c, list, history);
    out << format_package_checks(checks);
    for (const PackageCheck& k : checks)
      if (!k.missed().empty()) return 1;
    return 0;
  }
  scenarios::ScenarioRunRequest req;
  if (vm.count("output")) req.output = vm["output"].as<std::string>();
  req.history = history;
  req.ensemble = ensemble_options_from(vm);
  if (!vm.count("quiet")) req.ensemble.progress = &out;
  const scenarios::ScenarioComparison r = scenarios::run_scenarios(c, list, req);
  out << scenarios::format_scenario_comparison(r);
  return 0;
}

int cmd_forecast(const std::vector<std::string>& args, const std::string& history) {
  po::options_description o = case_options();
  o.add_options()("help,h", "this text")("met", po::value<std::string>(),
                                         "the meteorological forecast (CF NetCDF or WRF output, a glob)")(
      "rules", po::value<std::string>()->default_value("2024"), "warning rules: 2018 (2018-19) or 2024")(
      "scenarios", po::value<std::vector<std::string>>()->multitoken(),
      "packages and measures to evaluate (files, or names of the embedded case's scenarios; default for the "
      "embedded Kangbashi case: yellow orange red fuel_station_shift)")(
      "site", po::value<std::string>(), "the bulletin's site (a receptor or the area; default: the area)")(
      "output,o", po::value<std::string>(),
      "path whose stem names every file (default: forecast-<start date>.nc)")(
      "members-in-parallel", po::value<int>(), "scenario runs at the same time")(
      "threads", po::value<int>(), "threads in all (default: OMP_NUM_THREADS or all cores)")(
      "no-html", "write the JSON and Markdown only (no tools/make_bulletin.py)")("quiet,q",
                                                                                 "no progress output");
  add_rank_group_options(o);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(o).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout
        << "Usage: airshed forecast [--case C] --met FORECAST.nc --start 2026-11-28T00 --hours 72 "
           "[options]\n\n"
           "The warning team's daily forecast: the base forecast with source tagging, each warning-level "
           "package and single measure as an ensemble, the daily China AQI, the warning level and why, the "
           "top sources and what each option buys, and the smallest package that keeps the forecast below "
           "the warning threshold. Writes the model outputs, <stem>-aqi.nc, <stem>-bulletin.json, "
           "<stem>-bulletin.md and (tools/make_bulletin.py, system Python) <stem>-bulletin.html with its "
           "PNG figures (docs/forecast.md).\n\n"
        << o << "\n";
    return 0;
  }
  const CaseDefinition c = load_case(vm["case"].as<std::string>(), overrides_from(vm));
  scenarios::ForecastRequest req;
  req.history = history;
  req.rules = scenarios::parse_warning_rules(vm["rules"].as<std::string>());
  std::vector<std::string> names;
  if (vm.count("scenarios")) {
    names = vm["scenarios"].as<std::vector<std::string>>();
  } else if (c.case_file == "embedded:kangbashi") {
    names = {"yellow", "orange", "red", "fuel_station_shift"};
  }
  for (const std::string& n : names) req.options.push_back(load_scenario(n, c));
  if (vm.count("site")) req.site = vm["site"].as<std::string>();
  req.output = vm.count("output") ? vm["output"].as<std::string>()
                                  : "forecast-" + format_utc(c.start).substr(0, 10) + ".nc";
  req.ensemble = ensemble_options_from(vm);
  if (!vm.count("no-html")) req.tools_dir = AIRSHED_TOOLS_DIR;
  std::ostream& out = rank0_out();
  if (!vm.count("quiet")) {
    req.log = &out;
    req.ensemble.progress = &out;
  }
  out << "airshed " << AIRSHED_VERSION_STRING << ": forecast, case " << c.name << ", " << c.hours
      << " h from " << format_utc(c.start) << ", " << req.options.size() << " package(s)/measure(s)\n";
  const scenarios::ForecastResult r = scenarios::run_forecast(c, req);
  out << "Warning: " << scenarios::to_string(r.warning.highest) << ". " << r.warning.why << "\n";
  if (r.warning.highest != scenarios::WarningLevel::none)
    out << "Smallest package below the warning threshold: " << r.smallest_package.value_or("none of them")
        << "\n";
  out << "Wrote " << r.json_file << ", " << r.markdown_file << (r.html_file.empty() ? "" : ", " + r.html_file)
      << ", " << r.aqi_file << "\n";
  return 0;
}

int cmd_scenario_doc() {
  std::cout << schema_markdown(scenario_schema(), "Scenario file reference", scenario_schema_intro());
  return 0;
}

int cmd_aqi(const std::vector<std::string>& args) {
  po::options_description o("AQI options");
  o.add_options()("help,h", "this text")("observations", po::value<std::string>(),
                                         "observations CSV (required; format in docs/aqi.md)")(
      "format", po::value<std::string>()->default_value("airshed"),
      "airshed (station, time, pollutant[unit] columns) or prsa (UCI Beijing PRSA files)")(
      "standard", po::value<std::string>()->default_value("auto"),
      "2012, 2026, or auto: HJ 633-2026 for dates from 2026-03-01, HJ 633-2012 before")(
      "rounding", po::value<std::string>()->default_value("ceiling"),
      "IAQI rounding: ceiling, half-up or none")(
      "round-concentrations", "round concentrations to whole ug/m3 (CO to 0.1 mg/m3) before the IAQI")(
      "output,o", po::value<std::string>(),
      "daily CSV to write (default: <observations stem>-aqi-daily.csv)")(
      "hourly", po::value<std::string>(), "hourly CSV to write (none if not given)")(
      "utc-offset", po::value<int>()->default_value(8), "local time of days and hours, hours east of UTC")(
      "hour-ending", "the file's times mark the end of each averaging hour (China's network stamps)");
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(o).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << "Usage: airshed aqi --observations FILE.csv [options]\n\nChina's AQI (HJ 633-2012 or "
                 "HJ 633-2026) of hourly observations: per station and local day the IAQI of the 24-h means, "
                 "the O3 1-h maximum and MDA8, the AQI, level, colour, primary and exceeding pollutants "
                 "(daily CSV); with --hourly, the same of each hour's 1-h values. Missing and implausible "
                 "values are counted and listed in the summary (docs/aqi.md).\n\n"
              << o << "\n";
    return 0;
  }
  if (!vm.count("observations")) throw InputError("airshed aqi", "--observations FILE is required");
  scenarios::ObservationOptions oo;
  oo.format = scenarios::observation_format_from(vm["format"].as<std::string>(), "--format");
  oo.utc_offset_hours = vm["utc-offset"].as<int>();
  if (oo.utc_offset_hours < -12 || oo.utc_offset_hours > 14)
    throw InputError("--utc-offset", "must lie in -12..14 hours");
  oo.hour_ending = vm.count("hour-ending") > 0;
  scenarios::AqiOptions ao;
  const std::string standard = vm["standard"].as<std::string>();
  if (standard != "auto") ao.standard = scenarios::aqi_standard_from(standard, "--standard");
  ao.settings.rounding = scenarios::iaqi_rounding_from(vm["rounding"].as<std::string>(), "--rounding");
  ao.settings.round_concentrations = vm.count("round-concentrations") > 0;
  const std::string path = vm["observations"].as<std::string>();
  const std::string daily_path = vm.count("output")
                                     ? vm["output"].as<std::string>()
                                     : std::filesystem::path(path).stem().string() + "-aqi-daily.csv";
  const scenarios::Observations obs = scenarios::read_observations(path, oo);
  std::vector<scenarios::DailyAqi> days;
  for (const scenarios::StationHours& s : obs.stations)
    for (scenarios::DailyAqi& d : scenarios::daily_aqi(s, ao)) days.push_back(std::move(d));
  scenarios::write_daily_csv(daily_path, days);
  std::string written = daily_path + " (" + std::to_string(days.size()) + " days)";
  if (vm.count("hourly")) {
    std::vector<scenarios::HourlyAqi> hours;
    for (const scenarios::StationHours& s : obs.stations)
      for (scenarios::HourlyAqi& h : scenarios::hourly_aqi(s, ao)) hours.push_back(std::move(h));
    const std::string hourly_path = vm["hourly"].as<std::string>();
    scenarios::write_hourly_csv(hourly_path, hours, oo.utc_offset_hours);
    written += ", " + hourly_path + " (" + std::to_string(hours.size()) + " hours)";
  }
  std::cout << "airshed " << AIRSHED_VERSION_STRING << ": aqi, standard "
            << (ao.standard ? scenarios::aqi_standard_name(*ao.standard)
                            : std::string("auto (HJ 633-2012 before 2026-03-01, HJ 633-2026 from then)"))
            << ", IAQI rounding " << vm["rounding"].as<std::string>() << "\n"
            << scenarios::format_aqi_summary(obs, days) << "Wrote " << written << "\n";
  return 0;
}

int cmd_box_doc() {
  std::cout << schema_markdown(box_schema(), "Box file reference", box_schema_intro());
  return 0;
}

int cmd_config_doc() {
  std::cout << schema_markdown(case_schema(), "Case file reference", case_schema_intro());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  parallel::MpiSession mpi(argc, argv);
  const parallel::Communicator world = parallel::Communicator::world();
  const std::string history = history_line(argc, argv);
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
      std::cout << kUsage;
      return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
      std::cout << "airshed " << AIRSHED_VERSION_STRING << "\n";
      return 0;
    }
    const std::string command = args[0];
    args.erase(args.begin());
    // Under mpirun only the commands that use several ranks may run; the others would write the same files
    // from every rank.
    const bool uses_ranks =
        command == "run" || command == "apportion" || command == "scenarios" || command == "forecast";
    if (world.size() > 1 && !uses_ranks)
      throw InputError("airshed " + command,
                       "runs on one process; start it without mpirun (run, apportion, scenarios and forecast "
                       "use MPI ranks)");
    if (command == "run") return cmd_run(args, history);
    if (command == "make-met") return cmd_make_met(args, history);
    if (command == "emissions") return cmd_emissions(args, history);
    if (command == "config-doc") return cmd_config_doc();
    if (command == "box") return cmd_box(args);
    if (command == "box-doc") return cmd_box_doc();
    if (command == "apportion") return cmd_apportion(args, history);
    if (command == "aqi") return cmd_aqi(args);
    if (command == "scenarios") return cmd_scenarios(args, history);
    if (command == "scenario-doc") return cmd_scenario_doc();
    if (command == "forecast") return cmd_forecast(args, history);
    std::cerr
        << "airshed: unknown command '" << command
        << "' (commands: run, make-met, emissions, box, apportion, scenarios, aqi, forecast, config-doc, "
           "scenario-doc, box-doc)\n";
    return 2;
  } catch (const parallel::RankFailure& e) {
    // Every rank of the run holds this error: they stop in order and rank 0 reports it. An error agreed by a
    // rank group of an ensemble only leaves the other groups waiting: stop them.
    if (e.ranks() != world.size()) world.abort(std::string("error: ") + e.what(), e.exit_code());
    if (world.root()) std::cerr << "airshed: error: " << e.what() << "\n";
    return e.exit_code();
  } catch (const InputError& e) {
    // Under mpirun the other ranks may be waiting for this one: stop them all, naming this rank.
    if (world.size() > 1) world.abort(std::string("error: ") + e.what(), 2);
    std::cerr << "airshed: error: " << e.what() << "\n";
    return 2;
  } catch (const po::error& e) {
    if (world.size() > 1) world.abort(std::string("error: ") + e.what() + " (see --help)", 2);
    std::cerr << "airshed: error: " << e.what() << " (see --help)\n";
    return 2;
  } catch (const NumericalError& e) {
    if (world.size() > 1) world.abort(std::string("error: ") + e.what(), 1);
    std::cerr << "airshed: error: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    if (world.size() > 1) world.abort(std::string("internal error: ") + e.what(), 1);
    std::cerr << "airshed: internal error: " << e.what() << "\n";
    return 1;
  }
}
