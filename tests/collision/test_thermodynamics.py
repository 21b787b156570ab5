"""collision/thermodynamics.py: heat, work and energy rates, PRA104 Eqs. (24)-(27).

Routes compared:

* Eq. (24) from single-unit moments (production) ↔ literal double commutators on
  target ⊗ cluster (``dense_rates``, N ≤ 3) — exact ↔ exact, 1e-12;
* dE/dt of (24c) ↔ tr(H_S 𝓛ρ) of the Lindbladian (A5) — exact ↔ exact, 1e-12;
* the closed forms (25)-(27) (moment form, any N) ↔ the numerics — exact, 1e-12 (oscillator
  units: Fock truncation chosen so the thermal tail is < 1e-13);
* the printed (25), (26), (27) and the Rabi work rate ↔ the numerics at N = 1 (exact), and
  their failure for N > 1 (pinned; docs/discrepancies.md);
* the high-temperature limit below (27): an asymptote, relative excess
  (f2²/2f1²) ε/(1 + ε), ε = ω²/(a²KL).
"""

import math

import numpy as np
import pytest

from autocoherence import measures
from autocoherence.collision import Bilinear, CollisionModel, Composite, closed_form
from autocoherence.collision import thermodynamics as th
from autocoherence.errors import MethodNotApplicableError, ParameterError
from autocoherence.spaces import Oscillator, Qubit, sigma_minus, sigma_x, sigma_z
from autocoherence.states import bose_occupation, cluster_moments, fermi_occupation

RNG = np.random.default_rng(20211210)


def random_state(d: int) -> np.ndarray:
    a = RNG.normal(size=(d, d)) + 1j * RNG.normal(size=(d, d))
    rho = a @ a.conj().T
    return rho / np.trace(rho)


def _model(f1=0.4, f2=0.6, *, rwa=True, n=1, temperature=0.5, unit=None, target=None, **kw):
    return CollisionModel(
        target=target or Qubit(1.0),
        unit=unit or Qubit(1.0),
        coupling=kw.pop("coupling", None) or Composite(f1, f2, rwa=rwa),
        temperature=temperature,
        cluster_size=n,
        **kw,
    )


def rates(r: th.ThermodynamicRates) -> np.ndarray:
    return np.array([r.heat_rate, r.work_rate, r.energy_rate])


# --------------------------------------------------------------- moments ↔ dense ↔ (A5)
@pytest.mark.parametrize("n", [1, 2, 3])
@pytest.mark.parametrize("rwa", [True, False])
@pytest.mark.parametrize("unit", [Qubit(1.3), Oscillator(0.8, 5)])
def test_moment_route_equals_dense_double_commutators(n, rwa, unit):
    m = _model(0.3, -0.5, rwa=rwa, n=n, temperature=0.4, unit=unit, truncation_tol=1e-4)
    rho = random_state(2)
    r = m.thermodynamics(rho)
    np.testing.assert_allclose(rates(r), th.dense_rates(m, rho), atol=1e-12)
    # first law, and (24c) = tr(H_S 𝓛ρ) from the Lindbladian of (A5)
    assert r.heat_rate + r.work_rate == pytest.approx(r.energy_rate, abs=1e-14)
    assert r.energy_rate == pytest.approx(r.info["lindblad_energy_rate"], abs=1e-12)


def test_dense_route_obeys_the_first_law_with_work_from_h_s_plus_h_b():
    m = _model(n=2, temperature=0.7)
    q, w, e = th.dense_rates(m, random_state(2))
    assert q + w == pytest.approx(e, abs=1e-13)


def test_bilinear_coupling_and_oscillator_target():
    # V = s† ⊗ A + s ⊗ A† with a non-Hermitian s on a 4-level oscillator target
    target = Oscillator(1.0, 4)
    a = target.lowering()
    s = 0.2 * target.number() + 0.3 * a + 0.1j * a @ a
    m = _model(target=target, unit=Qubit(0.7), n=2, coupling=Bilinear(s, sigma_minus()))
    rho = random_state(4)
    r = m.thermodynamics(rho)
    np.testing.assert_allclose(rates(r), th.dense_rates(m, rho), atol=1e-12)
    assert r.energy_rate == pytest.approx(r.info["lindblad_energy_rate"], abs=1e-12)


def test_energy_rate_is_the_lindbladian_rate_along_a_trajectory():
    m = _model(rwa=False, n=3, temperature=0.3)
    for rho in m.evolve([0.0, 0.7, 3.1]).rho.values:
        r = m.thermodynamics(rho)
        assert r.energy_rate == pytest.approx(r.info["lindblad_energy_rate"], abs=1e-12)
        assert r.heat_rate + r.work_rate == pytest.approx(r.energy_rate, abs=1e-14)


# ---------------------------------------------------------------------- closed forms
@pytest.mark.parametrize("n", [1, 3])
@pytest.mark.parametrize("rwa", [True, False])
@pytest.mark.parametrize("unit", [Qubit(1.3), Oscillator(0.8, 16)])
def test_composite_rates_equal_the_numerics_for_any_state_and_detuning(n, rwa, unit):
    m = _model(0.35, 0.55, rwa=rwa, n=n, temperature=0.4, unit=unit)
    rho = random_state(2)
    x, _, z = measures.bloch_vector(rho)
    a, c = cluster_moments(unit, n, 0.4)
    closed = th.composite_rates(0.35, 0.55, 1.0, unit.omega, a, c, x, z, rwa=rwa)
    np.testing.assert_allclose(rates(m.thermodynamics(rho)), closed, atol=1e-12)


def eq25_printed(f1, f2, omega, omega_b, temperature, rho):
    """PRA104 Eqs. (25a)-(25c) as printed (single bath qubit)."""
    nf = fermi_occupation(omega_b, temperature)
    pe = float(np.real(rho[0, 0]))  # ⟨σ₊σ₋⟩ = excited population
    sx = measures.bloch_vector(rho)[0]
    q = f2**2 * omega_b * (nf - pe) + f1**2 * omega_b * (2 * nf - 1) + f1 * f2 * omega_b * sx
    w = (
        (omega - omega_b) * f2**2 * (nf - pe)
        - f1**2 * omega_b * (2 * nf - 1)
        + (omega - 2 * omega_b) * f1 * f2 * sx / 2
    )
    e = f2**2 * omega * (nf - pe) + 0.5 * f1 * f2 * omega * sx
    return np.array([q, w, e])


def eq27_printed(f1, f2, omega, omega_b, temperature, rho):
    """PRA104 Eqs. (27a)-(27c) as printed (single bath oscillator)."""
    nt = bose_occupation(omega_b, temperature)
    pe = float(np.real(rho[0, 0]))
    sx = measures.bloch_vector(rho)[0]
    k = nt - (2 * nt + 1) * pe
    q = f2**2 * omega_b * k - f1**2 * omega_b + f1 * f2 * omega_b * (2 * nt + 1) * sx
    w = (
        (omega - omega_b) * f2**2 * k
        + f1**2 * omega_b
        + (omega - 2 * omega_b) * f1 * f2 * (2 * nt + 1) * sx / 2
    )
    e = f2**2 * omega * k + f1 * f2 * omega * (2 * nt + 1) * sx / 2
    return np.array([q, w, e])


@pytest.mark.parametrize("temperature", [0.0, 0.4, 2.0])
def test_eq_25_as_printed_holds_for_one_bath_qubit(temperature):
    m = _model(0.35, 0.55, unit=Qubit(1.3), temperature=temperature)
    rho = random_state(2)
    np.testing.assert_allclose(
        rates(m.thermodynamics(rho)),
        eq25_printed(0.35, 0.55, 1.0, 1.3, temperature, rho),
        atol=1e-12,
    )


@pytest.mark.parametrize("temperature", [0.0, 0.4, 1.0])
def test_eq_27_as_printed_holds_for_one_bath_oscillator(temperature):
    m = _model(0.35, 0.55, unit=Oscillator(0.8, 30), temperature=temperature)
    rho = random_state(2)
    np.testing.assert_allclose(
        rates(m.thermodynamics(rho)),
        eq27_printed(0.35, 0.55, 1.0, 0.8, temperature, rho),
        atol=1e-12,
    )


def test_eqs_25_27_scale_with_the_cluster_size():
    # printed without N: for clusters every term is N times the one-unit expression
    # (thermal units have ⟨A⟩ = 0, so the two-unit moments vanish) — docs/discrepancies.md
    rho = random_state(2)
    for unit, printed in ((Qubit(1.3), eq25_printed), (Oscillator(0.8, 30), eq27_printed)):
        m3 = _model(0.35, 0.55, unit=unit, n=3, temperature=0.4)
        numerics = rates(m3.thermodynamics(rho))
        one_unit = printed(0.35, 0.55, 1.0, unit.omega, 0.4, rho)
        np.testing.assert_allclose(numerics, 3 * one_unit, atol=1e-12)
        assert not np.allclose(numerics, one_unit, atol=1e-3)


def test_eqs_25_and_27_coincide_for_bath_units_in_their_ground_state():
    rho = random_state(2)
    qubits = _model(unit=Qubit(1.0), temperature=0.0).thermodynamics(rho)
    oscillators = _model(unit=Oscillator(1.0, 4), temperature=0.0).thermodynamics(rho)
    np.testing.assert_allclose(rates(qubits), rates(oscillators), atol=1e-14)


# ------------------------------------------------------------------------ steady state
def eq26_printed(f1, f2, omega, coherence):
    return (
        abs(f1)
        * omega
        * (2 * omega**2 + 4 * f1**4 + f1**2 * f2**2)
        / (abs(f2) * math.sqrt(4 * omega**2 + (4 * f1**2 + f2**2) ** 2))
        * coherence
    )


@pytest.mark.parametrize("temperature", [0.0, 0.5, 2.0])
@pytest.mark.parametrize(("f1", "f2"), [(0.4, 0.6), (-0.2, 0.9), (0.15, 0.15)])
def test_eq_26_as_printed_holds_for_one_unit_at_resonance(temperature, f1, f2):
    m = _model(f1, f2, temperature=temperature)
    r = m.thermodynamics()  # steady state
    c_ss = m.steady_state().l1_coherence
    assert r.energy_rate == pytest.approx(0.0, abs=1e-13)
    assert r.work_rate == pytest.approx(-r.heat_rate, abs=1e-13)
    assert r.work_rate == pytest.approx(eq26_printed(f1, f2, 1.0, c_ss), abs=1e-12)
    assert r.work_rate > 0


@pytest.mark.parametrize(
    ("unit", "n", "omega_b"),
    [(Qubit(1.0), 3, 1.0), (Qubit(1.4), 2, 1.4), (Oscillator(1.0, 30), 2, 1.0)],
)
def test_eq_26_generalised_to_clusters_and_detuning(unit, n, omega_b):
    m = _model(unit=unit, n=n, temperature=0.5)
    a, c = cluster_moments(unit, n, 0.5)
    w_ss = m.thermodynamics().work_rate
    assert w_ss == pytest.approx(float(th.steady_state_work_rate(0.4, 0.6, 1.0, omega_b, a, c)))
    c_ss = m.steady_state().l1_coherence
    assert w_ss == pytest.approx(
        float(th.work_rate_from_coherence(0.4, 0.6, 1.0, omega_b, a, c_ss)), abs=1e-12
    )


def test_eq_26_as_printed_fails_for_clusters():
    m = _model(n=3, temperature=0.5)
    printed = eq26_printed(0.4, 0.6, 1.0, m.steady_state().l1_coherence)
    assert m.thermodynamics().work_rate / printed - 1 == pytest.approx(-0.0123, abs=5e-4)


def test_no_parallel_coupling_means_equilibrium():
    # f1 = 0: energy-conserving hopping only; Ẇ_ss = Q̇_ss = 0 (PRA104 below Eq. (25))
    r = _model(0.0, 0.6, n=2, temperature=0.4).thermodynamics()
    np.testing.assert_allclose(rates(r), 0.0, atol=1e-14)


@pytest.mark.parametrize(
    ("unit", "factor"),
    [(Qubit(1.0), lambda n, t: n * math.tanh(0.5 / t)), (Oscillator(1.0, 30), lambda n, _t: n)],
)
@pytest.mark.parametrize("n", [1, 3])
def test_rabi_work_rate(unit, factor, n):
    # PRA104 below Eq. (26): Ẇ_ss = ω(f1² + f2²) tanh(βω/2) for one bath qubit; N tanh for
    # clusters, N for bath oscillators
    m = _model(0.3, 0.2, rwa=False, unit=unit, n=n, temperature=0.6)
    r = m.thermodynamics()
    expected = (0.3**2 + 0.2**2) * factor(n, 0.6)
    assert r.work_rate == pytest.approx(expected, abs=1e-12)
    a, c = cluster_moments(unit, n, 0.6)
    assert float(th.steady_state_work_rate(0.3, 0.2, 1.0, 1.0, a, c, rwa=False)) == pytest.approx(
        expected, abs=1e-12
    )


def test_rabi_form_costs_more_work_than_rwa_for_the_same_couplings():
    # Ẇ_Rabi - Ẇ_RWA = ω_B(f2² c + f1 f2 a x_ss/2) >= 0 since x_ss has the sign of f1 f2 c
    f1, f2 = np.meshgrid(np.linspace(-0.8, 0.8, 17), np.linspace(0.05, 0.8, 16))
    for temperature in (0.1, 1.0):
        a, c = cluster_moments(Qubit(1.0), 1, temperature)
        rwa = th.steady_state_work_rate(f1, f2, 1.0, 1.0, a, c)
        rabi = th.steady_state_work_rate(f1, f2, 1.0, 1.0, a, c, rwa=False)
        assert np.all(rabi > rwa)
        assert np.all(rwa >= 0)


def test_high_temperature_limit_below_eq_27():
    # the closed form (exact moments at any T) approaches N ω_B f1⁴/(f1² + f2²/2); its relative
    # excess is exactly (f2²/2f1²) ε/(1 + ε), ε = ω²/(a²KL), a = N coth(ω_B/2T) (derived from
    # Ẇ_ss = ω_B(f1² c - f1 f2 a x_ss/2) with x_ss of (B7))
    f1, f2, n = 0.4, 0.6, 1
    limit = float(th.work_rate_high_temperature(f1, f2, 1.0, n))
    K, L = 2 * f1**2 + f2**2 / 2, f1**2 + f2**2 / 2
    for temperature in (5.0, 20.0, 100.0):
        a, c = cluster_moments(Oscillator(1.0, 2), n, temperature)
        w = float(th.steady_state_work_rate(f1, f2, 1.0, 1.0, a, c))
        eps = 1 / (a**2 * K * L)
        assert w / limit - 1 == pytest.approx(f2**2 / (2 * f1**2) * eps / (1 + eps), rel=1e-8)
    # numerics at T = 3 (dim 90: thermal tail 1e-13) agree with the closed form, 16 % above
    # the asymptote
    m = _model(f1, f2, unit=Oscillator(1.0, 90), temperature=3.0)
    a, c = cluster_moments(m.unit, 1, 3.0)
    w3 = m.thermodynamics().work_rate
    assert w3 == pytest.approx(float(th.steady_state_work_rate(f1, f2, 1.0, 1.0, a, c)), rel=1e-10)
    assert w3 / limit - 1 == pytest.approx(0.155, abs=0.005)


def test_n_clusters_scale_the_high_temperature_limit():
    assert float(th.work_rate_high_temperature(0.4, 0.6, 1.0, 3)) == pytest.approx(
        3 * float(th.work_rate_high_temperature(0.4, 0.6, 1.0, 1))
    )


def test_closed_forms_are_vectorised():
    f1 = np.linspace(0.1, 0.5, 5)
    a, c = cluster_moments(Qubit(1.0), 2, 0.3)
    x, _, z = closed_form.steady_state_bloch(f1, 0.6, 1.0, a, c)
    q, w, e = th.composite_rates(f1, 0.6, 1.0, 1.0, a, c, x, z)
    assert q.shape == w.shape == e.shape == (5,)
    np.testing.assert_allclose(e, 0.0, atol=1e-15)
    np.testing.assert_allclose(w, th.steady_state_work_rate(f1, 0.6, 1.0, 1.0, a, c), atol=1e-15)
    q_rabi, _, _ = th.composite_rates(f1, 0.6, 1.0, 1.0, a, c, x, z, rwa=False)
    assert q_rabi.shape == (5,)


# ------------------------------------------------------------------- states and errors
def test_state_may_be_a_result_object_or_qutip():
    import qutip  # noqa: PLC0415

    m = _model(rwa=False, temperature=0.2)
    peak = m.transient_peak()
    from_result = m.thermodynamics(peak)
    from_array = m.thermodynamics(peak.rho)
    from_qobj = m.thermodynamics(qutip.Qobj(peak.rho))
    np.testing.assert_allclose(rates(from_result), rates(from_array), atol=0)
    np.testing.assert_allclose(rates(from_qobj), rates(from_array), atol=0)
    assert "TransientPeak" in from_result.info["state"]
    assert m.thermodynamics(m.steady_state()).rho.shape == (2, 2)
    text = repr(from_array)
    assert text.startswith("ThermodynamicRates(heat_rate=")


@pytest.mark.parametrize(
    ("state", "match"),
    [
        (np.eye(2), "trace 1"),
        (np.eye(3) / 3, "2x2"),
        (np.array([[0.5, 0.2], [0.0, 0.5]]), "Hermitian"),
        (np.array([[1.5, 0.0], [0.0, -0.5]]), "positive semidefinite"),
        (np.array([[np.nan, 0.0], [0.0, 1.0]]), "non-finite"),
    ],
)
def test_bad_states_are_rejected(state, match):
    with pytest.raises(ParameterError, match=match):
        _model().thermodynamics(state)


def test_model_without_a_tau_to_zero_limit_is_refused():
    # A = σz^B: ⟨A⟩_B = -tanh(ω_B/2T) != 0, the first-order term diverges as τ → 0
    m = _model(coupling=Bilinear(sigma_x(), sigma_z()), temperature=0.5)
    with pytest.raises(MethodNotApplicableError, match="tr_B"):
        m.thermodynamics(np.eye(2) / 2)


def test_eq_26_needs_a_unique_steady_state():
    with pytest.raises(ParameterError, match="f2 != 0"):
        th.work_rate_from_coherence(0.3, 0.0, 1.0, 1.0, 1.0, 0.1)


def test_lindblad_energy_rate_of_spontaneous_decay():
    rho_e = np.diag([1.0, 0.0]).astype(complex)
    gamma = 0.3
    rate = th.lindblad_energy_rate(0.5 * sigma_z(), [math.sqrt(gamma) * sigma_minus()], rho_e)
    assert rate == pytest.approx(-gamma)  # d⟨ωσz/2⟩/dt = -ωγ from |e⟩
