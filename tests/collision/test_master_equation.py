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
    steady_state_liouvillian,
)
from autocoherence.collision.interactions import Bilinear, Composite
from autocoherence.errors import (
    MethodNotApplicableError,
    NonUniqueSteadyStateError,
    ParameterError,
)
from autocoherence.spaces import sigma_minus, sigma_plus, sigma_x, sigma_z

EPS = float(np.finfo(float).eps)


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


def _generators():
    """(H, c_ops) of qubit models with 1 to 3 collapse operators (Composite, Bilinear)."""
    models = [
        ac.CollisionModel(
            target=ac.Qubit(1.0),
            unit=ac.Qubit(1.0),
            coupling=coupling,
            temperature=t,
            cluster_size=n,
        )
        for coupling in (
            Composite(0.3, 0.6),
            Bilinear(0.2 * sigma_z() + 0.6 * sigma_minus(), sigma_x()),
        )
        for t in (0.0, 0.7, math.inf)
        for n in (1, 4)
    ]
    return [m.lindblad() for m in models]


def test_stacked_liouvillian_is_each_liouvillian():
    """A stack (P, d, d), (P, K, d, d) is the same arithmetic as one generator at a time (zero
    padding of the collapse operators adds exact zeros); equal here bit for bit, asserted to
    a few ulps in case a BLAS orders the 2x2 products c†c of a stack differently."""
    gens = _generators()
    k_max = max(len(c) for _, c in gens)
    H = np.array([h for h, _ in gens], dtype=complex)
    C = np.zeros((len(gens), k_max, 2, 2), dtype=complex)
    for p, (_, c_ops) in enumerate(gens):
        C[p, : len(c_ops)] = c_ops
    stack = liouvillian(H, C)
    assert stack.shape == (len(gens), 4, 4)
    for p, (h, c_ops) in enumerate(gens):
        ref = liouvillian(h, c_ops)
        assert np.max(np.abs(stack[p] - ref)) <= 4 * EPS * np.max(np.abs(ref))
    # a sequence of stacked operators, and one operator broadcast over the stack of H
    pair = liouvillian(H[:2], [C[:2, 0], sigma_minus()])
    for p in range(2):
        ref = liouvillian(H[p], [C[p, 0], sigma_minus()])
        assert np.max(np.abs(pair[p] - ref)) <= 4 * EPS * np.max(np.abs(ref))


def test_liouvillian_rejects_collapse_arrays_without_the_operator_axis():
    with pytest.raises(ParameterError, match=r"c_ops as an array.*\(2, 2, 2\)"):
        liouvillian(np.stack([sigma_z(), sigma_z()]), np.stack([sigma_minus(), sigma_minus()]))


def test_stacked_steady_states_of_large_targets_use_the_sparse_solve():
    """d > 32 (truncated oscillator): each item of the stack by the sparse trace-constrained
    solve, equal to the single call."""
    models = [
        ac.CollisionModel(
            target=ac.Oscillator(1.0, dim=33),
            unit=ac.Qubit(1.0),
            coupling=Composite(0.1, 0.2),
            temperature=t,
        )
        for t in (0.1, 0.3)
    ]
    stack = np.array([m.liouvillian() for m in models])
    rho = steady_state_liouvillian(stack)
    assert rho.shape == (2, 33, 33)
    for k in range(2):
        np.testing.assert_array_equal(rho[k], steady_state_liouvillian(stack[k]))
