"""states.py: thermal states and cluster moments, Eqs. (7) and (18), exact at T = 0 and T = inf."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from autocoherence.errors import ParameterError, TruncationError
from autocoherence.spaces import Oscillator, Qubit, collective, sigma_z
from autocoherence.states import (
    bose_occupation,
    cluster_moments,
    fermi_occupation,
    tanh_half,
    thermal_state,
)


def test_qubit_thermal_state_limits():
    assert np.allclose(thermal_state(Qubit(1.0), 0.0), np.diag([0, 1]))
    assert np.allclose(thermal_state(Qubit(1.0), math.inf), np.eye(2) / 2)
    rho = thermal_state(Qubit(1.0), 0.7)
    assert np.real(np.trace(rho @ sigma_z())) == pytest.approx(-math.tanh(1 / 1.4), abs=1e-15)


@given(st.floats(1e-3, 1e3), st.floats(-50, 50).filter(lambda x: abs(x) > 1e-6))
def test_occupations_finite_and_consistent(temperature, omega):
    nf = fermi_occupation(omega, temperature)
    assert 0 <= nf <= 1
    assert 1 - 2 * nf == pytest.approx(tanh_half(omega, temperature), abs=1e-14)
    if omega > 0:
        nb = bose_occupation(omega, temperature)
        assert math.isfinite(nb)
        assert nb >= 0


def test_extreme_temperatures_no_overflow():
    assert tanh_half(1.0, 1e-300) == 1.0
    assert bose_occupation(1.0, 1e-300) == 0.0
    assert bose_occupation(1.0, math.inf) == math.inf
    assert tanh_half(0.0, 0.0) == 0.0


@pytest.mark.parametrize("n", [1, 2, 3])
@pytest.mark.parametrize("temperature", [0.0, 0.4, 3.0, math.inf])
def test_qubit_cluster_moments_eq7_vs_dense(n, temperature):
    """Eq. (7) against the dense collective operators in the product thermal state."""
    rho1 = thermal_state(Qubit(1.3), temperature)
    rho = rho1
    for _ in range(n - 1):
        rho = np.kron(rho, rho1)
    sm = collective(Qubit(1.3).lowering(), n)
    sp = sm.conj().T
    anti = np.real(np.trace((sm @ sp + sp @ sm) @ rho))
    comm = np.real(np.trace((sm @ sp - sp @ sm) @ rho))
    a, c = cluster_moments(Qubit(1.3), n, temperature)
    assert (a, c) == pytest.approx((anti, comm), abs=1e-13)


@pytest.mark.parametrize("n", [1, 2])
@pytest.mark.parametrize("temperature", [0.0, 0.5, 2.0])
def test_oscillator_cluster_moments_eq18_vs_truncated(n, temperature):
    """Eq. (18) against truncated oscillators with a negligible thermal tail (dim 60: e^{-30})."""
    osc = Oscillator(1.0, 60 if n == 1 else 40)
    rho1 = thermal_state(osc, temperature, tail_tol=1e-8)
    rho = rho1 if n == 1 else np.kron(rho1, rho1)
    b = collective(osc.lowering(), n)
    anti = np.real(np.trace((b @ b.conj().T + b.conj().T @ b) @ rho))
    a, c = cluster_moments(osc, n, temperature)
    assert c == n
    # the truncated b b† misses dim·p_{dim-1}: below 1e-6 for these dims
    assert a == pytest.approx(anti, rel=1e-6)
    assert a == pytest.approx(n / math.tanh(0.5 / temperature) if temperature else n)


def test_truncation_error_names_dim_and_suggests_one():
    with pytest.raises(TruncationError, match=r"dim=4 .* use dim >= \d+"):
        thermal_state(Oscillator(1.0, 4), 2.0, tail_tol=1e-10)


def test_oscillator_infinite_temperature_rejected():
    with pytest.raises(ParameterError, match="temperature=inf"):
        thermal_state(Oscillator(1.0, 10), math.inf)


@pytest.mark.parametrize("bad", [-0.1, float("nan")])
def test_bad_temperature(bad):
    with pytest.raises(ParameterError, match="temperature must be >= 0"):
        thermal_state(Qubit(1.0), bad)


def test_cluster_size_checked():
    with pytest.raises(ParameterError, match="cluster_size must be an integer >= 1"):
        cluster_moments(Qubit(1.0), 0, 1.0)
    with pytest.raises(TypeError, match="cluster_size"):
        cluster_moments(Qubit(1.0), 1.5, 1.0)
