"""Exact stroboscopic repeated-interaction (collision) channel, dense over target ⊗ cluster.

PRA104 App. A: each collision lasts τ and maps

    ρ → Φ(ρ) = tr_B[U (ρ ⊗ ρ_B) U†],   U = exp(-i τ (H_S + H_B + V/√τ)),   (A1)

with ρ_B the product thermal state of a fresh cluster. The steady state is the channel's
fixed point Φ(ρ) = ρ; the stroboscopic state after n collisions is Φⁿ(ρ₀) at t = nτ.
No expansion in τ is made: as τ → 0 the channel approaches exp(τ 𝓛) of Eq. (A5) with an
O(τ) error.
"""

from __future__ import annotations

import numpy as np
import scipy.linalg as sla

from autocoherence.errors import NonUniqueSteadyStateError
from autocoherence.typing import ComplexArray, FloatArray

__all__ = [
    "channel_superoperator",
    "collision_unitary",
    "fixed_point",
    "stroboscopic_states",
]


def collision_unitary(H_total: ComplexArray, tau: float) -> ComplexArray:
    """U = exp(-i τ H) of one collision, H = H_S + H_B + V/√τ already assembled (Eq. (A1)).

    Uses the eigendecomposition of the Hermitian H (unitary to machine precision); a real
    symmetric H (every Composite coupling) is diagonalised in real arithmetic.

    Examples
    --------
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0),
    ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.5, tau=0.05)
    >>> U = collision_unitary(m.collision_hamiltonian(), m.tau)
    >>> bool(np.allclose(U @ U.conj().T, np.eye(4)))
    True
    """
    if not np.any(H_total.imag):
        e, w = sla.eigh(H_total.real)
    else:
        e, w = sla.eigh(H_total)
    return (w * np.exp(-1j * tau * e)) @ w.conj().T


def channel_superoperator(
    U: ComplexArray, bath_populations: FloatArray, d_system: int
) -> ComplexArray:
    """Superoperator M of ρ → tr_B[U(ρ ⊗ ρ_B)U†] for a bath state diagonal in its basis.

    Parameters
    ----------
    U : (d·D, d·D) array
        Collision unitary on target ⊗ cluster (target is the left tensor factor).
    bath_populations : (D,) array
        Diagonal of ρ_B (a product thermal state is diagonal in the product energy basis).
    d_system : int
        Target dimension d.

    Returns
    -------
    (d², d²) complex array acting on row-major vec(ρ).

    Examples
    --------
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0),
    ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.5, tau=0.05)
    >>> U = collision_unitary(m.collision_hamiltonian(), m.tau)
    >>> M = channel_superoperator(U, m.bath_populations(), 2)
    >>> tr = np.eye(2).reshape(-1)                 # tr ρ = vec(1) · vec(ρ)
    >>> bool(np.allclose(tr @ M, tr))              # the channel preserves the trace
    True
    """
    d = d_system
    D = bath_populations.size
    keep = np.flatnonzero(bath_populations > 0)
    U4 = U.reshape(d, D, d, D)[:, :, :, keep] * np.sqrt(bath_populations[keep])
    # Kraus operators K_(b,j)[s, r] = sqrt(p_j) <s,b|U|r,j>
    K = U4.transpose(1, 3, 0, 2).reshape(-1, d, d)
    M = np.einsum("ksr,ktq->strq", K, K.conj(), optimize=True)
    return M.reshape(d * d, d * d)


def fixed_point(M: ComplexArray, *, rtol: float = 1e-10) -> ComplexArray:
    """The unique fixed point of a channel superoperator M (row-major vec).

    Raises
    ------
    NonUniqueSteadyStateError
        If the eigenvalue 1 is degenerate (the long-time state depends on the initial one).

    Examples
    --------
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0),
    ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.5, tau=0.05)
    >>> M = m.channel()
    >>> rho = fixed_point(M)
    >>> bool(np.allclose(M @ rho.reshape(-1), rho.reshape(-1)))   # stationary: Φ(ρ) = ρ
    True
    >>> round(float(rho.trace().real), 12)
    1.0
    """
    d2 = M.shape[0]
    d = round(np.sqrt(d2))
    _, sv, vh = np.linalg.svd(M - np.eye(d2))
    null = int(np.sum(sv < rtol * max(1.0, float(sv[0]))))
    if null > 1:
        raise NonUniqueSteadyStateError(
            f"the collision channel has {null} independent fixed points; the long-time state "
            "depends on the initial state"
        )
    rho = vh[-1].conj().reshape(d, d)
    rho = rho / np.trace(rho)
    return 0.5 * (rho + rho.conj().T)


def stroboscopic_states(
    M: ComplexArray, rho0: ComplexArray, n_collisions: np.ndarray
) -> ComplexArray:
    """States Φⁿ(ρ₀) for each n in ``n_collisions`` (non-negative integers, any order).

    Returns
    -------
    (len(n_collisions), d, d) complex array

    Examples
    --------
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0),
    ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.5, tau=0.05)
    >>> M = m.channel()
    >>> states = stroboscopic_states(M, np.diag([0.0, 1.0]), np.array([0, 1, 5000]))
    >>> states.shape, bool(np.allclose(states[-1], fixed_point(M)))  # relaxed
    ((3, 2, 2), True)
    """
    d = rho0.shape[0]
    out = np.empty((len(n_collisions), d, d), dtype=complex)
    order = np.argsort(n_collisions, kind="stable")
    vec = rho0.reshape(-1).astype(complex)
    n_prev = 0
    for idx in order:
        steps = int(n_collisions[idx]) - n_prev
        if steps:
            vec = np.linalg.matrix_power(M, steps) @ vec
        n_prev = int(n_collisions[idx])
        out[idx] = vec.reshape(d, d)
    return out
