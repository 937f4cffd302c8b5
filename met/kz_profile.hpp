// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "core/array.hpp"
#include "core/column_block.hpp"
#include "core/grid.hpp"
#include "core/met_fields.hpp"

namespace airshed {

/// Options of the PBL similarity profile (docs/physics.md "Vertical diffusivity").
struct KzOptions {
  double kz_min = 0.1;     ///< m2 s-1, floor everywhere (free troposphere, stable nights); CMAQ uses 0.01-1
  double kz_max = 1000.0;  ///< m2 s-1, cap against degenerate met
  bool prefer_met = true;  ///< use the met's Kz when the file has one
};

/// Surface-layer stability functions for heat (Businger-Dyer as in Holtslag & Boville 1993, J. Climate 6,
/// 1825): phi_h = 1 + 5 z/L (stable), (1 - 15 z/L)^(-1/2) (unstable); momentum (1 - 15 z/L)^(-1/4).
double phi_heat(double z_over_l);
double phi_momentum(double z_over_l);

/// Monin-Obukhov length L = -u*^3 theta rho cp / (kappa g H) [m]; +inf for H == 0 (neutral).
double obukhov_length(double ustar, double temperature, double air_density_kg, double sensible_heat_flux);

/// Kz [m2 s-1] at height z in a boundary layer of depth h (Holtslag & Boville 1993, eqs. 3.3-3.10):
///   K = kappa w_t z (1 - z/h)^2 for z < h,
/// with w_t = u*/phi_h(z/L) in stable/neutral conditions and in the unstable surface layer (z < 0.1 h), and
/// w_t = w_m / Pr in the unstable mixed layer, w_m = (u*^3 + 7 eps kappa w*^3)^(1/3), eps = 0.1,
/// Pr = phi_h(eps h/L)/phi_m(eps h/L) + 7.2 kappa eps w*/w_m, w* = (g/T * H/(rho cp) * h)^(1/3).
/// Above h, and as a floor, kz_min; capped at kz_max.
double kz_similarity(double z, double h, double ustar, double obukhov, double wstar, const KzOptions& opt);

/// Kz on every layer interface of the grid (interfaces 0 and nz are the ground and the top: Kz there is
/// not used and set to 0). Uses sensible heat flux when the met has it, else neutral stability. Fills kz
/// (nx, ny, nz+1; reshaped to zeros if it has another shape) on the columns of `columns`, in place.
void kz_from_similarity(const Grid& grid, const MetFields& met, const Array3& air_density_mol,
                        const KzOptions& opt, const ColumnBlock& columns, Array3& kz);
/// The whole grid's Kz.
inline Array3 kz_from_similarity(const Grid& grid, const MetFields& met, const Array3& air_density_mol,
                                 const KzOptions& opt) {
  Array3 kz;
  kz_from_similarity(grid, met, air_density_mol, opt, ColumnBlock::whole(grid), kz);
  return kz;
}

}  // namespace airshed
