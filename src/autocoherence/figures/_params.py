"""The figures' compute() options, checked by :mod:`autocoherence._checks`, and data labels."""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any, get_args, get_origin

import numpy as np
import xarray as xr

from autocoherence._checks import check_finite, check_int, check_positive, check_temperature
from autocoherence.errors import ParameterError
from autocoherence.sweeps.labels import axis_attrs
from autocoherence.sweeps.quantities import long_name as quantity_long_name

__all__ = ["check_grid", "describe", "validate"]


def check_grid(t_min: Any, t_max: Any, n_temperatures: Any) -> np.ndarray:
    """Linear temperature grid t_min ... t_max (t_max > t_min >= 0), n_temperatures >= 2 points."""
    lo = check_positive(t_min, "t_min", allow_zero=True)
    hi = check_positive(t_max, "t_max")
    if hi <= lo:
        raise ParameterError(f"t_max must be > t_min = {lo!r}, got t_max={t_max!r}")
    return np.linspace(lo, hi, check_int(n_temperatures, "n_temperatures", minimum=2))


def _number(value: Any, name: str) -> float:
    """One float of the option (or sequence) ``name``: finite; > 0 or >= 0 by its meaning."""
    if name == "temperature" or name.endswith("temperatures"):
        t = check_temperature(value, name)  # NaN and < 0: "must be >= 0"
        if math.isinf(t):
            raise ParameterError(f"{name} must be finite and >= 0, got {name}={value!r}")
        return t
    if name.startswith(("omega", "tau", "t_max", "cutoff", "lam")) or name.endswith("tol"):
        return check_positive(value, name)  # frequencies, durations, tolerances, upper ends
    if name in ("t_min", "t_high_min", "f1_max"):
        return check_positive(value, name, allow_zero=True)
    return check_finite(value, name)


def validate(func: Callable[..., Any], arguments: dict[str, Any]) -> dict[str, Any]:
    """Check the options of a figure's ``compute`` against its annotations; return them cleaned.

    ``float``: finite, > 0 for frequencies (``omega*``), durations (``tau*``), tolerances and
    upper ends, >= 0 for ``t_min``, ``t_high_min``, ``f1_max`` and temperatures; ``int``: an
    integer >= 1 (>= 2 for ``n_t*`` grid sizes); ``Sequence[...]``: a list of such values, not
    empty (except temperatures, strings and a default of ``()``), integers without repeats.
    Errors are :class:`~autocoherence.errors.ParameterError` (``TypeError`` for a wrong type)
    naming the option, its value and what is allowed.

    Examples
    --------
    >>> def compute(cluster_sizes: Sequence[int] = (1,), *, tau: float = 0.1) -> None:
    ...     return validate(compute, locals())
    >>> compute((1, 2), tau=0.2)
    {'cluster_sizes': [1, 2], 'tau': 0.2}
    >>> compute(tau=-1.0)
    Traceback (most recent call last):
    ...
    autocoherence.errors.ParameterError: tau must be > 0, got tau=-1.0
    """
    out: dict[str, Any] = {}
    for name, param in inspect.signature(func, eval_str=True).parameters.items():
        if name not in arguments:
            continue
        value, kind = arguments[name], param.annotation
        many = get_origin(kind) in (Sequence, list, tuple)
        if many:
            kind = (get_args(kind) or (Any,))[0]
            if isinstance(value, str | bytes) or not isinstance(value, Iterable):
                raise ParameterError(f"{name} must be a sequence, got {name}={value!r}")
        items = list(value) if many else [value]
        if kind is float:
            items = [_number(v, name) for v in items]
        elif kind is int:
            items = [check_int(v, name, minimum=2 if name.startswith("n_t") else 1) for v in items]
        elif kind is str and many:
            items = [str(v) for v in items]
        may_be_empty = param.default == () or kind is str or name.endswith("temperatures")
        if many and not items and not may_be_empty:
            raise ParameterError(f"{name} must hold at least one value, got {name}={value!r}")
        if many and kind is int and len(set(items)) != len(items):
            raise ParameterError(f"{name} must not repeat a value, got {name}={value!r}")
        out[name] = items if many else items[0]
    return out


#: long_name of the figure-specific variables and coordinates (the others: the sweep's labels)
_LONG_NAMES: dict[str, str] = {
    "time": "time t",
    "collision": "number of collisions n",
    "collision_time": "time n tau after n collisions",
    "dot": "index of the exact-collision dot",
    "unit": "kind of bath unit",
    "coupling": "form of the composite coupling (rwa: Eq. (6)/(17), rabi: Eq. (12)/(19))",
    "approx_l1_coherence": "C = |<sigma_x> + i<sigma_y>|, Eqs. (B14)-(B16)",
    "peak_time": "time of the exact optimum (master equation)",
    "collisions_peak_l1_coherence": "exact optimum over collisions",
    "curve": "index of the curve",
    "label": "legend label of the curve",
    "color": "matplotlib colour of the curve",
    "linestyle": "matplotlib line style of the curve",
    "curve_route": "route of the curve's values",
    "site": "site of the qubit whose coherence is drawn",
    "t_high": "temperature k_B T of the high-T asymptote",
    "n": "number of ancillas N",
    "gamma": "coupling gamma",
    "theta": "coupling theta",
    "omega1": "frequency omega_1",
    "omega2": "frequency omega_2",
}

#: units (``{w}``: the reference frequency) of the names; names with a word of
#: _DIMENSIONLESS_WORDS are "1"; a ``dot_`` prefix keeps the units
_UNITS: dict[str, tuple[str, ...]] = {
    "n/a (text)": ("unit", "coupling", "label", "color", "linestyle", "curve_route"),
    "hbar*{w}/k_B": ("temperature", "t_high"),
    "1/{w}": ("time", "peak_time", "collision_time", "tau"),
    "{w}": ("gamma", "theta", "omega1", "omega2", "f1", "f2", "collision_strength"),
    "hbar*{w}**2": ("work_rate", "heat_rate", "energy_rate"),
    "1": ("cluster_size", "collision", "collisions", "dot", "curve", "site", "n", "unit_dim"),
}
_DIMENSIONLESS_WORDS = ("coherence", "purity", "closed_form", "error_bound", "sx", "sy", "sz")


def _long_name(name: str) -> str:
    if name in _LONG_NAMES:
        return _LONG_NAMES[name]
    if name.startswith("dot_"):
        base = name.removeprefix("dot_")
        where = ", at the dots" if quantity_long_name(base) != base else " of the dot"
        return _long_name(base) + where
    if quantity_long_name(name) != name:
        return quantity_long_name(name)
    return axis_attrs(name, np.zeros(0), {})["long_name"].replace("_", " ")  # sweep axis labels


def _units(name: str, omega: str) -> str:
    base = name.removeprefix("dot_")
    units = next((u for u, names in _UNITS.items() if base in names), None)
    if units is None and not any(word in base for word in _DIMENSIONLESS_WORDS):
        raise KeyError(f"no units known for the figure variable {name!r}; add it to _params")
    return (units or "1").format(w=omega)


def describe(ds: xr.Dataset, *, omega: str = "omega_B") -> xr.Dataset:
    """Give every variable and coordinate of a figure's Dataset ``long_name`` and ``units``.

    Existing attributes are kept. Units: ħ = k_B = 1 and every energy in units of the
    reference frequency ``omega`` ("omega_B" for the collision figures, "omega" for the spin
    networks): temperatures in ħω/k_B, times in 1/ω, couplings and frequencies in ω, powers in
    ħω², coherences, purities and counts "1", text labels "n/a (text)". Long names: the
    figures' own, else the sweep's (:mod:`autocoherence.sweeps.labels`, ``quantities``).

    Examples
    --------
    >>> ds = describe(xr.Dataset({"dot_sx": ("temperature", [0.1])},
    ...                          coords={"temperature": [0.5]}))
    >>> ds.temperature.attrs
    {'long_name': 'bath temperature T', 'units': 'hbar*omega_B/k_B'}
    >>> ds.dot_sx.attrs
    {'long_name': '<sigma_x>, at the dots', 'units': '1'}
    """
    for name in [*ds.data_vars, *ds.coords]:
        ds[name].attrs.setdefault("long_name", _long_name(str(name)))
        ds[name].attrs.setdefault("units", _units(str(name), omega))
    return ds
