"""collision/spin_sectors.py: bath weights, block operators, window bounds.

The sectors and their multiplicities are tested in tests/test_su2.py. Independent oracles:
dense collective operators on (C²)^{⊗N} (their J² and J_z eigenspaces give the thermal
weights), scipy's expm (the exact block propagator), and the truncated bosonic matrix
exponential (the majorant's closed form).
"""

import math

import numpy as np
import pytest
import scipy.linalg as sla
from hypothesis import given, settings
from hypothesis import strategies as st

import autocoherence as ac
from autocoherence.collision import spin_sectors as ss
from autocoherence.collision.exact.sector_channel import SpinSectorChannel
from autocoherence.errors import ParameterError
from autocoherence.spaces import Qubit, collective, sigma_minus, sigma_x, sigma_y, sigma_z
from autocoherence.states import thermal_state


def _dense_spin(n):
    jx, jy, jz = (collective(op, n) / 2 for op in (sigma_x(), sigma_y(), sigma_z()))
    return jx, jy, jz, jx @ jx + jy @ jy + jz @ jz


# ---------------------------------------------------------------------------- weights
def test_log_populations_match_the_thermal_state():
    for omega, temp in [(1.0, 0.3), (-0.7, 0.5), (2.0, 40.0)]:
        pe, pg = np.real(np.diag(thermal_state(Qubit(omega), temp)))
        lpe, lpg = ss.qubit_log_populations(omega, temp)
        assert math.exp(lpe) == pytest.approx(pe, rel=1e-14)
        assert math.exp(lpg) == pytest.approx(pg, rel=1e-14)
    assert ss.qubit_log_populations(1.0, 1e-6)[0] == pytest.approx(-1e6)  # no underflow
    assert ss.qubit_log_populations(-1.0, 0.0) == (0.0, -math.inf)
    assert ss.qubit_log_populations(0.0, 0.0) == (math.log(0.5), math.log(0.5))


@pytest.mark.parametrize("omega_b", [1.0, -0.8])
@pytest.mark.parametrize("temp", [0.0, 0.4, math.inf])
def test_weights_are_the_thermal_populations_of_the_sectors(omega_b, temp):
    """weight(j, m) = tr(P_{j,m} ρ_unit^{⊗N}), P from the dense J², J_z eigenspaces (N = 5)."""
    n = 5
    *_, jz, j2 = _dense_spin(n)
    rho1 = thermal_state(Qubit(omega_b), temp)
    rho = rho1
    for _ in range(n - 1):
        rho = np.kron(rho, rho1)
    lpe, lpg = ss.qubit_log_populations(omega_b, temp)
    w = ss.sector_weights(n, lpe, lpg, top_first=omega_b < 0, tol=1e-300)
    assert w.dropped == 0.0
    diag = np.real(np.diag(rho))  # J_z, J² commute; ρ is diagonal in the product basis too
    e2, v2 = np.linalg.eigh(j2 + 1e-3 * jz)  # split the J² eigenspaces by m
    for i, tj in enumerate(w.two_j):
        j = tj / 2
        for k, weight in enumerate(w.level_weights(i)):
            m = (-j + k) if omega_b >= 0 else (j - k)
            sel = np.abs(e2 - (j * (j + 1) + 1e-3 * m)) < 1e-7
            proj = v2[:, sel]
            ref = float(np.real(np.sum(np.abs(proj) ** 2 * diag[:, None])))
            assert weight == pytest.approx(ref, abs=1e-14)


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 3000),
    temp=st.one_of(st.just(0.0), st.just(math.inf), st.floats(1e-3, 1e3)),
    omega_b=st.floats(-2, 2),
    tol=st.sampled_from([1e-14, 1e-8, 1e-3]),
)
def test_pruned_weights_sum_to_one_and_drop_at_most_tol(n, temp, omega_b, tol):
    lpe, lpg = ss.qubit_log_populations(omega_b, temp)
    w = ss.sector_weights(n, lpe, lpg, top_first=omega_b < 0, tol=tol)
    kept = sum(float(w.level_weights(i).sum()) for i in range(w.two_j.size))
    assert 0.0 <= w.dropped <= tol * (1 + 1e-9)
    # kept + dropped = 1 up to the log-space rounding (relative 1e-16 · N log 2)
    assert kept + w.dropped == pytest.approx(1.0, abs=1e-12 + 1e-15 * n)
    assert np.all(w.k_max <= w.two_j)


def test_zero_temperature_keeps_the_ground_state_only():
    lpe, lpg = ss.qubit_log_populations(1.0, 0.0)
    w = ss.sector_weights(1000, lpe, lpg)
    assert w.two_j.tolist() == [1000]
    assert w.k_max.tolist() == [0]
    assert w.level_weights(0).tolist() == [1.0]


def test_infinite_temperature_keeps_whole_ladders():
    lpe, lpg = ss.qubit_log_populations(1.0, math.inf)
    w = ss.sector_weights(200, lpe, lpg)
    assert w.log_r == 0.0
    assert np.array_equal(w.k_max, w.two_j)
    # the sector distribution at T = inf peaks near j ~ √N/2
    assert w.two_j.max() < 200


# ---------------------------------------------------------------------- block operators
@pytest.mark.parametrize("top_first", [False, True])
@pytest.mark.parametrize("two_j", [1, 4, 7])
def test_block_operators_form_a_spin_j_representation(two_j, top_first):
    n = 9
    L = two_j + 1

    def op(b):
        return ss.block_operator(b, n, two_j, L, top_first=top_first).toarray()

    # σ± map to J±, σz to 2 J_z (with the N/2 parts cancelling)
    jp, jm, jz = op(sigma_minus().conj().T), op(sigma_minus()), op(sigma_z()) / 2
    j = two_j / 2
    assert np.allclose(jp @ jm - jm @ jp, 2 * jz, atol=1e-12)
    assert np.allclose(jz @ jp - jp @ jz, jp, atol=1e-12)
    casimir = jz @ jz + 0.5 * (jp @ jm + jm @ jp)
    assert np.allclose(casimir, j * (j + 1) * np.eye(L), atol=1e-12)
    # 2 J_x = Σσx has eigenvalues 2m, m = -j..j
    assert np.allclose(np.linalg.eigvalsh(op(sigma_x())), np.arange(-two_j, two_j + 1, 2))
    # the identity of one unit sums to N
    assert np.allclose(op(np.eye(2)), n * np.eye(L))


def test_block_operator_levels_start_at_the_heavy_end():
    jz_bottom = ss.block_operator(sigma_z(), 4, 4, 5, top_first=False).diagonal().real / 2
    jz_top = ss.block_operator(sigma_z(), 4, 4, 5, top_first=True).diagonal().real / 2
    assert jz_bottom.tolist() == [-2, -1, 0, 1, 2]
    assert jz_top.tolist() == [2, 1, 0, -1, -2]


# ------------------------------------------------------------------------ window bound
@pytest.mark.parametrize("x", [0.3, 2.0, 5.0])
def test_majorant_closed_form_matches_the_bosonic_exponential(x):
    dim = 160
    a = np.diag(np.sqrt(np.arange(1, dim)), 1)
    E = sla.expm(x * (a + a.T))
    for top, k0 in [(3, 0), (10, 4), (25, 25), (40, 7)]:
        ref = E[top, k0]
        got = math.exp(float(ss._log_majorant(top, np.array([k0]), x)[0]))
        assert got == pytest.approx(ref, rel=1e-9)
    tops = np.array([7, 10, 25])  # many tops at once, one start level (as window_top)
    np.testing.assert_allclose(np.exp(ss._log_majorant(tops, 7, x)), E[tops, 7], rtol=1e-9)


def _window_case(n, two_j, tau, k_max, top):
    """Exact (whole block) vs windowed propagation of the levels k0 <= k_max: max error."""
    q = Qubit(1.0)
    terms = [(0.45 * sigma_z(), sigma_x()), (0.6 * sigma_minus().conj().T, sigma_minus())]
    terms.append((0.6 * sigma_minus(), sigma_minus().conj().T))

    def h_tau(levels):
        def block(b):
            return ss.block_operator(b, n, two_j, levels, top_first=False).toarray()

        h = np.kron(q.hamiltonian(), np.eye(levels)) + np.kron(np.eye(2), block(q.hamiltonian()))
        for s, b in terms:
            h = h + np.kron(s, block(b)) / math.sqrt(tau)
        return h

    full = sla.expm(-1j * tau * h_tau(two_j + 1))
    win = sla.expm(-1j * tau * h_tau(top + 1))
    L, W = two_j + 1, top + 1
    errs = []
    for k0 in range(k_max + 1):
        for r in range(2):
            exact = full[:, r * L + k0].reshape(2, L)
            approx = np.zeros((2, L), dtype=complex)
            approx[:, :W] = win[:, r * W + k0].reshape(2, W)
            errs.append(np.linalg.norm(exact - approx))
    # ladder coupling c = ‖Σ_α b_α,eg S_α‖ (σx and σ₊ of the unit raise m)
    c = np.linalg.norm(0.45 * sigma_z() + 0.6 * sigma_minus(), 2)
    return max(errs), c


@pytest.mark.parametrize("top", [12, 20, 30, 45])
def test_window_error_bound_holds(top):
    """The a-priori bound on a window's error is never below the actual error."""
    n, two_j, tau, k_max = 60, 60, 0.1, 3
    actual, c = _window_case(n, two_j, tau, k_max, top)
    bound = float(ss.window_error_bounds(two_j, top, np.arange(k_max + 1), c, tau).max())
    assert actual <= bound
    # and it is a usable bound: once it certifies 1e-12, the window is far inside the block
    if bound < 1e-12:
        assert top < two_j


def test_window_top_certifies_the_tolerance_and_is_exact_at_the_block_edge():
    two_j, tau, c = 800, 0.051, 0.82
    top = ss.window_top(two_j, 14, c, tau, 1e-14)
    assert 14 < top < two_j
    assert ss.window_error_bounds(two_j, top, np.arange(15), c, tau).max() <= 1e-14
    assert ss.window_error_bounds(two_j, top - 1, np.arange(15), c, tau).max() > 1e-14
    assert ss.window_top(6, 2, c, tau, 1e-14) == 6  # small blocks are propagated whole
    assert np.all(ss.window_error_bounds(6, 6, np.arange(3), c, tau) == 0)
    assert ss.window_top(two_j, 5, 0.0, tau, 1e-14) == 5  # nothing moves along the ladder


# --------------------------------------------------------------------------- bad input
def test_sector_channel_refuses_bad_input():
    q = Qubit(1.0)
    terms = [(sigma_z(), sigma_x())]
    with pytest.raises(TypeError, match="unit must be a Qubit"):
        SpinSectorChannel(q.hamiltonian(), terms, ac.Oscillator(1.0, 3), 4, 0.1)
    with pytest.raises(ValueError, match="2x2"):
        SpinSectorChannel(q.hamiltonian(), [(sigma_z(), np.eye(3))], q, 4, 0.1)
    with pytest.raises(ParameterError, match="n must be an integer >= 1"):
        SpinSectorChannel(q.hamiltonian(), terms, q, 0, 0.1)
    with pytest.raises(ParameterError, match="tau must be > 0"):
        SpinSectorChannel(q.hamiltonian(), terms, q, 4, -1.0)
    channel = SpinSectorChannel(q.hamiltonian(), terms, q, 4, 0.1)
    with pytest.raises(ParameterError, match="tol must be > 0"):
        channel.superoperator(0.5, tol=0.0)
    with pytest.raises(ParameterError, match="temperature must be >= 0"):
        channel.superoperator(-1.0)
    no_tau = ac.CollisionModel(
        target=q, unit=q, coupling=ac.Composite(0.3, 0.5), temperature=0.5, cluster_size=3
    )
    with pytest.raises(ParameterError, match="tau is required"):
        no_tau.sector_channel()
