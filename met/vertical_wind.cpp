// SPDX-License-Identifier: Apache-2.0
#include "met/vertical_wind.hpp"

namespace airshed {

void continuity_vertical_wind(const Grid& grid, const Array3& u, const Array3& v, const Array3& rho,
                              const Array3& drho_dt, const ColumnBlock& columns, Array3& w) {
  const int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
  const double dx = grid.dx(), dy = grid.dy();
  if (w.n0 != nx || w.n1 != ny || w.n2 != nz + 1) w = Array3(nx, ny, nz + 1, 0.0);
  auto rho_x = [&](int f, int j, int k) {  // density on x-face f (between cells f-1 and f)
    if (f == 0) return rho(0, j, k);
    if (f == nx) return rho(nx - 1, j, k);
    return 0.5 * (rho(f - 1, j, k) + rho(f, j, k));
  };
  auto rho_y = [&](int i, int f, int k) {
    if (f == 0) return rho(i, 0, k);
    if (f == ny) return rho(i, ny - 1, k);
    return 0.5 * (rho(i, f - 1, k) + rho(i, f, k));
  };
  for (int j = columns.j0; j < columns.j1; ++j)
    for (int i = columns.i0; i < columns.i1; ++i) {
      double mass_flux = 0.0;  // rho*w at the lower interface, mol m-2 s-1; zero at the ground
      for (int k = 0; k < nz; ++k) {
        const double div = (rho_x(i + 1, j, k) * u(i + 1, j, k) - rho_x(i, j, k) * u(i, j, k)) / dx +
                           (rho_y(i, j + 1, k) * v(i, j + 1, k) - rho_y(i, j, k) * v(i, j, k)) / dy;
        mass_flux -= grid.layers().thickness(k) * (drho_dt(i, j, k) + div);
        const double rho_face = k + 1 < nz ? 0.5 * (rho(i, j, k) + rho(i, j, k + 1)) : rho(i, j, k);
        w(i, j, k + 1) = mass_flux / rho_face;
      }
    }
}

}  // namespace airshed
