"""Exact stroboscopic repeated-interaction (collision) channel, dense over target ⊗ cluster.

PRA104 App. A: each collision lasts τ and maps

    ρ → Φ(ρ) = tr_B[U (ρ ⊗ ρ_B) U†],   U = exp(-i τ (H_S + H_B + V/√τ)),   (A1)

with ρ_B the product thermal state of a fresh cluster. The steady state is the channel's
fixed point Φ(ρ) = ρ; the stroboscopic state after n collisions is Φⁿ(ρ₀) at t = nτ.
No expansion in τ is made: as τ → 0 the channel approaches exp(τ 𝓛) of Eq. (A5) with an
O(τ) error.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import scipy.linalg as sla
import scipy.sparse.linalg as spla
from scipy import sparse

from autocoherence.collision.generator.stationary import channel_noise, stationary_state
from autocoherence.collision.operators import CollisionOperators
from autocoherence.errors import MethodNotApplicableError
from autocoherence.spaces import embed
from autocoherence.typing import ComplexArray, FloatArray

__all__ = [
    "MAX_DENSE_DIM",
    "MAX_LINDBLAD_DIM",
    "channel_superoperator",
    "check_dense_size",
    "cluster_hamiltonian",
    "collision_unitary",
    "dense_channel",
    "fixed_point",
    "joint_lindblad_channel",
    "stroboscopic_states",
    "top_level_leakage",
]

#: Largest target ⊗ cluster dimension the dense unitary route builds (a 4096² matrix).
MAX_DENSE_DIM = 4096
#: Largest target ⊗ cluster dimension with target collapse operators (joint Lindblad
#: evolution acts on vec(ρ) of dimension MAX_LINDBLAD_DIM², here about 10⁶).
MAX_LINDBLAD_DIM = 1024


def check_dense_size(d: int, unit_dim: int, n: int, *, c_ops: bool = False) -> int:
    """The target ⊗ cluster dimension d·d_B^N, refused before anything is built if too large.

    Compared in logarithms, so an absurd N (10⁹) is refused at once instead of computing
    d_B^N.

    Examples
    --------
    >>> check_dense_size(2, 2, 3)
    16
    >>> check_dense_size(2, 2, 10**9)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    autocoherence.errors.MethodNotApplicableError: the dense collision route needs ...
    """
    limit = MAX_LINDBLAD_DIM if c_ops else MAX_DENSE_DIM
    if math.log(d) + n * math.log(unit_dim) > math.log(limit) + 1e-9:
        what = " with target c_ops (joint Lindblad evolution)" if c_ops else ""
        size = (
            f"{d * unit_dim**n}"
            if n < 64
            else f"{d}·{unit_dim}^{n} ≈ 10^{(math.log10(d) + n * math.log10(unit_dim)):.0f}"
        )
        raise MethodNotApplicableError(
            f"the dense collision route{what} needs the target ⊗ cluster space of dimension "
            f"{size} (cluster_size={n}), above the limit {limit}; use method='master_equation' "
            "(any N), or the symmetry-reduced collisions (one kind of qubit or oscillator unit, "
            "no c_ops)"
        )
    return int(d * unit_dim**n)


def cluster_hamiltonian(
    ops: CollisionOperators, kinds: Sequence[int]
) -> tuple[ComplexArray, FloatArray]:
    """H = H_S ⊗ 1 + 1 ⊗ Σ_j h_j + V/√τ on target ⊗ cluster, and the cluster populations.

    ``kinds[j]`` is the kind of bath unit j (an index into ``ops.units``); V = Σ_k S_k ⊗
    Σ_j B_k^(j) with each unit's own B_k (PRA104 Eq. (A1), (6), (17)). The cluster's thermal
    state is the product of the units' (diagonal) states.

    Examples
    --------
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0), cluster_size=2,
    ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.5, tau=0.05)
    >>> H, p = cluster_hamiltonian(m.operators(), (0, 0))
    >>> bool(np.allclose(H, m.collision_hamiltonian())), p.shape
    (True, (4,))
    """
    if ops.tau is None:
        raise MethodNotApplicableError("the exact collision channel needs the collision time tau")
    n = len(kinds)
    check_dense_size(ops.d, ops.unit_dim, n, c_ops=bool(ops.c_ops))
    d, dB = ops.d, ops.unit_dim
    dims = (dB,) * n
    D = dB**n
    H_B = np.zeros((D, D), dtype=complex)
    for j, k in enumerate(kinds):
        H_B += embed(ops.units[k].hamiltonian, j, dims)
    V = np.zeros((d * D, d * D), dtype=complex)
    for a, s in enumerate(ops.system_ops):
        B = np.zeros((D, D), dtype=complex)
        for j, k in enumerate(kinds):
            B += embed(ops.units[k].ops[a], j, dims)
        V += np.kron(s, B)
    p: np.ndarray = np.ones(1)
    for k in kinds:
        p = np.kron(p, ops.units[k].populations)
    H = np.kron(ops.H_S, np.eye(D)) + np.kron(np.eye(d), H_B) + V / math.sqrt(ops.tau)
    return H.astype(complex), p.astype(float)


def dense_channel(ops: CollisionOperators) -> ComplexArray:
    """Superoperator (d², d²) of one exact collision on the whole target ⊗ cluster space.

    Averaged over the cluster compositions of a unit mixture (:meth:`CollisionOperators.draws`).
    Without collapse operators each composition is ρ → tr_B[U(ρ⊗ρ_B)U†] (Eq. (A1)); with the
    target's own ``c_ops`` it is tr_B[exp(τ𝓛)(ρ⊗ρ_B)] with the joint generator
    𝓛 = -i[H, ·] + Σ_c 𝓓[c ⊗ 1] (:func:`joint_lindblad_channel`), not a Trotter split.

    Raises
    ------
    MethodNotApplicableError
        If the joint space exceeds :data:`MAX_DENSE_DIM` (or :data:`MAX_LINDBLAD_DIM` with
        c_ops).

    Examples
    --------
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0), cluster_size=2,
    ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.5, tau=0.05)
    >>> bool(np.allclose(dense_channel(m.operators()), m.channel(dense=True)))
    True
    """
    d = ops.d
    check_dense_size(d, ops.unit_dim, ops.cluster_size, c_ops=bool(ops.c_ops))
    assert ops.tau is not None
    M = np.zeros((d * d, d * d), dtype=complex)
    for kinds, weight in ops.draws():
        H, p = cluster_hamiltonian(ops, kinds)
        if ops.c_ops:
            D = p.size
            c_joint = [np.kron(c, np.eye(D)).astype(complex) for c in ops.c_ops]
            M_draw = joint_lindblad_channel(H, c_joint, p, d, ops.tau)
        else:
            M_draw = channel_superoperator(collision_unitary(H, ops.tau), p, d)
        if len(ops.units) == 1:
            return M_draw
        M += weight * M_draw
    return M


def joint_lindblad_channel(
    H: ComplexArray,
    c_ops: Sequence[ComplexArray],
    bath_populations: FloatArray,
    d_system: int,
    tau: float,
) -> ComplexArray:
    """ρ → tr_B[exp(τ𝓛)(ρ ⊗ ρ_B)] with 𝓛 = -i[H, ·] + Σ 𝓓[c] on target ⊗ cluster.

    The exact joint Lindblad evolution over one collision (the target's own decoherence acts
    during the collision). Evaluated by ``scipy.sparse.linalg.expm_multiply`` on the d² inputs
    E_rq ⊗ ρ_B, so the joint superoperator is never exponentiated densely.

    Returns
    -------
    (d², d²) complex array on row-major vec(ρ).

    Examples
    --------
    Without collapse operators it is the unitary channel:

    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0),
    ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.5, tau=0.05)
    >>> H, p = m.collision_hamiltonian(), m.bath_populations()
    >>> bool(np.allclose(joint_lindblad_channel(H, [], p, 2, 0.05), m.channel(dense=True)))
    True
    """
    d = d_system
    D = bath_populations.size
    dim = d * D
    eye = sparse.identity(dim, dtype=complex, format="csr")
    Hs = sparse.csr_matrix(H)
    L = -1j * (sparse.kron(Hs, eye) - sparse.kron(eye, Hs.T))
    for c in c_ops:
        cs = sparse.csr_matrix(c)
        cdc = (cs.conj().T @ cs).tocsr()
        L = L + sparse.kron(cs, cs.conj()) - 0.5 * (sparse.kron(cdc, eye) + sparse.kron(eye, cdc.T))
    rho_b = np.diag(bath_populations).astype(complex)
    X = np.empty((dim * dim, d * d), dtype=complex)
    for r in range(d):
        for q in range(d):
            E = np.zeros((d, d), dtype=complex)
            E[r, q] = 1.0
            X[:, r * d + q] = np.kron(E, rho_b).reshape(-1)
    Y = spla.expm_multiply(sparse.csc_matrix(L) * tau, X)
    reduced = np.einsum("aibik->abk", Y.reshape(d, D, d, D, d * d))
    out: ComplexArray = reduced.reshape(d * d, d * d)
    return out


def top_level_leakage(
    U: ComplexArray, rho: ComplexArray, bath_populations: FloatArray, unit_dim: int, n: int
) -> float:
    """Largest population one collision leaves in the top level of any bath unit.

    For truncated oscillator units: the Fock truncation is faithful only while this stays
    small.

    Examples
    --------
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Oscillator(1.0, 12),
    ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.2, tau=0.05)
    >>> U = collision_unitary(m.collision_hamiltonian(), m.tau)
    >>> top_level_leakage(U, np.diag([0.0, 1.0]), m.bath_populations(), 12, 1) < 1e-10
    True
    """
    d = rho.shape[0]
    D = unit_dim**n
    joint = U @ np.kron(rho, np.diag(bath_populations)) @ U.conj().T
    p_bath = np.real(np.einsum("aiaj->ij", joint.reshape(d, D, d, D)).diagonal())
    p_units = p_bath.reshape((unit_dim,) * n)
    return max(float(np.moveaxis(p_units, k, 0)[-1].sum()) for k in range(n))


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


def fixed_point(M: ComplexArray) -> ComplexArray:
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
    G = M - np.eye(M.shape[0])
    return stationary_state(G, what="collision channel", noise=channel_noise(M))[0]


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
