"""Thermal states and thermal averages of bath units and clusters.

Temperature T = 0 and T = math.inf are handled exactly (no NaN, no overflow): every
function here is written in terms of x = ω/T with the limits taken analytically.
"""

from __future__ import annotations

import math

import numpy as np

from autocoherence._checks import check_finite, check_int, check_positive, check_temperature
from autocoherence.errors import ParameterError, TruncationError
from autocoherence.spaces import LocalSpace, Oscillator, Qubit
from autocoherence.systems import energy_basis
from autocoherence.typing import ComplexArray, FloatArray

__all__ = [
    "bose_occupation",
    "cluster_moments",
    "fermi_occupation",
    "fock_dimension",
    "gibbs_populations",
    "tanh_half",
    "thermal_populations",
    "thermal_state",
]


def _beta_omega(omega: float, temperature: float) -> float:
    """x = ω/T with the limits T = 0 (±inf, or 0 for ω = 0) and T = inf (0)."""
    if temperature == math.inf:
        return 0.0
    if temperature == 0.0:
        return 0.0 if omega == 0 else math.copysign(math.inf, omega)
    return omega / temperature


def tanh_half(omega: float, temperature: float) -> float:
    """tanh(ω/2T): the qubit thermal polarisation ⟨[σ₋, σ₊]⟩ = -⟨σz⟩ (PRA104 below Eq. (5)).

    Examples
    --------
    >>> tanh_half(1.0, 0.0), tanh_half(1.0, math.inf)
    (1.0, 0.0)
    """
    omega = check_finite(omega, "omega")
    temperature = check_temperature(temperature)
    return math.tanh(0.5 * _beta_omega(omega, temperature))


def fermi_occupation(omega: float, temperature: float) -> float:
    """n_F = 1/(e^{ω/T} + 1), the excited population of a thermal qubit (PRA104 Eq. (25)).

    Examples
    --------
    >>> fermi_occupation(1.0, 0.0), fermi_occupation(1.0, math.inf)
    (0.0, 0.5)
    >>> round(fermi_occupation(1.0, 1.0), 6)     # 1/(e + 1)
    0.268941
    """
    return 0.5 * (1.0 - tanh_half(omega, temperature))


def bose_occupation(omega: float, temperature: float) -> float:
    """n_T = 1/(e^{ω/T} - 1), the thermal occupation of an oscillator (PRA104 Sec. III A).

    Returns ``math.inf`` at T = inf (an infinite-temperature oscillator has no normalisable
    state; callers that need a state reject it).

    Examples
    --------
    >>> bose_occupation(1.0, 0.0), bose_occupation(1.0, math.inf)
    (0.0, inf)
    >>> round(bose_occupation(1.0, 1.0), 6)      # 1/(e - 1)
    0.581977
    """
    omega = check_finite(omega, "omega")
    temperature = check_temperature(temperature)
    if omega <= 0:
        raise ParameterError(f"omega must be > 0 for a thermal oscillator, got omega={omega!r}")
    x = _beta_omega(omega, temperature)
    if x == 0.0:
        return math.inf
    return 1.0 / math.expm1(x) if x < 700 else 0.0


def thermal_populations(space: LocalSpace, temperature: float) -> FloatArray:
    """Boltzmann populations p_n ∝ exp(-E_n/T) in the space's energy basis.

    For an :class:`~autocoherence.spaces.Oscillator` the populations are those of the
    untruncated thermal state restricted to the kept levels; the weight outside them
    (the tail) is returned to the caller through :func:`thermal_state`'s check.

    Examples
    --------
    >>> thermal_populations(Qubit(1.0), 0.0), thermal_populations(Qubit(1.0), math.inf)
    (array([0., 1.]), array([0.5, 0.5]))
    >>> p = thermal_populations(Oscillator(1.0, dim=4), 1.0)
    >>> round(float(p[1] / p[0]), 6)             # Boltzmann factor e^{-ω/T}
    0.367879
    """
    temperature = check_temperature(temperature)
    energies = np.real(np.diag(space.hamiltonian()))
    if temperature == math.inf:
        if isinstance(space, Oscillator):
            raise ParameterError(
                "temperature=inf has no normalisable thermal state for an oscillator "
                f"(omega={space.omega}); use a finite temperature"
            )
        return np.full(energies.shape, 1.0 / energies.size)
    shifted = energies - energies.min()
    if temperature == 0.0:
        ground = shifted == 0.0
        return ground / ground.sum()
    logw = -shifted / temperature
    w = np.exp(logw - logw.max())
    if isinstance(space, Oscillator):
        # exact normalisation of the infinite Boltzmann series: Z = 1/(1 - e^{-ω/T})
        return w * (-math.expm1(-space.omega / temperature))
    return w / w.sum()


def gibbs_populations(energies: FloatArray, temperature: float) -> FloatArray:
    """Boltzmann populations p_n = e^{-E_n/T}/Z of a finite system's levels.

    T = 0 gives the equal mixture of the ground space and T = inf the uniform distribution.
    Levels within floating-point resolution of the ground energy (16 ulps of the largest
    |E_n|) count as ground levels at T = 0, so eigenvalues of a degenerate H computed by
    ``eigh`` keep their degeneracy.

    Examples
    --------
    >>> gibbs_populations(np.array([0.0, 1.0, 1.95]), 0.0)
    array([1., 0., 0.])
    >>> gibbs_populations(np.array([0.0, 1.0]), math.inf)
    array([0.5, 0.5])
    >>> round(float(gibbs_populations(np.array([0.0, 1.0]), 1.0)[1]), 6)   # 1/(e + 1)
    0.268941
    """
    temperature = check_temperature(temperature)
    e = np.asarray(energies, dtype=float)
    if temperature == math.inf:
        return np.full(e.shape, 1.0 / e.size)
    shifted = e - e.min()
    if temperature == 0.0:
        resolution = 16 * np.finfo(float).eps * max(1.0, float(np.max(np.abs(e))))
        ground = shifted <= resolution
        return ground / ground.sum()
    logw = -shifted / temperature
    w = np.exp(logw - logw.max())
    out: FloatArray = w / w.sum()
    return out


def thermal_state(
    space: LocalSpace, temperature: float, *, tail_tol: float = 1e-12
) -> ComplexArray:
    """Gibbs state exp(-H/T)/Z of a qubit, a truncated oscillator, or any finite system.

    Parameters
    ----------
    space : Qubit, Oscillator, Transmon or System
        For a :class:`~autocoherence.systems.System` whose H is not diagonal the state is
        built in H's eigenbasis and returned in the basis in which H was given.
    temperature : float
        T >= 0; T = 0 gives the ground state, T = inf the maximally mixed state (qubits only).
    tail_tol : float, keyword-only
        Oscillators only: the largest allowed thermal weight outside the kept Fock levels.

    Returns
    -------
    (dim, dim) complex array, trace 1.

    Raises
    ------
    TruncationError
        If an oscillator's thermal weight beyond ``dim`` exceeds ``tail_tol``.

    Examples
    --------
    >>> thermal_state(Qubit(1.0), 0.0).real
    array([[0., 0.],
           [0., 1.]])
    """
    if not isinstance(space, Qubit | Oscillator):
        _, energies, W = energy_basis(space.hamiltonian())
        rho = np.diag(gibbs_populations(energies, temperature)).astype(complex)
        return rho if W is None else W @ rho @ W.conj().T
    p = thermal_populations(space, temperature)
    if isinstance(space, Oscillator):
        tail = 1.0 - float(p.sum())
        if tail > tail_tol:
            n_needed = fock_dimension(space.omega, temperature, tail_tol)
            raise TruncationError(
                f"dim={space.dim} Fock levels hold only 1 - {tail:.3g} of the thermal state at "
                f"temperature={temperature} (omega={space.omega}); the allowed tail is "
                f"{tail_tol:g}: use dim >= {n_needed}"
            )
        p = p / p.sum()
    return np.diag(p).astype(complex)


def fock_dimension(omega: float, temperature: float, tail_tol: float) -> int:
    """Fewest Fock levels of a thermal oscillator that represent it to ``tail_tol``.

    With x = ω/T and dim levels kept, two errors must be at most ``tail_tol``:

    * the thermal weight beyond the kept levels, e^{-dim x};
    * the defect of the truncated commutator, [b, b†] = 1 - dim |dim-1⟩⟨dim-1|, whose
      thermal mean is off by dim p_{dim-1} = dim e^{-(dim-1)x}(1 - e^{-x}); the bath
      correlations of the master equation and of the collisions carry this error, which at
      low T is far larger than the tail (at T = 0.0775, tol = 1e-10: 2 levels pass the tail,
      3 the commutator).

    This is the one truncation rule of the package; routes that also bound leakage out of
    the kept levels during the evolution (``TruncationError``) may need a few more, which
    callers find by trying dim + 1, dim + 2, ...

    Examples
    --------
    >>> fock_dimension(1.0, 0.0, 1e-10), fock_dimension(1.0, 0.0775, 1e-10)
    (2, 3)
    >>> fock_dimension(1.0, 2.0, 1e-10)   # the tail alone would allow 47
    54
    >>> p = thermal_populations(Oscillator(1.0, 54), 2.0)
    >>> bool(1.0 - p.sum() <= 1e-10 and 54 * p[-1] <= 1e-10)
    True
    """
    omega = check_positive(omega, "omega")
    temperature = check_temperature(temperature)
    tail_tol = min(check_positive(tail_tol, "tail_tol"), 1.0)
    if math.isinf(temperature):
        raise ParameterError(
            "temperature=inf has no finite Fock truncation; give a finite temperature"
        )
    if temperature == 0:
        return 2
    x = omega / temperature
    dim = max(2, math.ceil(-math.log(tail_tol) / x))
    # log of dim * e^{-(dim-1)x} (1 - e^{-x}), in logarithms: no underflow at large x
    while math.log(dim) - (dim - 1) * x + math.log(-math.expm1(-x)) > math.log(tail_tol):
        dim += 1
    return dim


def cluster_moments(unit: LocalSpace, n: int, temperature: float) -> tuple[float, float]:
    """Thermal anticommutator and commutator of the collective lowering operator of n units.

    Qubits (PRA104 Eq. (7)): ⟨{S₋, S₊}⟩ = N, ⟨[S₋, S₊]⟩ = N tanh(ω_B/2T).
    Oscillators (PRA104 Eq. (18)): ⟨{B, B†}⟩ = N coth(ω_B/2T), ⟨[B, B†]⟩ = N.

    Returns
    -------
    (anticommutator, commutator) : tuple of float
        The anticommutator is ``math.inf`` for oscillators at T = inf.

    Examples
    --------
    >>> cluster_moments(Qubit(1.0), 3, 0.0)
    (3.0, 3.0)
    """
    n = check_int(n, "cluster_size", minimum=1)
    if isinstance(unit, Qubit):
        return float(n), n * tanh_half(unit.omega, temperature)
    if isinstance(unit, Oscillator):
        nt = bose_occupation(unit.omega, temperature)
        return n * (2.0 * nt + 1.0), float(n)
    raise TypeError(f"unit must be a Qubit or an Oscillator, got {type(unit).__name__}")
