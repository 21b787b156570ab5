"""Z2 criterion of Local App. A: [Z, H] = 0 => no local coherence (Eqs. (3), (A3)-(A4));
for two qubits the converse holds for generic H (Eq. (4), (A6))."""

from __future__ import annotations

import math

import numpy as np
import pytest
import qutip
from hypothesis import given, settings
from hypothesis import strategies as st

from autocoherence.spins import (
    SpinNetwork,
    direct,
    direct_n,
    indirect,
    indirect_n,
    transferred,
    transferred_n,
    xyz,
)
from autocoherence.spins.symmetry import is_z2_symmetric, z2_breaking_norm, z2_generator

TEMPERATURES = st.one_of(
    st.sampled_from([0.0, math.inf]), st.floats(min_value=0.01, max_value=100.0)
)


def test_generator_is_tensor_of_sigma_z():
    ref = qutip.tensor(*[qutip.sigmaz()] * 3).full()
    np.testing.assert_array_equal(z2_generator(3), ref)


@pytest.mark.parametrize(
    ("net", "symmetric"),
    [
        (direct(1.0, 0.5, 0.7), False),
        (indirect(1.0, 1.0, 0.5, 0.5), False),
        (transferred(1.0, 1.0, 1.3, 0.5, 0.5), False),
        (direct_n(1.0, 0.5, 0.2, n=3), False),
        (indirect_n(1.0, 0.5, 0.5, 0.5, n=2), False),
        (transferred_n(1.0, 0.5, 0.5, 1.3, 0.5, n=2), False),
        (xyz(1.0, 0.5, 0.3, 0.2, 0.1), True),
        (SpinNetwork.from_terms({"X0 X1": 1.0, "Y1 Y2": 0.3, "Z0": 1.0, "X0 Y1 Z2": 0.2}), True),
        (SpinNetwork.from_terms({"X0 X1": 1.0, "Y1 Y2": 0.3, "X0 Y1 X2": 0.2}), False),
    ],
)
def test_presets_and_terms(net, symmetric):
    assert net.is_z2_symmetric() is symmetric
    # term route and matrix route agree
    assert SpinNetwork.from_operator(net.hamiltonian).is_z2_symmetric() is symmetric
    assert (z2_breaking_norm(net.hamiltonian) == 0.0) is symmetric
    comm = z2_generator(net.n_sites) @ net.hamiltonian - net.hamiltonian @ z2_generator(net.n_sites)
    assert bool(np.abs(comm).max() == 0.0) is symmetric


def test_zero_coefficient_odd_term_is_symmetric():
    assert SpinNetwork.from_terms({"Z0": 1.0, "X0 Z1": 0.0}).is_z2_symmetric()


def test_operator_tolerance():
    h = xyz(1.0, 0.5, 0.3, 0.2, 0.1).hamiltonian
    h = h + 1e-14 * direct(0.0, 0.0, 1.0).hamiltonian
    assert is_z2_symmetric(h)
    assert not is_z2_symmetric(h, atol=1e-16)


@st.composite
def z2_symmetric_terms(draw):
    n = draw(st.integers(min_value=2, max_value=5))
    strings = st.lists(st.sampled_from("IXYZ"), min_size=n, max_size=n)
    raw = draw(
        st.lists(
            st.tuples(strings, st.floats(min_value=-2.0, max_value=2.0, allow_subnormal=False)),
            min_size=1,
            max_size=8,
        )
    )
    terms = []
    for drawn, coeff in raw:
        letters = list(drawn)
        if sum(c in "XY" for c in letters) % 2:  # make the number of X/Y letters even
            k = next(i for i, c in enumerate(letters) if c in "XY")
            letters[k] = "Z"
        text = " ".join(f"{c}{k}" for k, c in enumerate(letters))
        terms.append((text, coeff))
    return n, terms


@settings(max_examples=40, deadline=None)
@given(case=z2_symmetric_terms(), temperature=TEMPERATURES)
def test_z2_symmetric_networks_have_no_local_coherence(case, temperature):
    n, terms = case
    net = SpinNetwork.from_terms(terms, n_sites=n)
    assert net.is_z2_symmetric()
    g = net.gibbs(temperature)
    for site in range(n):
        assert g.l1_coherence(site) < 1e-12


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(min_value=2, max_value=5),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    temperature=TEMPERATURES,
)
def test_z2_symmetric_operators_have_no_local_coherence(n, seed, temperature):
    rng = np.random.default_rng(seed)
    d = 2**n
    a = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
    h = (a + a.conj().T) / 2
    parity = np.diag(z2_generator(n)).real
    h[parity[:, None] != parity[None, :]] = 0.0  # keep only parity-preserving elements
    net = SpinNetwork.from_operator(h)
    assert net.is_z2_symmetric()
    g = net.gibbs(temperature)
    assert max(g.l1_coherence(site) for site in range(n)) < 1e-12


PAULI_2Q = [f"{a}0 {b}1" for a in "IXYZ" for b in "IXYZ"][1:]


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    temperature=st.one_of(st.just(0.0), st.floats(min_value=0.05, max_value=5.0)),
)
def test_generic_two_qubit_symmetry_breaking_gives_coherence(seed, temperature):
    # Local Eq. (4): for two qubits, breaking Z2 gives local coherence. It holds for
    # generic H (all 15 Pauli coefficients random), not for every H: see the next test.
    rng = np.random.default_rng(seed)
    net = SpinNetwork.from_terms(dict(zip(PAULI_2Q, rng.normal(size=15), strict=True)))
    assert not net.is_z2_symmetric()
    g = net.gibbs(temperature)
    assert max(g.l1_coherence(0), g.l1_coherence(1)) > 1e-6


@pytest.mark.parametrize("temperature", [0.0, 0.1, 1.0, 10.0])
def test_converse_of_eq4_fails_for_direct_model_with_omega2_zero(temperature):
    # Eq. (5) with ω2 = 0 breaks Z2 (γ σx_1 σz_2), yet Eq. (6) gives C1 = 0 and C2 = 0 at
    # every T: the "<=" of Eq. (4) needs generic parameters (docs/discrepancies.md).
    net = direct(omega1=1.0, omega2=0.0, gamma=0.7)
    assert not net.is_z2_symmetric()
    g = net.gibbs(temperature)
    assert g.l1_coherence(0) < 1e-14
    assert g.l1_coherence(1) < 1e-14


def test_xyz_has_no_local_coherence_eqA7():
    for t in (0.0, 0.2, 3.0):
        g = xyz(1.0, 0.5, 0.8, 0.3, -0.4).gibbs(t)
        assert g.l1_coherence(0) < 1e-14
        assert g.l1_coherence(1) < 1e-14
