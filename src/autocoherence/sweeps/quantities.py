"""What a sweep can measure at each point: the quantity registry, by model kind.

A factory returns, for each grid point, either a
:class:`~autocoherence.collision.CollisionModel` (kind ``"collision"``) or a pair
``(SpinNetwork, temperature)`` (kind ``"spins"``). Each kind has *sources* (a computation on
the model, done once per point however many quantities read it: the steady state, the Gibbs
state) and *quantities* (a number read from one source). New quantities plug in by name:
a new entry in :func:`quantities` (and, if it needs a new computation, in :func:`sources`),
e.g. the transient peak or heat and work rates of the collision model read from
``model.transient_peak()`` or ``model.thermodynamics(state)``.

Every quantity here is also a function of the (local) qubit Bloch vector; the fast paths of
:mod:`autocoherence.sweeps.fast_paths` use ``from_bloch`` to evaluate whole arrays at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np

from autocoherence.collision import CollisionModel
from autocoherence.collision.model import METHODS as COLLISION_METHODS
from autocoherence.errors import MethodNotApplicableError, ParameterError
from autocoherence.spins import SpinNetwork
from autocoherence.spins.network import GIBBS_METHODS

__all__ = [
    "KINDS",
    "Quantity",
    "Source",
    "check_for_kind",
    "classify",
    "expand_quantities",
    "long_name",
    "methods",
    "quantities",
    "sources",
    "units",
    "valid_points",
]

#: Model kinds a factory may return.
KINDS: tuple[str, ...] = ("collision", "spins")

#: Shorthands that expand to several quantities.
ALIASES: Mapping[str, tuple[str, ...]] = MappingProxyType({"bloch": ("sx", "sy", "sz")})

BlochFunction = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Source:
    """A computation on one point's model whose result several quantities read.

    ``compute(model, method, get)``: for kind ``"collision"`` the model is a CollisionModel;
    for ``"spins"`` the pair ``(SpinNetwork, temperature)``. ``get(name)`` returns another
    source's result for the same point (computed once), e.g. the thermodynamic rates read
    the steady state.

    Examples
    --------
    >>> from autocoherence.spins import direct
    >>> gibbs = sources("spins")["gibbs"]
    >>> g = gibbs.compute((direct(1.0, 0.5, 0.7), 0.3), "auto", lambda name: None)
    >>> gibbs.name, round(g.l1_coherence(0), 6)
    ('gibbs', 0.378098)
    """

    name: str
    compute: Callable[[Any, str, Callable[[str], Any]], Any]


@dataclass(frozen=True)
class Quantity:
    """A number measured at each sweep point.

    Attributes
    ----------
    name : str
        Variable name in the result.
    source : str
        Name of the :class:`Source` it reads.
    extract : callable
        ``extract(result, site) -> float`` (``site`` is used by spin-network quantities).
    description : str
        Stored as the variable's ``long_name``.
    from_bloch : callable or None
        The same quantity from Bloch-vector arrays (x, y, z), for the vectorised fast paths.

    Examples
    --------
    A pure state on the equator of the Bloch sphere has unit l1 coherence and purity:

    >>> c, p = quantities("collision")["l1_coherence"], quantities("collision")["purity"]
    >>> c.source, c.description
    ('steady_state', 'steady-state l1 coherence C_ss of the target')
    >>> x, y, z = np.array(0.6), np.array(0.8), np.array(0.0)
    >>> float(c.from_bloch(x, y, z)), float(p.from_bloch(x, y, z))
    (1.0, 1.0)
    """

    name: str
    source: str
    extract: Callable[[Any, int], float]
    description: str
    from_bloch: BlochFunction | None = None


def _l1(x: np.ndarray, y: np.ndarray, _z: np.ndarray) -> np.ndarray:
    return np.hypot(x, y)


def _purity(x: np.ndarray, y: np.ndarray, z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + x * x + y * y + z * z)


def _qfi(x: np.ndarray, y: np.ndarray, _z: np.ndarray) -> np.ndarray:
    return x * x + y * y


def _sx(x: np.ndarray, _y: np.ndarray, _z: np.ndarray) -> np.ndarray:
    return x


def _sy(_x: np.ndarray, y: np.ndarray, _z: np.ndarray) -> np.ndarray:
    return y


def _sz(_x: np.ndarray, _y: np.ndarray, z: np.ndarray) -> np.ndarray:
    return z


def _qubit_only(name: str, read: Callable[[Any], float]) -> Callable[[Any, int], float]:
    def extract(state: Any, _site: int) -> float:
        if state.bloch is None:
            raise MethodNotApplicableError(
                f"quantity {name!r} needs a qubit target (it is read from the Bloch vector); "
                "for an oscillator target use l1_coherence or purity"
            )
        return float(read(state))

    return extract


def _attribute(name: str) -> Callable[[Any, int], float]:
    def extract(result: Any, _site: int) -> float:
        return float(getattr(result, name))

    return extract


def _peak_collisions(peak: Any, _site: int) -> float:
    """n* of a peak over collisions (inf where no finite n beats the steady state)."""
    if peak.method != "collisions":
        raise MethodNotApplicableError(
            "quantity 'peak_collisions' counts collisions: it needs method='collisions', "
            f"got a {peak.method} peak"
        )
    return np.inf if peak.collisions is None else float(peak.collisions)


def _error_bound(state: Any, _site: int) -> float:
    """The numerical routes' bound on ‖ρ - ρ_exact‖_F (``state.info["error_bound"]``)."""
    if state.info.get("error_bound") is None:
        raise MethodNotApplicableError(
            "quantity 'error_bound' is the numerical routes' accuracy bound: it needs "
            f"method='master_equation' or 'collisions', got a {state.method} steady state"
        )
    return float(state.info["error_bound"])


def _collision_quantities() -> dict[str, Quantity]:
    ss = "steady_state"
    table = [
        Quantity(
            "l1_coherence",
            ss,
            _attribute("l1_coherence"),
            "steady-state l1 coherence C_ss of the target",
            _l1,
        ),
        Quantity("purity", ss, _attribute("purity"), "steady-state purity of the target", _purity),
        Quantity(
            "qfi",
            ss,
            _qubit_only("qfi", lambda s: s.qfi),
            "QFI of a sigma_z/2 phase, <sx>^2 + <sy>^2, of the steady state",
            _qfi,
        ),
        Quantity("sx", ss, _qubit_only("sx", lambda s: s.bloch[0]), "<sigma_x>_ss", _sx),
        Quantity("sy", ss, _qubit_only("sy", lambda s: s.bloch[1]), "<sigma_y>_ss", _sy),
        Quantity("sz", ss, _qubit_only("sz", lambda s: s.bloch[2]), "<sigma_z>_ss", _sz),
        # PRA104 Eq. (24) in the steady state (τ → 0 rates, positive into the target)
        Quantity(
            "heat_rate",
            "thermodynamics",
            _attribute("heat_rate"),
            "heat rate into the target in the steady state, Eq. (24)",
        ),
        Quantity(
            "work_rate",
            "thermodynamics",
            _attribute("work_rate"),
            "work rate on the target in the steady state, Eq. (24)",
        ),
        Quantity(
            "energy_rate",
            "thermodynamics",
            _attribute("energy_rate"),
            "dE/dt of the target in the steady state (0 up to rounding)",
        ),
        # time-optimised coherence from the thermal initial state, PRA104 Sec. II B, III B
        Quantity(
            "peak_l1_coherence",
            "transient_peak",
            _attribute("l1_coherence"),
            "time-optimised l1 coherence from the thermal initial state",
        ),
        Quantity(
            "peak_time",
            "transient_peak",
            _attribute("time"),
            "time of the coherence peak (inf: no transient beats the steady state)",
        ),
        Quantity(
            "peak_purity", "transient_peak", _attribute("purity"), "purity at the coherence peak"
        ),
        Quantity(
            "peak_collisions",
            "transient_peak",
            _peak_collisions,
            "optimal number of collisions n* (method='collisions'; inf: no transient peak)",
        ),
        Quantity(
            "error_bound",
            ss,
            _error_bound,
            "bound on |rho - rho_exact|_F of the numerical steady state",
        ),
    ]
    return {q.name: q for q in table}


def _spin_quantities() -> dict[str, Quantity]:
    table = [
        Quantity(
            "l1_coherence",
            "gibbs",
            lambda g, site: g.l1_coherence(site),
            "local l1 coherence of the site in the Gibbs state",
            _l1,
        ),
        Quantity(
            "purity",
            "gibbs",
            lambda g, site: g.purity(site),
            "purity of the site's reduced Gibbs state",
            _purity,
        ),
        Quantity(
            "qfi",
            "gibbs",
            lambda g, site: g.qfi(site),
            "QFI of a sigma_z/2 phase on the site, <sx>^2 + <sy>^2",
            _qfi,
        ),
        Quantity("sx", "gibbs", lambda g, s: g.bloch(s)[0], "local <sigma_x>", _sx),
        Quantity("sy", "gibbs", lambda g, s: g.bloch(s)[1], "local <sigma_y>", _sy),
        Quantity("sz", "gibbs", lambda g, s: g.bloch(s)[2], "local <sigma_z>", _sz),
    ]
    return {q.name: q for q in table}


def _steady_state(model: CollisionModel, method: str, _get: Callable[[str], Any]) -> Any:
    return model.steady_state(method=method)


def _thermodynamics(model: CollisionModel, _method: str, get: Callable[[str], Any]) -> Any:

    return model.thermodynamics(state=get("steady_state"))


def _transient_peak(model: CollisionModel, method: str, _get: Callable[[str], Any]) -> Any:
    """The peak along the master equation, or along exact collisions with method="collisions"."""

    route = "collisions" if method == "collisions" else "master_equation"
    return model.transient_peak(method=route)


def _gibbs(model: tuple[SpinNetwork, float], method: str, _get: Callable[[str], Any]) -> Any:
    net, temperature = model
    return net.gibbs(temperature, method=method)


#: Units of every dimensional value (energies, temperatures, times, rates) of the package.
MODEL_UNITS = "ħ = k_B = 1 model units"

_MODEL_UNIT_QUANTITIES = frozenset({"heat_rate", "work_rate", "energy_rate", "peak_time"})

_LONG_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "l1_coherence": "l1 coherence",
        "purity": "purity tr(rho^2)",
        "qfi": "QFI of a sigma_z/2 phase, <sx>^2 + <sy>^2",
        "sx": "<sigma_x>",
        "sy": "<sigma_y>",
        "sz": "<sigma_z>",
        "heat_rate": "heat rate into the target, Eq. (24)",
        "work_rate": "work rate on the target, Eq. (24)",
        "energy_rate": "energy rate of the target",
        "peak_l1_coherence": "time-optimised l1 coherence",
        "peak_time": "time of the coherence peak",
        "peak_purity": "purity at the coherence peak",
        "peak_collisions": "optimal number of collisions",
    }
)


def long_name(name: str) -> str:
    """A short description of a quantity for plots and file attributes.

    Examples
    --------
    >>> long_name("purity"), long_name("my_quantity")
    ('purity tr(rho^2)', 'my_quantity')
    """
    return _LONG_NAMES.get(name, name)


#: Quantities for which ``inf`` is a meaningful value (no transient peak).
INFINITE_ALLOWED = frozenset({"peak_time", "peak_collisions"})


def valid_points(names: Sequence[str], values: np.ndarray) -> np.ndarray:
    """Which points (columns of ``values``, quantities × points) hold numbers, not failures.

    NaN is never a value; ``inf`` is one only where the quantity gives it a meaning
    (:data:`INFINITE_ALLOWED`).

    Examples
    --------
    >>> v = np.array([[0.5, np.nan, 0.5, 0.5], [1.0, 1.0, np.inf, 1.0]])
    >>> valid_points(["purity", "peak_time"], v).tolist()
    [True, False, True, True]
    >>> valid_points(["purity", "heat_rate"], v).tolist()
    [True, False, False, True]
    """
    values = np.asarray(values, dtype=float)
    ok = ~np.isnan(values)
    for k, name in enumerate(names):
        if name not in INFINITE_ALLOWED:
            ok[k] &= np.isfinite(values[k])
    return np.all(ok, axis=0)


def units(name: str) -> str:
    """The units attribute of a quantity: ``"1"`` (dimensionless) or the model units.

    Coherences, purities, the QFI and Bloch components are dimensionless; rates and times
    are in the units of the model's energies (ħ = k_B = 1).

    Examples
    --------
    >>> units("purity"), units("heat_rate"), units("peak_time")
    ('1', 'ħ = k_B = 1 model units', 'ħ = k_B = 1 model units')
    """
    return MODEL_UNITS if name in _MODEL_UNIT_QUANTITIES else "1"


def quantities(kind: str) -> Mapping[str, Quantity]:
    """The quantities available for a model kind, by name.

    Examples
    --------
    >>> list(quantities("spins"))
    ['l1_coherence', 'purity', 'qfi', 'sx', 'sy', 'sz']
    >>> extra = [q for q in quantities("collision") if q not in quantities("spins")]
    >>> extra[:3]
    ['heat_rate', 'work_rate', 'energy_rate']
    >>> extra[3:]
    ['peak_l1_coherence', 'peak_time', 'peak_purity', 'peak_collisions', 'error_bound']
    """
    table = {"collision": _collision_quantities, "spins": _spin_quantities}
    if kind not in table:
        raise ParameterError(f"kind must be one of {', '.join(map(repr, KINDS))}, got {kind!r}")
    return MappingProxyType(table[kind]())


def sources(kind: str) -> Mapping[str, Source]:
    """The computations quantities of ``kind`` read, by name.

    Examples
    --------
    >>> list(sources("collision")), list(sources("spins"))
    (['steady_state', 'thermodynamics', 'transient_peak'], ['gibbs'])
    """
    collision = [
        Source("steady_state", _steady_state),
        Source("thermodynamics", _thermodynamics),
        Source("transient_peak", _transient_peak),
    ]
    table = {
        "collision": {s.name: s for s in collision},
        "spins": {"gibbs": Source("gibbs", _gibbs)},
    }
    if kind not in table:
        raise ParameterError(f"kind must be one of {', '.join(map(repr, KINDS))}, got {kind!r}")
    return MappingProxyType(table[kind])


def methods(kind: str) -> tuple[str, ...]:
    """The ``method`` values the models of ``kind`` accept.

    Examples
    --------
    >>> methods("collision")
    ('auto', 'closed_form', 'master_equation', 'collisions')
    >>> methods("spins")
    ('auto', 'dense', 'symmetry')
    """
    return COLLISION_METHODS if kind == "collision" else GIBBS_METHODS


def expand_quantities(names: Sequence[str] | str) -> tuple[str, ...]:
    """Validate quantity names against every kind; expand ``"bloch"`` to sx, sy, sz.

    Examples
    --------
    >>> expand_quantities(["l1_coherence", "bloch"])
    ('l1_coherence', 'sx', 'sy', 'sz')
    """
    if isinstance(names, str) or not isinstance(names, Sequence):
        raise TypeError(
            f"quantities must be a list of names such as ['l1_coherence', 'purity'], got {names!r}"
        )
    known = sorted({n for kind in KINDS for n in quantities(kind)} | set(ALIASES))
    out: list[str] = []
    for name in names:
        if not isinstance(name, str) or name not in known:
            raise ParameterError(f"unknown quantity {name!r}; available: {', '.join(known)}")
        for q in ALIASES.get(name, (name,)):
            if q in out:
                raise ParameterError(f"quantity {q!r} is requested twice in {list(names)!r}")
            out.append(q)
    if not out:
        raise ParameterError("quantities must name at least one quantity, got an empty list")
    return tuple(out)


def classify(obj: Any) -> tuple[str, Any]:
    """Kind of a factory's return value: ``("collision", model)`` or ``("spins", (net, T))``.

    Raises
    ------
    TypeError
        For anything else (the message says what a factory may return).

    Examples
    --------
    >>> from autocoherence.spins import direct
    >>> classify((direct(1.0, 0.5, 0.7), 0.3))[0]
    'spins'
    >>> classify(42)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: the factory must return a CollisionModel or a (SpinNetwork, temperature) pair, ...
    """
    if isinstance(obj, CollisionModel):
        return "collision", obj
    if (
        isinstance(obj, tuple)
        and len(obj) == 2
        and isinstance(obj[0], SpinNetwork)
        and not isinstance(obj[1], SpinNetwork)
    ):
        return "spins", obj
    raise TypeError(
        "the factory must return a CollisionModel or a (SpinNetwork, temperature) pair, "
        f"got {type(obj).__name__}: {obj!r:.120}"
    )


def check_for_kind(kind: str, names: Sequence[str], method: str) -> None:
    """Raise unless every quantity and the method exist for models of ``kind``.

    Examples
    --------
    >>> check_for_kind("collision", ["l1_coherence", "heat_rate"], "closed_form")
    >>> check_for_kind("spins", ["heat_rate"], "auto")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    autocoherence.errors.ParameterError: quantity 'heat_rate' is not available for spins ...
    """
    table = quantities(kind)
    missing = [n for n in names if n not in table]
    if missing:
        raise ParameterError(
            f"quantity {missing[0]!r} is not available for {kind} models; available: "
            f"{', '.join(table)}"
        )
    allowed = methods(kind)
    if method not in allowed:
        raise ParameterError(
            f"method must be one of {', '.join(map(repr, allowed))} for {kind} models; "
            f"got method={method!r}"
        )
