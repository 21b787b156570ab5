"""The stationary state of a generator: uniqueness, accuracy and the conserved quantities.

Both steady-state routes end in the same linear algebra: the normalised null vector of a
superoperator G on row-major vec(ρ) — the Liouvillian 𝓛 of Eq. (A5), or Φ - 1 for the
one-collision channel Φ of App. A. This module solves it with thresholds that scale with G
itself, never with absolute numbers:

* **Row equilibration.** The equations for the populations come from the dissipator alone
  (the Hamiltonian part -i[H, ρ] vanishes on them in the energy basis); with weak coupling
  they are many orders of magnitude smaller than the Hamiltonian rows. Each row of
  [tr; G] is scaled to unit size before the solve, so a coupling of 1e-8 (dissipator 1e-16)
  costs no accuracy (plain SVD of G would lose it all: its null vector is perturbed by
  ε‖G‖/σ₂).
* **Uniqueness.** The stationary state is unique iff the equilibrated augmented matrix has full
  column rank; its singular values are compared with 64·d²·ε times the largest. A degenerate
  null space raises :class:`~autocoherence.errors.NonUniqueSteadyStateError` naming its
  dimension and the conserved observables (left null vectors of G).
* **Honest accuracy.** The result records the residual ‖Gρ‖ (relative to ‖G‖), the smallest
  singular value of the equilibrated system and a first-order error bound
  d·ε·σ_max/σ_min on ρ.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autocoherence.errors import NonUniqueSteadyStateError
from autocoherence.typing import ComplexArray

__all__ = ["channel_noise", "conserved_observables", "stationary_state"]

_EPS = float(np.finfo(float).eps)


def channel_noise(M: ComplexArray) -> float:
    """Rounding floor of Φ - 1 for a computed channel Φ: 64·d²·ε·max(1, max|Φ|).

    Examples
    --------
    >>> channel_noise(np.eye(4)) < 1e-12
    True
    """
    return 64 * M.shape[0] * _EPS * max(1.0, float(np.max(np.abs(M))))


def _equilibrated_system(G: ComplexArray, noise: float) -> tuple[ComplexArray, ComplexArray]:
    """[tr; G] and e_0 with every row scaled to unit size, for a stack (..., d², d²) of G."""
    d2 = G.shape[-1]
    d = round(np.sqrt(d2))
    trace_row = np.broadcast_to(np.eye(d).reshape(1, -1), (*G.shape[:-2], 1, d2))
    A = np.concatenate([trace_row.astype(complex), G], axis=-2)
    scale = np.max(np.abs(A), axis=-1)
    floor = scale <= noise
    floor[..., 0] = False
    A[floor] = 0.0  # rows at the rounding floor carry no equation: scaling them up would
    scale[floor | (scale == 0)] = 1.0  # turn noise into a constraint and hide a null space
    b = np.zeros((*G.shape[:-2], d2 + 1), dtype=complex)
    b[..., 0] = 1.0
    return A / scale[..., None], b / scale


def conserved_observables(G: ComplexArray, count: int) -> list[ComplexArray]:
    """The ``count`` conserved observables (tr(O ρ(t)) constant) besides the trace.

    Left null vectors of G, orthogonalised against the identity and made Hermitian.

    Examples
    --------
    >>> from autocoherence.collision.generator.master_equation import liouvillian
    >>> from autocoherence.spaces import sigma_z
    >>> L = liouvillian(0.5 * sigma_z(), [0.1 * sigma_z()])     # pure dephasing
    >>> (obs,) = conserved_observables(L, 1)           # σz/√2 up to sign: the population difference
    >>> bool(np.allclose(abs(obs), abs(sigma_z()) / np.sqrt(2)))
    True
    """
    d2 = G.shape[0]
    d = round(np.sqrt(d2))
    u, _, _ = np.linalg.svd(G)
    left = u[:, ::-1][:, : count + 1]  # smallest singular values last in u
    ident = np.eye(d).reshape(-1) / np.sqrt(d)
    out: list[ComplexArray] = []
    for k in range(left.shape[1]):
        v = left[:, k] - ident * (ident @ left[:, k])
        for w in out:
            wv = w.reshape(-1)
            v = v - wv * (np.vdot(wv, v) / np.vdot(wv, wv))
        if np.linalg.norm(v) < 1e-8:
            continue
        raw = v.conj().reshape(d, d)
        obs = 0.5 * (raw + raw.conj().T)
        if np.linalg.norm(obs) < 1e-8:
            obs = 0.5j * (raw - raw.conj().T)
        obs = obs / np.linalg.norm(obs)
        phase = obs.reshape(-1)[np.argmax(np.abs(obs))]
        out.append(obs * (abs(phase) / phase))
        if len(out) == count:
            break
    return out


def _describe(obs: ComplexArray) -> str:
    if np.max(np.abs(obs - np.diag(np.diag(obs)))) < 1e-8:
        weights = ", ".join(f"{x:.3g}" for x in np.real(np.diag(obs)))
        return f"populations weighted diag({weights})"
    return "an observable with off-diagonal (coherence) entries"


def _non_unique_error(
    G: ComplexArray, deficit: int, what: str, noise: float, where: str
) -> NonUniqueSteadyStateError:
    d2 = G.shape[0]
    conserved = conserved_observables(G, deficit)
    listed = "; ".join(_describe(obs) for obs in conserved[:3])
    row_max = np.max(np.abs(G), axis=1)
    unresolved = bool(np.any((row_max > 0) & (row_max <= noise)))
    caveat = (
        f" Some equations of the {what} are below its rounding floor ({noise:.2g}): the "
        "dissipation per step may be too weak to resolve (e.g. tau * f**2 ≲ 1e-13); "
        "method='master_equation' (the tau -> 0 limit) resolves that case."
        if unresolved
        else ""
    )
    return NonUniqueSteadyStateError(
        f"the {what}{where} has {deficit + 1} independent stationary states at working "
        f"precision (fixed points; a space of dimension {deficit + 1}; relaxation rates below "
        f"{64 * d2 * _EPS:.1e} of its largest rate count as zero): the long-time state "
        "depends on the initial state. Conserved besides the trace: "
        f"{listed or 'see conserved_observables'} (e.g. f2 = 0: pure dephasing conserves "
        "the populations; a dissipation that dwarfs the Hamiltonian freezes its eigenbasis)."
        f"{caveat}"
    )


def stationary_state(
    G: ComplexArray, *, what: str = "generator", noise: float = 0.0
) -> tuple[ComplexArray, dict[str, Any]]:
    """The unique normalised null vector of G as a density matrix, with accuracy info.

    Accepts a stack of generators: every item gets the same algorithm (the batched SVD of
    numpy is LAPACK's per-matrix SVD in a loop), so the sweep engine and
    :meth:`~autocoherence.collision.CollisionModel.steady_state` agree to rounding.

    Parameters
    ----------
    G : (..., d², d²) complex array
        Liouvillian (row-major vec) or channel minus identity; leading axes are a stack.
    what : str, keyword-only
        Name used in error messages ("generator", "collision channel").
    noise : float, keyword-only
        Absolute rounding floor of G's entries: rows whose largest entry is below it are
        treated as zero, and the error bound includes noise/σ_min. A Liouvillian carries the
        rounding of its dissipator's cancellations, of order ε·max|c|² (see
        :func:`~autocoherence.collision.generator.master_equation.dissipator_noise`); Φ - 1 of
        a computed channel Φ carries noise of order ε‖Φ‖ (see :func:`channel_noise`).

    Returns
    -------
    rho : (..., d, d) complex array
        Hermitian, trace 1.
    info : dict
        ``residual`` (max|G vec ρ| / max|G|), ``sigma_min`` (smallest singular value of the
        equilibrated system, relative to its largest) and ``error_bound`` (first-order estimate
        of max|Δρ| from rounding: d·ε/σ_min, and with ``noise`` at least noise/σ_min of the
        unscaled system; against the closed forms the actual error of 4x4 generators was up
        to 4.75 times it): floats for one generator, arrays of the stack's shape for a stack.

    Raises
    ------
    NonUniqueSteadyStateError
        If the stationary states form a space of dimension > 1; the message gives the
        dimension and the conserved observables (and, for a stack, the index of the first
        such generator).

    Notes
    -----
    The least-squares solution of the equilibrated system A x = b ([tr; G] row by row scaled
    to unit size, b = e_0 scaled alike) is x = V Σ⁻¹ Uᴴ b from the SVD A = U Σ Vᴴ whose
    singular values decide uniqueness (full column rank), the same minimum-norm solution
    LAPACK's ``gelsd`` (``numpy.linalg.lstsq``) returns.

    Examples
    --------
    >>> from autocoherence.collision.generator.master_equation import liouvillian
    >>> from autocoherence.spaces import sigma_minus, sigma_z
    >>> rho, info = stationary_state(liouvillian(0.5 * sigma_z(), [1e-9 * sigma_minus()]))
    >>> np.round(rho.real, 12) + 0.0, info["error_bound"] < 1e-13   # weak decay, exact answer
    (array([[0., 0.],
           [0., 1.]]), True)

    A stack of two generators (decay, and decay plus excitation at equal rates):

    >>> from autocoherence.spaces import sigma_plus
    >>> L = liouvillian(0.5 * sigma_z(), [sigma_minus()])
    >>> L_hot = liouvillian(0.5 * sigma_z(), [sigma_minus(), sigma_plus()])
    >>> rho, info = stationary_state(np.stack([L, L_hot]))
    >>> np.diagonal(rho, axis1=-2, axis2=-1).real.round(12) + 0.0, info["sigma_min"].shape
    (array([[0. , 1. ],
           [0.5, 0.5]]), (2,))
    """
    G = np.asarray(G)
    batch = G.shape[:-2]
    d2 = G.shape[-1]
    d = round(np.sqrt(d2))
    A, b = _equilibrated_system(G, noise)
    u, sv, vh = np.linalg.svd(A, full_matrices=False)
    tol = 64 * d2 * _EPS * sv[..., 0]
    deficit = np.sum(sv < tol[..., None], axis=-1)
    if np.any(deficit > 0):
        first = tuple(int(i) for i in np.argwhere(deficit > 0)[0])
        where = f" (item {first if len(first) > 1 else first[0]} of the stack)" if batch else ""
        raise _non_unique_error(G[first], int(deficit[first]), what, noise, where)
    coeff = np.einsum("...ji,...j->...i", u.conj(), b) / sv
    x = np.einsum("...ji,...j->...i", vh.conj(), coeff)
    rho = x.reshape(*batch, d, d)
    rho = rho / np.trace(rho, axis1=-2, axis2=-1)[..., None, None]
    rho = 0.5 * (rho + np.swapaxes(rho.conj(), -1, -2))
    g_scale = np.maximum(np.max(np.abs(G), axis=(-2, -1)), np.finfo(float).tiny)
    sigma_min = sv[..., -1] / sv[..., 0]
    bound = d * _EPS / sigma_min
    if noise > 0:
        # absolute rounding noise of G's entries, propagated through the unscaled system
        trace_row = np.broadcast_to(np.eye(d).reshape(1, -1), (*batch, 1, d2))
        raw = np.concatenate([trace_row, G], axis=-2)
        bound = np.maximum(bound, noise / np.linalg.svd(raw, compute_uv=False)[..., -1])
    residual = np.max(np.abs(np.einsum("...ij,...j->...i", G, rho.reshape(*batch, d2))), axis=-1)
    info: dict[str, Any] = {
        "residual": residual / g_scale,
        "sigma_min": sigma_min,
        "error_bound": bound,
    }
    if not batch:
        info = {key: float(value) for key, value in info.items()}
    return rho, info
