// SPDX-License-Identifier: Apache-2.0
// Mechanisms built in C++ for the solver tests, independent of the mechanism-file parser: every rate is a
// single Arrhenius term with B = C = 0, so k = A exactly whatever the temperature.
#pragma once
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "chemistry/mechanism.hpp"

namespace airshed::chem::test {

/// Deterministic pseudo-random numbers that do not depend on the standard library's distributions
/// (SplitMix64, Steele, Lea & Flood 2014).
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double a, double b) { return a + (b - a) * uniform(); }
  /// Log-uniform in [a, b], a > 0.
  double log_uniform(double a, double b) { return std::exp(uniform(std::log(a), std::log(b))); }
  int index(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }

 private:
  std::uint64_t state_;
};

/// prefix + decimal i (built with += : GCC 12 warns falsely, -Wrestrict, on "literal" + std::to_string).
inline std::string numbered(const std::string& prefix, std::size_t i) {
  std::string s = prefix;
  s += std::to_string(i);
  return s;
}

/// Builds a Mechanism species by species and reaction by reaction.
struct MechanismBuilder {
  Mechanism m;

  int species(const std::string& name, FixedKind fixed = FixedKind::none, double mixing_ratio = 0.0) {
    MechanismSpecies s;
    s.name = name;
    s.fixed = fixed;
    s.fixed_mixing_ratio = mixing_ratio;
    m.species.push_back(s);
    return static_cast<int>(m.species.size()) - 1;
  }
  /// A reaction with the constant rate constant k (an Arrhenius term A = k, B = C = 0).
  void reaction(std::vector<std::pair<int, int>> reactants, std::vector<std::pair<int, double>> products,
                double k) {
    Reaction r;
    r.label = numbered("R", m.reactions.size() + 1);
    r.reactants = std::move(reactants);
    r.products = std::move(products);
    r.rate.kind = RateLaw::Kind::arrhenius;
    r.rate.terms = {ArrheniusTerm{k, 0.0, 0.0, 0}};
    m.reactions.push_back(std::move(r));
  }
};

/// Robertson's problem (Robertson 1966; Hairer & Wanner, Solving ODEs II, IV.1):
/// A -> B (0.04), B + B -> C + B (3e7), B + C -> A + C (1e4).
inline Mechanism robertson() {
  MechanismBuilder b;
  b.m.name = "robertson";
  const int a = b.species("A"), bb = b.species("B"), c = b.species("C");
  b.reaction({{a, 1}}, {{bb, 1.0}}, 0.04);
  b.reaction({{bb, 2}}, {{c, 1.0}, {bb, 1.0}}, 3e7);
  b.reaction({{bb, 1}, {c, 1}}, {{a, 1.0}, {c, 1.0}}, 1e4);
  return b.m;
}

/// A random "radical" mechanism in molecules cm-3 and s: the last third of the species are short-lived
/// (radicals), the rest long-lived; unimolecular reactions (photolysis-like, 1 -> 1 or 2 products) and
/// bimolecular ones (2 -> 1 or 2 products), a few with a fixed reactant (O2 or M). Every reaction's product
/// yields add up to its solved-reactant count, so the sum of all solved concentrations is a linear
/// invariant and concentrations stay bounded. Rate constants are spread over decades, which makes the
/// system stiff (radical lifetimes of milliseconds next to hours).
inline Mechanism synthetic(int n_species, int n_reactions, std::uint64_t seed) {
  Random rng(seed);
  MechanismBuilder b;
  b.m.name = numbered(numbered("synthetic-", n_species) + "-", n_reactions);
  for (int s = 0; s < n_species; ++s) b.species(numbered("S", s));
  const int o2 = b.species("O2", FixedKind::mixing_ratio, 0.2095), air = b.species("M", FixedKind::air);
  const int n_stable = n_species - n_species / 3;
  const auto is_radical = [&](int s) { return s >= n_stable; };
  const auto products = [&](int count, int avoid) {
    std::vector<std::pair<int, double>> p;
    const int n_products = 1 + rng.index(2);
    const double share = rng.uniform(0.2, 0.8);
    for (int q = 0; q < n_products; ++q) {
      int s = rng.index(n_species);
      while (s == avoid) s = rng.index(n_species);
      const double y = n_products == 1 ? count : (q == 0 ? share * count : (1.0 - share) * count);
      p.emplace_back(s, y);
    }
    return p;
  };
  for (int r = 0; r < n_reactions; ++r) {
    // Make sure every species is consumed by something: the first n_species reactions take them in turn.
    const int first = r < n_species ? r : rng.index(n_species);
    const int kind = rng.index(10);
    if (kind < 4) {  // unimolecular: radicals decay in milliseconds, stable species photolyse slowly
      const double k = is_radical(first) ? rng.log_uniform(1e1, 1e4) : rng.log_uniform(1e-6, 1e-2);
      b.reaction({{first, 1}}, products(1, first), k);
    } else if (kind < 9) {  // bimolecular, cm3 molecule-1 s-1; fast when a radical is involved
      const int second = rng.index(n_species);
      const double k = (is_radical(first) || is_radical(second)) ? rng.log_uniform(1e-13, 1e-10)
                                                                 : rng.log_uniform(1e-18, 1e-14);
      if (second == first)
        b.reaction({{first, 2}}, products(2, -1), k);
      else
        b.reaction({{first, 1}, {second, 1}}, products(2, -1), k);
    } else {  // with a fixed reactant: pseudo-first order k [O2] or k [M]
      const bool with_o2 = rng.index(2) == 0;
      const double k = rng.log_uniform(1e-22, 1e-18);
      b.reaction({{first, 1}, {with_o2 ? o2 : air, 1}}, products(1, first), k);
    }
  }
  return b.m;
}

/// Initial concentrations [molecules cm-3] for synthetic(): stable species 1e9-1e12 (0.04-40 ppb),
/// radicals 1e4-1e7.
inline std::vector<double> synthetic_initial(int n_species, std::uint64_t seed) {
  Random rng(seed);
  std::vector<double> y(n_species);
  const int n_stable = n_species - n_species / 3;
  for (int s = 0; s < n_species; ++s)
    y[s] = s < n_stable ? rng.log_uniform(1e9, 1e12) : rng.log_uniform(1e4, 1e7);
  return y;
}

}  // namespace airshed::chem::test
