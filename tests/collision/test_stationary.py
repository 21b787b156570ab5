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
from autocoherence.collision.generator.stationary import stationary_state
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
