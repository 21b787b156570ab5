"""Sweep specifications in TOML: a model family, its fixed parameters, grid axes, quantities.

```toml
title = "PRA104 Fig. 2(a)"              # optional

[model]
family = "collision"                    # or "spins" (with preset = "direct", ...)
f1 = 0.4242640687119285                 # every number is written out: nothing is evaluated
f2 = 0.6

[grid]                                  # one axis per parameter, in order (last fastest)
temperature = { start = 0.01, stop = 3.0, num = 300 }        # linspace
cluster_size = [1, 2, 3, 8]                                  # a list
# f2 = { start = 0.01, stop = 1.0, num = 20, spacing = "log" }  (geometric: numpy.geomspace)

[sweep]
quantities = ["l1_coherence", "purity"]
method = "closed_form"                  # optional, default "auto"
# site = 0                              (spin networks: the site the quantities refer to)
# chunk_points = 4096                   (points per stored block)
```

The file is parsed with :mod:`tomllib` and validated field by field: unknown fields, wrong
types, empty axes and out-of-domain values (a negative temperature, a cluster size < 1)
raise :class:`SpecError` naming the field, its value and what is allowed. The parameters of
each family are those of :class:`~autocoherence.sweeps.families.CollisionFamily` and
:class:`~autocoherence.sweeps.families.SpinFamily`. The spec is the identity of a stored
sweep: resuming a store needs the same family, parameters, grid, quantities and method.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import xarray as xr

from autocoherence.errors import ParameterError, SpecError
from autocoherence.sweeps.families import CollisionFamily, Family, Param, SpinFamily, check_value
from autocoherence.sweeps.grid import MAX_POINTS, Grid
from autocoherence.sweeps.quantities import expand_quantities, methods

__all__ = ["SpecError", "SweepSpec", "load_spec", "parse_spec", "run_spec"]

_TOP = ("title", "model", "grid", "sweep")
_SWEEP = ("quantities", "method", "site", "chunk_points")
_AXIS = ("start", "stop", "num", "spacing")
_FAMILIES = ("collision", "spins")


@dataclass(frozen=True, eq=False)
class SweepSpec:
    """A validated sweep specification.

    Attributes
    ----------
    family : CollisionFamily or SpinFamily
        The model family with its fixed parameters.
    grid : Grid
    quantities : tuple of str
    method : str
    site : int
    chunk_points : int or None
    title : str or None

    Examples
    --------
    The Python form of a spec (:func:`parse_spec` and :func:`load_spec` build it from TOML):

    >>> spec = SweepSpec(CollisionFamily(f1=0.3, f2=0.6, temperature=0.0),
    ...                  Grid.from_mapping({"cluster_size": [1, 2, 8]}), ("l1_coherence",))
    >>> run_spec(spec, executor="serial").l1_coherence.values.round(6)
    array([0.174361, 0.319415, 0.607978])
    """

    family: Family
    grid: Grid
    quantities: tuple[str, ...]
    method: str = "auto"
    site: int = 0
    chunk_points: int | None = None
    title: str | None = None


def _table(data: Any, name: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise SpecError(f"[{name}] must be a table, got {data!r:.60}")
    return data


def _unknown(table: Mapping[str, Any], allowed: tuple[str, ...], where: str) -> None:
    for key in table:
        if key not in allowed:
            raise SpecError(f"unknown field {key!r} in {where}; allowed: {', '.join(allowed)}")


def _axis(name: str, raw: Any) -> np.ndarray:
    field = f"[grid] {name}"
    if isinstance(raw, list):
        if not raw:
            raise SpecError(f"{field} is empty; give at least one value")
        for k, v in enumerate(raw):
            if isinstance(v, bool) or not isinstance(v, int | float):
                raise SpecError(f"{field}[{k}] must be a number, got {v!r} ({type(v).__name__})")
        if all(isinstance(v, int) for v in raw):
            return np.array(raw, dtype=np.int64)
        return np.array(raw, dtype=float)
    if not isinstance(raw, dict):
        raise SpecError(
            f"{field} must be a list of values or a table {{start, stop, num}}, got {raw!r:.60}"
        )
    _unknown(raw, _AXIS, field)
    for key in ("start", "stop", "num"):
        if key not in raw:
            raise SpecError(f"{field} needs the field {key!r} (a table has start, stop, num)")
    start = _number(raw["start"], f"{field}.start")
    stop = _number(raw["stop"], f"{field}.stop")
    num = raw["num"]
    if isinstance(num, bool) or not isinstance(num, int):
        raise SpecError(f"{field}.num must be an integer >= 1, got {num!r}")
    if num < 1:
        raise SpecError(f"{field}.num must be >= 1 (an axis cannot be empty), got {num}")
    if num > MAX_POINTS:
        raise SpecError(
            f"{field}.num must be <= {MAX_POINTS:.0e} (the most points of one sweep), got {num}"
        )
    spacing = raw.get("spacing", "linear")
    if spacing not in ("linear", "log"):
        raise SpecError(f"{field}.spacing must be 'linear' or 'log', got {spacing!r}")
    if spacing == "log":
        if start <= 0 or stop <= 0:
            raise SpecError(
                f"{field}: spacing = 'log' needs start > 0 and stop > 0, got start={start}, "
                f"stop={stop}"
            )
        return np.geomspace(start, stop, num)
    return np.linspace(start, stop, num)


def _number(value: Any, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SpecError(f"{field} must be a number, got {value!r} ({type(value).__name__})")
    if not math.isfinite(value):
        raise SpecError(f"{field} must be finite, got {value!r}")
    return float(value)


def _guard(call: Callable[[], Any], prefix: str = "") -> Any:
    try:
        return call()
    except (ParameterError, TypeError) as exc:
        if isinstance(exc, SpecError):
            raise
        raise SpecError(f"{prefix}{exc}") from exc


def _family(model: dict[str, Any]) -> Family:
    model = dict(model)
    family = model.pop("family", None)
    if family not in _FAMILIES:
        raise SpecError(
            f"[model] family must be one of {', '.join(map(repr, _FAMILIES))}, got {family!r}"
        )
    if family == "spins":
        preset = model.pop("preset", None)
        empty: Family = _guard(lambda: SpinFamily(preset), "[model] ")
    else:
        empty = CollisionFamily()
    params: Mapping[str, Param] = empty.parameters()
    checked = {}
    for key, value in model.items():
        if key not in params:
            allowed = ["family", *(["preset"] if family == "spins" else []), *params]
            raise SpecError(f"unknown field {key!r} in [model]; allowed: {', '.join(allowed)}")
        checked[key] = _guard(partial(check_value, params[key], value, f"[model] {key}"))
    if family == "spins":
        return _guard(lambda: SpinFamily(preset, **checked), "[model] ")
    return _guard(lambda: CollisionFamily(**checked), "[model] ")


def parse_spec(data: Mapping[str, Any]) -> SweepSpec:
    """Validate a parsed TOML document (a dict) into a :class:`SweepSpec`.

    Examples
    --------
    >>> spec = parse_spec({
    ...     "model": {"family": "collision", "f1": 0.3, "f2": 0.6},
    ...     "grid": {"temperature": {"start": 0.0, "stop": 1.0, "num": 3}},
    ...     "sweep": {"quantities": ["l1_coherence"]},
    ... })
    >>> spec.grid.coords()["temperature"]
    array([0. , 0.5, 1. ])
    >>> parse_spec({"model": {"family": "collision", "f1": 0.3, "f2": 0.6},  # doctest: +ELLIPSIS
    ...             "grid": {"temperature": [-1.0]}, "sweep": {"quantities": ["purity"]}})
    Traceback (most recent call last):
    ...
    autocoherence.errors.SpecError: [grid] temperature[0] must be >= 0 ..., got -1.0
    """
    data = _table(dict(data), "top level")
    _unknown(data, _TOP, "the spec (top level)")
    for key in ("model", "grid", "sweep"):
        if key not in data:
            raise SpecError(f"the spec needs a [{key}] table")
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        raise SpecError(f"title must be a string, got {title!r}")
    family = _family(_table(data["model"], "model"))

    grid_table = _table(data["grid"], "grid")
    if not grid_table:
        raise SpecError("[grid] needs at least one axis")
    grid = _guard(
        lambda: Grid.from_mapping({k: _axis(k, v) for k, v in grid_table.items()}), "[grid] "
    )
    _guard(lambda: family.check_grid(grid, prefix="[grid] "))

    sweep = _table(data["sweep"], "sweep")
    _unknown(sweep, _SWEEP, "[sweep]")
    if "quantities" not in sweep:
        raise SpecError("[sweep] needs quantities, e.g. quantities = ['l1_coherence']")
    raw_q = sweep["quantities"]
    if not isinstance(raw_q, list) or not all(isinstance(q, str) for q in raw_q):
        raise SpecError(f"[sweep] quantities must be a list of names, got {raw_q!r}")
    names = _guard(lambda: expand_quantities(raw_q), "[sweep] quantities: ")
    method = sweep.get("method", "auto")
    allowed = methods(family.family)
    if method not in allowed:
        raise SpecError(
            f"[sweep] method must be one of {', '.join(map(repr, allowed))} for the "
            f"{family.family} family, got {method!r}"
        )
    _guard(lambda: family.check_method(method), "[sweep] method: ")
    site = sweep.get("site", 0)
    if "site" in sweep and family.family != "spins":
        raise SpecError("[sweep] site applies to spin networks only (family = 'spins')")
    if isinstance(site, bool) or not isinstance(site, int) or site < 0:
        raise SpecError(f"[sweep] site must be an integer >= 0, got {site!r}")
    chunk = sweep.get("chunk_points")
    if chunk is not None and (isinstance(chunk, bool) or not isinstance(chunk, int) or chunk < 1):
        raise SpecError(f"[sweep] chunk_points must be an integer >= 1, got {chunk!r}")
    return SweepSpec(family, grid, names, method, site, chunk, title)


def load_spec(path: str | Path) -> SweepSpec:
    """Read and validate a TOML sweep spec; errors start with the file name.

    Examples
    --------
    >>> import tempfile
    >>> toml = '''
    ... [model]
    ... family = "spins"
    ... preset = "direct"
    ... omega1 = 1.0
    ... omega2 = 0.5
    ... gamma = 0.7
    ... [grid]
    ... temperature = { start = 0.0, stop = 1.0, num = 5 }
    ... [sweep]
    ... quantities = ["l1_coherence", "bloch"]
    ... '''
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = Path(d) / "direct.toml"
    ...     _ = path.write_text(toml)
    ...     spec = load_spec(path)
    >>> spec.family
    SpinFamily('direct', omega1=1.0, omega2=0.5, gamma=0.7)
    >>> spec.grid.coords()["temperature"], spec.quantities
    (array([0.  , 0.25, 0.5 , 0.75, 1.  ]), ('l1_coherence', 'sx', 'sy', 'sz'))
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SpecError(f"cannot read the spec {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise SpecError(
            f"the spec {path} is not a UTF-8 text file (byte 0x{exc.object[exc.start]:02x} at "
            f"offset {exc.start} is not UTF-8); a spec is a TOML text file, see examples/"
        ) from exc
    if "\x00" in text:
        raise SpecError(
            f"the spec {path} is a binary file (it contains NUL bytes); a spec is a TOML "
            "text file, see examples/"
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(f"{path}: not valid TOML: {exc}") from exc
    try:
        return parse_spec(data)
    except SpecError as exc:
        raise SpecError(f"{path}: {exc}") from exc


def run_spec(
    spec: SweepSpec,
    *,
    store: str | Path | None = None,
    executor: Any = "local",
    address: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> xr.Dataset:
    """Run a spec with :func:`~autocoherence.sweeps.sweep` (same keywords).

    Examples
    --------
    Local coherence of qubit 1 of Local Eq. (5), at T = 0 and T = 0.3:

    >>> spec = parse_spec({
    ...     "title": "direct coherence",
    ...     "model": {"family": "spins", "preset": "direct", "omega1": 1.0, "omega2": 0.5,
    ...               "gamma": 0.7},
    ...     "grid": {"temperature": [0.0, 0.3]},
    ...     "sweep": {"quantities": ["l1_coherence"]},
    ... })
    >>> ds = run_spec(spec, executor="serial")
    >>> ds.l1_coherence.values.round(6), ds.attrs["title"]
    (array([0.573462, 0.378098]), 'direct coherence')
    """
    from autocoherence.sweeps.runner import sweep  # noqa: PLC0415

    ds = sweep(
        spec.family,
        spec.grid,
        spec.quantities,
        method=spec.method,
        site=spec.site,
        chunk_points=spec.chunk_points,
        store=store,
        executor=executor,
        address=address,
        progress=progress,
    )
    if spec.title:
        ds.attrs["title"] = spec.title
    return ds
