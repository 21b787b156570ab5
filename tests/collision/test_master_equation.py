"""collision/master_equation.py: the moment-based generator of Eq. (A5).

Routes compared: (i) the literal partial trace -½tr_B[V,[V,ρ⊗ρ_B]] on the dense
target ⊗ cluster space, (ii) the hand-written Lindblad forms of Eqs. (2), (13), (A6), (A7),
(iii) the collapse operators built from single-unit moments (the production route).
"""

import math

import numpy as np
import pytest

import autocoherence as ac
from autocoherence.collision.generator.master_equation import (
    dissipator_partial_trace,
    evolve_liouvillian,
    liouvillian,
)
from autocoherence.collision.interactions import Bilinear, Composite
from autocoherence.errors import MethodNotApplicableError, NonUniqueSteadyStateError
from autocoherence.spaces import sigma_minus, sigma_plus, sigma_x, sigma_z


def _random_state(d, seed):
    rng = np.random.default_rng(seed)
    g = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
    rho = g @ g.conj().T
    return rho / np.trace(rho)


def _lindblad_superop(x):
    d = x.shape[0]
    eye = np.eye(d)
    xdx = x.conj().T @ x
    return np.kron(x, x.conj()) - 0.5 * (np.kron(xdx, eye) + np.kron(eye, xdx.T))


def _apply(L, rho):
    return (L @ rho.reshape(-1)).reshape(rho.shape)


CASES = [
    ("qubit-rwa", ac.Qubit(1.0), ac.Qubit(0.8), Composite(0.3, 0.5), 1, 0.4),
    ("qubit-rwa-N3", ac.Qubit(1.0), ac.Qubit(1.0), Composite(-0.2, 0.6), 3, 0.7),
    ("qubit-rabi-N2", ac.Qubit(1.1), ac.Qubit(1.0), Composite(0.3, 0.2, rwa=False), 2, 0.0),
    ("osc-unit-N2", ac.Qubit(1.0), ac.Oscillator(1.0, 14), Composite(0.3, 0.4), 2, 0.25),
    (
        "bilinear-random",
        ac.Qubit(0.9),
        ac.Qubit(1.0),
        Bilinear(np.array([[0.2 + 0.1j, -0.3], [0.4j, 0.05]]), np.array([[0.0, 0.0], [1.0, 0.0]])),
        2,
        0.5,
    ),
]


@pytest.mark.parametrize(("name", "target", "unit", "coupling", "n", "temp"), CASES)
def test_generator_equals_literal_partial_trace(name, target, unit, coupling, n, temp):
    """Collapse operators from single-unit moments reproduce -½tr_B[V,[V,ρ⊗ρ_B]] (1e-12)."""
    model = ac.CollisionModel(
        target=target,
        unit=unit,
        coupling=coupling,
        temperature=temp,
        cluster_size=n,
        truncation_tol=1e-6,
    )
    V = model.interaction()
    rho_b = np.diag(model.bath_populations())
    H, c_ops = model.lindblad()
    L = liouvillian(np.zeros_like(H), c_ops)
    for seed in range(3):
        rho = _random_state(target.dim, seed)
        assert np.allclose(_apply(L, rho), dissipator_partial_trace(rho, V, rho_b), atol=1e-12)


@pytest.mark.parametrize("temperature", [0.0, 0.3, 2.0, math.inf])
@pytest.mark.parametrize("n", [1, 4, 1000])
def test_reduces_to_eq2(temperature, n):
    """Eq. (2) with the cluster moments of Eq. (7): ⟨S₋S₊⟩𝓛[f1σz+f2σ₋] + ⟨S₊S₋⟩𝓛[f1σz+f2σ₊]."""
    f1, f2 = 0.35, 0.6
    model = ac.CollisionModel(
        target=ac.Qubit(1.0),
        unit=ac.Qubit(1.0),
        coupling=Composite(f1, f2),
        temperature=temperature,
        cluster_size=n,
    )
    a, c = ac.states.cluster_moments(model.unit, n, temperature)
    down, up = (a + c) / 2, (a - c) / 2  # ⟨S₋S₊⟩, ⟨S₊S₋⟩
    H = model.target.hamiltonian()
    L_eq2 = (
        liouvillian(H, [])
        + down * _lindblad_superop(f1 * sigma_z() + f2 * sigma_minus())
        + up * _lindblad_superop(f1 * sigma_z() + f2 * sigma_plus())
    )
    assert np.allclose(model.liouvillian(), L_eq2, atol=1e-10 * max(1, n))


@pytest.mark.parametrize("unit", [ac.Qubit(1.0), ac.Oscillator(1.0, 40)])
def test_reduces_to_eq13_rabi(unit):
    """Eq. (13)/(A7): ⟨{A, A†}⟩𝓛[f1σz + f2σx] for the Rabi form (qubit and oscillator units)."""
    f1, f2, n, temp = 0.25, 0.45, 2, 0.5
    model = ac.CollisionModel(
        target=ac.Qubit(1.3),
        unit=unit,
        coupling=Composite(f1, f2, rwa=False),
        temperature=temp,
        cluster_size=n,
    )
    a, _ = ac.states.cluster_moments(unit, n, temp)
    L13 = liouvillian(model.target.hamiltonian(), []) + a * _lindblad_superop(
        f1 * sigma_z() + f2 * sigma_x()
    )
    assert np.allclose(model.liouvillian(), L13, atol=1e-9)


def test_reduces_to_a6_for_bilinear():
    """Eq. (A6): ⟨AA†⟩𝓛[s] + ⟨A†A⟩𝓛[s†] for a non-Hermitian s and A = σ₋^B."""
    s = np.array([[0.1, 0.3 - 0.2j], [0.25j, -0.1]])
    temp = 0.6
    model = ac.CollisionModel(
        target=ac.Qubit(1.0),
        unit=ac.Qubit(1.0),
        coupling=Bilinear(s, sigma_minus()),
        temperature=temp,
    )
    nf = ac.states.fermi_occupation(1.0, temp)
    La6 = (
        liouvillian(model.target.hamiltonian(), [])
        + (1 - nf) * _lindblad_superop(s)
        + nf * _lindblad_superop(s.conj().T)
    )
    assert np.allclose(model.liouvillian(), La6, atol=1e-12)


def test_nonzero_first_order_term_refused():
    """tr_B(Vρ_B) ≠ 0 (A = σz^B, ⟨σz⟩ ≠ 0 at finite T): no τ → 0 limit, clear error."""
    model = ac.CollisionModel(
        target=ac.Qubit(1.0),
        unit=ac.Qubit(1.0),
        coupling=Bilinear(0.3 * sigma_x(), sigma_z()),
        temperature=0.5,
        tau=0.05,
    )
    with pytest.raises(MethodNotApplicableError, match="method='collisions'"):
        model.steady_state(method="master_equation")
    # the finite-tau collision route still applies
    assert 0 <= model.steady_state(method="collisions").purity <= 1


def test_pure_dephasing_has_no_unique_steady_state():
    model = ac.CollisionModel(
        target=ac.Qubit(1.0), unit=ac.Qubit(1.0), coupling=Composite(0.4, 0.0), temperature=0.3
    )
    with pytest.raises(NonUniqueSteadyStateError, match="stationary states"):
        model.steady_state(method="master_equation")


def test_evolution_reaches_steady_state_and_preserves_trace():
    model = ac.CollisionModel(
        target=ac.Qubit(1.0),
        unit=ac.Qubit(1.0),
        coupling=Composite(0.4, 0.6),
        temperature=0.3,
        cluster_size=2,
    )
    L = model.liouvillian()
    rho0 = np.diag([0.0, 1.0]).astype(complex)
    times = np.array([0.0, 1.0, 0.5, 200.0])
    states = evolve_liouvillian(L, rho0, times)
    assert np.allclose(states[0], rho0)
    assert np.allclose(np.trace(states, axis1=1, axis2=2), 1.0, atol=1e-13)
    assert np.allclose(states[3], model.steady_state(method="master_equation").rho, atol=1e-10)
    # out-of-order times give the same states as an ordered grid
    again = evolve_liouvillian(L, rho0, np.array([0.5, 1.0]))
    assert np.allclose(again, states[[2, 1]], atol=1e-13)
