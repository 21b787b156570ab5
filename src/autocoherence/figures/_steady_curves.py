"""Shared pieces of the steady-state figures, PRA104 Figs. 2(a) and 5(a).

Closed-form curves (Eqs. (8)-(11)), exact-collision dots and the common drawing, used by
:mod:`~autocoherence.figures.collision_fig2a` and :mod:`~autocoherence.figures.collision_fig5a`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import xarray as xr

from autocoherence.collision import CollisionModel, closed_form
from autocoherence.figures._params import check_grid
from autocoherence.spaces import Oscillator, Qubit
from autocoherence.states import cluster_moments, tanh_half

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "DOT_TEMPERATURES",
    "DotRecord",
    "dot_record",
    "dots_variables",
    "draw_steady_state",
    "steady_state_curves",
    "temperature_grid",
]

DOT_TEMPERATURES: tuple[float, ...] = (0.05, 0.3, 0.6, 1.0, 1.5, 2.0, 3.0)
#: Marker of each N's dots (with the curve's shade), in the order of ``cluster_size``.
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "p", "h", "<")

#: One dot: (cluster_size, temperature, unit dim, collisions C, collisions P, closed C, closed P).
DotRecord = tuple[int, float, int, float, float, float, float]


def temperature_grid(t_min: float, t_max: float, n_temperatures: int) -> np.ndarray:
    """Linear grid of bath temperatures k_B T/ω_B for the curves."""
    return check_grid(t_min, t_max, n_temperatures)


def steady_state_curves(
    unit: Qubit | Oscillator,
    cluster_sizes: Sequence[int],
    temperatures: np.ndarray,
    *,
    f1: float,
    f2: float,
    omega: float,
) -> dict[str, Any]:
    """Closed-form C_ss, P_ss over (cluster_size, temperature) and the N ≫ 1 limits.

    C_ss: PRA104 Eq. (3)/(8) with the cluster moments of Eq. (7) (qubit units) or Eq. (18)
    (oscillator units); P_ss = (1 + x² + y² + z²)/2 with the Bloch vector of Eqs. (B7)-(B9);
    limits: Eq. (10) and Eq. (11).

    Returns
    -------
    dict of xarray variable tuples: ``l1_coherence``, ``purity`` (dims cluster_size,
    temperature) and ``l1_coherence_large_n``, ``purity_large_n`` (dim temperature).
    """
    moments = np.array(
        [[cluster_moments(unit, n, float(t)) for t in temperatures] for n in cluster_sizes]
    ).reshape(len(cluster_sizes), len(temperatures), 2)
    a, c = moments[..., 0], moments[..., 1]
    x, y, z = closed_form.steady_state_bloch(f1, f2, omega, a, c)
    coherence = closed_form.steady_state_coherence(f1, f2, omega, a, c)
    purity = closed_form.steady_state_purity(x, y, z)
    polarisation = np.array([tanh_half(unit.omega, float(t)) for t in temperatures])
    dims = ("cluster_size", "temperature")
    return {
        "l1_coherence": (dims, coherence, {"long_name": "C_ss, closed form Eq. (8)"}),
        "purity": (dims, purity, {"long_name": "P_ss, closed form (1 + C^2 + z^2)/2"}),
        "l1_coherence_large_n": (
            "temperature",
            closed_form.steady_state_coherence_large_n(f1, f2, polarisation),
            {"long_name": "C_0 tanh(omega_B/2T), Eq. (10)"},
        ),
        "purity_large_n": (
            "temperature",
            closed_form.purity_large_n(f1, f2, polarisation),
            {"long_name": "P_ss for N >> 1, Eq. (11)"},
        ),
    }


def dots_variables(records: Sequence[DotRecord]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Data variables and coordinates of the dots, on a flat ``dot`` dimension.

    Each dot carries its cluster size and temperature as coordinates, so figures whose dots
    cover different temperatures for different N (no NaN padding) share one layout.
    """
    cols = list(zip(*records, strict=True)) if records else [()] * 7
    n, t, dim, c, p, c_cf, p_cf = (np.asarray(col) for col in cols)
    coords = {
        "dot_cluster_size": ("dot", n.astype(int)),
        "dot_temperature": ("dot", t.astype(float)),
    }
    data = {
        "dot_l1_coherence": ("dot", c.astype(float), {"long_name": "C_ss, exact collisions"}),
        "dot_purity": ("dot", p.astype(float), {"long_name": "P_ss, exact collisions"}),
        "dot_closed_form_l1_coherence": (
            "dot",
            c_cf.astype(float),
            {"long_name": "C_ss, closed form at the dot's (N, T)"},
        ),
        "dot_closed_form_purity": (
            "dot",
            p_cf.astype(float),
            {"long_name": "P_ss, closed form at the dot's (N, T)"},
        ),
        "dot_unit_dim": ("dot", dim.astype(int), {"long_name": "dimension of one bath unit"}),
    }
    return data, coords


def dot_record(model: CollisionModel) -> DotRecord:
    """Steady state of ``model`` by exact collisions beside its closed form."""
    exact = model.steady_state(method="collisions")
    ref = model.steady_state(method="closed_form")
    return (
        model.cluster_size,
        model.temperature,
        model.unit.dim,
        exact.l1_coherence,
        exact.purity,
        ref.l1_coherence,
        ref.purity,
    )


def draw_steady_state(
    ds: xr.Dataset,
    *,
    colormap: str,
    dot_color: str,
    purity_color: str,
) -> Figure:
    """C_ss(T) per N with the N ≫ 1 limit and dots; inset P_ss(T) (Fig. 2(a) and 5(a) layout).

    The inset shows the purity of the N listed in ``ds.attrs["inset_cluster_sizes"]``.

    Parameters
    ----------
    ds : xarray.Dataset
        Output of :func:`compute` or of ``collision_fig5a.compute``.
    colormap : str
        Matplotlib colormap whose shades tell the N apart (darker: larger N).
    dot_color : str
        Edge colour of the exact-collision dots (filled with their N's shade, one marker per N).
    purity_color : str
        Colour of the inset (curves and dots).
    """
    from matplotlib import colormaps  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415
    from matplotlib.lines import Line2D  # noqa: PLC0415

    sizes = [int(n) for n in ds.cluster_size.values]
    wanted = np.atleast_1d(ds.attrs.get("inset_cluster_sizes", sizes))  # netCDF: 1 -> scalar
    inset_n = [n for n in sizes if n in wanted]
    shades = colormaps[colormap](np.linspace(0.45, 0.95, max(len(sizes), 1)))
    T = ds.temperature.values
    dot_n = ds.dot_cluster_size.values
    dot_t = ds.dot_temperature.values
    dot_c = ds.dot_l1_coherence.values

    fig = Figure(figsize=(7.4, 4.4))
    ax = fig.subplots()
    handles = []
    for k, (n, shade) in enumerate(zip(sizes, shades, strict=True)):
        marker = _MARKERS[k % len(_MARKERS)]
        dot_style = {"marker": marker, "mfc": shade, "mec": dot_color, "mew": 1.1, "ms": 5.5}
        ax.plot(T, ds.l1_coherence.sel(cluster_size=n), color=shade, lw=1.8)
        mine = dot_n == n
        ax.plot(dot_t[mine], dot_c[mine], ls="none", zorder=4, clip_on=False, **dot_style)
        handles.append(Line2D([], [], color=shade, lw=1.8, label=f"N = {n}", **dot_style))
    (large_n,) = ax.plot(
        T, ds.l1_coherence_large_n, "--", color=shades[-1], lw=1.5, label=r"$N\gg1$, Eq. (10)"
    )
    handles += [
        large_n,
        Line2D(
            [], [], color="0.3", lw=1.8, label=f"closed form, {ds.attrs.get('curve_eq', 'Eq. (8)')}"
        ),
        Line2D(
            [],
            [],
            ls="none",
            marker="o",
            mfc="0.85",
            mec=dot_color,
            mew=1.1,
            ms=5.5,
            label=rf"collisions, $\tau$ = {ds.attrs['tau']:g}",
        ),
    ]
    # the axis holds every curve and every dot (large N and large tau put dots above C0)
    top = max(
        float(ds.l1_coherence.max()),
        float(ds.l1_coherence_large_n.max()),
        float(np.max(dot_c, initial=0.0)),
    )
    ax.set_xlim(0, T.max())
    ax.set_ylim(0, max(0.75, 1.06 * top))
    ax.set_xlabel(r"$k_B T/\hbar\omega_B$")
    ax.set_ylabel(r"$\mathcal{C}_{ss}$")
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)

    inset = ax.inset_axes((0.52, 0.5, 0.45, 0.46))
    for n in inset_n:
        inset.plot(T, ds.purity.sel(cluster_size=n), color=purity_color, lw=1.3)
        inset.annotate(
            f"N={n}",
            (T[len(T) // 12], float(ds.purity.sel(cluster_size=n)[len(T) // 12])),
            fontsize="x-small",
            color=purity_color,
            xytext=(2, 2),
            textcoords="offset points",
        )
    inset.plot(T, ds.purity_large_n, "--", color=purity_color, lw=1.2)
    in_inset = np.isin(dot_n, inset_n)
    inset.plot(
        dot_t[in_inset],
        ds.dot_purity.values[in_inset],
        "o",
        color=purity_color,
        ms=3,
        clip_on=False,
    )
    inset.set_xlim(0, T.max())
    inset.set_ylim(0.48, 1.0)
    inset.set_xlabel(r"$k_B T/\hbar\omega_B$")
    inset.set_ylabel(r"$\mathcal{P}_{ss}$")
    inset.tick_params(labelsize="small")
    fig.tight_layout()
    return fig
