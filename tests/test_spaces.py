"""spaces.py: operator conventions ([e, g] basis) and collective operators."""

import numpy as np
import pytest

from autocoherence.errors import ParameterError
from autocoherence.spaces import (
    DENSE_MAX_DIM,
    Oscillator,
    Qubit,
    collective,
    embed,
    sigma_minus,
    sigma_plus,
    sigma_x,
    sigma_y,
    sigma_z,
)


def test_pauli_conventions_e_g_basis():
    e, g = np.array([1, 0]), np.array([0, 1])
    assert np.allclose(sigma_z() @ e, e)
    assert np.allclose(sigma_minus() @ e, g)
    assert np.allclose(sigma_plus(), sigma_minus().conj().T)
    assert np.allclose(sigma_x(), sigma_plus() + sigma_minus())
    assert np.allclose(sigma_y(), -1j * (sigma_plus() - sigma_minus()))
    assert np.allclose(sigma_x() @ sigma_y(), 1j * sigma_z())


def test_qubit_operators():
    q = Qubit(2.0)
    assert np.allclose(q.hamiltonian(), np.diag([1.0, -1.0]))
    assert np.allclose(q.number(), sigma_z())
    assert np.allclose(q.position(), sigma_x())


def test_oscillator_commutator_below_truncation():
    osc = Oscillator(1.5, 6)
    a = osc.lowering()
    comm = a @ a.conj().T - a.conj().T @ a
    assert np.allclose(np.diag(comm)[:-1], 1.0)
    assert np.allclose(osc.hamiltonian(), 1.5 * a.conj().T @ a)
    assert np.allclose(osc.position(), a + a.conj().T)


@pytest.mark.parametrize("n", [1, 2, 3])
def test_collective_spin_algebra(n):
    """S₋ = Σσ₋ satisfies [S₊, S₋] = 2 S_z with S_z = Σσz/2."""
    sm = collective(sigma_minus(), n)
    sz = collective(sigma_z(), n) / 2
    assert np.allclose(sm.conj().T @ sm - sm @ sm.conj().T, 2 * sz)


def test_embed_orders_sites_left_to_right():
    op = embed(sigma_z(), 0, (2, 3))
    assert np.allclose(op, np.kron(sigma_z(), np.eye(3)))
    with pytest.raises(ValueError, match="site must be in"):
        embed(sigma_z(), 2, (2, 2))


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"omega": float("nan"), "dim": 4}, "omega"),
        ({"omega": -1.0, "dim": 4}, "omega must be > 0"),
        ({"omega": 1.0, "dim": 1}, "dim must be an integer >= 2"),
    ],
)
def test_oscillator_bad_input(kwargs, match):
    with pytest.raises(ParameterError, match=match):
        Oscillator(**kwargs)


def test_oscillator_dim_non_integer():
    with pytest.raises(TypeError, match="dim"):
        Oscillator(1.0, 2.5)


def test_qubit_rejects_nan_and_strings():
    with pytest.raises(ParameterError, match="omega"):
        Qubit(float("inf"))
    with pytest.raises(TypeError, match="omega"):
        Qubit("1")


def test_dense_operators_are_bounded_before_allocation():
    # issue 13 item 6: 10^6 Fock levels would be 14.6 TiB per operator
    with pytest.raises(ParameterError, match=r"dim=1000000 is above the limit 16384.*TiB"):
        Oscillator(1.0, 10**6)
    assert Oscillator(1.0, DENSE_MAX_DIM).dim == DENSE_MAX_DIM  # the limit itself is allowed
    with pytest.raises(ParameterError, match=r"n=40 units of dimension 2"):
        collective(sigma_minus(), 40)
    with pytest.raises(ParameterError, match=r"n=1000000000 units"):
        collective(sigma_minus(), 10**9)
    with pytest.raises(ParameterError, match=r"prod\(dims\)=1073741824"):
        embed(sigma_minus(), 0, (2,) * 30)
    with pytest.raises(TypeError, match="dim must be an integer"):
        Oscillator(1.0, True)
