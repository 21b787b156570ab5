"""Thermodynamic cost of the collision models: heat, work and energy rates, PRA104 Sec. V.

Eq. (24), with V the 1/√τ-rescaled interaction (so these are the τ → 0 rates; the energy
exchanged in one collision is the rate × τ) and averages over ρ ⊗ ρ_B:

    Q̇ = ½⟨[V, [V, H_B]]⟩,   Ẇ = -½⟨[V, [V, H_S + H_B]]⟩,   dE/dt = -½⟨[V, [V, H_S]]⟩,

positive when injected into the target; dE/dt = Q̇ + Ẇ (first law). dE/dt also equals
tr(H_S 𝓛ρ) with 𝓛 the master equation (A5) (trace cyclicity), a third check.

**Numerics for any model** (Bilinear couplings, oscillator targets and units, any N): with
V = Σ_α S_α ⊗ B_α, B_α = Σ_k b_α^(k) and H_B = Σ_k h^(k),

    ⟨[V,[V,H_S]]⟩ = Σ_αβ ⟨S_αS_βH_S - 2S_αH_SS_β + H_SS_αS_β⟩_ρ G_αβ,
    ⟨[V,[V,H_B]]⟩ = Σ_αβ ⟨S_αS_β⟩_ρ K_αβ,
    G_αβ = N⟨b_αb_β⟩ + N(N-1)⟨b_α⟩⟨b_β⟩,
    K_αβ = N⟨b_αb_βh - 2b_αhb_β + hb_αb_β⟩ + N(N-1)(⟨[h,b_α]⟩⟨b_β⟩ + ⟨b_α⟩⟨[b_β,h]⟩)

(unit averages in ρ_unit; terms with h on a third unit cancel), so the cluster space is
never built. :func:`dense_rates` evaluates the same on target ⊗ cluster as a reference.

**Closed forms** (qubit target, Composite coupling, qubit or oscillator units, any N), in
the cluster moments a = ⟨{A, A†}⟩, c = ⟨[A, A†]⟩ and x = ⟨σx⟩, z = ⟨σz⟩ (RWA):

    Q̇ = -f1²ω_B c + f1f2ω_B a x - ½f2²ω_B(c + a z)
    dE/dt = ½ω f1f2 a x - ½ω f2²(c + a z)
    Ẇ = f1²ω_B c + (ω/2 - ω_B) f1f2 a x - ½(ω - ω_B) f2²(c + a z)

With a = 1, c = 1 - 2n_F these are Eqs. (25) (note f2²(n_F - ⟨σ₊σ₋⟩) = -½f2²(c + az)); with
a = 2n_T + 1, c = 1 they are Eqs. (27). For clusters of N units every term is N times the
single-unit one (a, c of Eqs. (7), (18)): (25), (27) as printed hold for N = 1 only.
Rabi form: Q̇ = -(f1² + f2²)ω_B c, dE/dt = ωa(f1f2 x - f2² z).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from autocoherence.collision.formulas.closed_form import steady_state_coherence
from autocoherence.collision.operators import CollisionOperators
from autocoherence.errors import ParameterError
from autocoherence.spaces import collective
from autocoherence.typing import ComplexArray

if TYPE_CHECKING:
    from autocoherence.collision.model import CollisionModel

__all__ = [
    "ThermodynamicRates",
    "composite_rates",
    "dense_rates",
    "double_commutators",
    "lindblad_energy_rate",
    "steady_state_work_rate",
    "thermodynamics",
    "work_rate_from_coherence",
    "work_rate_high_temperature",
]

ArrayLike = npt.ArrayLike
Term = tuple[ComplexArray, ComplexArray]


@dataclass(frozen=True, eq=False)
class ThermodynamicRates:
    """Heat, work and energy rates of the target, PRA104 Eq. (24) (τ → 0 rates).

    Attributes
    ----------
    heat_rate : float
        Q̇, heat flowing from the bath units into the target per unit time.
    work_rate : float
        Ẇ, work done on the target by switching the interaction on and off.
    energy_rate : float
        dE/dt = d⟨H_S⟩/dt = Q̇ + Ẇ.
    rho : (d, d) complex array
        The target state the rates are evaluated in.
    info : mapping
        ``state`` (where ρ came from), ``lindblad_energy_rate`` (tr(H_S 𝓛ρ), equal to
        ``energy_rate``), cluster size.

    Examples
    --------
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0),
    ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.5, tau=0.05)
    >>> r = m.thermodynamics()                  # in the steady state
    >>> r.work_rate > 0, abs(r.energy_rate) < 1e-12  # work is spent to keep the coherence
    (True, True)
    >>> abs(r.heat_rate + r.work_rate - r.energy_rate) < 1e-12   # first law
    True
    """

    heat_rate: float
    work_rate: float
    energy_rate: float
    rho: ComplexArray
    info: Mapping[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        return (
            f"ThermodynamicRates(heat_rate={self.heat_rate:.6g}, work_rate={self.work_rate:.6g}, "
            f"energy_rate={self.energy_rate:.6g})"
        )


# ------------------------------------------------------------------------------ numerics
def double_commutators(
    terms: Sequence[Term],
    rho: ComplexArray,
    H_S: ComplexArray,
    rho_unit: ComplexArray,
    h_unit: ComplexArray,
    n: int,
) -> tuple[float, float]:
    """⟨[V,[V,H_S]]⟩ and ⟨[V,[V,H_B]]⟩ in ρ ⊗ ρ_unit^{⊗n} from single-unit moments.

    Parameters
    ----------
    terms : sequence of (S_α, b_α)
        V = Σ_α S_α ⊗ Σ_k b_α^(k) (see :mod:`autocoherence.collision.interactions`).
    rho, H_S : (d, d) arrays
        Target state and free Hamiltonian.
    rho_unit, h_unit : (d_B, d_B) arrays
        State and free Hamiltonian of one bath unit; H_B = Σ_k h^(k).
    n : int
        Cluster size N.

    Returns
    -------
    (float, float)
        The two averages (real: V and the Hamiltonians are Hermitian).

    Examples
    --------
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0),
    ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.5, tau=0.05)
    >>> terms, rho = m.operators().terms(), m.steady_state().rho
    >>> vv_s, vv_b = double_commutators(terms, rho, m.target.hamiltonian(), m.unit_state(),
    ...                                 m.unit.hamiltonian(), m.cluster_size)
    >>> bool(abs(0.5 * vv_b - m.thermodynamics().heat_rate) < 1e-12)   # Q̇ = ½⟨[V,[V,H_B]]⟩
    True
    """
    S = np.array([s for s, _ in terms])
    b = np.array([op for _, op in terms])
    h = h_unit

    def avg(ops: np.ndarray) -> np.ndarray:
        return np.einsum("...ij,ji->...", ops, rho_unit)

    m1 = avg(b)
    bb = b[:, None] @ b[None, :]  # (α, β, i, k): b_α b_β
    G = n * avg(bb) + n * (n - 1) * np.outer(m1, m1)
    bhb = (b @ h)[:, None] @ b[None, :]
    comm = avg(h @ b - b @ h)  # ⟨[h, b_α]⟩
    K = n * avg(bb @ h - 2 * bhb + h @ bb) + n * (n - 1) * (np.outer(comm, m1) - np.outer(m1, comm))
    SS = S[:, None] @ S[None, :]
    SHS = (S @ H_S)[:, None] @ S[None, :]
    sys_h = np.einsum("abij,ji->ab", SS @ H_S - 2 * SHS + H_S @ SS, rho)
    sys_pp = np.einsum("abij,ji->ab", SS, rho)
    return float(np.real(np.sum(sys_h * G))), float(np.real(np.sum(sys_pp * K)))


def lindblad_energy_rate(
    H_S: ComplexArray, c_ops: Sequence[ComplexArray], rho: ComplexArray
) -> float:
    """tr(H_S 𝓛ρ) for the master equation dρ/dt = -i[H_S, ρ] + Σ 𝓓[c_k]ρ (Eq. (A5)).

    Examples
    --------
    >>> from autocoherence.spaces import sigma_minus, sigma_z
    >>> rho_e = np.diag([1.0, 0.0]).astype(complex)                     # excited state
    >>> lindblad_energy_rate(0.5 * sigma_z(), [sigma_minus()], rho_e)   # decay: -ω γ
    -1.0
    """
    rate = 0.0
    for c in c_ops:
        cd = c.conj().T
        drho = c @ rho @ cd - 0.5 * (cd @ c @ rho + rho @ cd @ c)
        rate += float(np.real(np.trace(H_S @ drho)))
    return rate


def _rates_from(vv_s: float, vv_b: float) -> tuple[float, float, float]:
    """(Q̇, Ẇ, dE/dt) from ⟨[V,[V,H_S]]⟩ and ⟨[V,[V,H_B]]⟩, Eq. (24)."""
    return 0.5 * vv_b, -0.5 * (vv_s + vv_b), -0.5 * vv_s


def thermodynamics(
    ops: CollisionOperators, rho: ComplexArray, bath_c_ops: Sequence[ComplexArray]
) -> ThermodynamicRates:
    """Heat, work and energy rates of PRA104 Eq. (24), evaluated numerically for any model.

    Parameters
    ----------
    ops : CollisionOperators
        The compiled model (:meth:`CollisionModel.operators`).
    rho : (d, d) array
        Target state in the energy basis of ``ops``.
    bath_c_ops : sequence of (d, d) arrays
        The bath's collapse operators of Eq. (A5) (for the check dE/dt = tr(H_S 𝓛ρ)).

    Returns
    -------
    ThermodynamicRates
        The rates of the collisions with the bath. A unit mixture averages them over the kinds
        of unit (every kind has tr_B(Vρ_u) = 0, so the draws contribute independently). The
        target's own ``c_ops`` exchange energy with another environment: that rate is
        reported apart, as ``info["c_ops_energy_rate"]``.

    Examples
    --------
    >>> import math
    >>> from autocoherence.collision import CollisionModel, Composite
    >>> from autocoherence.spaces import Qubit
    >>> m = CollisionModel(target=Qubit(1.0), unit=Qubit(1.0), temperature=0.5,
    ...                    coupling=Composite(f1=0.6 / math.sqrt(2), f2=0.6))
    >>> th = m.thermodynamics()                  # steady state: W = -Q > 0, dE/dt = 0
    >>> th.work_rate > 0, abs(th.work_rate + th.heat_rate) < 1e-12
    (True, True)
    """
    vv_s = vv_b = 0.0
    for k, unit in enumerate(ops.units):
        s_k, b_k = double_commutators(
            ops.terms(k), rho, ops.H_S, unit.state, unit.hamiltonian, ops.cluster_size
        )
        vv_s += unit.weight * s_k
        vv_b += unit.weight * b_k
    q, w, e = _rates_from(vv_s, vv_b)
    info = {"lindblad_energy_rate": lindblad_energy_rate(ops.H_S, bath_c_ops, rho)}
    if ops.c_ops:
        info["c_ops_energy_rate"] = lindblad_energy_rate(ops.H_S, ops.c_ops, rho)
    return ThermodynamicRates(heat_rate=q, work_rate=w, energy_rate=e, rho=rho, info=info)


def dense_rates(model: CollisionModel, rho: ComplexArray) -> tuple[float, float, float]:
    """(Q̇, Ẇ, dE/dt) of Eq. (24) by literal double commutators on target ⊗ cluster.

    A reference for tests (small N): builds V, H_S ⊗ 1, 1 ⊗ H_B and ρ ⊗ ρ_B densely and
    evaluates Ẇ from H_S + H_B directly (not as dE/dt - Q̇).

    Examples
    --------
    >>> import autocoherence as ac
    >>> m = ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0),
    ...                       coupling=ac.Composite(0.3, 0.6), temperature=0.5, tau=0.05)
    >>> r = m.thermodynamics()
    >>> dense = dense_rates(m, r.rho)
    >>> bool(np.allclose(dense, (r.heat_rate, r.work_rate, r.energy_rate), atol=1e-12))
    True
    """
    n = model.cluster_size
    D = model.unit.dim**n
    d = model.target.dim
    V = model.interaction()
    hs = np.kron(model.target.hamiltonian(), np.eye(D))
    hb = np.kron(np.eye(d), collective(model.unit.hamiltonian(), n))
    x = np.kron(rho, np.diag(model.bath_populations()))

    def vv(op: np.ndarray) -> float:
        dc = V @ (V @ op - op @ V) - (V @ op - op @ V) @ V
        return float(np.real(np.trace(dc @ x)))

    return 0.5 * vv(hb), -0.5 * vv(hs + hb), -0.5 * vv(hs)


# --------------------------------------------------------------------------- closed forms
def composite_rates(
    f1: ArrayLike,
    f2: ArrayLike,
    omega: ArrayLike,
    omega_b: ArrayLike,
    anticommutator: ArrayLike,
    commutator: ArrayLike,
    sx: ArrayLike,
    sz: ArrayLike,
    *,
    rwa: bool = True,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(Q̇, Ẇ, dE/dt) of a qubit target, Composite coupling: PRA104 Eqs. (25), (27).

    Written in the cluster moments a, c (module docstring); a = 1, c = tanh(ω_B/2T) gives
    Eq. (25), a = coth(ω_B/2T), c = 1 gives Eq. (27); clusters: a, c of Eq. (7), (18).
    Rabi form (``rwa=False``; derived here, not printed): Q̇ = -(f1² + f2²)ω_B c,
    dE/dt = ωa(f1f2 x - f2² z), Ẇ = dE/dt - Q̇.

    Examples
    --------
    >>> q, w, e = composite_rates(0.3, 0.6, 1.0, 1.0, 1.0, 1.0, 0.0, -1.0)  # T = 0, ground
    >>> float(q), float(w), float(e)
    (-0.09, 0.09, 0.0)
    """
    f1, f2, w, wb, a, c, x, z = (
        np.asarray(v, dtype=float)
        for v in (f1, f2, omega, omega_b, anticommutator, commutator, sx, sz)
    )
    if rwa:
        relax = c + a * z
        heat = -(f1**2) * wb * c + f1 * f2 * wb * a * x - 0.5 * f2**2 * wb * relax
        energy = 0.5 * w * f1 * f2 * a * x - 0.5 * w * f2**2 * relax
    else:
        heat = -(f1**2 + f2**2) * wb * c + 0.0 * (x + z)
        energy = w * a * (f1 * f2 * x - f2**2 * z)
    return heat, energy - heat, energy


def work_rate_from_coherence(
    f1: ArrayLike,
    f2: ArrayLike,
    omega: ArrayLike,
    omega_b: ArrayLike,
    anticommutator: ArrayLike,
    coherence: ArrayLike,
) -> np.ndarray:
    """Steady-state power Ẇ_ss proportional to C_ss, PRA104 Eq. (26) generalised (RWA).

    Ẇ_ss = ω_B (|f1|/|f2|) (a²K f1² + ω²)/√(a²K² + ω²) · C_ss,  K = 2f1² + f2²/2,

    for any cluster (a = N for qubit units, N coth(ω_B/2T) for oscillator units) and
    detuning (T < ∞). At a = 1, ω = ω_B this is Eq. (26) as printed,
    |f1|ω(2ω² + 4f1⁴ + f1²f2²)/(|f2|√(4ω² + (4f1² + f2²)²)) · C_ss.

    Examples
    --------
    >>> float(work_rate_from_coherence(0.0, 0.6, 1.0, 1.0, 1.0, 0.0))
    0.0
    """
    f1, f2, w, wb, a, coh = (
        np.asarray(v, dtype=float) for v in (f1, f2, omega, omega_b, anticommutator, coherence)
    )
    if np.any(f2 == 0):
        raise ParameterError("Eq. (26) needs f2 != 0 (the steady state is not unique at f2 = 0)")
    K = 2 * f1**2 + f2**2 / 2
    return wb * np.abs(f1 / f2) * (a**2 * K * f1**2 + w**2) / np.sqrt(a**2 * K**2 + w**2) * coh


def steady_state_work_rate(
    f1: ArrayLike,
    f2: ArrayLike,
    omega: ArrayLike,
    omega_b: ArrayLike,
    anticommutator: ArrayLike,
    commutator: ArrayLike,
    *,
    rwa: bool = True,
) -> np.ndarray:
    """Steady-state work rate Ẇ_ss = -Q̇_ss of a qubit target (PRA104 Eq. (26), Sec. V).

    RWA: Eq. (26) generalised (:func:`work_rate_from_coherence`) with C_ss of Eq. (3)/(8).
    Rabi form: Ẇ_ss = (f1² + f2²) ω_B c, i.e. ω_B(f1² + f2²) N tanh(ω_B/2T) for qubit units
    (the text below Eq. (26), N = 1, ω = ω_B) and N ω_B(f1² + f2²) for oscillator units.

    Examples
    --------
    >>> float(steady_state_work_rate(0.15, 0.15, 1.0, 1.0, 1.0, 1.0, rwa=False))
    0.045
    """
    f1, f2, w, wb, a, c = (
        np.asarray(v, dtype=float) for v in (f1, f2, omega, omega_b, anticommutator, commutator)
    )
    if not rwa:
        return (f1**2 + f2**2) * wb * c
    coh = steady_state_coherence(f1, f2, w, a, c) * np.sign(c)
    return work_rate_from_coherence(f1, f2, w, wb, a, coh)


def work_rate_high_temperature(
    f1: ArrayLike, f2: ArrayLike, omega_b: ArrayLike, cluster_size: ArrayLike
) -> np.ndarray:
    """High-temperature steady-state power with oscillator units, PRA104 below Eq. (27).

    Ẇ_ss → N ω_B f1⁴/(f1² + f2²/2) as T → ∞ (RWA; printed for N = 1, ω = ω_B). At finite
    T the exact Ẇ_ss exceeds it by the factor 1 + (f2²/2f1²) ε/(1 + ε), ε = ω²/(a²KL),
    a = N coth(ω_B/2T) ≈ 2NT/ω_B, K = 2f1² + f2²/2, L = f1² + f2²/2.

    Examples
    --------
    >>> round(float(work_rate_high_temperature(0.3, 0.6, 1.0, 1)), 12)
    0.03
    """
    f1, f2, wb, n = (np.asarray(v, dtype=float) for v in (f1, f2, omega_b, cluster_size))
    return n * wb * f1**4 / (f1**2 + f2**2 / 2)
