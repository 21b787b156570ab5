"""A device description in lab units (TOML) → coherence, cost and the best couplings.

The description (see ``examples/device-transmon.toml``)::

    reference = "5 GHz"            # optional: the model's ω = 1 (default: target.frequency)

    [target]
    kind = "transmon"              # "qubit" or "transmon"
    frequency = "5 GHz"
    anharmonicity = "-200 MHz"     # transmon only
    levels = 3                     # transmon only
    T1 = "100 us"                  # optional
    T2 = "100 us"                  # optional

    [bath]
    kind = "qubit"                 # "qubit" (TLS, spectators) or "oscillator" (modes)
    band = ["4.8 GHz", "5.2 GHz"]  # or frequency = "5 GHz"
    kinds = 5                      # frequencies spread over the band
    cluster_size = 3
    temperature = "20 mK"

    [coupling]
    g_parallel = "1 MHz"
    g_exchange = "1 MHz"
    tau = "50 ns"
    parallel = "number"            # transmon: "number" (b†b) or "sigma_z" (2b†b - 1)

    [optimize]                     # optional: search ranges and constraints
    g_parallel = ["0 MHz", "10 MHz"]
    g_exchange = ["0.01 MHz", "10 MHz"]
    min_purity = 0.9

    [uncertain]                    # optional: how the answer moves
    temperature = ["10 mK", "60 mK"]
    T1 = ["20 us", "300 us"]
    points = 5

Every field is checked on its own: unknown keys, missing units, wrong dimensions ("bath.temperature
needs a temperature, got '5 GHz'"), wrong kinds.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import xarray as xr

from autocoherence.collision import CollisionModel, Composite
from autocoherence.errors import AutocoherenceError, ParameterError
from autocoherence.lab.devices import (
    decoherence_c_ops,
    ladder_coupling,
    oscillator_dim,
    tls_mixture,
)
from autocoherence.lab.optimize import Optimum, maximize_coherence
from autocoherence.lab.units import Lab, parse_quantity, unit_registry
from autocoherence.spaces import Oscillator, Qubit
from autocoherence.systems import Transmon, UnitMixture

__all__ = ["Device", "Prediction", "load_device", "parse_device", "predict"]

# field -> kind: a quantity kind, "pair:<kind>", "int", "float", or "choice:a|b"
_SCHEMA: dict[str, dict[str, str]] = {
    "target": {
        "kind": "choice:qubit|transmon",
        "frequency": "frequency",
        "anharmonicity": "frequency",
        "levels": "int",
        "T1": "time",
        "T2": "time",
    },
    "bath": {
        "kind": "choice:qubit|oscillator",
        "frequency": "frequency",
        "band": "pair:frequency",
        "kinds": "int",
        "cluster_size": "int",
        "temperature": "temperature",
        "dim": "int",
    },
    "coupling": {
        "g_parallel": "frequency",
        "g_exchange": "frequency",
        "tau": "time",
        "parallel": "choice:number|sigma_z",
    },
    "optimize": {
        "g_parallel": "pair:frequency",
        "g_exchange": "pair:frequency",
        "min_purity": "float",
        "max_work_rate": "power",
    },
    "uncertain": {
        "temperature": "pair:temperature",
        "T1": "pair:time",
        "T2": "pair:time",
        "g_parallel": "pair:frequency",
        "g_exchange": "pair:frequency",
        "tau": "pair:time",
        "points": "int",
    },
}
_REQUIRED = {
    "target": ("frequency",),
    "bath": ("temperature",),
    "coupling": ("g_parallel", "g_exchange", "tau"),
}
_TOP = ("reference", *_SCHEMA)
#: where each uncertain field lives
_HOME = {
    "temperature": "bath",
    "T1": "target",
    "T2": "target",
    "g_parallel": "coupling",
    "g_exchange": "coupling",
    "tau": "coupling",
}


def _check_field(path: str, value: Any, kind: str) -> Any:
    if kind.startswith("choice:"):
        allowed = kind[7:].split("|")
        if value not in allowed:
            raise ParameterError(
                f"{path} must be one of {', '.join(repr(a) for a in allowed)}, got {value!r}"
            )
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ParameterError(f"{path} must be an integer >= 1, got {value!r}")
        return value
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ParameterError(f"{path} must be a number, got {value!r}")
        return float(value)
    if kind.startswith("pair:"):
        if not isinstance(value, list) or len(value) != 2:
            raise ParameterError(
                f"{path} must be a pair [low, high] of {kind[5:]} values, got {value!r}"
            )
        lo, hi = (parse_quantity(v, f"{path}[{i}]", kind[5:]) for i, v in enumerate(value))
        if not lo <= hi:
            raise ParameterError(f"{path} needs low <= high, got {value!r}")
        return list(value)
    parse_quantity(value, path, kind)  # raises with the path, the value and the kind
    return value


def parse_device(data: Mapping[str, Any]) -> Device:
    """Validate a device description (the parsed TOML) field by field.

    Raises
    ------
    ParameterError
        Naming the field, its value and what is allowed.

    Examples
    --------
    >>> d = parse_device({"target": {"frequency": "5 GHz"},
    ...                   "bath": {"frequency": "5 GHz", "temperature": "5 GHz"},
    ...                   "coupling": {"g_parallel": "1 MHz", "g_exchange": "1 MHz",
    ...                                "tau": "50 ns"}})
    Traceback (most recent call last):
    ...
    autocoherence.errors.ParameterError: bath.temperature needs a temperature, got '5 GHz'
    """
    if not isinstance(data, Mapping):
        raise ParameterError(f"a device description is a table, got {type(data).__name__}")
    for key in data:
        if key not in _TOP:
            raise ParameterError(
                f"unknown key {key!r} at the top level; allowed: {', '.join(_TOP)}"
            )
    tables: dict[str, dict[str, Any]] = {}
    for section, schema in _SCHEMA.items():
        raw = data.get(section, {})
        if not isinstance(raw, Mapping):
            raise ParameterError(f"[{section}] must be a table, got {raw!r}")
        for key, value in raw.items():
            if key not in schema:
                raise ParameterError(
                    f"unknown key {key!r} in [{section}]; allowed: {', '.join(schema)}"
                )
            _check_field(f"{section}.{key}", value, schema[key])
        for key in _REQUIRED.get(section, ()):
            if key not in raw:
                kind = schema[key]
                raise ParameterError(f"missing {section}.{key} (a {kind}, with units)")
        tables[section] = dict(raw)
    bath = tables["bath"]
    if ("band" in bath) == ("frequency" in bath):
        raise ParameterError(
            "bath needs exactly one of bath.frequency (one kind of unit) or bath.band "
            "([low, high], a spread)"
        )
    target = tables["target"]
    if target.get("kind", "qubit") == "qubit":
        for key in ("anharmonicity", "levels"):
            if key in target:
                raise ParameterError(f"target.{key} applies to kind = 'transmon' only")
    if "dim" in bath and bath.get("kind", "qubit") != "oscillator":
        raise ParameterError("bath.dim applies to kind = 'oscillator' only")
    reference = data.get("reference", target["frequency"])
    _check_field("reference", reference, "frequency")
    return Device(reference=reference, **tables)


def load_device(path: str | Path) -> Device:
    """Read and validate a device TOML file (:func:`parse_device`)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise ParameterError(f"{path} is not valid TOML: {exc}") from exc
    return parse_device(data)


@dataclass(frozen=True)
class Device:
    """A validated device description in lab units; :meth:`model` builds its model."""

    reference: Any
    target: Mapping[str, Any] = field(default_factory=dict)
    bath: Mapping[str, Any] = field(default_factory=dict)
    coupling: Mapping[str, Any] = field(default_factory=dict)
    optimize: Mapping[str, Any] = field(default_factory=dict)
    uncertain: Mapping[str, Any] = field(default_factory=dict)

    @property
    def lab(self) -> Lab:
        """The lab of this device: ω = 1 is 2π × ``reference``."""
        return Lab(self.reference)

    def with_values(self, **values: Any) -> Device:
        """The same device with some fields replaced (``temperature="30 mK"``, ``T1=...``)."""
        tables = {s: dict(getattr(self, s)) for s in ("target", "bath", "coupling")}
        for key, value in values.items():
            tables[_HOME[key]][key] = value
        return replace(self, **tables)

    def model(self, f1: float | None = None, f2: float | None = None) -> CollisionModel:
        """The CollisionModel (model units); ``f1``, ``f2`` override the couplings."""
        lab, t, b, c = self.lab, self.target, self.bath, self.coupling
        target: Qubit | Transmon
        if t.get("kind", "qubit") == "transmon":
            target = Transmon(
                lab.frequency(t["frequency"], "target.frequency"),
                lab.frequency(t.get("anharmonicity", "-200 MHz"), "target.anharmonicity"),
                t.get("levels", 3),
            )
            number = target.number()
        else:
            target = Qubit(lab.frequency(t["frequency"], "target.frequency"))
            number = np.diag([1.0, 0.0]).astype(complex)  # |e⟩⟨e| in the basis [e, g]
        c_ops = decoherence_c_ops(lab, target.lowering(), number, t.get("T1"), t.get("T2"))
        temperature = lab.temperature(b["temperature"], "bath.temperature")
        oscillator = b.get("kind", "qubit") == "oscillator"
        if "band" in b:
            mixture = tls_mixture(lab, b["band"], b.get("kinds", 5), "bath.band")
            if oscillator:
                mixture = UnitMixture(
                    [self._oscillator(u.omega, temperature) for u in mixture.units],
                    mixture.weights,
                )
            unit: Any = mixture
            first = mixture.units[0]
        else:
            omega_b = lab.frequency(b["frequency"], "bath.frequency")
            unit = first = self._oscillator(omega_b, temperature) if oscillator else Qubit(omega_b)
        tau = c["tau"]
        g1 = lab.coupling(c["g_parallel"], tau, name="coupling.g_parallel") if f1 is None else f1
        g2 = lab.coupling(c["g_exchange"], tau, name="coupling.g_exchange") if f2 is None else f2
        if isinstance(target, Transmon):
            coupling: Any = ladder_coupling(target, first, g1, g2, c.get("parallel", "number"))
        else:
            coupling = Composite(g1, g2)
        return CollisionModel(
            target=target,
            unit=unit,
            coupling=coupling,
            temperature=temperature,
            cluster_size=b.get("cluster_size", 1),
            tau=lab.time(tau, "coupling.tau"),
            c_ops=c_ops,
        )

    def _oscillator(self, omega: float, temperature: float) -> Oscillator:
        return Oscillator(omega, self.bath.get("dim", oscillator_dim(omega, temperature)))

    def g_of_f(self, f: float) -> float:
        """The coupling g (Hz, cyclic) whose f = g√τ is ``f`` (model units)."""
        lab = self.lab
        return f / math.sqrt(lab.time(self.coupling["tau"])) * lab.f_ref


@dataclass(frozen=True, eq=False)
class Prediction:
    """What :func:`predict` finds, in model units and in lab units.

    Attributes
    ----------
    device : Device
    l1_coherence, purity : float
    qfi : float or None
        QFI of a σz/2 phase (qubit targets).
    heat_rate, work_rate : pint.Quantity
        Q̇_ss and Ẇ_ss (PRA104 Eq. (24)) in W.
    optimum : Optimum
        The best couplings inside the [optimize] ranges (model units).
    optimum_g : mapping of str to pint.Quantity
        The optimal g_parallel, g_exchange in MHz.
    sensitivity : mapping of str to xarray.Dataset
        For each [uncertain] field, C_ss, purity and Ẇ_ss over its range (``units`` attrs).
    """

    device: Device
    l1_coherence: float
    purity: float
    qfi: float | None
    heat_rate: Any
    work_rate: Any
    optimum: Optimum | None
    optimum_g: Mapping[str, Any]
    sensitivity: Mapping[str, xr.Dataset]
    info: Mapping[str, Any] = field(default_factory=dict)

    def report(self) -> str:
        """A plain-text summary in lab units."""
        d = self.device
        lines = [
            f"device: {d.target.get('kind', 'qubit')} at {d.target['frequency']}, "
            f"bath of {d.bath.get('kind', 'qubit')} units "
            f"({d.bath.get('band', d.bath.get('frequency'))}), N = "
            f"{d.bath.get('cluster_size', 1)}, T = {d.bath['temperature']}, "
            f"g_parallel = {d.coupling['g_parallel']}, g_exchange = {d.coupling['g_exchange']}, "
            f"tau = {d.coupling['tau']}",
            f"model units: omega = 1 is 2 pi x {d.reference} (hbar = k_B = 1)",
            f"steady-state coherence C_ss (l1)  {self.l1_coherence:.4g}",
            f"purity                            {self.purity:.6g}",
        ]
        if self.qfi is not None:
            lines.append(f"QFI (sigma_z/2 phase)             {self.qfi:.4g}")
        lines += [
            f"heat rate Q_ss                    {self.heat_rate.to_compact():.4g~}",
            f"work rate W_ss (power to keep it) {self.work_rate.to_compact():.4g~}",
        ]
        if self.optimum is not None:
            gs = ", ".join(f"{k} = {v.to_compact():.4g~}" for k, v in self.optimum_g.items())
            opt = self.optimum
            lines.append(
                f"optimum: {gs} -> C_ss = {opt.l1_coherence:.4g}, purity = {opt.purity:.4g}, "
                f"W_ss = {d.lab.to_power(opt.work_rate).to_compact():.4g~} "
                f"({opt.method}, {opt.evaluations} evaluations"
                f"{'' if opt.success else ', NOT converged'})"
            )
            edges = [k for k, at_edge in self.info.get("optimum_at_edge", {}).items() if at_edge]
            if edges:
                lines.append(
                    f"  (at the upper edge of [optimize] for {', '.join(edges)}: stronger "
                    "coupling would give more)"
                )
        for key, ds in self.sensitivity.items():
            c = ds.l1_coherence.values
            ok = np.isfinite(c)
            bad = int(np.sum(~ok))
            skipped = f" ({bad} of {c.size} points invalid, e.g. T2 > 2 T1)" if bad else ""
            span = f"{np.min(c[ok]):.4g} .. {np.max(c[ok]):.4g}" if ok.any() else "n/a"
            lines.append(
                f"across {key} {ds[key].values[0]:.4g} .. {ds[key].values[-1]:.4g} "
                f"{ds[key].attrs['units']}: C_ss {span}{skipped}"
            )
        return "\n".join(lines)


def _with_unit(value: float, unit: str) -> str:
    return f"{value!r} {unit}"


def predict(
    device: Device | str | Path,
    *,
    optimize: bool = True,
    progress: Callable[[int, int], None] | None = None,
    seed: int = 0,
) -> Prediction:
    """Steady-state coherence, purity, QFI, heat and work rates, optimum and sensitivity.

    Parameters
    ----------
    device : Device or path to a TOML file
    optimize : bool, keyword-only
        Search the couplings in the [optimize] ranges (default: g/100 .. 10 g each; a range
        [x, x] holds that coupling at x).
    progress : callable, keyword-only
        ``progress(done, total)`` over the points of the [uncertain] scans.
    seed : int, keyword-only
        Seed of the global search.

    Examples
    --------
    >>> d = parse_device({"target": {"frequency": "5 GHz"},
    ...                   "bath": {"frequency": "5 GHz", "temperature": "20 mK",
    ...                            "cluster_size": 3},
    ...                   "coupling": {"g_parallel": "1 MHz", "g_exchange": "1 MHz",
    ...                                "tau": "50 ns"}})
    >>> p = predict(d, optimize=False)
    >>> f"{p.l1_coherence:.4g}", f"{p.work_rate.to('aW'):.3g~}"
    ('0.0001885', '19.6 aW')
    """
    if not isinstance(device, Device):
        device = load_device(device)
    lab = device.lab
    model = device.model()
    route = "auto"
    state = model.steady_state(method=route)
    rates = model.thermodynamics(state.rho)
    qfi = state.qfi
    optimum, optimum_g = None, {}
    at_edge: dict[str, bool] = {}
    if optimize:
        bounds: dict[str, tuple[float, float]] = {}
        fixed: dict[str, float] = {}
        tau = device.coupling["tau"]
        for name, k in (("g_parallel", "f1"), ("g_exchange", "f2")):
            g = parse_quantity(device.coupling[name], f"coupling.{name}", "frequency")
            lo, hi = device.optimize.get(name, [f"{g / 100!r} Hz", f"{10 * g!r} Hz"])
            f_lo = lab.coupling(lo, tau, name=f"optimize.{name}")
            f_hi = lab.coupling(hi, tau, name=f"optimize.{name}")
            if f_hi > f_lo:
                bounds[k] = (f_lo, f_hi)
            else:  # [x, x]: held at x
                fixed[k] = f_lo
        constraints = {}
        if "min_purity" in device.optimize:
            constraints["min_purity"] = device.optimize["min_purity"]
        if "max_work_rate" in device.optimize:
            watts = parse_quantity(device.optimize["max_work_rate"], "max_work_rate", "power")
            constraints["max_work_rate"] = watts / lab.to_power(1.0).to("W").magnitude
        if bounds:
            optimum = maximize_coherence(
                lambda **f: device.model(**(fixed | f)),
                bounds,
                constraints=constraints or None,
                route=route,
                seed=seed,
                maxiter=40,
                popsize=8,
            )
            optimum = replace(optimum, params=fixed | dict(optimum.params))
            for name, k in (("g_parallel", "f1"), ("g_exchange", "f2")):
                at_edge[name] = k in bounds and optimum.params[k] >= bounds[k][1] * (1 - 1e-6)
            ureg = unit_registry()
            optimum_g = {
                name: ureg.Quantity(device.g_of_f(optimum.params[k]), "Hz").to("MHz")
                for name, k in (("g_parallel", "f1"), ("g_exchange", "f2"))
            }
    sensitivity = _sensitivity(device, route, progress)
    return Prediction(
        device=device,
        l1_coherence=state.l1_coherence,
        purity=state.purity,
        qfi=qfi,
        heat_rate=lab.to_power(rates.heat_rate),
        work_rate=lab.to_power(rates.work_rate),
        optimum=optimum,
        optimum_g=optimum_g,
        sensitivity=sensitivity,
        info={"method": state.method, "optimum_at_edge": at_edge, **lab.units_attrs()},
    )


def _sensitivity(
    device: Device, route: str, progress: Callable[[int, int], None] | None
) -> dict[str, xr.Dataset]:
    keys = [k for k in device.uncertain if k != "points"]
    n = device.uncertain.get("points", 5)
    total, done = n * len(keys), 0
    if progress is not None and total:
        progress(0, total)
    ureg = unit_registry()
    lab = device.lab
    out = {}
    for key in keys:
        lo_text, hi_text = device.uncertain[key]
        lo_q = ureg.Quantity(lo_text) if isinstance(lo_text, str) else lo_text
        unit = str(lo_q.units)
        hi = ureg.Quantity(hi_text).to(unit).magnitude
        values = np.linspace(float(lo_q.magnitude), float(hi), n)
        rows = np.full((3, n), np.nan)
        for i, v in enumerate(values):
            try:
                model = device.with_values(**{key: _with_unit(float(v), unit)}).model()
                s = model.steady_state(method=route)
                rows[:, i] = (
                    s.l1_coherence,
                    s.purity,
                    lab.to_power(model.thermodynamics(s.rho).work_rate).to("W").magnitude,
                )
            except AutocoherenceError:
                pass  # e.g. T2 > 2 T1 at this corner: left as NaN
            done += 1
            if progress is not None:
                progress(done, total)
        out[key] = xr.Dataset(
            {
                "l1_coherence": (key, rows[0], {"units": "1", "long_name": "C_ss (l1)"}),
                "purity": (key, rows[1], {"units": "1"}),
                "work_rate": (key, rows[2], {"units": "W", "long_name": "W_ss, Eq. (24)"}),
            },
            coords={key: (key, values, {"units": unit})},
            attrs=lab.units_attrs(),
        )
    return out
