"""Does an oscillator target have a steady state? Energy balance and the ⟨a⟩ equation.

PRA104 Sec. IV and App. C. A truncated Liouvillian always has a null vector, so its
existence proves nothing about the untruncated dynamics. We decide from the adjoint
generator 𝓛†(X) = i[H, X] + Σ_k (c_k† X c_k - ½{c_k† c_k, X}):

* energy balance: the Fock-diagonal part of 𝓛†(a†a) is α + β n̂ on levels far from the
  truncation edge. β < 0 (net damping, e.g. Eq. (23) with ⟨[B, B†]⟩ > 0) confines the
  energy: a steady state exists, and the numerical one is checked for convergence in the Fock
  dimension. β = 0 with α > 0 (every Lindblad operator Hermitian, e.g. Eq. (22)) means the
  phase-averaged energy grows linearly forever: there is no steady state. The off-diagonal
  part of 𝓛†(a†a) (terms like a†a·a) rotates at ω0 and averages out over a period: this is
  the secular argument, and the convergence check covers it a posteriori.
* the first moment: if 𝓛†(a) = κ a + μ exactly (a closed linear equation, Eq. (C1)), ⟨a⟩(t)
  relaxes to -μ/κ whenever Re κ < 0, whether or not the state is stationary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from autocoherence.typing import ComplexArray

__all__ = ["Stationarity", "adjoint_generator", "stationarity"]


def adjoint_generator(
    H: ComplexArray, c_ops: Sequence[ComplexArray], X: ComplexArray
) -> ComplexArray:
    """Heisenberg-picture generator 𝓛†(X) = i[H, X] + Σ_k (c_k† X c_k - ½{c_k† c_k, X}).

    Examples
    --------
    >>> from autocoherence.spaces import sigma_minus, sigma_z
    >>> X = adjoint_generator(0.5 * sigma_z(), [sigma_minus()], sigma_z())
    >>> bool(np.allclose(X, -(np.eye(2) + sigma_z())))   # decay: d⟨σz⟩/dt = -(1 + ⟨σz⟩)
    True
    """
    out = 1j * (H @ X - X @ H)
    for c in c_ops:
        cd = c.conj().T
        cdc = cd @ c
        out = out + cd @ X @ c - 0.5 * (cdc @ X + X @ cdc)
    return out


@dataclass(frozen=True)
class Stationarity:
    """Verdict on the untruncated dynamics of an oscillator target.

    Attributes
    ----------
    state_exists : bool
        Whether a stationary state exists (net energy damping).
    energy_gain : float
        α of d⟨a†a⟩/dt ≈ α + β⟨a†a⟩ (phase-averaged), β : float the net damping coefficient.
    energy_slope : float
        β.
    mean_a_limit : complex or None
        -μ/κ when 𝓛†(a) = κa + μ closes and Re κ < 0 (Eq. (C1)); ``None`` otherwise.
    reason : str
        One sentence a user can read.

    Examples
    --------
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Oscillator(1.0, 12), unit=ac.Qubit(1.0),
    ...                       coupling=ac.Composite(0.3, 0.6, rwa=False), temperature=0.5)
    >>> v = m.stationarity()        # Hermitian Lindblad operators (Eq. (22)): heating
    >>> v.state_exists, v.mean_a_limit is not None       # yet ⟨a⟩(t) converges
    (False, True)
    """

    state_exists: bool
    energy_gain: float
    energy_slope: float
    mean_a_limit: complex | None
    reason: str


def stationarity(
    H: ComplexArray, c_ops: Sequence[ComplexArray], *, tol: float = 1e-10
) -> Stationarity:
    """Decide whether an oscillator target with generator (H, c_ops) has a steady state.

    Parameters
    ----------
    H, c_ops : arrays on the truncated Fock space of the target (dimension d >= 8)
        The effective master equation (e.g. ``CollisionModel.lindblad()``).
    tol : float, keyword-only
        Relative tolerance deciding that a coefficient vanishes.

    Returns
    -------
    Stationarity

    Notes
    -----
    Only the lowest d/2 levels are used, where truncation does not reach (every Lindblad
    operator of a Composite coupling moves at most one quantum).

    Examples
    --------
    >>> from autocoherence.spaces import Oscillator
    >>> o = Oscillator(1.0, dim=8)
    >>> a = o.lowering()
    >>> stationarity(o.hamiltonian(), [0.5 * a]).state_exists       # damping
    True
    >>> v = stationarity(o.hamiltonian(), [0.3 * (a + a.conj().T)])  # Hermitian: heating
    >>> v.state_exists, round(v.energy_gain, 6)
    (False, 0.09)
    """
    d = H.shape[0]
    k = max(3, d // 2)
    a = np.diag(np.sqrt(np.arange(1, d, dtype=float)), k=1).astype(complex)
    n = a.conj().T @ a
    gen_n = adjoint_generator(H, c_ops, n)[:k, :k]
    diag = np.real(np.diag(gen_n))
    beta, alpha = np.polyfit(np.arange(k, dtype=float), diag, 1)
    scale = max(1.0, float(np.max(np.abs(diag))))
    if float(np.max(np.abs(diag - (alpha + beta * np.arange(k))))) > 1e-8 * scale:
        alpha, beta = float(diag[0]), float(diag[1] - diag[0])  # not affine: report the edge
    gen_a = adjoint_generator(H, c_ops, a)[:k, :k]
    kappa = complex(gen_a[0, 1] / a[0, 1])
    mu = complex(gen_a[0, 0])
    resid = gen_a - kappa * a[:k, :k] - mu * np.eye(k)
    closed = float(np.max(np.abs(resid))) <= tol * max(1.0, abs(kappa), abs(mu))
    mean_a = -mu / kappa if closed and kappa.real < 0 else None
    if beta < -tol * scale:
        reason = (
            f"net energy damping d<a^dag a>/dt = {alpha:.4g} {beta:+.4g} <a^dag a> "
            "(phase-averaged): a steady state exists"
        )
        return Stationarity(True, float(alpha), float(beta), mean_a, reason)
    if abs(beta) <= tol * scale and alpha > tol * scale:
        reason = (
            f"no steady state: every Lindblad operator leaves the energy balance at "
            f"d<a^dag a>/dt = {alpha:.4g} > 0 (phase-averaged, independent of <a^dag a>), so the "
            "oscillator heats up without bound"
        )
    else:
        reason = (
            f"no steady state established: the energy balance d<a^dag a>/dt = {alpha:.4g} "
            f"{beta:+.4g} <a^dag a> has no net damping"
        )
    if mean_a is not None:
        reason += f"; <a>(t) nevertheless converges to {mean_a:.6g} (a closed linear equation)"
    return Stationarity(False, float(alpha), float(beta), mean_a, reason)
