"""SpinNetwork: Pauli-string parsing, operator construction, presets (Local Eqs. (5)-(C7), (A7))."""

from __future__ import annotations

import numpy as np
import pytest
import qutip

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
from autocoherence.spins.pauli import format_pauli, parse_pauli, pauli_matrix

I2, X, Y, Z = qutip.qeye(2), qutip.sigmax(), qutip.sigmay(), qutip.sigmaz()


def op(n: int, **factors: qutip.Qobj) -> np.ndarray:
    """qutip reference: tensor product with factors given as s0=X, s2=Z, ..."""
    mats = [factors.get(f"s{k}", I2) for k in range(n)]
    return qutip.tensor(*mats).full()


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("X0 Z1", ((0, "X"), (1, "Z"))),
        ("Z1 X0", ((0, "X"), (1, "Z"))),
        ("x0*z1", ((0, "X"), (1, "Z"))),
        ("X0Y1Z12", ((0, "X"), (1, "Y"), (12, "Z"))),
        ("  Y3  ", ((3, "Y"),)),
        ("I0 Z2", ((2, "Z"),)),
        ("I4", ()),
    ],
)
def test_parse_pauli(text, parsed):
    assert parse_pauli(text) == parsed


def test_format_roundtrip():
    assert format_pauli(parse_pauli("Z3 x0 Y1")) == "X0 Y1 Z3"
    assert format_pauli(()) == "I"


def test_site_zero_is_leftmost_tensor_factor():
    np.testing.assert_array_equal(pauli_matrix(parse_pauli("X0 Z1"), 3), op(3, s0=X, s1=Z))
    np.testing.assert_array_equal(pauli_matrix(parse_pauli("Y2"), 3), op(3, s2=Y))


def test_from_terms_matches_qutip():
    net = SpinNetwork.from_terms({"Z0": 0.5, "Z1": 0.25, "X0 Z1": 0.35, "Y0 Y1": -0.1})
    ref = (
        0.5 * op(2, s0=Z) + 0.25 * op(2, s1=Z) + 0.35 * op(2, s0=X, s1=Z) - 0.1 * op(2, s0=Y, s1=Y)
    )
    np.testing.assert_allclose(net.hamiltonian, ref, atol=1e-15)
    assert net.n_sites == 2
    assert net.pauli_terms() == {"Z0": 0.5, "Z1": 0.25, "X0 Z1": 0.35, "Y0 Y1": -0.1}


def test_from_terms_sums_equal_strings_and_accepts_pairs():
    net = SpinNetwork.from_terms([("X0 Z1", 0.2), ("Z1 X0", 0.3)], n_sites=3)
    assert net.pauli_terms() == {"X0 Z1": 0.5}
    assert net.n_sites == 3
    assert net.hamiltonian.shape == (8, 8)


def test_identity_term_is_a_constant_shift():
    net = SpinNetwork.from_terms({"I0": 2.0, "Z0": 1.0})
    np.testing.assert_allclose(net.hamiltonian, np.diag([3.0, 1.0]))


def test_from_operator_numpy_and_qutip():
    h = 0.5 * op(2, s0=Z) + 0.35 * op(2, s0=X, s1=Z)
    a = SpinNetwork.from_operator(h)
    b = SpinNetwork.from_operator(qutip.Qobj(h, dims=[[2, 2], [2, 2]]))
    assert a.n_sites == b.n_sites == 2
    np.testing.assert_allclose(a.hamiltonian, b.hamiltonian)
    assert "dense operator" in repr(a)


def test_repr_is_short():
    r = repr(direct(1.0, 0.5, 0.7))
    assert r.startswith("SpinNetwork(n_sites=2, direct, Local Eq. (5)")
    assert len(repr(direct_n(1.0, 0.5, 0.1, n=8))) < 200


# ------------------------------------------------------------------------ presets
def test_direct_eq5():
    w1, w2, g = 1.0, 0.5, 0.7
    ref = w1 / 2 * op(2, s0=Z) + g / 2 * op(2, s0=X, s1=Z) + w2 / 2 * op(2, s1=Z)
    net = direct(omega1=w1, omega2=w2, gamma=g)
    np.testing.assert_allclose(net.hamiltonian, ref)
    assert net.labels == ("1", "2")


def test_indirect_eq9():
    w1, w2, g, t = 1.0, 0.8, 0.5, 0.3
    ref = (
        w1 / 2 * op(2, s0=Z)
        + g / 2 * op(2, s0=X, s1=Z)
        + t / 2 * op(2, s0=X, s1=X)
        + w2 / 2 * op(2, s1=Z)
    )
    np.testing.assert_allclose(indirect(w1, w2, g, t).hamiltonian, ref)


def test_transferred_eq12():
    w0, w1, w2, t, g = 1.0, 0.9, 1.3, 0.5, 0.4
    ref = (
        w0 / 2 * op(3, s0=Z)
        + w1 / 2 * op(3, s1=Z)
        + w2 / 2 * op(3, s2=Z)
        + t / 2 * op(3, s0=X, s1=X)
        + g / 2 * op(3, s1=X, s2=Z)
    )
    net = transferred(omega0=w0, omega1=w1, omega2=w2, theta=t, gamma=g)
    np.testing.assert_allclose(net.hamiltonian, ref)
    assert net.labels == ("0", "1", "2")


def test_direct_n_eq14_per_ancilla_values():
    ws, gs = [0.5, 0.7], [0.2, 0.3]
    ref = 0.5 * op(3, s0=Z)
    for j in range(2):
        ref = (
            ref
            + ws[j] / 2 * op(3, **{f"s{j + 1}": Z})
            + gs[j] / 2 * op(3, s0=X, **{f"s{j + 1}": Z})
        )
    net = direct_n(1.0, ws, gs)
    np.testing.assert_allclose(net.hamiltonian, ref)
    assert net.labels == ("1", "2", "3")


def test_direct_n_scalars_with_n_equal_identical_lists():
    a = direct_n(1.0, 0.5, 0.25, n=3)
    b = direct_n(1.0, [0.5] * 3, [0.25] * 3)
    np.testing.assert_array_equal(a.hamiltonian, b.hamiltonian)


def test_direct_n_with_one_ancilla_is_direct():
    np.testing.assert_allclose(
        direct_n(1.0, [0.5], [0.7]).hamiltonian, direct(1.0, 0.5, 0.7).hamiltonian
    )


def test_indirect_n_eqC4():
    wt, ws, gs, ts = 1.0, [0.5, 0.6], [0.3, 0.2], [0.4, 0.1]
    ref = wt / 2 * op(3, s0=Z)
    for j in range(2):
        k = f"s{j + 1}"
        ref = (
            ref
            + ws[j] / 2 * op(3, **{k: Z})
            + gs[j] / 2 * op(3, s0=Z, **{k: X})
            + ts[j] / 2 * op(3, s0=X, **{k: X})
        )
    net = indirect_n(wt, ws, gs, ts)
    np.testing.assert_allclose(net.hamiltonian, ref)
    assert net.labels == ("T", "1", "2")


def test_indirect_n_with_one_ancilla_is_indirect_with_sites_swapped():
    # (C4) with N = 1 is (9) with the target T in the role of qubit 2: swap the two factors
    a = indirect_n(0.8, [1.0], [0.5], [0.3]).hamiltonian
    b = indirect(1.0, 0.8, 0.5, 0.3).hamiltonian
    swap = qutip.tensor(I2, I2).full()[[0, 2, 1, 3]]
    np.testing.assert_allclose(swap @ a @ swap.T, b)


def test_transferred_n_eqC7():
    w0, t, w1, ws, gs = 1.0, 0.5, 0.6, [1.3, 1.1], [0.5, 0.4]
    ref = w0 / 2 * op(4, s0=Z) + t / 2 * op(4, s0=X, s1=X) + w1 / 2 * op(4, s1=Z)
    for j in range(2):
        k = f"s{j + 2}"
        ref = ref + gs[j] / 2 * op(4, s1=X, **{k: Z}) + ws[j] / 2 * op(4, **{k: Z})
    net = transferred_n(w0, t, w1, ws, gs)
    np.testing.assert_allclose(net.hamiltonian, ref)
    assert net.labels == ("0", "1", "2", "3")


def test_transferred_n_with_one_ancilla_is_transferred():
    np.testing.assert_allclose(
        transferred_n(1.0, 0.5, 0.6, [1.3], [0.4]).hamiltonian,
        transferred(1.0, 0.6, 1.3, 0.5, 0.4).hamiltonian,
    )


def test_xyz_eqA7():
    w1, w2, gx, gy, gz = 1.0, 0.5, 0.3, 0.2, 0.1
    ref = (
        w1 / 2 * op(2, s0=Z)
        + w2 / 2 * op(2, s1=Z)
        + gx / 2 * op(2, s0=X, s1=X)
        + gy / 2 * op(2, s0=Y, s1=Y)
        + gz / 2 * op(2, s0=Z, s1=Z)
    )
    np.testing.assert_allclose(xyz(w1, w2, gx, gy, gz).hamiltonian, ref)
