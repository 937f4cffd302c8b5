// SPDX-License-Identifier: Apache-2.0
// Speciation: mass is kept for gases and PM, carbon is kept for VOC, a small compound set gives the
// hand-computed CB05-style split, and every kind of bad input is an InputError at the right location.
// Molar masses from the IUPAC standard atomic weights (C 12.011, H 1.008, O 15.999 g/mol).
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "core/error.hpp"
#include "emissions/speciation.hpp"

namespace airshed::emis {
namespace {

SpeciesList model_species() {
  SpeciesList s;
  for (const char* g : {"NO", "NO2", "SO2", "SULF", "CO", "NH3", "PAR", "ETH", "TOL", "OLE", "FORM", "ALD2"})
    s.push_back(Species{g, Phase::gas, 0.0, "", ""});
  for (const char* a : {"PEC", "POA", "PSO4", "PMFINE", "PMC"})
    s.push_back(Species{a, Phase::aerosol, 0.0, "", ""});
  return s;
}

std::size_t index_of(const SpeciesList& s, const std::string& name) {
  for (std::size_t k = 0; k < s.size(); ++k) {
    if (s[k].name == name) return k;
  }
  throw std::logic_error("no species " + name);
}

/// CB05 carbon numbers (Yarwood et al. 2005, "Updates to the Carbon Bond chemical mechanism: CB05", report
/// to the US EPA): PAR 1, ETH 2, TOL 7, OLE 2, FORM 1, ALD2 2.
std::map<std::string, int> cb05_carbon() {
  return {{"PAR", 1}, {"ETH", 2}, {"TOL", 7}, {"OLE", 2}, {"FORM", 1}, {"ALD2", 2}, {"NO", 0}, {"NO2", 0}};
}

VocCompound compound(const std::string& name, double molar_mass, int carbon,
                     std::map<std::string, double> mech, double nr, const std::string& where) {
  return VocCompound{name, molar_mass, carbon, std::move(mech), nr, where};
}

/// propane C3H8 44.097 g/mol = 1.5 PAR + 1.5 NR; ethene C2H4 28.054 = ETH; toluene C7H8 92.141 = TOL;
/// propene C3H6 42.081 = OLE + PAR; n-butane C4H10 58.123 = 4 PAR; formaldehyde CH2O 30.026 = FORM;
/// acetaldehyde C2H4O 44.053 = ALD2.
std::vector<VocCompound> compounds() {
  return {compound("propane", 0.044097, 3, {{"PAR", 1.5}}, 1.5, "voc_compounds_cb05.csv:2"),
          compound("ethene", 0.028054, 2, {{"ETH", 1.0}}, 0.0, "voc_compounds_cb05.csv:3"),
          compound("toluene", 0.092141, 7, {{"TOL", 1.0}}, 0.0, "voc_compounds_cb05.csv:4"),
          compound("propene", 0.042081, 3, {{"OLE", 1.0}, {"PAR", 1.0}}, 0.0, "voc_compounds_cb05.csv:5"),
          compound("n-butane", 0.058123, 4, {{"PAR", 4.0}}, 0.0, "voc_compounds_cb05.csv:6"),
          compound("formaldehyde", 0.030026, 1, {{"FORM", 1.0}}, 0.0, "voc_compounds_cb05.csv:7"),
          compound("acetaldehyde", 0.044053, 2, {{"ALD2", 1.0}}, 0.0, "voc_compounds_cb05.csv:8")};
}

SpeciationProfile coal_chp() {
  SpeciationProfile p;
  p.id = "coal_chp";
  p.where = "speciation.yaml:12";
  p.gas[Pollutant::NOx] = {{"NO", 0.9}, {"NO2", 0.1}};
  p.gas[Pollutant::SO2] = {{"SO2", 0.98}, {"SULF", 0.02}};
  p.gas[Pollutant::CO] = {{"CO", 1.0}};
  p.voc = {{"propane", 0.5}, {"ethene", 0.3}, {"toluene", 0.2}};
  p.pm25 = {{"PEC", 0.1}, {"POA", 0.3}, {"PSO4", 0.1}, {"PMFINE", 0.5}};
  p.pmc = {{"PMC", 1.0}};
  return p;
}

SpeciationProfile solvent() {
  SpeciationProfile p;
  p.id = "solvent";
  p.where = "speciation.yaml:30";
  p.voc = {{"propane", 0.12}, {"ethene", 0.08},       {"toluene", 0.25},    {"propene", 0.1},
           {"n-butane", 0.3}, {"formaldehyde", 0.05}, {"acetaldehyde", 0.1}};
  return p;
}

double factor_of(const std::vector<SpeciesSplit>& splits, std::size_t species) {
  for (const SpeciesSplit& s : splits) {
    if (s.species == species) return s.factor;
  }
  return 0.0;
}

TEST(Speciation, InventoryMolarMasses) {
  EXPECT_DOUBLE_EQ(inventory_molar_mass(Pollutant::NOx), 0.046006);
  EXPECT_DOUBLE_EQ(inventory_molar_mass(Pollutant::SO2), 0.064064);
  EXPECT_DOUBLE_EQ(inventory_molar_mass(Pollutant::CO), 0.02801);
  EXPECT_DOUBLE_EQ(inventory_molar_mass(Pollutant::NH3), 0.017031);
  EXPECT_THROW(inventory_molar_mass(Pollutant::VOC), std::invalid_argument);
  EXPECT_THROW(inventory_molar_mass(Pollutant::PM25), std::invalid_argument);
}

// 1 kg NOx (as NO2) = 1 / 0.046006 mol, 90 % of it NO: NO 19.562666 mol, NO2 2.1736295 mol; the moles
// times the NO2 basis give back 1 kg.
TEST(Speciation, GasMassKept) {
  const SpeciesList sp = model_species();
  const Speciator s({coal_chp()}, compounds(), sp, cb05_carbon());
  const auto& nox = s.split("coal_chp", Pollutant::NOx);
  ASSERT_EQ(nox.size(), 2u);
  EXPECT_EQ(nox[0].species, index_of(sp, "NO"));
  EXPECT_EQ(nox[1].species, index_of(sp, "NO2"));
  EXPECT_NEAR(nox[0].factor, 19.562666, 1e-6);
  EXPECT_NEAR(nox[1].factor, 2.1736295, 1e-7);
  double kg = 0.0;
  for (const SpeciesSplit& x : nox) kg += x.factor * 0.046006;
  EXPECT_NEAR(kg, 1.0, 1e-15);
  kg = 0.0;
  for (const SpeciesSplit& x : s.split("coal_chp", Pollutant::SO2)) kg += x.factor * 0.064064;
  EXPECT_NEAR(kg, 1.0, 1e-15);
  EXPECT_NEAR(s.split("coal_chp", Pollutant::CO)[0].factor, 1.0 / 0.02801, 1e-12);
}

TEST(Speciation, PmFractionsKept) {
  const SpeciesList sp = model_species();
  const Speciator s({coal_chp()}, compounds(), sp, cb05_carbon());
  double sum = 0.0;
  for (const SpeciesSplit& x : s.split("coal_chp", Pollutant::PM25)) {
    EXPECT_EQ(sp[x.species].phase, Phase::aerosol);
    sum += x.factor;
  }
  EXPECT_NEAR(sum, 1.0, 1e-15);
  EXPECT_DOUBLE_EQ(factor_of(s.split("coal_chp", Pollutant::PM25), index_of(sp, "POA")), 0.3);
  // PM10 is the coarse part PM10 - PM2.5: the profile's PMcoarse map.
  const auto& pmc = s.split("coal_chp", Pollutant::PM10);
  ASSERT_EQ(pmc.size(), 1u);
  EXPECT_EQ(pmc[0].species, index_of(sp, "PMC"));
  EXPECT_DOUBLE_EQ(pmc[0].factor, 1.0);
}

// Fractions within 1e-6 of summing to 1 are accepted and rescaled so mass is kept exactly.
TEST(Speciation, NearlyUnitSumsRescaled) {
  SpeciationProfile p = coal_chp();
  p.gas[Pollutant::NOx] = {{"NO", 0.9000005}, {"NO2", 0.1}};
  const Speciator s({p}, compounds(), model_species(), cb05_carbon());
  double kg = 0.0;
  for (const SpeciesSplit& x : s.split("coal_chp", Pollutant::NOx)) kg += x.factor * 0.046006;
  EXPECT_NEAR(kg, 1.0, 1e-15);
}

// Per kg VOC: propane 0.5 / 0.044097 = 11.338640 mol -> PAR 1.5 x = 17.007960 mol, NR carbon 17.007960 mol;
// ethene 0.3 / 0.028054 = 10.693662 mol ETH; toluene 0.2 / 0.092141 = 2.1705864 mol TOL.
// Carbon: 3 x 11.338640 + 2 x 10.693662 + 7 x 2.1705864 = 34.015919 + 21.387324 + 15.194105 = 70.597349.
TEST(Speciation, HandComputedVocSplit) {
  const SpeciesList sp = model_species();
  const Speciator s({coal_chp()}, compounds(), sp, cb05_carbon());
  const auto& voc = s.split("coal_chp", Pollutant::VOC);
  ASSERT_EQ(voc.size(), 3u);
  EXPECT_NEAR(factor_of(voc, index_of(sp, "PAR")), 17.007960, 1e-6);
  EXPECT_NEAR(factor_of(voc, index_of(sp, "ETH")), 10.693662, 1e-6);
  EXPECT_NEAR(factor_of(voc, index_of(sp, "TOL")), 2.1705864, 1e-7);
  EXPECT_NEAR(s.unreactive_carbon("coal_chp"), 17.007960, 1e-6);
  const double carbon = factor_of(voc, index_of(sp, "PAR")) * 1 + factor_of(voc, index_of(sp, "ETH")) * 2 +
                        factor_of(voc, index_of(sp, "TOL")) * 7 + s.unreactive_carbon("coal_chp");
  EXPECT_NEAR(carbon, 70.597349, 1e-6);
  // Sorted by species index, each species once.
  for (std::size_t k = 1; k < voc.size(); ++k) EXPECT_LT(voc[k - 1].species, voc[k].species);
}

// Carbon in = carbon out: sum_s factor_s C_s + NR == sum_c (f_c / M_c) nC_c, relative 1e-12; PAR collects
// propane, propene and n-butane into one entry.
TEST(Speciation, VocCarbonKept) {
  const SpeciesList sp = model_species();
  const auto comps = compounds();
  const Speciator s({solvent()}, comps, sp, cb05_carbon());
  const auto& voc = s.split("solvent", Pollutant::VOC);
  const auto carbon_numbers = cb05_carbon();
  double out = s.unreactive_carbon("solvent");
  int par_entries = 0;
  for (const SpeciesSplit& x : voc) {
    out += x.factor * carbon_numbers.at(sp[x.species].name);
    par_entries += sp[x.species].name == "PAR";
  }
  double in = 0.0;
  for (const auto& [name, f] : solvent().voc) {
    for (const VocCompound& c : comps) {
      if (c.name == name) in += f / c.molar_mass * c.carbon_atoms;
    }
  }
  EXPECT_NEAR(out, in, 1e-12 * in);
  EXPECT_EQ(par_entries, 1);
  // PAR = 1.5 x 0.12/0.044097 + 0.1/0.042081 + 4 x 0.3/0.058123.
  EXPECT_NEAR(factor_of(voc, index_of(sp, "PAR")),
              1.5 * 0.12 / 0.044097 + 0.1 / 0.042081 + 4 * 0.3 / 0.058123, 1e-12);
}

TEST(Speciation, HasAndMissingEntries) {
  const Speciator s({coal_chp(), solvent()}, compounds(), model_species(), cb05_carbon());
  EXPECT_TRUE(s.has("coal_chp", Pollutant::NOx));
  EXPECT_FALSE(s.has("coal_chp", Pollutant::NH3));
  EXPECT_FALSE(s.has("solvent", Pollutant::NOx));
  EXPECT_FALSE(s.has("nope", Pollutant::NOx));
  try {
    s.split("coal_chp", Pollutant::NH3);
    ADD_FAILURE();
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), "speciation.yaml:12");
    EXPECT_NE(e.problem().find("'coal_chp'"), std::string::npos) << e.what();
    EXPECT_NE(e.problem().find("NH3"), std::string::npos) << e.what();
  }
  try {
    s.split("nope", Pollutant::SO2);
    ADD_FAILURE();
  } catch (const InputError& e) {
    EXPECT_NE(e.problem().find("'nope'"), std::string::npos) << e.what();
    EXPECT_NE(e.problem().find("SO2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(s.split("solvent", Pollutant::PM10), InputError);
}

// Builds a Speciator and expects an InputError at `where` whose message holds `fragment`.
void expect_error(const std::vector<SpeciationProfile>& profiles, const std::vector<VocCompound>& comps,
                  const std::map<std::string, int>& carbon, const std::string& where,
                  const std::string& fragment) {
  try {
    Speciator s(profiles, comps, model_species(), carbon);
    ADD_FAILURE() << "no error for " << fragment;
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), where) << e.what();
    EXPECT_NE(e.problem().find(fragment), std::string::npos) << e.what();
  }
}

TEST(Speciation, ProfileErrors) {
  const auto comps = compounds();
  const auto carbon = cb05_carbon();
  const std::string w = "speciation.yaml:12";
  SpeciationProfile p = coal_chp();
  p.gas[Pollutant::NOx] = {{"NO", 0.8}, {"NO2", 0.1}};
  expect_error({p}, comps, carbon, w, "NOx: fractions sum to 0.9");
  p = coal_chp();
  p.pm25["PEC"] = -0.1;
  p.pm25["PMFINE"] = 0.7;
  expect_error({p}, comps, carbon, w, "fraction of 'PEC'");
  p = coal_chp();
  p.gas[Pollutant::NOx] = {{"NO", 0.9}, {"NO3X", 0.1}};
  expect_error({p}, comps, carbon, w, "'NO3X' is not a species of the model");
  p = coal_chp();
  p.gas[Pollutant::SO2] = {{"PSO4", 1.0}};  // gas pollutant into an aerosol species
  expect_error({p}, comps, carbon, w, "SO2: 'PSO4' is an aerosol species");
  p = coal_chp();
  p.pm25 = {{"NO2", 1.0}};  // PM into a gas species
  expect_error({p}, comps, carbon, w, "PM2.5: 'NO2' is a gas species");
  p = coal_chp();
  p.pmc = {{"SO2", 1.0}};
  expect_error({p}, comps, carbon, w, "PMcoarse: 'SO2' is a gas species");
  p = coal_chp();
  p.voc = {{"propane", 0.5}, {"unobtainium", 0.5}};
  expect_error({p}, comps, carbon, w, "compound 'unobtainium' is not in the VOC compound table");
  p = coal_chp();
  p.gas[Pollutant::VOC] = {{"PAR", 1.0}};
  expect_error({p}, comps, carbon, w, "only NOx, SO2, CO and NH3");
  expect_error({coal_chp(), coal_chp()}, comps, carbon, w, "defined twice");
  // A compound mapped to a mechanism species the model does not carry.
  SpeciesList no_tol = model_species();
  std::erase_if(no_tol, [](const Species& s) { return s.name == "TOL"; });
  try {
    Speciator s({coal_chp()}, comps, no_tol, carbon);
    ADD_FAILURE();
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), w);
    EXPECT_NE(e.problem().find("compound 'toluene': 'TOL' is not a species of the model"), std::string::npos)
        << e.what();
  }
}

TEST(Speciation, CompoundErrors) {
  const auto carbon = cb05_carbon();
  auto comps = compounds();
  comps[0].unreactive_carbon = 1.0;  // propane: 1.5 PAR + 1 NR = 2.5 C, not 3
  expect_error({coal_chp()}, comps, carbon, "voc_compounds_cb05.csv:2",
               "hold 2.5 carbon atoms, the compound has 3");
  // Without a mechanism the carbon check is skipped.
  EXPECT_NO_THROW(Speciator({coal_chp()}, comps, model_species(), {}));
  comps = compounds();
  comps[1].mechanism_species = {{"ETHY", 1.0}};
  expect_error({coal_chp()}, comps, carbon, "voc_compounds_cb05.csv:3",
               "'ETHY' is not a species of the mechanism");
  comps = compounds();
  comps[2].molar_mass = 0.0;
  expect_error({coal_chp()}, comps, carbon, "voc_compounds_cb05.csv:4", "molar mass 0 must be > 0");
  comps = compounds();
  comps[3].mechanism_species["OLE"] = -1.0;
  expect_error({coal_chp()}, comps, carbon, "voc_compounds_cb05.csv:5", "-1 mol of 'OLE'");
  comps = compounds();
  comps.push_back(compounds()[0]);
  comps.back().where = "voc_compounds_cb05.csv:9";
  expect_error({coal_chp()}, comps, carbon, "voc_compounds_cb05.csv:9", "'propane' is listed twice");
}

}  // namespace
}  // namespace airshed::emis
