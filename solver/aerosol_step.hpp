// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "chemistry/kinetic_system.hpp"
#include "core/species.hpp"
#include "solver/state.hpp"

namespace airshed {

/// A species the aerosol coupling adds to the transported state (docs/outputs.md, "Secondary aerosol").
struct AerosolSpecies {
  const char* name;
  Phase phase;
  double molar_mass;          ///< kg mol-1: of the gas, of the ion (PSO4, PNH4, PNO3) or of the pair (SOA)
  const char* standard_name;  ///< CF standard name, "" where none exists
  const char* long_name;
  bool pm25;  ///< counted in the derived `pm25` output
};

/// NH3 (gas), PSO4, PNH4, PNO3 (particulate sulfate, ammonium, nitrate as ion mass), SOA1..SOA4 (particle
/// phase of the four SOAP2.2 pairs), SOPA and SOPB (non-volatile anthropogenic and biogenic SOA) and CG1..CG4
/// (the pairs' condensable gases, carried as gases in mol m-3 with the pair's molar mass, as CAMx carries
/// them in ppm). Names follow CAMx.
const std::vector<AerosolSpecies>& aerosol_species();

/// Mechanism species the aerosol coupling needs (SO2, SULF, HNO3) that `mechanism` lacks; empty if none.
std::vector<std::string> aerosol_missing_precursors(const chem::Mechanism& mechanism);

/// Relative humidity (0-1) from temperature [K], pressure [Pa] and water-vapour mixing ratio [kg kg-1]:
/// e = r p / (eps + r), eps = Mw/Md, over the saturation pressure of Bolton (1980, MWR 108, 1046, eq. 10)
/// e_s = 611.2 exp(17.67 (T - 273.15) / (T - 29.65)) Pa: the inverse of the idealised met's humidity
/// (met/idealised_met.cpp) and of driver/box.cpp's mixing_ratio_from_rh. Limited to [0, 1].
double relative_humidity(double temperature, double pressure, double mixing_ratio);

/// Fraction of a precursor's peroxy radicals that react with NO rather than HO2, the weight of the high-NOx
/// SOA yields (CAMx v7.20 soachem.f): k_NO [NO] / (k_NO [NO] + k_HO2 [HO2]); 1 when both rates are zero.
double high_nox_fraction(double k_no, double no, double k_ho2, double ho2);

/// Rate constants [cm3 molecule-1 s-1] of the peroxy radicals that decide the NOx branch, as CAMx v7.20
/// soachem.f: aromatic RO2 + NO 2.70e-12 exp(360/T) and + HO2 2.39e-13 exp(1300/T) (MCM v3.2 toluene);
/// isoprene RO2 + NO 2.39e-12 exp(365/T) and + HO2 7.43e-13 exp(700/T) (CB6).
struct PeroxyRates {
  double no, ho2;
};
PeroxyRates aromatic_peroxy_rates(double temperature);
PeroxyRates isoprene_peroxy_rates(double temperature);

/// Secondary aerosol after the gas-phase solve of a block of cells (docs/physics.md, "Secondary aerosol"):
///   (a) SULF (gaseous H2SO4) condenses entirely onto PSO4;
///   (b) SO2 is oxidised in aerosol water at the first-order DMAT rate with the cell's relative humidity and
///       no cloud (the met carries no cloud fraction yet), exactly over dt;
///   (c) NH3 + PNH4 and HNO3 + PNO3 are split by the ammonium sulfate / ammonium nitrate equilibrium;
///   (d) TOL, XYL and ISOP that reacted in the step (their drop over the solve: they have no chemical source)
///       give condensable gases with the SOAP2.2 yields, blended between the high- and low-NOx sets by
///       high_nox_fraction() with the step-mean NO and HO2 of the cell; the non-volatile share goes to SOPA
///       (aromatics) or SOPB (isoprene); then the four CG/SOA pairs partition onto the absorbing organic mass
///       (POA species of the case, SOPA, SOPB).
/// Every conversion moves a whole amount from one field to another, so S (SO2 + SULF + PSO4) and N (NH3 +
/// PNH4, HNO3 + PNO3) are conserved to round-off. Each cell depends only on its own values.
class AerosolStep {
 public:
  /// `state` must hold every aerosol_species(); `system` is the gas-phase mechanism (must have SO2, SULF and
  /// HNO3 solved; TOL, XYL, ISOP, NO and HO2 are used when present). `absorbing` are the state field indices
  /// of the case's primary organic aerosol species. Throws std::invalid_argument naming what is missing.
  AerosolStep(const State& state, const chem::KineticSystem& system, std::vector<std::size_t> absorbing);

  /// Scratch arrays for blocks of up to `width` cells; one per thread, allocated once.
  class Workspace {
   public:
    Workspace(const AerosolStep& step, int width);

   private:
    friend class AerosolStep;
    std::vector<double> rh, cloud, rate, h2so4, so2, sulfate, nh3, nh4, hno3, no3, absorbing, c_star, gas,
        particle, old;
  };

  /// A gathered block of cells: the gas solve's species (y after, y_start before the solve, molecules cm-3,
  /// [s * width + c]), the met, and where each cell lives in the state.
  struct Block {
    int width = 0;
    const std::size_t* offset = nullptr;  ///< Field3::offset of each cell
    const double* volume = nullptr;       ///< m3
    const double* temperature = nullptr;  ///< K
    const double* pressure = nullptr;     ///< Pa
    const double* humidity = nullptr;     ///< kg kg-1
    double* y = nullptr;
    const double* y_start = nullptr;
  };

  /// Apply (a)-(d) over dt seconds: updates block.y and the aerosol fields of `state` in the block's cells
  /// and adds the change of every field it writes [mol or kg] to change[f] (f = state field index) for the
  /// aerosol fields only; the caller accounts for the solved species from block.y.
  void apply(const Block& block, double dt, State& state, Workspace& ws, double* change) const;

  /// State field indices, in aerosol_species() order.
  const std::vector<std::size_t>& fields() const { return fields_; }

 private:
  struct Precursor {
    int solved;        // solved index of TOL, XYL or ISOP
    bool aromatic;     // aromatic or isoprene peroxy rates
    int more, less;    // pair indices (0..3)
    int non_volatile;  // index into fields_ of SOPA or SOPB
    double high[3], low[3];
  };

  std::vector<std::size_t> fields_;
  std::vector<std::size_t> absorbing_;
  int so2_ = -1, sulf_ = -1, hno3_ = -1, no_ = -1, ho2_ = -1;
  std::vector<Precursor> precursors_;
};

}  // namespace airshed
