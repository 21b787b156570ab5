"""Stationary states with thresholds that scale with the generator (issue 13, item 3).

Oracle: the closed form PRA104 Eqs. (3)-(5) (``method="closed_form"``), exact for the qubit
model at every coupling, against the master-equation null vector; the exact channel's fixed
point against the closed form within O(τ) plus its reported rounding bound.
"""

from __future__ import annotations

import numpy as np
import pytest

import autocoherence as ac
from autocoherence.collision.generator.master_equation import liouvillian
from autocoherence.collision.generator.stationary import channel_noise, stationary_state
from autocoherence.errors import NonUniqueSteadyStateError
from autocoherence.spaces import sigma_minus, sigma_z


def _model(f1=0.3, f2=0.6, **kw):
    base = {
        "target": ac.Qubit(1.0),
        "unit": ac.Qubit(1.0),
        "coupling": ac.Composite(f1, f2),
        "temperature": 0.5,
        "tau": 0.05,
    }
    return ac.CollisionModel(**(base | kw))


def _physical(rho, bound):
    assert np.abs(rho - rho.conj().T).max() == 0.0
    assert np.trace(rho).real == pytest.approx(1.0, abs=1e-14)
    assert np.linalg.eigvalsh(rho)[0] >= -bound


@pytest.mark.parametrize("f", [1e-3, 1e-6, 1e-8])
def test_weak_coupling_master_equation_is_exact(f):
    """The dissipator is f² ≪ ε relative to the Hamiltonian part; row equilibration keeps the
    population equations, so the null vector is exact (a plain SVD loses it: 1.5e-4 at 1e-8)."""
    m = _model(f, f)
    s = m.steady_state(method="master_equation")
    exact = m.steady_state(method="closed_form").rho
    assert np.abs(s.rho - exact).max() < 1e-14
    assert s.info["error_bound"] < 1e-13
    if f >= 1e-6:  # eigenvalues resolve rates above ~ε‖𝓛‖ = 2e-16
        assert 0.1 * f * f < s.info["relaxation_gap"] < 10 * f * f  # rate ~ f², not 0
    _physical(s.rho, 1e-14)


def test_tiny_tau_collisions_report_an_honest_bound():
    """τ = 1e-10: Φ - 1 is ~1e-10 with rounding ~1e-16, so the fixed point is good to ~1e-6;
    the result says so instead of reporting 0."""
    m = _model(tau=1e-10)
    s = m.steady_state(method="collisions")
    exact = m.steady_state(method="closed_form").rho
    gap = np.abs(s.rho - exact).max()
    assert gap <= s.info["error_bound"] + 1e-9  # O(τ) physics + rounding
    assert s.info["error_bound"] > 1e-7  # honest: not the 0.0 reported before


@pytest.mark.parametrize("kw", [{"tau": 1e4}, {"tau": 1e6}, {"f1": 1e6, "f2": 1e6}])
def test_extreme_finite_parameters_do_not_overflow(kw):
    s = _model(**kw).steady_state(method="collisions")
    _physical(s.rho, 1e-12)


def test_non_unique_names_dimension_and_conserved_quantity():
    with pytest.raises(NonUniqueSteadyStateError, match=r"dimension 2.*Conserved.*populations"):
        _model(0.3, 0.0).steady_state(method="master_equation")
    with pytest.raises(NonUniqueSteadyStateError, match=r"dimension 2"):
        _model(0.3, 0.0).steady_state(method="collisions", dense=True)


def test_unresolvable_dissipation_is_named():
    """τ f² = 1e-18 is below the channel's rounding floor: the message says so and points to
    the master equation, which resolves it."""
    m = _model(1e-6, 1e-6, tau=1e-6)
    with pytest.raises(NonUniqueSteadyStateError, match=r"rounding floor.*master_equation"):
        m.steady_state(method="collisions")
    assert m.steady_state(method="master_equation").l1_coherence > 0


def test_stationary_state_of_weak_decay_is_the_ground_state():
    rho, info = stationary_state(liouvillian(0.5 * sigma_z(), [1e-9 * sigma_minus()]))
    np.testing.assert_allclose(rho, np.diag([0.0, 1.0]), atol=1e-15)
    assert info["residual"] < 1e-15


def _stack_of_generators():
    """Liouvillians (2, 3, 4, 4) of qubit models: couplings from 1e-8 (dissipator 1e-16 of
    the Hamiltonian part) to 1, and temperatures 0, 0.5, inf."""
    models = [[_model(f, 2 * f, temperature=t) for t in (0.0, 0.5, np.inf)] for f in (1e-8, 0.6)]
    return np.array([[m.liouvillian() for m in row] for row in models])


def _lstsq_reference(G):
    """The pre-batching algorithm: numpy.linalg.lstsq (LAPACK gelsd) on the equilibrated
    system [tr; G] (rows scaled to unit size), normalised and Hermitised."""
    d = round(np.sqrt(G.shape[0]))
    A = np.vstack([np.eye(d).reshape(1, -1), G])
    scale = np.max(np.abs(A), axis=1)
    b = np.zeros(A.shape[0], dtype=complex)
    b[0] = 1.0
    x = np.linalg.lstsq(A / scale[:, None], b / scale, rcond=None)[0].reshape(d, d)
    x = x / np.trace(x)
    return 0.5 * (x + x.conj().T)


def test_stack_of_generators_is_solved_item_by_item():
    """The batched solve is the per-item algorithm: each item equals the single-generator
    call and the least-squares (gelsd) reference to rounding (1e-14 on entries of size 1)."""
    stack = _stack_of_generators()
    rho, info = stationary_state(stack)
    assert rho.shape == (2, 3, 2, 2)
    for index in np.ndindex(2, 3):
        single, single_info = stationary_state(stack[index])
        assert np.max(np.abs(rho[index] - single)) < 1e-14
        assert np.max(np.abs(rho[index] - _lstsq_reference(stack[index]))) < 1e-14
        for key in ("residual", "sigma_min", "error_bound"):
            assert info[key].shape == (2, 3)
            assert info[key][index] == pytest.approx(single_info[key], rel=1e-12, abs=1e-30)
        _physical(rho[index], info["error_bound"][index])


def test_stack_with_a_non_unique_generator_names_its_index():
    stack = _stack_of_generators()
    stack[1, 2] = _model(0.3, 0.0).liouvillian()  # pure dephasing
    with pytest.raises(NonUniqueSteadyStateError, match=r"generator \(item \(1, 2\) of the stack"):
        stationary_state(stack)
    with pytest.raises(NonUniqueSteadyStateError, match=r"item 5 of the stack.*dimension 2"):
        stationary_state(stack.reshape(6, 4, 4))


def test_noise_floor_of_a_stack_of_channels():
    """Φ - 1 of computed channels with their rounding floor: the same bound as one by one."""
    models = [_model(temperature=t) for t in (0.2, 1.0)]
    M = np.array([m.channel() for m in models])
    noise = max(channel_noise(m) for m in M)
    rho, info = stationary_state(M - np.eye(4), what="collision channel", noise=noise)
    for k in range(2):
        single, single_info = stationary_state(M[k] - np.eye(4), noise=noise)
        assert np.max(np.abs(rho[k] - single)) < 1e-14
        assert info["error_bound"][k] == pytest.approx(single_info["error_bound"], rel=1e-12)
