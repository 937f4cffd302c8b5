// SPDX-License-Identifier: Apache-2.0
#include "chemistry/kinetic_system.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

#include "chemistry/rate_constants.hpp"

namespace airshed::chem {

namespace {

// Cells handled together by the loops that need a per-cell scratch row (reaction rates, Jacobian terms).
// Blocks are at most a few tens of cells, so one chunk usually covers the block; the scratch lives on the
// stack, so the hot loops never allocate.
constexpr int kChunk = 64;

// Scratch sizes of rate_constants(): photolysis rates and fixed-species concentrations of a chunk of cells,
// transposed to cell-major because rate_constant() takes one cell's j vector.
constexpr int kScratch = 4096;

// rate[c] = scale k[c] * product of y[s * w + c] over the listed reactants (mass action), c < nc; W > 0 is
// nc known at compile time (detail::with_block_width). The one- and two-reactant cases, nearly every
// reaction of a gas-phase mechanism, get loops without the inner list.
template <int W>
inline void mass_action(const int* species, int count, const double* y, std::size_t w, const double* k,
                        double scale, int nc, double* __restrict rate) {
  const int n = W > 0 ? W : nc;
  switch (count) {
    case 0:
      for (int c = 0; c < n; ++c) rate[c] = scale * k[c];
      break;
    case 1: {
      const double* a = y + species[0] * w;
      for (int c = 0; c < n; ++c) rate[c] = scale * k[c] * a[c];
      break;
    }
    case 2: {
      const double* a = y + species[0] * w;
      const double* b = y + species[1] * w;
      for (int c = 0; c < n; ++c) rate[c] = scale * k[c] * a[c] * b[c];
      break;
    }
    default: {
      for (int c = 0; c < n; ++c) rate[c] = scale * k[c];
      for (int m = 0; m < count; ++m) {
        const double* a = y + species[m] * w;
        for (int c = 0; c < n; ++c) rate[c] *= a[c];
      }
    }
  }
}

}  // namespace

KineticSystem::KineticSystem(const Mechanism& mechanism) : mechanism_(mechanism) {
  const int n_species = static_cast<int>(mechanism_.species.size());
  solved_ = mechanism_.solved_species();
  solved_of_.assign(n_species, -1);
  for (int s = 0; s < n_solved(); ++s) solved_of_[solved_[s]] = s;

  const int n_phot = static_cast<int>(mechanism_.photolysis_names.size());
  if (n_phot > kScratch)
    throw std::invalid_argument("KineticSystem: more than " + std::to_string(kScratch) + " photolysis rates");

  // Net yields and solved reactants of every reaction; the Jacobian structure follows from them.
  const int n = n_solved();
  std::vector<std::vector<int>> structure(n);
  std::vector<double> net(n);
  std::vector<int> fixed_slot(n_species, -1);
  struct Pending {
    int reaction, species;  // d(rate)/d(y_species) contributes to every yield of the reaction
  };
  std::vector<Pending> pending;
  for (int r = 0; r < n_reactions(); ++r) {
    Reaction& reaction = mechanism_.reactions[r];
    const std::string where = "reaction " + std::to_string(r) + " (" + reaction.label + ")";
    if (reaction.rate.kind == RateLaw::Kind::photolysis && reaction.rate.photolysis.j_index < 0) {
      const auto& names = mechanism_.photolysis_names;
      const auto it = std::find(names.begin(), names.end(), reaction.rate.photolysis.j_name);
      if (it == names.end())
        throw std::invalid_argument("KineticSystem: " + where + " names photolysis rate '" +
                                    reaction.rate.photolysis.j_name + "' absent from the mechanism's list");
      reaction.rate.photolysis.j_index = static_cast<int>(it - names.begin());
    }
    if (reaction.rate.kind == RateLaw::Kind::photolysis && reaction.rate.photolysis.j_index >= n_phot)
      throw std::invalid_argument("KineticSystem: " + where + " has a photolysis index out of range");

    Compiled compiled;
    std::fill(net.begin(), net.end(), 0.0);
    compiled.reactants.begin = static_cast<int>(reactant_.size());
    compiled.fixed.begin = static_cast<int>(fixed_factor_.size());
    for (const auto& [species, count] : reaction.reactants) {
      if (species < 0 || species >= n_species || count < 1)
        throw std::invalid_argument("KineticSystem: " + where + " has an invalid reactant");
      const int s = solved_of_[species];
      if (s < 0) {
        if (fixed_slot[species] < 0) {
          fixed_slot[species] = static_cast<int>(fixed_species_.size());
          fixed_species_.push_back(species);
        }
        fixed_factor_.push_back({fixed_slot[species], count});
        continue;
      }
      for (int m = 0; m < count; ++m) reactant_.push_back(s);
      net[s] -= count;
    }
    compiled.reactants.end = static_cast<int>(reactant_.size());
    compiled.fixed.end = static_cast<int>(fixed_factor_.size());
    for (const auto& [species, yield] : reaction.products) {
      if (species < 0 || species >= n_species)
        throw std::invalid_argument("KineticSystem: " + where + " has an invalid product");
      if (solved_of_[species] >= 0) net[solved_of_[species]] += yield;
    }
    compiled.yields.begin = static_cast<int>(yield_.size());
    for (int s = 0; s < n; ++s)
      if (net[s] != 0.0) yield_.push_back({s, net[s]});
    compiled.yields.end = static_cast<int>(yield_.size());

    // Distinct solved reactants, each with its multiplicity: d(k y^m z)/dy = m k y^(m-1) z.
    compiled.derivatives.begin = static_cast<int>(derivative_.size());
    for (int a = compiled.reactants.begin; a < compiled.reactants.end; ++a) {
      const int s = reactant_[a];
      if (std::find(reactant_.begin() + compiled.reactants.begin, reactant_.begin() + a, s) !=
          reactant_.begin() + a)
        continue;
      Derivative d{s, 0.0, {}, {}};
      d.others.begin = static_cast<int>(other_.size());
      bool removed = false;
      for (int b = compiled.reactants.begin; b < compiled.reactants.end; ++b) {
        if (reactant_[b] == s) {
          d.multiplicity += 1.0;
          if (!removed) {
            removed = true;
            continue;
          }
        }
        other_.push_back(reactant_[b]);
      }
      d.others.end = static_cast<int>(other_.size());
      derivative_.push_back(d);
      for (int y = compiled.yields.begin; y < compiled.yields.end; ++y)
        structure[yield_[y].species].push_back(s);
    }
    compiled.derivatives.end = static_cast<int>(derivative_.size());
    reactions_.push_back(compiled);
  }
  pattern_ = SparsePattern(n, structure);

  // Jacobian entries, now that the positions are known.
  for (const Compiled& compiled : reactions_)
    for (int d = compiled.derivatives.begin; d < compiled.derivatives.end; ++d) {
      derivative_[d].entries.begin = static_cast<int>(entry_.size());
      for (int y = compiled.yields.begin; y < compiled.yields.end; ++y)
        entry_.push_back({pattern_.position(yield_[y].species, derivative_[d].species), yield_[y].value});
      derivative_[d].entries.end = static_cast<int>(entry_.size());
    }
  if (static_cast<int>(fixed_species_.size()) > kScratch)
    throw std::invalid_argument("KineticSystem: too many fixed species");
}

void KineticSystem::rate_constants(const BlockConditions& cond, double* k_eff) const {
  const int width = cond.width;
  const std::size_t w = static_cast<std::size_t>(width);
  const int n_phot = static_cast<int>(mechanism_.photolysis_names.size());
  const int n_fixed = static_cast<int>(fixed_species_.size());
  const int chunk = std::max(1, std::min(kChunk, kScratch / std::max({n_phot, n_fixed, 1})));
  std::array<double, kChunk> m{};
  std::array<double, kScratch> j{}, fixed{};
  for (int c0 = 0; c0 < width; c0 += chunk) {
    const int nc = std::min(chunk, width - c0);
    const double* t = cond.temperature + c0;
    const double* p = cond.pressure + c0;
    for (int c = 0; c < nc; ++c) m[c] = air_number_density(p[c], t[c]);
    // j transposed to one row per cell, as rate_constant() reads it; absent j (night, tests) reads as zero.
    for (int q = 0; q < n_phot; ++q)
      for (int c = 0; c < nc; ++c) j[c * n_phot + q] = cond.j ? cond.j[q * w + c0 + c] : 0.0;
    for (int f = 0; f < n_fixed; ++f) {
      const MechanismSpecies& species = mechanism_.species[fixed_species_[f]];
      for (int c = 0; c < nc; ++c)
        fixed[f * nc + c] =
            fixed_concentration(species, p[c], t[c], cond.humidity ? cond.humidity[c0 + c] : 0.0);
    }
    for (int r = 0; r < n_reactions(); ++r) {
      double* k = k_eff + r * w + c0;
      const RateLaw& law = mechanism_.reactions[r].rate;
      for (int c = 0; c < nc; ++c) k[c] = rate_constant(law, t[c], m[c], j.data() + c * n_phot);
      const Range fr = reactions_[r].fixed;
      for (int q = fr.begin; q < fr.end; ++q) {
        const double* conc = fixed.data() + fixed_factor_[q].slot * nc;
        for (int e = 0; e < fixed_factor_[q].power; ++e)
          for (int c = 0; c < nc; ++c) k[c] *= conc[c];
      }
    }
  }
}

void KineticSystem::reaction_rates(const double* y, const double* k_eff, int width, double* rates) const {
  const std::size_t w = static_cast<std::size_t>(width);
  for (int r = 0; r < n_reactions(); ++r) {
    const Range ra = reactions_[r].reactants;
    mass_action<0>(reactant_.data() + ra.begin, ra.end - ra.begin, y, w, k_eff + r * w, 1.0, width,
                   rates + r * w);
  }
}

void KineticSystem::forcing(const double* y, const double* k_eff, int width, double* f) const {
  detail::with_block_width(width, [&](auto w) { forcing_block<decltype(w)::value>(y, k_eff, width, f); });
}

void KineticSystem::jacobian(const double* y, const double* k_eff, int width, double* jac) const {
  detail::with_block_width(width, [&](auto w) { jacobian_block<decltype(w)::value>(y, k_eff, width, jac); });
}

// The block kernels: W > 0 is the width known at compile time (at most kChunk, so one chunk), W = 0 a
// run-time width handled kChunk cells at a time.
template <int W>
void KineticSystem::forcing_block(const double* y, const double* k_eff, int width, double* f) const {
  static_assert(W <= kChunk);
  const std::size_t w = static_cast<std::size_t>(W > 0 ? W : width);
  std::fill(f, f + n_solved() * w, 0.0);
  std::array<double, kChunk> rate;
  for (int c0 = 0; c0 < width; c0 += kChunk) {
    const int nc = W > 0 ? W : std::min(kChunk, width - c0);
    for (int r = 0; r < n_reactions(); ++r) {
      const Compiled& cr = reactions_[r];
      mass_action<W>(reactant_.data() + cr.reactants.begin, cr.reactants.end - cr.reactants.begin, y + c0, w,
                     k_eff + r * w + c0, 1.0, nc, rate.data());
      // f_i += (net yield of i in r) * rate_r
      for (int q = cr.yields.begin; q < cr.yields.end; ++q) {
        double* __restrict fi = f + yield_[q].species * w + c0;
        const double v = yield_[q].value;
        for (int c = 0; c < nc; ++c) fi[c] += v * rate[c];
      }
    }
  }
}

template <int W>
void KineticSystem::jacobian_block(const double* y, const double* k_eff, int width, double* jac) const {
  static_assert(W <= kChunk);
  const std::size_t w = static_cast<std::size_t>(W > 0 ? W : width);
  std::fill(jac, jac + pattern_.n_values() * w, 0.0);  // fill-in positions of the pattern stay zero
  std::array<double, kChunk> dr;
  for (int c0 = 0; c0 < width; c0 += kChunk) {
    const int nc = W > 0 ? W : std::min(kChunk, width - c0);
    for (int r = 0; r < n_reactions(); ++r) {
      const Compiled& cr = reactions_[r];
      for (int d = cr.derivatives.begin; d < cr.derivatives.end; ++d) {
        const Derivative& der = derivative_[d];
        // d(rate_r)/dy_j = m_j k y_j^(m_j - 1) * product over the other reactants
        mass_action<W>(other_.data() + der.others.begin, der.others.end - der.others.begin, y + c0, w,
                       k_eff + r * w + c0, der.multiplicity, nc, dr.data());
        for (int e = der.entries.begin; e < der.entries.end; ++e) {
          double* __restrict je = jac + entry_[e].pos * w + c0;
          const double v = entry_[e].yield;
          for (int c = 0; c < nc; ++c) je[c] += v * dr[c];
        }
      }
    }
  }
}

}  // namespace airshed::chem
