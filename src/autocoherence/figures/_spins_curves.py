"""Shared data layout and drawing of the spin-network figures (paper 2, "Local").

Every spins figure is a set of C(T) curves, one per parameter set. Each curve has

* ``l1_coherence`` over ``temperature``: the closed form valid at every T where one exists
  (Local Eq. (6), or its N-source generalisation), otherwise the dense Gibbs state on the
  whole grid (one diagonalisation per curve, :meth:`SpinNetwork.local_coherence`);
* ``dot_l1_coherence`` over ``dot_temperature``: dense Gibbs states computed point by point
  (full τ, partial trace), for curves drawn from a closed form;
* ``low_t_closed_form``: the T -> 0 closed form (drawn as a marker at T = 0);
* ``high_t_closed_form`` over ``t_high``: the high-T asymptote (drawn dotted).

Curve metadata (label, colour, line style, route, parameters) are coordinates on ``curve``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import xarray as xr

from autocoherence.figures._params import check_grid
from autocoherence.spins import SpinNetwork

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["Curve", "build_dataset", "draw_curves", "temperature_grid"]


@dataclass(frozen=True)
class Curve:
    """One curve of a spins figure: the model, the site, and the closed forms that apply."""

    label: str
    color: str
    linestyle: str
    network: SpinNetwork
    site: int
    params: dict[str, float]
    exact: Callable[[np.ndarray], np.ndarray] | None = None
    exact_route: str = ""
    low_t: float | None = None
    high_t: Callable[[np.ndarray], np.ndarray] | None = None
    extra: dict[str, float] = field(default_factory=dict)


def temperature_grid(t_max: float, n_temperatures: int) -> np.ndarray:
    """Linear grid 0 <= T <= t_max (T = 0 included: the Gibbs route handles it exactly)."""
    return check_grid(0.0, t_max, n_temperatures)


def build_dataset(
    curves: Sequence[Curve],
    temperatures: np.ndarray,
    dot_temperatures: Sequence[float],
    t_high: np.ndarray,
    attrs: dict[str, object],
) -> xr.Dataset:
    """Evaluate every curve into the common layout (module docstring)."""
    n_c = len(curves)
    dots_t = np.asarray(dot_temperatures, dtype=float)
    coh = np.empty((n_c, temperatures.size))
    dots = np.full((n_c, dots_t.size), np.nan)
    low = np.full(n_c, np.nan)
    high = np.full((n_c, t_high.size), np.nan)
    routes = []
    for i, c in enumerate(curves):
        if c.exact is not None:
            coh[i] = c.exact(temperatures)
            routes.append(c.exact_route)
            dots[i] = [
                c.network.gibbs(float(t), method="dense").l1_coherence(c.site) for t in dots_t
            ]
        else:
            coh[i] = c.network.local_coherence(c.site, temperatures, method="dense")
            routes.append("dense Gibbs state (one diagonalisation, all T)")
        if c.low_t is not None:
            low[i] = c.low_t
        if c.high_t is not None:
            high[i] = c.high_t(t_high)
    keys = sorted({k for c in curves for k in c.params})
    param_coords = {
        k: ("curve", np.array([c.params.get(k, np.nan) for c in curves], dtype=float)) for k in keys
    }
    data = {
        "l1_coherence": (
            ("curve", "temperature"),
            coh,
            {"long_name": "local l1 coherence C(T) (route: curve_route)"},
        ),
        "dot_l1_coherence": (
            ("curve", "dot_temperature"),
            dots,
            {"long_name": "dense Gibbs state, point by point (NaN: curve is itself dense)"},
        ),
        "low_t_closed_form": (
            "curve",
            low,
            {"long_name": "T -> 0 closed form (NaN: none drawn)"},
        ),
        "high_t_closed_form": (
            ("curve", "t_high"),
            high,
            {"long_name": "high-T asymptote (NaN: none drawn)"},
        ),
    }
    coords = {
        "curve": np.arange(n_c),
        "temperature": temperatures,
        "dot_temperature": dots_t,
        "t_high": t_high,
        "label": ("curve", [c.label for c in curves]),
        "color": ("curve", [c.color for c in curves]),
        "linestyle": ("curve", [c.linestyle for c in curves]),
        "curve_route": ("curve", routes),
        "site": ("curve", np.array([c.site for c in curves], dtype=int)),
        **param_coords,
    }
    return xr.Dataset(data, coords=coords, attrs=attrs)


def draw_curves(
    ds: xr.Dataset,
    *,
    ylabel: str,
    title: str = "",
    annotate: Sequence[str] = (),
    figsize: tuple[float, float] = (7.6, 4.2),
) -> Figure:
    """C(T) curves, dots, T -> 0 markers and dotted high-T asymptotes of one spins figure."""
    from matplotlib.figure import Figure  # noqa: PLC0415
    from matplotlib.lines import Line2D  # noqa: PLC0415

    fig = Figure(figsize=figsize)
    ax = fig.subplots()
    temps = ds.temperature.values
    for i in range(ds.sizes["curve"]):
        c = ds.isel(curve=i)
        color, ls = str(c.color.values), str(c.linestyle.values)
        ax.plot(temps, c.l1_coherence, color=color, ls=ls, lw=1.8, label=str(c.label.values))
        if np.any(np.isfinite(c.dot_l1_coherence.values)):
            ax.plot(ds.dot_temperature, c.dot_l1_coherence, "o", color=color, ms=4)
        if np.isfinite(float(c.low_t_closed_form)):
            ax.plot(
                [0.0],
                [float(c.low_t_closed_form)],
                ">",
                color=color,
                ms=7,
                clip_on=False,
                mfc="none",
            )
        if np.any(np.isfinite(c.high_t_closed_form.values)):
            ax.plot(ds.t_high, c.high_t_closed_form, ":", color=color, lw=1.2)
    ax.set_xlim(0, temps.max())
    ax.set_ylim(0, None)
    ax.set_xlabel(r"$k_B T$ (units of $\hbar\omega$)")
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    handles, _ = ax.get_legend_handles_labels()
    grey = "0.35"
    if np.any(np.isfinite(ds.dot_l1_coherence.values)):
        handles.append(
            Line2D([], [], color=grey, marker="o", ls="none", ms=4, label="dense Gibbs (dots)")
        )
    if np.any(np.isfinite(ds.low_t_closed_form.values)):
        handles.append(
            Line2D([], [], color=grey, marker=">", mfc="none", ls="none", label="T→0 closed form")
        )
    if np.any(np.isfinite(ds.high_t_closed_form.values)):
        handles.append(Line2D([], [], color=grey, ls=":", label="high-T asymptote"))
    legend = ax.legend(handles=handles, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    box = legend.get_window_extent().transformed(ax.transAxes.inverted())
    for k, text in enumerate(annotate):  # under the legend, off the curves
        ax.text(box.x0 + 0.02, box.y0 - 0.03 - 0.06 * k, text, transform=ax.transAxes, va="top")
    fig.tight_layout()
    return fig


#: Fig. 2(a)-(c) share their curves: colour <-> coupling γ (= θ), line style <-> the varied
#: frequency (ω2 in (a), ω1 in (b), (c)); the caption fixes red solid = 0.5 in (a) and red
#: dashed = 1.3 in (c), the rest is our choice.
FIG2_GAMMAS: tuple[float, ...] = (0.5, 1.0, 2.0)
FIG2_FREQUENCIES: tuple[float, ...] = (0.5, 1.3)
FIG2_DOT_TEMPERATURES: tuple[float, ...] = (0.1, 0.3, 0.6, 1.0, 1.5)
_COLORS = ("tab:red", "tab:blue", "tab:green", "tab:purple", "tab:orange", "tab:brown")
_STYLES = ("-", "--", "-.", ":")


def fig2_cases(
    gammas: Sequence[float], frequencies: Sequence[float]
) -> list[tuple[float, float, str, str]]:
    """(γ, varied frequency, colour, line style) of every Fig. 2 curve."""
    return [
        (float(g), float(w), _COLORS[i % len(_COLORS)], _STYLES[j % len(_STYLES)])
        for i, g in enumerate(gammas)
        for j, w in enumerate(frequencies)
    ]


def n_cases(cluster_sizes: Sequence[int], red_last: bool = True) -> list[tuple[int, str]]:
    """(N, colour) of N-ancilla curves; the largest N is red as in Figs. 3(b), 4."""
    sizes = [int(n) for n in cluster_sizes]
    others = ("tab:blue", "tab:green", "tab:purple", "tab:orange", "tab:brown", "tab:olive")
    out = []
    for k, n in enumerate(sizes):
        red = red_last and n == max(sizes)
        out.append((n, "tab:red" if red else others[k % len(others)]))
    return out
