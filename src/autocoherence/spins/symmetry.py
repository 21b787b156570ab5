"""The Z2 criterion for local coherence in Gibbs states (Local App. A).

Z = ⊗_j σz_j (Local Eq. (A2)) is diagonal in the product energy basis with entries
(-1)^{number of g's}. If [Z, H] = 0 the Gibbs state commutes with Z and every local
⟨σx⟩, ⟨σy⟩ vanishes (Local Eqs. (A3)-(A4)): no local coherence at any temperature.
"""

from __future__ import annotations

import numpy as np

from autocoherence._checks import as_operator, check_int
from autocoherence.errors import ParameterError
from autocoherence.typing import ComplexArray, FloatArray, OperatorLike

__all__ = ["is_z2_symmetric", "z2_breaking_norm", "z2_generator", "z2_parities"]


def z2_parities(n_sites: int) -> FloatArray:
    """Diagonal of Z = ⊗σz (Local Eq. (A2)) in the ``[e, g]`` product basis.

    Examples
    --------
    >>> z2_parities(2)
    array([ 1., -1., -1.,  1.])
    """
    n = check_int(n_sites, "n_sites", minimum=1)
    idx = np.arange(2**n)
    n_ground = np.array([bin(i).count("1") for i in idx])  # bit 1 = |g> in the [e, g] basis
    return np.where(n_ground % 2 == 0, 1.0, -1.0)


def z2_generator(n_sites: int) -> ComplexArray:
    """Z = ⊗_j σz_j as a dense matrix (Local Eq. (A2)).

    Examples
    --------
    Z commutes with σx σx (Z2 symmetric) but anticommutes with σx σz:

    >>> from autocoherence.spins.pauli import parse_pauli, pauli_matrix
    >>> Z = z2_generator(2)
    >>> xx, xz = (pauli_matrix(parse_pauli(s), 2) for s in ("X0 X1", "X0 Z1"))
    >>> bool(np.allclose(Z @ xx, xx @ Z)), bool(np.allclose(Z @ xz, -xz @ Z))
    (True, True)
    """
    return np.diag(z2_parities(n_sites)).astype(complex)


def _n_sites_of(h: ComplexArray) -> int:
    d = h.shape[0]
    n = round(float(np.log2(d))) if d > 0 else 0
    if d < 2 or 2**n != d:
        raise ParameterError(f"hamiltonian must act on n >= 1 qubits (dimension 2^n), got {d}x{d}")
    return n


def z2_breaking_norm(hamiltonian: OperatorLike) -> float:
    """Largest |H_ij| between states of opposite Z parity: ½ max |[Z, H]_ij|.

    Zero exactly when H is Z2 symmetric (Local Eq. (A4)).

    Examples
    --------
    >>> from autocoherence.spins.pauli import parse_pauli, pauli_matrix
    >>> z2_breaking_norm(0.35 * pauli_matrix(parse_pauli("X0 Z1"), 2))
    0.35
    """
    h = as_operator(hamiltonian, "hamiltonian")
    z = z2_parities(_n_sites_of(h))
    odd = z[:, None] != z[None, :]
    return float(np.max(np.abs(h[odd]), initial=0.0))


def is_z2_symmetric(hamiltonian: OperatorLike, *, atol: float = 1e-12) -> bool:
    """True if [Z, H] = 0 with Z = ⊗σz (Local Eqs. (3), (A2), (A4)), to ``atol`` × max|H_ij|.

    Relative to H's own largest element, without a floor: a Hamiltonian scaled down to
    1e-13 keeps its verdict (the zero matrix is symmetric).

    Parameters
    ----------
    hamiltonian : (2^n, 2^n) array or qutip.Qobj
    atol : float, keyword-only
        Relative tolerance on the parity-changing matrix elements.

    Examples
    --------
    >>> from autocoherence.spins.pauli import parse_pauli, pauli_matrix
    >>> is_z2_symmetric(pauli_matrix(parse_pauli("X0 X1"), 2))
    True
    >>> is_z2_symmetric(pauli_matrix(parse_pauli("X0 Z1"), 2))
    False
    """
    h = as_operator(hamiltonian, "hamiltonian")
    scale = float(np.max(np.abs(h), initial=0.0))
    return z2_breaking_norm(h) <= atol * scale
