// SPDX-License-Identifier: Apache-2.0
#include "solver/aerosol_step.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "chemistry/aerosol.hpp"
#include "core/constants.hpp"

namespace airshed {

namespace {

/// molecules cm-3 per mol m-3: Avogadro's number times 1e-6 m3 per cm3 (as solver/chemistry_step.cpp).
constexpr double kMoleculesPerCm3PerMolPerM3 = 6.02214076e23 * 1e-6;

// Positions in aerosol_species().
enum Slot : int { kNH3, kPSO4, kPNH4, kPNO3, kSOA1, kSOPA = kSOA1 + 4, kSOPB, kCG1, kSlots = kCG1 + 4 };
constexpr int kPairs = 4;

// Ion molar masses [kg mol-1] (IUPAC 2013 atomic weights; as CAMx WTMOL for PSO4, PNO3, PNH4).
constexpr double kSulfate = 0.09606, kAmmonium = 0.018038, kNitrate = 0.062004;
// Molar mass of the non-volatile SOA products SOPA/SOPB, CAMx v7.20 soap.inc mwsopa = mwsopb = 220 g mol-1.
constexpr double kNonVolatile = 0.220;

}  // namespace

const std::vector<AerosolSpecies>& aerosol_species() {
  using enum Phase;
  static const std::vector<AerosolSpecies> list = {
      {"NH3", gas, 0.017031, "mole_fraction_of_ammonia_in_air", "ammonia", false},
      {"PSO4", aerosol, kSulfate, "mass_concentration_of_sulfate_dry_aerosol_particles_in_air",
       "particulate sulfate (as SO4)", true},
      {"PNH4", aerosol, kAmmonium, "mass_concentration_of_ammonium_dry_aerosol_particles_in_air",
       "particulate ammonium (as NH4)", true},
      {"PNO3", aerosol, kNitrate, "mass_concentration_of_nitrate_dry_aerosol_particles_in_air",
       "particulate nitrate (as NO3)", true},
      {"SOA1", aerosol, 0.150, "", "secondary organic aerosol of pair 1 (aromatics, more volatile)", true},
      {"SOA2", aerosol, 0.150, "", "secondary organic aerosol of pair 2 (aromatics, less volatile)", true},
      {"SOA3", aerosol, 0.180, "", "secondary organic aerosol of pair 3 (biogenic, more volatile)", true},
      {"SOA4", aerosol, 0.180, "", "secondary organic aerosol of pair 4 (biogenic, less volatile)", true},
      {"SOPA", aerosol, kNonVolatile, "", "non-volatile anthropogenic secondary organic aerosol", true},
      {"SOPB", aerosol, kNonVolatile, "", "non-volatile biogenic secondary organic aerosol", true},
      {"CG1", gas, 0.150, "", "condensable organic gas of pair 1 (aromatics, more volatile)", false},
      {"CG2", gas, 0.150, "", "condensable organic gas of pair 2 (aromatics, less volatile)", false},
      {"CG3", gas, 0.180, "", "condensable organic gas of pair 3 (biogenic, more volatile)", false},
      {"CG4", gas, 0.180, "", "condensable organic gas of pair 4 (biogenic, less volatile)", false},
  };
  return list;
}

std::vector<std::string> aerosol_missing_precursors(const chem::Mechanism& mechanism) {
  std::vector<std::string> missing;
  for (const char* name : {"SO2", "SULF", "HNO3"}) {
    const int m = mechanism.find(name);
    if (m < 0 || mechanism.species[m].fixed != chem::FixedKind::none || mechanism.species[m].steady_state)
      missing.emplace_back(name);
  }
  return missing;
}

double relative_humidity(double temperature, double pressure, double mixing_ratio) {
  constexpr double eps = constants::molar_mass_water / constants::molar_mass_dry_air;
  const double e = mixing_ratio * pressure / (eps + mixing_ratio);
  const double es = 611.2 * std::exp(17.67 * (temperature - 273.15) / (temperature - 29.65));
  return std::clamp(e / es, 0.0, 1.0);
}

double high_nox_fraction(double k_no, double no, double k_ho2, double ho2) {
  const double to_no = k_no * std::max(no, 0.0), to_ho2 = k_ho2 * std::max(ho2, 0.0);
  return to_no + to_ho2 > 0.0 ? to_no / (to_no + to_ho2) : 1.0;
}

PeroxyRates aromatic_peroxy_rates(double t) {
  return {2.70e-12 * std::exp(360.0 / t), 2.39e-13 * std::exp(1300.0 / t)};
}

PeroxyRates isoprene_peroxy_rates(double t) {
  return {2.39e-12 * std::exp(365.0 / t), 7.43e-13 * std::exp(700.0 / t)};
}

AerosolStep::AerosolStep(const State& state, const chem::KineticSystem& system,
                         std::vector<std::size_t> absorbing)
    : absorbing_(std::move(absorbing)) {
  const auto& list = aerosol_species();
  if (static_cast<int>(list.size()) != kSlots) throw std::logic_error("aerosol species table out of step");
  std::string missing;
  for (const AerosolSpecies& a : list) {
    const std::size_t s = state.find(a.name);
    if (s == state.n_species() || state.species()[s].phase != a.phase) {
      missing += (missing.empty() ? "" : ", ") + std::string(a.name);
      continue;
    }
    fields_.push_back(s + 1);
  }
  if (!missing.empty())
    throw std::invalid_argument("aerosol: the state lacks (or has in the wrong phase) " + missing);

  const chem::Mechanism& mech = system.mechanism();
  auto solved = [&](const char* name) {
    const int m = mech.find(name);
    return m < 0 ? -1 : system.solved_index(m);
  };
  if (!aerosol_missing_precursors(mech).empty())
    throw std::invalid_argument("aerosol: mechanism " + mech.name +
                                " lacks SO2, SULF or HNO3 as solved species");
  if (solved("NH3") >= 0)
    throw std::invalid_argument("aerosol: mechanism " + mech.name +
                                " solves NH3; the aerosol coupling carries NH3 itself");
  so2_ = solved("SO2");
  sulf_ = solved("SULF");
  hno3_ = solved("HNO3");
  no_ = solved("NO");
  ho2_ = solved("HO2");

  // SOAP2.2 yields of the mechanism's precursors (cb05-core: TOL ~ toluene, XYL ~ xylene, ISOP).
  const std::pair<const char*, const char*> map[] = {
      {"TOL", "toluene"}, {"XYL", "xylene"}, {"ISOP", "isoprene"}};
  for (const auto& [species, soap] : map) {
    const int s = solved(species);
    if (s < 0) continue;
    for (const chem::SoaYields& y : chem::soap22_yields()) {
      if (std::string(y.precursor) != soap) continue;
      Precursor p{};
      p.solved = s;
      p.aromatic = y.more_volatile_pair < 2;
      p.more = y.more_volatile_pair;
      p.less = y.less_volatile_pair;
      p.non_volatile = p.aromatic ? kSOPA : kSOPB;
      for (int k = 0; k < 3; ++k) {
        p.high[k] = y.high_nox[k];
        p.low[k] = y.low_nox[k];
      }
      precursors_.push_back(p);
    }
  }
}

AerosolStep::Workspace::Workspace(const AerosolStep&, int width) {
  const std::size_t w = static_cast<std::size_t>(width);
  for (auto* v : {&rh, &cloud, &rate, &h2so4, &so2, &sulfate, &nh3, &nh4, &hno3, &no3, &absorbing})
    v->assign(w, 0.0);
  for (auto* v : {&c_star, &gas, &particle}) v->assign(kPairs * w, 0.0);
  old.assign(2 * kSlots * w, 0.0);  // old values, then the new ones
}

void AerosolStep::apply(const Block& b, double dt, State& state, Workspace& ws, double* change) const {
  constexpr double conv = kMoleculesPerCm3PerMolPerM3;
  const int w = b.width;
  const std::size_t sw = static_cast<std::size_t>(w);
  double* old = ws.old.data();
  double* now = ws.old.data() + kSlots * sw;
  auto at = [sw](int slot, int c) {
    return static_cast<std::size_t>(slot) * sw + static_cast<std::size_t>(c);
  };
  for (int a = 0; a < kSlots; ++a) {
    const double* data = state.field(fields_[a]).data();
    for (int c = 0; c < w; ++c) old[at(a, c)] = now[at(a, c)] = data[b.offset[c]];
  }
  double* y = b.y;
  auto gas = [&](int solved, int c) -> double& { return y[static_cast<std::size_t>(solved) * sw + c]; };

  // (a) H2SO4 condenses; (b) SO2 oxidised in aerosol water (no cloud fraction in the met yet). `sulfate`
  // collects the new sulfate [mol m-3].
  for (int c = 0; c < w; ++c) {
    ws.rh[c] = relative_humidity(b.temperature[c], b.pressure[c], b.humidity[c]);
    ws.cloud[c] = 0.0;
    ws.sulfate[c] = 0.0;
    ws.h2so4[c] = gas(sulf_, c) / conv;
    ws.so2[c] = gas(so2_, c) / conv;
  }
  chem::condense_sulfuric_acid(w, ws.h2so4.data(), ws.sulfate.data());
  chem::so2_aqueous_oxidation_rates(w, b.temperature, ws.rh.data(), ws.cloud.data(), ws.rate.data());
  chem::oxidise_so2(w, dt, ws.rate.data(), ws.so2.data(), ws.sulfate.data());
  for (int c = 0; c < w; ++c) {
    gas(sulf_, c) = ws.h2so4[c] * conv;
    gas(so2_, c) = ws.so2[c] * conv;
    now[at(kPSO4, c)] += ws.sulfate[c] * kSulfate;
    ws.sulfate[c] = now[at(kPSO4, c)] / kSulfate;  // total sulfate for the equilibrium
  }

  // (c) Ammonium sulfate / ammonium nitrate on the totals.
  for (int c = 0; c < w; ++c) {
    ws.nh3[c] = now[at(kNH3, c)];
    ws.nh4[c] = now[at(kPNH4, c)] / kAmmonium;
    ws.hno3[c] = gas(hno3_, c) / conv;
    ws.no3[c] = now[at(kPNO3, c)] / kNitrate;
  }
  chem::partition_inorganic(w, b.temperature, ws.rh.data(), ws.sulfate.data(), ws.nh3.data(), ws.nh4.data(),
                            ws.hno3.data(), ws.no3.data());
  for (int c = 0; c < w; ++c) {
    now[at(kNH3, c)] = ws.nh3[c];
    now[at(kPNH4, c)] = ws.nh4[c] * kAmmonium;
    gas(hno3_, c) = ws.hno3[c] * conv;
    now[at(kPNO3, c)] = ws.no3[c] * kNitrate;
  }

  // (d) SOA: condensable gases from the precursors that reacted, then absorptive partitioning.
  const auto& pairs = chem::soap22_pairs();
  for (const Precursor& p : precursors_)
    for (int c = 0; c < w; ++c) {
      const double reacted =
          std::max(b.y_start[static_cast<std::size_t>(p.solved) * sw + c] - gas(p.solved, c), 0.0) / conv;
      if (!(reacted > 0.0)) continue;
      double high = 1.0;
      if (no_ >= 0 && ho2_ >= 0) {
        const PeroxyRates k =
            p.aromatic ? aromatic_peroxy_rates(b.temperature[c]) : isoprene_peroxy_rates(b.temperature[c]);
        const double no = 0.5 * (b.y_start[static_cast<std::size_t>(no_) * sw + c] + gas(no_, c));
        const double ho2 = 0.5 * (b.y_start[static_cast<std::size_t>(ho2_) * sw + c] + gas(ho2_, c));
        high = high_nox_fraction(k.no, no, k.ho2, ho2);
      }
      const double low = 1.0 - high;
      now[at(kCG1 + p.more, c)] += reacted * (high * p.high[0] + low * p.low[0]);
      now[at(kCG1 + p.less, c)] += reacted * (high * p.high[1] + low * p.low[1]);
      now[at(p.non_volatile, c)] += reacted * (high * p.high[2] + low * p.low[2]) * kNonVolatile;
    }
  for (int c = 0; c < w; ++c) {
    double absorbing = now[at(kSOPA, c)] + now[at(kSOPB, c)];
    for (std::size_t f : absorbing_) absorbing += state.field(f).data()[b.offset[c]];
    ws.absorbing[c] = absorbing;
    for (int i = 0; i < kPairs; ++i) {
      ws.c_star[at(i, c)] = chem::saturation_concentration(pairs[i], b.temperature[c]);
      ws.gas[at(i, c)] = now[at(kCG1 + i, c)] * pairs[i].molar_mass;
      ws.particle[at(i, c)] = now[at(kSOA1 + i, c)];
    }
  }
  chem::partition_soa(w, kPairs, ws.c_star.data(), ws.absorbing.data(), ws.gas.data(), ws.particle.data());
  for (int i = 0; i < kPairs; ++i)
    for (int c = 0; c < w; ++c) {
      now[at(kCG1 + i, c)] = ws.gas[at(i, c)] / pairs[i].molar_mass;
      now[at(kSOA1 + i, c)] = ws.particle[at(i, c)];
    }

  for (int a = 0; a < kSlots; ++a) {
    double* data = state.field(fields_[a]).data();
    double sum = 0.0;
    for (int c = 0; c < w; ++c) {
      data[b.offset[c]] = now[at(a, c)];
      sum += (now[at(a, c)] - old[at(a, c)]) * b.volume[c];
    }
    change[fields_[a]] += sum;
  }
}

}  // namespace airshed
