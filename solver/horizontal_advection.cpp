// SPDX-License-Identifier: Apache-2.0
#include "solver/horizontal_advection.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
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

/// One PPM update of n cells of a line stored with unit stride; c points at cell 0 and c[-3..n+2] are
/// valid. u holds the n+1 face velocities (face f is the left face of cell f); r = dt/dx.
/// Returns the amount per unit area (in units of c times dx) that entered through the low and high faces.
inline void ppm_line(double* c, const double* u, int n, double r, LineWork& w, double& in_lo, double& in_hi) {
  for (int i = -2; i <= n + 1; ++i) w.d[i] = ppm::limited_slope(c[i - 1], c[i], c[i + 1]);
  for (int i = -1; i <= n + 1; ++i) w.e[i] = ppm::edge_value(c[i - 1], c[i], w.d[i - 1], w.d[i]);
  for (int i = -1; i <= n; ++i) {
    const ppm::Parabola p = ppm::monotone_parabola(c[i], w.e[i], w.e[i + 1]);
    w.pl[i] = p.left;
    w.pr[i] = p.right;
    w.pd[i] = p.delta;
    w.p6[i] = p.c6;
  }
  for (int f = 0; f <= n; ++f) {
    const double courant = u[f] * r;
    if (courant >= 0.0) {
      const ppm::Parabola p{w.pl[f - 1], w.pr[f - 1], w.pd[f - 1], w.p6[f - 1]};
      w.flux[f] = ppm::outflow_right(p, courant);
    } else {
      const ppm::Parabola p{w.pl[f], w.pr[f], w.pd[f], w.p6[f]};
      w.flux[f] = -ppm::outflow_left(p, -courant);
    }
  }
  for (int i = 0; i < n; ++i) c[i] += w.flux[i] - w.flux[i + 1];
  in_lo = w.flux[0];
  in_hi = -w.flux[n];
}

double outflow_courant_limit(const Array3& vel, int axis, double spacing, int& where_i, int& where_j,
                             int& where_k) {
  // Per cell: sum of the velocities that drain it through its two faces on this axis.
  double worst = 0.0;
  const int n0 = axis == 0 ? vel.n0 - 1 : vel.n0, n1 = axis == 1 ? vel.n1 - 1 : vel.n1;
  for (int k = 0; k < vel.n2; ++k)
    for (int j = 0; j < n1; ++j)
      for (int i = 0; i < n0; ++i) {
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
void check_face_courant(const Array3& vel, double r, const char* axis) {
  for (std::size_t n = 0; n < vel.data.size(); ++n)
    if (!(std::abs(vel.data[n]) * r <= 1.0 + 1e-12)) {
      const std::size_t plane = static_cast<std::size_t>(vel.n0) * vel.n1;
      const std::size_t k = n / plane, j = (n % plane) / vel.n0, i = n % vel.n0;
      throw InternalError(std::string("advection ") + axis + "-sweep: Courant number " +
                          std::to_string(std::abs(vel.data[n]) * r) + " > 1 on face (" + std::to_string(i) +
                          "," + std::to_string(j) + "," + std::to_string(k) + ")");
    }
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
  work_.resize(static_cast<std::size_t>(omp_get_max_threads()));
  for (auto& w : work_) w.assign(7 * len * lanes + 64, 0.0);
}

MaxTimestep HorizontalAdvection::max_sweep_x(const Array3& u) const {
  int i = 0, j = 0, k = 0;
  const double rate = outflow_courant_limit(u, 0, grid_.dx(), i, j, k);
  if (rate == 0.0) return {};
  return {courant_max_ / rate, "advection x-CFL at cell (" + std::to_string(i) + "," + std::to_string(j) +
                                   "," + std::to_string(k) + ")"};
}

MaxTimestep HorizontalAdvection::max_sweep_y(const Array3& v) const {
  int i = 0, j = 0, k = 0;
  const double rate = outflow_courant_limit(v, 1, grid_.dy(), i, j, k);
  if (rate == 0.0) return {};
  return {courant_max_ / rate, "advection y-CFL at cell (" + std::to_string(i) + "," + std::to_string(j) +
                                   "," + std::to_string(k) + ")"};
}

void HorizontalAdvection::sweep_x(State& state, const Array3& u, double dt, BoundaryExchange* exchange) {
  const int nx = grid_.nx(), ny = grid_.ny(), nz = grid_.nz();
  const std::size_t nf = state.n_fields();
  const double r = dt / grid_.dx();
  check_face_courant(u, r, "x");
  plane_in_lo_.assign(nf * nz, 0.0);
  plane_in_hi_.assign(nf * nz, 0.0);
  const std::size_t len = static_cast<std::size_t>(std::max(nx, ny)) + 2 * kHalo + 1;
#pragma omp parallel for collapse(2) schedule(static)
  for (std::size_t f = 0; f < nf; ++f)
    for (int k = 0; k < nz; ++k) {
      LineWork w(work_[static_cast<std::size_t>(omp_get_thread_num())].data(), len);
      Field3& c = state.field(f);
      double lo_sum = 0.0, hi_sum = 0.0;
      for (int j = 0; j < ny; ++j) {
        double lo, hi;
        ppm_line(c.row(j, k), u.ptr(0, j, k), nx, r, w, lo, hi);
        lo_sum += lo;
        hi_sum += hi;
      }
      plane_in_lo_[f * nz + k] = lo_sum;
      plane_in_hi_[f * nz + k] = hi_sum;
    }
  if (exchange) {
    for (std::size_t f = 0; f < nf; ++f)
      for (int k = 0; k < nz; ++k) {
        const double area = grid_.dx() * grid_.dy() * grid_.layers().thickness(k);
        exchange->west[f] += plane_in_lo_[f * nz + k] * area;
        exchange->east[f] += plane_in_hi_[f * nz + k] * area;
      }
  }
}

void HorizontalAdvection::sweep_y(State& state, const Array3& v, double dt, BoundaryExchange* exchange) {
  const int nx = grid_.nx(), ny = grid_.ny(), nz = grid_.nz();
  const std::size_t nf = state.n_fields();
  const double r = dt / grid_.dy();
  check_face_courant(v, r, "y");
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
      auto at = [&](double* arr, int j) { return arr + static_cast<std::ptrdiff_t>(j + kHalo) * nx; };
      double* d = base;
      double* e = d + stride * nx;
      double* pl = e + stride * nx;
      double* pr = pl + stride * nx;
      double* pd = pr + stride * nx;
      double* p6 = pd + stride * nx;
      double* flux = p6 + stride * nx;
      for (int j = -2; j <= ny + 1; ++j) {
        const double* cm = c.row(j - 1, k);
        const double* c0 = c.row(j, k);
        const double* cp = c.row(j + 1, k);
        double* dj = at(d, j);
        for (int i = 0; i < nx; ++i) dj[i] = ppm::limited_slope(cm[i], c0[i], cp[i]);
      }
      for (int j = -1; j <= ny + 1; ++j) {
        const double* cm = c.row(j - 1, k);
        const double* c0 = c.row(j, k);
        const double* dm = at(d, j - 1);
        const double* d0 = at(d, j);
        double* ej = at(e, j);
        for (int i = 0; i < nx; ++i) ej[i] = ppm::edge_value(cm[i], c0[i], dm[i], d0[i]);
      }
      for (int j = -1; j <= ny; ++j) {
        const double* c0 = c.row(j, k);
        const double* el = at(e, j);
        const double* er = at(e, j + 1);
        double *l = at(pl, j), *rr = at(pr, j), *dd = at(pd, j), *c6 = at(p6, j);
        for (int i = 0; i < nx; ++i) {
          const ppm::Parabola p = ppm::monotone_parabola(c0[i], el[i], er[i]);
          l[i] = p.left;
          rr[i] = p.right;
          dd[i] = p.delta;
          c6[i] = p.c6;
        }
      }
      for (int jf = 0; jf <= ny; ++jf) {
        const double* vel = v.ptr(0, jf, k);
        double* fl = at(flux, jf);
        const int lo = jf - 1, hi = jf;
        const double *l_lo = at(pl, lo), *r_lo = at(pr, lo), *d_lo = at(pd, lo), *c6_lo = at(p6, lo);
        const double *l_hi = at(pl, hi), *r_hi = at(pr, hi), *d_hi = at(pd, hi), *c6_hi = at(p6, hi);
        for (int i = 0; i < nx; ++i) {
          const double courant = vel[i] * r;
          fl[i] = courant >= 0.0 ? ppm::outflow_right({l_lo[i], r_lo[i], d_lo[i], c6_lo[i]}, courant)
                                 : -ppm::outflow_left({l_hi[i], r_hi[i], d_hi[i], c6_hi[i]}, -courant);
        }
      }
      for (int j = 0; j < ny; ++j) {
        double* cj = c.row(j, k);
        const double* fin = at(flux, j);
        const double* fout = at(flux, j + 1);
        for (int i = 0; i < nx; ++i) cj[i] += fin[i] - fout[i];
      }
      double lo_sum = 0.0, hi_sum = 0.0;
      const double* f0 = at(flux, 0);
      const double* fn = at(flux, ny);
      for (int i = 0; i < nx; ++i) {
        lo_sum += f0[i];
        hi_sum -= fn[i];
      }
      plane_in_lo_[f * nz + k] = lo_sum;
      plane_in_hi_[f * nz + k] = hi_sum;
    }
  if (exchange) {
    for (std::size_t f = 0; f < nf; ++f)
      for (int k = 0; k < nz; ++k) {
        const double area = grid_.dx() * grid_.dy() * grid_.layers().thickness(k);
        exchange->south[f] += plane_in_lo_[f * nz + k] * area;
        exchange->north[f] += plane_in_hi_[f * nz + k] * area;
      }
  }
}

}  // namespace airshed
