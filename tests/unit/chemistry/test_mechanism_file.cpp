// SPDX-License-Identifier: Apache-2.0
// Mechanism files (docs/mechanisms.md): the two built-ins parse with the expected species and reactions, the
// documented example parses, and every kind of mistake is one InputError line "<file>:<line>: <problem>".
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "chemistry/builtin_mechanisms.hpp"
#include "chemistry/mechanism_file.hpp"
#include "core/error.hpp"

namespace airshed::chem {
namespace {

const Reaction& reaction(const Mechanism& m, const std::string& label) {
  const auto it = std::find_if(m.reactions.begin(), m.reactions.end(),
                               [&](const Reaction& r) { return r.label == label; });
  if (it == m.reactions.end()) throw std::out_of_range("no reaction " + label);
  return *it;
}

/// "A + B -> 0.5 C" written back from the parsed indices, for comparisons that read like the file.
std::string equation(const Mechanism& m, const Reaction& r) {
  std::ostringstream os;
  for (std::size_t i = 0; i < r.reactants.size(); ++i) {
    os << (i ? " + " : "");
    if (r.reactants[i].second != 1) os << r.reactants[i].second << " ";
    os << m.species[r.reactants[i].first].name;
  }
  os << " ->";
  for (std::size_t i = 0; i < r.products.size(); ++i) {
    os << (i ? " + " : " ");
    if (r.products[i].second != 1.0) os << r.products[i].second << " ";
    os << m.species[r.products[i].first].name;
  }
  return os.str();
}

TEST(MechanismFile, GrsBuiltIn) {
  const Mechanism m = load_mechanism("grs");
  EXPECT_EQ(m.name, "grs");
  EXPECT_EQ(m.source, "built-in:grs");
  ASSERT_EQ(m.species.size(), 8u);
  EXPECT_EQ(m.solved_species().size(), 7u);
  ASSERT_EQ(m.reactions.size(), 7u);
  EXPECT_TRUE(m.species[m.find("RP")].steady_state);
  EXPECT_EQ(m.species[m.find("M")].fixed, FixedKind::air);
  EXPECT_EQ(m.species[m.find("SGN")].atoms.N, 1.0);
  ASSERT_EQ(m.photolysis_names, std::vector<std::string>{"NO2"});

  const Reaction& r1 = reaction(m, "R1");
  EXPECT_EQ(equation(m, r1), "ROC -> RP + ROC");
  ASSERT_EQ(r1.rate.kind, RateLaw::Kind::photolysis);
  EXPECT_EQ(r1.rate.photolysis.j_index, 0);
  EXPECT_EQ(r1.rate.photolysis.scale, 1.0e4);
  EXPECT_EQ(r1.rate.photolysis.C, -4710.0);
  EXPECT_EQ(equation(m, reaction(m, "R3")), "NO2 -> NO + O3");
  EXPECT_EQ(equation(m, reaction(m, "R5")), "2 RP -> RP");
  const Reaction& r2 = reaction(m, "R2");
  ASSERT_EQ(r2.rate.terms.size(), 1u);
  EXPECT_EQ(r2.rate.terms[0].m_power, -1);
}

TEST(MechanismFile, Cb05CoreBuiltIn) {
  const Mechanism m = load_mechanism("cb05-core");
  EXPECT_EQ(m.name, "cb05-core");
  ASSERT_EQ(m.species.size(), 45u);
  EXPECT_EQ(m.solved_species().size(), 40u);
  EXPECT_EQ(m.reactions.size(), 115u);
  for (const char* fixed : {"M", "O2", "H2O", "CH4", "H2"})
    EXPECT_NE(m.species[m.find(fixed)].fixed, FixedKind::none) << fixed;
  EXPECT_DOUBLE_EQ(m.species[m.find("CH4")].fixed_mixing_ratio, 1.8e-6);
  EXPECT_EQ(m.species[m.find("N2O5")].atoms.N, 2.0);

  // Every photolysis name of the photolysis module is used, each reaction points at its own name.
  std::set<std::string> used(m.photolysis_names.begin(), m.photolysis_names.end());
  const auto& known = known_photolysis_names();
  EXPECT_EQ(used, std::set<std::string>(known.begin(), known.end()));
  for (const Reaction& r : m.reactions) {
    if (r.rate.kind != RateLaw::Kind::photolysis) continue;
    EXPECT_EQ(m.photolysis_names.at(static_cast<std::size_t>(r.rate.photolysis.j_index)),
              r.rate.photolysis.j_name);
  }

  // The reactions apportionment reads by label (docs/mechanisms.md).
  EXPECT_EQ(equation(m, reaction(m, "R28")), "NO2 + OH -> HNO3");
  EXPECT_EQ(equation(m, reaction(m, "R34")), "2 HO2 -> H2O2");
  EXPECT_EQ(equation(m, reaction(m, "R35")), "2 HO2 + H2O -> H2O2");
  EXPECT_EQ(equation(m, reaction(m, "R169")), "SO2 + OH -> SULF + HO2");
  // Pass-through M is dropped from the products; the lumped negative PAR yield survives.
  EXPECT_EQ(equation(m, reaction(m, "R10")), "O1D + M -> O");
  EXPECT_EQ(equation(m, reaction(m, "R117")),
            "OH + OLE -> 0.8 FORM + 0.95 ALD2 + 0.8 XO2 + 0.95 HO2 + -0.7 PAR");
  EXPECT_EQ(equation(m, reaction(m, "R22")), "2 NO + O2 -> 2 NO2");

  // Every solved species takes part in some reaction.
  for (const int s : m.solved_species()) {
    bool seen = false;
    for (const Reaction& r : m.reactions) {
      for (const auto& [i, c] : r.reactants) seen = seen || i == s;
      for (const auto& [i, y] : r.products) seen = seen || i == s;
    }
    EXPECT_TRUE(seen) << m.species[s].name;
  }
}

TEST(MechanismFile, BuiltInNamesAreListed) {
  EXPECT_EQ(builtin_mechanism_names(), "grs, cb05-core");
  EXPECT_NE(builtin_mechanism_text("grs"), nullptr);
  EXPECT_EQ(builtin_mechanism_text("cb4"), nullptr);
}

/// The complete example of docs/mechanisms.md (the yaml block after "<!-- example -->") parses.
TEST(MechanismFile, DocumentedExampleParses) {
  std::ifstream in(std::string(AIRSHED_SOURCE_DIR) + "/docs/mechanisms.md");
  ASSERT_TRUE(in) << "docs/mechanisms.md";
  std::stringstream doc;
  doc << in.rdbuf();
  const std::string text = doc.str();
  const auto marker = text.find("<!-- example -->");
  ASSERT_NE(marker, std::string::npos);
  const auto begin = text.find("```yaml\n", marker);
  ASSERT_NE(begin, std::string::npos);
  const auto end = text.find("```", begin + 8);
  const Mechanism m = parse_mechanism(text.substr(begin + 8, end - begin - 8), "docs/mechanisms.md");
  EXPECT_EQ(m.name, "leighton-hox");
  EXPECT_GT(m.reactions.size(), 5u);
  EXPECT_FALSE(m.photolysis_names.empty());
}

// ---- a small mechanism to break in every way ------------------------------------------------------------

/// Lines 1-10 of every test file below; reactions start on line 11.
const std::string kHead =
    "name: test\n"                                                // 1
    "species:\n"                                                  // 2
    "  - {name: NO, molar_mass: 0.030006, atoms: {N: 1}}\n"       // 3
    "  - {name: NO2, molar_mass: 0.046006, atoms: {N: 1}}\n"      // 4
    "  - {name: O3, atoms: {}}\n"                                 // 5
    "  - {name: HO2, atoms: {}}\n"                                // 6
    "  - {name: HNO3, atoms: {N: 1}}\n"                           // 7
    "  - {name: M, fixed: air, atoms: {}}\n"                      // 8
    "  - {name: O2, fixed: {mixing_ratio: 0.2095}, atoms: {}}\n"  // 9
    "reactions:\n";                                               // 10

std::string with_reactions(const std::string& reactions) {
  return kHead + reactions;
}

std::string error_of(const std::string& text) {
  try {
    parse_mechanism(text, "test.yaml");
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no InputError for:\n" << text;
  return {};
}

/// The message is one line, starts with "test.yaml:<line>: " and names the problem.
void expect_error(const std::string& text, int line, const std::string& problem) {
  const std::string message = error_of(text);
  EXPECT_EQ(message.rfind("test.yaml:" + std::to_string(line) + ": ", 0), 0u) << message;
  EXPECT_NE(message.find(problem), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

TEST(MechanismFile, SmallMechanismParses) {
  const Mechanism m = parse_mechanism(
      with_reactions(
          "  - {label: R1, equation: \"NO2 + hv -> NO + O3\", rate: {photolysis: NO2}}\n"
          "  - {label: R2, equation: \"O3 + NO -> NO2\", rate: {arrhenius: {A: 3.0e-12, C: -1500}}}\n"
          "  - {label: R3, equation: \"HO2 + HO2 ->\", rate: {arrhenius: [{A: 2.3e-13, C: 600}, "
          "{A: 1.7e-33, C: 1000, M: 1}]}}\n"
          "  - {label: R4, equation: \"2 NO + O2 -> 2 NO2\", rate: 3.3e-39}\n"
          "  - {label: R5, equation: \"NO2 + HO2 -> HNO3 - 0.5 O3 + 0.5*O3\", rate: {troe: {k0: {A: "
          "1.8e-31, B: -3.2}, kinf: {A: 4.7e-12}}}}\n"
          "  - {label: R6, equation: \"NO2 -> NO + O3\", rate: {photolysis: NO2, scale: 0.5}}\n"
          "  - {label: R7, equation: \"NO + O3 + M -> NO2 + M\", rate: {constant: 1e-30}}\n"
          "  - {label: R8, equation: \"HNO3 -> NO2\", rate: {constant: 1e-5}, balance: false, reason: "
          "\"test of the escape hatch\"}\n"),
      "test.yaml");
  EXPECT_EQ(m.source, "test.yaml");
  ASSERT_EQ(m.reactions.size(), 8u);
  EXPECT_EQ(m.reactions[0].line, 11);
  EXPECT_EQ(equation(m, m.reactions[2]), "2 HO2 ->");
  EXPECT_EQ(m.reactions[2].rate.terms.size(), 2u);
  EXPECT_EQ(m.reactions[2].rate.terms[1].m_power, 1);
  EXPECT_EQ(equation(m, m.reactions[3]), "2 NO + O2 -> 2 NO2");
  EXPECT_EQ(m.reactions[3].rate.terms[0].A, 3.3e-39);
  // Yields of one species add up; a net zero yield disappears.
  EXPECT_EQ(equation(m, m.reactions[4]), "NO2 + HO2 -> HNO3");
  EXPECT_EQ(m.reactions[4].rate.kind, RateLaw::Kind::troe);
  EXPECT_EQ(m.reactions[4].rate.troe.F, 0.6);
  EXPECT_EQ(m.reactions[4].rate.troe.n, 1.0);
  EXPECT_EQ(m.reactions[5].rate.photolysis.scale, 0.5);
  EXPECT_EQ(m.reactions[5].rate.photolysis.j_index, 0);
  EXPECT_EQ(equation(m, m.reactions[6]), "NO + O3 + M -> NO2");
  EXPECT_EQ(m.photolysis_names, std::vector<std::string>{"NO2"});
}

TEST(MechanismFile, MalformedYaml) {
  expect_error(kHead + "  - {label: R1, equation: [\n", 12, "malformed YAML");
}

TEST(MechanismFile, UnknownKeys) {
  expect_error("name: t\nspecies: [{name: A}]\nreactions: []\nauthor: me\n", 4,
               "unknown key 'author' in the top level");
  expect_error("name: t\nspecies:\n  - {name: A, charge: 1}\nreactions: []\n", 3,
               "unknown key 'charge' in a species");
  expect_error("name: t\nspecies:\n  - {name: A, atoms: {O: 1}}\nreactions: []\n", 3,
               "unknown key 'O' in the atoms");
  expect_error(with_reactions("  - {label: R1, equation: \"NO -> NO2\", rate: 1.0, note: x}\n"), 11,
               "unknown key 'note' in a reaction");
  expect_error(with_reactions("  - {label: R1, equation: \"NO -> NO2\", rate: {arrhenius: {A: 1, D: 2}}}\n"),
               11, "unknown key 'D'");
  expect_error(
      with_reactions("  - {label: R1, equation: \"NO -> NO2\", rate: {troe: {k0: {A: 1}, kinf: {A: 1}, "
                     "Fc: 0.6}}}\n"),
      11, "unknown key 'Fc'");
  expect_error(with_reactions("  - {label: R1, equation: \"NO -> NO2\", rate: {first_order: 1}}\n"), 11,
               "unknown key 'first_order'");
  expect_error(with_reactions("  - {label: R1, equation: \"NO -> NO2\", rate: {photolysis: {name: NO2, "
                              "factor: 2}}}\n"),
               11, "unknown key 'factor'");
  expect_error("name: t\nname: u\nspecies: [{name: A}]\nreactions: []\n", 2, "key 'name' is given twice");
}

TEST(MechanismFile, MissingKeys) {
  expect_error("species: [{name: A}]\nreactions: []\n", 1, "missing required key 'name'");
  expect_error("name: t\nreactions: []\n", 1, "missing required key 'species'");
  expect_error("name: t\nspecies: [{name: A}]\n", 1, "missing required key 'reactions'");
  expect_error("name: t\nspecies:\n  - {molar_mass: 0.03}\nreactions: []\n", 3,
               "missing required key 'name'");
  expect_error(with_reactions("  - {equation: \"NO -> NO2\", rate: 1.0}\n"), 11,
               "missing required key 'label'");
  expect_error(with_reactions("  - {label: R1, rate: 1.0}\n"), 11, "missing required key 'equation'");
  expect_error(with_reactions("  - {label: R1, equation: \"NO -> NO2\"}\n"), 11,
               "missing required key 'rate'");
  expect_error(with_reactions("  - {label: R1, equation: \"NO -> NO2\", rate: {arrhenius: {C: 100}}}\n"), 11,
               "missing required key 'A'");
  expect_error(with_reactions("  - {label: R1, equation: \"NO -> NO2\", rate: {troe: {k0: {A: 1}}}}\n"), 11,
               "missing required key 'kinf'");
}

TEST(MechanismFile, SpeciesProblems) {
  expect_error(kHead.substr(0, kHead.size() - 11) + "  - {name: NO2}\nreactions: []\n", 10,
               "species 'NO2' is declared twice");
  expect_error("name: t\nspecies:\n  - {name: 2NO}\nreactions: []\n", 3, "must start with a letter");
  expect_error("name: t\nspecies:\n  - {name: A, molar_mass: 30.0}\nreactions: []\n", 3, "give kg mol-1");
  expect_error("name: t\nspecies:\n  - {name: A, fixed: {mixing_ratio: 2}}\nreactions: []\n", 3,
               "mole fraction");
  expect_error("name: t\nspecies:\n  - {name: A, fixed: ocean}\nreactions: []\n", 3,
               "must be air, water or {mixing_ratio: x}");
  expect_error("name: t\nspecies:\n  - {name: A, fixed: air, steady_state: true}\nreactions: []\n", 3,
               "cannot be both fixed and steady_state");
  expect_error("name: t\nspecies:\n  - {name: A, atoms: {N: -1}}\nreactions: []\n", 3,
               "must not be negative");
}

TEST(MechanismFile, EquationProblems) {
  expect_error(with_reactions("  - {label: R1, equation: \"NO + N02 -> NO2\", rate: 1.0}\n"), 11,
               "unknown species 'N02'");
  expect_error(with_reactions("  - {label: R1, equation: \"NO = NO2\", rate: 1.0}\n"), 11, "has no '->'");
  expect_error(with_reactions("  - {label: R1, equation: \"NO -> NO2 -> NO\", rate: 1.0}\n"), 11,
               "more than one '->'");
  expect_error(with_reactions("  - {label: R1, equation: \"-> NO2\", rate: 1.0}\n"), 11, "has no reactants");
  expect_error(with_reactions("  - {label: R1, equation: \"1.5 NO -> NO2\", rate: 1.0}\n"), 11,
               "must be a whole number");
  expect_error(with_reactions("  - {label: R1, equation: \"NO + -> NO2\", rate: 1.0}\n"), 11, "dangling");
  expect_error(with_reactions("  - {label: R1, equation: \"NO NO2 -> NO2\", rate: 1.0}\n"), 11,
               "expected '+'");
  expect_error(with_reactions("  - {label: R1, equation: \"NO + hv -> NO2\", rate: 1.0}\n"), 11,
               "'hv' in the reactants needs a photolysis rate");
  expect_error(with_reactions("  - {label: R1, equation: \"NO + O3 -> NO2\", rate: {photolysis: NO2}}\n"), 11,
               "exactly one reactant");
  expect_error(with_reactions("  - {label: R1, equation: \"M + O2 -> M\", rate: 1.0}\n"), 11,
               "at least one solved reactant");
  expect_error(with_reactions("  - {label: R1, equation: \"NO -> NO2\", rate: 1.0}\n"
                              "  - {label: R1, equation: \"NO2 -> NO\", rate: 1.0}\n"),
               12, "reaction label 'R1' is used twice");
}

TEST(MechanismFile, FixedSpeciesRules) {
  expect_error(with_reactions("  - {label: R1, equation: \"NO + O3 -> NO2 + O2\", rate: 1.0}\n"), 11,
               "fixed species 'O2' can only appear among the products as an unchanged pass-through");
  expect_error(with_reactions("  - {label: R1, equation: \"NO + M -> NO + 2 M\", rate: 1.0}\n"), 11,
               "fixed species 'M'");
  expect_error(
      with_reactions("  - {label: R1, equation: \"NO + O3 + M -> NO2 + M\", rate: {troe: {k0: {A: 1}, "
                     "kinf: {A: 1}}}}\n"),
      11, "a Troe law already includes [M]");
  expect_error(with_reactions("  - {label: R1, equation: \"NO + O3 -> NO2\", rate: {troe: {k0: {A: 1, M: 1}, "
                              "kinf: {A: 1}}}}\n"),
               11, "'M' is not allowed in a Troe k0 or kinf");
}

TEST(MechanismFile, AtomBalance) {
  expect_error(with_reactions("  - {label: R1, equation: \"NO + HO2 -> HNO3 + NO2\", rate: 1.0}\n"), 11,
               "reaction R1: does not balance N: 1 in the reactants, 2 in the products");
  expect_error(with_reactions("  - {label: R1,\n"
                              "     equation: \"NO2 + HO2 -> 0.9 HNO3\",\n"
                              "     rate: 1.0}\n"),
               12, "does not balance N: 1 in the reactants, 0.9 in the products");
  expect_error(with_reactions("  - {label: R1, equation: \"HNO3 ->\", rate: 1.0, balance: false}\n"), 11,
               "'balance: false' needs a 'reason:'");
  expect_error(with_reactions("  - {label: R1, equation: \"NO -> NO2\", rate: 1.0, reason: why}\n"), 11,
               "'reason' only goes with 'balance: false'");
  // Species without `atoms` are not checked: the composition is unknown.
  EXPECT_NO_THROW(
      parse_mechanism("name: t\nspecies:\n  - {name: A}\n  - {name: NO, atoms: {N: 1}}\n"
                      "reactions:\n  - {label: R1, equation: \"A + NO -> A\", rate: 1.0}\n",
                      "test.yaml"));
}

TEST(MechanismFile, RateParameterProblems) {
  expect_error(with_reactions("  - {label: R1, equation: \"NO -> NO2\",\n"
                              "     rate: {arrhenius: {A: -3.0e-12}}}\n"),
               12, "A must not be negative");
  expect_error(with_reactions("  - {label: R1, equation: \"NO -> NO2\", rate: {arrhenius: {A: .inf}}}\n"), 11,
               "'A' must be a finite number");
  expect_error(
      with_reactions("  - {label: R1, equation: \"NO -> NO2\", rate: {arrhenius: {A: 1, C: .nan}}}\n"), 11,
      "'C' must be a finite number");
  expect_error(with_reactions("  - {label: R1, equation: \"NO -> NO2\", rate: {arrhenius: {A: 1, M: 2}}}\n"),
               11, "must be -1, 0 or 1");
  expect_error(with_reactions("  - {label: R1, equation: \"NO -> NO2\", rate: -1.0}\n"), 11,
               "must not be negative");
  expect_error(
      with_reactions("  - {label: R1, equation: \"NO2 -> NO + O3\", rate: {photolysis: NO2, scale: -1}}\n"),
      11, "photolysis scale must not be negative");
  expect_error(
      with_reactions("  - {label: R1, equation: \"NO -> NO2\", rate: {troe: {k0: {A: 1}, kinf: {A: 1}, "
                     "F: 1.5}}}\n"),
      11, "Troe F must be in (0, 1]");
  expect_error(
      with_reactions("  - {label: R1, equation: \"NO -> NO2\", rate: {constant: 1, arrhenius: {A: 1}}}\n"),
      11, "exactly one of: arrhenius, troe, photolysis, constant");
  expect_error(with_reactions("  - {label: R1, equation: \"NO -> NO2\", rate: {constant: 1, scale: 2}}\n"),
               11, "'scale' and 'C' belong to a photolysis rate");
}

TEST(MechanismFile, UnknownPhotolysisNameListsTheKnownOnes) {
  const std::string message =
      error_of(with_reactions("  - {label: R1, equation: \"NO2 -> NO + O3\", rate: {photolysis: J4}}\n"));
  EXPECT_EQ(message.rfind("test.yaml:11: ", 0), 0u) << message;
  EXPECT_NE(message.find("unknown photolysis rate 'J4'"), std::string::npos) << message;
  for (const auto& name : known_photolysis_names()) EXPECT_NE(message.find(name), std::string::npos) << name;
}

TEST(MechanismFile, BuiltInsAreBalanceChecked) {
  // Every species of the built-ins gives its atoms, so a wrong yield in either file is caught.
  std::string cb05 = builtin_mechanism_text("cb05-core");
  cb05.replace(cb05.find("0.86 OPEN + 0.14 NTR"), 20, "0.86 OPEN + 0.15 NTR");
  EXPECT_NE(
      error_of(cb05).find("reaction R129: does not balance N: 1 in the reactants, 1.01 in the products"),
      std::string::npos);
  std::string grs = builtin_mechanism_text("grs");
  grs.replace(grs.find("RP + NO2 -> SGN"), 15, "RP + NO2 -> ROC");
  EXPECT_NE(error_of(grs).find("reaction R6: does not balance N"), std::string::npos);
}

TEST(MechanismFile, LoadsAFileByPath) {
  const std::string path = ::testing::TempDir() + "airshed_test_mechanism.yaml";
  {
    std::ofstream out(path);
    out << with_reactions("  - {label: R1, equation: \"NO2 + hv -> NO + O3\", rate: {photolysis: NO2}}\n");
  }
  const Mechanism m = load_mechanism(path);
  EXPECT_EQ(m.source, path);
  EXPECT_EQ(m.reactions.size(), 1u);
  std::ofstream(path) << "name: t\nspecies: [{name: A}]\nreactions: []\nextra: 1\n";
  try {
    load_mechanism(path);
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(path + ":4: unknown key 'extra'", 0), 0u) << e.what();
  }
}

TEST(MechanismFile, LoadUnknownNameListsBuiltIns) {
  try {
    load_mechanism("cb4");
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind("cb4: ", 0), 0u) << message;
    EXPECT_NE(message.find("grs, cb05-core"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace airshed::chem
