"""Lindblad generator of the collision model in the fast-collision limit τ → 0.

PRA104 Eq. (A5):  dρ/dt = -i[H_S, ρ] - ½ tr_B [V, [V, ρ ⊗ ρ_B]].

With V = Σ_α S_α ⊗ B_α written in Hermitian pairs (S_α, B_α Hermitian) the partial trace
needs only the bath correlation matrix G_αβ = tr(B_α B_β ρ_B):

    -½ tr_B[V,[V,ρ⊗ρ_B]] = Σ_αβ G_βα S_α ρ S_β - ½ Σ_αβ G_αβ {S_α S_β, ρ},

and diagonalising G = Σ_k g_k v_k v_k† gives the Lindblad form Σ_k g_k 𝓛[L_k] with
L_k = Σ_α v̄_kα S_α. For a cluster of N independent identical units with
B_α = Σ_j b_α^(j), G_αβ = N⟨b_α b_β⟩ + N(N-1)⟨b_α⟩⟨b_β⟩ (single-unit moments only), so N
can be arbitrarily large. The route reduces to (A6), (A7), Eqs. (2) and (13).

The τ → 0 limit exists only when tr_B(V ρ_B) = 0 (Appendix A); otherwise a term
⟨V⟩_B/√τ diverges, and this route refuses the model.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.linalg as sla
import scipy.sparse.linalg as spla
from scipy import sparse

from autocoherence.collision.generator.stationary import stationary_state
from autocoherence.collision.operators import CollisionOperators
from autocoherence.errors import (
    MethodNotApplicableError,
    NonUniqueSteadyStateError,
    ParameterError,
)
from autocoherence.typing import ComplexArray, FloatArray

__all__ = [
    "bath_correlations",
    "bath_lindblad_operators",
    "dissipator_noise",
    "dissipator_partial_trace",
    "evolve_liouvillian",
    "hermitian_pairs",
    "lindblad_operators",
    "liouvillian",
    "relaxation_gap",
    "steady_state_liouvillian",
]

_FIRST_ORDER_MESSAGE = (
    "method='master_equation' needs tr_B(V rho_B) = 0 (PRA104 App. A); for this "
    "coupling and bath state the first-order term <V>_B/sqrt(tau) diverges as tau -> 0. "
    "Use method='collisions' (finite tau), which applies to any coupling."
)

Term = tuple[ComplexArray, ComplexArray]


def _hermitian_parts(op: ComplexArray) -> tuple[ComplexArray, ComplexArray]:
    """(op + op†)/2 and (op - op†)/2i, for one operator or a stack (..., d, d)."""
    adjoint = np.swapaxes(op.conj(), -1, -2)
    return 0.5 * (op + adjoint), -0.5j * (op - adjoint)


def hermitian_pairs(terms: Sequence[Term]) -> list[Term]:
    """Rewrite V = Σ S_α ⊗ b_α (V Hermitian) as Σ S'_α ⊗ b'_α with every factor Hermitian.

    Uses Herm(S ⊗ b) = S_h ⊗ b_h - S_a ⊗ b_a with S = S_h + i S_a, b = b_h + i b_a.
    Pairs with a vanishing factor are dropped.

    Examples
    --------
    >>> from autocoherence.spaces import sigma_minus, sigma_plus
    >>> terms = [(sigma_minus(), sigma_plus()), (sigma_plus(), sigma_minus())]  # exchange
    >>> pairs = hermitian_pairs(terms)
    >>> V = sum(np.kron(s, b) for s, b in terms)
    >>> len(pairs), bool(np.allclose(sum(np.kron(s, b) for s, b in pairs), V))
    (4, True)
    """
    if not terms:
        return []
    S = np.asarray([s for s, _ in terms], dtype=complex)
    B = np.asarray([b for _, b in terms], dtype=complex)
    s_h, s_a = _hermitian_parts(S)
    b_h, b_a = _hermitian_parts(B)
    s_parts = np.stack([s_h, -s_a], axis=1).reshape(-1, *S.shape[1:])  # term by term:
    b_parts = np.stack([b_h, b_a], axis=1).reshape(-1, *B.shape[1:])  # (S_h, b_h), (-S_a, b_a)
    keep = np.any(s_parts != 0, axis=(1, 2)) & np.any(b_parts != 0, axis=(1, 2))
    return [(s_parts[k], b_parts[k]) for k in np.flatnonzero(keep)]


def bath_correlations(
    bath_ops: Sequence[ComplexArray], rho_unit: ComplexArray, n: int
) -> tuple[ComplexArray, ComplexArray]:
    """Cluster moments of B_α = Σ_{j=1}^{n} b_α^(j) in the product state ρ_unit^{⊗n}.

    Returns
    -------
    G : (m, m) complex array
        G_αβ = ⟨B_α B_β⟩ = n⟨b_α b_β⟩ + n(n-1)⟨b_α⟩⟨b_β⟩.
    mean : (m,) complex array
        ⟨B_α⟩ = n⟨b_α⟩.

    Examples
    --------
    >>> from autocoherence.spaces import Qubit, sigma_z
    >>> from autocoherence.states import thermal_state
    >>> G, mean = bath_correlations([sigma_z()], thermal_state(Qubit(1.0), 0.0), 3)
    >>> G.real, mean.real       # three ground-state units: ⟨(Σσz)²⟩ = N², ⟨Σσz⟩ = -N
    (array([[9.]]), array([-3.]))
    """
    m = len(bath_ops)
    if m == 0:
        return np.zeros((0, 0), dtype=complex), np.zeros(0, dtype=complex)
    B = np.asarray(bath_ops, dtype=complex)
    rho = np.asarray(rho_unit, dtype=complex)
    mean1 = np.einsum("aij,ji->a", B, rho)  # tr(b_α ρ) for every α at once
    second = np.einsum("abij,ji->ab", B[:, None] @ B[None, :], rho)
    return n * second + n * (n - 1) * np.outer(mean1, mean1), n * mean1


def lindblad_operators(terms: Sequence[Term], rho_unit: ComplexArray, n: int) -> list[ComplexArray]:
    """Collapse operators c_k = √g_k L_k of Eq. (A5) for a cluster of n units.

    Parameters
    ----------
    terms : sequence of (S_α, b_α)
        Single-unit terms of a Hermitian V (see :mod:`autocoherence.collision.interactions`).
    rho_unit : (d_B, d_B) array
        State of one bath unit.
    n : int
        Cluster size N.

    Raises
    ------
    MethodNotApplicableError
        If tr_B(V ρ_B) ≠ 0, where the τ → 0 limit of Appendix A does not exist.

    Examples
    --------
    Exchange with three ground-state bath qubits: one collapse operator, collective decay
    √N σ₋ (up to a phase).

    >>> from autocoherence.spaces import Qubit, sigma_minus, sigma_plus
    >>> from autocoherence.states import thermal_state
    >>> terms = [(sigma_minus(), sigma_plus()), (sigma_plus(), sigma_minus())]
    >>> c_ops = lindblad_operators(terms, thermal_state(Qubit(1.0), 0.0), 3)
    >>> len(c_ops), bool(np.allclose(abs(c_ops[0]), np.sqrt(3) * abs(sigma_minus())))
    (1, True)
    """
    pairs = hermitian_pairs(terms)
    if not pairs:
        return []
    sys_ops = [s for s, _ in pairs]
    G, mean = bath_correlations([b for _, b in pairs], rho_unit, n)
    first_order = np.einsum("a,aij->ij", mean, np.asarray(sys_ops))
    scale = max(1.0, float(np.max(np.abs(np.asarray(sys_ops)))))
    if np.max(np.abs(first_order)) > 1e-12 * scale:
        raise MethodNotApplicableError(_FIRST_ORDER_MESSAGE)
    return _collapse_from_correlations(G, sys_ops)


def _collapse_from_correlations(
    G: ComplexArray, sys_ops: Sequence[ComplexArray]
) -> list[ComplexArray]:
    G = 0.5 * (G + G.conj().T)
    g, v = np.linalg.eigh(G)
    tol = 1e-13 * max(1.0, float(np.max(np.abs(g))))
    S = np.asarray(sys_ops)
    return [
        np.sqrt(g[k]) * np.einsum("a,aij->ij", v[:, k].conj(), S)  # L_k = Σ_α v̄_kα S_α
        for k in range(g.size)
        if g[k] > tol
    ]


def bath_lindblad_operators(ops: CollisionOperators) -> list[ComplexArray]:
    """Collapse operators of Eq. (A5) for compiled operators, unit mixtures included.

    One kind of unit: :func:`lindblad_operators`. A :class:`~autocoherence.systems.UnitMixture`
    draws each of the N units independently, so the dissipator is the weighted average of
    the dissipators: with Hermitian pairs (S_α, b_α^u) the correlations become
    G_αβ = N Σ_u w_u ⟨b_α^u b_β^u⟩_u + N(N-1) m̄_α m̄_β, m̄_α = Σ_u w_u ⟨b_α^u⟩_u, and every
    kind must have tr_B(V ρ_u) = 0 on its own (else its collisions diverge as τ → 0).
    The target's own ``c_ops`` are not included (the caller appends them).

    Examples
    --------
    >>> import autocoherence as ac
    >>> mix = ac.UnitMixture([ac.Qubit(0.9), ac.Qubit(1.1)], weights=[0.5, 0.5])
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=mix, coupling=ac.Composite(0.3, 0.6),
    ...                       temperature=0.5)
    >>> len(bath_lindblad_operators(m.operators())) > 0
    True
    """
    n = ops.cluster_size
    if len(ops.units) == 1:
        return lindblad_operators(ops.terms(0), ops.units[0].state, n)
    sys_ops: list[ComplexArray] = []
    bath_ops: list[list[ComplexArray]] = [[] for _ in ops.units]
    for a, s in enumerate(ops.system_ops):
        s_h, s_a = _hermitian_parts(s)
        parts = [_hermitian_parts(u.ops[a]) for u in ops.units]
        for sign, s_part, idx in ((1.0, s_h, 0), (-1.0, s_a, 1)):
            b_parts = [p[idx] for p in parts]
            if np.any(s_part != 0) and any(np.any(b != 0) for b in b_parts):
                sys_ops.append(sign * s_part)
                for u, b in enumerate(b_parts):
                    bath_ops[u].append(b)
    if not sys_ops:
        return []
    scale = max(1.0, *(float(np.max(np.abs(s))) for s in sys_ops))
    G = np.zeros((len(sys_ops),) * 2, dtype=complex)
    mean = np.zeros(len(sys_ops), dtype=complex)
    for u, unit in enumerate(ops.units):
        second, mean_u = bath_correlations(bath_ops[u], unit.state, 1)
        first_order = sum(m * s for m, s in zip(mean_u, sys_ops, strict=True))
        if np.max(np.abs(first_order)) > 1e-12 * scale:
            raise MethodNotApplicableError(_FIRST_ORDER_MESSAGE)
        G += unit.weight * n * second
        mean += unit.weight * mean_u
    G += n * (n - 1) * np.outer(mean, mean)
    return _collapse_from_correlations(G, sys_ops)


def relaxation_gap(eigenvalues: np.ndarray, *, discrete: bool = False) -> float:
    """Spectral gap of a generator (min |Re λ| over λ ≠ 0) or a channel (1 - max |λ| over λ ≠ 1).

    The slowest relaxation rate (per unit time) or contraction (per collision) towards the
    steady state; 0 when the stationary state is not unique.

    Examples
    --------
    >>> relaxation_gap(np.array([0.0, -0.5 + 1j, -0.5 - 1j, -1.0]))
    0.5
    >>> relaxation_gap(np.array([1.0, 0.9, 0.2]), discrete=True)
    0.09999999999999998
    """
    lam = np.asarray(eigenvalues)
    if discrete:
        mags = np.sort(np.abs(lam))[::-1]
        return float(1.0 - mags[1]) if mags.size > 1 else 1.0
    rates = np.sort(-lam.real)
    return float(rates[1]) if rates.size > 1 else 0.0


def dissipator_partial_trace(
    rho: ComplexArray, V: ComplexArray, rho_bath: ComplexArray
) -> ComplexArray:
    """-½ tr_B[V, [V, ρ ⊗ ρ_B]] evaluated literally on the full space (PRA104 Eq. (A5)).

    A dense reference for tests and small clusters; the generator used in production is
    :func:`lindblad_operators`.

    Examples
    --------
    >>> from autocoherence.spaces import Qubit, sigma_minus, sigma_plus
    >>> from autocoherence.states import thermal_state
    >>> terms = [(sigma_minus(), sigma_plus()), (sigma_plus(), sigma_minus())]
    >>> V, rho_b = sum(np.kron(s, b) for s, b in terms), thermal_state(Qubit(1.0), 0.0)
    >>> D = dissipator_partial_trace(np.diag([1.0, 0.0]), V, rho_b)  # excited target
    >>> np.diag(D).real                         # it decays at unit rate
    array([-1.,  1.])
    """
    d = rho.shape[0]
    db = rho_bath.shape[0]
    x = np.kron(rho, rho_bath)
    vx = V @ x
    dc = V @ vx - 2 * vx @ V + x @ V @ V
    return -0.5 * np.einsum("ajbj->ab", dc.reshape(d, db, d, db))


def _batched_kron(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """np.kron over the last two axes of stacks (..., d, d) ⊗ (..., d, d) -> (..., d², d²)."""
    d = a.shape[-1]
    out = a[..., :, None, :, None] * b[..., None, :, None, :]
    return out.reshape(*out.shape[:-4], d * d, d * d)


def _stacked_c_ops(c_ops: Sequence[ComplexArray] | ComplexArray, batch_ndim: int) -> list[Any]:
    if isinstance(c_ops, np.ndarray):
        if c_ops.ndim != batch_ndim + 3:
            raise ParameterError(
                f"c_ops as an array must have shape (..., K, d, d) with the stack axes of H "
                f"({batch_ndim + 3} dimensions); got shape {c_ops.shape}"
            )
        return [c_ops[..., k, :, :] for k in range(c_ops.shape[-3])]
    return [np.asarray(c) for c in c_ops]


def dissipator_noise(c_ops: Sequence[ComplexArray]) -> float:
    """Rounding floor of the entries of the assembled dissipator Σ_c D[c]: 2(d+1)·ε·Σ_c max|c|².

    An entry of c ⊗ c̄ - ½(c†c ⊗ 1 + 1 ⊗ (c†c)ᵀ) sums at most 2d + 1 products of two entries
    of c, so it is known to about 2(d+1)·ε·max|c|². Where a large dephasing cancels in the
    population equations (c†c and c ⊗ c̄ both of size f1², the rates of size f2²), this floor
    exceeds the rates themselves: the stationary solve must be told (its ``noise``), or it
    reports an error bound that ignores the error of the generator it was given.

    Examples
    --------
    >>> from autocoherence.spaces import sigma_minus, sigma_z
    >>> dissipator_noise([1e6 * sigma_z(), 1e-3 * sigma_minus()]) > 1e-6  # rates f2² = 1e-6
    True
    """
    if not len(c_ops):
        return 0.0
    d = np.asarray(c_ops[0]).shape[-1]
    eps = float(np.finfo(float).eps)
    return 2 * (d + 1) * eps * sum(float(np.max(np.abs(c))) ** 2 for c in c_ops)


def liouvillian(H: ComplexArray, c_ops: Sequence[ComplexArray] | ComplexArray) -> ComplexArray:
    """Liouvillian superoperator acting on row-major vec(ρ) (``rho.reshape(-1)``), PRA104 (A5).

    𝓛ρ = -i[H, ρ] + Σ_k (c_k ρ c_k† - ½{c_k† c_k, ρ}), with vec(A ρ B) = (A ⊗ Bᵀ) vec(ρ) for
    row-major stacking.

    Parameters
    ----------
    H : (..., d, d) complex array
        Hamiltonian; leading axes are a stack of generators.
    c_ops : sequence of (..., d, d) arrays, or one (..., K, d, d) array
        Collapse operators (broadcast against the stack of H; zero operators add nothing,
        so stacks with different numbers of operators can be padded with zeros).

    Returns
    -------
    (..., d², d²) complex array
        For one generator (H of shape (d, d)) built with ``np.kron`` as always; a stack is
        the same arithmetic item by item.

    Examples
    --------
    >>> from autocoherence.spaces import sigma_minus, sigma_plus, sigma_z
    >>> L = liouvillian(0.5 * sigma_z(), [sigma_minus()])   # spontaneous decay
    >>> ground = np.diag([0.0, 1.0])                        # basis [e, g]
    >>> L.shape, bool(np.allclose(L @ ground.reshape(-1), 0))
    ((4, 4), True)
    >>> H = np.stack([0.5 * sigma_z(), sigma_z()])          # a stack of two generators
    >>> C = np.stack([[sigma_minus(), sigma_plus()], [sigma_minus(), 0 * sigma_plus()]])
    >>> stack = liouvillian(H, C)
    >>> stack.shape, bool(np.array_equal(stack[1], liouvillian(sigma_z(), [sigma_minus()])))
    ((2, 4, 4), True)
    """
    H = np.asarray(H)
    ops = _stacked_c_ops(c_ops, H.ndim - 2)
    d = H.shape[-1]
    eye = np.eye(d)
    if H.ndim == 2 and all(c.ndim == 2 for c in ops):
        L = -1j * (np.kron(H, eye) - np.kron(eye, H.T))
        for c in ops:
            cdc = c.conj().T @ c
            L += np.kron(c, c.conj()) - 0.5 * (np.kron(cdc, eye) + np.kron(eye, cdc.T))
        return L
    batch = np.broadcast_shapes(H.shape[:-2], *(c.shape[:-2] for c in ops))
    H = np.broadcast_to(H, (*batch, d, d))
    L = -1j * (_batched_kron(H, eye) - _batched_kron(eye, np.swapaxes(H, -1, -2)))
    for op in ops:
        c = np.broadcast_to(op, (*batch, d, d))
        cdc = np.swapaxes(c.conj(), -1, -2) @ c
        L += _batched_kron(c, c.conj()) - 0.5 * (
            _batched_kron(cdc, eye) + _batched_kron(eye, np.swapaxes(cdc, -1, -2))
        )
    return L


def steady_state_liouvillian(L: ComplexArray) -> ComplexArray:
    """Unique stationary state of a Liouvillian (its normalised null vector).

    Small generators (d <= 32):
    :func:`autocoherence.collision.generator.stationary.stationary_state`
    (row-equilibrated least squares with tr ρ = 1, uniqueness from its singular values;
    a stack (..., d², d²) in one batched call);
    larger ones (truncated oscillators) a row-equilibrated sparse LU solve with one equation
    replaced by tr ρ = 1, where a degenerate null space shows up as a singular system (one
    item of a stack after another).

    Parameters
    ----------
    L : (..., d², d²) complex array

    Returns
    -------
    (..., d, d) complex array

    Raises
    ------
    NonUniqueSteadyStateError
        If the null space has dimension > 1 (a stationary state depends on the initial one);
        for a stack the message names the index of the first such generator.

    Examples
    --------
    Decay and excitation at the thermal rates drive a qubit to its Gibbs state:

    >>> from autocoherence.spaces import Qubit, sigma_minus, sigma_plus
    >>> from autocoherence.states import fermi_occupation, thermal_state
    >>> n = fermi_occupation(1.0, 0.5)
    >>> c_ops = [np.sqrt(1 - n) * sigma_minus(), np.sqrt(n) * sigma_plus()]
    >>> rho = steady_state_liouvillian(liouvillian(Qubit(1.0).hamiltonian(), c_ops))
    >>> bool(np.allclose(rho, thermal_state(Qubit(1.0), 0.5)))
    True
    """
    L = np.asarray(L)
    d2 = L.shape[-1]
    d = round(np.sqrt(d2))
    if d <= 32:
        return stationary_state(L)[0]
    batch = L.shape[:-2]
    out = np.empty((*batch, d, d), dtype=complex)
    for index in np.ndindex(*batch):
        try:
            rho = _null_vector_sparse(L[index], d).reshape(d, d)
        except NonUniqueSteadyStateError as exc:
            if not batch:
                raise
            raise NonUniqueSteadyStateError(f"{exc} (item {index} of the stack)") from exc
        rho = rho / np.trace(rho)
        out[index] = 0.5 * (rho + rho.conj().T)
    return out


def _null_vector_sparse(L: ComplexArray, d: int) -> ComplexArray:
    """Solve L x = 0 with tr x = 1 by sparse LU (row 0 replaced by the trace functional)."""
    rows = np.vstack([np.eye(d).reshape(1, -1), L[1:]])
    scale = np.max(np.abs(rows), axis=1)  # row equilibration (see collision.stationary)
    scale[scale == 0] = 1.0
    A = sparse.csc_matrix(rows / scale[:, None])
    rhs = np.zeros(d * d, dtype=complex)
    rhs[0] = 1.0 / scale[0]
    with warnings.catch_warnings():
        warnings.simplefilter("error", spla.MatrixRankWarning)
        try:
            x = spla.spsolve(A, rhs)
        except (spla.MatrixRankWarning, RuntimeError) as exc:
            raise NonUniqueSteadyStateError(
                "the generator's stationary states are not unique (singular trace-constrained "
                "system)"
            ) from exc
    scale = max(1.0, float(np.abs(L).max()))
    if not np.all(np.isfinite(x)) or float(np.abs(L @ x).max()) > 1e-8 * scale:
        raise NonUniqueSteadyStateError(
            "no unique normalised null vector of the generator (the trace-constrained solve "
            "is singular)"
        )
    return x


def evolve_liouvillian(L: ComplexArray, rho0: ComplexArray, times: FloatArray) -> ComplexArray:
    """ρ(t) = exp(L t) ρ(0) at each of ``times`` (any order, t >= 0).

    Small generators (d <= 8) use dense ``expm`` propagators, cached per time step; larger
    ones (truncated oscillators) ``scipy.sparse.linalg.expm_multiply`` on the sparse L, both
    accurate to ~1e-13.

    Returns
    -------
    (len(times), d, d) complex array

    Examples
    --------
    >>> from autocoherence.spaces import sigma_minus, sigma_z
    >>> L = liouvillian(0.5 * sigma_z(), [sigma_minus()])
    >>> times = np.array([0.0, 1.0, 2.0])
    >>> rho_t = evolve_liouvillian(L, np.diag([1.0, 0.0]), times)  # from the excited state
    >>> bool(np.allclose(rho_t[:, 0, 0], np.exp(-times)))         # population e^{-t}
    True
    """
    d = rho0.shape[0]
    order = np.argsort(times, kind="stable")
    out = np.empty((len(times), d, d), dtype=complex)
    vec = rho0.reshape(-1).astype(complex)
    t_prev = 0.0
    small = d <= 8
    L_op = L if small else sparse.csr_matrix(L)
    cache: dict[float, ComplexArray] = {}
    for idx in order:
        dt = float(times[idx]) - t_prev
        if dt > 0:
            if small:
                key = round(dt, 14)
                if key not in cache:
                    cache[key] = sla.expm(L * dt)
                vec = cache[key] @ vec
            else:
                vec = spla.expm_multiply(L_op * dt, vec)
        t_prev = float(times[idx])
        out[idx] = vec.reshape(d, d)
    return out
