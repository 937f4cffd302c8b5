// SPDX-License-Identifier: Apache-2.0
#include "tagging/tag_rules.hpp"

#include <algorithm>
#include <cmath>

namespace airshed {

TagLayout::TagLayout(std::vector<TagFamily> fams, std::size_t n_groups, std::size_t other_group)
    : families(std::move(fams)), groups(n_groups), other(other_group) {
  for (std::size_t f = 0; f < families.size(); ++f) {
    slot_base.push_back(slots);
    slots += static_cast<std::size_t>(families[f].slots);
    const int fi = static_cast<int>(f);
    switch (families[f].role) {
      case FamilyRole::primary:
        break;
      case FamilyRole::so2:
        so2 = fi;
        break;
      case FamilyRole::sulfate:
        sulfate = fi;
        break;
      case FamilyRole::nox:
        nox = fi;
        break;
      case FamilyRole::pans:
        pans = fi;
        break;
      case FamilyRole::nitrate:
        nitrate = fi;
        break;
      case FamilyRole::ammonium:
        ammonium = fi;
        break;
      case FamilyRole::voc:
        voc = fi;
        break;
      case FamilyRole::soa_precursor:
        soa_precursor = fi;
        break;
      case FamilyRole::soa:
        soa = fi;
        break;
      case FamilyRole::ozone:
        ozone = fi;
        break;
    }
  }
}

bool voc_limited(double ph2o2, double phno3, double threshold) {
  return phno3 > 0.0 && ph2o2 <= threshold * phno3;
}

namespace {

/// Sum of a family's tags over all its slots and groups.
double family_sum(const TagLayout& L, std::size_t f, const double* tags) {
  double sum = 0.0;
  const std::size_t n = static_cast<std::size_t>(L.families[f].slots) * L.groups;
  const double* t = tags + L.slot_base[f] * L.groups;
  for (std::size_t x = 0; x < n; ++x) sum += t[x];
  return sum;
}

/// Group shares of a single-slot family (they sum to 1; all zero when the family's tags are).
void shares_of(const TagLayout& L, int f, const double* tags, std::vector<double>& share) {
  share.assign(L.groups, 0.0);
  if (f < 0) return;
  const double total = family_sum(L, static_cast<std::size_t>(f), tags);
  if (!(total > 0.0)) return;
  for (std::size_t g = 0; g < L.groups; ++g) share[g] = tags[L.index(f, 0, g)] / total;
}

/// Move `amount` (>= 0) from family `from` to family `to`, group by group in the donor's shares `share`
/// (taken before the step, so that exchanges within one step do not depend on the order they are applied
/// in), never more than the donor held then (`held`).
void transfer(const TagLayout& L, int from, int to, double amount, double held,
              const std::vector<double>& share, double* tags) {
  if (from < 0 || to < 0 || !(amount > 0.0)) return;
  amount = std::min(amount, held);
  for (std::size_t g = 0; g < L.groups; ++g) {
    const double moved = amount * share[g];
    tags[L.index(from, 0, g)] -= moved;
    tags[L.index(to, 0, g)] += moved;
  }
}

/// Add `amount` (>= 0) to family `to` in the given weights (normalised here); nothing if they are all zero.
bool add_weighted(const TagLayout& L, int to, int slot, double amount, const std::vector<double>& weight,
                  double* tags) {
  double total = 0.0;
  for (double w : weight) total += w;
  if (!(total > 0.0)) return false;
  for (std::size_t g = 0; g < L.groups; ++g) tags[L.index(to, slot, g)] += amount * weight[g] / total;
  return true;
}

}  // namespace

void close_cell_tags(const TagLayout& L, const double* host, double* tags, double* sums) {
  for (std::size_t f = 0; f < L.families.size(); ++f) {
    const std::size_t n = static_cast<std::size_t>(L.families[f].slots) * L.groups;
    double* t = tags + L.slot_base[f] * L.groups;
    double sum = 0.0;
    for (std::size_t x = 0; x < n; ++x) {
      if (!(t[x] > 0.0)) t[x] = 0.0;
      sum += t[x];
    }
    const double h = host[f];
    if (sums) sums[f] = sum;
    if (!(h > 0.0)) {
      std::fill(t, t + n, 0.0);
      continue;
    }
    if (sum > 0.0) {
      const double scale = h / sum;
      for (std::size_t x = 0; x < n; ++x) t[x] *= scale;
    } else {
      t[L.other] = h;  // slot 0 of the `other` group
    }
  }
}

void update_cell_chemistry(const TagLayout& L, const CellChemistry& c, double threshold,
                           const std::vector<double>& voc_weight, double* tags) {
  close_cell_tags(L, c.before, tags);
  thread_local std::vector<double> so2_share, nox_share, pans_share, nitrate_share, voc_w, precursor_share;
  auto delta = [&](int f) { return f < 0 ? 0.0 : c.after[f] - c.before[f]; };
  auto held = [&](int f) { return f < 0 ? 0.0 : c.before[f]; };

  // Every exchange uses the shares before the step (the tags equal the hosts now).
  shares_of(L, L.so2, tags, so2_share);
  shares_of(L, L.nox, tags, nox_share);
  shares_of(L, L.pans, tags, pans_share);
  shares_of(L, L.nitrate, tags, nitrate_share);
  shares_of(L, L.soa_precursor, tags, precursor_share);
  voc_w.assign(L.groups, 0.0);
  if (L.voc >= 0)
    for (std::size_t g = 0; g < L.groups; ++g) voc_w[g] = tags[L.index(L.voc, 0, g)] * voc_weight[g];

  // Sulfur (PSAT): new S(VI) comes from the groups' SO2; a loss of S(VI) is proportional (closure).
  transfer(L, L.so2, L.sulfate, delta(L.sulfate), held(L.so2), so2_share, tags);

  // Nitrogen (net exchange between the OSAT families): PAN/NTR and nitrate formed come from the groups'
  // NOx; PAN decomposition and HNO3 photolysis give back to NOx in the donor family's shares.
  const double d_pans = delta(L.pans), d_nitrate = delta(L.nitrate);
  transfer(L, L.nox, L.pans, d_pans, held(L.nox), nox_share, tags);
  transfer(L, L.pans, L.nox, -d_pans, held(L.pans), pans_share, tags);
  transfer(L, L.nox, L.nitrate, d_nitrate, held(L.nox), nox_share, tags);
  transfer(L, L.nitrate, L.nox, -d_nitrate, held(L.nitrate), nitrate_share, tags);

  // VOC decay weighted by OH reactivity (OSAT wtkoh): V_g += dV V_g k_g / sum(V k).
  const double d_voc = delta(L.voc);
  if (d_voc < 0.0) {
    double total = 0.0;
    for (double w : voc_w) total += w;
    if (total > 0.0)
      for (std::size_t g = 0; g < L.groups; ++g) {
        double& v = tags[L.index(L.voc, 0, g)];
        v = std::max(0.0, v + d_voc * voc_w[g] / total);
      }
  }

  // SOA (PSAT): new condensable + particulate organic mass in the shares of the precursors that reacted.
  const double d_soa = delta(L.soa);
  if (d_soa > 0.0 && L.soa >= 0) add_weighted(L, L.soa, 0, d_soa, precursor_share, tags);

  // Odd oxygen (CAMx OSAT o3prdsa, applied to Ox = O3 + NO2): D = min(-loss, dOx) is destruction shared by
  // every Ox tag, P = dOx - D is production, VOC- or NOx-limited by P(H2O2)/P(HNO3). The loss is O3's own
  // (o3_loss) plus the NO2 that left the NOx family for PANs and nitrate, which takes its odd oxygen along.
  if (L.ozone >= 0) {
    const double before = c.before[L.ozone];
    const double d_o3 = delta(L.ozone);
    const double loss = c.o3_loss + std::max(0.0, d_pans) + std::max(0.0, d_nitrate);
    double destruction = std::min(-loss, d_o3);  // <= 0
    destruction = std::max(destruction, -before);
    const double production = d_o3 - destruction;  // >= 0
    const std::size_t n = 2 * L.groups;
    double* t = tags + L.slot_base[static_cast<std::size_t>(L.ozone)] * L.groups;
    if (before > 0.0) {
      const double keep = (before + destruction) / before;
      for (std::size_t x = 0; x < n; ++x) t[x] *= keep;
    }
    if (production > 0.0) {
      const bool voc_case = voc_limited(c.ph2o2, c.phno3, threshold);
      // The precursor of the regime's kind takes it; if that precursor has no tags here, the other does.
      const bool done = voc_case ? add_weighted(L, L.ozone, kO3V, production, voc_w, tags)
                                 : add_weighted(L, L.ozone, kO3N, production, nox_share, tags);
      if (!done) {
        if (voc_case)
          add_weighted(L, L.ozone, kO3N, production, nox_share, tags);
        else
          add_weighted(L, L.ozone, kO3V, production, voc_w, tags);
      }
    }
  }
  close_cell_tags(L, c.after, tags);
}

}  // namespace airshed
