"""Local coherence of a spin site in the eigenbasis of its own single-site terms (issue 10
item 5), checked against plain numpy; and the qutip exports (issue 12)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import qutip
from hypothesis import given, settings
from hypothesis import strategies as st

import autocoherence as ac
from autocoherence.measures import l1_coherence
from autocoherence.spins import SpinNetwork

_PAULI = {
    "I": np.eye(2),
    "X": np.array([[0, 1], [1, 0]], dtype=complex),
    "Y": np.array([[0, -1j], [1j, 0]]),
    "Z": np.diag([1.0, -1.0]).astype(complex),
}


def _numpy_reference(terms: dict[str, float], n: int, t: float, site: int) -> float:
    """Gibbs state by eigh, partial trace written out, basis from eigh of the site's terms."""
    h = np.zeros((2**n, 2**n), dtype=complex)
    local = np.zeros((2, 2), dtype=complex)
    for text, c in terms.items():
        letters = ["I"] * n
        for factor in text.split():
            letters[int(factor[1:])] = factor[0]
        op = np.eye(1)
        for letter in letters:
            op = np.kron(op, _PAULI[letter])
        h += c * op
        acting = [k for k, letter in enumerate(letters) if letter != "I"]
        if acting == [site]:
            local += c * _PAULI[letters[site]]
    e, v = np.linalg.eigh(h)
    p = np.exp(-(e - e.min()) / t)
    rho = (v * (p / p.sum())) @ v.conj().T
    r = rho.reshape(2**site, 2, 2 ** (n - site - 1), 2**site, 2, 2 ** (n - site - 1))
    red = np.zeros((2, 2), dtype=complex)
    for a in range(2**site):
        for b in range(2 ** (n - site - 1)):
            red += r[a, :, b, a, :, b]
    if local[0, 1] == 0:  # σz only or nothing: the [e, g] basis
        basis = np.eye(2)
    else:
        _, w = np.linalg.eigh(local / np.max(np.abs(local)))  # only the direction matters
        basis = w[:, ::-1]
    rot = basis.conj().T @ red @ basis
    return float(2 * abs(rot[0, 1]))


def test_a_lone_qubit_in_its_own_gibbs_state_has_no_coherence():
    net = SpinNetwork.from_terms({"Z0": 0.92, "X0": 0.29})
    g = net.gibbs(0.74)
    assert g.l1_coherence(0) == pytest.approx(0.0, abs=1e-15)  # was 0.257 in the σz basis
    assert g.qfi(0) == pytest.approx(0.0, abs=1e-15)
    np.testing.assert_allclose(net.local_coherence(0, [0.0, 0.74, math.inf]), 0.0, atol=1e-15)
    # the operator route finds the same single-site terms (Pauli components of H)
    op_net = SpinNetwork.from_operator(net.hamiltonian)
    assert op_net.local_field(0) == pytest.approx((0.29, 0.0, 0.92), abs=1e-15)
    assert op_net.gibbs(0.74).l1_coherence(0) == pytest.approx(0.0, abs=1e-15)


def test_basis_is_ordered_upper_level_first():
    net = SpinNetwork.from_terms({"X0": 1.0, "Z0 Z1": 0.3, "Z1": 0.2})
    b = net.local_basis(0)
    energies = np.real(np.diag(b.conj().T @ _PAULI["X"] @ b))
    np.testing.assert_allclose(energies, [1.0, -1.0], atol=1e-15)
    assert net.local_basis(1) is None  # Z-only site: the [e, g] basis


@settings(max_examples=25, deadline=None)
@given(
    # 0 or |c| >= 1e-3: the operator route sees a term only above the resolution of H
    coeffs=st.lists(
        st.one_of(st.just(0.0), st.floats(1e-3, 1.0), st.floats(-1.0, -1e-3)),
        min_size=8,
        max_size=8,
    ),
    t=st.floats(0.05, 5.0),
    site=st.integers(0, 2),
)
def test_random_networks_match_plain_numpy(coeffs, t, site):
    names = ["Z0", "X0", "Y1", "Z1", "X2", "X0 Z1", "Y1 X2", "Z0 Z2"]
    terms = dict(zip(names, coeffs, strict=True))
    net = SpinNetwork.from_terms(terms, n_sites=3)
    ref = _numpy_reference(terms, 3, t, site)
    g = net.gibbs(t)
    assert g.l1_coherence(site) == pytest.approx(ref, abs=1e-12)
    assert g.qfi(site) == pytest.approx(ref**2, abs=1e-12)
    assert net.local_coherence(site, [t])[0] == pytest.approx(ref, abs=1e-12)
    op = SpinNetwork.from_operator(net.hamiltonian).gibbs(t)
    assert op.l1_coherence(site) == pytest.approx(ref, abs=1e-12)


def test_papers_networks_are_unchanged_bit_for_bit():
    # σz-only single-site terms: the [e, g] basis, |⟨σx⟩ + i⟨σy⟩| exactly as before
    for net, site in [
        (ac.spins.direct(1.0, 0.5, 0.7), 0),
        (ac.spins.indirect(0.5, 1.0, 0.5, 0.5), 1),
        (ac.spins.transferred(1.0, 0.5, 1.3, 0.5, 0.5), 0),
    ]:
        g = net.gibbs(0.3)
        assert g.local_fields == {}
        assert g.l1_coherence(site) == l1_coherence(g.reduced(site))
        x, y, _ = g.bloch(site)
        assert g.qfi(site) == x * x + y * y
    g = ac.spins.direct_n(1.0, 0.5, 0.2, n=4).gibbs(0.5)
    assert g.method == "symmetry"
    assert g.local_fields == {}
    np.testing.assert_array_equal(g.local_basis(0), np.eye(2))


def test_spin_network_to_qutip():
    net = ac.spins.transferred(1.0, 0.5, 1.3, 0.5, 0.5)
    h = net.to_qutip()
    assert isinstance(h, qutip.Qobj)
    assert h.dims == [[2, 2, 2], [2, 2, 2]]
    np.testing.assert_array_equal(h.full(), net.hamiltonian)
    z0 = qutip.tensor(qutip.sigmaz(), qutip.qeye(2), qutip.qeye(2))
    # ⟨e|σz|e⟩ = +1 with |e⟩ = basis(2, 0): site 0's Z term is ω0/2 σz_0
    assert (h * z0).tr() / 8 == pytest.approx(0.5, abs=1e-15)


def test_gibbs_state_to_qutip_and_site():
    g = ac.spins.direct(1.0, 0.5, 0.7).gibbs(0.3)
    tau = g.to_qutip()
    assert tau.dims == [[2, 2], [2, 2]]
    np.testing.assert_array_equal(tau.full(), g.rho)
    ref = (-ac.spins.direct(1.0, 0.5, 0.7).to_qutip() / 0.3).expm()
    np.testing.assert_allclose(tau.full(), (ref / ref.tr()).full(), atol=1e-14)
    one = g.to_qutip(site=1)
    assert one.dims == [[2], [2]]
    np.testing.assert_allclose(one.full(), tau.ptrace(1).full(), atol=1e-15)
    sym = ac.spins.direct_n(1.0, 0.5, 0.2, n=20).gibbs(0.5)
    assert sym.to_qutip(site=0).dims == [[2], [2]]
    with pytest.raises(ac.errors.MethodNotApplicableError, match="method='dense'"):
        sym.to_qutip()
