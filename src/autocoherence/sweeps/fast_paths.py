"""Vectorised evaluation of many sweep points at once, where the physics allows it.

Each function returns the (local) qubit Bloch vector (x, y, z) of many points as three
arrays; the quantities of :mod:`autocoherence.sweeps.quantities` follow from it.

* :func:`collision_family_bloch`: the closed form PRA104 Eqs. (B7)-(B9) over whole parameter
  arrays of a :class:`~autocoherence.sweeps.families.CollisionFamily`, with the cluster
  moments Eq. (7) / Eq. (18) vectorised; no model is built.
* :func:`closed_form_bloch`: the same closed form for a list of CollisionModels (any factory).
* :func:`master_equation_bloch`: the Lindblad steady states (PRA104 Eq. (A5)) of many small
  models together: their Liouvillians are stacked and one batched SVD gives every null
  vector, the same algorithm as
  :func:`autocoherence.collision.generator.master_equation.steady_state_liouvillian` per point.
* :func:`spins_dense_bloch`: Gibbs states of spin networks that differ only in temperature
  share one diagonalisation (:meth:`autocoherence.spins.SpinNetwork.local_bloch`).

The temperature axis of the symmetry-reduced collision channel (block unitaries reused
across temperatures) belongs here once that route exists in
:mod:`autocoherence.collision.exact.repeated`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import numpy as np

from autocoherence.collision import CollisionModel, Composite, closed_form
from autocoherence.errors import NonUniqueSteadyStateError
from autocoherence.spaces import Qubit
from autocoherence.spins import SpinNetwork
from autocoherence.states import cluster_moments
from autocoherence.sweeps.families import CollisionFamily

__all__ = [
    "closed_form_bloch",
    "cluster_moments_array",
    "collision_family_bloch",
    "collision_route",
    "liouvillian_stack",
    "master_equation_bloch",
    "spins_dense_applies",
    "spins_dense_bloch",
]

Bloch = tuple[np.ndarray, np.ndarray, np.ndarray]


def collision_route(model: CollisionModel, method: str) -> str:
    """The route ``model.steady_state(method)`` takes (``"auto"`` resolved).

    ``"auto"`` is the closed form for a qubit target with a Composite coupling, else the
    master equation (as in :meth:`CollisionModel.steady_state`; a test pins the two together).

    Examples
    --------
    >>> from autocoherence.spaces import Oscillator
    >>> qubit = CollisionModel(target=Qubit(1.0), unit=Qubit(1.0),
    ...                        coupling=Composite(f1=0.3, f2=0.6), temperature=0.5)
    >>> collision_route(qubit, "auto"), collision_route(qubit, "collisions")
    ('closed_form', 'collisions')
    >>> oscillator = CollisionModel(target=Oscillator(1.0, dim=10), unit=Qubit(1.0),
    ...                             coupling=Composite(f1=0.3, f2=0.6), temperature=0.5)
    >>> collision_route(oscillator, "auto")
    'master_equation'
    """
    if method != "auto":
        return method
    closed = isinstance(model.target, Qubit) and isinstance(model.coupling, Composite)
    return "closed_form" if closed else "master_equation"


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


def liouvillian_stack(models: Sequence[CollisionModel]) -> np.ndarray:
    """Liouvillians of many models with the same target dimension, shape (P, d², d²).

    Each model supplies its own generator (H_S, [c_k]) (:meth:`CollisionModel.lindblad`,
    PRA104 Eq. (A5)); the superoperators are assembled for all models at once, in the
    row-major convention of :func:`autocoherence.collision.generator.master_equation.liouvillian`.

    Examples
    --------
    Every Liouvillian preserves the trace: vec(I)ᵀ L = 0.

    >>> models = [CollisionModel(target=Qubit(1.0), unit=Qubit(1.0), temperature=t,
    ...                          coupling=Composite(f1=0.3, f2=0.6)) for t in (0.0, 1.0)]
    >>> L = liouvillian_stack(models)
    >>> L.shape, bool(np.abs(np.eye(2).reshape(-1) @ L).max() < 1e-12)
    ((2, 4, 4), True)
    """
    generators = [m.lindblad() for m in models]
    d = generators[0][0].shape[0]
    k_max = max(1, *(len(c_ops) for _, c_ops in generators))
    H = np.stack([h for h, _ in generators]).astype(complex)
    C = np.zeros((len(models), k_max, d, d), dtype=complex)
    for p, (_, c_ops) in enumerate(generators):
        for k, c in enumerate(c_ops):
            C[p, k] = c
    eye = np.eye(d)
    cdc = np.einsum("pkba,pkbc->pac", C.conj(), C)
    L = -1j * (np.einsum("pac,bd->pabcd", H, eye) - np.einsum("ac,pdb->pabcd", eye, H))
    L += np.einsum("pkac,pkbd->pabcd", C, C.conj())
    L -= 0.5 * (np.einsum("pac,bd->pabcd", cdc, eye) + np.einsum("ac,pdb->pabcd", eye, cdc))
    return L.reshape(len(models), d * d, d * d)


def master_equation_bloch(models: Sequence[CollisionModel], *, rtol: float = 1e-10) -> Bloch:
    """Lindblad steady states of many qubit-target models in one batched solve (PRA104 (A5)).

    The (P, 4, 4) stack of Liouvillians goes through one batched SVD; each steady state is
    the right-singular vector of the smallest singular value, normalised to trace 1 and
    Hermitised, exactly as the per-model route does.

    Raises
    ------
    NonUniqueSteadyStateError
        If a generator has more than one stationary state (the message gives its position).

    Examples
    --------
    The Lindblad steady states are those of the closed form:

    >>> models = [CollisionModel(target=Qubit(1.0), unit=Qubit(1.0), temperature=t,
    ...                          coupling=Composite(f1=0.3, f2=0.6)) for t in (0.0, 1.0)]
    >>> x, y, z = master_equation_bloch(models)
    >>> np.hypot(x, y).round(6)
    array([0.174361, 0.080575])
    >>> bool(np.allclose((x, y, z), closed_form_bloch(models), atol=1e-12))
    True
    """
    stack = liouvillian_stack(models)
    _, sv, vh = np.linalg.svd(stack)
    scale = np.maximum(1.0, sv[:, 0])
    null = np.sum(sv < rtol * scale[:, None], axis=1)
    bad = np.flatnonzero(null > 1)
    if bad.size:
        k = int(bad[0])
        raise NonUniqueSteadyStateError(
            f"the generator of point {k} of this batch has {int(null[k])} independent "
            "stationary states; the long-time state depends on the initial state"
        )
    vec = vh[:, -1, :].conj()
    rho = vec.reshape(-1, 2, 2)
    rho = rho / np.trace(rho, axis1=1, axis2=2)[:, None, None]
    rho = 0.5 * (rho + np.conj(np.swapaxes(rho, 1, 2)))
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
        out[idx] = net.local_bloch(site, temps)
    return out[:, 0], out[:, 1], out[:, 2]
