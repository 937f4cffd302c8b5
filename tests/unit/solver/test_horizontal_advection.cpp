// SPDX-License-Identifier: Apache-2.0
// The PPM sweeps' contract (solver/horizontal_advection.hpp) apart from accuracy, which tests/verification
// covers: the step limit from the drained Courant number, the refusal of a face Courant number above 1, the
// boundary exchange it reports, and positivity in divergent flow.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <vector>

#include "core/error.hpp"
#include "solver/horizontal_advection.hpp"
#include "solver/lateral_boundary.hpp"
#include "solver/ppm_kernels.hpp"

namespace airshed {
namespace {

SpeciesList one_species() {
  SpeciesList s(1);
  s[0].name = "CO";
  return s;
}

Grid line_grid(int nx, int ny = 1) {
  return Grid(nx, ny, 100.0, 50.0, 0.0, 0.0, VerticalLayers({0.0, 10.0, 30.0}), Projection{}, 3);
}

// A cell that loses air through both faces (u < 0 on its west face, u > 0 on its east face) is drained by the
// sum; the limit is courant_max * dx / (sum of the draining speeds) and names the cell.
TEST(HorizontalAdvection, MaxSweepIsSetByTheMostDrainedCell) {
  const Grid g = line_grid(5, 2);
  HorizontalAdvection adv(g, 0.8);
  Array3 u(6, 2, 2, 1.0);
  u(2, 1, 1) = -2.0;  // cell (2,1,1) drains through both faces: 2 + 3 m s-1
  u(3, 1, 1) = 3.0;
  const MaxTimestep m = adv.max_sweep_x(u);
  EXPECT_DOUBLE_EQ(m.seconds, 0.8 * 100.0 / 5.0);
  EXPECT_NE(m.reason.find("(2,1,1)"), std::string::npos) << m.reason;
  Array3 v(5, 3, 2, -0.5);
  EXPECT_DOUBLE_EQ(adv.max_sweep_y(v).seconds, 0.8 * 50.0 / 0.5);
  EXPECT_TRUE(std::isinf(adv.max_sweep_x(Array3(6, 2, 2, 0.0)).seconds));
}

// The interface promises an InternalError when a face Courant number exceeds 1: PPM's flux integrates the
// upwind cell's parabola only, so a longer sweep would silently lose what lies beyond that cell.
TEST(HorizontalAdvection, RefusesAFaceCourantNumberAboveOne) {
  const Grid g = line_grid(8, 3);
  State state(g, one_species());
  LateralBoundary b(state, BoundaryKind::open, BoundaryKind::open);
  HorizontalAdvection adv(g, 1.0);
  Array3 u(9, 3, 2, 1.0), v(8, 4, 2, 1.0), rho(8, 3, 2, 1.0);
  u(4, 2, 1) = -10.1;  // 10.1 m s-1 * 10 s / 100 m = 1.01
  v(3, 2, 0) = 5.05;   // 5.05 m s-1 * 10 s / 50 m = 1.01
  b.fill_x(state, u, rho);
  EXPECT_THROW(adv.sweep_x(state, u, 10.0, nullptr), InternalError);
  b.fill_y(state, v, rho);
  EXPECT_THROW(adv.sweep_y(state, v, 10.0, nullptr), InternalError);
  u(4, 2, 1) = -10.0;  // exactly 1 is allowed
  v(3, 2, 0) = 5.0;
  EXPECT_NO_THROW(adv.sweep_x(state, u, 10.0, nullptr));
  EXPECT_NO_THROW(adv.sweep_y(state, v, 10.0, nullptr));
}

// Uniform interior value c, inflow ghost value q rho at the west, outflow at the east, uniform u: in one
// sweep u dt dy dz q rho enters through the west face and u dt dy dz c leaves through the east face of each
// row.
TEST(HorizontalAdvection, ReportsTheBoundaryExchange) {
  const Grid g = line_grid(10, 2);
  State state(g, one_species());
  for (int k = 0; k < 2; ++k)
    for (int j = 0; j < 2; ++j)
      for (int i = 0; i < 10; ++i) {
        state.air()(i, j, k) = 1.0;
        state.species_field(0)(i, j, k) = 3.0;
      }
  LateralBoundary b(state, BoundaryKind::open, BoundaryKind::open);
  b.profile(1) = {0.5, 0.5};
  HorizontalAdvection adv(g, 1.0);
  const Array3 u(11, 2, 2, 4.0), rho(10, 2, 2, 2.0);
  BoundaryExchange ex;
  ex.resize(state.n_fields());
  b.fill_x(state, u, rho);
  adv.sweep_x(state, u, 5.0, &ex);
  const double face_volume = 4.0 * 5.0 * 50.0 * (10.0 + 20.0) * 2;  // u dt dy (dz0 + dz1), two rows
  EXPECT_NEAR(ex.west[1], face_volume * 0.5 * 2.0, 1e-12 * face_volume);
  EXPECT_NEAR(ex.east[1], -face_volume * 3.0, 1e-12 * face_volume);
  EXPECT_NEAR(ex.west[0], face_volume * 2.0, 1e-12 * face_volume);  // air: ghost 1 * rho
  EXPECT_EQ(ex.south[1], 0.0);
}

// Random non-negative data in a random divergent flow with every cell's drained Courant number <= 1 stays
// non-negative (the flux out of a cell never exceeds what the cell holds).
TEST(HorizontalAdvection, PositiveInDivergentFlow) {
  const Grid g = line_grid(40, 3);
  State state(g, one_species());
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> value(0.0, 1.0), speed(-1.0, 1.0);
  for (int k = 0; k < 2; ++k)
    for (int j = 0; j < 3; ++j)
      for (int i = 0; i < 40; ++i)
        state.species_field(0)(i, j, k) = value(rng) < 0.3 ? 0.0 : value(rng) * 1e3;
  LateralBoundary b(state, BoundaryKind::open, BoundaryKind::open);
  HorizontalAdvection adv(g, 1.0);
  Array3 u(41, 3, 2), rho(40, 3, 2, 1.0);
  for (double& x : u.data) x = speed(rng);
  const double dt = adv.max_sweep_x(u).seconds;
  for (int n = 0; n < 20; ++n) {
    b.fill_x(state, u, rho);
    adv.sweep_x(state, u, dt, nullptr);
  }
  double lowest = 0.0;
  for (int k = 0; k < 2; ++k)
    for (int j = 0; j < 3; ++j)
      for (int i = 0; i < 40; ++i) lowest = std::min(lowest, state.species_field(0)(i, j, k));
  EXPECT_GE(lowest, -1e-12);
}

/// One PPM update of a line written directly from the pointwise kernels of solver/ppm_kernels.hpp (CW84 eqs.
/// 1.6-1.12), cell by cell: the reference the optimised sweeps must reproduce bit for bit. `get(i)` reads
/// cell i in [-3, n+3), `u[f]` is the velocity on the left face of cell f.
template <class Get>
std::vector<double> reference_line(Get get, const std::vector<double>& u, int n, double r) {
  auto parabola = [&](int i) {
    const double d0 = ppm::limited_slope(get(i - 2), get(i - 1), get(i));
    const double d1 = ppm::limited_slope(get(i - 1), get(i), get(i + 1));
    const double d2 = ppm::limited_slope(get(i), get(i + 1), get(i + 2));
    return ppm::monotone_parabola(get(i), ppm::edge_value(get(i - 1), get(i), d0, d1),
                                  ppm::edge_value(get(i), get(i + 1), d1, d2));
  };
  std::vector<double> flux(n + 1), out(n);
  for (int f = 0; f <= n; ++f) {
    const double courant = u[f] * r;
    flux[f] = courant >= 0.0 ? ppm::outflow_right(parabola(f - 1), courant)
                             : -ppm::outflow_left(parabola(f), -courant);
  }
  for (int i = 0; i < n; ++i) out[i] = get(i) + (flux[i] - flux[i + 1]);
  return out;
}

// Random data with plateaus, jumps and extrema (every limiter branch) in a wind of both signs: each sweep
// must equal the cell-by-cell reference exactly, whatever the vectorisation of the passes.
TEST(HorizontalAdvection, SweepsEqualTheCellByCellReferenceBitForBit) {
  const int nx = 37, ny = 29;  // odd sizes leave remainders after any vector width
  const Grid g(nx, ny, 100.0, 80.0, 0.0, 0.0, VerticalLayers({0.0, 10.0, 30.0}), Projection{}, 3);
  State state(g, one_species());
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> value(0.0, 1.0), speed(-1.0, 1.0);
  for (std::size_t f = 0; f < 2; ++f)
    for (int k = 0; k < 2; ++k)
      for (int j = -3; j < ny + 3; ++j)
        for (int i = -3; i < nx + 3; ++i) {
          const double x = value(rng);
          state.field(f)(i, j, k) = x < 0.2 ? 0.0 : (x < 0.3 ? 1.0 : value(rng));
        }
  Array3 u(nx + 1, ny, 2), v(nx, ny + 1, 2);
  for (double& x : u.data) x = speed(rng) * (value(rng) < 0.1 ? 0.0 : 1.0);
  for (double& x : v.data) x = speed(rng);
  HorizontalAdvection adv(g, 1.0);
  const double dt = 40.0;  // |Courant| <= 0.4 in x, 0.5 in y

  State before = state;
  adv.sweep_x(state, u, dt, nullptr);
  for (std::size_t f = 0; f < 2; ++f)
    for (int k = 0; k < 2; ++k)
      for (int j = 0; j < ny; ++j) {
        std::vector<double> line_u(u.ptr(0, j, k), u.ptr(0, j, k) + nx + 1);
        const std::vector<double> expected =
            reference_line([&](int i) { return before.field(f)(i, j, k); }, line_u, nx, dt / g.dx());
        ASSERT_EQ(std::memcmp(expected.data(), &state.field(f)(0, j, k), nx * sizeof(double)), 0)
            << "x-sweep, field " << f << " row " << j << " layer " << k;
      }

  before = state;
  adv.sweep_y(state, v, dt, nullptr);
  for (std::size_t f = 0; f < 2; ++f)
    for (int k = 0; k < 2; ++k)
      for (int i = 0; i < nx; ++i) {
        std::vector<double> line_v(ny + 1);
        for (int jf = 0; jf <= ny; ++jf) line_v[jf] = v(i, jf, k);
        const std::vector<double> expected =
            reference_line([&](int j) { return before.field(f)(i, j, k); }, line_v, ny, dt / g.dy());
        for (int j = 0; j < ny; ++j)
          ASSERT_EQ(std::memcmp(&expected[j], &state.field(f)(i, j, k), sizeof(double)), 0)
              << "y-sweep, field " << f << " column " << i << " row " << j << " layer " << k;
      }
}

}  // namespace
}  // namespace airshed
