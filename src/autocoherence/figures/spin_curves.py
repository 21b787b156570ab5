"""Local (paper 2) Figs. 1(a)-4: local coherence C(T) of spin networks, one table entry each.

A figure is a set of curves (dimension ``curve``; label, colour, line style, route, site and
the varied parameters are coordinates on it). ``l1_coherence`` over ``temperature`` (0 <= T <=
t_max, 201 points) is the closed form valid at every T where the preset has one (Local Eq. (6)
for ``direct``, its exact configuration sum for ``direct_n``), else the dense Gibbs state,
``grid_data(SpinFamily(preset, ...), method="dense")`` (one diagonalisation per curve);
``dot_l1_coherence`` over ``dot_temperature``: dense Gibbs states beside closed-form curves;
``low_t_closed_form``: T -> 0 closed forms (open triangles at T = 0); ``high_t_closed_form``
over ``t_high`` (T >= t_high_min): high-T asymptotes (dotted). NaN: not drawn.

Per figure (values: the table's defaults; choices where the paper's caption is silent are ours):

* 1(a): γθ = λΩ = 5·10⁻³ split as γ = θ (ours); red: one ancilla, Eq. (9); blue solid/dashed:
  N = 2/4 ancillas, Eq. (C4) (N ours). Markers Eq. (10) (exact in the ground state) and Eqs.
  (17)/(C6) (leading order: 4 % and 9 % above the exact value for N = 2, 4). Green (Ref. [34]):
  the target alone in an Ohmic bath J(ν) = λν e^{-ν/Ω} through the RWA composite coupling
  V = σz ⊗ Σ g_k(b_k + b_k†) + Σ f_k(σ₊b_k + σ₋b_k†), the mean-force Gibbs state to O(λ)
  (:func:`~autocoherence.spins.mean_force.fig1a_mean_force_curve`). Its T = 0 value 2λΩ/ω2 =
  0.01 is linear in λΩ as Eq. (10) is in γθ, which makes the caption's "γθ ∼ λΩ" like for like
  (the Hermitian form (σz + σx)/√2 gives 2λ e^{ω2/Ω}E₁(ω2/Ω) = 0.0030).
* 1(b) (values ours): one ancilla γ = 2, Eq. (5), and N = 4 ancillas γ_j = 0.5, Eq. (14): the
  same Σγ_j, hence the same plateau (Eq. (15) = (7)) and QFI H_4 = H_1 = 0.8 (Eqs. (8), (16));
  red: indirect Eq. (9). Markers Eqs. (7), (15), (10).
* 2(a)-(c) share their curves: colour <-> γ (= θ) = 0.5 red, 1 blue, 2 green; line style <->
  the varied frequency 0.5 solid, 1.3 dashed (the caption fixes red solid ω2 = 0.5 in (a) and
  red dashed ω1 = 1.3 in (c); θ = γ in (c) is ours). Markers Eqs. (7), (10), (13); dotted
  Eqs. (B1), (B2), (B3). (b): no closed form at every T ("too complex").
* 3(a): ω_j = 0.5, γ_j = 0.25, N = 1, 2, 4, 8 (ours: weak individual couplings whose sum
  reaches the strong-coupling plateau); markers Eqs. (15)/(C3), dotted Eq. (C2).
* 3(b): N = 8 red ("an edge of our numerical possibilities"; the other N ours); dotted Eq.
  (C5). No T -> 0 marker: Eqs. (17)/(C6) need √N γ ≪ ω_j, ω_T (tested in tests/integration).
* 4: the caption's "ω3 = 1.3, γ3 = 0.5, ω2 = 0.5" read with the numbering of Fig. 2(c):
  sources ω_j = 1.3, mediator ω1 = 0.5 (docs/discrepancies.md); N = 7 red. Markers Eqs.
  (18)/(C9) (exact in the ground state), dotted Eq. (C8) with A = θ Σ_j γ_j ω_j / 8, which we
  derive (the paper leaves A open).
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Sequence
from functools import partial
from itertools import product
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import xarray as xr

from autocoherence.figures._data import grid_data
from autocoherence.figures._params import check_grid, describe, validate
from autocoherence.figures.base import FigureSpec
from autocoherence.spins import closed_form as cf
from autocoherence.spins import presets
from autocoherence.spins.mean_force import fig1a_mean_force_curve

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["SPECS", "Curve", "Entry", "compute", "draw"]

# Closed forms of each preset: functions of its parameters m (a namespace; ws, gs, ts: one
# value per ancilla). Curve valid at every T (then dots are dense), T -> 0 value, high-T asymptote.
_EXACT: dict[str, Callable[..., Any]] = {
    "direct": lambda m, t: cf.direct_c1(m.omega1, m.omega2, m.gamma, t),
    "direct_n": lambda m, t: cf.direct_n_c1(m.omega1, m.ws, m.gs, t),
}
_LOW_T: dict[str, Callable[..., Any]] = {
    "direct": lambda m: cf.direct_c1_low_t(m.omega1, m.omega2, m.gamma, 0.0),
    "direct_n": lambda m: cf.direct_n_c1_low_t(m.omega1, m.gs),
    "indirect": lambda m: cf.indirect_c2_low_t(m.omega1, m.omega2, m.gamma, m.theta),
    "indirect_n": lambda m: cf.indirect_n_ct_low_t(m.omega_t, m.omegas, m.gammas, m.n),
    "transferred": lambda m: cf.transferred_c0_low_t(m.omega0, m.omega1, m.gamma, m.theta),
    "transferred_n": lambda m: cf.transferred_n_c0_low_t(
        m.omega0, m.omega1, m.theta, m.gammas, m.n
    ),
}
_HIGH_T: dict[str, Callable[..., Any]] = {
    "direct": lambda m, t: cf.direct_c1_high_t(m.omega2, m.gamma, t),
    "direct_n": lambda m, t: cf.direct_n_c1_high_t(m.ws, m.gs, t),
    "indirect": lambda m, t: cf.indirect_c2_high_t(m.omega2, m.gamma, m.theta, t),
    "indirect_n": lambda m, t: cf.indirect_n_ct_high_t(m.omega_t, m.gs, m.ts, t),
    "transferred": lambda m, t: cf.transferred_c0_high_t(m.omega2, m.gamma, m.theta, t),
    "transferred_n": lambda m, t: cf.transferred_n_c0_high_t(m.theta, m.ws, m.gs, t),
}
_ROUTES = {
    "direct": "closed form Local Eq. (6)",
    "direct_n": "exact configuration sum (generalised Eq. (6))",
}
_DENSE = "dense Gibbs state (one diagonalisation, all T)"

#: the site whose coherence is drawn: qubit 2 of Eq. (9), else the first (target) qubit
_SITE = {"indirect": 1}
#: N-source figures name the common source parameters omega_source, gamma, theta
_ALIAS = {"omegas": "omega_source", "gammas": "gamma", "thetas": "theta"}
_COLORS = ("tab:red", "tab:blue", "tab:green", "tab:purple", "tab:orange", "tab:brown")
_OTHERS = (*_COLORS[1:], "tab:olive")
_STYLES = ("-", "--", "-.", ":")
_LONG_NAMES = {
    "l1_coherence": "local l1 coherence C(T) (route: curve_route)",
    "dot_l1_coherence": "dense Gibbs state (NaN: the curve is itself dense)",
    "low_t_closed_form": "T -> 0 closed form (NaN: none drawn)",
    "high_t_closed_form": "high-T asymptote (NaN: none drawn)",
}


class Curve(NamedTuple):
    """One curve: the ``preset`` network with these arguments (in its signature's order)."""

    label: str
    color: str
    linestyle: str
    preset: str
    model: tuple[Any, ...]


class Entry(NamedTuple):
    """One figure: its options (name -> default, typed by it; ``dot_temperatures`` and
    ``t_high_min`` where dots and high-T asymptotes are drawn), curves and labels. ``coords``:
    arguments of the curves' networks written on ``curve`` (per-ancilla ones in the singular,
    n = 1 for one ancilla); ``title``, ``annotate``: format strings of the attributes."""

    name: str
    caption: str
    options: dict[str, Any]
    curves: Callable[[Any], list[Curve]]
    ylabel: str
    title: str
    coords: tuple[str, ...] = ("n",)
    low_t: bool = True
    attrs: Callable[[Any], dict[str, Any]] = lambda _: {}
    annotate: tuple[str, ...] = ()


def _arguments(preset: str) -> list[str]:
    """Parameter names of a preset of :mod:`autocoherence.spins.presets`, in order."""
    return list(inspect.signature(getattr(presets, preset)).parameters)


def _model(o: Any, preset: str, **given: Any) -> tuple[Any, ...]:
    """Arguments of ``preset``: ``given``, else the option of that name (or its alias)."""
    return tuple(given.get(p, getattr(o, _ALIAS.get(p, p), None)) for p in _arguments(preset))


def _fig2(o: Any, preset: str) -> list[Curve]:
    """Fig. 2: colour <-> γ (= θ but in (a)), line style <-> the varied ω (option ``omega?s``)."""
    varied = next(k for k in vars(o) if k.startswith("omega") and k.endswith("s"))[:-1]
    out = []
    for (i, g), (j, w) in product(enumerate(o.gammas), enumerate(getattr(o, f"{varied}s"))):
        label = f"γ = {'' if preset == 'direct' else 'θ = '}{g:g}, ω{varied[-1]} = {w:g}"
        model = _model(o, preset, gamma=g, theta=g, **{varied: w})
        out.append(Curve(label, _COLORS[i % 6], _STYLES[j % 4], preset, model))
    return out


def _by_n(o: Any, preset: str, *, red_last: bool = True) -> list[Curve]:
    """One curve per cluster size N (Figs. 3, 4); the largest N is red if ``red_last``."""
    top, ns = max(o.cluster_sizes), o.cluster_sizes
    colors = ["tab:red" if red_last and n == top else _OTHERS[k % 6] for k, n in enumerate(ns)]
    return [
        Curve(f"N = {n}", color, "-", preset, _model(o, preset, n=n))
        for n, color in zip(ns, colors, strict=True)
    ]


def _fig1a(o: Any) -> list[Curve]:
    g, w, wt = math.sqrt(o.coupling_product), o.omega_ancilla, o.omega_target
    return [Curve("1 ancilla, Eq. (9)", "tab:red", "-", "indirect", (w, wt, g, g))] + [
        Curve(f"N = {n} ancillas, Eq. (C4)", "tab:blue", s, "indirect_n", (wt, w, g, g, n))
        for n, s in zip(o.cluster_sizes, _STYLES * len(o.cluster_sizes), strict=False)
    ]


def _fig1b(o: Any) -> list[Curve]:
    g, gn, gi = o.gamma_single, o.gamma_collective, o.indirect_coupling
    w1, w, wi, n = o.omega1, o.omega_ancilla, o.indirect_omega1, o.n
    many = f"N = {n} ancillas, γ_j = {gn:g}, Eq. (14)"
    return [
        Curve(f"1 ancilla, γ = {g:g}, Eq. (5)", "tab:blue", "--", "direct", (w1, w, g)),
        Curve(many, "tab:blue", "-", "direct_n", (w1, w, gn, n)),
        Curve(f"indirect, γ = θ = {gi:g}, Eq. (9)", "tab:red", "-", "indirect", (wi, w1, gi, gi)),
    ]


def _dense(preset: str, model: dict[str, Any], temperatures: np.ndarray) -> np.ndarray:
    """Dense Gibbs states of one network at ``temperatures`` (one diagonalisation for all)."""
    from autocoherence.sweeps import SpinFamily  # noqa: PLC0415  (figures sit above sweeps)

    grid, site = {"temperature": temperatures}, _SITE.get(preset, 0)
    ds = grid_data(SpinFamily(preset, **model), grid, ["l1_coherence"], method="dense", site=site)
    return np.asarray(ds.l1_coherence.values)


def compute(entry: Entry, **options: Any) -> xr.Dataset:
    """Data of one figure of the table (layout: module docstring), options complete and checked.

    Examples
    --------
    Fig. 2(a), γ = 0.5, ω2 = 0.5: Local Eq. (6) at T = 0, 1, 2 and its T -> 0 limit Eq. (7):

    >>> ds = SPECS[2].compute(gammas=(0.5,), omega2s=(0.5,), n_temperatures=3)
    >>> ds.l1_coherence.values.round(4), ds.low_t_closed_form.values.round(4)
    (array([[0.4472, 0.0556, 0.0152]]), array([0.4472]))
    """
    o = SimpleNamespace(**options)
    temps = check_grid(0.0, o.t_max, o.n_temperatures)
    asymptotes = "t_high_min" in options
    t_high = temps[temps >= o.t_high_min] if asymptotes else temps[:0]
    dots_t = np.asarray(options.get("dot_temperatures", ()), dtype=float)
    curves = entry.curves(o)
    models = [dict(zip(_arguments(c.preset), c.model, strict=True)) for c in curves]
    coh, dots = np.empty((len(curves), temps.size)), np.full((len(curves), dots_t.size), np.nan)
    low, high = np.full(len(curves), np.nan), np.full((len(curves), t_high.size), np.nan)
    for i, (c, model) in enumerate(zip(curves, models, strict=True)):
        each = {k: model["n"] * [model[a]] for k, a in _PER_ANCILLA.items() if a in model}
        m, exact = SimpleNamespace(**model, **each), _EXACT.get(c.preset)
        coh[i] = _dense(c.preset, model, temps) if exact is None else exact(m, temps)
        dots[i] = _dense(c.preset, model, dots_t) if exact and dots_t.size else np.nan
        low[i] = _LOW_T[c.preset](m) if entry.low_t else np.nan
        high[i] = _HIGH_T[c.preset](m, t_high) if asymptotes else np.nan
    dims = (("curve", "temperature"), ("curve", "dot_temperature"), "curve", ("curve", "t_high"))
    values = zip(_LONG_NAMES.items(), dims, (coh, dots, low, high), strict=True)
    data = {k: (d, v, {"long_name": name}) for (k, name), d, v in values}
    if "lam" in options:  # Fig. 1(a)'s green benchmark and its T = 0 closed form 2λΩ/ω
        curve = fig1a_mean_force_curve(temps, lam=o.lam, cutoff=o.cutoff, omega=o.omega_target)
        data["mean_force_l1_coherence"] = ("temperature", curve, {"long_name": _GREEN})
        zero = 2 * o.lam * o.cutoff / o.omega_target
        data["mean_force_low_t_closed_form"] = ((), zero, {"long_name": f"{_GREEN} at T = 0"})
    on_curve = {f: [getattr(c, f) for c in curves] for f in ("label", "color", "linestyle")}
    on_curve["curve_route"] = [_ROUTES.get(c.preset, _DENSE) for c in curves]
    on_curve["site"] = [_SITE.get(c.preset, 0) for c in curves]
    for k in sorted(entry.coords):
        on_curve[k] = [float(m.get(k, m.get(f"{k}s", 1))) for m in models]
    axes = {"curve": np.arange(len(curves)), "temperature": temps, "dot_temperature": dots_t}
    coords = axes | {"t_high": t_high} | {k: ("curve", v) for k, v in on_curve.items()}
    scalars = {k: v for k, v in options.items() if isinstance(v, int | float)}
    attrs = {"paper": _PAPER, "caption": entry.caption} | scalars | entry.attrs(o)
    return describe(xr.Dataset(data, coords=coords, attrs=attrs), omega="omega")


def draw(ds: xr.Dataset, *, ylabel: str, title: str, annotate: Sequence[str] = ()) -> Figure:
    """Curves, dense dots, T -> 0 markers (open triangles), dotted high-T asymptotes, and
    Fig. 1(a)'s green benchmark; ``title``, ``annotate``: format strings of ``ds.attrs``."""
    from matplotlib.figure import Figure  # noqa: PLC0415
    from matplotlib.lines import Line2D  # noqa: PLC0415

    fig = Figure(figsize=(7.6, 4.2))
    ax = fig.subplots()
    temps = ds.temperature.values
    marker: dict[str, Any] = {"marker": ">", "ms": 7, "mfc": "none", "clip_on": False}
    for i in range(ds.sizes["curve"]):  # NaN (no dots, no closed form) draws nothing
        c = ds.isel(curve=i)
        color, ls, label = (str(c[k].values) for k in ("color", "linestyle", "label"))
        ax.plot(temps, c.l1_coherence, color=color, ls=ls, lw=1.8, label=label)
        ax.plot(ds.dot_temperature, c.dot_l1_coherence, "o", color=color, ms=4)
        ax.plot([0.0], [float(c.low_t_closed_form)], color=color, **marker)
        ax.plot(ds.t_high, c.high_t_closed_form, ":", color=color, lw=1.2)
    handles, _ = ax.get_legend_handles_labels()
    if "mean_force_l1_coherence" in ds:
        label = "Ohmic bath, composite coupling (RWA) [34]"
        green = ax.plot(temps, ds.mean_force_l1_coherence, color="tab:green", lw=1.8, label=label)
        ax.plot([0.0], [float(ds.mean_force_low_t_closed_form)], color="tab:green", **marker)
        handles.insert(0, green[0])
    ax.set(xlim=(0, temps.max()), xlabel=r"$k_B T$ (units of $\hbar\omega$)", ylabel=ylabel)
    ax.set_ylim(0, None)
    ax.set_title(title.format(**ds.attrs))
    proxies = (  # variable, marker, line style, label
        ("dot_l1_coherence", {"marker": "o", "ms": 4, "ls": "none"}, "dense Gibbs (dots)"),
        ("low_t_closed_form", {"marker": ">", "mfc": "none", "ls": "none"}, "T→0 closed form"),
        ("high_t_closed_form", {"ls": ":"}, "high-T asymptote"),
    )
    for name, style, label in proxies:
        if np.isfinite(ds[name]).any():
            handles.append(Line2D([], [], color="0.35", label=label, **style))
    legend = ax.legend(handles=handles, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    box = legend.get_window_extent().transformed(ax.transAxes.inverted())
    for k, text in enumerate(annotate):  # under the legend, off the curves
        y = box.y0 - 0.03 - 0.06 * k
        ax.text(box.x0 + 0.02, y, text.format(**ds.attrs), transform=ax.transAxes, va="top")
    fig.tight_layout()
    return fig


def _spec(entry: Entry) -> FigureSpec:
    """The entry as a figure: ``compute(entry, ...)`` under the entry's options as signature."""
    kind = {"cluster_sizes": inspect.Parameter.POSITIONAL_OR_KEYWORD}
    types = {k: Sequence[int] if k == "cluster_sizes" else Sequence[float] for k in entry.options}
    types = {k: types[k] if isinstance(v, tuple) else type(v) for k, v in entry.options.items()}
    keyword = inspect.Parameter.KEYWORD_ONLY
    parameters = [
        inspect.Parameter(k, kind.get(k, keyword), default=v, annotation=types[k])
        for k, v in entry.options.items()
    ]
    signature = inspect.Signature(parameters, return_annotation=xr.Dataset)

    def entry_compute(*args: Any, **kwargs: Any) -> xr.Dataset:
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        return compute(entry, **validate(entry_compute, bound.arguments))

    entry_compute.__signature__ = signature  # type: ignore[attr-defined]
    entry_compute.__annotations__ = {p.name: p.annotation for p in parameters}
    entry_compute.__doc__ = f"Data of {entry.name}: :func:`compute` of its table entry."
    entry_compute.__qualname__ = entry_compute.__name__ = f"compute_{entry.name[6:]}"
    plot = partial(draw, ylabel=entry.ylabel, title=entry.title, annotate=entry.annotate)
    return FigureSpec(entry.name, entry.caption, entry_compute, plot)


_PAPER = "Kolar & Filip, Local coherence by thermalized intra-system coupling"
_GREEN = "green benchmark: mean-force Gibbs state to O(lam), RWA composite coupling"
_PER_ANCILLA = {"ws": "omegas", "gs": "gammas", "ts": "thetas"}
_GRID = {"t_max": 2.0, "n_temperatures": 201}
_DOTS = {"dot_temperatures": (0.1, 0.3, 0.6, 1.0, 1.5)}
_FIG2 = {"gammas": (0.5, 1.0, 2.0)}

#: The eight figures of the Local paper, in paper order (physics notes: module docstring).
_ENTRIES = (
    Entry(
        "spins-fig1a",
        "Local Fig. 1(a): weak coupling, ancillas Eqs. (9), (C4), and an Ohmic-bath benchmark.",
        {"cluster_sizes": (2, 4), "omega_target": 1.0, "omega_ancilla": 0.2}
        | {"coupling_product": 1e-3 * 5.0, "lam": 1e-3, "cutoff": 5.0}
        | {"t_max": 1.0, "n_temperatures": 201},
        _fig1a,
        r"$C_2$, $C_T^N$, $C$",
        r"Fig. 1(a): $\omega_2$ = 1, $\omega_1$ = {omega_ancilla:g}, γ = θ = {gamma:.4g}; "
        "green: λ = {lam:g}, Ω = {cutoff:g}",
        attrs=lambda o: dict.fromkeys(("gamma", "theta"), math.sqrt(o.coupling_product)),
    ),
    Entry(
        "spins-fig1b",
        "Local Fig. 1(b): one strong ancilla Eq. (5), N = 4 weaker ones Eq. (14), indirect (9).",
        {"omega1": 1.0, "omega_ancilla": 1.0, "gamma_single": 2.0, "n": 4}
        | {"gamma_collective": 0.5, "indirect_coupling": 0.2, "indirect_omega1": 0.2}
        | (_GRID | _DOTS),
        _fig1b,
        "local coherence C",
        r"blue (direct): $\omega_1$ = {omega1:g}, ancillas $\omega_j$ = {omega_ancilla:g}; red "
        r"(indirect): ancilla $\omega_1$ = {indirect_omega1:g}, $\omega_2$ = {omega1:g}",
        ("gamma", "n"),
        attrs=lambda o: {
            "qfi_h1": float(cf.direct_qfi_low_t(o.omega1, o.gamma_single)),
            "qfi_hn": float(cf.direct_n_qfi_low_t(o.omega1, [o.gamma_collective] * o.n)),
        },
        annotate=(
            "plateau QFI: $H_1$ = {qfi_h1:.3g} (Eq. (8)),",
            "$H_{{{n}}}$ = {qfi_hn:.3g} (Eq. (16))",
        ),
    ),
    Entry(
        "spins-fig2a",
        "Local Fig. 2(a): C1(T) of the direct model Eq. (5), closed form Eq. (6).",
        {"omega1": 1.0, **_FIG2, "omega2s": (0.5, 1.3), **_GRID, **_DOTS, "t_high_min": 1.0},
        lambda o: _fig2(o, "direct"),
        r"$C_1$",
        r"Fig. 2(a): direct, Eq. (5), $\omega_1$ = {omega1:g}",
        ("gamma", "omega2"),
    ),
    Entry(
        "spins-fig2b",
        "Local Fig. 2(b): C2(T) of the indirect model Eq. (9), θ = γ.",
        {"omega2": 1.0, **_FIG2, "omega1s": (0.5, 1.3), **_GRID, "t_high_min": 1.5},
        lambda o: _fig2(o, "indirect"),
        r"$C_2$",
        r"Fig. 2(b): indirect, Eq. (9), $\omega_2$ = {omega2:g}, θ = γ",
        ("gamma", "theta", "omega1"),
    ),
    Entry(
        "spins-fig2c",
        "Local Fig. 2(c): C0(T) of the transferred model Eq. (12), θ = γ.",
        {"omega0": 1.0, "omega2": 1.3, **_FIG2, "omega1s": (0.5, 1.3)}
        | {**_GRID, "t_high_min": 1.5},
        lambda o: _fig2(o, "transferred"),
        r"$C_0$",
        r"Fig. 2(c): transferred, Eq. (12), $\omega_0$ = {omega0:g}, "
        r"$\omega_2$ = {omega2:g}, θ = γ",
        ("gamma", "theta", "omega1"),
    ),
    Entry(
        "spins-fig3a",
        "Local Fig. 3(a): C1^N(T) for N direct sources Eq. (C1), exact configuration sum.",
        {"cluster_sizes": (1, 2, 4, 8), "omega1": 1.0, "omega_source": 0.5, "gamma": 0.25}
        | {**_GRID, **_DOTS, "t_high_min": 1.0},
        lambda o: _by_n(o, "direct_n", red_last=False),
        r"$C_1^N$",
        r"Fig. 3(a): N direct sources, Eq. (C1), $\omega_1$ = {omega1:g}, "
        r"$\omega_j$ = {omega_source:g}, $\gamma_j$ = {gamma:g}",
    ),
    Entry(
        "spins-fig3b",
        "Local Fig. 3(b): C_T^N(T) for N indirect sources Eq. (C4).",
        {"cluster_sizes": (1, 2, 3, 5, 8), "omega_t": 1.0}
        | {"omega_source": 0.5, "gamma": 0.5, "theta": 0.5, **_GRID, "t_high_min": 1.5},
        lambda o: _by_n(o, "indirect_n"),
        r"$C_T^N$",
        r"Fig. 3(b): N indirect sources, Eq. (C4), $\omega_T$ = {omega_t:g}, "
        r"$\theta_j=\gamma_j$ = {gamma:g}, $\omega_j$ = {omega_source:g}",
        low_t=False,
    ),
    Entry(
        "spins-fig4",
        "Local Fig. 4: C0^N(T), N sources transferred to qubit 0 via a mediator, Eq. (C7).",
        {"cluster_sizes": (1, 2, 3, 5, 7), "omega0": 1.0, "theta": 0.5, "omega1": 0.5}
        | {"omega_source": 1.3, "gamma": 0.5, **_GRID, "t_high_min": 1.5},
        lambda o: _by_n(o, "transferred_n"),
        r"$C_0^N$",
        r"Fig. 4: Eq. (C7), $\omega_0$ = {omega0:g}, θ = {theta:g}, $\omega_1$ = {omega1:g}, "
        r"$\omega_j$ = {omega_source:g}, $\gamma_j$ = {gamma:g}",
    ),
)

SPECS: tuple[FigureSpec, ...] = tuple(_spec(e) for e in _ENTRIES)
