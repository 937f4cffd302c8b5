// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "core/array.hpp"
#include "core/column_block.hpp"
#include "core/grid.hpp"

namespace airshed {

/// Vertical velocity on layer interfaces diagnosed from the continuity equation for air,
///   d(rho)/dt + d(rho u)/dx + d(rho v)/dy + d(rho w)/dz = 0,
/// integrated upward from w = 0 at the ground, layer by layer in flux form with face densities the mean of
/// the two adjacent cells (the cell's own density at the lateral boundary). This is CMAQ's approach
/// (Byun 1999, J. Atmos. Sci. 56, 3789) to make the vertical flux consistent with the horizontal winds,
/// so the air density carried by the transport stays close to the met density. The residual at the top
/// interface is a real flux through the model top.
/// u: (nx+1, ny, nz), v: (nx, ny+1, nz), rho and drho_dt: (nx, ny, nz). Fills w (nx, ny, nz+1; reshaped to
/// zeros if it has another shape) on the columns of `columns`, in place, so the time loop allocates nothing
/// per step; rho is read one column beyond them.
void continuity_vertical_wind(const Grid& grid, const Array3& u, const Array3& v, const Array3& rho,
                              const Array3& drho_dt, const ColumnBlock& columns, Array3& w);
/// The whole grid's w.
inline Array3 continuity_vertical_wind(const Grid& grid, const Array3& u, const Array3& v, const Array3& rho,
                                       const Array3& drho_dt) {
  Array3 w;
  continuity_vertical_wind(grid, u, v, rho, drho_dt, ColumnBlock::whole(grid), w);
  return w;
}

}  // namespace airshed
