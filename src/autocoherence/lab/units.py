"""Lab units: GHz, mK, ns and MHz couplings to and from the model's ħ = k_B = 1 numbers.

A :class:`Lab` fixes one reference frequency f_ref (cyclic, in Hz). The model's unit of
**angular** frequency is then ω_ref = 2π f_ref, its unit of energy ħω_ref = h f_ref, its
unit of time 1/ω_ref and its unit of temperature h f_ref / k_B. A qubit at f_ref is
``Qubit(1.0)``.

Quantities are strings (``"4.9 GHz"``, ``"20 mK"``, ``"50 ns"``) or ``pint`` quantities (of
any registry). Parsing uses a private ``pint.UnitRegistry`` built on first use (nothing is
built at import, no registry is modified); the physical constants h and k_B are the exact
SI values (CODATA 2018, ``scipy.constants``).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import scipy.constants as const

from autocoherence.errors import ParameterError

__all__ = ["Lab", "QuantityLike", "annotate", "parse_quantity", "unit_registry"]

#: A lab quantity: a string such as ``"4.9 GHz"`` or a ``pint.Quantity``.
QuantityLike = Any

# what each kind of quantity is, as pint dimensionality strings
_DIMENSIONS = {
    "frequency": "1 / [time]",
    "time": "[time]",
    "temperature": "[temperature]",
    "energy": "[mass] * [length] ** 2 / [time] ** 2",
    "power": "[mass] * [length] ** 2 / [time] ** 3",
}
_SI = {"frequency": "Hz", "time": "s", "temperature": "K", "energy": "J", "power": "W"}


@functools.cache
def unit_registry() -> Any:
    """The package's private ``pint.UnitRegistry`` (built on first call, then reused).

    Examples
    --------
    >>> ureg = unit_registry()
    >>> ureg is unit_registry(), str(ureg.Quantity("4.9 GHz").to("MHz"))
    (True, '4900.0 megahertz')
    """
    import pint  # noqa: PLC0415  (imported on first use: nothing at package import)

    return pint.UnitRegistry(autoconvert_offset_to_baseunit=True)


def _describe(value: Any) -> str:
    return (
        str(value)
        if isinstance(value, str)
        else f"{value:~}"
        if _is_quantity(value)
        else repr(value)
    )


def _is_quantity(value: Any) -> bool:
    return hasattr(value, "magnitude") and hasattr(value, "units") and hasattr(value, "to")


def parse_quantity(value: QuantityLike, name: str, kind: str) -> float:
    """The SI magnitude of a lab quantity of the given kind (Hz, s, K, J or W).

    Parameters
    ----------
    value : str or pint.Quantity
        E.g. ``"4.9 GHz"``, ``"20 mK"``, ``"50 ns"``.
    name : str
        The parameter's name, used in error messages.
    kind : {"frequency", "time", "temperature", "energy", "power"}

    Raises
    ------
    ParameterError
        If the value cannot be parsed, has no units, has the wrong dimension ("temperature
        needs a temperature, got '5 GHz'") or is not finite.

    Examples
    --------
    >>> parse_quantity("4.9 GHz", "frequency", "frequency")
    4900000000.0
    >>> try:
    ...     parse_quantity("5 GHz", "temperature", "temperature")
    ... except ParameterError as exc:
    ...     print(exc)
    temperature needs a temperature, got '5 GHz'
    """
    import pint  # noqa: PLC0415

    if kind not in _DIMENSIONS:
        raise ParameterError(f"kind must be one of {', '.join(_DIMENSIONS)}; got kind={kind!r}")
    ureg = unit_registry()
    article = "an" if kind[0] in "aeiou" else "a"
    shown = _describe(value)
    try:
        if isinstance(value, str):
            q = ureg.Quantity(value.strip())
        elif _is_quantity(value):  # any registry: re-read through its unit string
            q = ureg.Quantity(float(value.magnitude), str(value.units))
        else:
            raise ParameterError(
                f"{name} needs {article} {kind} with units (e.g. "
                f"{_EXAMPLES[kind]!r}), got {shown} (a bare number has no units)"
            )
        if q.dimensionality != ureg.get_dimensionality(_DIMENSIONS[kind]):
            raise ParameterError(f"{name} needs {article} {kind}, got {shown!r}")
        si = _exact_si(q, _SI[kind])
    except ParameterError:
        raise
    except (pint.errors.PintError, ValueError, TypeError, AttributeError) as exc:
        raise ParameterError(
            f"{name} needs {article} {kind} such as {_EXAMPLES[kind]!r}; could not read "
            f"{shown!r} ({exc})"
        ) from exc
    if not math.isfinite(si):
        raise ParameterError(f"{name} must be finite, got {shown!r}")
    return si


def _exact_si(q: Any, si_unit: str) -> float:
    """q in SI units, correctly rounded from its decimal magnitude and unit factor.

    pint multiplies by a float prefix (50 ns → 50 × 1e-9 = 5.0000000000000004e-08); the
    decimal product 50 × 10⁻⁹ rounded once gives 5e-08, the number a user types as 50e-9.
    """
    direct = float(q.to(si_unit).magnitude)
    try:
        factor = float(unit_registry().Quantity(1.0, q.units).to(si_unit).magnitude)
        exact = float(Fraction(repr(float(q.magnitude))) * Fraction(repr(factor)))
    except Exception:
        return direct
    return exact if math.isclose(exact, direct, rel_tol=1e-12, abs_tol=0.0) else direct


_EXAMPLES = {
    "frequency": "4.9 GHz",
    "time": "50 ns",
    "temperature": "20 mK",
    "energy": "20 ueV",
    "power": "1 fW",
}


@dataclass(frozen=True)
class Lab:
    """Lab units for one reference frequency: the model's ω = 1 is ω_ref = 2π f_ref.

    Parameters
    ----------
    reference : str or pint.Quantity
        The **cyclic** reference frequency f_ref (e.g. ``"5 GHz"``, the target's
        transition). The model's unit of angular frequency is ω_ref = 2π f_ref, of energy
        ħω_ref = h f_ref, of time 1/ω_ref, of temperature h f_ref / k_B.

    Attributes
    ----------
    f_ref : float
        f_ref in Hz (cyclic).

    Examples
    --------
    >>> lab = Lab(reference="5 GHz")
    >>> lab.frequency("4.9 GHz"), round(lab.temperature("20 mK"), 7)
    (0.98, 0.0833465)
    >>> round(lab.coupling(g="1 MHz", tau="50 ns"), 7)
    0.0079267
    >>> lab
    Lab(reference='5 GHz')
    """

    reference: QuantityLike
    f_ref: float = field(init=False, default=0.0)

    def __post_init__(self) -> None:
        f = parse_quantity(self.reference, "reference", "frequency")
        if f <= 0:
            raise ParameterError(
                f"reference must be a positive frequency, got {_describe(self.reference)!r}"
            )
        object.__setattr__(self, "f_ref", f)

    def __repr__(self) -> str:
        return f"Lab(reference={_describe(self.reference)!r})"

    @property
    def omega_ref(self) -> float:
        """ω_ref = 2π f_ref in rad/s: the model's unit of angular frequency."""
        return 2 * math.pi * self.f_ref

    # --------------------------------------------------------------- lab -> model
    def frequency(self, value: QuantityLike, name: str = "frequency") -> float:
        """A transition frequency in model units: ω/ω_ref = f/f_ref.

        ``value`` is a **cyclic** frequency f (Hz: the h f = ħω of a transition) or an
        energy E (then E/h). The model number is the angular frequency ω = 2πf in units of
        ω_ref = 2π f_ref, i.e. f/f_ref; as an energy it is ħω in units of ħω_ref = h f_ref.

        Examples
        --------
        >>> Lab("5 GHz").frequency("4.9 GHz")
        0.98
        >>> round(Lab("5 GHz").frequency("20.678 ueV"), 4)     # E/h = 5.0 GHz
        1.0
        """
        return self._frequency_hz(value, name) / self.f_ref

    def _frequency_hz(self, value: QuantityLike, name: str) -> float:
        if _is_energy(value):
            return parse_quantity(value, name, "energy") / const.h
        return parse_quantity(value, name, "frequency")

    def temperature(self, value: QuantityLike, name: str = "temperature") -> float:
        """A temperature in model units: k_B T / (h f_ref) = k_B T / (ħ ω_ref).

        Examples
        --------
        >>> round(Lab("5 GHz").temperature("20 mK"), 7)
        0.0833465
        """
        kelvin = parse_quantity(value, name, "temperature")
        if kelvin < 0:
            raise ParameterError(f"{name} must be >= 0 K, got {_describe(value)!r}")
        return const.k * kelvin / (const.h * self.f_ref)

    def time(self, value: QuantityLike, name: str = "time") -> float:
        """A time in model units: ω_ref t = 2π f_ref t (the model's time unit is 1/ω_ref).

        Examples
        --------
        >>> import math
        >>> Lab("5 GHz").time("50 ns") == 2 * math.pi * 5e9 * 50e-9
        True
        """
        return self.omega_ref * parse_quantity(value, name, "time")

    def rate(self, value: QuantityLike, name: str = "rate") -> float:
        """A rate (probability per unit time, 1/s: Γ = 1/T1, not a cyclic frequency): Γ/ω_ref.

        A rate is *not* divided by 2π: Γ = 1/(100 µs) = 10⁴ s⁻¹ is 10⁴/ω_ref in model units
        (the model's time unit is 1/ω_ref = 1/(2π f_ref)). A time (e.g. ``"100 us"``) is taken
        as its inverse, 1/T.

        Examples
        --------
        >>> import math
        >>> lab = Lab("5 GHz")
        >>> lab.rate("1e4 1/s") == 1e4 / (2 * math.pi * 5e9)
        True
        >>> math.isclose(lab.rate("100 us"), lab.rate("1e4 1/s"), rel_tol=1e-15)
        True
        """
        if _has_dimension(value, "time"):
            seconds = parse_quantity(value, name, "time")
            if seconds <= 0:
                raise ParameterError(f"{name} as a time must be > 0, got {_describe(value)!r}")
            return 1.0 / (self.omega_ref * seconds)
        return parse_quantity(value, name, "frequency") / self.omega_ref

    def coupling(self, g: QuantityLike, tau: QuantityLike, *, name: str = "g") -> float:
        """The papers' collision coupling f = g√τ in model units (PRA104 Eq. (A1)).

        During a collision of duration τ the interaction energy is h g (g a **cyclic**
        frequency, e.g. "1 MHz"; an energy is taken as E/h): in model units g/f_ref, with τ
        in model units ω_ref τ. The collision Hamiltonian is V/√τ, so the model's f is
        (g/f_ref)·√(ω_ref τ).

        Examples
        --------
        >>> round(Lab("5 GHz").coupling(g="1 MHz", tau="50 ns"), 7)
        0.0079267
        """
        tau_model = self.time(tau, "tau")
        if tau_model <= 0:
            raise ParameterError(f"tau must be > 0, got {_describe(tau)!r}")
        return self.frequency(g, name) * math.sqrt(tau_model)

    # --------------------------------------------------------------- model -> lab
    def to_frequency(self, x: float) -> Any:
        """Model angular frequency (or energy) x → the **cyclic** frequency x f_ref (GHz).

        As an energy: x ħω_ref = x h f_ref; divide the result by h for the energy in J.

        Examples
        --------
        >>> f"{Lab('5 GHz').to_frequency(0.98):~}"
        '4.9 GHz'
        """
        return unit_registry().Quantity(x * self.f_ref, "Hz").to("GHz")

    def to_rate(self, x: float) -> Any:
        """Model rate x → x ω_ref in 1/s (a rate, not a cyclic frequency: no 2π removed).

        Examples
        --------
        >>> import math
        >>> lab = Lab("5 GHz")
        >>> math.isclose(lab.to_rate(lab.rate("1e4 1/s")).magnitude, 1e4, rel_tol=1e-15)
        True
        """
        return unit_registry().Quantity(x * self.omega_ref, "1/s")

    def to_power(self, x: float) -> Any:
        """Model power (energy per time, e.g. a work rate Ẇ) → W.

        The model's energy unit is ħω_ref = h f_ref and its time unit 1/ω_ref, so one model
        unit of power is h f_ref · ω_ref = ħ ω_ref² (in W).

        Examples
        --------
        >>> f"{Lab('5 GHz').to_power(1.0).to('pW'):.4~}"    # h f_ref ω_ref
        '0.1041 pW'
        """
        return unit_registry().Quantity(x * const.h * self.f_ref * self.omega_ref, "W")

    def to_energy(self, x: float) -> Any:
        """Model energy x → x ħω_ref = x h f_ref in J.

        Examples
        --------
        >>> f"{Lab('5 GHz').to_energy(1.0).to('ueV'):.5~}"
        '20.678 µeV'
        """
        return unit_registry().Quantity(x * const.h * self.f_ref, "J")

    def to_time(self, x: float) -> Any:
        """Model time x → x/ω_ref = x/(2π f_ref) in s.

        Examples
        --------
        >>> f"{Lab('5 GHz').to_time(Lab('5 GHz').time('50 ns')).to('ns'):.6~}"
        '50.0 ns'
        """
        return unit_registry().Quantity(x / self.omega_ref, "s")

    def to_temperature(self, x: float) -> Any:
        """Model temperature x → x h f_ref / k_B = x ħω_ref / k_B in K.

        Examples
        --------
        >>> f"{Lab('5 GHz').to_temperature(1.0).to('mK'):.5~}"
        '239.96 mK'
        """
        return unit_registry().Quantity(x * const.h * self.f_ref / const.k, "K")

    def units_attrs(self) -> dict[str, Any]:
        """What one model unit is in the lab, for ``attrs`` of results and datasets.

        Examples
        --------
        >>> Lab("5 GHz").units_attrs()["model_frequency_unit"]
        'omega_ref = 2 pi x 5 GHz (f_ref = 5000000000.0 Hz, cyclic)'
        """
        return {
            "reference": _describe(self.reference),
            "model_frequency_unit": (
                f"omega_ref = 2 pi x {_describe(self.reference)} (f_ref = {self.f_ref!r} Hz, "
                "cyclic)"
            ),
            "model_energy_unit_J": const.h * self.f_ref,
            "model_time_unit_s": 1.0 / self.omega_ref,
            "model_temperature_unit_K": const.h * self.f_ref / const.k,
            "model_power_unit_W": const.h * self.f_ref * self.omega_ref,
            "conventions": "hbar = k_B = 1; frequencies cyclic in the lab, angular in the model",
        }


#: what a model number of each common sweep axis / result variable is in this lab
_MODEL_UNITS = {
    "temperature": "k_B T / (h f_ref)",
    "tau": "1/omega_ref (omega_ref = 2 pi f_ref)",
    "time": "1/omega_ref (omega_ref = 2 pi f_ref)",
    "omega": "omega_ref = 2 pi f_ref",
    "omega_b": "omega_ref = 2 pi f_ref",
    "f1": "sqrt(hbar omega_ref) x sqrt(1/omega_ref): f = g sqrt(tau), g in units of f_ref",
    "f2": "sqrt(hbar omega_ref) x sqrt(1/omega_ref): f = g sqrt(tau), g in units of f_ref",
    "heat_rate": "h f_ref omega_ref (power)",
    "work_rate": "h f_ref omega_ref (power)",
    "energy_rate": "h f_ref omega_ref (power)",
}


def annotate(ds: Any, lab: Lab) -> Any:
    """A copy of a result Dataset whose model-unit variables say what one unit is in ``lab``.

    Sets ``model_units`` on the coordinates and variables whose names it knows (temperature,
    tau, time, omega, f1, f2, heat/work/energy rates) and the lab's :meth:`Lab.units_attrs`
    on the Dataset.

    Examples
    --------
    >>> import xarray as xr
    >>> ds = annotate(xr.Dataset(coords={"temperature": [0.05, 0.1]}), Lab("5 GHz"))
    >>> ds.temperature.attrs["model_units"], ds.attrs["reference"]
    ('k_B T / (h f_ref)', '5 GHz')
    """
    out = ds.copy()
    out.attrs.update(lab.units_attrs())
    for name in list(out.coords) + list(out.data_vars):
        if name in _MODEL_UNITS:
            out[name].attrs["model_units"] = _MODEL_UNITS[str(name)]
    return out


def _has_dimension(value: Any, kind: str) -> bool:
    if not (isinstance(value, str) or _is_quantity(value)):
        return False
    try:
        ureg = unit_registry()
        q = (
            ureg.Quantity(value.strip())
            if isinstance(value, str)
            else ureg.Quantity(1.0, str(value.units))
        )
        return bool(q.dimensionality == ureg.get_dimensionality(_DIMENSIONS[kind]))
    except Exception:
        return False


def _is_energy(value: Any) -> bool:
    return _has_dimension(value, "energy")
