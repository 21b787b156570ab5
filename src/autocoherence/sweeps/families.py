"""Model families: factories whose parameters are named, typed and part of the sweep's identity.

A plain Python factory (a lambda) is opaque: the sweep cannot see its fixed parameters and
must build a model per point. A family is a factory too (``family(**point)`` returns a model)
but it also knows its parameters, so it can validate a grid against them, record every fixed
parameter in the result, give a stored sweep an exact identity, and, for the collision
family, hand whole parameter arrays to the vectorised closed form.

* :class:`CollisionFamily`: a qubit target colliding with clusters of qubit or oscillator
  units through the composite coupling (PRA104 Eq. (1), (6), (17)).
* :class:`SpinFamily`: a preset spin network of :mod:`autocoherence.spins.presets` at a
  temperature (Local Eqs. (5), (9), (12), (14), (C4), (C7), (A7)).

The TOML specs of :mod:`autocoherence.sweeps.spec` are these families written down.
"""

from __future__ import annotations

import inspect
import math
import numbers
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from autocoherence.collision import CollisionModel, Composite
from autocoherence.errors import ParameterError
from autocoherence.spaces import Oscillator, Qubit
from autocoherence.spins import SpinNetwork, presets
from autocoherence.sweeps.grid import Grid

__all__ = ["CollisionFamily", "Family", "Param", "SpinFamily", "check_value"]

#: Default of a parameter that must be fixed or be a grid axis.
REQUIRED: Any = object()


@dataclass(frozen=True)
class Param:
    """One parameter of a family.

    Attributes
    ----------
    name : str
    kind : str
        ``"real"`` (finite), ``"positive"`` (finite > 0), ``"temperature"`` (>= 0, inf
        allowed), ``"int"`` (integer >= ``minimum``), ``"bool"``, ``"choice"`` (one of
        ``choices``), ``"real_or_reals"`` (a number, or a list of numbers when fixed).
    default : Any
        ``REQUIRED`` when the parameter must be fixed or a grid axis; ``None`` for optional.
    griddable : bool
        Whether it may be a grid axis (numbers only).

    Examples
    --------
    >>> p = CollisionFamily().parameters()["temperature"]
    >>> p.kind, p.griddable, p.default is REQUIRED
    ('temperature', True, True)
    >>> check_value(p, -0.1, "temperature")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    autocoherence.errors.ParameterError: temperature must be >= 0 (0 and inf are allowed), ...
    """

    name: str
    kind: str
    doc: str
    default: Any = REQUIRED
    griddable: bool = True
    choices: tuple[str, ...] = ()
    minimum: int = 1


def _is_real(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def check_value(param: Param, value: Any, field: str) -> Any:
    """Validate one value of ``param``; errors start with ``field`` (what the user wrote).

    Examples
    --------
    >>> check_value(Param("temperature", "temperature", ""), math.inf, "temperature")
    inf
    >>> check_value(Param("cluster_size", "int", ""), 2.5, "[grid] cluster_size[0]")
    Traceback (most recent call last):
    ...
    TypeError: [grid] cluster_size[0] must be an integer >= 1, got 2.5 (float)
    """
    kind = param.kind
    if kind == "bool":
        if not isinstance(value, bool | np.bool_):
            raise TypeError(
                f"{field} must be true or false, got {value!r} ({type(value).__name__})"
            )
        return bool(value)
    if kind == "choice":
        if value not in param.choices:
            allowed = ", ".join(repr(c) for c in param.choices)
            raise ParameterError(f"{field} must be one of {allowed}, got {value!r}")
        return str(value)
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise TypeError(
                f"{field} must be an integer >= {param.minimum}, got {value!r} "
                f"({type(value).__name__})"
            )
        if int(value) < param.minimum:
            raise ParameterError(f"{field} must be an integer >= {param.minimum}, got {value!r}")
        return int(value)
    if kind == "real_or_reals" and isinstance(value, list | tuple):
        if not value:
            raise ParameterError(f"{field} must be a number or a non-empty list of numbers")
        return [
            check_value(Param(param.name, "real", ""), v, f"{field}[{k}]")
            for k, v in enumerate(value)
        ]
    if not _is_real(value):
        what = "a real number" if kind != "real_or_reals" else "a number or a list of numbers"
        raise TypeError(f"{field} must be {what}, got {value!r} ({type(value).__name__})")
    x = float(value)
    if kind == "temperature":
        if math.isnan(x) or x < 0:
            raise ParameterError(f"{field} must be >= 0 (0 and inf are allowed), got {value!r}")
        return x
    if not math.isfinite(x):
        raise ParameterError(f"{field} must be a finite real number, got {value!r}")
    if kind == "positive" and x <= 0:
        raise ParameterError(f"{field} must be > 0, got {value!r}")
    return x


class Family(ABC):
    """A factory with named parameters (base of :class:`CollisionFamily`, :class:`SpinFamily`).

    ``fixed`` holds the parameters set once for the whole sweep; the others come from the
    grid or take their defaults.

    Examples
    --------
    >>> fam = CollisionFamily(f1=0.3, f2=0.6)
    >>> isinstance(fam, Family), fam.family, fam.fixed
    (True, 'collision', {'f1': 0.3, 'f2': 0.6})
    >>> fam.check_grid(Grid.from_mapping({"cluster_size": [1, 2]}))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    autocoherence.errors.ParameterError: collision parameter 'temperature' is required: ...
    """

    family: ClassVar[str]

    def __init__(self, **fixed: Any) -> None:
        params = self.parameters()
        checked: dict[str, Any] = {}
        for name, value in fixed.items():
            if name not in params:
                raise ParameterError(
                    f"unknown {self.family} parameter {name!r}; known: {', '.join(params)}"
                )
            if value is None and params[name].default is not REQUIRED:
                continue
            checked[name] = check_value(params[name], value, name)
        self._fixed = checked

    @abstractmethod
    def parameters(self) -> Mapping[str, Param]:
        """Every parameter of the family, by name."""

    @abstractmethod
    def __call__(self, **point: Any) -> Any:
        """The model at one grid point."""

    @property
    def fixed(self) -> dict[str, Any]:
        """The parameters set explicitly (validated)."""
        return dict(self._fixed)

    def check_method(self, method: str) -> None:  # noqa: B027  (optional hook)
        """Raise if ``method`` cannot work with these parameters (default: nothing to check)."""

    def check_grid(self, grid: Grid, *, prefix: str = "grid axis ") -> None:
        """Raise unless ``grid`` and the fixed parameters together set every parameter once."""
        params = self.parameters()
        for name, values in grid.axes:
            if name not in params:
                raise ParameterError(
                    f"{prefix}{name!r} is not a {self.family} parameter; known: {', '.join(params)}"
                )
            p = params[name]
            if not p.griddable:
                raise ParameterError(
                    f"{prefix}{name!r}: {name} cannot be swept (it is a {p.kind}); fix it instead"
                )
            if name in self._fixed:
                raise ParameterError(
                    f"{name} is both fixed (= {self._fixed[name]!r}) and a grid axis; "
                    "give it in one place only"
                )
            kind = "real" if p.kind == "real_or_reals" else p.kind
            for k, v in enumerate(values.tolist()):
                check_value(Param(name, kind, "", minimum=p.minimum), v, f"{prefix}{name}[{k}]")
        missing = [
            n
            for n, p in params.items()
            if p.default is REQUIRED and n not in self._fixed and n not in grid.names
        ]
        if missing:
            raise ParameterError(
                f"{self.family} parameter {missing[0]!r} is required: fix it or make it a grid "
                f"axis (missing: {', '.join(missing)})"
            )

    def resolved(self, grid: Grid) -> dict[str, Any]:
        """Fixed parameters with the defaults of those neither fixed nor on the grid."""
        out = {
            n: p.default
            for n, p in self.parameters().items()
            if p.default is not REQUIRED and p.default is not None and n not in grid.names
        }
        return out | self._fixed

    def identity(self, grid: Grid) -> dict[str, Any]:
        """The family and every fixed parameter: what makes two sweeps the same model."""
        return {"family": self.family, "parameters": self.resolved(grid)}

    def _defaults(self) -> dict[str, Any]:
        params = self.parameters()
        values = {n: p.default for n, p in params.items() if p.default is not REQUIRED}
        return values | self._fixed

    def _merge(self, point: Mapping[str, Any]) -> dict[str, Any]:
        params = self.parameters()
        values = self._defaults()
        for name, v in point.items():
            if name not in params:
                raise ParameterError(
                    f"{name!r} is not a {self.family} parameter; known: {', '.join(params)}"
                )
            values[name] = v
        missing = [n for n, p in params.items() if p.default is REQUIRED and n not in values]
        if missing:
            raise ParameterError(f"{self.family} parameter {missing[0]!r} is not set")
        return values

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self._fixed.items())
        return f"{type(self).__name__}({args})"


_COLLISION_PARAMS = (
    Param(
        "unit",
        "choice",
        "bath unit: 'qubit' or 'oscillator'",
        "qubit",
        False,
        ("qubit", "oscillator"),
    ),
    Param("omega", "real", "target qubit frequency", 1.0),
    Param("omega_b", "real", "bath-unit frequency (> 0 for oscillators)", 1.0),
    Param(
        "unit_dim",
        "int",
        "Fock dimension of oscillator units (not used by the closed form)",
        None,
        minimum=2,
    ),
    Param("f1", "real", "parallel coupling f1"),
    Param("f2", "real", "orthogonal coupling f2"),
    Param("rwa", "bool", "rotating-wave form of the orthogonal part", True, False),
    Param("temperature", "temperature", "bath temperature T >= 0"),
    Param("cluster_size", "int", "units per collision N >= 1", 1),
    Param("tau", "positive", "collision duration (method='collisions')", None),
    Param("truncation_tol", "positive", "Fock truncation tolerance", None, False),
)


class CollisionFamily(Family):
    """Qubit target, qubit or oscillator units, composite coupling (PRA104 Eq. (1), (6), (17)).

    Parameters (fixed here or grid axes): ``unit`` ('qubit' or 'oscillator', fixed),
    ``omega`` (target, default 1), ``omega_b`` (units, default 1), ``unit_dim`` (Fock
    dimension of oscillator units, needed by the master-equation and collision routes),
    ``f1``, ``f2``, ``rwa`` (fixed, default True), ``temperature``, ``cluster_size``
    (default 1), ``tau`` (for method='collisions'), ``truncation_tol`` (fixed).

    Examples
    --------
    >>> fam = CollisionFamily(f1=0.3, f2=0.6, temperature=0.5)
    >>> fam(cluster_size=3).steady_state("closed_form").method
    'closed_form'
    """

    family = "collision"

    def parameters(self) -> Mapping[str, Param]:
        """Parameters of the collision family."""
        return {p.name: p for p in _COLLISION_PARAMS}

    def __init__(self, **fixed: Any) -> None:
        super().__init__(**fixed)
        if self._fixed.get("unit") == "oscillator" and self._fixed.get("omega_b", 1.0) <= 0:
            raise ParameterError(
                f"omega_b must be > 0 for oscillator units, got omega_b={self._fixed['omega_b']}"
            )

    def check_method(self, method: str) -> None:
        """Oscillator units need ``unit_dim`` for the master-equation and collision routes."""
        oscillator = self._fixed.get("unit") == "oscillator"
        if (
            oscillator
            and method in ("master_equation", "collisions")
            and ("unit_dim" not in self._fixed)
        ):
            raise ParameterError(
                f"unit_dim (the Fock dimension of each oscillator unit) is required for "
                f"method={method!r}; only the closed form works without a truncation"
            )

    def check_grid(self, grid: Grid, *, prefix: str = "grid axis ") -> None:
        """As :meth:`Family.check_grid`, and ω_B > 0 on a grid axis for oscillator units."""
        super().check_grid(grid, prefix=prefix)
        if self._fixed.get("unit") == "oscillator" and "omega_b" in grid.names:
            values = grid.coords()["omega_b"]
            if np.any(values <= 0):
                raise ParameterError(
                    f"{prefix}omega_b must be > 0 for oscillator units, got {values.tolist()}"
                )

    def __call__(self, **point: Any) -> CollisionModel:
        """The CollisionModel at one point (oscillator units without unit_dim get dim 2,
        which only the closed form, independent of the truncation, may use)."""
        v = self._merge(point)
        if v["unit"] == "qubit":
            unit: Qubit | Oscillator = Qubit(v["omega_b"])
        else:
            unit = Oscillator(v["omega_b"], dim=v["unit_dim"] or 2)
        extra = {} if v["truncation_tol"] is None else {"truncation_tol": v["truncation_tol"]}
        return CollisionModel(
            target=Qubit(v["omega"]),
            unit=unit,
            coupling=Composite(f1=v["f1"], f2=v["f2"], rwa=v["rwa"]),
            temperature=v["temperature"],
            cluster_size=v["cluster_size"],
            tau=v["tau"],
            **extra,
        )

    def arrays(self, points: Mapping[str, np.ndarray]) -> dict[str, Any]:
        """Parameters over many points: numeric ones as arrays (fixed ones broadcast).

        ``unit`` and ``rwa`` (never grid axes) stay scalars.
        """
        size = len(next(iter(points.values()))) if points else 1
        v = self._defaults() | dict(points)
        out: dict[str, Any] = {"unit": v["unit"], "rwa": v["rwa"]}
        for name in ("omega", "omega_b", "f1", "f2", "temperature", "cluster_size"):
            out[name] = np.broadcast_to(np.asarray(v[name], dtype=float), (size,))
        return out


def _preset_functions() -> dict[str, Any]:
    return {name: getattr(presets, name) for name in presets.__all__}


def _param_from_signature(p: inspect.Parameter) -> Param:
    annotation = str(p.annotation)
    default = REQUIRED if p.default is inspect.Parameter.empty else p.default
    if annotation.startswith("int"):
        return Param(p.name, "int", "number of identical ancillas", default)
    if "Sequence" in annotation:
        return Param(p.name, "real_or_reals", "one value per ancilla, or one for all", default)
    return Param(p.name, "real", f"{p.name} of the preset", default)


class SpinFamily(Family):
    """A preset spin network (:mod:`autocoherence.spins.presets`) at a temperature.

    ``SpinFamily("direct", omega1=1.0, omega2=0.5)(gamma=0.7, temperature=0.3)`` returns
    ``(spins.direct(1.0, 0.5, 0.7), 0.3)``. The parameters are the preset's (named as in the
    paper) plus ``temperature``. Per-ancilla parameters (``omegas``, ``gammas``, ``thetas``)
    may be fixed lists; on a grid axis they are one value for every ancilla (with ``n``).

    Examples
    --------
    >>> fam = SpinFamily("direct", omega1=1.0, omega2=0.5)
    >>> net, t = fam(gamma=0.7, temperature=0.3)
    >>> round(net.gibbs(t).l1_coherence(0), 6)
    0.378098
    """

    family = "spins"

    def __init__(self, preset: str, **fixed: Any) -> None:
        functions = _preset_functions()
        if preset not in functions:
            raise ParameterError(
                f"preset must be one of {', '.join(map(repr, functions))}, got {preset!r}"
            )
        self.preset = preset
        self._function = functions[preset]
        super().__init__(**fixed)

    def parameters(self) -> Mapping[str, Param]:
        """The preset's parameters and ``temperature``."""
        sig = inspect.signature(self._function)
        params = {name: _param_from_signature(p) for name, p in sig.parameters.items()}
        params["temperature"] = Param("temperature", "temperature", "temperature T >= 0")
        return params

    def identity(self, grid: Grid) -> dict[str, Any]:
        """Family, preset and every fixed parameter."""
        return {"family": self.family, "preset": self.preset, "parameters": self.resolved(grid)}

    def __call__(self, **point: Any) -> tuple[SpinNetwork, float]:
        """``(network, temperature)`` at one point."""
        v = self._merge(point)
        temperature = v.pop("temperature")
        return self._function(**v), temperature

    def __repr__(self) -> str:
        args = "".join(f", {k}={v!r}" for k, v in self._fixed.items())
        return f"SpinFamily({self.preset!r}{args})"
