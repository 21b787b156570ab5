"""The identity of a sweep: what must match for a stored sweep to be resumed or compared.

The manifest records the model (a family and its fixed parameters, or a Python factory's
identity), the grid, the quantities, the method, the site and the package version. It is
stored with the results; resuming compares it field by field and refuses any difference.

A Python factory is opaque, so its identity is derived: its module-qualified name and a
digest of its code, constants, defaults and closure values (memory addresses removed). Two
different lambdas therefore differ, the same lambda in a later session matches, and globals
it reads are *not* part of the identity: pass ``spec_id=`` to name a sweep explicitly.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable, Mapping
from types import CodeType, FunctionType
from typing import Any

import numpy as np

from autocoherence.errors import StoreMismatchError
from autocoherence.sweeps.evaluate import Job
from autocoherence.sweeps.families import Family

__all__ = [
    "FORMAT",
    "StoreMismatchError",
    "build_manifest",
    "dataset_attrs",
    "factory_identity",
    "manifest_difference",
]

#: Version of the stored layout.
FORMAT = "autocoherence-sweep/1"

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def _stable(value: Any) -> Any:
    """A JSON-able, address-free rendering of a parameter value."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, list | tuple):
        return [_stable(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _stable(v) for k, v in value.items()}
    return _ADDRESS.sub("", repr(value))


def _feed_code(h: Any, code: CodeType) -> None:
    h.update(code.co_code)
    h.update(repr(code.co_names).encode())
    for const in code.co_consts:
        if isinstance(const, CodeType):
            _feed_code(h, const)
        else:
            h.update(_ADDRESS.sub("", repr(const)).encode())


def _function_digest(func: FunctionType) -> str:
    h = hashlib.sha256()
    _feed_code(h, func.__code__)
    h.update(repr(_stable(func.__defaults__)).encode())
    h.update(repr(_stable(func.__kwdefaults__)).encode())
    for cell in func.__closure__ or ():
        h.update(repr(_stable(cell.cell_contents)).encode())
    return h.hexdigest()[:16]


def _name(obj: Any) -> str:
    module = getattr(obj, "__module__", None) or "?"
    qualname = getattr(obj, "__qualname__", None) or type(obj).__qualname__
    return f"{module}.{qualname}"


def factory_identity(factory: Callable[..., Any], job: Job, spec_id: str | None) -> dict[str, Any]:
    """What identifies the model side of a sweep (see the module docstring).

    Examples
    --------
    >>> from autocoherence.sweeps.grid import Grid
    >>> job = Job(lambda temperature: None, Grid.from_mapping({"temperature": [1.0]}), ("purity",),
    ...           "auto")
    >>> factory_identity(job.factory, job, "fig2a")
    {'spec_id': 'fig2a'}
    """
    if isinstance(factory, Family):
        out = factory.identity(job.grid)
        return out | ({"spec_id": spec_id} if spec_id is not None else {})
    if spec_id is not None:
        return {"spec_id": spec_id}
    if isinstance(factory, functools.partial):
        inner = factory_identity(factory.func, job, None)
        return inner | {"args": _stable(factory.args), "keywords": _stable(factory.keywords)}
    if isinstance(factory, FunctionType):
        return {"factory": _name(factory), "code": _function_digest(factory)}
    return {"factory": _name(type(factory)), "repr": _stable(factory)}


def build_manifest(job: Job, spec_id: str | None) -> dict[str, Any]:
    """The full identity of a sweep, as plain JSON data.

    Examples
    --------
    >>> from autocoherence.sweeps import CollisionFamily, Grid
    >>> job = Job(CollisionFamily(f1=0.3, f2=0.6), Grid.from_mapping({"temperature": [0.0, 1.0]}),
    ...           ("purity",), "auto")
    >>> m = build_manifest(job, None)
    >>> m["format"], m["model"]["family"], m["grid"], m["quantities"]
    ('autocoherence-sweep/1', 'collision', {'temperature': [0.0, 1.0]}, ['purity'])
    >>> m["model"]["parameters"]["f2"], m["model"]["parameters"]["cluster_size"]  # default N
    (0.6, 1)
    """
    from autocoherence import __version__  # noqa: PLC0415  (the package imports this module)

    manifest = {
        "format": FORMAT,
        "package_version": __version__,
        "model": factory_identity(job.factory, job, spec_id),
        "grid": job.grid.to_lists(),
        "quantities": list(job.quantities),
        "method": job.method,
        "site": job.site,
    }
    normalised: dict[str, Any] = json.loads(json.dumps(manifest))
    return normalised


def _short(value: Any) -> str:
    if isinstance(value, list) and len(value) > 6:
        head = ", ".join(json.dumps(v) for v in value[:3])
        return f"[{head}, ... {json.dumps(value[-1])}] ({len(value)} values)"
    return json.dumps(value)


def manifest_difference(stored: Any, new: Any, path: str = "") -> str | None:
    """The first field where two manifests differ, described; ``None`` if they are equal.

    Examples
    --------
    >>> manifest_difference({"grid": {"T": [1, 2]}}, {"grid": {"T": [1, 3]}})
    "field 'grid.T' differs: the store has [1, 2], this sweep has [1, 3]"
    """
    if isinstance(stored, dict) and isinstance(new, dict):
        for key in list(stored) + [k for k in new if k not in stored]:
            where = f"{path}.{key}" if path else str(key)
            if key not in stored:
                return f"field {where!r} is not in the store (this sweep has {_short(new[key])})"
            if key not in new:
                return (
                    f"field {where!r} is in the store ({_short(stored[key])}) but not in this sweep"
                )
            diff = manifest_difference(stored[key], new[key], where)
            if diff is not None:
                return diff
        return None
    if stored == new:
        return None
    return f"field {path!r} differs: the store has {_short(stored)}, this sweep has {_short(new)}"


def _attr(value: Any) -> Any:
    """A netCDF-compatible attribute value (no booleans, no None, no nested data)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | str):
        return value
    if isinstance(value, list) and all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in value
    ):
        return value
    return json.dumps(value)


def dataset_attrs(manifest: Mapping[str, Any]) -> dict[str, Any]:
    """Result attributes: version, method, the model's fixed parameters, the manifest.

    Examples
    --------
    >>> from autocoherence.sweeps import CollisionFamily, Grid
    >>> job = Job(CollisionFamily(f1=0.3, f2=0.6), Grid.from_mapping({"temperature": [0.0, 1.0]}),
    ...           ("purity",), "auto")
    >>> attrs = dataset_attrs(build_manifest(job, None))
    >>> attrs["family"], attrs["f2"], attrs["method"], attrs["rwa"]  # netCDF has no booleans
    ('collision', 0.6, 'auto', 'true')
    """
    model = dict(manifest["model"])
    attrs: dict[str, Any] = {
        "package_version": manifest["package_version"],
        "method": manifest["method"],
        "site": manifest["site"],
    }
    params = model.pop("parameters", {})
    for key, value in model.items():
        attrs[key] = _attr(value)
    for key, value in params.items():
        if value is not None:
            attrs[key] = _attr(value)
    attrs["sweep_manifest"] = json.dumps(manifest)
    return attrs
