"""Vectorised evaluation of many sweep points at once, where the physics allows it.

The ``*_bloch`` functions return the (local) qubit Bloch vector (x, y, z) of many points as
three arrays; the quantities of :mod:`autocoherence.sweeps.quantities` follow from it.

* :func:`collision_family_bloch`: the closed form PRA104 Eqs. (B7)-(B9) over whole parameter
  arrays of a :class:`~autocoherence.sweeps.families.CollisionFamily`, with the cluster
  moments Eq. (7) / Eq. (18) vectorised; no model is built.
* :func:`closed_form_bloch`: the same closed form for a list of CollisionModels (any factory).
* :func:`master_equation_states` / :func:`master_equation_bloch`: the Lindblad steady states
  (PRA104 Eq. (A5)) of many models, grouped by target dimension and handed as stacks to the
  batched engine
  (:func:`autocoherence.collision.generator.master_equation.steady_state_liouvillian`), the
  algorithm of ``model.steady_state("master_equation")`` per point.
* :func:`spins_dense_bloch`: Gibbs states of spin networks that differ only in temperature
  share one diagonalisation (:meth:`autocoherence.spins.SpinNetwork.local_bloch`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import numpy as np

from autocoherence.collision import CollisionModel, Composite, closed_form, master_equation
from autocoherence.spins import SpinNetwork
from autocoherence.states import cluster_moments
from autocoherence.sweeps.families import CollisionFamily

__all__ = [
    "closed_form_bloch",
    "cluster_moments_array",
    "collision_family_bloch",
    "master_equation_bloch",
    "master_equation_states",
    "spins_dense_applies",
    "spins_dense_bloch",
]

Bloch = tuple[np.ndarray, np.ndarray, np.ndarray]


def cluster_moments_array(
    unit: str, cluster_size: np.ndarray, omega_b: np.ndarray, temperature: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised :func:`autocoherence.states.cluster_moments` (PRA104 Eq. (7), (18)).

    Qubit units: a = N, c = N tanh(ω_B/2T); oscillator units: a = N coth(ω_B/2T) (inf at
    T = inf), c = N. T = 0 and T = inf are exact limits.

    Examples
    --------
    >>> a, c = cluster_moments_array("qubit", np.array([3.0]), np.array([1.0]), np.array([0.0]))
    >>> a, c
    (array([3.]), array([3.]))
    """
    n = np.asarray(cluster_size, dtype=float)
    w = np.asarray(omega_b, dtype=float)
    t = np.asarray(temperature, dtype=float)
    # x = ω_B/T with the limits T = 0 (±inf, 0 for ω_B = 0) and T = inf (0)
    with np.errstate(divide="ignore", invalid="ignore"):
        x = np.where(
            np.isinf(t), 0.0, np.where(t == 0, np.where(w == 0, 0.0, np.sign(w) * np.inf), w / t)
        )
    if unit == "qubit":
        return n.copy(), n * np.tanh(0.5 * x)
    with np.errstate(divide="ignore", over="ignore"):
        occupation = np.where(x == 0, np.inf, np.where(x < 700, 1.0 / np.expm1(x), 0.0))
    return n * (2.0 * occupation + 1.0), n.copy()


def collision_family_bloch(family: CollisionFamily, points: Mapping[str, np.ndarray]) -> Bloch:
    """Closed-form steady-state Bloch vectors over parameter arrays (PRA104 Eqs. (B7)-(B9)).

    Parameters
    ----------
    family : CollisionFamily
    points : mapping of name to (P,) array
        The grid parameters of P points (the family supplies the fixed ones).

    Returns
    -------
    x, y, z : (P,) arrays

    Examples
    --------
    At T = 0 the steady-state coherence grows with the cluster size N:

    >>> fam = CollisionFamily(f1=0.3, f2=0.6, temperature=0.0)
    >>> x, y, z = collision_family_bloch(fam, {"cluster_size": np.array([1, 2, 8])})
    >>> np.hypot(x, y).round(6)
    array([0.174361, 0.319415, 0.607978])
    """
    p = family.arrays(points)
    a, c = cluster_moments_array(p["unit"], p["cluster_size"], p["omega_b"], p["temperature"])
    x, y, z = closed_form.steady_state_bloch(p["f1"], p["f2"], p["omega"], a, c, rwa=p["rwa"])
    return x, y, z


def closed_form_bloch(models: Sequence[CollisionModel]) -> Bloch:
    """Closed-form Bloch vectors of CollisionModels with qubit targets and Composite couplings.

    Examples
    --------
    >>> from autocoherence.spaces import Qubit
    >>> models = [CollisionModel(target=Qubit(1.0), unit=Qubit(1.0), temperature=t,
    ...                          coupling=Composite(f1=0.3, f2=0.6)) for t in (0.0, 1.0)]
    >>> x, y, z = closed_form_bloch(models)
    >>> np.hypot(x, y).round(6), round(models[1].steady_state("closed_form").l1_coherence, 6)
    (array([0.174361, 0.080575]), 0.080575)
    """
    size = len(models)
    x, y, z = np.empty(size), np.empty(size), np.empty(size)
    for rwa in (True, False):
        idx = [k for k, m in enumerate(models) if _coupling(m).rwa is rwa]
        if not idx:
            continue
        chosen = [models[k] for k in idx]
        moments = np.array(
            [cluster_moments(m.unit, m.cluster_size, m.temperature) for m in chosen]
        ).reshape(-1, 2)
        f1 = np.array([_coupling(m).f1 for m in chosen])
        f2 = np.array([_coupling(m).f2 for m in chosen])
        omega = np.array([m.target.omega for m in chosen])
        bx, by, bz = closed_form.steady_state_bloch(
            f1, f2, omega, moments[:, 0], moments[:, 1], rwa=rwa
        )
        x[idx], y[idx], z[idx] = bx, by, bz
    return x, y, z


def _coupling(model: CollisionModel) -> Composite:
    assert isinstance(model.coupling, Composite)
    return model.coupling


def master_equation_states(models: Sequence[CollisionModel]) -> list[np.ndarray]:
    """Lindblad steady states (PRA104 Eq. (A5)) of many models, batched by target dimension.

    The models are grouped by the dimension of their target; each group's generators
    (:meth:`CollisionModel.lindblad`, collapse operators padded with zeros to a common
    number) go through
    :func:`~autocoherence.collision.generator.master_equation.liouvillian` and
    :func:`~autocoherence.collision.generator.master_equation.steady_state_liouvillian` as
    one stack: the algorithm of ``model.steady_state("master_equation")`` item by item.

    Returns
    -------
    list of (d, d) complex arrays
        The steady states in the order of ``models``, in each model's own basis.

    Raises
    ------
    NonUniqueSteadyStateError
        If a generator has more than one stationary state (the message gives its index in
        the stack of models with the same target dimension).

    Examples
    --------
    >>> from autocoherence.spaces import Oscillator, Qubit
    >>> models = [CollisionModel(target=t, unit=Qubit(1.0), temperature=0.5,
    ...                          coupling=Composite(f1=0.3, f2=0.6))
    ...           for t in (Qubit(1.0), Oscillator(1.0, dim=6), Qubit(2.0))]
    >>> [rho.shape for rho in master_equation_states(models)]
    [(2, 2), (6, 6), (2, 2)]
    """
    generators = [m.lindblad() for m in models]
    groups: dict[int, list[int]] = defaultdict(list)
    for k, (H, _) in enumerate(generators):
        groups[H.shape[0]].append(k)
    out: list[np.ndarray] = [np.empty(0)] * len(models)
    for d, positions in groups.items():
        k_max = max(len(generators[p][1]) for p in positions)
        H = np.stack([generators[p][0] for p in positions]).astype(complex)
        C = np.zeros((len(positions), k_max, d, d), dtype=complex)
        for j, p in enumerate(positions):
            for k, c in enumerate(generators[p][1]):
                C[j, k] = c
        states = master_equation.steady_state_liouvillian(master_equation.liouvillian(H, C))
        for j, p in enumerate(positions):
            out[p] = states[j]
    return out


def master_equation_bloch(models: Sequence[CollisionModel]) -> Bloch:
    """Bloch vectors of the Lindblad steady states of qubit-target models (PRA104 (A5)).

    :func:`master_equation_states` (one batched solve) read as (x, y, z).

    Examples
    --------
    The Lindblad steady states are those of the closed form:

    >>> from autocoherence.spaces import Qubit
    >>> models = [CollisionModel(target=Qubit(1.0), unit=Qubit(1.0), temperature=t,
    ...                          coupling=Composite(f1=0.3, f2=0.6)) for t in (0.0, 1.0)]
    >>> x, y, z = master_equation_bloch(models)
    >>> np.hypot(x, y).round(6)
    array([0.174361, 0.080575])
    >>> bool(np.allclose((x, y, z), closed_form_bloch(models), atol=1e-12))
    True
    """
    rho = np.stack(master_equation_states(models)).reshape(-1, 2, 2)
    x = np.real(rho[:, 0, 1] + rho[:, 1, 0])
    y = np.real(1j * (rho[:, 0, 1] - rho[:, 1, 0]))
    z = np.real(rho[:, 0, 0] - rho[:, 1, 1])
    return x, y, z


def spins_dense_applies(method: str, net: SpinNetwork | None = None) -> bool:
    """Whether ``net.gibbs(T, method=method)`` is the dense route the shared
    diagonalisation reproduces (``"auto"`` resolves per network: the symmetry-reduced
    route for structured presets, dense otherwise).

    Examples
    --------
    >>> from autocoherence.spins import direct, direct_n
    >>> spins_dense_applies("auto", direct(1.0, 0.5, 0.7)), spins_dense_applies("dense")
    (True, True)
    >>> spins_dense_applies("auto", direct_n(1.0, 0.5, 0.2, n=100))
    False
    """
    if method == "dense":
        return True
    return method == "auto" and net is not None and net.gibbs_route("auto") == "dense"


def _network_key(net: SpinNetwork) -> Hashable:
    if net.operator is None:
        return ("terms", net.n_sites, net.terms)
    return ("operator", net.operator.shape, net.operator.tobytes())


def spins_dense_bloch(models: Sequence[tuple[SpinNetwork, float]], site: int) -> Bloch:
    """Local Bloch vectors of ``site`` for (network, temperature) pairs.

    Pairs with the same Hamiltonian share one diagonalisation (Local Eq. (2)):
    ⟨σ⟩_T = Σ_k p_k(T) ⟨E_k|σ|E_k⟩.

    Examples
    --------
    Local coherence of qubit 1 of Local Eq. (5) at T = 0, 0.3 and inf:

    >>> from autocoherence.spins import direct
    >>> net = direct(1.0, 0.5, 0.7)
    >>> x, y, z = spins_dense_bloch([(net, 0.0), (net, 0.3), (net, float("inf"))], site=0)
    >>> np.hypot(x, y).round(6)
    array([0.573462, 0.378098, 0.      ])
    """
    groups: dict[Hashable, list[int]] = defaultdict(list)
    for k, (net, _) in enumerate(models):
        groups[_network_key(net)].append(k)
    out = np.empty((len(models), 3))
    for idx in groups.values():
        net = models[idx[0]][0]
        temps: Any = [models[k][1] for k in idx]
        out[idx] = net.local_bloch(site, temps, method="dense")
    return out[:, 0], out[:, 1], out[:, 2]
