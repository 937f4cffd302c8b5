// SPDX-License-Identifier: Apache-2.0
// The Rosenbrock time loop in the form of KPP's int/rosenbrock.f90 (Sandu et al. 1997, Atmos. Environ. 31,
// 3459; Hairer & Wanner, Solving ODEs II, IV.7), for an autonomous system (k_eff constant over a solve), on a
// block of cells with the cell index innermost. Equation numbers (R1)-(R6) refer to the comment in
// integrate().
#include "chemistry/rosenbrock.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace airshed::chem {

namespace detail {

namespace {

// Ros3: L-stable, order 3 with an embedded order-2 estimate (Sandu et al. 1997, Table 2; KPP Ros3).
RosenbrockTableau make_ros3() {
  RosenbrockTableau t;
  t.stages = 3;
  t.elo = 3.0;
  t.gamma = 0.43586652150845900;
  const double a[] = {1.0, 1.0, 0.0};
  const double c[] = {-1.0156171083877702, 4.0759956452537700, 9.2076794298330791};
  const double m[] = {1.0, 6.1697947043828246, -0.42772256543218573};
  const double e[] = {0.5, -2.9079558716805470, 0.22354069897811570};
  const bool f[] = {true, true, false};
  std::copy(a, a + 3, t.a);
  std::copy(c, c + 3, t.c);
  std::copy(m, m + 3, t.m);
  std::copy(e, e + 3, t.e);
  std::copy(f, f + 3, t.new_f);
  return t;
}

// Rodas3: stiffly accurate, order 3 with an embedded order-2 estimate (Sandu et al. 1997; KPP Rodas3).
RosenbrockTableau make_rodas3() {
  RosenbrockTableau t;
  t.stages = 4;
  t.elo = 3.0;
  t.gamma = 0.5;
  const double a[] = {0.0, 2.0, 0.0, 2.0, 0.0, 1.0};
  const double c[] = {4.0, 1.0, -1.0, 1.0, -1.0, -8.0 / 3.0};
  const double m[] = {2.0, 0.0, 1.0, 1.0};
  const double e[] = {0.0, 0.0, 0.0, 1.0};
  const bool f[] = {true, false, true, true};
  std::copy(a, a + 6, t.a);
  std::copy(c, c + 6, t.c);
  std::copy(m, m + 4, t.m);
  std::copy(e, e + 4, t.e);
  std::copy(f, f + 4, t.new_f);
  return t;
}

constexpr int kMaxStages = 4;
constexpr int kMaxConsecutiveSingular = 5;  // KPP ros_PrepareMatrix
constexpr double kRejectionFactor = 0.1;    // KPP FacRej, after two consecutive rejections
constexpr double kErrorMin = 1e-10;         // KPP ros_ErrorNorm floor
constexpr double kRoundoff = std::numeric_limits<double>::epsilon();

// x = y + sum_j coef_j K_j over the stages j < i with a nonzero coefficient.
void combine(const double* y, const double* coef, const double* k, int count, std::size_t nw, double* x) {
  std::copy(y, y + nw, x);
  for (int j = 0; j < count; ++j) {
    if (coef[j] == 0.0) continue;
    const double a = coef[j];
    const double* __restrict kj = k + j * nw;
    double* __restrict xv = x;
    for (std::size_t v = 0; v < nw; ++v) xv[v] += a * kj[v];
  }
}

// Clip negatives at the end of a solve; returns the largest clipped magnitude.
double clip(double* y, std::size_t nw) {
  double largest = 0.0;
  for (std::size_t v = 0; v < nw; ++v)
    if (y[v] < 0.0) {
      largest = std::max(largest, -y[v]);
      y[v] = 0.0;
    }
  return largest;
}

}  // namespace

const RosenbrockTableau& tableau(RosenbrockOptions::Method method) {
  static const RosenbrockTableau ros3 = make_ros3(), rodas3 = make_rodas3();
  return method == RosenbrockOptions::Method::rodas3 ? rodas3 : ros3;
}

std::size_t rosenbrock_workspace(const KineticSystem& system, int width) {
  const std::size_t n = static_cast<std::size_t>(system.n_solved());
  // K_1..K_s, Ynew, Yerr, f(Y), f(stage), J
  return ((kMaxStages + 4) * n + static_cast<std::size_t>(system.pattern().n_values())) * width;
}

RosenbrockStats integrate(const KineticSystem& system, const RosenbrockOptions& options,
                          RosenbrockLinearSolver& linear, double* work, double* y, const double* k_eff,
                          int width, double dt) {
  // For stage i = 1..s (KPP rosenbrock.f90, ros_Rosenbrock; autonomous, so no df/dt term):
  //   (R1) G = I/(h gamma) - J(Y_n)                                    (ros_PrepareMatrix)
  //   (R2) G K_i = f(Y_n + sum_{j<i} a_ij K_j) + sum_{j<i} (c_ij/h) K_j   (f re-used when !new_f(i))
  //   (R3) Y_{n+1} = Y_n + sum_i m_i K_i,  Err = sum_i e_i K_i
  //   (R4) err = max(1e-10, sqrt(1/N sum (Err / (atol + rtol max(|Y_n|, |Y_{n+1}|)))^2)),
  //        N = species x cells of the block                           (ros_ErrorNorm)
  //   (R5) h_new = h min(fac_max, max(fac_min, safety / err^(1/elo)))
  //   (R6) accept if err <= 1 (or h <= h_min); no growth right after a rejection; h_new = 0.1 h after two
  //        consecutive rejections; a singular G halves h, up to 5 consecutive times.
  const RosenbrockTableau& tab = tableau(options.method);
  const std::size_t nw = static_cast<std::size_t>(system.n_solved()) * width;
  double* k = work;
  double* ynew = k + kMaxStages * nw;
  double* yerr = ynew + nw;
  double* f0 = yerr + nw;
  double* fs = f0 + nw;
  double* jac = fs + nw;

  RosenbrockStats stats;
  const auto finish = [&](bool ok) {
    stats.ok = ok;
    if (options.clip_negatives) stats.max_clipped = clip(y, nw);
    return stats;
  };
  if (!(dt > 0.0) || nw == 0) return finish(true);

  const double h_max = dt;
  double h = std::min(std::max(std::abs(options.h_min), std::abs(options.h_start)), h_max);
  if (h <= 10.0 * kRoundoff) h = std::min(1e-5, dt);  // KPP DeltaMin
  double t = 0.0;
  bool reject_last = false, reject_more = false;

  while (t < dt) {
    if (stats.steps >= options.max_steps || t + 0.1 * h == t || h <= kRoundoff) return finish(false);
    system.forcing(y, k_eff, width, f0);
    system.jacobian(y, k_eff, width, jac);
    for (;;) {  // until the step is accepted
      bool last = t + h >= dt;
      if (last) h = dt - t;  // end exactly at dt

      // (R1), with KPP's halving of h while G is singular.
      int singular = 0;
      while (!linear.factor(jac, 1.0 / (h * tab.gamma), width)) {
        ++stats.singular;
        if (++singular > kMaxConsecutiveSingular) return finish(false);
        h *= 0.5;
        last = false;
      }

      // (R2)
      const double* f_stage = f0;
      for (int i = 0; i < tab.stages; ++i) {
        const int row = i * (i - 1) / 2;  // first coefficient of row i + 1 in a and c
        double* ki = k + i * nw;
        if (i > 0 && tab.new_f[i]) {
          combine(y, tab.a + row, k, i, nw, ynew);
          system.forcing(ynew, k_eff, width, fs);
          f_stage = fs;
        }
        std::copy(f_stage, f_stage + nw, ki);
        for (int j = 0; j < i; ++j) {
          const double hc = tab.c[row + j] / h;
          const double* __restrict kj = k + j * nw;
          double* __restrict kv = ki;
          for (std::size_t v = 0; v < nw; ++v) kv[v] += hc * kj[v];
        }
        linear.solve(ki, width);
      }

      // (R3)
      combine(y, tab.m, k, tab.stages, nw, ynew);
      std::fill(yerr, yerr + nw, 0.0);
      for (int j = 0; j < tab.stages; ++j) {
        if (tab.e[j] == 0.0) continue;
        const double e = tab.e[j];
        const double* __restrict kj = k + j * nw;
        for (std::size_t v = 0; v < nw; ++v) yerr[v] += e * kj[v];
      }

      // (R4): one norm over the whole block (every species of every cell).
      double sum = 0.0;
      for (std::size_t v = 0; v < nw; ++v) {
        const double scale = options.atol + options.rtol * std::max(std::abs(y[v]), std::abs(ynew[v]));
        const double r = yerr[v] / scale;
        sum += r * r;
      }
      double err = std::max(kErrorMin, std::sqrt(sum / static_cast<double>(nw)));
      const bool finite = std::isfinite(err);
      if (!finite) err = std::numeric_limits<double>::max();

      // (R5), (R6)
      double h_new = h * std::min(options.fac_max,
                                  std::max(options.fac_min, options.safety / std::pow(err, 1.0 / tab.elo)));
      ++stats.steps;
      if (finite && (err <= 1.0 || h <= options.h_min)) {
        ++stats.accepted;
        std::copy(ynew, ynew + nw, y);
        t = last ? dt : t + h;
        h_new = std::max(options.h_min, std::min(h_new, h_max));
        if (reject_last) h_new = std::min(h_new, h);
        reject_last = reject_more = false;
        h = h_new;
        stats.last_h = h;
        break;
      }
      if (reject_more) h_new = h * kRejectionFactor;
      reject_more = reject_last;
      reject_last = true;
      h = h_new;
      ++stats.rejected;
      if (stats.steps >= options.max_steps || t + 0.1 * h == t || h <= kRoundoff) return finish(false);
    }
  }
  return finish(true);
}

}  // namespace detail

namespace {

// G = I/(h gamma) - J on the mechanism's sparse pattern, factored in place for the whole block.
class SparseLinearSolver final : public detail::RosenbrockLinearSolver {
 public:
  SparseLinearSolver(const SparsePattern& pattern, double* lu) : pattern_(pattern), lu_(lu) {}

  bool factor(const double* jac, double inv_h_gamma, int width) override {
    const std::size_t w = static_cast<std::size_t>(width);
    const std::size_t nv = static_cast<std::size_t>(pattern_.n_values()) * w;
    for (std::size_t v = 0; v < nv; ++v) lu_[v] = -jac[v];
    for (int i = 0; i < pattern_.n(); ++i) {
      double* d = lu_ + pattern_.diagonal(i) * w;
      for (int c = 0; c < width; ++c) d[c] += inv_h_gamma;
    }
    return pattern_.factor(lu_, width);
  }
  void solve(double* b, int width) override { pattern_.solve(lu_, b, width); }

 private:
  const SparsePattern& pattern_;
  double* lu_;
};

}  // namespace

RosenbrockSolver::RosenbrockSolver(const KineticSystem& system, RosenbrockOptions options, int max_width)
    : system_(system), options_(options), max_width_(max_width) {
  if (max_width < 1) throw std::invalid_argument("RosenbrockSolver: max_width must be at least 1");
  if (!(options_.rtol > 0.0) || !(options_.atol > 0.0))
    throw std::invalid_argument("RosenbrockSolver: rtol and atol must be positive");
  work_.assign(detail::rosenbrock_workspace(system, max_width) +
                   static_cast<std::size_t>(system.pattern().n_values()) * max_width,
               0.0);
}

RosenbrockStats RosenbrockSolver::solve(double* y, const double* k_eff, int width, double dt) {
  if (width < 1 || width > max_width_)
    throw std::invalid_argument("RosenbrockSolver::solve: width " + std::to_string(width) + " outside 1.." +
                                std::to_string(max_width_));
  double* lu = work_.data() + detail::rosenbrock_workspace(system_, max_width_);
  SparseLinearSolver linear(system_.pattern(), lu);
  return detail::integrate(system_, options_, linear, work_.data(), y, k_eff, width, dt);
}

}  // namespace airshed::chem
