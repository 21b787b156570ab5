"""beyond-me: exact collision steady states for up to 1000 bath qubits vs the master equation.

PRA104 draws exact-collision dots only to N = 8 (Fig. 2(a)) and takes its large-N value
C₀ tanh(βω_B/2) (Eq. (10)) from the τ → 0 master equation. Here the markers joined by lines
are C_ss (left) and P_ss (right) of the fixed point of the exact one-collision channel
(App. A, Eq. (A1); ``method="collisions"``, reduced by total spin, pruning bound ≤ 1e-10)
for τ ∈ {0.005, 0.051, 0.2} (colours) at k_B T/ω_B = 0.1 and 0.5 (solid, dashed); thin grey
lines the master equation's finite-N closed form, Eq. (8) and (B7)-(B9); black dotted lines
the N ≫ 1 values Eq. (10), (11). ω = ω_B = 1, f2 = 0.6, f1 = f2/√2 (C₀ = 1/√2, its largest).

Each τ has its own cluster sizes (:func:`cluster_grid`), log-spaced in the collision strength
N f² τ, 10 per decade below 2 and 24 above, up to N = 1000 or N f² τ = 8: τ = 0.005 reaches
N = 1000 (N f² τ = 1.8), τ = 0.051 N = 435, τ = 0.2 N = 111.

What it shows (T = 0.1): while N f² τ is small the collisions follow the master equation,
their first correction raising C_ss by about 8·N f² τ per cent. C_ss passes C₀ = 0.7071 at
N f² τ ≈ 0.05-0.24, peaks at 0.811 (P_ss = 0.994) near N f² τ ≈ 2.8, falls below C₀ at
≈ 4.3, collapses to nearly 0 near 5.5-6.3 (one collision is a collective rotation by
≈ √(N f² τ)) and recovers to ≈ 0.8 by 11. Against N f² τ (``collision_strength``) the three τ
nearly coincide. See ``docs/collision.md``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import xarray as xr

from autocoherence.collision import closed_form as cf
from autocoherence.errors import ParameterError
from autocoherence.figures._data import grid_data
from autocoherence.figures._params import describe, validate
from autocoherence.figures.base import FigureSpec
from autocoherence.states import tanh_half

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["DENSE_FROM", "SPEC", "cluster_grid", "compute", "draw"]

#: N f² τ above which the grid is dense (peak near 2.8, dip near 5.5-6.3, recovery beyond).
DENSE_FROM: float = 2.0


def cluster_grid(
    tau: float,
    f2: float,
    *,
    max_cluster_size: int = 1000,
    max_collision_strength: float = 8.0,
    points_per_decade: int = 10,
    dense_points_per_decade: int = 24,
) -> list[int]:
    """N = 1 ... (``max_cluster_size`` or N f² τ = ``max_collision_strength``), log-spaced in
    N f² τ, ``dense_points_per_decade`` above ``DENSE_FROM``.

    Examples
    --------
    >>> cluster_grid(0.2, 0.6, points_per_decade=2, dense_points_per_decade=4)
    [1, 3, 9, 28, 44, 70, 111]
    """
    unit = f2**2 * tau
    top = min(max_cluster_size * unit, max_collision_strength)
    parts = [(unit, min(DENSE_FROM, top), points_per_decade)]
    parts.append((DENSE_FROM, top, dense_points_per_decade))
    strengths = [
        np.logspace(math.log10(lo), math.log10(hi), max(2, math.ceil(math.log10(hi / lo) * k) + 1))
        for lo, hi, k in parts
        if hi > lo
    ]
    sizes = np.clip(np.rint(np.concatenate(strengths) / unit).astype(int), 1, max_cluster_size)
    return sorted(set(sizes.tolist()))


def compute(
    cluster_sizes: Sequence[int] = (),
    *,
    taus: Sequence[float] = (0.005, 0.051, 0.2),
    temperatures: Sequence[float] = (0.1, 0.5),
    f2: float = 0.6,
    omega: float = 1.0,
    omega_b: float = 1.0,
    max_cluster_size: int = 1000,
    max_collision_strength: float = 8.0,
) -> xr.Dataset:
    """Exact-collision C_ss, P_ss against N beside the master equation (f1 = f2/√2).

    ``cluster_sizes``: N of every τ; empty: :func:`cluster_grid` per τ (up to
    ``max_cluster_size`` or N f² τ = ``max_collision_strength``). Returns ``l1_coherence``,
    ``purity``, ``error_bound`` (on ‖ρ - ρ_exact‖_F) over (tau, temperature, cluster_size)
    (NaN off a τ's grid), ``master_equation_*`` over (temperature, cluster_size),
    ``*_large_n`` over temperature and ``collision_strength`` N f² τ over (tau, cluster_size).

    Examples
    --------
    >>> compute((1, 50), taus=(0.051,), temperatures=(0.1,)).l1_coherence.values.round(4)
    array([[[0.243 , 0.7553]]])
    """
    from autocoherence.sweeps import CollisionFamily  # noqa: PLC0415  (figures sit above sweeps)

    o = validate(compute, locals())
    taus, temps, f2, omega_b = o["taus"], o["temperatures"], o["f2"], o["omega_b"]
    if not temps:
        raise ParameterError(f"temperatures must hold at least one value, got {temperatures!r}")
    limits = {k: o[k] for k in ("max_cluster_size", "max_collision_strength")}
    grids = {tau: o["cluster_sizes"] or cluster_grid(tau, f2, **limits) for tau in taus}
    sizes = sorted({n for grid in grids.values() for n in grid})
    f1, both = f2 / math.sqrt(2), ["l1_coherence", "purity"]
    fixed = {"f1": f1, "f2": f2, "omega": o["omega"], "omega_b": omega_b}

    def exact(tau: float) -> xr.Dataset:  # N outermost: one N's temperatures share propagators
        grid = {"cluster_size": grids[tau], "temperature": temps}
        fam, names = CollisionFamily(**fixed, tau=tau), [*both, "error_bound"]
        return grid_data(fam, grid, names, method="collisions").expand_dims(tau=[tau])

    ds = xr.concat([exact(tau) for tau in taus], "tau", join="outer").reindex(cluster_size=sizes)
    grid = {"temperature": temps, "cluster_size": sizes}
    me = grid_data(
        CollisionFamily(**fixed), grid, both, method="closed_form", prefix="master_equation_"
    )
    ds = xr.merge([ds.transpose("tau", "temperature", ...), me]).drop_attrs()  # units: describe
    p = np.array([tanh_half(omega_b, t) for t in temps])
    ds["l1_coherence_large_n"] = (
        "temperature",
        cf.steady_state_coherence_large_n(f1, f2, p),
    )  # (10)
    ds["purity_large_n"] = ("temperature", cf.purity_large_n(f1, f2, p))  # Eq. (11)
    ds["collision_strength"] = (("tau", "cluster_size"), np.outer(taus, sizes) * f2**2)
    ds.attrs = {
        "paper": "beyond Roman-Ancheyta et al., PRA 104, 062209 (2021), Fig. 2(a)",
        **fixed,
        "coupling": "Composite(f1=f2/sqrt(2), f2, rwa=True), qubit target and units",
        "points": "exact repeated collisions (App. A), reduced by total spin",
        "curves": "master equation: Eq. (8), (B7)-(B9) (finite N), Eq. (10), (11) (N >> 1)",
    }
    return describe(ds)


def draw(ds: xr.Dataset) -> Figure:
    """C_ss and P_ss against N (log axis) for each τ and T, beside the master equation."""
    from matplotlib import colormaps  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    sizes = ds.cluster_size.values
    colors = colormaps["tab10"](np.arange(ds.sizes["tau"]) % 10)
    styles, dot = ["-", "--", ":", "-."], {"marker": "o", "ms": 2.5, "lw": 1.1}
    fig = Figure(figsize=(7.8, 4.5))
    axes = fig.subplots(1, 2)
    panels = [("l1_coherence", r"$\mathcal{C}_{ss}$", "(8)", "(10)")]
    panels.append(("purity", r"$\mathcal{P}_{ss}$", "(B9)", "(11)"))
    for ax, (var, label, me_eq, eq) in zip(axes, panels, strict=True):
        for b, temp in enumerate(ds.temperature.values):
            ls = styles[b % len(styles)]
            ax.plot(sizes, ds[f"master_equation_{var}"][b], ls, color="0.25", lw=0.9, zorder=3)
            ax.axhline(float(ds[f"{var}_large_n"][b]), color="k", ls=":", lw=1)
            for a, tau in enumerate(ds.tau.values):
                values = ds[var].values[a, b]
                mine = np.isfinite(values)  # each τ has its own grid (NaN elsewhere)
                label_ = rf"$\tau$ = {tau:g}, $k_BT$ = {temp:g}"
                ax.plot(sizes[mine], values[mine], ls, color=colors[a], label=label_, **dot)
        ax.plot([], [], color="0.25", lw=0.9, label=f"master equation, Eq. {me_eq}")
        ax.plot([], [], "k:", label=f"$N\\gg1$, Eq. {eq}")
        ax.set(xscale="log", xlabel="cluster size $N$", ylabel=label)
    fig.legend(*axes[0].get_legend_handles_labels(), loc="lower center", ncol=3, frameon=False)
    fig.suptitle(
        rf"exact collisions vs master equation ($f_2$ = {float(ds.attrs['f2']):g}, "
        r"$f_1 = f_2/\sqrt{2}$): they part ways when $N f_2^2 \tau \gtrsim 0.1$;"
        "\nbeyond $N f_2^2 \\tau \\approx 4$ one collision is a large collective rotation",
        fontsize="medium",
    )
    fig.tight_layout(rect=(0, 0.14, 1, 1))
    return fig


SPEC = FigureSpec(
    "beyond-me",
    "Exact collision steady-state coherence and purity vs cluster size N = 1 ... 1000 "
    "(spin-sector reduction) for tau = 0.005, 0.051, 0.2 at T = 0.1, 0.5, beside the "
    "master equation (Eq. (8)) and its large-N value C0 tanh(omega_B/2T) (Eq. (10)).",
    compute,
    draw,
)
