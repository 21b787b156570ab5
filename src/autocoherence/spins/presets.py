"""The paper's spin networks, with its parameter names (Local Eqs. (5), (9), (12), (14), (C4),
(C7), (A7)).

Site 0 is always the paper's first-listed qubit; ``network.labels`` holds the paper's names.
The paper assumes positive couplings and frequencies; the presets accept any finite real
values (the Gibbs state is defined for all of them), the closed forms state their own domain.
For N ancillas, ``omegas``/``gammas``/``thetas`` take one value per ancilla, or scalars
together with ``n=N`` for N identical ancillas. The N-ancilla presets carry an
:class:`~autocoherence.spins.structure.AncillaStructure` (ancillas grouped into sets of identical
ones) instead of their Pauli terms, so ``direct_n(1.0, 0.5, 0.25, n=10**6)`` is built in
microseconds and its Gibbs state comes from the symmetry-reduced route.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import Any

from autocoherence._checks import check_finite, check_int
from autocoherence.errors import ParameterError
from autocoherence.spins.network import SpinNetwork
from autocoherence.spins.structure import AncillaGroup, AncillaStructure, group_ancillas

__all__ = [
    "direct",
    "direct_n",
    "indirect",
    "indirect_n",
    "transferred",
    "transferred_n",
    "xyz",
]


def _per_ancilla(
    values: dict[str, Any], n: int | None
) -> tuple[int, dict[str, float | tuple[float, ...]]]:
    """Validate per-ancilla parameters: sequences of a common length N, or scalars with n=N.

    Scalars stay scalars (identical ancillas cost O(1), also for N = 10⁶).
    """
    lengths: dict[str, int] = {}
    for name, v in values.items():
        if isinstance(v, numbers.Real) and not isinstance(v, bool):
            continue
        try:
            lengths[name] = len(v)
        except TypeError as exc:
            raise TypeError(
                f"{name} must be a real number or a sequence of real numbers (one per ancilla), "
                f"got {name}={v!r}"
            ) from exc
    if n is None:
        scalars = [k for k in values if k not in lengths]
        if scalars:
            raise ParameterError(
                f"{scalars[0]}={values[scalars[0]]!r} is a scalar: give one value per ancilla, "
                "or n=N for N identical ancillas"
            )
        n_anc = next(iter(lengths.values()))
    else:
        n_anc = check_int(n, "n", minimum=1)
    for name, length in lengths.items():
        if length != n_anc:
            what = f"n={n_anc}" if n is not None else f"{next(iter(lengths))} has {n_anc} values"
            raise ParameterError(
                f"{name} must have one value per ancilla; got {length} values "
                f"({name}={values[name]!r}) but {what}"
            )
    if n_anc < 1:
        raise ParameterError(f"at least one ancilla is needed, got {values!r}")
    out: dict[str, float | tuple[float, ...]] = {}
    for name, v in values.items():
        if name in lengths:
            out[name] = tuple(check_finite(x, f"{name}[{k}]") for k, x in enumerate(v))
        else:
            out[name] = check_finite(v, name)
    return n_anc, out


def _ancilla_structure(
    model: str,
    omega_target: float,
    n: int | None,
    values: dict[str, Any],
    **core: float,
) -> SpinNetwork:
    """The network of an N-ancilla preset, from its (validated) per-ancilla parameters."""
    n_anc, p = _per_ancilla(values, n)
    if all(isinstance(v, float) for v in p.values()):
        groups: tuple[AncillaGroup, ...] = (
            AncillaGroup(
                n_anc,
                float(p["omegas"]),  # type: ignore[arg-type]
                float(p["gammas"]),  # type: ignore[arg-type]
                float(p.get("thetas", 0.0)),  # type: ignore[arg-type]
            ),
        )
        members = None
    else:
        seqs = {k: (v if isinstance(v, tuple) else (v,) * n_anc) for k, v in p.items()}
        groups, members = group_ancillas(seqs["omegas"], seqs["gammas"], seqs.get("thetas"))
    structure = AncillaStructure(model, omega_target, groups, members, **core)
    return SpinNetwork.from_structure(structure)


def direct(omega1: float, omega2: float, gamma: float) -> SpinNetwork:
    """Directly induced coherence, Local Eq. (5): sites [1, 2].

    H = ω1/2 σz_1 + γ/2 σx_1 σz_2 + ω2/2 σz_2.

    Examples
    --------
    >>> direct(omega1=1.0, omega2=0.5, gamma=0.7).pauli_terms()
    {'Z0': 0.5, 'X0 Z1': 0.35, 'Z1': 0.25}
    """
    w1, w2, g = (
        check_finite(v, k) for v, k in ((omega1, "omega1"), (omega2, "omega2"), (gamma, "gamma"))
    )
    terms = [("Z0", w1 / 2), ("X0 Z1", g / 2), ("Z1", w2 / 2)]
    return SpinNetwork.from_terms(terms, labels=("1", "2"), name="direct, Local Eq. (5)")


def indirect(omega1: float, omega2: float, gamma: float, theta: float) -> SpinNetwork:
    """Indirectly induced coherence, Local Eq. (9): sites [1, 2] (site 1 is the target).

    H = ω1/2 σz_1 + γ/2 σx_1 σz_2 + θ/2 σx_1 σx_2 + ω2/2 σz_2.

    Examples
    --------
    >>> indirect(1.0, 1.0, 0.5, 0.5).n_sites
    2
    """
    w1, w2 = check_finite(omega1, "omega1"), check_finite(omega2, "omega2")
    g, t = check_finite(gamma, "gamma"), check_finite(theta, "theta")
    terms = [("Z0", w1 / 2), ("X0 Z1", g / 2), ("X0 X1", t / 2), ("Z1", w2 / 2)]
    return SpinNetwork.from_terms(terms, labels=("1", "2"), name="indirect, Local Eq. (9)")


def transferred(
    omega0: float, omega1: float, omega2: float, theta: float, gamma: float
) -> SpinNetwork:
    """Transferred directly induced coherence, Local Eq. (12): sites [0, 1, 2].

    H = ω0/2 σz_0 + ω1/2 σz_1 + ω2/2 σz_2 + θ/2 σx_0 σx_1 + γ/2 σx_1 σz_2.

    Examples
    --------
    >>> transferred(1.0, 1.0, 1.3, 0.5, 0.5).labels
    ('0', '1', '2')
    """
    w0, w1, w2 = (check_finite(v, f"omega{k}") for k, v in enumerate((omega0, omega1, omega2)))
    t, g = check_finite(theta, "theta"), check_finite(gamma, "gamma")
    terms = [("Z0", w0 / 2), ("Z1", w1 / 2), ("Z2", w2 / 2), ("X0 X1", t / 2), ("X1 Z2", g / 2)]
    return SpinNetwork.from_terms(terms, labels=("0", "1", "2"), name="transferred, Local Eq. (12)")


def direct_n(
    omega1: float,
    omegas: float | Sequence[float],
    gammas: float | Sequence[float],
    n: int | None = None,
) -> SpinNetwork:
    """N ancillas inducing coherence directly, Local Eq. (14) = (C1): sites [1, 2, ..., N+1].

    H = ω1/2 σz_1 + Σ_{j=2}^{N+1} (ω_j/2 σz_j + γ_j/2 σx_1 σz_j).

    Examples
    --------
    >>> direct_n(1.0, 0.5, 0.25, n=3).labels
    ('1', '2', '3', '4')
    >>> direct_n(1.0, [0.5, 0.6], [0.2, 0.3]).n_sites
    3
    """
    w1 = check_finite(omega1, "omega1")
    return _ancilla_structure("direct_n", w1, n, {"omegas": omegas, "gammas": gammas})


def indirect_n(
    omega_t: float,
    omegas: float | Sequence[float],
    gammas: float | Sequence[float],
    thetas: float | Sequence[float],
    n: int | None = None,
) -> SpinNetwork:
    """N ancillas inducing coherence indirectly on a target T, Local Eq. (C4): sites [T, 1..N].

    H = ω_T/2 σz_T + Σ_{j=1}^{N} (ω_j/2 σz_j + γ_j/2 σz_T σx_j + θ_j/2 σx_T σx_j).

    Examples
    --------
    >>> indirect_n(1.0, 0.5, 0.5, 0.5, n=2).labels
    ('T', '1', '2')
    """
    wt = check_finite(omega_t, "omega_t")
    values = {"omegas": omegas, "gammas": gammas, "thetas": thetas}
    return _ancilla_structure("indirect_n", wt, n, values)


def transferred_n(
    omega0: float,
    theta: float,
    omega1: float,
    omegas: float | Sequence[float],
    gammas: float | Sequence[float],
    n: int | None = None,
) -> SpinNetwork:
    """N ancillas, coherence transferred to qubit 0, Local Eq. (C7): sites [0, 1, 2..N+1].

    H = ω0/2 σz_0 + θ/2 σx_0 σx_1 + ω1/2 σz_1 + Σ_{j=2}^{N+1} (γ_j/2 σx_1 σz_j + ω_j/2 σz_j).

    Examples
    --------
    >>> transferred_n(1.0, 0.5, 0.5, 1.3, 0.5, n=2).labels
    ('0', '1', '2', '3')
    """
    w0, t, w1 = (
        check_finite(omega0, "omega0"),
        check_finite(theta, "theta"),
        check_finite(omega1, "omega1"),
    )
    values = {"omegas": omegas, "gammas": gammas}
    return _ancilla_structure("transferred_n", w0, n, values, omega_mediator=w1, theta=t)


def xyz(
    omega1: float, omega2: float, gamma_x: float, gamma_y: float, gamma_z: float
) -> SpinNetwork:
    """XYZ two-spin chain, Local Eq. (A7): sites [1, 2]; Z2 symmetric for all parameters.

    H = ω1/2 σz_1 + ω2/2 σz_2 + (γx σx_1σx_2 + γy σy_1σy_2 + γz σz_1σz_2)/2.

    Examples
    --------
    >>> xyz(1.0, 0.5, 0.3, 0.2, 0.1).is_z2_symmetric()
    True
    """
    vals = {
        "omega1": omega1,
        "omega2": omega2,
        "gamma_x": gamma_x,
        "gamma_y": gamma_y,
        "gamma_z": gamma_z,
    }
    w1, w2, gx, gy, gz = (check_finite(v, k) for k, v in vals.items())
    terms = [
        ("Z0", w1 / 2),
        ("Z1", w2 / 2),
        ("X0 X1", gx / 2),
        ("Y0 Y1", gy / 2),
        ("Z0 Z1", gz / 2),
    ]
    return SpinNetwork.from_terms(terms, labels=("1", "2"), name="xyz, Local Eq. (A7)")
