// SPDX-License-Identifier: Apache-2.0
#include "tagging/apportionment.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace airshed {

namespace {

/// Reactant multiset of a reaction as sorted mechanism indices (fixed species included).
std::vector<int> reactants_of(const chem::Reaction& r) {
  std::vector<int> out;
  for (const auto& [s, n] : r.reactants)
    for (int c = 0; c < n; ++c) out.push_back(s);
  std::sort(out.begin(), out.end());
  return out;
}

double yield_of(const chem::Reaction& r, int species) {
  double y = 0.0;
  for (const auto& [s, v] : r.products)
    if (s == species) y += v;
  return y;
}

}  // namespace

std::vector<std::vector<std::pair<int, double>>> apportionment_integrals(const chem::Mechanism& m,
                                                                         const std::vector<int>& voc) {
  std::vector<std::vector<std::pair<int, double>>> sums(kIntegrals);
  const int ho2 = m.find("HO2"), oh = m.find("OH"), no2 = m.find("NO2"), no = m.find("NO"), o3 = m.find("O3"),
            o1d = m.find("O1D"), h2o = m.find("H2O"), h2o2 = m.find("H2O2"), hno3 = m.find("HNO3");
  for (std::size_t r = 0; r < m.reactions.size(); ++r) {
    const chem::Reaction& re = m.reactions[r];
    const std::vector<int> in = reactants_of(re);
    const int ri = static_cast<int>(r);
    auto is = [&](std::vector<int> want) {
      std::sort(want.begin(), want.end());
      return in == want;
    };
    // P(H2O2): HO2 + HO2 (R34) and HO2 + HO2 + H2O (R35); P(HNO3): OH + NO2 (R28). CAMx o3prdsa.
    if (h2o2 >= 0 && (is({ho2, ho2}) || is({ho2, ho2, h2o})) && yield_of(re, h2o2) > 0)
      sums[kPH2O2].push_back({ri, yield_of(re, h2o2)});
    if (hno3 >= 0 && is({oh, no2}) && yield_of(re, hno3) > 0)
      sums[kPHNO3].push_back({ri, yield_of(re, hno3)});
    // O3 destruction (CAMx o3prdsa): O1D + H2O, O3 + HO2, O3 + VOC; O3 + OH weighted later by the share of
    // its HO2 that does not go back to NO2.
    if (o1d >= 0 && h2o >= 0 && is({o1d, h2o})) sums[kO3LossBase].push_back({ri, 1.0});
    if (is({o3, ho2})) sums[kO3LossBase].push_back({ri, 1.0});
    for (int v : voc)
      if (is({o3, v})) sums[kO3LossBase].push_back({ri, 1.0});
    if (is({o3, oh})) sums[kO3PlusOH].push_back({ri, 1.0});
    const int ho2_count = static_cast<int>(std::count(in.begin(), in.end(), ho2));
    if (ho2 >= 0 && ho2_count > 0) sums[kHO2Loss].push_back({ri, static_cast<double>(ho2_count)});
    if (is({ho2, no})) sums[kHO2ToNO2].push_back({ri, 1.0});
  }
  return sums;
}

Apportionment::Apportionment(const Grid& grid, const State& state, TagLayout layout, TagGroups groups,
                             const chem::KineticSystem* system, ChemistryStep* chemistry,
                             double regime_threshold)
    : grid_(grid),
      block_(state.block()),
      nz_(grid.nz()),
      n_species_(state.n_species()),
      layout_(std::move(layout)),
      groups_(std::move(groups)),
      threshold_(regime_threshold),
      family_of_(state.n_species(), -1),
      memberships_(state.n_species()),
      chemistry_(chemistry) {
  if (state.n_tags() != layout_.tags())
    throw std::invalid_argument("Apportionment: the state has " + std::to_string(state.n_tags()) +
                                " tag fields, the layout needs " + std::to_string(layout_.tags()));
  for (std::size_t f = 0; f < layout_.families.size(); ++f)
    for (const FamilyMember& m : layout_.families[f].members) {
      if (m.owner) family_of_[m.species] = static_cast<int>(f);
      memberships_[m.species].push_back({static_cast<int>(f), m.weight});
    }
  const std::size_t cells = static_cast<std::size_t>(block_.nx()) * block_.ny() * nz_;
  hosts_before_.assign(cells * layout_.families.size(), 0.0);

  // OH rate constants of the VOC members at 298 K and 1 atm (the OSAT reactivity weights).
  const std::size_t nv = layout_.voc >= 0 ? layout_.families[layout_.voc].members.size() : 0;
  k_oh_.assign(nv, 0.0);
  if (system && nv > 0) {
    const chem::Mechanism& m = system->mechanism();
    const double temperature = 298.15, pressure = 101325.0, humidity = 0.01;
    std::vector<double> j(std::max<std::size_t>(1, m.photolysis_names.size()), 0.0);
    const chem::BlockConditions cond{1, &temperature, &pressure, &humidity, j.data()};
    std::vector<double> k(static_cast<std::size_t>(system->n_reactions()));
    system->rate_constants(cond, k.data());
    const int oh = m.find("OH");
    for (std::size_t v = 0; v < nv; ++v) {
      const int s = m.find(state.species()[layout_.families[layout_.voc].members[v].species].name);
      std::vector<int> want = {s, oh};
      std::sort(want.begin(), want.end());
      for (std::size_t r = 0; r < m.reactions.size(); ++r)
        if (reactants_of(m.reactions[r]) == want) k_oh_[v] += k[r];
    }
    std::vector<int> voc_mech;
    for (const FamilyMember& fm : layout_.families[layout_.voc].members)
      voc_mech.push_back(m.find(state.species()[fm.species].name));
    if (layout_.soa_precursor >= 0)
      for (const FamilyMember& fm : layout_.families[layout_.soa_precursor].members)
        voc_mech.push_back(m.find(state.species()[fm.species].name));
    integrals_.sums = apportionment_integrals(m, voc_mech);
    if (chemistry_) chemistry_->set_reaction_integrals(&integrals_);
  }
  voc_emitted_.assign(layout_.groups * nv, 0.0);
  voc_weight_.assign(layout_.groups, 0.0);
  update_voc_weights();
}

int Apportionment::voc_member(std::size_t species) const {
  if (layout_.voc < 0) return -1;
  const TagFamily& voc = layout_.families[layout_.voc];
  for (std::size_t v = 0; v < voc.members.size(); ++v)
    if (voc.members[v].species == species) return static_cast<int>(v);
  return -1;
}

double Apportionment::host(const State& state, std::size_t f, int i, int j, int k) const {
  double sum = 0.0;
  for (const FamilyMember& m : layout_.families[f].members)
    sum += m.weight * state.species_field(m.species)(i, j, k);
  return sum;
}

void Apportionment::snapshot_hosts(const State& state, std::vector<double>& out) const {
  const std::size_t nf = layout_.families.size();
  const int i0 = block_.i0, i1 = block_.i1, j0 = block_.j0, j1 = block_.j1;
#pragma omp parallel for collapse(2) schedule(static)
  for (int k = 0; k < nz_; ++k)
    for (int j = j0; j < j1; ++j)
      for (int i = i0; i < i1; ++i) {
        const std::size_t c = cell_index(i, j, k);
        for (std::size_t f = 0; f < nf; ++f) out[c * nf + f] = host(state, f, i, j, k);
      }
}

void Apportionment::set_initial(State& state) const {
  for (std::size_t t = 0; t < layout_.tags(); ++t) {
    Field3& f = state.tag_field(t);
    std::fill(f.data(), f.data() + f.size(), 0.0);
  }
  for (std::size_t f = 0; f < layout_.families.size(); ++f) {
    const int slots = layout_.families[f].slots;
    for (int k = 0; k < nz_; ++k)
      for (int j = block_.j0; j < block_.j1; ++j)
        for (int i = block_.i0; i < block_.i1; ++i) {
          const double h = host(state, f, i, j, k) / slots;
          for (int s = 0; s < slots; ++s)
            state.tag_field(layout_.index(f, s, groups_.initial()))(i, j, k) = h;
        }
  }
}

void Apportionment::set_boundary(LateralBoundary& boundary) const {
  for (std::size_t t = 0; t < layout_.tags(); ++t)
    std::fill(boundary.profile(n_species_ + 1 + t).begin(), boundary.profile(n_species_ + 1 + t).end(), 0.0);
  for (std::size_t f = 0; f < layout_.families.size(); ++f) {
    const int slots = layout_.families[f].slots;
    for (int s = 0; s < slots; ++s) {
      std::vector<double>& q = boundary.profile(n_species_ + 1 + layout_.index(f, s, groups_.boundary()));
      for (int k = 0; k < nz_; ++k) {
        double sum = 0.0;
        for (const FamilyMember& m : layout_.families[f].members)
          sum += m.weight * boundary.profile(m.species + 1)[k];
        q[k] = sum / slots;
      }
    }
  }
}

void Apportionment::add_release(const EmissionRates& rates, const EmitterIdentity& who) {
  for (const CellEmission& c : rates) {
    if (memberships_[c.species].empty()) continue;
    const std::size_t g = groups_.group_of(who, c.i, c.j);
    for (const auto& [f, weight] : memberships_[c.species])
      releases_.push_back({c.i, c.j, c.k, n_species_ + layout_.index(f, 0, g), c.rate * weight});
    const int v = voc_member(c.species);
    if (v >= 0) release_voc_.push_back({g * k_oh_.size() + static_cast<std::size_t>(v), c.rate});
  }
  sources_.emplace(grid_, n_species_ + layout_.tags(), releases_);
}

void Apportionment::set_emissions(const std::vector<EmissionRates>& by_emitter,
                                  const std::vector<EmitterIdentity>& who, double seconds) {
  EmissionRates tags = releases_;
  const std::size_t nv = k_oh_.size();
  for (std::size_t e = 0; e < by_emitter.size(); ++e)
    for (const CellEmission& c : by_emitter[e]) {
      if (memberships_[c.species].empty()) continue;
      const std::size_t g = groups_.group_of(who[e], c.i, c.j);
      for (const auto& [f, weight] : memberships_[c.species])
        tags.push_back({c.i, c.j, c.k, n_species_ + layout_.index(f, 0, g), c.rate * weight});
      const int v = voc_member(c.species);
      if (v >= 0) voc_emitted_[g * nv + static_cast<std::size_t>(v)] += c.rate * seconds;
    }
  sources_.emplace(grid_, n_species_ + layout_.tags(), std::move(tags));
  update_voc_weights();
}

void Apportionment::update_voc_weights() {
  const std::size_t nv = k_oh_.size();
  if (nv == 0) return;
  const TagFamily& voc = layout_.families[layout_.voc];
  // A group without VOC emitted so far (boundary, initial, a NOx-only group) gets the mean reactivity of
  // the VOC members weighted equally per carbon: it matters only through VOC it may receive from nowhere.
  double mean_k = 0.0, mean_c = 0.0;
  for (std::size_t v = 0; v < nv; ++v) {
    mean_k += k_oh_[v];
    mean_c += voc.members[v].weight;
  }
  for (std::size_t g = 0; g < layout_.groups; ++g) {
    double k = 0.0, c = 0.0;
    for (std::size_t v = 0; v < nv; ++v) {
      k += voc_emitted_[g * nv + v] * k_oh_[v];
      c += voc_emitted_[g * nv + v] * voc.members[v].weight;
    }
    voc_weight_[g] = c > 0.0 ? k / c : mean_k / mean_c;
  }
}

void Apportionment::emit(State& state, double dt) {
  if (sources_) sources_->apply(state, dt, nullptr);
  // The case file's constant releases count into the groups' VOC composition as they are emitted.
  for (const auto& [slot, rate] : release_voc_) voc_emitted_[slot] += rate * dt;
  if (!release_voc_.empty()) update_voc_weights();
}

void Apportionment::before_removal(const State& state) {
  snapshot_hosts(state, hosts_before_);
}

void Apportionment::after_removal(State& state) {
  const std::size_t nf = layout_.families.size();
  const std::size_t ng = layout_.groups;
  const int i0 = block_.i0, i1 = block_.i1, j0 = block_.j0, j1 = block_.j1;
#pragma omp parallel for collapse(2) schedule(static)
  for (int k = 0; k < nz_; ++k)
    for (int j = j0; j < j1; ++j)
      for (int i = i0; i < i1; ++i) {
        const std::size_t c = cell_index(i, j, k);
        for (std::size_t f = 0; f < nf; ++f) {
          const double before = hosts_before_[c * nf + f];
          if (!(before > 0.0)) continue;
          const double ratio = host(state, f, i, j, k) / before;
          if (ratio == 1.0) continue;
          const std::size_t first = layout_.slot_base[f] * ng,
                            last = first + static_cast<std::size_t>(layout_.families[f].slots) * ng;
          for (std::size_t t = first; t < last; ++t) state.tag_field(t)(i, j, k) *= ratio;
        }
      }
}

void Apportionment::before_chemistry(const State& state) {
  snapshot_hosts(state, hosts_before_);
}

void Apportionment::after_chemistry(State& state, double /*dt*/) {
  const std::size_t nf = layout_.families.size();
  const std::size_t nt = layout_.tags();
  const bool have_integrals = integrals_.values.size() == kIntegrals;
  const int i0 = block_.i0, i1 = block_.i1, j0 = block_.j0, j1 = block_.j1;
#pragma omp parallel
  {
    std::vector<double> tags(nt), after(nf);
#pragma omp for collapse(2) schedule(static)
    for (int k = 0; k < nz_; ++k)
      for (int j = j0; j < j1; ++j)
        for (int i = i0; i < i1; ++i) {
          const std::size_t c = cell_index(i, j, k);
          for (std::size_t t = 0; t < nt; ++t) tags[t] = state.tag_field(t)(i, j, k);
          for (std::size_t f = 0; f < nf; ++f) after[f] = host(state, f, i, j, k);
          CellChemistry cell;
          cell.before = hosts_before_.data() + c * nf;
          cell.after = after.data();
          if (have_integrals) {
            // The integrals are shaped as the block (ReactionIntegrals::values).
            const auto v = [&](std::size_t q) { return integrals_.values[q](i - i0, j - j0, k); };
            cell.ph2o2 = v(kPH2O2);
            cell.phno3 = v(kPHNO3);
            // O3 + OH destroys odd oxygen only as far as its HO2 does not convert NO to NO2 (o3prdsa).
            const double ho2_loss = v(kHO2Loss);
            const double kept = ho2_loss > 0.0 ? std::max(0.0, ho2_loss - v(kHO2ToNO2)) / ho2_loss : 1.0;
            cell.o3_loss = v(kO3LossBase) + v(kO3PlusOH) * kept;
          }
          update_cell_chemistry(layout_, cell, threshold_, voc_weight_, tags.data());
          for (std::size_t t = 0; t < nt; ++t) state.tag_field(t)(i, j, k) = tags[t];
        }
  }
}

void Apportionment::end_of_step(State& state) {
  const std::size_t nf = layout_.families.size();
  const std::size_t nt = layout_.tags();
  // Per layer and family: the amount the closure moves (sum |tags - host|) and the host amount, summed
  // layer by layer in a fixed order so the diagnostic does not depend on the thread count.
  std::vector<double> moved(static_cast<std::size_t>(nz_) * nf, 0.0), held(moved.size(), 0.0);
  const int i0 = block_.i0, i1 = block_.i1, j0 = block_.j0, j1 = block_.j1;
#pragma omp parallel
  {
    std::vector<double> tags(nt), hosts(nf), sums(nf);
#pragma omp for schedule(static)
    for (int k = 0; k < nz_; ++k)
      for (int j = j0; j < j1; ++j)
        for (int i = i0; i < i1; ++i) {
          for (std::size_t t = 0; t < nt; ++t) tags[t] = state.tag_field(t)(i, j, k);
          for (std::size_t f = 0; f < nf; ++f) hosts[f] = host(state, f, i, j, k);
          close_cell_tags(layout_, hosts.data(), tags.data(), sums.data());
          for (std::size_t f = 0; f < nf; ++f) {
            moved[static_cast<std::size_t>(k) * nf + f] += std::abs(sums[f] - hosts[f]);
            held[static_cast<std::size_t>(k) * nf + f] += hosts[f];
          }
          for (std::size_t t = 0; t < nt; ++t) state.tag_field(t)(i, j, k) = tags[t];
        }
  }
  last_moved_.assign(nf, 0.0);
  last_held_.assign(nf, 0.0);
  for (std::size_t f = 0; f < nf; ++f) {
    double m = 0.0, h = 0.0;
    for (int k = 0; k < nz_; ++k) {
      m += moved[static_cast<std::size_t>(k) * nf + f];
      h += held[static_cast<std::size_t>(k) * nf + f];
    }
    last_moved_[f] = m;
    last_held_[f] = h;
    if (h > 0.0 && m / h > worst_gap_) {
      worst_gap_ = m / h;
      worst_family_ = layout_.families[f].name;
    }
  }
}

double Apportionment::contribution(const State& state, std::size_t species, std::size_t group, int i, int j,
                                   int k, int slot) const {
  const int f = family_of_[species];
  if (f < 0) return 0.0;
  const double h = host(state, static_cast<std::size_t>(f), i, j, k);
  if (!(h > 0.0)) return 0.0;
  double tag = 0.0;
  const int slots = layout_.families[f].slots;
  for (int s = 0; s < slots; ++s)
    if (slot < 0 || slot == s) tag += state.tag_field(layout_.index(f, s, group))(i, j, k);
  return tag * state.species_field(species)(i, j, k) / h;
}

}  // namespace airshed
