// SPDX-License-Identifier: Apache-2.0
// Chemistry, secondary aerosol and dry deposition coupled into the 3-D split step: the budget still closes
// field by field (now - initial = inflow + emitted + chemical - deposited), chemistry and aerosol together
// conserve the nitrogen and sulfur families exactly, sulfate forms, the pm25 output is the sum of its
// components, deposition lowers surface ozone, and threads do not change a bit.
#include <gtest/gtest.h>
#include <netcdf.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "core/error.hpp"
#include "driver/case_schema.hpp"
#include "driver/run.hpp"
#include "io/checkpoint.hpp"
#include "tolerances.hpp"

using namespace airshed;
namespace fs = std::filesystem;

namespace {

// Ion molar masses of the aerosol species [kg mol-1] (solver/aerosol_step.cpp).
constexpr double kSulfate = 0.09606, kAmmonium = 0.018038, kNitrate = 0.062004;

// 10 x 8 cells, 6 layers, cb05-core with an urban mix inflowing, ammonia, isoprene, primary organic aerosol
// and a NO stack; starts at 04 UTC (noon local) so the photochemistry is active. `chemistry` adds keys to the
// chemistry section.
std::string chemistry_case(double hours, const std::string& chemistry = "") {
  return std::string("case:\n  name: chem\n  start: 2026-06-21T04:00:00Z\n  hours: ") +
         std::to_string(hours) +
         "\ngrid:\n  centre_lon: 109.78\n  centre_lat: 39.61\n  nx: 10\n  ny: 8\n  dx: 2000\n  dy: 2000\n"
         "  layers:\n    nz: 6\n    first: 40\n    top: 1500\n"
         "meteorology:\n  source: idealised\n  surface_temperature_mean: 295\n  pbl_height_day_max: 1500\n"
         "chemistry:\n  mechanism: cb05-core\n" +
         chemistry +
         "species:\n"
         "  - {name: NO, initial: 5, boundary: 5}\n  - {name: NO2, initial: 15, boundary: 15}\n"
         "  - {name: O3, initial: 40, boundary: 40}\n  - {name: CO, initial: 250, boundary: 250}\n"
         "  - {name: PAR, initial: 30, boundary: 30}\n  - {name: OLE, initial: 2, boundary: 2}\n"
         "  - {name: TOL, initial: 3, boundary: 3}\n  - {name: FORM, initial: 3, boundary: 3}\n"
         "  - {name: SO2, initial: 5, boundary: 5}\n  - {name: NH3, initial: 8, boundary: 8}\n"
         "  - {name: ISOP, initial: 1, boundary: 1}\n  - {name: XYL, initial: 1, boundary: 1}\n"
         "  - {name: POA, phase: aerosol, initial: 4, boundary: 4, primary_organic: true}\n"
         "sources:\n  points:\n    - {name: stack, lon: 109.78, lat: 39.61, height: 100, species: [NO], "
         "rates: [20]}\n"
         "checkpoint:\n  interval: 0\n";
}

CaseDefinition chemistry_definition(const std::string& yaml) {
  return build_case(Config::parse(yaml, "chem.yaml", case_schema()), "chem.yaml", "");
}

RunSummary run(double hours, const fs::path& out, const std::string& chemistry = "") {
  const CaseDefinition c = chemistry_definition(chemistry_case(hours, chemistry));
  RunOptions o;
  o.output = out.string();
  std::ostringstream sink;
  o.progress = &sink;
  return run_case(c, o);
}

fs::path work_dir(const std::string& name) {
  fs::path d = fs::path(AIRSHED_BINARY_DIR) / "test-output" / "regression_chemistry" / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::size_t field_index(const RunSummary& s, const std::string& name) {
  for (std::size_t f = 0; f < s.field_names.size(); ++f)
    if (s.field_names[f] == name) return f;
  ADD_FAILURE() << "no field " << name;
  return 0;
}

/// Net chemical change, turnover and amount at the end of an atom family; each member is a field name and
/// its atoms per mol (gases) or per kg (aerosols).
struct Family {
  double net = 0.0, turnover = 0.0, total = 0.0;
};
Family family(const RunSummary& s, const std::vector<std::pair<const char*, double>>& members) {
  Family fam;
  for (const auto& [name, atoms] : members) {
    const std::size_t f = field_index(s, name);
    fam.net += atoms * s.chemical[f];
    fam.turnover += atoms * std::abs(s.chemical[f]);
    fam.total += atoms * s.domain_now[f];
  }
  return fam;
}

/// The last record of a variable of a CF output as floats.
std::vector<float> last_record(const fs::path& file, const std::string& name) {
  int nc = -1, var = -1, ndims = 0, dims[NC_MAX_VAR_DIMS];
  EXPECT_EQ(nc_open(file.c_str(), NC_NOWRITE, &nc), NC_NOERR) << file;
  EXPECT_EQ(nc_inq_varid(nc, name.c_str(), &var), NC_NOERR) << name;
  nc_inq_varndims(nc, var, &ndims);
  nc_inq_vardimid(nc, var, dims);
  std::size_t start[4] = {0, 0, 0, 0}, count[4] = {1, 0, 0, 0}, n = 1;
  nc_inq_dimlen(nc, dims[0], &start[0]);
  start[0] -= 1;
  for (int d = 1; d < ndims; ++d) {
    nc_inq_dimlen(nc, dims[d], &count[d]);
    n *= count[d];
  }
  std::vector<float> v(n);
  EXPECT_EQ(nc_get_vara_float(nc, var, start, count, v.data()), NC_NOERR) << name;
  nc_close(nc);
  return v;
}

/// Sum of the first layer of a species in a checkpoint (mol m-3 or kg m-3 summed over columns).
double first_layer_sum(const fs::path& checkpoint, const std::string& species) {
  const CheckpointData d = read_checkpoint(checkpoint.string());
  const Array3& a = d.fields.at("species/" + species);
  double sum = 0.0;
  for (int j = 0; j < a.n1; ++j)
    for (int i = 0; i < a.n0; ++i) sum += a(i, j, 0);
  return sum;
}

/// The problem of the InputError building a case raises, or "" if it builds.
std::string case_error(const std::string& yaml) {
  try {
    chemistry_definition(yaml);
  } catch (const InputError& e) {
    return e.problem();
  }
  return "";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

}  // namespace

TEST(ChemistryCase, AerosolSpeciesJoinTheCaseAndDerivedOutputsAreKnown) {
  const CaseDefinition c = chemistry_definition(chemistry_case(1.0));
  EXPECT_TRUE(c.chemistry_options.aerosol);
  EXPECT_TRUE(c.dry_deposition);
  EXPECT_EQ(c.chemistry_options.primary_organic, std::vector<std::string>{"POA"});
  std::vector<std::string> names;
  for (const SpeciesSetup& s : c.species) names.push_back(s.species.name);
  for (const char* name : {"NH3", "PSO4", "PNH4", "PNO3", "SOA1", "SOA4", "SOPA", "SOPB", "CG1", "CG4"})
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
  const std::vector<DerivedOutput> derived = c.derived_outputs();
  ASSERT_EQ(derived.size(), 2u);
  EXPECT_EQ(derived[0].name, "pm25");
  EXPECT_EQ(derived[0].species.size(), 10u) << "POA, PSO4, PNH4, PNO3, SOA1-4, SOPA, SOPB";
  EXPECT_EQ(derived[1].name, "soa");
  EXPECT_EQ(derived[1].species.size(), 6u);
  // The listed NH3 keeps its initial value but takes the coupling's molar mass.
  const auto nh3 = std::find(names.begin(), names.end(), "NH3") - names.begin();
  EXPECT_EQ(c.species[nh3].initial, 8.0);
  EXPECT_EQ(c.species[nh3].species.molar_mass, 0.017031);

  const std::string listed =
      replaced(chemistry_case(1.0), "checkpoint:", "output:\n  species: [O3, pm25]\ncheckpoint:");
  EXPECT_EQ(case_error(listed), "");
  // Without aerosol no aerosol species are added; grs has no sulfate or nitrate precursors at all.
  const CaseDefinition off = chemistry_definition(chemistry_case(1.0, "  aerosol: false\n"));
  EXPECT_FALSE(off.chemistry_options.aerosol);
  for (const SpeciesSetup& s : off.species) EXPECT_NE(s.species.name, "PSO4");
  const CaseDefinition grs =
      chemistry_definition(replaced(chemistry_case(1.0), "mechanism: cb05-core", "mechanism: grs"));
  EXPECT_FALSE(grs.chemistry_options.aerosol);
}

TEST(ChemistryCase, BadAerosolAndSurfaceSettingsAreInputErrors) {
  const std::string base = chemistry_case(1.0);
  EXPECT_NE(
      case_error(replaced(base, "{name: SO2, initial: 5", "{name: SO2, primary_organic: true, initial: 5"))
          .find("only an aerosol can be primary organic"),
      std::string::npos);
  EXPECT_NE(case_error(replaced(base, "{name: POA,", "{name: pm25,")).find("derived output"),
            std::string::npos);
  EXPECT_NE(case_error(replaced(base, "{name: NH3, initial: 8", "{name: NH3, phase: aerosol, initial: 8"))
                .find("is a gas in the aerosol coupling"),
            std::string::npos);
  EXPECT_NE(case_error(replaced(replaced(base, "first: 40", "first: 8"),
                                "checkpoint:", "surface:\n  roughness_length: 5\ncheckpoint:"))
                .find("below the first layer's mid-height"),
            std::string::npos)
      << "a first layer 8 m thick";
  EXPECT_NE(case_error(replaced(base, "checkpoint:", "output:\n  species: [pm10]\ncheckpoint:"))
                .find("not a case species or a derived output"),
            std::string::npos);
}

TEST(ChemistryRun, BudgetClosesAndNitrogenAndSulfurAreConserved) {
  const fs::path dir = work_dir("budget");
  const RunSummary s = run(1.0, dir / "chem.nc");
  for (std::size_t f = 0; f < s.field_names.size(); ++f)
    EXPECT_LT(s.budget_closure[f], tolerances::budget_closure) << s.field_names[f];
  // cb05-core balances N and S in every reaction (the parser checks it), the Rosenbrock solver conserves
  // linear invariants, and the aerosol step only moves whole amounts between fields (SULF and SO2 to PSO4,
  // NH3 <-> PNH4, HNO3 <-> PNO3), so the chemical change of each family sums to zero up to round-off (and
  // the clipping of tiny negatives at the end of each solve, which the solver bounds by its absolute
  // tolerance). Aerosols count per kg: atoms per mol over the ion's molar mass.
  const Family nitrogen = family(s, {{"NO", 1},
                                     {"NO2", 1},
                                     {"NO3", 1},
                                     {"N2O5", 2},
                                     {"HNO3", 1},
                                     {"HONO", 1},
                                     {"PNA", 1},
                                     {"PAN", 1},
                                     {"NTR", 1},
                                     {"NH3", 1},
                                     {"PNH4", 1 / kAmmonium},
                                     {"PNO3", 1 / kNitrate}});
  const Family sulfur = family(s, {{"SO2", 1}, {"SULF", 1}, {"PSO4", 1 / kSulfate}});
  for (const auto& [name, fam] : {std::pair{"N", nitrogen}, std::pair{"S", sulfur}}) {
    std::cout << name << " family: net chemical change " << fam.net << " mol, turnover " << fam.turnover
              << " mol, in domain " << fam.total << " mol\n";
    EXPECT_GT(fam.turnover, 1e-3 * fam.total)
        << name << ": the chemistry must be active for this to mean anything";
    EXPECT_LT(std::abs(fam.net), tolerances::family_conservation * fam.turnover) << name;
  }
  // Photochemistry at noon: ozone is produced somewhere and NO titrated near the stack.
  EXPECT_GT(s.max_value[field_index(s, "O3") - 1], 40.0);
  // Secondary aerosol forms: sulfate from SO2 + OH, SOA from the aromatics and isoprene, ammonium with the
  // sulfate.
  for (const char* name : {"PSO4", "PNH4", "SOA1", "SOA2", "SOPA"}) {
    EXPECT_GT(s.domain_now[field_index(s, name)], 0.0) << name;
    EXPECT_GT(s.chemical[field_index(s, name)], 0.0) << name;
  }
  // Dry deposition removed the deposited gases and every aerosol, nothing else.
  for (const char* name : {"O3", "NO2", "HNO3", "SO2", "H2O2", "PAN", "PSO4", "POA", "SOA2"})
    EXPECT_GT(s.deposited[field_index(s, name)], 0.0) << name;
  for (const char* name : {"air", "CO", "NO", "TOL", "NH3", "CG1"})
    EXPECT_EQ(s.deposited[field_index(s, name)], 0.0) << name;
}

TEST(ChemistryRun, Pm25IsTheSumOfItsComponentsInTheOutput) {
  const fs::path dir = work_dir("pm25");
  run(1.0, dir / "chem.nc");  // records are hourly
  const std::vector<float> pm25 = last_record(dir / "chem.nc", "pm25");
  std::vector<double> sum(pm25.size(), 0.0);
  for (const char* name : {"POA", "PSO4", "PNH4", "PNO3", "SOA1", "SOA2", "SOA3", "SOA4", "SOPA", "SOPB"}) {
    const std::vector<float> part = last_record(dir / "chem.nc", name);
    ASSERT_EQ(part.size(), pm25.size());
    for (std::size_t c = 0; c < part.size(); ++c) sum[c] += part[c];
  }
  // pm25 is summed in double and rounded to float once; each component was rounded to float on its own. All
  // are non-negative, so the two differ by at most float_relative of pm25 from each side.
  for (std::size_t c = 0; c < pm25.size(); ++c) {
    ASSERT_GT(pm25[c], 3.0f) << "the primary organic aerosol alone is about 4 ug m-3";
    EXPECT_NEAR(pm25[c], sum[c], 2.0 * tolerances::float_relative * pm25[c]) << "cell " << c;
  }
}

TEST(ChemistryRun, DryDepositionLowersSurfaceOzone) {
  const fs::path dir = work_dir("deposition");
  const RunSummary with = run(0.5, dir / "with.nc");
  const RunSummary without = run(0.5, dir / "without.nc", "  dry_deposition: false\n");
  const std::size_t o3 = field_index(with, "O3");
  EXPECT_GT(with.deposited[o3], 0.0);
  for (double d : without.deposited) EXPECT_EQ(d, 0.0);
  for (std::size_t f = 0; f < without.field_names.size(); ++f)
    EXPECT_LT(without.budget_closure[f], tolerances::budget_closure) << without.field_names[f];
  const double surface_with = first_layer_sum(dir / "with.checkpoint.h5", "O3");
  const double surface_without = first_layer_sum(dir / "without.checkpoint.h5", "O3");
  std::cout << "first-layer O3 with / without dry deposition: " << surface_with / surface_without << "\n";
  EXPECT_LT(surface_with, surface_without);
}

TEST(ChemistryRun, ThreadCountDoesNotChangeABit) {
  const fs::path dir = work_dir("threads");
  const int saved = omp_get_max_threads();
  omp_set_num_threads(1);
  run(0.5, dir / "one.nc");
  omp_set_num_threads(2);
  run(0.5, dir / "two.nc");
  omp_set_num_threads(saved);
  const CheckpointData a = read_checkpoint((dir / "one.checkpoint.h5").string());
  const CheckpointData b = read_checkpoint((dir / "two.checkpoint.h5").string());
  for (const auto& [name, field] : a.fields) {
    const Array3& other = b.fields.at(name);
    EXPECT_EQ(std::memcmp(field.data.data(), other.data.data(), field.size() * sizeof(double)), 0) << name;
  }
  for (const auto& [name, value] : a.reals)
    if (name.starts_with("budget.")) {
      EXPECT_EQ(value, b.reals.at(name)) << name;
    }
}

TEST(ChemistryRun, GrsStableNonGaseousNitrogenCountsAsNitrateInPm25) {
  // GRS's SNGN is particulate nitrate: PM2.5 = primary + SNGN x 62.0 g/mol (nitrate ion), in ug m-3.
  const std::string yaml =
      "case:\n  name: grs\n  start: 2026-06-21T04:00:00Z\n  hours: 1\n"
      "grid:\n  centre_lon: 109.78\n  centre_lat: 39.61\n  nx: 6\n  ny: 5\n  dx: 2000\n  dy: 2000\n"
      "  layers:\n    nz: 4\n    first: 50\n    top: 1000\n"
      "meteorology:\n  source: idealised\n  surface_temperature_mean: 295\n"
      "chemistry:\n  mechanism: grs\n"
      "species:\n  - {name: NO, initial: 10, boundary: 10}\n  - {name: NO2, initial: 30, boundary: 30}\n"
      "  - {name: O3, initial: 40, boundary: 40}\n  - {name: ROC, initial: 200, boundary: 200}\n"
      "  - {name: dust, phase: aerosol, initial: 5, boundary: 5}\n"
      "checkpoint:\n  interval: 0\n";
  const fs::path dir = work_dir("grs");
  RunOptions o;
  o.output = (dir / "grs.nc").string();
  std::ostringstream sink;
  o.progress = &sink;
  run_case(chemistry_definition(yaml), o);
  const std::vector<float> pm25 = last_record(dir / "grs.nc", "pm25");
  const std::vector<float> dust = last_record(dir / "grs.nc", "dust");
  const std::vector<float> sngn_ppb = last_record(dir / "grs.nc", "SNGN");
  const CheckpointData ckpt = read_checkpoint((dir / "grs.checkpoint.h5").string());
  const Array3& sngn = ckpt.fields.at("species/SNGN");  // mol m-3
  double max_sngn = 0.0;
  for (std::size_t c = 0; c < pm25.size(); ++c) {
    const double expected = dust[c] + sngn.data[c] * 0.06201 * 1e9;
    max_sngn = std::max(max_sngn, static_cast<double>(sngn_ppb[c]));
    EXPECT_NEAR(pm25[c], expected, 4.0 * tolerances::float_relative * expected) << "cell " << c;
  }
  EXPECT_GT(max_sngn, 0.01) << "an hour of noon GRS chemistry forms some SNGN";
}
