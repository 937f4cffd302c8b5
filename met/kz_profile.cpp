// SPDX-License-Identifier: Apache-2.0
#include "met/kz_profile.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/constants.hpp"

namespace airshed {

double phi_heat(double zl) {
  return zl >= 0.0 ? 1.0 + 5.0 * zl : 1.0 / std::sqrt(1.0 - 15.0 * zl);
}
double phi_momentum(double zl) {
  return zl >= 0.0 ? 1.0 + 5.0 * zl : std::pow(1.0 - 15.0 * zl, -0.25);
}

double obukhov_length(double ustar, double temperature, double rho_kg, double heat_flux) {
  using namespace constants;
  if (heat_flux == 0.0) return std::numeric_limits<double>::infinity();
  const double u3 = std::max(ustar, 1e-3) * std::max(ustar, 1e-3) * std::max(ustar, 1e-3);
  return -u3 * temperature * rho_kg * cp_dry_air / (von_karman * gravity * heat_flux);
}

double kz_similarity(double z, double h, double ustar, double obukhov, double wstar, const KzOptions& opt) {
  using constants::von_karman;
  if (!(z < h) || h <= 0.0) return opt.kz_min;
  constexpr double eps = 0.1;  // surface-layer fraction of the PBL (HB93)
  const double shape = z * (1.0 - z / h) * (1.0 - z / h);
  double wt;
  if (obukhov > 0.0 || z < eps * h || wstar <= 0.0) {
    wt = ustar / phi_heat(z / obukhov);
  } else {
    const double wm = std::cbrt(ustar * ustar * ustar + 7.0 * eps * von_karman * wstar * wstar * wstar);
    const double zl = eps * h / obukhov;
    const double prandtl = phi_heat(zl) / phi_momentum(zl) + 7.2 * von_karman * eps * wstar / wm;
    wt = wm / prandtl;
  }
  return std::clamp(von_karman * wt * shape, opt.kz_min, opt.kz_max);
}

void kz_from_similarity(const Grid& grid, const MetFields& met, const Array3& rho_mol, const KzOptions& opt,
                        const ColumnBlock& columns, Array3& kz) {
  using namespace constants;
  const int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
  if (kz.n0 != nx || kz.n1 != ny || kz.n2 != nz + 1) kz = Array3(nx, ny, nz + 1, 0.0);
  const bool has_heat = !met.sensible_heat_flux.empty();
  for (int j = columns.j0; j < columns.j1; ++j)
    for (int i = columns.i0; i < columns.i1; ++i) {
      const double t0 = met.temperature(i, j, 0);
      const double rho_kg = rho_mol(i, j, 0) * molar_mass_dry_air;
      const double h = met.pbl_height(i, j), ustar = std::max(met.friction_velocity(i, j), 0.01);
      const double heat = has_heat ? met.sensible_heat_flux(i, j) : 0.0;
      const double l = obukhov_length(ustar, t0, rho_kg, heat);
      const double wstar = heat > 0.0 ? std::cbrt(gravity / t0 * heat / (rho_kg * cp_dry_air) * h) : 0.0;
      for (int k = 1; k < nz; ++k)
        kz(i, j, k) = kz_similarity(grid.layers().interface(k), h, ustar, l, wstar, opt);
    }
}

}  // namespace airshed
