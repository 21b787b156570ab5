"""Local (paper 2) Figs. 1(a)-4: local coherence C(T) of spin networks, one table entry each.

Every figure is a set of curves, one per network (dimension ``curve``; its label, colour, line
style, route, site and varied parameters are coordinates on it):

* ``l1_coherence`` (curve, temperature): the closed form valid at every T where the preset has
  one (Local Eq. (6) for ``direct``, its exact configuration sum for ``direct_n``), otherwise
  the dense Gibbs state on the grid (one diagonalisation per curve);
* ``dot_l1_coherence`` (curve, dot_temperature): dense Gibbs states, for closed-form curves
  only (NaN otherwise);
* ``low_t_closed_form`` (curve): the T -> 0 closed form, an open triangle at T = 0 (NaN: none);
* ``high_t_closed_form`` (curve, t_high): the high-T asymptote for T >= t_high_min, dotted.

Dense values come from ``grid_data(SpinFamily(preset, ...), method="dense")``; the closed
forms of each preset are :data:`_FORMS`. Grids: 0 <= T <= t_max, 201 points; dots at
T = 0.1, 0.3, 0.6, 1, 1.5. Per figure (choices where the caption is silent are ours):

* 1(a): target ω2 = 1, ancilla ω1 = 0.2, γθ = λΩ = 5·10⁻³ split as γ = θ = √(5·10⁻³) (ours).
  Red: one ancilla, Eq. (9); blue solid/dashed: N = 2/4 ancillas, Eq. (C4) (N ours). Dense
  curves on 0 <= T <= 1; markers Eq. (10) (exact in the ground state) and Eqs. (17)/(C6)
  (leading order: 4 % and 9 % above the exact value for N = 2, 4). Green (Ref. [34]): the
  target alone in an Ohmic bath J(ν) = λν e^{-ν/Ω}, λ = 10⁻³, Ω = 5, through the RWA
  composite coupling V = σz ⊗ Σ g_k(b_k + b_k†) + Σ f_k(σ₊b_k + σ₋b_k†): the mean-force Gibbs
  state to O(λ) (:func:`~autocoherence.spins.mean_force.fig1a_mean_force_curve`). Its T = 0
  value 2λΩ/ω2 = 0.01 is linear in λΩ as Eq. (10) is in γθ, which makes the caption's
  "γθ ∼ λΩ" like for like (the Hermitian form (σz + σx)/√2 gives 2λ e^{ω2/Ω}E₁(ω2/Ω) = 0.0030).
* 1(b): ω1 = 1, ancillas ω_j = 1 (ours). Dashed: one ancilla γ = 2, Eq. (5); solid blue:
  N = 4 ancillas γ_j = 0.5, Eq. (14), the same Σγ_j hence the same plateau (Eq. (15) = (7))
  and QFI H_4 = H_1 = 0.8 (Eqs. (8), (16)); red: indirect Eq. (9), γ = θ = 0.2, ω1 = 0.2.
* 2(a)-(c) share their curves: colour <-> γ (= θ) = 0.5 red, 1 blue, 2 green; line style <->
  the varied frequency 0.5 solid, 1.3 dashed (the caption fixes red solid ω2 = 0.5 in (a) and
  red dashed ω1 = 1.3 in (c)). (a) Eq. (5), ω1 = 1: markers Eq. (7), dotted Eq. (B1) for
  T >= 1. (b) Eq. (9), ω2 = 1, θ = γ: no closed form at every T ("too complex"), markers
  Eq. (10), dotted Eq. (B2) for T >= 1.5. (c) Eq. (12), ω0 = 1, ω2 = 1.3, θ = γ (ours, as in
  (b)): markers Eq. (13), dotted Eq. (B3) for T >= 1.5.
* 3(a): Eq. (C1), ω1 = 1, sources ω_j = 0.5, γ_j = 0.25, N = 1, 2, 4, 8 (ours: weak
  individual couplings whose sum reaches the strong-coupling plateau); markers Eqs. (15)/(C3),
  dotted Eq. (C2) for T >= 1.
* 3(b): Eq. (C4), ω_T = 1, θ_j = γ_j = ω_j = 0.5, N = 1, 2, 3, 5, 8 (N = 8 red, "an edge of
  our numerical possibilities"); dotted Eq. (C5) for T >= 1.5. No T -> 0 marker: Eqs.
  (17)/(C6) need √N γ ≪ ω_j, ω_T (tested in their regime in tests/integration).
* 4: Eq. (C7), ω0 = 1, θ = γ_j = 0.5; the caption's "ω3 = 1.3, γ3 = 0.5, ω2 = 0.5" read with
  the numbering of Fig. 2(c): sources ω_j = 1.3, mediator ω1 = 0.5 (docs/discrepancies.md);
  N = 1, 2, 3, 5, 7 (N = 7 red). Markers Eqs. (18)/(C9) (exact in the ground state), dotted
  Eq. (C8) for T >= 1.5 with A = θ Σ_j γ_j ω_j / 8, which we derive (the paper leaves A open).
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
from autocoherence.spins.mean_force import fig1a_mean_force_curve

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["SPECS", "Curve", "Entry", "compute", "draw"]


#: Closed forms of each preset, functions of its parameters m (a namespace; n * [x]: one value
#: per ancilla): the curve valid at every T (or None), the T -> 0 value, the high-T asymptote.
_FORMS: dict[str, tuple[Callable[..., Any] | None, Callable[..., Any], Callable[..., Any]]] = {
    "direct": (
        lambda m, t: cf.direct_c1(m.omega1, m.omega2, m.gamma, t),
        lambda m: cf.direct_c1_low_t(m.omega1, m.omega2, m.gamma, 0.0),
        lambda m, t: cf.direct_c1_high_t(m.omega2, m.gamma, t),
    ),
    "direct_n": (
        lambda m, t: cf.direct_n_c1(m.omega1, m.n * [m.omegas], m.n * [m.gammas], t),
        lambda m: cf.direct_n_c1_low_t(m.omega1, m.n * [m.gammas]),
        lambda m, t: cf.direct_n_c1_high_t(m.n * [m.omegas], m.n * [m.gammas], t),
    ),
    "indirect": (
        None,
        lambda m: cf.indirect_c2_low_t(m.omega1, m.omega2, m.gamma, m.theta),
        lambda m, t: cf.indirect_c2_high_t(m.omega2, m.gamma, m.theta, t),
    ),
    "indirect_n": (
        None,
        lambda m: cf.indirect_n_ct_low_t(m.omega_t, m.omegas, m.gammas, m.n),
        lambda m, t: cf.indirect_n_ct_high_t(m.omega_t, m.n * [m.gammas], m.n * [m.thetas], t),
    ),
    "transferred": (
        None,
        lambda m: cf.transferred_c0_low_t(m.omega0, m.omega1, m.gamma, m.theta),
        lambda m, t: cf.transferred_c0_high_t(m.omega2, m.gamma, m.theta, t),
    ),
    "transferred_n": (
        None,
        lambda m: cf.transferred_n_c0_low_t(m.omega0, m.omega1, m.theta, m.gammas, m.n),
        lambda m, t: cf.transferred_n_c0_high_t(m.theta, m.n * [m.omegas], m.n * [m.gammas], t),
    ),
}
_ROUTES = {
    "direct": "closed form Local Eq. (6)",
    "direct_n": "exact configuration sum (generalised Eq. (6))",
}
_DENSE = "dense Gibbs state (one diagonalisation, all T)"
_COLORS = ("tab:red", "tab:blue", "tab:green", "tab:purple", "tab:orange", "tab:brown")
_OTHERS = ("tab:blue", "tab:green", "tab:purple", "tab:orange", "tab:brown", "tab:olive")
_STYLES = ("-", "--", "-.", ":")


class Curve(NamedTuple):
    """One curve: ``SpinFamily(preset, **model)`` at ``site``, its look and its coordinates."""

    label: str
    color: str
    linestyle: str
    preset: str
    model: dict[str, Any]
    site: int
    params: dict[str, float]


class Entry(NamedTuple):
    """One figure: physics options (name -> default, typed by the default), curves, labels.

    Every entry also takes ``t_max`` (default below) and ``n_temperatures`` (201); entries
    with ``dots`` take ``dot_temperatures``, those with ``t_high_min`` draw the high-T
    asymptotes from there; ``low_t``: draw the T -> 0 closed forms.
    """

    name: str
    caption: str
    options: dict[str, Any]
    curves: Callable[[Any], list[Curve]]
    ylabel: str
    title: str  # format string of the dataset's attributes, as ``annotate``
    low_t: bool = True
    t_high_min: float | None = None
    dots: bool = False
    t_max: float = 2.0
    attrs: Callable[[Any], dict[str, Any]] = lambda o: {}
    annotate: tuple[str, ...] = ()


def _fig2(o: Any, preset: str, site: int, label: str, varied: str, **fixed: float) -> list[Curve]:
    """Fig. 2 curves: colour <-> γ (= θ unless ``direct``), line style <-> the varied frequency."""
    out = []
    for (i, g), (j, w) in product(enumerate(o.gammas), enumerate(getattr(o, f"{varied}s"))):
        params = {"gamma": g, varied: w} | ({} if preset == "direct" else {"theta": g})
        look = (label.format(g=g, w=w), _COLORS[i % 6], _STYLES[j % 4])
        out.append(Curve(*look, preset, fixed | params, site, params))
    return out


def _by_n(o: Any, preset: str, site: int, *, red_last: bool = True, **model: Any) -> list[Curve]:
    """One curve per cluster size N; the largest N is red (Figs. 3(b), 4)."""
    top = max(o.cluster_sizes)
    return [
        Curve(
            f"N = {n}",
            "tab:red" if red_last and n == top else _OTHERS[k % 6],
            "-",
            preset,
            model | {"n": n},
            site,
            {"n": float(n)},
        )
        for k, n in enumerate(o.cluster_sizes)
    ]


def _fig1a(o: Any) -> list[Curve]:
    g = math.sqrt(o.coupling_product)
    red = {"omega1": o.omega_ancilla, "omega2": o.omega_target, "gamma": g, "theta": g}
    blue = {"omega_t": o.omega_target, "omegas": o.omega_ancilla, "gammas": g, "thetas": g}
    return [
        Curve("1 ancilla, Eq. (9)", "tab:red", "-", "indirect", red, 1, {"n": 1.0}),
        *(
            c._replace(label=f"{c.label} ancillas, Eq. (C4)", color="tab:blue", linestyle=ls)
            for c, ls in zip(_by_n(o, "indirect_n", 0, **blue), _STYLES * 9, strict=False)
        ),
    ]


def _fig1b(o: Any) -> list[Curve]:
    g, gc, g_ind = o.gamma_single, o.gamma_collective, o.indirect_coupling
    single = {"omega1": o.omega1, "omega2": o.omega_ancilla, "gamma": g}
    collective = {"omega1": o.omega1, "omegas": o.omega_ancilla, "gammas": gc, "n": o.n}
    ind = {"omega1": o.indirect_omega1, "omega2": o.omega1, "gamma": g_ind, "theta": g_ind}
    return [
        Curve(
            f"1 ancilla, γ = {g:g}, Eq. (5)",
            "tab:blue",
            "--",
            "direct",
            single,
            0,
            {"n": 1.0, "gamma": g},
        ),
        Curve(
            f"N = {o.n} ancillas, γ_j = {gc:g}, Eq. (14)",
            "tab:blue",
            "-",
            "direct_n",
            collective,
            0,
            {"n": float(o.n), "gamma": gc},
        ),
        Curve(
            f"indirect, γ = θ = {g_ind:g}, Eq. (9)",
            "tab:red",
            "-",
            "indirect",
            ind,
            1,
            {"n": 1.0, "gamma": g_ind},
        ),
    ]


def _mean_force(o: Any, temps: np.ndarray) -> dict[str, Any]:
    """Green benchmark of Fig. 1(a): mean-force curve and its T = 0 closed form 2λΩ/ω."""
    curve = fig1a_mean_force_curve(temps, lam=o.lam, cutoff=o.cutoff, omega=o.omega_target)
    green = "green benchmark: mean-force Gibbs state to O(lam), RWA composite form"
    zero = "green benchmark at T = 0: C = 2 lam cutoff / omega_target"
    return {
        "mean_force_l1_coherence": ("temperature", curve, {"long_name": green}),
        "mean_force_low_t_closed_form": (
            (),
            2 * o.lam * o.cutoff / o.omega_target,
            {"long_name": zero},
        ),
    }


def _dense(curve: Curve, temperatures: np.ndarray) -> np.ndarray:
    """Dense Gibbs states of one curve's network (one diagonalisation for all T)."""
    from autocoherence.sweeps import SpinFamily  # noqa: PLC0415  (figures sit above sweeps)

    grid = {"temperature": temperatures}
    family = SpinFamily(curve.preset, **curve.model)
    return grid_data(
        family, grid, ["l1_coherence"], method="dense", site=curve.site
    ).l1_coherence.values


def compute(entry: Entry, **options: Any) -> xr.Dataset:
    """Data of one table entry (layout: module docstring); ``options`` complete and checked.

    Examples
    --------
    Fig. 2(a), γ = 0.5, ω2 = 0.5: Eq. (6) at T = 0, 1, 2 and its T -> 0 limit Eq. (7):

    >>> ds = SPECS[2].compute(gammas=(0.5,), omega2s=(0.5,), n_temperatures=3)
    >>> ds.l1_coherence.values.round(4), ds.low_t_closed_form.values.round(4)
    (array([[0.4472, 0.0556, 0.0152]]), array([0.4472]))
    """
    o = SimpleNamespace(**options)
    temps = check_grid(0.0, o.t_max, o.n_temperatures)
    t_high = temps[temps >= o.t_high_min] if entry.t_high_min is not None else temps[:0]
    dots_t = np.asarray(options.get("dot_temperatures", ()), dtype=float)
    curves = entry.curves(o)
    data = np.full((4, len(curves), max(temps.size, dots_t.size, t_high.size)), np.nan)
    coh, dots, low, high = (
        data[0, :, : temps.size],
        data[1, :, : dots_t.size],
        data[2, :, 0],
        data[3, :, : t_high.size],
    )
    for i, c in enumerate(curves):
        exact, low_t, high_t = _FORMS[c.preset]
        m = SimpleNamespace(**c.model)
        coh[i] = _dense(c, temps) if exact is None else exact(m, temps)
        if exact is not None and dots_t.size:
            dots[i] = _dense(c, dots_t)
        if entry.low_t:
            low[i] = low_t(m)
        if entry.t_high_min is not None:
            high[i] = high_t(m, t_high)
    label = "local l1 coherence C(T) (route: curve_route)"
    variables = {
        "l1_coherence": (("curve", "temperature"), coh, {"long_name": label}),
        "dot_l1_coherence": (
            ("curve", "dot_temperature"),
            dots,
            {"long_name": "dense Gibbs state (NaN: curve is itself dense)"},
        ),
        "low_t_closed_form": ("curve", low, {"long_name": "T -> 0 closed form (NaN: none drawn)"}),
        "high_t_closed_form": (
            ("curve", "t_high"),
            high,
            {"long_name": "high-T asymptote (NaN: none drawn)"},
        ),
    }
    on_curve = {
        "label": [c.label for c in curves],
        "color": [c.color for c in curves],
        "linestyle": [c.linestyle for c in curves],
        "curve_route": [_ROUTES.get(c.preset, _DENSE) for c in curves],
        "site": np.array([c.site for c in curves]),
        **{
            k: np.array([c.params.get(k, np.nan) for c in curves])
            for k in sorted({k for c in curves for k in c.params})
        },
    }
    axes = {
        "curve": np.arange(len(curves)),
        "temperature": temps,
        "dot_temperature": dots_t,
        "t_high": t_high,
    }
    attrs = {
        "paper": _PAPER,
        "caption": entry.caption,
        **{k: v for k, v in options.items() if isinstance(v, int | float)},
    }
    ds = xr.Dataset(
        variables | (_mean_force(o, temps) if "lam" in options else {}),
        coords=axes | {k: ("curve", v) for k, v in on_curve.items()},
        attrs=attrs | entry.attrs(o),
    )
    return describe(ds, omega="omega")


def draw(ds: xr.Dataset, *, ylabel: str, title: str, annotate: Sequence[str] = ()) -> Figure:
    """Curves, dots, T -> 0 markers (open triangles), dotted high-T asymptotes, green benchmark.

    ``title`` and ``annotate`` are format strings of the dataset's attributes.

    Examples
    --------
    >>> ds = SPECS[3].compute(gammas=(0.5,), omega1s=(0.5,), n_temperatures=3)
    >>> len(draw(ds, ylabel="C", title="ω2 = {omega2:g}").axes)
    1
    """
    from matplotlib.figure import Figure  # noqa: PLC0415
    from matplotlib.lines import Line2D  # noqa: PLC0415

    fig = Figure(figsize=(7.6, 4.2))
    ax = fig.subplots()
    temps = ds.temperature.values
    marker = {"marker": ">", "ms": 7, "mfc": "none", "clip_on": False}
    for i in range(ds.sizes["curve"]):
        c = ds.isel(curve=i)
        color, ls = str(c.color.values), str(c.linestyle.values)
        ax.plot(temps, c.l1_coherence, color=color, ls=ls, lw=1.8, label=str(c.label.values))
        if np.any(np.isfinite(c.dot_l1_coherence.values)):
            ax.plot(ds.dot_temperature, c.dot_l1_coherence, "o", color=color, ms=4)
        if np.isfinite(float(c.low_t_closed_form)):
            ax.plot([0.0], [float(c.low_t_closed_form)], color=color, **marker)
        if np.any(np.isfinite(c.high_t_closed_form.values)):
            ax.plot(ds.t_high, c.high_t_closed_form, ":", color=color, lw=1.2)
    handles, _ = ax.get_legend_handles_labels()
    if "mean_force_l1_coherence" in ds:
        green = "Ohmic bath, composite coupling (RWA) [34]"
        handles.insert(
            0, ax.plot(temps, ds.mean_force_l1_coherence, color="tab:green", lw=1.8, label=green)[0]
        )
        ax.plot([0.0], [float(ds.mean_force_low_t_closed_form)], color="tab:green", **marker)
    ax.set_xlim(0, temps.max())
    ax.set_ylim(0, None)
    ax.set_xlabel(r"$k_B T$ (units of $\hbar\omega$)")
    ax.set_ylabel(ylabel)
    ax.set_title(title.format(**ds.attrs))
    proxies = (
        ("dot_l1_coherence", {"marker": "o", "ls": "none", "ms": 4, "label": "dense Gibbs (dots)"}),
        (
            "low_t_closed_form",
            {"marker": ">", "mfc": "none", "ls": "none", "label": "T→0 closed form"},
        ),
        ("high_t_closed_form", {"ls": ":", "label": "high-T asymptote"}),
    )
    handles += [Line2D([], [], color="0.35", **kw) for v, kw in proxies if np.isfinite(ds[v]).any()]
    legend = ax.legend(handles=handles, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    box = legend.get_window_extent().transformed(ax.transAxes.inverted())
    for k, text in enumerate(annotate):  # under the legend, off the curves
        ax.text(
            box.x0 + 0.02,
            box.y0 - 0.03 - 0.06 * k,
            text.format(**ds.attrs),
            transform=ax.transAxes,
            va="top",
        )
    fig.tight_layout()
    return fig


def _spec(entry: Entry) -> FigureSpec:
    """The entry as a figure: ``compute(entry, ...)`` with the entry's options as signature."""
    grid = {"t_max": entry.t_max, "n_temperatures": 201}
    dots = {"dot_temperatures": (0.1, 0.3, 0.6, 1.0, 1.5)} if entry.dots else {}
    high = {} if entry.t_high_min is None else {"t_high_min": entry.t_high_min}
    parameters = [
        inspect.Parameter(
            k,
            inspect.Parameter.POSITIONAL_OR_KEYWORD
            if k == "cluster_sizes"
            else inspect.Parameter.KEYWORD_ONLY,
            default=v,
            annotation=type(v)
            if not isinstance(v, tuple)
            else Sequence[int]
            if all(isinstance(x, int) for x in v)
            else Sequence[float],
        )
        for k, v in (entry.options | grid | dots | high).items()
    ]
    signature = inspect.Signature(parameters, return_annotation=xr.Dataset)

    def entry_compute(*args: Any, **kwargs: Any) -> xr.Dataset:
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        return compute(entry, **validate(entry_compute, bound.arguments))

    entry_compute.__signature__ = signature  # type: ignore[attr-defined]
    entry_compute.__annotations__ = {p.name: p.annotation for p in parameters}
    entry_compute.__doc__ = f"Data of {entry.name}: :func:`compute` of its table entry."
    entry_compute.__qualname__ = entry_compute.__name__ = f"compute_{entry.name.replace('-', '_')}"
    plot = partial(draw, ylabel=entry.ylabel, title=entry.title, annotate=entry.annotate)
    return FigureSpec(entry.name, entry.caption, entry_compute, plot)


_PAPER = "Kolar & Filip, Local coherence by thermalized intra-system coupling"
_FIG2 = {"gammas": (0.5, 1.0, 2.0)}

#: The eight figures of the Local paper, in paper order.
_ENTRIES = (
    Entry(
        "spins-fig1a",
        "Local Fig. 1(a): target coherence vs T at weak coupling, one ancilla Eq. (9) (red) and "
        "N = 2, 4 ancillas Eq. (C4) (blue); dense Gibbs curves, markers Eq. (10)/(C6); green: "
        "qubit in an Ohmic bath with RWA composite coupling, mean-force Gibbs state.",
        {
            "cluster_sizes": (2, 4),
            "omega_target": 1.0,
            "omega_ancilla": 0.2,
            "coupling_product": 1e-3 * 5.0,
            "lam": 1e-3,
            "cutoff": 5.0,
        },
        _fig1a,
        r"$C_2$, $C_T^N$, $C$",
        r"Fig. 1(a): $\omega_2$ = 1, $\omega_1$ = {omega_ancilla:g}, γ = θ = {gamma:.4g}; "
        "green: λ = {lam:g}, Ω = {cutoff:g}",
        t_max=1.0,
        attrs=lambda o: {
            "gamma": math.sqrt(o.coupling_product),
            "theta": math.sqrt(o.coupling_product),
        },
    ),
    Entry(
        "spins-fig1b",
        "Local Fig. 1(b): coherence vs T from one strongly coupled ancilla Eq. (5) (dashed), "
        "N = 4 weaker collective ancillas Eq. (14) (solid) and the indirect Eq. (9) (red); "
        "closed-form curves with dense Gibbs dots; QFI H_1, H_4 annotated.",
        {
            "omega1": 1.0,
            "omega_ancilla": 1.0,
            "gamma_single": 2.0,
            "n": 4,
            "gamma_collective": 0.5,
            "indirect_coupling": 0.2,
            "indirect_omega1": 0.2,
        },
        _fig1b,
        "local coherence C",
        r"blue (direct): $\omega_1$ = {omega1:g}, ancillas $\omega_j$ = {omega_ancilla:g}; red "
        r"(indirect): ancilla $\omega_1$ = {indirect_omega1:g}, $\omega_2$ = {omega1:g}",
        dots=True,
        attrs=lambda o: {
            "qfi_h1": float(cf.direct_qfi_low_t(o.omega1, o.gamma_single)),
            "qfi_hn": float(cf.direct_n_qfi_low_t(o.omega1, o.n * [o.gamma_collective])),
        },
        annotate=(
            "plateau QFI: $H_1$ = {qfi_h1:.3g} (Eq. (8)),",
            "$H_{{{n}}}$ = {qfi_hn:.3g} (Eq. (16))",
        ),
    ),
    Entry(
        "spins-fig2a",
        "Local Fig. 2(a): C1(T) of the direct model Eq. (5), omega1 = 1; curves: exact closed "
        "form Eq. (6), dots: dense Gibbs states, markers: Eq. (7) at T -> 0, dotted: Eq. (B1).",
        {"omega1": 1.0, **_FIG2, "omega2s": (0.5, 1.3)},
        lambda o: _fig2(o, "direct", 0, "γ = {g:g}, ω2 = {w:g}", "omega2", omega1=o.omega1),
        r"$C_1$",
        r"Fig. 2(a): direct, Eq. (5), $\omega_1$ = {omega1:g}",
        t_high_min=1.0,
        dots=True,
    ),
    Entry(
        "spins-fig2b",
        "Local Fig. 2(b): C2(T) of the indirect model Eq. (9), omega2 = 1, theta = gamma; "
        "curves: dense Gibbs states, markers: Eq. (10) at T -> 0, dotted: Eq. (B2).",
        {"omega2": 1.0, **_FIG2, "omega1s": (0.5, 1.3)},
        lambda o: _fig2(o, "indirect", 1, "γ = θ = {g:g}, ω1 = {w:g}", "omega1", omega2=o.omega2),
        r"$C_2$",
        r"Fig. 2(b): indirect, Eq. (9), $\omega_2$ = {omega2:g}, θ = γ",
        t_high_min=1.5,
    ),
    Entry(
        "spins-fig2c",
        "Local Fig. 2(c): C0(T) of the transferred model Eq. (12), omega0 = 1, omega2 = 1.3, "
        "theta = gamma; curves: dense Gibbs states, markers: Eq. (13), dotted: Eq. (B3).",
        {"omega0": 1.0, "omega2": 1.3, **_FIG2, "omega1s": (0.5, 1.3)},
        lambda o: _fig2(
            o,
            "transferred",
            0,
            "γ = θ = {g:g}, ω1 = {w:g}",
            "omega1",
            omega0=o.omega0,
            omega2=o.omega2,
        ),
        r"$C_0$",
        r"Fig. 2(c): transferred, Eq. (12), $\omega_0$ = {omega0:g}, $\omega_2$ = {omega2:g}, θ = γ",
        t_high_min=1.5,
    ),
    Entry(
        "spins-fig3a",
        "Local Fig. 3(a): C1^N(T) for N direct sources, Eq. (C1), omega1 = 1; curves: exact "
        "configuration sum, dots: dense Gibbs states, markers: Eq. (15), dotted: Eq. (C2).",
        {"cluster_sizes": (1, 2, 4, 8), "omega1": 1.0, "omega_source": 0.5, "gamma": 0.25},
        lambda o: _by_n(
            o, "direct_n", 0, red_last=False, omega1=o.omega1, omegas=o.omega_source, gammas=o.gamma
        ),
        r"$C_1^N$",
        r"Fig. 3(a): N direct sources, Eq. (C1), $\omega_1$ = {omega1:g}, "
        r"$\omega_j$ = {omega_source:g}, $\gamma_j$ = {gamma:g}",
        t_high_min=1.0,
        dots=True,
    ),
    Entry(
        "spins-fig3b",
        "Local Fig. 3(b): C_T^N(T) for N indirect sources, Eq. (C4), omega_T = 1, "
        "theta_j = gamma_j = omega_j = 0.5; curves: dense Gibbs states, dotted: Eq. (C5).",
        {
            "cluster_sizes": (1, 2, 3, 5, 8),
            "omega_t": 1.0,
            "omega_source": 0.5,
            "gamma": 0.5,
            "theta": 0.5,
        },
        lambda o: _by_n(
            o,
            "indirect_n",
            0,
            omega_t=o.omega_t,
            omegas=o.omega_source,
            gammas=o.gamma,
            thetas=o.theta,
        ),
        r"$C_T^N$",
        r"Fig. 3(b): N indirect sources, Eq. (C4), $\omega_T$ = {omega_t:g}, "
        r"$\theta_j=\gamma_j$ = {gamma:g}, $\omega_j$ = {omega_source:g}",
        low_t=False,
        t_high_min=1.5,
    ),
    Entry(
        "spins-fig4",
        "Local Fig. 4: C0^N(T), N sources transferred via a mediator, Eq. (C7), omega0 = 1, "
        "theta = gamma_j = 0.5; curves: dense Gibbs states, markers: Eq. (C9), dotted: Eq. (C8).",
        {
            "cluster_sizes": (1, 2, 3, 5, 7),
            "omega0": 1.0,
            "theta": 0.5,
            "omega1": 0.5,
            "omega_source": 1.3,
            "gamma": 0.5,
        },
        lambda o: _by_n(
            o,
            "transferred_n",
            0,
            omega0=o.omega0,
            theta=o.theta,
            omega1=o.omega1,
            omegas=o.omega_source,
            gammas=o.gamma,
        ),
        r"$C_0^N$",
        r"Fig. 4: Eq. (C7), $\omega_0$ = {omega0:g}, θ = {theta:g}, $\omega_1$ = {omega1:g}, "
        r"$\omega_j$ = {omega_source:g}, $\gamma_j$ = {gamma:g}",
        t_high_min=1.5,
    ),
)

SPECS: tuple[FigureSpec, ...] = tuple(_spec(e) for e in _ENTRIES)
