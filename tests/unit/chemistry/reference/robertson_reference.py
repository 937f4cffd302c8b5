#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Reference values of Robertson's problem for tests/unit/chemistry/test_rosenbrock.cpp.

y1' = -0.04 y1 + 1e4 y2 y3, y2' = 0.04 y1 - 1e4 y2 y3 - 3e7 y2^2, y3' = 3e7 y2^2, y(0) = (1, 0, 0)
(Robertson 1966; Hairer & Wanner, Solving ODEs II, Section IV.1; "Test Set for IVP Solvers", problem ROBER).

The test set publishes a reference only at t = 1e11; the values at t = 40 and 1e5 come from this script:
SciPy's Radau IIA (order 5) with the analytic Jacobian, rtol 1e-12, atol 1e-20. The script also integrates
to 1e11 and prints the difference from the published test-set value as a check of the reference itself.
Run: /usr/bin/python3 tests/unit/chemistry/reference/robertson_reference.py
"""
import numpy as np
import scipy
from scipy.integrate import solve_ivp


def f(_t, y):
    r1, r2, r3 = 0.04 * y[0], 3e7 * y[1] * y[1], 1e4 * y[1] * y[2]
    return [-r1 + r3, r1 - r2 - r3, r2]


def jac(_t, y):
    return [[-0.04, 1e4 * y[2], 1e4 * y[1]],
            [0.04, -6e7 * y[1] - 1e4 * y[2], -1e4 * y[1]],
            [0.0, 6e7 * y[1], 0.0]]


TEST_SET_1E11 = np.array([0.2083340149701255e-07, 0.8333360770334713e-13, 0.9999999791665050])

if __name__ == "__main__":
    print(f"scipy {scipy.__version__}, Radau, rtol 1e-12, atol 1e-20")
    times = [40.0, 1e5, 1e11]
    sol = solve_ivp(f, (0.0, 1e11), [1.0, 0.0, 0.0], method="Radau", jac=jac, rtol=1e-12, atol=1e-20,
                    t_eval=times, first_step=1e-10)
    assert sol.success, sol.message
    for i, t in enumerate(times):
        y = sol.y[:, i]
        print(f"t = {t:g}: {{{y[0]:.16e}, {y[1]:.16e}, {y[2]:.16e}}}  sum - 1 = {y.sum() - 1:.1e}")
    rel = np.abs(sol.y[:, -1] - TEST_SET_1E11) / TEST_SET_1E11
    print("relative difference from the test-set value at 1e11:", rel)
