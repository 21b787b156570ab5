"""collision/transient.py: exact time optimisation of the coherence (PRA104 Sec. II B, III B).

Independent oracle: the Bloch equations (B2)/(B12) (exact for the master equation of a qubit
target) solved by the eigen-decomposition of the 3×3 Bloch matrix, scanned on a dense grid
and refined with a bounded scalar search written here; for collisions, an exhaustive scan of
``evolve(method="collisions")`` over every n.

Tolerances: both optimisers locate a smooth maximum of the same function, so C̄ agrees to
rounding (1e-12) and t* to ~1e-6 (dC/dt = 0 there: an error δt changes C by only ~C̈δt²/2).
The precise oracle (``bloch_peak_precise``: the affine Bloch flow by ``scipy.linalg.expm``
of the 4×4 augmented matrix, and the root of d(x² + y²)/dt by ``brentq``) locates t* to a
few ulps, so t* must agree to 1e-10 and the purity at t* (whose slope is not zero) to 1e-13.
"""

import math

import numpy as np
import pytest
import qutip
import scipy.linalg as sla
from scipy.optimize import brentq, minimize_scalar

from autocoherence.collision import Bilinear, CollisionModel, Composite, closed_form, transient
from autocoherence.collision.transient import TransientPeak, stationary_projector
from autocoherence.errors import (
    ConvergenceError,
    MethodNotApplicableError,
    ParameterError,
    TruncationError,
)
from autocoherence.spaces import Oscillator, Qubit, sigma_minus, sigma_x, sigma_z
from autocoherence.states import cluster_moments


def _model(f1=0.15, f2=0.15, *, rwa=True, n=1, temperature=0.0, unit=None, **kw):
    return CollisionModel(
        target=Qubit(1.0),
        unit=unit or Qubit(1.0),
        coupling=Composite(f1, f2, rwa=rwa),
        temperature=temperature,
        cluster_size=n,
        tau=0.051,
        **kw,
    )


def bloch_oracle(model: CollisionModel, t_end: float) -> tuple[float, float]:
    """(t*, C̄) from the eigen-decomposition of the Bloch matrix, z0 thermal."""
    cp = model.coupling
    a, c = cluster_moments(model.unit, model.cluster_size, model.temperature)
    B, drive = closed_form.bloch_equations(cp.f1, cp.f2, 1.0, a, c, rwa=cp.rwa)
    v_ss = -np.linalg.solve(B, drive)
    lam, vecs = np.linalg.eig(B)
    z0 = -math.tanh(0.5 / model.temperature) if model.temperature > 0 else -1.0
    coef = np.linalg.solve(vecs, np.array([0.0, 0.0, z0]) - v_ss)

    def coherence(t):
        v = v_ss[:, None] + np.real(vecs @ (coef[:, None] * np.exp(np.outer(lam, t))))
        return np.hypot(v[0], v[1])

    grid = np.linspace(0.0, t_end, 200_001)
    k = int(np.argmax(coherence(grid)))
    h = grid[1]
    lo, hi = max(grid[k] - h, 0.0), grid[k] + h
    opt = minimize_scalar(
        lambda t: -coherence(np.array([t]))[0],
        bounds=(lo, hi),
        method="bounded",
        options={"xatol": 1e-12},
    )
    return float(opt.x), -float(opt.fun)


def bloch_peak_precise(model: CollisionModel, t_end: float) -> tuple[float, float, float]:
    """(t*, C̄, purity at t*) to a few ulps: expm of the affine Bloch flow, root of d|v⊥|²/dt."""
    cp = model.coupling
    a, c = cluster_moments(model.unit, model.cluster_size, model.temperature)
    B, drive = closed_form.bloch_equations(cp.f1, cp.f2, 1.0, a, c, rwa=cp.rwa)
    flow = np.zeros((4, 4))
    flow[:3, :3], flow[:3, 3] = B, drive  # d(v, 1)/dt = flow @ (v, 1)
    z0 = -math.tanh(0.5 / model.temperature) if model.temperature > 0 else -1.0
    start = np.array([0.0, 0.0, z0, 1.0])

    def bloch(t):
        return (sla.expm(flow * t) @ start)[:3]

    def half_slope(t):  # (1/2) d(x² + y²)/dt, same sign as dC/dt
        v = bloch(t)
        dv = B @ v + drive
        return v[0] * dv[0] + v[1] * dv[1]

    grid = np.linspace(0.0, t_end, 3001)
    k = int(np.argmax([math.hypot(*bloch(t)[:2]) for t in grid]))
    t_star = brentq(half_slope, grid[k - 1], grid[k + 1], xtol=1e-15, rtol=4 * np.finfo(float).eps)
    v = bloch(t_star)
    return t_star, math.hypot(v[0], v[1]), (1.0 + v @ v) / 2


# ------------------------------------------------------------------- exact optimisation
@pytest.mark.parametrize(
    ("rwa", "n", "temperature"),
    [(True, 1, 0.0), (True, 3, 0.5), (False, 1, 0.3), (False, 3, 1.0), (True, 2, 2.0)],
)
def test_master_equation_peak_matches_the_bloch_eigen_oracle(rwa, n, temperature):
    m = _model(rwa=rwa, n=n, temperature=temperature)
    peak = m.transient_peak()
    t_ref, c_ref = bloch_oracle(m, t_end=60.0)
    assert peak.l1_coherence == pytest.approx(c_ref, abs=1e-12)
    assert peak.time == pytest.approx(t_ref, abs=1e-6)
    assert peak.in_transient
    # the purity is that of the state at t* (Eq. (16) "at the same instant")
    x, y, z = peak.bloch
    assert peak.purity == pytest.approx((1 + x * x + y * y + z * z) / 2, abs=1e-14)
    assert math.hypot(x, y) == pytest.approx(peak.l1_coherence, abs=1e-14)


@pytest.mark.parametrize(
    ("rwa", "n", "temperature", "tau"),
    [
        (True, 1, 0.0, None),  # the example of issue 13, item 8
        (True, 3, 0.5, 0.051),
        (False, 1, 0.3, 0.051),
        (False, 3, 1.0, 0.051),
    ],
)
def test_peak_time_and_purity_are_located_to_rounding(rwa, n, temperature, tau):
    # a search on C alone stops at ~√ε relative in t: t* off by ~1e-8, purity by ~3e-10
    m = CollisionModel(
        target=Qubit(1.0),
        unit=Qubit(1.0),
        coupling=Composite(0.15, 0.15, rwa=rwa),
        temperature=temperature,
        cluster_size=n,
        tau=tau,
    )
    peak = m.transient_peak()
    t_ref, c_ref, purity_ref = bloch_peak_precise(m, t_end=15.0)
    assert abs(peak.time - t_ref) < 1e-10
    assert abs(peak.purity - purity_ref) < 1e-13
    assert abs(peak.l1_coherence - c_ref) < 1e-14
    assert peak.info["peak_located_by"] == "derivative_root"
    assert peak.info["abs_dC_dt"] < 1e-15


def test_how_the_peak_was_located_is_recorded():
    strong = _model(f1=0.6 / math.sqrt(2), f2=0.6, n=3, temperature=0.5).transient_peak()
    assert strong.info["peak_located_by"] == "limit"
    assert strong.info["abs_dC_dt"] == 0.0
    # pure dephasing of a coherent state: C(t) = 0.6 exp(-γt) falls from the start
    rho0 = np.array([[0.5, 0.3], [0.3, 0.5]], dtype=complex)
    start = _model(f1=0.3, f2=0.0, temperature=0.5).transient_peak(rho0)
    assert start.time == 0.0
    assert start.info["peak_located_by"] == "initial_state"
    L = _model(f1=0.3, f2=0.0, temperature=0.5).liouvillian()
    dephasing_rate = -(L @ rho0.reshape(-1))[1].real / 0.3
    assert start.info["abs_dC_dt"] == pytest.approx(0.6 * dephasing_rate, rel=1e-14)


def test_bounded_search_takes_over_when_the_slope_root_is_not_a_maximum(monkeypatch):
    # stand-in for a root finder that lands on a kink (a minimum of C): its point is refused
    exact = _model(rwa=False, n=1, temperature=0.3).transient_peak()
    monkeypatch.setattr(transient, "brentq", lambda _f, _a, _b, **_kw: 0.0)
    fallback = _model(rwa=False, n=1, temperature=0.3).transient_peak()
    assert fallback.info["peak_located_by"] == "bounded_search"
    assert fallback.l1_coherence == pytest.approx(exact.l1_coherence, abs=1e-15)
    assert fallback.time == pytest.approx(exact.time, abs=1e-6)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_coherence_slope_is_the_right_derivative_of_the_l1_coherence(seed):
    rng = np.random.default_rng(seed)
    d = 3
    rho = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
    rho[0, 2] = rho[2, 0] = 0.0  # a kink of C: these elements add |ρ̇_ij| (right derivative)
    rate = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))

    def c(h):
        m = rho + h * rate
        return np.abs(m).sum() - np.abs(np.diagonal(m)).sum()

    slope = transient._coherence_slope(rho.reshape(-1), rate.reshape(-1), d)
    h = 1e-7
    assert slope == pytest.approx((c(h) - c(0.0)) / h, abs=1e-5)  # smooth terms: O(h)
    kink = abs(rate[0, 2]) + abs(rate[2, 0])
    assert slope - 2 * kink == pytest.approx((c(0.0) - c(-h)) / h, abs=1e-5)  # left slope
    shifted = transient._coherence_slope((rho + np.eye(d)).reshape(-1), rate.reshape(-1), d)
    assert shifted == pytest.approx(slope, rel=1e-14)  # the diagonal does not enter C


def test_peak_state_is_the_evolved_state_at_the_optimal_time():
    m = _model(rwa=False, n=3, temperature=0.5)
    peak = m.transient_peak()
    ds = m.evolve([peak.time])
    np.testing.assert_allclose(ds.rho.values[0], peak.rho, atol=1e-12)


def test_certificate_no_later_time_beats_the_peak():
    m = _model(rwa=True, n=1, temperature=0.2)
    peak = m.transient_peak()
    horizon = 3 * peak.info["certified_until"]
    later = m.evolve(np.linspace(0.0, horizon, 4001)).l1_coherence.values
    assert later.max() <= peak.l1_coherence + 1e-10


@pytest.mark.parametrize(("rwa", "n"), [(True, 1), (False, 3)])
def test_collision_peak_is_the_exhaustive_optimum_over_n(rwa, n):
    m = _model(rwa=rwa, n=n, temperature=0.4)
    peak = m.transient_peak(method="collisions")
    counts = np.arange(0, 3 * peak.collisions)
    scan = m.evolve(counts * m.tau, method="collisions").l1_coherence.values
    assert peak.collisions == int(np.argmax(scan))
    assert peak.l1_coherence == pytest.approx(scan.max(), abs=1e-13)
    assert peak.time == pytest.approx(peak.collisions * m.tau, rel=1e-15)
    assert "collisions=" in repr(peak)


def test_collision_peak_tends_to_the_master_equation_peak_as_tau_shrinks():
    # the channel is exp(τ𝓛) + O(τ²) per step, so the optimum over n moves by O(τ)
    me = _model(rwa=True, n=3).transient_peak().l1_coherence
    gaps = []
    for tau in (0.04, 0.02, 0.01):
        m = CollisionModel(
            target=Qubit(1.0),
            unit=Qubit(1.0),
            coupling=Composite(0.15, 0.15),
            temperature=0.0,
            cluster_size=3,
            tau=tau,
        )
        gaps.append(abs(m.transient_peak(method="collisions").l1_coherence - me))
    assert gaps[0] > gaps[1] > gaps[2]
    assert gaps[2] < 1e-3


def test_strong_coupling_peak_is_the_steady_state_reached_only_at_infinity():
    # Fig. 2(a) couplings with N = 3: C(t) approaches C_ss from below (no overshoot)
    m = _model(f1=0.6 / math.sqrt(2), f2=0.6, n=3, temperature=0.5)
    peak = m.transient_peak()
    assert peak.time == math.inf
    assert not peak.in_transient
    assert peak.l1_coherence == pytest.approx(m.steady_state().l1_coherence, abs=1e-10)
    grid = m.evolve(np.linspace(0, 40, 2001)).l1_coherence.values
    assert grid.max() <= peak.l1_coherence + 1e-10


def test_fig2a_couplings_with_one_unit_overshoot_the_steady_state():
    # PRA104 end of Sec. II B says the optimum "coincides with the SSC" for the Fig. 2(a)
    # parameters; for N = 1 it does not (docs/discrepancies.md): C(t) overshoots C_ss by 18%
    m = _model(f1=0.6 / math.sqrt(2), f2=0.6, n=1, temperature=0.0)
    peak = m.transient_peak()
    c_ss = m.steady_state().l1_coherence
    assert peak.in_transient
    assert peak.l1_coherence / c_ss == pytest.approx(1.1778, abs=1e-4)
    assert peak.l1_coherence == pytest.approx(bloch_oracle(m, 60.0)[1], abs=1e-12)


def test_non_unique_limit_dephasing_only():
    # f2 = 0: pure dephasing, populations conserved (no unique steady state); a coherent
    # initial state only loses coherence, so the optimum is t = 0
    m = _model(f1=0.3, f2=0.0, temperature=0.5)
    rho0 = np.array([[0.5, 0.3], [0.3, 0.5]], dtype=complex)
    peak = m.transient_peak(rho0)
    assert peak.time == 0.0
    assert peak.l1_coherence == pytest.approx(0.6, abs=1e-15)
    # from the thermal state nothing ever happens: C stays 0, the limit is the initial state
    still = m.transient_peak()
    assert still.l1_coherence == 0.0
    np.testing.assert_allclose(still.rho, m.evolve([0.0]).rho.values[0], atol=1e-12)


def test_rabi_form_at_infinite_temperature_never_has_coherence():
    m = _model(rwa=False, temperature=math.inf)
    peak = m.transient_peak()
    assert peak.l1_coherence == pytest.approx(0.0, abs=1e-14)
    assert peak.purity == pytest.approx(0.5, abs=1e-14)


def test_bilinear_form_of_eq_1_gives_the_same_peak():
    bil = CollisionModel(
        target=Qubit(1.0),
        unit=Qubit(1.0),
        coupling=Bilinear(0.15 * sigma_z() + 0.15 * sigma_minus(), sigma_minus()),
        temperature=0.3,
    )
    ref = _model(temperature=0.3).transient_peak()
    peak = bil.transient_peak()
    assert peak.l1_coherence == pytest.approx(ref.l1_coherence, abs=1e-12)
    assert peak.time == pytest.approx(ref.time, abs=1e-6)


def test_initial_state_may_be_a_qutip_object():
    rho0 = qutip.Qobj(np.diag([0.2, 0.8]).astype(complex))
    m = _model(temperature=0.5)
    a = m.transient_peak(rho0)
    b = m.transient_peak(np.diag([0.2, 0.8]))
    assert a.l1_coherence == pytest.approx(b.l1_coherence, abs=1e-15)


def test_oscillator_target_peak_matches_a_dense_scan():
    # Eq. (23) dynamics (RWA), which has a steady state; dim 6 keeps the top level < 1e-6
    m = CollisionModel(
        target=Oscillator(1.0, 6),
        unit=Qubit(1.0),
        coupling=Composite(0.2, 0.2),
        temperature=0.3,
        truncation_tol=1e-6,
    )
    peak = m.transient_peak()
    assert peak.bloch is None
    grid = np.linspace(max(peak.time - 0.3, 0.0), peak.time + 0.3, 601)
    scan = m.evolve(grid).l1_coherence.values
    assert scan.max() <= peak.l1_coherence + 1e-12
    assert scan.max() == pytest.approx(peak.l1_coherence, abs=1e-6)


def test_oscillator_target_truncation_is_detected():
    m = CollisionModel(
        target=Oscillator(1.0, 3),
        unit=Qubit(1.0),
        coupling=Composite(0.3, 0.3, rwa=False),
        temperature=0.3,
    )
    top = np.diag([0.0, 0.0, 1.0]).astype(complex)
    with pytest.raises(TruncationError, match="top Fock level"):
        m.transient_peak(top)


def test_stationary_projector_is_the_long_time_limit():
    L = _model(f1=0.4, f2=0.6, rwa=True, n=2, temperature=0.4).liouvillian()
    P = stationary_projector(L)
    np.testing.assert_allclose(P @ P, P, atol=1e-12)
    np.testing.assert_allclose(L @ P, 0.0, atol=1e-12)
    from scipy.linalg import expm  # noqa: PLC0415

    np.testing.assert_allclose(expm(L * 400.0), P, atol=1e-10)


def test_result_repr_and_fields():
    peak = _model().transient_peak()
    assert isinstance(peak, TransientPeak)
    text = repr(peak)
    assert text.startswith("TransientPeak(method='master_equation'")
    assert "collisions" not in text
    assert peak.collisions is None
    assert peak.info["grid_step"] > 0


# --------------------------------------------------------------------------- bad input
def test_unknown_method_is_rejected():
    with pytest.raises(ParameterError, match="method must be one of"):
        _model().transient_peak(method="closed_form")


def test_collisions_need_tau():
    m = CollisionModel(
        target=Qubit(1.0), unit=Qubit(1.0), coupling=Composite(0.1, 0.1), temperature=0.1
    )
    with pytest.raises(ParameterError, match="tau is required"):
        m.transient_peak(method="collisions")


@pytest.mark.parametrize(("name", "value"), [("atol", 0.0), ("atol", -1e-3), ("max_steps", 0)])
def test_bad_settings_are_rejected(name, value):
    with pytest.raises(ParameterError, match=name):
        _model().transient_peak(**{name: value})


def test_undamped_dynamics_is_refused():
    with pytest.raises(MethodNotApplicableError, match="undamped"):
        _model(f1=0.0, f2=0.0).transient_peak(np.full((2, 2), 0.5))
    with pytest.raises(MethodNotApplicableError, match="undamped"):
        _model(f1=0.0, f2=0.0).transient_peak(np.full((2, 2), 0.5), method="collisions")


def test_too_few_steps_raise_a_convergence_error():
    with pytest.raises(ConvergenceError, match="max_steps=1"):
        _model(rwa=False).transient_peak(max_steps=1)


def test_bad_initial_state_is_rejected():
    with pytest.raises(ParameterError, match="trace 1"):
        _model().transient_peak(np.eye(2))
    with pytest.raises(ParameterError, match="2x2"):
        _model().transient_peak(np.eye(3) / 3)
    with pytest.raises(ParameterError, match="Hermitian"):
        _model().transient_peak(np.array([[0.5, 0.3], [0.0, 0.5]]))


def test_model_without_a_master_equation_is_refused():
    # A = σx^B has <A>_B != 0 at T = 0: tr_B(V rho_B) != 0, no τ → 0 limit
    m = CollisionModel(
        target=Qubit(1.0), unit=Qubit(1.0), coupling=Bilinear(sigma_x(), sigma_z()), temperature=0
    )
    with pytest.raises(MethodNotApplicableError, match="tr_B"):
        m.transient_peak()


def test_collision_route_detects_fock_leakage_of_oscillator_units():
    m = CollisionModel(
        target=Qubit(1.0),
        unit=Oscillator(1.0, 2),
        coupling=Composite(0.15, 0.15),
        temperature=0.02,
        tau=0.051,
    )
    with pytest.raises(TruncationError, match="top Fock level"):
        m.transient_peak(method="collisions")
