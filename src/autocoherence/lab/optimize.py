"""Which couplings maximise the steady-state coherence: a global optimiser and Pareto fronts.

:func:`maximize_coherence` searches any parameters of a model factory
(``factory(**params) -> CollisionModel``) inside a box: a global search
(``scipy.optimize.differential_evolution``, seeded, so the answer is reproducible) polished
by a local method (L-BFGS-B without constraints, SLSQP with them). Constraints: a minimum
purity and a maximum work rate Ẇ (PRA104 Eq. (24)); couplings are bounded by the box.

:func:`pareto_front` traces the best coherence at each purity (or each work rate) by the
ε-constraint method: the constrained optimum at a ladder of purity floors (work ceilings).

All numbers are in model units (ħ = k_B = 1); :class:`~autocoherence.lab.Lab` converts them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import xarray as xr
from scipy import optimize

from autocoherence._checks import check_choice, check_finite, check_int
from autocoherence.errors import AutocoherenceError, ParameterError

__all__ = ["METHODS", "QUANTITIES", "Optimum", "maximize_coherence", "pareto_front"]

QUANTITIES = ("l1_coherence", "purity", "qfi")
METHODS = ("auto", "global", "local")
CONSTRAINTS = ("min_purity", "max_work_rate")
#: objective value given to points where the model has no (unique) steady state
_INFEASIBLE = 1.0e3


@dataclass(frozen=True, eq=False)
class Optimum:
    """The best point found by :func:`maximize_coherence`, and how it was found.

    Attributes
    ----------
    params : mapping of str to float
        The optimal parameters (model units).
    quantity : str
        What was maximised; ``value`` is its value at ``params``.
    value : float
    l1_coherence, purity : float
        Of the steady state at ``params``.
    work_rate : float
        Ẇ_ss of PRA104 Eq. (24) at ``params`` (NaN where Eq. (24) does not apply).
    method : str
        The search, e.g. ``"differential_evolution + L-BFGS-B"``.
    evaluations : int
        Models built and solved.
    success : bool
        Whether the local search converged and every constraint holds (to 1e-9).
    message : str
    constraints : mapping
        The constraints imposed.

    Examples
    --------
    >>> import autocoherence as ac
    >>> best = ac.maximize_coherence(
    ...     lambda f1: ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0),
    ...                                  coupling=ac.Composite(f1, 0.6), temperature=0.0,
    ...                                  cluster_size=10_000),
    ...     {"f1": (0.0, 1.0)})
    >>> round(best.params["f1"], 6), round(best.l1_coherence, 6)   # f2/√2, 1/√2
    (0.424264, 0.707107)
    """

    params: Mapping[str, float]
    quantity: str
    value: float
    l1_coherence: float
    purity: float
    work_rate: float
    method: str
    evaluations: int
    success: bool
    message: str
    constraints: Mapping[str, float] = field(default_factory=dict)

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v:.6g}" for k, v in self.params.items())
        return (
            f"Optimum({params}: l1_coherence={self.l1_coherence:.6g}, purity={self.purity:.6g}, "
            f"work_rate={self.work_rate:.6g}; {self.method}, {self.evaluations} evaluations"
            f"{'' if self.success else ', NOT converged'})"
        )


class _Problem:
    """Evaluations of one factory, cached by point, counted."""

    def __init__(
        self,
        factory: Callable[..., Any],
        names: Sequence[str],
        route: str,
        quantity: str,
        constraints: Mapping[str, float],
    ) -> None:
        self.factory = factory
        self.names = list(names)
        self.route = route
        self.quantity = quantity
        self.constraints = dict(constraints)
        self.cache: dict[tuple[float, ...], dict[str, float]] = {}
        self.solved: dict[tuple[float, ...], tuple[Any, Any]] = {}
        self.evaluations = 0

    def params(self, x: Any) -> dict[str, float]:
        return {n: float(v) for n, v in zip(self.names, np.atleast_1d(x), strict=True)}

    def __call__(self, x: Any, *, work: bool = False) -> dict[str, float]:
        key = tuple(float(v) for v in np.atleast_1d(x))
        out = self.cache.get(key)
        need_work = work or "max_work_rate" in self.constraints
        if out is not None and (not need_work or "work_rate" in out):
            return out
        if out is None:
            self.evaluations += 1
            out = {"ok": 0.0}
            try:
                model = self.factory(**self.params(x))
                state = model.steady_state(method=self.route)
                out = {
                    "ok": 1.0,
                    "l1_coherence": float(state.l1_coherence),
                    "purity": float(state.purity),
                }
                if self.quantity == "qfi":
                    qfi = state.qfi
                    out["qfi"] = float("nan") if qfi is None else float(qfi)
                self.solved[key] = (model, state)
            except AutocoherenceError:
                out = {"ok": 0.0}
            self.cache[key] = out
        if need_work and out["ok"] and "work_rate" not in out:
            try:
                model, state = self.solved[key]
                out["work_rate"] = float(model.thermodynamics(state.rho).work_rate)
            except AutocoherenceError:
                out["work_rate"] = float("nan")
        return out

    def violation(self, ev: Mapping[str, float]) -> float:
        v = 0.0
        if "min_purity" in self.constraints:
            v += max(0.0, self.constraints["min_purity"] - ev["purity"])
        if "max_work_rate" in self.constraints:
            w, cap = ev["work_rate"], self.constraints["max_work_rate"]
            v += 1.0 if math.isnan(w) else max(0.0, w - cap) / max(abs(cap), 1e-12)
        return v

    def penalised(self, x: Any) -> float:
        ev = self(x)
        if not ev["ok"] or math.isnan(ev[self.quantity]):
            return _INFEASIBLE
        return -ev[self.quantity] + 1.0e3 * self.violation(ev)

    def objective(self, x: Any) -> float:
        ev = self(x)
        if not ev["ok"] or math.isnan(ev[self.quantity]):
            return _INFEASIBLE
        return -ev[self.quantity]

    def scipy_constraints(self) -> list[dict[str, Any]]:
        cons: list[dict[str, Any]] = []
        if "min_purity" in self.constraints:
            p = self.constraints["min_purity"]
            cons.append({"type": "ineq", "fun": lambda x: self(x).get("purity", -1.0) - p})
        if "max_work_rate" in self.constraints:
            cap = self.constraints["max_work_rate"]
            scale = max(abs(cap), 1e-12)

            def work_margin(x: Any) -> float:
                w = self(x, work=True).get("work_rate", math.nan)
                return -1.0 if math.isnan(w) else (cap - w) / scale

            cons.append({"type": "ineq", "fun": work_margin})
        return cons


def _check_bounds(bounds: Mapping[str, Sequence[float]]) -> tuple[list[str], np.ndarray]:
    if not isinstance(bounds, Mapping) or not bounds:
        raise ParameterError(
            f"bounds must be a non-empty mapping {{name: (lo, hi)}}, got bounds={bounds!r}"
        )
    names, box = [], []
    for name, pair in bounds.items():
        try:
            lo, hi = (check_finite(v, f"bounds[{name!r}]") for v in pair)
        except (TypeError, ValueError) as exc:
            raise ParameterError(
                f"bounds[{name!r}] must be a pair (lo, hi) of finite numbers, got {pair!r}"
            ) from exc
        if not lo < hi:
            raise ParameterError(f"bounds[{name!r}] needs lo < hi, got {pair!r}")
        names.append(str(name))
        box.append((lo, hi))
    return names, np.array(box, dtype=float)


def _check_constraints(constraints: Mapping[str, float] | None) -> dict[str, float]:
    out: dict[str, float] = {}
    for key, value in (constraints or {}).items():
        if key not in CONSTRAINTS:
            raise ParameterError(
                f"constraints accepts {', '.join(CONSTRAINTS)} (bound couplings through "
                f"bounds); got {key!r}"
            )
        out[key] = check_finite(value, f"constraints[{key!r}]")
    if "min_purity" in out and not 0.5 <= out["min_purity"] <= 1.0 + 1e-12:
        raise ParameterError(
            f"constraints['min_purity'] must be in [1/d, 1] (0.5 for a qubit), got "
            f"{out['min_purity']!r}"
        )
    return out


def maximize_coherence(
    factory: Callable[..., Any],
    bounds: Mapping[str, Sequence[float]],
    *,
    quantity: str = "l1_coherence",
    constraints: Mapping[str, float] | None = None,
    method: str = "auto",
    route: str = "auto",
    x0: Mapping[str, float] | None = None,
    seed: int = 0,
    maxiter: int = 300,
    popsize: int = 15,
) -> Optimum:
    """Maximise the steady-state coherence (or purity, QFI) over model parameters.

    Parameters
    ----------
    factory : callable
        ``factory(**params)`` returns a :class:`~autocoherence.collision.CollisionModel`.
    bounds : mapping of str to (lo, hi)
        The search box, one entry per parameter of ``factory`` (bounded couplings).
    quantity : {"l1_coherence", "purity", "qfi"}, keyword-only
        What is maximised (of ``steady_state(method=route)``).
    constraints : mapping, keyword-only
        ``min_purity`` (tr ρ² >= it) and/or ``max_work_rate`` (Ẇ_ss of PRA104 Eq. (24) <= it,
        model units: ħω_ref² per unit).
    method : {"auto", "global", "local"}, keyword-only
        ``"global"`` (= ``"auto"``): differential evolution (seeded; penalty for
        constraints) polished by L-BFGS-B, or SLSQP with constraints. ``"local"``: only the
        local method, from ``x0`` (default: the centre of the box).
    route : str, keyword-only
        ``steady_state(method=route)``: "auto", "closed_form", "master_equation",
        "collisions".
    x0 : mapping, keyword-only
        Start of the local search (``method="local"``).
    seed : int, keyword-only
        Seed of the global search (same seed, same answer).
    maxiter, popsize : int, keyword-only
        Generations of differential evolution and its population per parameter (cheaper
        searches for expensive models: fewer of both; the local polish does the rest).

    Returns
    -------
    Optimum

    Examples
    --------
    PRA104 Eq. (10): at T = 0 and N → ∞ the best f1 at fixed f2 is f2/√2, C₀ = 1/√2:

    >>> import autocoherence as ac
    >>> def model(f1):
    ...     return ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0),
    ...                              coupling=ac.Composite(f1, 0.6), temperature=0.0,
    ...                              cluster_size=10_000)
    >>> best = ac.maximize_coherence(model, {"f1": (0.0, 1.0)})
    >>> round(best.params["f1"] * 2**0.5 / 0.6, 6), round(best.l1_coherence * 2**0.5, 6)
    (1.0, 1.0)
    >>> capped = ac.maximize_coherence(model, {"f1": (0.0, 1.0)}, constraints={"min_purity": 0.9})
    >>> round(capped.purity, 6), capped.l1_coherence < best.l1_coherence
    (0.9, True)
    """
    quantity = check_choice(quantity, "quantity", QUANTITIES)
    method = check_choice(method, "method", METHODS)
    maxiter = check_int(maxiter, "maxiter", minimum=1)
    popsize = check_int(popsize, "popsize", minimum=2)
    names, box = _check_bounds(bounds)
    cons = _check_constraints(constraints)
    problem = _Problem(factory, names, route, quantity, cons)
    lo, hi = box[:, 0], box[:, 1]

    if method == "local":
        if x0 is None:
            start = 0.5 * (lo + hi)
        else:
            missing = set(names) - set(x0)
            if missing:
                raise ParameterError(f"x0 must give every parameter; missing {sorted(missing)}")
            start = np.clip([float(x0[n]) for n in names], lo, hi)
        found, how = start, "local"
    else:
        de = optimize.differential_evolution(
            problem.penalised,
            list(map(tuple, box)),
            seed=seed,
            maxiter=maxiter,
            popsize=popsize,
            tol=1e-10,
            atol=0.0,
            polish=False,
            init="sobol",
        )
        found, how = np.asarray(de.x, dtype=float), "differential_evolution"

    if cons:
        local = optimize.minimize(
            problem.objective,
            found,
            method="SLSQP",
            bounds=list(map(tuple, box)),
            constraints=problem.scipy_constraints(),
            options={"ftol": 1e-15, "maxiter": 500},
        )
        local_name = "SLSQP"
    else:
        local = optimize.minimize(
            problem.objective,
            found,
            method="L-BFGS-B",
            bounds=list(map(tuple, box)),
            options={"ftol": 1e-16, "gtol": 1e-13, "maxiter": 1000},
        )
        local_name = "L-BFGS-B"
    x = np.clip(np.asarray(local.x, dtype=float), lo, hi)
    # keep the better of the global and the polished point (a failed polish can wander)
    for candidate in (found,):
        ev_c, ev_x = problem(candidate, work=bool(cons)), problem(x, work=bool(cons))
        if ev_c["ok"] and (
            not ev_x["ok"] or problem.penalised(candidate) < problem.penalised(x) - 1e-15
        ):
            x = candidate
    ev = problem(x, work=True)
    if not ev["ok"]:
        raise ParameterError(
            "no point of the box has a unique steady state: every evaluation failed "
            f"({problem.evaluations} tried); check bounds={dict(bounds)!r}"
        )
    feasible = problem.violation(ev) <= 1e-9
    success = bool(local.success) and feasible
    message = (
        str(local.message)
        if feasible
        else (f"{local.message}; constraints violated by {problem.violation(ev):.3g}")
    )
    return Optimum(
        params=problem.params(x),
        quantity=quantity,
        value=float(ev[quantity]),
        l1_coherence=ev["l1_coherence"],
        purity=ev["purity"],
        work_rate=ev.get("work_rate", math.nan),
        method=f"{how} + {local_name}" if how != "local" else local_name,
        evaluations=problem.evaluations,
        success=success,
        message=message,
        constraints=cons,
    )


def pareto_front(
    factory: Callable[..., Any],
    bounds: Mapping[str, Sequence[float]],
    objective: tuple[str, str] = ("l1_coherence", "purity"),
    n: int = 11,
    *,
    route: str = "auto",
    seed: int = 0,
) -> xr.Dataset:
    """The coherence–purity or coherence–work Pareto front (ε-constraint method).

    For ``("l1_coherence", "purity")``: the best coherence at each purity floor between the
    purity at the coherence optimum and the largest purity in the box. For
    ``("l1_coherence", "work_rate")``: the best coherence at each work-rate ceiling
    Ẇ*, (n-1)Ẇ*/n, ..., Ẇ*/n, with Ẇ* = Ẇ_ss at the coherence optimum (what coherence a
    power budget buys; zero work buys zero coherence, PRA104 Sec. V).

    Parameters
    ----------
    factory, bounds, route, seed
        As for :func:`maximize_coherence`.
    objective : ("l1_coherence", "purity") or ("l1_coherence", "work_rate")
    n : int
        Points on the front (>= 2).

    Returns
    -------
    xarray.Dataset over ``point`` with ``l1_coherence``, ``purity``, ``work_rate``, the
    ``level`` of the constraint, and ``params`` over (point, parameter).

    Examples
    --------
    >>> import autocoherence as ac
    >>> def model(f1):
    ...     return ac.CollisionModel(target=ac.Qubit(1.0), unit=ac.Qubit(1.0),
    ...                              coupling=ac.Composite(f1, 0.6), temperature=0.0,
    ...                              cluster_size=3)
    >>> front = pareto_front(model, {"f1": (0.0, 1.0)}, n=4)
    >>> c, p = front.l1_coherence.values, front.purity.values
    >>> bool(np.all(np.diff(c) <= 1e-9) and np.all(np.diff(p) >= -1e-9))  # a trade-off
    True
    """
    if tuple(objective) not in (("l1_coherence", "purity"), ("l1_coherence", "work_rate")):
        raise ParameterError(
            "objective must be ('l1_coherence', 'purity') or ('l1_coherence', 'work_rate'), "
            f"got objective={objective!r}"
        )
    n = check_int(n, "n", minimum=2)
    names, _ = _check_bounds(bounds)
    other = objective[1]
    best = maximize_coherence(factory, bounds, route=route, seed=seed)
    if other == "purity":
        top = maximize_coherence(factory, bounds, quantity="purity", route=route, seed=seed)
        levels = np.linspace(best.purity, top.purity, n)
        key = "min_purity"
    else:
        levels = np.linspace(best.work_rate, 0.0, n + 1)[:-1]  # W*, ..., W*/n
        key = "max_work_rate"
    points = [best]
    start = dict(best.params)
    evaluations = best.evaluations
    for level in levels[1:]:
        if other == "purity" and level >= levels[-1]:
            opt = top
        else:
            opt = maximize_coherence(
                factory,
                bounds,
                constraints={key: float(level)},
                method="local",
                x0=start,
                route=route,
            )
            if not opt.success:  # the warm start failed: search the whole box
                opt = maximize_coherence(
                    factory, bounds, constraints={key: float(level)}, route=route, seed=seed
                )
        evaluations += opt.evaluations
        points.append(opt)
        start = dict(opt.params)
    params = np.array([[p.params[k] for k in names] for p in points])
    return xr.Dataset(
        {
            "l1_coherence": ("point", [p.l1_coherence for p in points], {"units": "1"}),
            "purity": ("point", [p.purity for p in points], {"units": "1"}),
            "work_rate": (
                "point",
                [p.work_rate for p in points],
                {"units": "hbar omega_ref^2 (model)", "long_name": "W_ss, PRA104 Eq. (24)"},
            ),
            "level": ("point", levels, {"long_name": f"constraint {key}"}),
            "params": (("point", "parameter"), params),
            "success": ("point", [p.success for p in points]),
        },
        coords={"point": np.arange(n), "parameter": names},
        attrs={"objective": ",".join(objective), "constraint": key, "evaluations": evaluations},
    )
