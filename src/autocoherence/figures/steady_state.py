"""PRA104 Figs. 2(a) and 5(a): steady-state coherence and purity of a qubit vs bath temperature.

The target meets clusters of N qubits (Fig. 2(a)) or N harmonic oscillators (Fig. 5(a));
ω = ω_B = 1, f2 = 0.6, f1 = f2/√2 (maximising C₀), the RWA coupling Eq. (6)/(17). Solid: C_ss
of the closed form, a sweep over (N, T) (Eq. (8) with the moments Eq. (7), or Eqs. (3)-(5) with
the bosonic moments Eq. (18)); inset P_ss = (1 + x² + y² + z²)/2, Eqs. (B7)-(B9). Dashed: the
N ≫ 1 limits Eqs. (10), (11). Dots: exact repeated collisions (App. A) at τ = 0.051, the fixed
point of one collision (total-spin sectors for qubits, one collective mode of coupling √N·f for
oscillators), filled with their N's shade (red edge, a marker per N), blue in the inset. Where
the captions are silent: 0.01 ≤ k_B T/ω_B ≤ 3 (300 points), dots at {0.05, 0.3, 0.6, 1, 1.5, 2,
3} for every N (the paper's Fig. 5(a) has none: they are the check it makes in Fig. 2(a)).

* Fig. 2(a): inset N = 1, 2 (the caption). At T → 0 P_ss is not monotonic in N (0.951 at N = 1,
  0.867 near N = 5, 0.875 for N ≫ 1): for 3 ≲ N ≲ 15 it lies slightly below the dashed limit.
  Dots above the curves by at most 7.6e-4, 3.7e-3, 5.8e-3, 9.9e-3 for N = 1, 2, 3, 8 (O(τ):
  halving τ halves them); for large N the gap grows with N f² τ and the dots rise above
  C₀ tanh(ω_B/2T) (``beyond-me``, docs/collision.md).
* Fig. 5(a): inset N = 1. Each dot's Fock dimension (``dot_unit_dim``) is the smallest from
  :func:`~autocoherence.states.fock_dimension` upward that passes the thermal-tail and leakage
  checks at ``truncation_tol`` = 1e-6 (far below the O(τ) ≈ 2e-3 gap); a dot needing
  2·dim > ``max_dense_dim`` is skipped (``attrs["dots_skipped"]``). Dots above the curves by at
  most 2.0e-3, 5.5e-3, 7.7e-3, 1.2e-2 for N = 1, 2, 3, 8.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import xarray as xr

from autocoherence._checks import check_choice
from autocoherence.collision import closed_form
from autocoherence.figures._data import fock_search, grid_data, variant
from autocoherence.figures._params import check_grid, describe, validate
from autocoherence.figures.base import FigureSpec
from autocoherence.states import tanh_half
from autocoherence.sweeps import CollisionFamily

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["DOT_TEMPERATURES", "SPECS", "compute", "draw", "pra104_attrs", "pra104_family"]

DOT_TEMPERATURES: tuple[float, ...] = (0.05, 0.3, 0.6, 1.0, 1.5, 2.0, 3.0)
_MARKERS = "os^DvPXph<"  # of each N's dots
_CP = ("l1_coherence", "purity")
_RECORDED = ("omega", "omega_b", "tau", "temperature", "z0", "cluster_size", "inset_cluster_sizes")
#: Per unit: figure, curves' equation (legend and long_name), all the curves' equations.
_UNITS = {
    "qubit": ("2(a)", "Eq. (8)", "Eq. (8), (B9)"),
    "oscillator": ("5(a)", "Eqs. (3), (18)", "Eq. (3)-(5) with moments Eq. (18)"),
}


def pra104_family(options: dict[str, Any], **more: Any) -> CollisionFamily:
    """The family of a PRA104 figure: its options that are family parameters, f1 = f2/√2, more."""
    names = CollisionFamily().parameters()
    fixed = {name: value for name, value in options.items() if name in names}
    return CollisionFamily(**fixed | {"f1": options["f2"] / math.sqrt(2)} | more)


def pra104_attrs(fig: str, unit: str, options: dict[str, Any], **more: Any) -> dict[str, Any]:
    """What every PRA104 figure records: paper, spaces, coupling, _RECORDED options, ``more``."""
    f2 = options["f2"]
    return {
        "paper": f"Roman-Ancheyta et al., PRA 104, 062209 (2021), Fig. {fig}",
        "target": f"Qubit(omega={options['omega']})",
        "unit": unit,
        "coupling": f"Composite(f1=f2/sqrt(2), f2={f2}, rwa={more.pop('rwa', True)})",
        "f1": f2 / math.sqrt(2),
        "f2": f2,
        **{name: options[name] for name in _RECORDED if name in options},
        **more,
    }


def compute(
    cluster_sizes: Sequence[int] = (1, 2, 3, 8),
    *,
    unit: str = "qubit",
    tau: float = 0.051,
    f2: float = 0.6,
    omega: float = 1.0,
    omega_b: float = 1.0,
    t_min: float = 0.01,
    t_max: float = 3.0,
    n_temperatures: int = 300,
    dot_temperatures: Sequence[float] = DOT_TEMPERATURES,
    truncation_tol: float = 1e-6,
    max_dense_dim: int = 1024,
    inset_cluster_sizes: Sequence[int] = (1, 2),
) -> xr.Dataset:
    """Data of PRA104 Fig. 2(a) (``unit="qubit"``) or Fig. 5(a) (``unit="oscillator"``).

    Parameters
    ----------
    cluster_sizes : sequence of int
        N of each curve.
    unit : {"qubit", "oscillator"}, keyword-only
        Bath units (fixed by each table entry).
    tau : float, keyword-only
        Collision duration of the exact-collision dots.
    f2 : float, keyword-only
        Orthogonal coupling; f1 = f2/√2 (the caption's choice, maximising C₀).
    omega, omega_b : float, keyword-only
        Target and bath-unit frequencies.
    t_min, t_max, n_temperatures : keyword-only
        Temperature grid of the curves.
    dot_temperatures : sequence of float, keyword-only
        Temperatures of the exact-collision dots (empty: no dots).
    truncation_tol, max_dense_dim : keyword-only
        Oscillator units: truncation tolerance of the dots' Fock spaces; the largest target ⊗
        collective-mode dimension 2·dim for which a dot is computed.
    inset_cluster_sizes : sequence of int, keyword-only
        The N whose purity the inset draws (stored in ``attrs``; the data hold every N).

    Returns
    -------
    xarray.Dataset
        ``l1_coherence``, ``purity`` over (cluster_size, temperature); ``*_large_n`` over
        temperature; over ``dot`` (coordinates ``dot_cluster_size``, ``dot_temperature``):
        ``dot_l1_coherence``, ``dot_purity``, the closed form ``dot_closed_form_*`` at the
        dot and ``dot_unit_dim``.

    Examples
    --------
    >>> ds = compute((1, 8), n_temperatures=3, dot_temperatures=())
    >>> ds.l1_coherence.sel(cluster_size=[1, 8]).isel(temperature=0).values.round(4)
    array([0.2422, 0.6718])
    >>> ds = compute((1,), unit="oscillator", t_min=0.5, n_temperatures=2, dot_temperatures=(0.5,))
    >>> ds.l1_coherence.values.round(4), ds.dot_unit_dim.values
    (array([[0.2337, 0.1071]]), array([9]))
    """
    o = validate(compute, locals())
    fig, eq, curves = _UNITS[check_choice(unit, "unit", tuple(_UNITS))]
    oscillator, f1 = unit == "oscillator", f2 / math.sqrt(2)
    family = pra104_family(o, truncation_tol=truncation_tol if oscillator else None)
    temperatures = check_grid(t_min, t_max, n_temperatures)
    grid = {"cluster_size": o["cluster_sizes"], "temperature": temperatures}
    ds = grid_data(family, grid, _CP, method="closed_form")
    ds.l1_coherence.attrs["long_name"] = f"C_ss, closed form {eq}"
    ds.purity.attrs["long_name"] = "P_ss, closed form (1 + C^2 + z^2)/2"
    p = np.array([tanh_half(omega_b, float(t)) for t in temperatures])
    limits = (closed_form.steady_state_coherence_large_n, closed_form.purity_large_n)
    long_names = ("C_0 tanh(omega_B/2T), Eq. (10)", "P_ss for N >> 1, Eq. (11)")
    for q, limit, long_name in zip(_CP, limits, long_names, strict=True):
        ds[f"{q}_large_n"] = ("temperature", limit(f1, f2, p), {"long_name": long_name})

    def model(n: int, t: float, dim: int) -> Any:
        return family(cluster_size=n, temperature=t, unit_dim=dim)

    def fock_dim(n: int, t: float) -> int | None:  # qubits: 2; None: the dot is skipped
        def attempt(dim: int) -> Any:
            return model(n, t, dim).steady_state("collisions")

        search = {"omega": omega_b, "temperature": t, "tail_tol": truncation_tol}
        found = fock_search(attempt, stop=max_dense_dim // 2, **search) if oscillator else (2,)
        return None if found is None else found[0]

    points = [(n, t, fock_dim(n, t)) for n in o["cluster_sizes"] for t in o["dot_temperatures"]]
    dots = [(n, t, dim) for n, t, dim in points if dim is not None]
    for route, prefix in (("collisions", "dot_"), ("closed_form", "dot_closed_form_")):
        if dots:  # C and P at each dot's model, flat over ``dot``
            grid = {"dot": np.arange(len(dots))}
            data = grid_data(lambda dot: model(*dots[dot]), grid, _CP, method=route, prefix=prefix)
            ds = ds.merge(data.drop_vars("dot"))
        else:
            ds = ds.assign({f"{prefix}{q}": ("dot", []) for q in _CP})
    n, t, dim = np.array(dots, dtype=float).reshape(-1, 3).T
    ds = ds.assign_coords(dot_cluster_size=("dot", n.astype(int)), dot_temperature=("dot", t))
    ds["dot_unit_dim"] = ("dot", dim.astype(int))
    ds.attrs = pra104_attrs(
        fig,
        f"Qubit(omega={omega_b})",
        o,
        curves=f"closed form {curves}; dashed Eq. (10), (11)",
        dots="exact repeated collisions (App. A), fixed point of one collision",
    )
    if oscillator:
        skipped = [f"N={n}, T={t:g}" for n, t, dim in points if dim is None]
        above = f"dimension 2*dim above {max_dense_dim}: "
        ds.attrs |= {
            "unit": f"Oscillator(omega={omega_b}, dim=...) (dots: dim in dot_unit_dim)",
            "dots": "exact repeated collisions (App. A) on truncated Fock spaces",
            "truncation_tol": truncation_tol,
            "max_dense_dim": max_dense_dim,
            "curve_eq": eq,
            "dots_skipped": above + "; ".join(skipped) if skipped else "none",
        }
    return describe(ds)


def draw(ds: xr.Dataset, *, colormap: str = "Greens") -> Figure:
    """C_ss(T) per N with the N ≫ 1 limit and the dots; inset P_ss(T) of the inset's N.

    Examples
    --------
    >>> fig = draw(compute((1, 8), n_temperatures=3, dot_temperatures=()))
    >>> len(fig.axes) >= 1
    True
    """
    from matplotlib import colormaps  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415
    from matplotlib.lines import Line2D  # noqa: PLC0415

    sizes = [int(n) for n in ds.cluster_size.values]
    wanted = np.atleast_1d(ds.attrs.get("inset_cluster_sizes", sizes))  # netCDF: 1 -> scalar
    inset_sizes = [n for n in sizes if n in wanted]
    shades = colormaps[colormap](np.linspace(0.45, 0.95, max(len(sizes), 1)))
    T, dot_n, dot_t = ds.temperature.values, ds.dot_cluster_size.values, ds.dot_temperature.values
    dot_c = ds.dot_l1_coherence.values
    red: dict[str, Any] = {"mec": "tab:red", "mew": 1.1, "ms": 5.5}
    fig = Figure(figsize=(7.4, 4.4))
    ax = fig.subplots()
    handles = []
    for k, (n, shade) in enumerate(zip(sizes, shades, strict=True)):
        style = {"marker": _MARKERS[k % len(_MARKERS)], "mfc": shade} | red
        ax.plot(T, ds.l1_coherence.sel(cluster_size=n), color=shade, lw=1.8)
        ax.plot(dot_t[dot_n == n], dot_c[dot_n == n], ls="none", zorder=4, clip_on=False, **style)
        handles.append(Line2D([], [], color=shade, lw=1.8, label=f"N = {n}", **style))
    large_n = r"$N\gg1$, Eq. (10)"
    handles += ax.plot(T, ds.l1_coherence_large_n, "--", color=shades[-1], lw=1.5, label=large_n)
    eq, dots = ds.attrs.get("curve_eq", "Eq. (8)"), rf"collisions, $\tau$ = {ds.attrs['tau']:g}"
    handles.append(Line2D([], [], color="0.3", lw=1.8, label=f"closed form, {eq}"))
    handles.append(Line2D([], [], ls="none", marker="o", mfc="0.85", label=dots, **red))
    # the axis holds every curve and every dot (large N and large tau put dots above C0)
    top = max(ds.l1_coherence.max(), ds.l1_coherence_large_n.max(), np.max(dot_c, initial=0.0))
    xlabel = r"$k_B T/\hbar\omega_B$"
    ylim = (0, max(0.75, 1.06 * float(top)))
    ax.set(xlim=(0, T.max()), ylim=ylim, xlabel=xlabel, ylabel=r"$\mathcal{C}_{ss}$")
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    inset, k = ax.inset_axes((0.52, 0.5, 0.45, 0.46)), len(T) // 12
    note: dict[str, Any] = {"fontsize": "x-small", "xytext": (2, 2), "textcoords": "offset points"}
    for n in inset_sizes:
        purity = ds.purity.sel(cluster_size=n)
        inset.plot(T, purity, color="tab:blue", lw=1.3)
        inset.annotate(f"N={n}", (T[k], float(purity[k])), color="tab:blue", **note)
    inset.plot(T, ds.purity_large_n, "--", color="tab:blue", lw=1.2)
    mine = np.isin(dot_n, inset_sizes)
    inset.plot(dot_t[mine], ds.dot_purity.values[mine], "o", color="tab:blue", ms=3, clip_on=False)
    inset.set(xlim=(0, T.max()), ylim=(0.48, 1.0), xlabel=xlabel, ylabel=r"$\mathcal{P}_{ss}$")
    inset.tick_params(labelsize="small")
    fig.tight_layout()
    return fig


SPECS = (
    FigureSpec(
        "collision-fig2a",
        "PRA104 Fig. 2(a): steady-state coherence (inset: purity) of a qubit colliding with "
        "clusters of N qubits vs temperature; curves: closed form Eq. (8), dashed: N >> 1 "
        "Eqs. (10)-(11), dots: exact collisions at tau = 0.051.",
        variant(compute, unit="qubit", truncation_tol=1e-6, max_dense_dim=1024),
        draw,
    ),
    FigureSpec(
        "collision-fig5a",
        "PRA104 Fig. 5(a): steady-state coherence (inset: purity) of a qubit colliding with "
        "clusters of N harmonic oscillators vs temperature; curves: closed form with the "
        "bosonic moments Eq. (18), dashed: N >> 1 Eqs. (10)-(11), dots: exact collisions at "
        "tau = 0.051 where the truncated dense space is small.",
        variant(compute, unit="oscillator", defaults={"inset_cluster_sizes": (1,)}),
        functools.partial(draw, colormap="Greys"),
    ),
)
