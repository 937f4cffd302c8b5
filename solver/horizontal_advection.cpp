// SPDX-License-Identifier: Apache-2.0
#include "solver/horizontal_advection.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "core/error.hpp"
#include "solver/ppm_kernels.hpp"

namespace airshed {

namespace {

constexpr int kHalo = 3;  // PPM needs c[i-3..i+2] to build the flux on face i-1/2 from either side

/// Scratch layout for one line of n cells: slopes, edges and the parabola (L, R, Delta, c6) with kHalo
/// ghosts on each side, and n+1 face fluxes.
struct LineWork {
  double *d, *e, *pl, *pr, *pd, *p6, *flux;
  LineWork(double* base, std::size_t len)
      : d(base + kHalo),
        e(base + len + kHalo),
        pl(base + 2 * len + kHalo),
        pr(base + 3 * len + kHalo),
        pd(base + 4 * len + kHalo),
        p6(base + 5 * len + kHalo),
        flux(base + 6 * len + kHalo) {}
};

/// Two lanes of doubles (GCC/Clang vector extension; SSE2 or NEON registers). The limiter and the upwind flux
/// choice select between values that the scalar kernels compute on one branch only; under the default
/// -ftrapping-math GCC will not evaluate such branches speculatively, so those two loops stayed scalar and
/// took more than half of a sweep. Written for two cells at once, every candidate is computed in both lanes
/// and a vector conditional picks one, which compiles to blends. Each lane does exactly the scalar kernels'
/// operations in the same order (and -ffp-contract=off keeps them unfused), so the results are bit-identical
/// to ppm_kernels.hpp; tests/unit/solver/test_horizontal_advection.cpp checks that cell by cell.
using Lanes = double __attribute__((vector_size(2 * sizeof(double))));

inline Lanes load(const double* p) {
  Lanes v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(double* p, Lanes v) {
  std::memcpy(p, &v, sizeof v);
}

/// ppm::monotone_parabola for cells m = 0..count-1 with mean c[m] and unlimited edges left[m], right[m].
inline void parabolas(const double* c, const double* left, const double* right, double* pl, double* pr,
                      double* pd, double* p6, int count) {
  int m = 0;
  for (; m + 1 < count; m += 2) {
    const Lanes cm = load(c + m), l0 = load(left + m), r0 = load(right + m);
    const auto flat = (r0 - cm) * (cm - l0) <= 0.0;
    const Lanes d = r0 - l0;
    const Lanes c6 = 6.0 * (cm - 0.5 * (l0 + r0));
    const auto fix_left = d * c6 > d * d;
    const auto fix_right = -d * d > d * c6;
    Lanes l = fix_left ? 3.0 * cm - 2.0 * r0 : l0;
    Lanes r = fix_left ? r0 : (fix_right ? 3.0 * cm - 2.0 * l0 : r0);
    l = flat ? cm : l;
    r = flat ? cm : r;
    store(pl + m, l);
    store(pr + m, r);
    store(pd + m, r - l);
    store(p6 + m, 6.0 * (cm - 0.5 * (l + r)));
  }
  for (; m < count; ++m) {
    const ppm::Parabola p = ppm::monotone_parabola(c[m], left[m], right[m]);
    pl[m] = p.left;
    pr[m] = p.right;
    pd[m] = p.delta;
    p6[m] = p.c6;
  }
}

/// Flux through faces m = 0..count-1 with velocity vel[m] (r = dt / spacing): ppm::outflow_right of the low
/// cell's parabola (right edge lo_r, delta lo_d, c6 lo_6) for flow towards the high side, else minus
/// ppm::outflow_left of the high cell's (hi_l, hi_d, hi_6).
inline void face_fluxes(const double* vel, double r, const double* lo_r, const double* lo_d,
                        const double* lo_6, const double* hi_l, const double* hi_d, const double* hi_6,
                        double* flux, int count) {
  int m = 0;
  for (; m + 1 < count; m += 2) {
    const Lanes x = load(vel + m) * r, y = -x;
    const Lanes out_high =
        x * (load(lo_r + m) - 0.5 * x * (load(lo_d + m) - load(lo_6 + m) * (1.0 - (2.0 / 3.0) * x)));
    const Lanes out_low =
        y * (load(hi_l + m) + 0.5 * y * (load(hi_d + m) + load(hi_6 + m) * (1.0 - (2.0 / 3.0) * y)));
    store(flux + m, x >= 0.0 ? out_high : -out_low);
  }
  for (; m < count; ++m) {
    const double courant = vel[m] * r;
    flux[m] = courant >= 0.0 ? ppm::outflow_right({0.0, lo_r[m], lo_d[m], lo_6[m]}, courant)
                             : -ppm::outflow_left({hi_l[m], 0.0, hi_d[m], hi_6[m]}, -courant);
  }
}

/// One PPM update of n cells of a line stored with unit stride; c points at cell 0 and c[-3..n+2] are
/// valid. u holds the n+1 face velocities (face f is the left face of cell f); r = dt/dx.
/// Returns the amount per unit area (in units of c times dx) that entered through the low and high faces.
inline void ppm_line(double* c, const double* u, int n, double r, LineWork& w, double& in_lo, double& in_hi) {
  for (int i = -2; i <= n + 1; ++i) w.d[i] = ppm::limited_slope(c[i - 1], c[i], c[i + 1]);
  for (int i = -1; i <= n + 1; ++i) w.e[i] = ppm::edge_value(c[i - 1], c[i], w.d[i - 1], w.d[i]);
  parabolas(c - 1, w.e - 1, w.e, w.pl - 1, w.pr - 1, w.pd - 1, w.p6 - 1, n + 2);  // cells -1..n
  // Face f lies between cells f-1 (low) and f (high).
  face_fluxes(u, r, w.pr - 1, w.pd - 1, w.p6 - 1, w.pl, w.pd, w.p6, w.flux, n + 1);
  for (int i = 0; i < n; ++i) c[i] += w.flux[i] - w.flux[i + 1];
  in_lo = w.flux[0];
  in_hi = -w.flux[n];
}

double outflow_courant_limit(const Array3& vel, int axis, double spacing, const ColumnBlock& b, int& where_i,
                             int& where_j, int& where_k) {
  // Per owned cell: sum of the velocities that drain it through its two faces on this axis.
  double worst = 0.0;
  for (int k = 0; k < vel.n2; ++k)
    for (int j = b.j0; j < b.j1; ++j)
      for (int i = b.i0; i < b.i1; ++i) {
        const double lo = vel(i, j, k);
        const double hi = axis == 0 ? vel(i + 1, j, k) : vel(i, j + 1, k);
        const double drain = std::max(hi, 0.0) + std::max(-lo, 0.0);
        if (drain > worst) {
          worst = drain;
          where_i = i;
          where_j = j;
          where_k = k;
        }
      }
  return worst / spacing;  // s-1
}

/// Throws InternalError naming the first face whose Courant number |vel| dt / spacing (r = dt / spacing) is
/// above 1 or not a number: PPM's flux integrates only the upwind cell's parabola, so a longer sweep would
/// silently drop what lies beyond that cell. The 1e-12 slack admits the rounding of a sub-cycled dt / n
/// chosen for a Courant limit of exactly 1.
void check_face_courant(const Array3& vel, double r, const char* axis, const ColumnBlock& b) {
  const int ie = axis[0] == 'x' ? b.i1 + 1 : b.i1, je = axis[0] == 'y' ? b.j1 + 1 : b.j1;
  for (int k = 0; k < vel.n2; ++k)
    for (int j = b.j0; j < je; ++j)
      for (int i = b.i0; i < ie; ++i)
        if (!(std::abs(vel(i, j, k)) * r <= 1.0 + 1e-12))
          throw InternalError(std::string("advection ") + axis + "-sweep: Courant number " +
                              std::to_string(std::abs(vel(i, j, k)) * r) + " > 1 on face (" +
                              std::to_string(i) + "," + std::to_string(j) + "," + std::to_string(k) + ")");
}

}  // namespace

HorizontalAdvection::HorizontalAdvection(const Grid& grid, double courant_max)
    : grid_(grid), courant_max_(courant_max) {
  if (grid.halo() < kHalo)
    throw InternalError("PPM advection needs a halo of at least 3 cells, the grid has " +
                        std::to_string(grid.halo()));
  if (!(courant_max > 0.0 && courant_max <= 1.0))
    throw std::invalid_argument("advection Courant limit must be in (0, 1]");
  const std::size_t len = static_cast<std::size_t>(std::max(grid.nx(), grid.ny())) + 2 * kHalo + 1;
  const std::size_t lanes = static_cast<std::size_t>(std::max(grid.nx(), 1));
  work_size_ = 7 * len * lanes + 64;
  ensure_scratch();
}

void HorizontalAdvection::ensure_scratch() {
  // One buffer per OpenMP thread; grown (outside the loops) if the thread count rose since construction.
  const auto threads = static_cast<std::size_t>(omp_get_max_threads());
  while (work_.size() < threads) work_.emplace_back(work_size_, 0.0);
}

MaxTimestep HorizontalAdvection::max_sweep_x(const Array3& u, const ColumnBlock& block) const {
  int i = 0, j = 0, k = 0;
  const double rate = outflow_courant_limit(u, 0, grid_.dx(), block, i, j, k);
  if (rate == 0.0) return {};
  return {courant_max_ / rate, "advection x-CFL at cell (" + std::to_string(i) + "," + std::to_string(j) +
                                   "," + std::to_string(k) + ")"};
}

MaxTimestep HorizontalAdvection::max_sweep_y(const Array3& v, const ColumnBlock& block) const {
  int i = 0, j = 0, k = 0;
  const double rate = outflow_courant_limit(v, 1, grid_.dy(), block, i, j, k);
  if (rate == 0.0) return {};
  return {courant_max_ / rate, "advection y-CFL at cell (" + std::to_string(i) + "," + std::to_string(j) +
                                   "," + std::to_string(k) + ")"};
}

void HorizontalAdvection::add_exchange(std::vector<double>& low_side, std::vector<double>& high_side) const {
  // Planes were summed independently; add them in (field, layer) order so the total is thread-independent.
  const int nz = grid_.nz();
  for (std::size_t f = 0; f < low_side.size(); ++f)
    for (int k = 0; k < nz; ++k) {
      const double area = grid_.dx() * grid_.dy() * grid_.layers().thickness(k);
      low_side[f] += plane_in_lo_[f * nz + k] * area;
      high_side[f] += plane_in_hi_[f * nz + k] * area;
    }
}

void HorizontalAdvection::sweep_x(State& state, const Array3& u, double dt, BoundaryExchange* exchange) {
  const ColumnBlock& b = state.block();
  const int nx = grid_.nx(), ny = grid_.ny(), nz = grid_.nz(), n = b.nx();
  const std::size_t nf = state.n_fields();
  const double r = dt / grid_.dx();
  check_face_courant(u, r, "x", b);
  // Only the domain's own edges exchange with the outside; the faces between blocks telescope.
  const bool west = b.west_edge(), east = b.east_edge(grid_);
  ensure_scratch();
  plane_in_lo_.assign(nf * nz, 0.0);
  plane_in_hi_.assign(nf * nz, 0.0);
  const std::size_t len = static_cast<std::size_t>(std::max(nx, ny)) + 2 * kHalo + 1;
#pragma omp parallel for collapse(2) schedule(static)
  for (std::size_t f = 0; f < nf; ++f)
    for (int k = 0; k < nz; ++k) {
      LineWork w(work_[static_cast<std::size_t>(omp_get_thread_num())].data(), len);
      Field3& c = state.field(f);
      double lo_sum = 0.0, hi_sum = 0.0;
      for (int j = b.j0; j < b.j1; ++j) {
        double lo, hi;
        ppm_line(c.at(b.i0, j, k), u.ptr(b.i0, j, k), n, r, w, lo, hi);
        if (west) lo_sum += lo;
        if (east) hi_sum += hi;
      }
      plane_in_lo_[f * nz + k] = lo_sum;
      plane_in_hi_[f * nz + k] = hi_sum;
    }
  if (exchange) add_exchange(exchange->west, exchange->east);
}

void HorizontalAdvection::sweep_y(State& state, const Array3& v, double dt, BoundaryExchange* exchange) {
  const ColumnBlock& b = state.block();
  const int ny = grid_.ny(), nz = grid_.nz(), nx = b.nx(), j0 = b.j0, j1 = b.j1, i0 = b.i0;
  const std::size_t nf = state.n_fields();
  const double r = dt / grid_.dy();
  check_face_courant(v, r, "y", b);
  const bool south = b.south_edge(), north = b.north_edge(grid_);
  ensure_scratch();
  plane_in_lo_.assign(nf * nz, 0.0);
  plane_in_hi_.assign(nf * nz, 0.0);
  const std::size_t stride = static_cast<std::size_t>(ny) + 2 * kHalo + 1;  // one column's scratch length
#pragma omp parallel for collapse(2) schedule(static)
  for (std::size_t f = 0; f < nf; ++f)
    for (int k = 0; k < nz; ++k) {
      double* base = work_[static_cast<std::size_t>(omp_get_thread_num())].data();
      Field3& c = state.field(f);
      // Plane version of ppm_line: the passes run over j with the x index innermost (unit stride), so the
      // loops vectorise across columns instead of gathering strided columns.
      // Scratch rows are numbered from the block's first row; nx here is the block's width.
      auto at = [&](double* arr, int j) { return arr + static_cast<std::ptrdiff_t>(j - j0 + kHalo) * nx; };
      double* d = base;
      double* e = d + stride * nx;
      double* pl = e + stride * nx;
      double* pr = pl + stride * nx;
      double* pd = pr + stride * nx;
      double* p6 = pd + stride * nx;
      double* flux = p6 + stride * nx;
      for (int j = j0 - 2; j <= j1 + 1; ++j) {
        const double* cm = c.at(i0, j - 1, k);
        const double* c0 = c.at(i0, j, k);
        const double* cp = c.at(i0, j + 1, k);
        double* dj = at(d, j);
        for (int i = 0; i < nx; ++i) dj[i] = ppm::limited_slope(cm[i], c0[i], cp[i]);
      }
      for (int j = j0 - 1; j <= j1 + 1; ++j) {
        const double* cm = c.at(i0, j - 1, k);
        const double* c0 = c.at(i0, j, k);
        const double* dm = at(d, j - 1);
        const double* d0 = at(d, j);
        double* ej = at(e, j);
        for (int i = 0; i < nx; ++i) ej[i] = ppm::edge_value(cm[i], c0[i], dm[i], d0[i]);
      }
      for (int j = j0 - 1; j <= j1; ++j)
        parabolas(c.at(i0, j, k), at(e, j), at(e, j + 1), at(pl, j), at(pr, j), at(pd, j), at(p6, j), nx);
      for (int jf = j0; jf <= j1; ++jf)  // face row jf lies between rows jf-1 (low) and jf (high)
        face_fluxes(v.ptr(i0, jf, k), r, at(pr, jf - 1), at(pd, jf - 1), at(p6, jf - 1), at(pl, jf),
                    at(pd, jf), at(p6, jf), at(flux, jf), nx);
      for (int j = j0; j < j1; ++j) {
        double* cj = c.at(i0, j, k);
        const double* fin = at(flux, j);
        const double* fout = at(flux, j + 1);
        for (int i = 0; i < nx; ++i) cj[i] += fin[i] - fout[i];
      }
      double lo_sum = 0.0, hi_sum = 0.0;
      const double* f0 = at(flux, j0);
      const double* fn = at(flux, j1);
      for (int i = 0; i < nx; ++i) {
        if (south) lo_sum += f0[i];
        if (north) hi_sum -= fn[i];
      }
      plane_in_lo_[f * nz + k] = lo_sum;
      plane_in_hi_[f * nz + k] = hi_sum;
    }
  if (exchange) add_exchange(exchange->south, exchange->north);
}

}  // namespace airshed
