"""A cluster of N identical thermal oscillators acts as one thermal mode with coupling √N·f.

PRA104 Eq. (17): the target couples to the cluster only through collective operators,
V = Σ_α S_α ⊗ Σ_k b_α^(k). When every b_α is linear in the mode operators,
b_α = x_α b + y_α b† + z_α, the cluster sums are

    Σ_k b_α^(k) = √N (x_α c + y_α c†) + N z_α,    c = B/√N = (b_1 + … + b_N)/√N,

and c is a bosonic mode ([c, c†] = 1). Complete it to N orthonormal modes c_1 = c, c_2, …, c_N
by a real orthogonal transformation of the b_k. This passive transformation keeps
H_B = ω_B Σ_k b_k†b_k = ω_B Σ_l c_l†c_l, and it keeps the product thermal state: each c_l is
thermal with the same occupation n_T (a Gaussian state with covariance n_T·1 is invariant
under orthogonal mode transformations). The modes c_2 … c_N never meet the target, stay
thermal, and drop out of the partial trace. So the exact one-collision channel of the cluster
equals the channel of ONE unit with b_α → √N (x_α b + y_α b†) + N z_α: for the composite
coupling, ``Composite(√N f1, √N f2, rwa)``.

The single mode is truncated at the unit's ``dim``. It carries the whole cluster's exchange
with the target, so it is pushed further up the Fock ladder than one of N units would be.
The dense route's truncation check (population left in the top level after one collision)
applies to it unchanged.
"""

from __future__ import annotations

import math

import numpy as np

from autocoherence._checks import check_int
from autocoherence.collision.interactions import Bilinear, Composite, Interaction
from autocoherence.spaces import Oscillator
from autocoherence.typing import ComplexArray

__all__ = ["collective_mode_coupling", "linear_coefficients"]


def linear_coefficients(
    op: ComplexArray, unit: Oscillator, *, atol: float = 1e-12
) -> tuple[complex, complex, complex] | None:
    """(x, y, z) with op = x b + y b† + z·1 on the unit's truncated Fock space, or None.

    b, b† and 1 are orthogonal in the Hilbert-Schmidt inner product, so the coefficients are
    projections. ``None`` means ``op`` is not linear, for example b² or b†b: the residual
    exceeds ``atol`` times the largest entry of ``op``.

    Examples
    --------
    >>> osc = Oscillator(1.0, 5)
    >>> linear_coefficients(osc.position(), osc)
    ((1+0j), (1+0j), 0j)
    >>> linear_coefficients(osc.number(), osc) is None
    True
    """
    op = np.asarray(op, dtype=complex)
    b = unit.lowering()
    bd = b.conj().T
    norm = float(np.real(np.trace(bd @ b)))
    x = complex(np.trace(bd @ op)) / norm
    y = complex(np.trace(b @ op)) / norm
    z = complex(np.trace(op)) / unit.dim
    residual = float(np.max(np.abs(op - x * b - y * bd - z * np.eye(unit.dim))))
    if residual > atol * max(1.0, float(np.max(np.abs(op)))):
        return None
    return x, y, z


def collective_mode_coupling(
    coupling: Composite | Bilinear | Interaction, unit: Oscillator, n: int
) -> Composite | Bilinear | Interaction | None:
    """The coupling of one collective mode equivalent to a cluster of ``n`` oscillator units.

    Parameters
    ----------
    coupling : Composite or Bilinear
        Coupling of the target to each unit (summed over the cluster).
    unit : Oscillator
        One bath unit.
    n : int
        Cluster size N.

    Returns
    -------
    Composite or Bilinear or None
        ``Composite(√N f1, √N f2, rwa)`` for the composite family;
        ``Bilinear(s, √N(x b + y b†) + N z)`` for ``Bilinear(s, A)`` with A = x b + y b† + z;
        ``None`` if A is not linear in b, b† (then no single mode carries the coupling).

    Examples
    --------
    >>> collective_mode_coupling(Composite(0.3, 0.6), Oscillator(1.0, 10), 4)
    Composite(f1=0.6, f2=1.2, rwa=True)
    """
    n = check_int(n, "n", minimum=1)
    root = math.sqrt(n)
    if isinstance(coupling, Composite):
        return Composite(f1=root * coupling.f1, f2=root * coupling.f2, rwa=coupling.rwa)
    b = unit.lowering()
    if isinstance(coupling, Interaction):
        terms = []
        for s, op in coupling.terms:
            coeffs = linear_coefficients(op, unit)
            if coeffs is None:
                return None
            x, y, z = coeffs
            terms.append((s, root * (x * b + y * b.conj().T) + n * z * np.eye(unit.dim)))
        return Interaction(terms)
    coefficients = linear_coefficients(np.asarray(coupling.A), unit)
    if coefficients is None:
        return None
    x, y, z = coefficients
    A = root * (x * b + y * b.conj().T) + n * z * np.eye(unit.dim)
    return Bilinear(coupling.s, A)
