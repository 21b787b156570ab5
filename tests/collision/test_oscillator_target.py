"""Oscillator targets (PRA104 Sec. IV, App. C): existence of a steady state, ⟨a⟩ closed forms.

Routes compared: the App. C closed forms (C1) and the weak-coupling solution of (C2) versus
the Liouvillian of Eq. (A5) (null vector and exact time evolution) on a truncated Fock space,
and the energy balance read off the adjoint generator.
"""

import math

import numpy as np
import pytest

import autocoherence as ac
from autocoherence.collision import closed_form as cf
from autocoherence.errors import MethodNotApplicableError, NoSteadyStateError, TruncationError


def _model(rwa, unit, *, f1=0.3, f2=0.4, temp=0.5, dim=40, n=1, tau=None, tol=1e-8):
    return ac.CollisionModel(
        target=ac.Oscillator(1.0, dim),
        unit=unit,
        coupling=ac.Composite(f1, f2, rwa=rwa),
        temperature=temp,
        cluster_size=n,
        tau=tau,
        truncation_tol=tol,
    )


UNITS = [(ac.Oscillator(1.0, 30), 1), (ac.Qubit(1.0), 1), (ac.Qubit(1.0), 3)]


@pytest.mark.parametrize(("unit", "n"), UNITS)
def test_eq22_has_no_steady_state_but_mean_a_converges(unit, n):
    """V = (f1 a†a + f2 X_a) ⊗ X_B: Hermitian Lindblad operator, energy grows at a·f2²."""
    m = _model(False, unit, n=n)
    a, _ = ac.states.cluster_moments(unit, n, 0.5)
    verdict = m.stationarity()
    assert not verdict.state_exists
    assert verdict.energy_slope == pytest.approx(0.0, abs=1e-12)
    assert verdict.energy_gain == pytest.approx(a * 0.4**2, rel=1e-10)
    with pytest.raises(NoSteadyStateError, match="heats up without bound") as info:
        m.steady_state(method="master_equation")
    # the limit of <a> from the closed (C1) equation equals App. C's closed form (exact)
    assert info.value.mean_a_limit == pytest.approx(
        complex(cf.mean_a_hermitian(0.3, 0.4, 1.0, a)), abs=1e-12
    )


def test_eq22_mean_a_evolution_matches_c1_exactly():
    """⟨a⟩(t) of the truncated Liouvillian evolution equals the solution of (C1) while the
    heated state stays far from the Fock edge (dim 60, t <= 6: top-level population < 1e-10)."""
    m = _model(False, ac.Oscillator(1.0, 30), dim=60, tol=1e-10)
    a, _ = ac.states.cluster_moments(m.unit, 1, 0.5)
    times = np.linspace(0, 6, 7)
    rho0 = np.zeros((60, 60), dtype=complex)
    rho0[0, 0] = 1.0
    ds = m.evolve(times, initial=rho0)
    ref = cf.mean_a_hermitian_evolution(times, 0.3, 0.4, 1.0, a)
    assert np.allclose(ds.mean_a.values, ref, atol=1e-10)
    # the energy grows without bound: linear gain a·f2² plus the ⟨X⟩ term
    n_mean = np.einsum("tii,i->t", ds.rho.values, np.arange(60)).real
    assert np.all(np.diff(n_mean) > 0)


@pytest.mark.parametrize(("unit", "n"), UNITS)
def test_eq23_steady_state_exists_and_satisfies_exact_moment_equation(unit, n):
    """V = f1 a†a ⊗ X_B + f2(a† ⊗ A + a ⊗ A†): net damping f2²c, a steady state exists.

    The numerical steady state satisfies the exact first-moment equation (our cluster form of
    (C2), including the ⟨a²⟩ term) up to the truncation error of the moments, bounded by
    dim × (population of the top Fock level) (1e-5 here, where a wrong coefficient would leave
    a residual of order f1 f2 ⟨a²⟩ ~ 1e-3)."""
    m = _model(True, unit, n=n)
    a, c = ac.states.cluster_moments(unit, n, 0.5)
    verdict = m.stationarity()
    assert verdict.state_exists
    assert verdict.energy_slope == pytest.approx(-(0.4**2) * c, rel=1e-10)
    s = m.steady_state(method="master_equation")
    rho = s.rho
    d = rho.shape[0]
    op_a = np.diag(np.sqrt(np.arange(1, d)), 1)
    mean_a2 = np.trace(rho @ op_a @ op_a)
    n_up = (a - c) / 2
    lhs = -(1j + 0.3**2 * a / 2 + 0.4**2 * c / 2) * s.mean_a - 0.3 * 0.4 / 2 * n_up
    lhs -= 0.3 * 0.4 * c / 2 * mean_a2
    p_top = float(np.real(rho[-1, -1]))
    assert abs(lhs) < 50 * d * p_top + 1e-12
    assert s.l1_coherence > 0
    assert s.bloch is None


def test_eq23_weak_coupling_error_shrinks_as_f_squared():
    """App. C's ⟨a⟩_ss ≈ -f1f2⟨A†A⟩/(2iω0 + f1²a + f2²c): relative error O(f²)."""
    unit = ac.Oscillator(1.0, 30)
    a, c = ac.states.cluster_moments(unit, 1, 0.5)
    errs = []
    for scale in (1.0, 0.5, 0.25):
        f1, f2 = 0.3 * scale, 0.4 * scale
        exact = (
            _model(True, unit, f1=f1, f2=f2, dim=30).steady_state(method="master_equation").mean_a
        )
        approx = complex(cf.mean_a_rwa_weak(f1, f2, 1.0, a, c))
        errs.append(abs(exact - approx) / abs(exact))
    assert errs[0] < 0.03
    ratios = np.array(errs[:-1]) / np.array(errs[1:])
    assert np.all(ratios > 3.5), errs  # ≈ 4 per halving of the couplings


def test_eq23_zero_temperature_vacuum_is_dark():
    """At T = 0 the vacuum is annihilated by f1 a†a + f2 a: ⟨a⟩ = 0, no coherence (Sec. IV)."""
    s = _model(True, ac.Oscillator(1.0, 10), temp=0.0, dim=20).steady_state(
        method="master_equation"
    )
    assert abs(s.mean_a) < 1e-12
    assert s.l1_coherence < 1e-10
    assert s.purity == pytest.approx(1.0, abs=1e-10)


def test_eq23_converges_in_fock_dimension():
    s30 = _model(True, ac.Qubit(1.0), dim=30).steady_state(method="master_equation")
    s45 = _model(True, ac.Qubit(1.0), dim=45).steady_state(method="master_equation")
    assert np.allclose(s30.rho, s45.rho[:30, :30], atol=1e-10)


def test_eq23_exact_collisions_close_to_master_equation():
    me = _model(True, ac.Qubit(1.0), dim=20).steady_state(method="master_equation")
    coll = _model(True, ac.Qubit(1.0), dim=20, tau=0.01).steady_state(method="collisions")
    assert abs(coll.mean_a - me.mean_a) < 5e-3 * 10 * 0.01 + 1e-4


def test_too_small_target_dimension_is_reported():
    with pytest.raises(TruncationError, match="target's top Fock level"):
        _model(True, ac.Qubit(1.0), temp=3.0, dim=8).steady_state(method="master_equation")


def test_stationarity_is_for_oscillator_targets():
    m = ac.CollisionModel(
        target=ac.Qubit(1.0), unit=ac.Qubit(1.0), coupling=ac.Composite(0.3, 0.4), temperature=0.1
    )
    with pytest.raises(MethodNotApplicableError, match="oscillator targets"):
        m.stationarity()


def test_closed_form_route_names_alternatives_for_oscillator_target():
    with pytest.raises(MethodNotApplicableError, match="qubit target"):
        _model(True, ac.Qubit(1.0), dim=20).steady_state(method="closed_form")
    assert (
        _model(True, ac.Qubit(1.0), dim=20).steady_state(method="auto").method == "master_equation"
    )
    assert math.isfinite(abs(_model(True, ac.Qubit(1.0), dim=20).steady_state().mean_a))
