"""Evaluate a block of sweep points: pick the fast path the block allows, else go point by point.

A :class:`Job` is everything a worker needs (factory, grid, quantities, method, site); it is
shipped to worker processes with ``cloudpickle``, so the factory may be a lambda or a closure.
:func:`evaluate` is deterministic: the same points give the same numbers whichever executor
runs them, because the route depends only on the job and the points, never on the worker.

Routes, in order of preference:

1. ``closed_form_family``: a :class:`~autocoherence.sweeps.families.CollisionFamily` whose
   method resolves to the closed form: parameter arrays straight into PRA104 (B7)-(B9).
2. Otherwise one model per point, then by model:
   ``closed_form`` (CollisionModels the closed form applies to, vectorised),
   ``master_equation`` (qubit-target Lindblad steady states, one batched solve),
   ``gibbs_dense`` (spin networks; one diagonalisation per distinct Hamiltonian),
   ``generic`` (anything else: each point's own ``steady_state``/``gibbs``).
   A CollisionModel's route is the one
   :meth:`~autocoherence.collision.CollisionModel.steady_state_route` resolves ``method``
   to, as in ``steady_state`` itself (see :func:`point_route`); every model of a
   CollisionFamily is covered by the closed form, so route 1 needs no model.

The vectorised routes apply only when every requested quantity is a function of the qubit
Bloch vector (all built-in ones are). If a vectorised route raises, the block is redone point
by point so the error names the grid point that caused it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from autocoherence.errors import MethodNotApplicableError
from autocoherence.spaces import Qubit
from autocoherence.sweeps import fast_paths
from autocoherence.sweeps.families import CollisionFamily
from autocoherence.sweeps.grid import Grid
from autocoherence.sweeps.quantities import Quantity, check_for_kind, classify, quantities, sources

__all__ = ["Job", "at_point", "build", "evaluate", "point_route", "uses_family_closed_form"]


@dataclass(frozen=True)
class Job:
    """What every block of a sweep needs.

    Attributes
    ----------
    factory : callable
        ``factory(**point)`` returns a CollisionModel or a ``(SpinNetwork, temperature)`` pair.
    grid : Grid
    quantities : tuple of str
        Expanded names (see :func:`~autocoherence.sweeps.quantities.expand_quantities`).
    method : str
        Passed to ``steady_state(method=...)`` or ``gibbs(T, method=...)``.
    site : int
        Site of spin-network quantities.

    Examples
    --------
    >>> grid = Grid.from_mapping({"temperature": [0.0, 1.0]})
    >>> job = Job(CollisionFamily(f1=0.3, f2=0.6), grid, ("l1_coherence", "purity"), "auto")
    >>> job.grid.size, job.quantities, job.site
    (2, ('l1_coherence', 'purity'), 0)
    """

    factory: Callable[..., Any]
    grid: Grid
    quantities: tuple[str, ...]
    method: str
    site: int = 0


def _format_point(point: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in point.items())


def at_point(exc: BaseException, point: dict[str, Any]) -> BaseException:
    """The same kind of error, its message extended by the grid point that raised it.

    Examples
    --------
    >>> print(at_point(ValueError("temperature must be >= 0"), {"temperature": -1.0}))
    temperature must be >= 0 [at grid point temperature=-1.0]
    """
    message = f"{exc} [at grid point {_format_point(point)}]"
    try:
        new = type(exc)(message)
    except Exception:  # an exception type that does not take a message
        exc.add_note(f"at grid point {_format_point(point)}")
        return exc
    return new


def build(job: Job, index: int) -> tuple[str, Any]:
    """``classify(factory(**point))`` for the point with flat ``index``; errors name the point.

    Examples
    --------
    >>> grid = Grid.from_mapping({"temperature": [0.0, 1.0], "cluster_size": [1, 8]})
    >>> job = Job(CollisionFamily(f1=0.3, f2=0.6), grid, ("purity",), "auto")
    >>> kind, model = build(job, 3)  # the last axis varies fastest
    >>> kind, model.temperature, model.cluster_size
    ('collision', 1.0, 8)
    """
    point = job.grid.point(index)
    try:
        return classify(job.factory(**point))
    except Exception as exc:
        raise at_point(exc, point) from exc


def uses_family_closed_form(job: Job) -> bool:
    """Whether the whole job is route 1 (no model per point: cheap enough to run inline).

    Examples
    --------
    >>> fam, grid = CollisionFamily(f1=0.3, f2=0.6), Grid.from_mapping({"temperature": [0.5]})
    >>> uses_family_closed_form(Job(fam, grid, ("l1_coherence",), "auto"))
    True
    >>> uses_family_closed_form(Job(fam, grid, ("l1_coherence",), "master_equation"))
    False
    """
    qs = quantities("collision")
    return (
        isinstance(job.factory, CollisionFamily)
        and job.method in ("auto", "closed_form")
        and all(n in qs and qs[n].from_bloch is not None for n in job.quantities)
    )


def _from_bloch(qs: Sequence[Quantity], bloch: fast_paths.Bloch) -> np.ndarray:
    out = np.empty((len(qs), bloch[0].size))
    for k, q in enumerate(qs):
        assert q.from_bloch is not None
        out[k] = q.from_bloch(*bloch)
    return out


def _generic(
    job: Job, kind: str, qs: Sequence[Quantity], models: Sequence[Any], indices: np.ndarray
) -> np.ndarray:
    computations = sources(kind)
    out = np.empty((len(qs), len(models)))
    for j, model in enumerate(models):
        results: dict[str, Any] = {}

        def get(name: str, model: Any = model, results: dict[str, Any] = results) -> Any:
            if name not in results:
                results[name] = computations[name].compute(model, job.method, get)
            return results[name]

        try:
            for k, q in enumerate(qs):
                out[k, j] = q.extract(get(q.source), job.site)
        except Exception as exc:
            raise at_point(exc, job.grid.point(int(indices[j]))) from exc
    return out


def point_route(kind: str, model: Any, method: str, bloch_ok: bool = True) -> str:
    """The route of one point: ``closed_form``, ``master_equation``, ``gibbs_dense`` or ``generic``.

    A CollisionModel's route is what
    :meth:`~autocoherence.collision.CollisionModel.steady_state_route` resolves ``method``
    to (the choice ``steady_state`` itself makes), vectorised where the sweep has a batched
    path for it; a method that does not apply to the model goes point by point, where the
    error names the grid point. ``bloch_ok``: whether every requested quantity is a function
    of the qubit Bloch vector (else every route is ``generic``).

    Examples
    --------
    >>> fam = CollisionFamily(f1=0.3, f2=0.6, temperature=0.5)
    >>> [point_route("collision", fam(), m) for m in ("auto", "master_equation", "collisions")]
    ['closed_form', 'master_equation', 'generic']
    """
    if not bloch_ok:
        return "generic"
    if kind == "spins":
        return "gibbs_dense" if fast_paths.spins_dense_applies(method, model[0]) else "generic"
    try:
        route = model.steady_state_route(method)
    except MethodNotApplicableError:
        return "generic"
    if route == "closed_form" or (route == "master_equation" and isinstance(model.target, Qubit)):
        return str(route)
    return "generic"


def _vectorised(route: str, models: Sequence[Any], site: int) -> fast_paths.Bloch:
    if route == "closed_form":
        return fast_paths.closed_form_bloch(models)
    if route == "master_equation":
        return fast_paths.master_equation_bloch(models)
    return fast_paths.spins_dense_bloch(models, site)


def evaluate(job: Job, indices: np.ndarray) -> tuple[np.ndarray, tuple[str, ...]]:
    """Quantities at the points with flat ``indices``.

    Returns
    -------
    values : (len(job.quantities), len(indices)) float array
    routes : tuple of str
        The routes used (see the module docstring), for diagnostics.

    Examples
    --------
    Steady state of a qubit colliding with clusters of 8 qubits at T = 0, 1, inf (rows:
    l1 coherence, purity), by the closed form and by the master equation:

    >>> grid = Grid.from_mapping({"temperature": [0.0, 1.0, float("inf")]})
    >>> fam = CollisionFamily(f1=0.3, f2=0.6, cluster_size=8)
    >>> points = np.arange(grid.size)
    >>> values, routes = evaluate(Job(fam, grid, ("l1_coherence", "purity"), "auto"), points)
    >>> values.round(6), routes
    (array([[0.607978, 0.280957, 0.      ],
           [0.938882, 0.593724, 0.5     ]]), ('closed_form_family',))
    >>> me, routes = evaluate(Job(fam, grid, ("l1_coherence", "purity"), "master_equation"), points)
    >>> bool(np.allclose(me, values, atol=1e-12)), routes
    (True, ('master_equation',))
    """
    indices = np.asarray(indices, dtype=np.int64)
    if uses_family_closed_form(job):
        assert isinstance(job.factory, CollisionFamily)
        qs = [quantities("collision")[n] for n in job.quantities]
        try:
            bloch = fast_paths.collision_family_bloch(job.factory, job.grid.points(indices))
            return _from_bloch(qs, bloch), ("closed_form_family",)
        except (ValueError, ArithmeticError):
            pass  # redo point by point below: the error then names its grid point
    built = [build(job, int(i)) for i in indices]
    kinds = {kind for kind, _ in built}
    if len(kinds) > 1:
        raise TypeError(
            "the factory returned both CollisionModels and spin networks; one sweep takes "
            "one kind of model"
        )
    kind = kinds.pop()
    check_for_kind(kind, job.quantities, job.method)
    qs = [quantities(kind)[n] for n in job.quantities]
    bloch_ok = all(q.from_bloch is not None for q in qs)
    models = [m for _, m in built]
    by_route: dict[str, list[int]] = {}
    for j, model in enumerate(models):
        by_route.setdefault(point_route(kind, model, job.method, bloch_ok), []).append(j)
    out = np.empty((len(qs), len(models)))
    for route, positions in by_route.items():
        chosen = [models[j] for j in positions]
        if route != "generic":
            try:
                out[:, positions] = _from_bloch(qs, _vectorised(route, chosen, job.site))
                continue
            except (ValueError, ArithmeticError):
                pass  # redo point by point: the error then names its grid point
        out[:, positions] = _generic(job, kind, qs, chosen, indices[positions])
    return out, tuple(sorted(by_route))
