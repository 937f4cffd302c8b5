// SPDX-License-Identifier: Apache-2.0
// The mechanism file reader. The format is documented key by key in docs/mechanisms.md; this file keeps the
// same order: top level, species, reactions (equation, rate law, atom balance).
#include "chemistry/mechanism_file.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "chemistry/builtin_mechanisms.hpp"
#include "core/error.hpp"

namespace airshed::chem {

const std::vector<std::string>& known_photolysis_names() {
  // MCM v3.3.1 J numbers (Saunders et al. 2003, ACP 3, 161), implemented in chemistry/photolysis.cpp; the
  // order is the photolysis module's photolysis_names().
  static const std::vector<std::string> names = {
      "NO2",             // J4  NO2 -> NO + O(3P)
      "O3_O1D",          // J1  O3 -> O(1D) + O2
      "O3_O3P",          // J2  O3 -> O(3P) + O2
      "H2O2",            // J3  H2O2 -> 2 OH
      "NO3_NO",          // J5  NO3 -> NO + O2
      "NO3_NO2",         // J6  NO3 -> NO2 + O(3P)
      "HONO",            // J7  HONO -> OH + NO
      "HNO3",            // J8  HNO3 -> OH + NO2
      "HCHO_radical",    // J11 HCHO -> H + HCO
      "HCHO_molecular",  // J12 HCHO -> H2 + CO
      "CH3CHO",          // J13 CH3CHO -> CH3 + HCO
      "CH3OOH",          // J41 CH3OOH -> CH3O + OH
  };
  return names;
}

namespace {

/// Atom imbalances below this (in atoms per reaction) are round-off in yields written with 3-4 decimals.
constexpr double kBalanceTolerance = 1e-6;

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string format_number(double v) {
  std::ostringstream os;
  os.precision(6);
  os << v;
  return os.str();
}

bool is_name_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}
bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

bool valid_species_name(const std::string& s) {
  return !s.empty() && is_name_start(s[0]) && std::all_of(s.begin(), s.end(), is_name_char);
}

/// One term of an equation side: coefficient and species name.
struct Term {
  double coefficient;
  std::string name;
};

/// Reads one mechanism file; every error is an InputError at "<file>:<line>".
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  Mechanism read(const std::string& text) {
    const YAML::Node root = load(text);
    if (!root.IsMap())
      throw InputError(where(root), "a mechanism file is a map of keys (name, species, reactions)");
    check_keys(root, "the top level", {"name", "description", "references", "species", "reactions"});

    Mechanism m;
    m.source = file_;
    m.name = text_value(required(root, "name", "the top level"), "name");
    if (const YAML::Node d = root["description"]) m.description = text_value(d, "description");
    if (const YAML::Node r = root["references"]) {
      if (!r.IsSequence()) throw InputError(where(r), "'references' must be a list of texts");
      for (const auto& item : r) text_value(item, "references");
    }

    const YAML::Node species = required(root, "species", "the top level");
    if (!species.IsSequence() || species.size() == 0)
      throw InputError(where(species), "'species' must be a non-empty list of species");
    for (const auto& s : species) read_species(s, m);

    const YAML::Node reactions = required(root, "reactions", "the top level");
    if (!reactions.IsSequence())
      throw InputError(where(reactions), "'reactions' must be a list of reactions");
    std::set<std::string> labels;
    for (const auto& r : reactions) {
      Reaction reaction = read_reaction(r, m);
      if (!labels.insert(reaction.label).second)
        throw InputError(where(r["label"]), "reaction label '" + reaction.label + "' is used twice");
      m.reactions.push_back(std::move(reaction));
    }
    return m;
  }

 private:
  YAML::Node load(const std::string& text) const {
    try {
      return YAML::Load(text);
    } catch (const YAML::Exception& e) {
      throw InputError(file_ + ":" + std::to_string(e.mark.line + 1), "malformed YAML: " + e.msg);
    }
  }

  std::string where(const YAML::Node& n) const {
    const int line = n.Mark().line;
    return line >= 0 ? file_ + ":" + std::to_string(line + 1) : file_;
  }

  /// Rejects keys outside `known` and keys given twice.
  void check_keys(const YAML::Node& map, const std::string& what,
                  std::initializer_list<const char*> known) const {
    std::vector<std::string> names(known.begin(), known.end());
    std::set<std::string> seen;
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (!it->first.IsScalar()) throw InputError(where(it->first), "keys in " + what + " must be names");
      const std::string key = it->first.Scalar();
      if (std::find(names.begin(), names.end(), key) == names.end())
        throw InputError(where(it->first),
                         "unknown key '" + key + "' in " + what + " (known: " + join(names) + ")");
      if (!seen.insert(key).second)
        throw InputError(where(it->first), "key '" + key + "' is given twice in " + what);
    }
  }

  YAML::Node required(const YAML::Node& map, const std::string& key, const std::string& what) const {
    const YAML::Node n = map[key];
    if (!n || n.IsNull()) throw InputError(where(map), "missing required key '" + key + "' in " + what);
    return n;
  }

  std::string text_value(const YAML::Node& n, const std::string& key) const {
    if (!n.IsScalar()) throw InputError(where(n), "'" + key + "' must be a text");
    return n.Scalar();
  }

  double real_value(const YAML::Node& n, const std::string& key) const {
    double v = 0.0;
    if (!n.IsScalar() || !YAML::convert<double>::decode(n, v) || !std::isfinite(v))
      throw InputError(where(n), "'" + key + "' must be a finite number, got '" + describe(n) + "'");
    return v;
  }

  double non_negative(const YAML::Node& n, const std::string& key) const {
    const double v = real_value(n, key);
    if (v < 0.0) throw InputError(where(n), "'" + key + "' must not be negative, got " + format_number(v));
    return v;
  }

  bool bool_value(const YAML::Node& n, const std::string& key) const {
    bool b = false;
    if (!n.IsScalar() || !YAML::convert<bool>::decode(n, b))
      throw InputError(where(n), "'" + key + "' must be true or false, got '" + describe(n) + "'");
    return b;
  }

  static std::string describe(const YAML::Node& n) {
    if (n.IsScalar()) return n.Scalar();
    if (n.IsMap()) return "a map";
    if (n.IsSequence()) return "a list";
    return "nothing";
  }

  // ---- species ------------------------------------------------------------------------------------------

  void read_species(const YAML::Node& n, Mechanism& m) {
    if (!n.IsMap()) throw InputError(where(n), "each species is a map with at least a 'name'");
    check_keys(n, "a species", {"name", "molar_mass", "atoms", "fixed", "steady_state", "description"});
    MechanismSpecies s;
    const YAML::Node name = required(n, "name", "a species");
    s.name = text_value(name, "name");
    if (!valid_species_name(s.name))
      throw InputError(where(name), "species name '" + s.name +
                                        "' must start with a letter and hold only letters, digits and '_'");
    if (s.name == "hv") throw InputError(where(name), "'hv' is reserved for the photon in equations");
    if (m.find(s.name) >= 0) throw InputError(where(name), "species '" + s.name + "' is declared twice");
    const std::string what = "species '" + s.name + "'";

    if (const YAML::Node mm = n["molar_mass"]) {
      s.molar_mass = real_value(mm, "molar_mass");
      if (s.molar_mass < 1e-3 || s.molar_mass > 10.0)
        throw InputError(where(mm),
                         "molar_mass of " + what + " is " + format_number(s.molar_mass) +
                             " kg mol-1, outside 0.001 .. 10 (give kg mol-1: 30 g mol-1 is 0.030)");
    }
    bool atoms_given = false;
    if (const YAML::Node a = n["atoms"]) {
      atoms_given = true;
      if (!a.IsMap())
        throw InputError(where(a), "'atoms' of " + what + " must be a map such as {N: 1, C: 2}");
      check_keys(a, "the atoms of " + what + " (N and S are balanced, C is informative)", {"N", "S", "C"});
      if (const YAML::Node v = a["N"]) s.atoms.N = non_negative(v, "N");
      if (const YAML::Node v = a["S"]) s.atoms.S = non_negative(v, "S");
      if (const YAML::Node v = a["C"]) s.atoms.C = non_negative(v, "C");
    }
    if (const YAML::Node f = n["fixed"]) read_fixed(f, s, what);
    if (const YAML::Node ss = n["steady_state"]) {
      s.steady_state = bool_value(ss, "steady_state");
      if (s.steady_state && s.fixed != FixedKind::none)
        throw InputError(where(ss), what + " cannot be both fixed and steady_state");
    }
    if (const YAML::Node d = n["description"]) s.description = text_value(d, "description");
    m.species.push_back(std::move(s));
    atoms_given_.push_back(atoms_given);
  }

  void read_fixed(const YAML::Node& f, MechanismSpecies& s, const std::string& what) const {
    if (f.IsScalar() && f.Scalar() == "air") {
      s.fixed = FixedKind::air;
    } else if (f.IsScalar() && f.Scalar() == "water") {
      s.fixed = FixedKind::water;
    } else if (f.IsMap()) {
      check_keys(f, "'fixed' of " + what, {"mixing_ratio"});
      const YAML::Node x = required(f, "mixing_ratio", "'fixed' of " + what);
      s.fixed = FixedKind::mixing_ratio;
      s.fixed_mixing_ratio = real_value(x, "mixing_ratio");
      if (s.fixed_mixing_ratio <= 0.0 || s.fixed_mixing_ratio > 1.0)
        throw InputError(where(x), "mixing_ratio of " + what + " is a mole fraction in (0, 1], got " +
                                       format_number(s.fixed_mixing_ratio));
    } else {
      throw InputError(where(f), "'fixed' of " + what + " must be air, water or {mixing_ratio: x}, got '" +
                                     describe(f) + "'");
    }
  }

  // ---- equations ----------------------------------------------------------------------------------------

  /// Parses one side of an equation: terms "[coefficient[*]] NAME" joined by '+' (or '-' on the product side,
  /// which negates the next coefficient, as CB05 writes "- 0.11 PAR").
  std::vector<Term> parse_side(const std::string& side, bool products, const std::string& at,
                               const std::string& what) const {
    std::vector<Term> terms;
    std::size_t i = 0;
    auto skip = [&] {
      while (i < side.size() && std::isspace(static_cast<unsigned char>(side[i]))) ++i;
    };
    const std::string side_name = products ? "products" : "reactants";
    bool expect_term = true;
    double sign = 1.0;
    skip();
    if (i < side.size() && side[i] == '-' && products) {
      sign = -1.0;
      ++i;
    }
    while (true) {
      skip();
      if (i >= side.size()) {
        if (expect_term && !terms.empty())
          throw InputError(at, what + ": the " + side_name + " end with a dangling '+' or '-'");
        break;
      }
      if (!expect_term) {
        if (side[i] == '+' || (side[i] == '-' && products)) {
          sign = side[i] == '-' ? -1.0 : 1.0;
          ++i;
          expect_term = true;
          continue;
        }
        throw InputError(at,
                         what + ": expected '+' between " + side_name + ", found '" + side.substr(i) + "'");
      }
      double coefficient = 1.0;
      if (std::isdigit(static_cast<unsigned char>(side[i])) || side[i] == '.') {
        const char* begin = side.c_str() + i;
        char* end = nullptr;
        coefficient = std::strtod(begin, &end);
        if (end == begin || !std::isfinite(coefficient))
          throw InputError(at, what + ": cannot read a coefficient at '" + side.substr(i) + "'");
        i += static_cast<std::size_t>(end - begin);
        skip();
        if (i < side.size() && side[i] == '*') {
          ++i;
          skip();
        }
      }
      const std::size_t start = i;
      if (i < side.size() && is_name_start(side[i]))
        while (i < side.size() && is_name_char(side[i])) ++i;
      if (i == start)
        throw InputError(
            at, what + ": expected a species name in the " + side_name + " at '" + side.substr(start) + "'");
      terms.push_back({sign * coefficient, side.substr(start, i - start)});
      sign = 1.0;
      expect_term = false;
    }
    return terms;
  }

  // ---- rate laws ----------------------------------------------------------------------------------------

  ArrheniusTerm read_arrhenius_term(const YAML::Node& n, const std::string& what, bool allow_m) const {
    if (!n.IsMap())
      throw InputError(where(n), what + ": an Arrhenius term is a map {A: .., B: .., C: .., M: ..}");
    if (!allow_m && n["M"])
      throw InputError(where(n["M"]), what + ": 'M' is not allowed in a Troe k0 or kinf (the law adds [M])");
    if (allow_m)
      check_keys(n, what + " (Arrhenius term)", {"A", "B", "C", "M"});
    else
      check_keys(n, what + " (Troe k0/kinf)", {"A", "B", "C"});
    ArrheniusTerm t;
    const YAML::Node a = required(n, "A", what + " (Arrhenius term)");
    t.A = real_value(a, "A");
    if (t.A < 0.0) throw InputError(where(a), what + ": A must not be negative, got " + format_number(t.A));
    if (const YAML::Node b = n["B"]) t.B = real_value(b, "B");
    if (const YAML::Node c = n["C"]) t.C = real_value(c, "C");
    if (const YAML::Node mp = n["M"]) {
      int p = 0;
      if (!mp.IsScalar() || !YAML::convert<int>::decode(mp, p) || p < -1 || p > 1)
        throw InputError(where(mp),
                         what + ": M (the power of [M]) must be -1, 0 or 1, got '" + describe(mp) + "'");
      t.m_power = p;
    }
    return t;
  }

  void read_photolysis(const YAML::Node& rate, RateLaw& law, Mechanism& m, const std::string& what) const {
    // Two spellings: "photolysis: NAME" with optional scale and C beside it, or "photolysis: {name, scale,
    // C}". (yaml-cpp's Node::operator= writes into the node, so each Node here is bound exactly once.)
    const YAML::Node p = rate["photolysis"];
    const bool inner = p.IsMap();
    if (inner) {
      check_keys(p, what + " (photolysis)", {"name", "scale", "C"});
      if (rate["scale"] || rate["C"])
        throw InputError(where(rate),
                         what + ": give 'scale' and 'C' either inside photolysis: {..} or beside it");
    }
    const YAML::Node name = inner ? required(p, "name", what + " (photolysis)") : p;
    const YAML::Node scale = inner ? p["scale"] : rate["scale"];
    const YAML::Node c = inner ? p["C"] : rate["C"];
    law.kind = RateLaw::Kind::photolysis;
    law.photolysis.j_name = text_value(name, "photolysis");
    const auto& known = known_photolysis_names();
    if (std::find(known.begin(), known.end(), law.photolysis.j_name) == known.end())
      throw InputError(where(name), what + ": unknown photolysis rate '" + law.photolysis.j_name +
                                        "' (known: " + join(known) + ")");
    if (scale) {
      law.photolysis.scale = real_value(scale, "scale");
      if (law.photolysis.scale < 0.0)
        throw InputError(where(scale), what + ": photolysis scale must not be negative, got " +
                                           format_number(law.photolysis.scale));
    }
    if (c) law.photolysis.C = real_value(c, "C");
    auto& names = m.photolysis_names;
    const auto it = std::find(names.begin(), names.end(), law.photolysis.j_name);
    law.photolysis.j_index = static_cast<int>(it - names.begin());
    if (it == names.end()) names.push_back(law.photolysis.j_name);
  }

  RateLaw read_rate(const YAML::Node& rate, Mechanism& m, const std::string& what) const {
    RateLaw law;
    if (rate.IsScalar()) {  // "rate: 2.2e-10" is short for "rate: {constant: 2.2e-10}"
      const double k = real_value(rate, "rate");
      if (k < 0.0) throw InputError(where(rate), what + ": the rate constant must not be negative");
      law.terms.push_back({k, 0.0, 0.0, 0});
      return law;
    }
    if (!rate.IsMap())
      throw InputError(where(rate), what +
                                        ": 'rate' must be a number or a map with one of: arrhenius, troe, "
                                        "photolysis, constant");
    check_keys(rate, what + " (rate)", {"arrhenius", "troe", "photolysis", "constant", "scale", "C"});
    const int laws = (rate["arrhenius"] ? 1 : 0) + (rate["troe"] ? 1 : 0) + (rate["photolysis"] ? 1 : 0) +
                     (rate["constant"] ? 1 : 0);
    if (laws != 1)
      throw InputError(where(rate),
                       what + ": 'rate' needs exactly one of: arrhenius, troe, photolysis, constant");
    if (!rate["photolysis"] && (rate["scale"] || rate["C"]))
      throw InputError(where(rate), what + ": 'scale' and 'C' belong to a photolysis rate");

    if (const YAML::Node c = rate["constant"]) {
      const double k = real_value(c, "constant");
      if (k < 0.0) throw InputError(where(c), what + ": the constant rate must not be negative");
      law.terms.push_back({k, 0.0, 0.0, 0});
    } else if (const YAML::Node a = rate["arrhenius"]) {
      if (a.IsSequence()) {
        if (a.size() == 0) throw InputError(where(a), what + ": 'arrhenius' needs at least one term");
        for (const auto& t : a) law.terms.push_back(read_arrhenius_term(t, what, true));
      } else {
        law.terms.push_back(read_arrhenius_term(a, what, true));
      }
    } else if (const YAML::Node t = rate["troe"]) {
      if (!t.IsMap()) throw InputError(where(t), what + ": 'troe' is a map {k0: .., kinf: .., F: .., n: ..}");
      check_keys(t, what + " (troe)", {"k0", "kinf", "F", "n"});
      law.kind = RateLaw::Kind::troe;
      law.troe.k0 = read_arrhenius_term(required(t, "k0", what + " (troe)"), what, false);
      law.troe.kinf = read_arrhenius_term(required(t, "kinf", what + " (troe)"), what, false);
      if (const YAML::Node f = t["F"]) {
        law.troe.F = real_value(f, "F");
        if (law.troe.F <= 0.0 || law.troe.F > 1.0)
          throw InputError(where(f), what + ": Troe F must be in (0, 1], got " + format_number(law.troe.F));
      }
      if (const YAML::Node n = t["n"]) {
        law.troe.n = real_value(n, "n");
        if (law.troe.n <= 0.0)
          throw InputError(where(n), what + ": Troe n must be positive, got " + format_number(law.troe.n));
      }
    } else {
      read_photolysis(rate, law, m, what);
    }
    return law;
  }

  // ---- reactions ----------------------------------------------------------------------------------------

  Reaction read_reaction(const YAML::Node& n, Mechanism& m) const {
    if (!n.IsMap()) throw InputError(where(n), "each reaction is a map {label: .., equation: .., rate: ..}");
    check_keys(n, "a reaction", {"label", "equation", "rate", "source", "balance", "reason"});
    Reaction r;
    r.line = n.Mark().line + 1;
    r.label = text_value(required(n, "label", "a reaction"), "label");
    if (r.label.empty()) throw InputError(where(n["label"]), "a reaction label must not be empty");
    const std::string what = "reaction " + r.label;
    const YAML::Node eq = required(n, "equation", what);
    const std::string equation = text_value(eq, "equation");
    const std::string at = where(eq);
    if (const YAML::Node s = n["source"]) text_value(s, "source");

    const auto arrow = equation.find("->");
    if (arrow == std::string::npos)
      throw InputError(at, what + ": equation '" + equation + "' has no '->' between reactants and products");
    if (equation.find("->", arrow + 2) != std::string::npos)
      throw InputError(at, what + ": equation '" + equation + "' has more than one '->'");
    const std::vector<Term> left = parse_side(equation.substr(0, arrow), false, at, what);
    const std::vector<Term> right = parse_side(equation.substr(arrow + 2), true, at, what);

    r.rate = read_rate(required(n, "rate", what), m, what);
    const bool photolysis = r.rate.kind == RateLaw::Kind::photolysis;

    // Reactants: whole-number counts, repeated names merged ("HO2 + HO2" = "2 HO2"), "hv" for photolysis.
    std::map<int, int> count;
    std::vector<int> reactant_order;
    bool photon = false;
    for (const Term& t : left) {
      if (t.name == "hv") {
        if (!photolysis) throw InputError(at, what + ": 'hv' in the reactants needs a photolysis rate");
        if (t.coefficient != 1.0 || photon)
          throw InputError(at, what + ": write 'hv' once, without a coefficient");
        photon = true;
        continue;
      }
      const int s = species_index(m, t.name, at, what);
      if (t.coefficient < 1.0 || t.coefficient != std::floor(t.coefficient) || t.coefficient > 1e3)
        throw InputError(at,
                         what + ": reactant coefficient " + format_number(t.coefficient) + " of " + t.name +
                             " must be a whole number (reactions are elementary; yields go on the right)");
      if (count.find(s) == count.end()) reactant_order.push_back(s);
      count[s] += static_cast<int>(t.coefficient);
    }
    if (count.empty()) throw InputError(at, what + ": equation '" + equation + "' has no reactants");
    for (const int s : reactant_order) r.reactants.emplace_back(s, count[s]);

    int solved_reactants = 0, order = 0;
    bool has_m = false;
    for (const auto& [s, c] : r.reactants) {
      order += c;
      if (m.species[s].fixed == FixedKind::none) solved_reactants += c;
      if (m.species[s].fixed == FixedKind::air) has_m = true;
    }
    if (solved_reactants == 0)
      throw InputError(at, what + ": every reactant is fixed; a reaction needs at least one solved reactant");
    if (photolysis && order != 1)
      throw InputError(at, what + ": a photolysis reaction has exactly one reactant");
    if (r.rate.kind == RateLaw::Kind::troe && has_m)
      throw InputError(at, what + ": a Troe law already includes [M]; remove M from the equation");

    // Products: real yields, merged by name; fixed species only as an unchanged pass-through (dropped).
    std::map<int, double> yield;
    std::vector<int> product_order;
    for (const Term& t : right) {
      if (t.name == "hv") throw InputError(at, what + ": 'hv' cannot be a product");
      const int s = species_index(m, t.name, at, what);
      if (yield.find(s) == yield.end()) product_order.push_back(s);
      yield[s] += t.coefficient;
    }
    for (const int s : product_order) {
      const MechanismSpecies& sp = m.species[s];
      if (sp.fixed == FixedKind::none) {
        if (yield[s] != 0.0) r.products.emplace_back(s, yield[s]);
        continue;
      }
      const auto it = count.find(s);
      if (it == count.end() || static_cast<double>(it->second) != yield[s])
        throw InputError(at,
                         what + ": fixed species '" + sp.name +
                             "' can only appear among the products as an unchanged pass-through (like M in "
                             "'O1D + M -> O + M'); its concentration is prescribed, so leave it out");
    }

    read_balance(n, m, left, right, what);
    return r;
  }

  int species_index(const Mechanism& m, const std::string& name, const std::string& at,
                    const std::string& what) const {
    const int s = m.find(name);
    if (s < 0) throw InputError(at, what + ": unknown species '" + name + "' (declare it under 'species')");
    return s;
  }

  /// N and S must balance when every species of the reaction gives its atoms, unless the reaction says
  /// `balance: false` with a `reason`.
  void read_balance(const YAML::Node& n, const Mechanism& m, const std::vector<Term>& left,
                    const std::vector<Term>& right, const std::string& what) const {
    const std::string at = where(n["equation"]);
    bool check = true;
    if (const YAML::Node b = n["balance"]) check = bool_value(b, "balance");
    const YAML::Node reason = n["reason"];
    if (!check && (!reason || reason.IsNull() || text_value(reason, "reason").empty()))
      throw InputError(where(n["balance"]), what + ": 'balance: false' needs a 'reason:' saying why");
    if (check && reason) throw InputError(where(reason), what + ": 'reason' only goes with 'balance: false'");
    if (!check) return;

    double in_n = 0.0, in_s = 0.0, out_n = 0.0, out_s = 0.0;
    for (const Term& t : left) {
      if (t.name == "hv") continue;
      const int s = m.find(t.name);
      if (!atoms_given_[static_cast<std::size_t>(s)]) return;
      in_n += t.coefficient * m.species[s].atoms.N;
      in_s += t.coefficient * m.species[s].atoms.S;
    }
    for (const Term& t : right) {
      const int s = m.find(t.name);
      if (!atoms_given_[static_cast<std::size_t>(s)]) return;
      out_n += t.coefficient * m.species[s].atoms.N;
      out_s += t.coefficient * m.species[s].atoms.S;
    }
    for (const auto& [element, in, out] : {std::tuple{"N", in_n, out_n}, std::tuple{"S", in_s, out_s}}) {
      if (std::abs(in - out) > kBalanceTolerance)
        throw InputError(
            at, what + ": does not balance " + element + ": " + format_number(in) + " in the reactants, " +
                    format_number(out) +
                    " in the products (fix the yields, or write 'balance: false' with a 'reason:')");
    }
  }

  std::string file_;
  std::vector<bool> atoms_given_;  ///< per species: whether its `atoms` were written (balance is checked)
};

}  // namespace

Mechanism parse_mechanism(const std::string& yaml_text, const std::string& file) {
  return Reader(file).read(yaml_text);
}

Mechanism load_mechanism(const std::string& name_or_path) {
  if (const char* text = builtin_mechanism_text(name_or_path)) {
    Mechanism m = parse_mechanism(text, "chemistry/mechanisms/" + name_or_path + ".yaml");
    m.source = "built-in:" + name_or_path;
    return m;
  }
  std::ifstream in(name_or_path);
  if (!in)
    throw InputError(name_or_path,
                     "no built-in mechanism of that name and no readable file at that path "
                     "(built-in mechanisms: " +
                         builtin_mechanism_names() + ")");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_mechanism(text.str(), name_or_path);
}

}  // namespace airshed::chem
