"""Validation of the figures' compute() options: clear errors naming the parameter.

Thin wrappers around :mod:`autocoherence._checks` for the sequences the figures take
(cluster sizes, temperatures, collision durations).
"""

from __future__ import annotations

import collections.abc
import inspect
from collections.abc import Callable, Iterable, Sequence
from typing import Any, get_args, get_origin

import numpy as np
import xarray as xr

from autocoherence._checks import check_finite, check_int, check_positive, check_temperature
from autocoherence.errors import ParameterError

__all__ = [
    "check_grid",
    "describe",
    "finite",
    "positive",
    "positive_int",
    "sizes",
    "temperatures",
    "validate",
    "values",
]

finite = check_finite
positive = check_positive


def positive_int(value: Any, name: str, *, minimum: int = 1) -> int:
    """An integer >= ``minimum`` (``check_int``).

    Examples
    --------
    >>> positive_int(3, "n_collisions")
    3
    """
    return check_int(value, name, minimum=minimum)


def _as_list(value: Any, name: str) -> list[Any]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ParameterError(f"{name} must be a sequence, got {name}={value!r}")
    return list(value)


def sizes(value: Any, name: str = "cluster_sizes", *, allow_empty: bool = False) -> list[int]:
    """Distinct cluster sizes N >= 1, in the given order.

    Examples
    --------
    >>> sizes((1, 2, 8))
    [1, 2, 8]
    >>> sizes((1, 0))
    Traceback (most recent call last):
    ...
    autocoherence.errors.ParameterError: cluster_sizes must be an integer >= 1, got cluster_sizes=0
    """
    out = [check_int(v, name, minimum=1) for v in _as_list(value, name)]
    if not out and not allow_empty:
        raise ParameterError(f"{name} must hold at least one value, got {name}={value!r}")
    if len(set(out)) != len(out):
        raise ParameterError(f"{name} must not repeat a value, got {name}={value!r}")
    return out


def temperatures(value: Any, name: str, *, allow_zero: bool = True) -> list[float]:
    """Finite temperatures >= 0 (> 0 unless ``allow_zero``); may be empty.

    Examples
    --------
    >>> temperatures((0.05, 1), "dot_temperatures")
    [0.05, 1.0]
    """
    out = []
    for v in _as_list(value, name):
        t = check_temperature(v, name)
        if not np.isfinite(t) or (t == 0 and not allow_zero):
            bound = "finite and >= 0" if allow_zero else "finite and > 0"
            raise ParameterError(f"{name} must be {bound}, got {name}={value!r}")
        out.append(t)
    return out


def values(value: Any, name: str, *, positive_only: bool = True) -> list[float]:
    """A non-empty list of finite (positive) numbers.

    Examples
    --------
    >>> values((0.005, 0.2), "taus")
    [0.005, 0.2]
    """
    check = check_positive if positive_only else check_finite
    out = [check(v, name) for v in _as_list(value, name)]
    if not out:
        raise ParameterError(f"{name} must hold at least one value, got {name}={value!r}")
    return out


def check_grid(t_min: Any, t_max: Any, n_temperatures: Any) -> np.ndarray:
    """Linear temperature grid t_min ... t_max with n_temperatures >= 2 points.

    Examples
    --------
    >>> check_grid(0.0, 2.0, 5)
    array([0. , 0.5, 1. , 1.5, 2. ])
    >>> check_grid(1.0, 0.5, 5)
    Traceback (most recent call last):
    ...
    autocoherence.errors.ParameterError: t_max must be > t_min = 1.0, got t_max=0.5
    """
    lo = check_positive(t_min, "t_min", allow_zero=True)
    hi = check_positive(t_max, "t_max")
    if hi <= lo:
        raise ParameterError(f"t_max must be > t_min = {lo!r}, got t_max={t_max!r}")
    n = check_int(n_temperatures, "n_temperatures", minimum=2)
    return np.linspace(lo, hi, n)


#: float options that must be > 0 (frequencies, durations, tolerances, ranges' upper ends)
_POSITIVE = ("omega", "tau", "t_max", "tol", "truncation_tol", "cutoff", "lam")
#: float options that must be >= 0
_NON_NEGATIVE = ("t_min", "t_high_min", "f1_max")


def _kind(annotation: Any) -> str:
    """'float', 'int', 'str', 'bool', 'seq[int]', 'seq[float]', 'seq[str]' or 'other'."""
    if annotation in (float, int, str, bool):
        return str(annotation.__name__)
    if get_origin(annotation) in (Sequence, collections.abc.Sequence, list, tuple):
        args = get_args(annotation)
        if args and args[0] in (int, float, str):
            return f"seq[{args[0].__name__}]"
    return "other"


def _rule(name: str, rules: tuple[str, ...]) -> bool:
    if name.startswith("omega"):  # omega, omega_b, omega1, omega_source, ...
        return "omega" in rules
    return any(name == r or name.startswith(f"{r}_") for r in rules)


def validate(func: Callable[..., Any], arguments: dict[str, Any]) -> dict[str, Any]:
    """Check the options of a figure's ``compute`` against its annotations; return them cleaned.

    ``float``: a finite real number, > 0 for frequencies (``omega*``), durations (``tau``),
    tolerances and upper ends (``t_max``), >= 0 for ``t_min``; ``int``: an integer >= 1 (>= 2
    for ``n_*`` grid sizes); ``Sequence[int]``: integers >= 1, no repeats; ``Sequence[float]``:
    finite numbers, >= 0 for ``*temperatures``, > 0 for ``taus``. Each error is a
    :class:`~autocoherence.errors.ParameterError` (or ``TypeError`` for a wrong type) naming
    the option, its value and what is allowed.

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
    signature = inspect.signature(func, eval_str=True)
    out: dict[str, Any] = {}
    for name, param in signature.parameters.items():
        if name not in arguments:
            continue
        value = arguments[name]
        kind = _kind(param.annotation)
        if kind == "float":
            if name == "temperature":  # 0 (ground state) allowed
                value = temperatures([value], name)[0]
            elif _rule(name, _POSITIVE):
                value = check_positive(value, name)
            elif _rule(name, _NON_NEGATIVE):
                value = check_positive(value, name, allow_zero=True)
            else:
                value = check_finite(value, name)
        elif kind == "int":
            value = check_int(value, name, minimum=2 if name.startswith("n_t") else 1)
        elif kind == "seq[int]":
            value = sizes(value, name, allow_empty=param.default == ())
        elif kind == "seq[float]":
            if name.endswith("temperatures"):
                value = temperatures(value, name)
            elif name.startswith("tau"):
                value = values(value, name)
            else:
                value = values(value, name, positive_only=False)
        elif kind == "seq[str]":
            value = [str(v) for v in _as_list(value, name)]
        out[name] = value
    return out


#: long_name of the variables and coordinates that figures write without one
_LONG_NAMES: dict[str, str] = {
    "cluster_size": "cluster size N (bath units per collision)",
    "dot_cluster_size": "cluster size N of the dot",
    "temperature": "bath temperature k_B T",
    "dot_temperature": "bath temperature k_B T of the dot",
    "t_high": "temperature k_B T of the high-T asymptote",
    "time": "time t",
    "collision": "number of collisions n",
    "collision_time": "time n tau after n collisions",
    "dot": "index of the exact-collision dot",
    "unit": "kind of bath unit",
    "dot_unit": "kind of bath unit of the dot",
    "coupling": "form of the composite coupling (rwa: Eq. (6)/(17), rabi: Eq. (12)/(19))",
    "dot_coupling": "form of the composite coupling of the dot",
    "dot_unit_dim": "Hilbert-space dimension of one bath unit (Fock levels) of the dot",
    "dot_time": "optimal time of the dot (-1: steady state)",
    "dot_collisions": "optimal number of collisions (-1: steady state)",
    "dot_l1_coherence": "l1 coherence, exact collisions",
    "dot_purity": "purity, exact collisions",
    "dot_master_equation_l1_coherence": "l1 coherence, master equation at the dot's (N, T)",
    "dot_steady_l1_coherence": "steady-state l1 coherence, exact collisions",
    "dot_sx": "<sigma_x>, exact collisions",
    "dot_sy": "<sigma_y>, exact collisions",
    "dot_sz": "<sigma_z>, exact collisions",
    "dot_f1": "coupling f1 of the dot",
    "approx_l1_coherence": "C = |<sigma_x> + i<sigma_y>|, Eqs. (B14)-(B16)",
    "peak_time": "time of the exact optimum (master equation)",
    "collisions_peak_l1_coherence": "exact optimum over collisions",
    "curve": "index of the curve",
    "label": "legend label of the curve",
    "color": "matplotlib colour of the curve",
    "linestyle": "matplotlib line style of the curve",
    "curve_route": "route of the curve's values",
    "site": "site of the qubit whose coherence is drawn",
    "n": "number of ancillas N",
    "gamma": "coupling gamma",
    "theta": "coupling theta",
    "omega1": "frequency omega_1",
    "omega2": "frequency omega_2",
    "f1": "parallel coupling f1",
    "f2": "orthogonal coupling f2",
    "tau": "collision duration tau",
}

_DIMENSIONLESS = (
    "coherence",
    "purity",
    "closed_form",
    "error_bound",
    "sx",
    "sy",
    "sz",
    "cluster_size",
    "collision",
    "collisions",
    "dot",
    "curve",
    "site",
    "n",
    "unit_dim",
    "dot_unit_dim",
    "dot_collisions",
    "dot_cluster_size",
)
_DIMENSIONLESS_WORDS = ("coherence", "purity", "closed_form", "error_bound", "_sx", "_sy", "_sz")
_TEXT = ("unit", "dot_unit", "coupling", "dot_coupling", "label", "color", "linestyle")
_TEMPERATURE = ("temperature", "dot_temperature", "t_high")
_TIME = ("time", "dot_time", "peak_time", "collision_time", "tau")
_FREQUENCY = ("gamma", "theta", "omega1", "omega2", "f1", "f2", "dot_f1", "collision_strength")
_POWER = ("work_rate", "dot_work_rate", "dot_heat_rate", "dot_energy_rate")


def _units(name: str, omega: str) -> str:
    if name in _TEXT or name == "curve_route":
        return "n/a (text)"
    if name in _TEMPERATURE:
        return f"hbar*{omega}/k_B"
    if name in _TIME:
        return f"1/{omega}"
    if name in _FREQUENCY:
        return omega
    if name in _POWER:
        return f"hbar*{omega}**2"
    if name in _DIMENSIONLESS or any(word in name for word in _DIMENSIONLESS_WORDS):
        return "1"
    raise KeyError(f"no units known for the figure variable {name!r}; add it to _params")


def describe(ds: xr.Dataset, *, omega: str = "omega_B") -> xr.Dataset:
    """Give every variable and coordinate of a figure's Dataset ``long_name`` and ``units``.

    Existing attributes are kept. Units: ħ = k_B = 1 and every energy in units of the
    reference frequency ``omega`` ("omega_B" for the collision figures, "omega" for the spin
    networks): temperatures in ħω/k_B, times in 1/ω, couplings and frequencies in ω, powers in
    ħω², coherences, purities and counts "1", text labels "n/a (text)".

    Examples
    --------
    >>> ds = describe(xr.Dataset({"l1_coherence": ("temperature", [0.1])},
    ...                          coords={"temperature": [0.5]}))
    >>> ds.temperature.attrs
    {'long_name': 'bath temperature k_B T', 'units': 'hbar*omega_B/k_B'}
    >>> ds.l1_coherence.attrs["units"]
    '1'
    """
    for name in [*ds.data_vars, *ds.coords]:
        attrs = ds[name].attrs
        attrs.setdefault("long_name", _LONG_NAMES.get(str(name), str(name).replace("_", " ")))
        attrs.setdefault("units", _units(str(name), omega))
    return ds
