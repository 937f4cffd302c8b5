// SPDX-License-Identifier: Apache-2.0
// The per-cell update rules of the tags (docs/apportionment.md): the O3 regime switch at the
// P(H2O2)/P(HNO3) threshold, destruction shared by every O3 tag, sulfate from the groups' SO2, nitrogen
// exchange from NOx, OH-reactivity-weighted VOC decay, and the closure with its rules for negative tags and
// hosts without tags.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "chemistry/mechanism_file.hpp"
#include "tagging/tag_families.hpp"
#include "tagging/tag_rules.hpp"

using namespace airshed;

namespace {

// Three groups (a, b, other) and the families O3 (2 slots), NOx, VOC, SO2, sulfate, nitrate, PANs.
TagLayout layout() {
  std::vector<TagFamily> f;
  f.push_back({"O3", FamilyRole::ozone, {{0, 1.0}}, 2, ""});
  f.push_back({"NOx", FamilyRole::nox, {{1, 1.0}}, 1, ""});
  f.push_back({"VOC", FamilyRole::voc, {{2, 1.0}}, 1, ""});
  f.push_back({"SO2", FamilyRole::so2, {{3, 1.0}}, 1, ""});
  f.push_back({"sulfate", FamilyRole::sulfate, {{4, 1.0}}, 1, ""});
  f.push_back({"nitrate", FamilyRole::nitrate, {{5, 1.0}}, 1, ""});
  f.push_back({"PANs", FamilyRole::pans, {{6, 1.0}}, 1, ""});
  return TagLayout(f, 3, 2);
}

struct Cell {
  TagLayout L = layout();
  std::vector<double> tags = std::vector<double>(L.tags(), 0.0);
  double& tag(int family, std::size_t group, int slot = 0) {
    return tags[L.index(static_cast<std::size_t>(family), slot, group)];
  }
  double family_total(int family) {
    double s = 0.0;
    for (std::size_t g = 0; g < L.groups; ++g)
      for (int slot = 0; slot < L.families[family].slots; ++slot) s += tag(family, g, slot);
    return s;
  }
};

// A cell where group a holds all the NOx and group b all the VOC, O3 split evenly.
Cell precursor_cell() {
  Cell c;
  c.tag(c.L.ozone, 0, kO3N) = 10;
  c.tag(c.L.ozone, 1, kO3V) = 10;
  c.tag(c.L.nox, 0) = 5;
  c.tag(c.L.voc, 1) = 50;
  c.tag(c.L.so2, 0) = 3;
  c.tag(c.L.so2, 1) = 1;
  return c;
}

}  // namespace

TEST(TagRules, RegimeThresholdIsInclusiveForVocLimited) {
  EXPECT_TRUE(voc_limited(0.30, 1.0, 0.35));
  EXPECT_TRUE(voc_limited(0.35, 1.0, 0.35));
  EXPECT_FALSE(voc_limited(0.40, 1.0, 0.35));
  EXPECT_FALSE(voc_limited(0.0, 0.0, 0.35));  // no HNO3 made (night): NOx-limited
}

// Issue 6: a cell at P(H2O2)/P(HNO3) = 0.30 puts all new O3 into the VOC-limited tags, at 0.40 into the
// NOx-limited tags.
TEST(TagRules, RegimeSwitchSendsNewOzoneToVocOrNoxTags) {
  const std::vector<double> before = {20, 5, 50, 4, 0, 0, 0};
  const std::vector<double> after = {26, 5, 50, 4, 0, 0, 0};  // +6 O3, no destruction
  const std::vector<double> weight(3, 1.0);
  for (const double ratio : {0.30, 0.40}) {
    Cell c = precursor_cell();
    CellChemistry cell{before.data(), after.data(), ratio * 1e-9, 1e-9, 0.0};
    update_cell_chemistry(c.L, cell, 0.35, weight, c.tags.data());
    if (ratio < 0.35) {
      // All 6 to O3V of the VOC owner (b); the old O3 untouched.
      EXPECT_DOUBLE_EQ(c.tag(c.L.ozone, 1, kO3V), 16.0);
      EXPECT_DOUBLE_EQ(c.tag(c.L.ozone, 0, kO3N), 10.0);
      EXPECT_DOUBLE_EQ(c.tag(c.L.ozone, 0, kO3V), 0.0);
    } else {
      EXPECT_DOUBLE_EQ(c.tag(c.L.ozone, 0, kO3N), 16.0);
      EXPECT_DOUBLE_EQ(c.tag(c.L.ozone, 1, kO3V), 10.0);
      EXPECT_DOUBLE_EQ(c.tag(c.L.ozone, 1, kO3N), 0.0);
    }
    EXPECT_NEAR(c.family_total(c.L.ozone), 26.0, 1e-12);
  }
}

// CAMx o3prdsa: D = min(-loss, dO3) is shared in proportion by every O3 tag, P = dO3 - D is new.
TEST(TagRules, DestructionIsProportionalAndProductionIsTheRest) {
  const std::vector<double> before = {20, 5, 50, 4, 0, 0, 0};
  const std::vector<double> after = {22, 5, 50, 4, 0, 0, 0};  // net +2 with 4 destroyed: P = 6
  Cell c = precursor_cell();
  CellChemistry cell{before.data(), after.data(), 1.0, 1.0, 4.0};  // NOx-limited
  update_cell_chemistry(c.L, cell, 0.35, std::vector<double>(3, 1.0), c.tags.data());
  EXPECT_NEAR(c.tag(c.L.ozone, 0, kO3N), 10.0 * 16.0 / 20.0 + 6.0, 1e-12);
  EXPECT_NEAR(c.tag(c.L.ozone, 1, kO3V), 10.0 * 16.0 / 20.0, 1e-12);
  // A drop larger than the loss estimate (titration by NO) is all destruction: no production.
  Cell d = precursor_cell();
  const std::vector<double> titrated = {14, 5, 50, 4, 0, 0, 0};
  CellChemistry t{before.data(), titrated.data(), 1.0, 1.0, 1.0};
  update_cell_chemistry(d.L, t, 0.35, std::vector<double>(3, 1.0), d.tags.data());
  EXPECT_NEAR(d.tag(d.L.ozone, 0, kO3N), 7.0, 1e-12);
  EXPECT_NEAR(d.tag(d.L.ozone, 1, kO3V), 7.0, 1e-12);
}

// PSAT: new sulfate in the groups' SO2 shares; the SO2 tags lose exactly that.
TEST(TagRules, SulfateComesFromTheGroupsSo2) {
  const std::vector<double> before = {20, 5, 50, 4, 0, 0, 0};
  const std::vector<double> after = {20, 5, 50, 3, 1, 0, 0};
  Cell c = precursor_cell();
  CellChemistry cell{before.data(), after.data(), 0, 0, 0};
  update_cell_chemistry(c.L, cell, 0.35, std::vector<double>(3, 1.0), c.tags.data());
  EXPECT_NEAR(c.tag(c.L.sulfate, 0), 0.75, 1e-15);
  EXPECT_NEAR(c.tag(c.L.sulfate, 1), 0.25, 1e-15);
  EXPECT_NEAR(c.tag(c.L.so2, 0), 2.25, 1e-15);
  EXPECT_NEAR(c.tag(c.L.so2, 1), 0.75, 1e-15);
}

// Nitrate and PANs formed take the groups' NOx; PAN decomposing gives it back in the PAN tags' shares.
TEST(TagRules, NitrogenMovesBetweenFamiliesInTheDonorsShares) {
  Cell c = precursor_cell();
  c.tag(c.L.nox, 1) = 5;  // NOx: a 5, b 5
  c.tag(c.L.pans, 1) = 2;
  const std::vector<double> before = {20, 10, 50, 4, 0, 0, 2};
  const std::vector<double> after = {20, 8.5, 50, 4, 0, 2, 1.5};  // 2 to nitrate, 0.5 PAN back to NOx
  CellChemistry cell{before.data(), after.data(), 0, 0, 0};
  update_cell_chemistry(c.L, cell, 0.35, std::vector<double>(3, 1.0), c.tags.data());
  EXPECT_NEAR(c.tag(c.L.nitrate, 0), 1.0, 1e-14);
  EXPECT_NEAR(c.tag(c.L.nitrate, 1), 1.0, 1e-14);
  EXPECT_NEAR(c.tag(c.L.pans, 1), 1.5, 1e-14);
  // NOx: a 5 - 1 = 4; b 5 + 0.5 - 1 = 4.5.
  EXPECT_NEAR(c.tag(c.L.nox, 0), 4.0, 1e-14);
  EXPECT_NEAR(c.tag(c.L.nox, 1), 4.5, 1e-14);
}

// OSAT wtkoh: a group whose VOC reacts twice as fast per carbon loses twice the share.
TEST(TagRules, VocDecayIsWeightedByOhReactivity) {
  Cell c;
  c.tag(c.L.voc, 0) = 10;
  c.tag(c.L.voc, 1) = 10;
  const std::vector<double> before = {0, 0, 20, 0, 0, 0, 0};
  const std::vector<double> after = {0, 0, 17, 0, 0, 0, 0};
  CellChemistry cell{before.data(), after.data(), 0, 0, 0};
  update_cell_chemistry(c.L, cell, 0.35, {2.0, 1.0, 1.0}, c.tags.data());
  EXPECT_NEAR(c.tag(c.L.voc, 0), 8.0, 1e-14);
  EXPECT_NEAR(c.tag(c.L.voc, 1), 9.0, 1e-14);
}

TEST(TagRules, ClosureScalesZeroesNegativesAndFillsOther) {
  Cell c;
  c.tag(c.L.nox, 0) = 3;
  c.tag(c.L.nox, 1) = -1;  // driven negative: set to 0, the others scaled to the host
  c.tag(c.L.voc, 0) = 0;   // host without tags: all to `other`
  std::vector<double> host = {0, 6, 4, 0, 0, 0, 0};
  std::vector<double> sums(7);
  close_cell_tags(c.L, host.data(), c.tags.data(), sums.data());
  EXPECT_DOUBLE_EQ(c.tag(c.L.nox, 0), 6.0);
  EXPECT_DOUBLE_EQ(c.tag(c.L.nox, 1), 0.0);
  EXPECT_DOUBLE_EQ(c.tag(c.L.voc, 2), 4.0);
  EXPECT_DOUBLE_EQ(sums[1], 3.0);
}

// The cb05-core families: members, and the weights that make them count atoms of N, S, C or kg.
TEST(TagFamilies, Cb05CoreWithAerosolAndPrimaryParticles) {
  const chem::Mechanism m = chem::load_mechanism("cb05-core");
  SpeciesList species;
  for (const auto& s : m.species)
    if (s.fixed == chem::FixedKind::none) species.push_back({s.name, Phase::gas, s.molar_mass, "", ""});
  for (const char* a : {"PSO4", "PNO3", "PNH4", "SOA1", "CG1"})
    species.push_back({a, std::string(a) == "CG1" ? Phase::gas : Phase::aerosol, 0.1, "", ""});
  species.push_back({"NH3", Phase::gas, 0.017, "", ""});
  species.push_back({"PEC", Phase::aerosol, 0.012, "", ""});
  const std::vector<TagFamily> f = tag_families(species, &m);
  auto family = [&](const std::string& name) -> const TagFamily& {
    for (const auto& x : f)
      if (x.name == name) return x;
    ADD_FAILURE() << "no family " << name;
    return f.front();
  };
  auto weight = [&](const TagFamily& fam, const std::string& sp) {
    for (const auto& mem : fam.members)
      if (species[mem.species].name == sp) return mem.weight;
    return 0.0;
  };
  EXPECT_EQ(family("Ox").slots, 2);
  EXPECT_EQ(weight(family("Ox"), "NO2"), 1.0);  // odd oxygen held in NO2
  for (const auto& mem : family("Ox").members) EXPECT_EQ(mem.owner, species[mem.species].name == "O3");
  EXPECT_EQ(weight(family("NOx"), "N2O5"), 2.0);
  EXPECT_NEAR(weight(family("sulfate"), "PSO4"), 1.0 / 0.09606, 1e-9);
  EXPECT_NEAR(weight(family("nitrate"), "PNO3"), 1.0 / 0.062004, 1e-9);
  EXPECT_EQ(weight(family("VOC"), "PAR"), 1.0);
  EXPECT_EQ(weight(family("VOC"), "ALD2"), 2.0);
  EXPECT_EQ(weight(family("VOC"), "TOL"), 0.0);  // in the SOA precursors instead
  EXPECT_EQ(weight(family("SOA precursors"), "TOL"), 7.0);
  EXPECT_EQ(weight(family("VOC"), "CO"), 0.0);
  EXPECT_EQ(weight(family("VOC"), "C2O3"), 0.0);
  EXPECT_EQ(family("PEC").role, FamilyRole::primary);
  // Every species owned by at most one family.
  std::vector<int> count(species.size(), 0);
  for (const auto& x : f)
    for (const auto& mem : x.members) count[mem.species] += mem.owner ? 1 : 0;
  EXPECT_LE(*std::max_element(count.begin(), count.end()), 1);
}

TEST(TagFamilies, WithoutMechanismEverySpeciesIsPrimary) {
  const SpeciesList species = {{"a", Phase::gas, 0.03, "", ""}, {"b", Phase::aerosol, 0, "", ""}};
  const std::vector<TagFamily> f = tag_families(species, nullptr);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].role, FamilyRole::primary);
  EXPECT_EQ(f[1].members[0].species, 1u);
}
