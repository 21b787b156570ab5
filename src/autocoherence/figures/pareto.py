"""Pareto fronts of steady-state coherence against purity and against work (PRA104 Secs. III, V).

Not a paper figure. Qubit target and units, ω = ω_B = 1, composite RWA coupling, f2 = 0.6
fixed and f1 free in [0, f1_max]: the best coherence each purity floor (left) or work-rate
budget (right) allows, from :func:`~autocoherence.lab.optimize.pareto_front` (ε-constraint
on the closed form Eq. (8) and the work rate Eq. (24)), one curve per N ∈ {1, 3, 10} at
T = 0.25 ω_B, 9 points each. Dots: the unconstrained optimum (the fronts' ends); dashed: the
N → ∞ bound C₀ tanh(ω_B/2T) = tanh(ω_B/2T)/√2 (Eq. (10)).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import xarray as xr

from autocoherence.figures._params import validate
from autocoherence.figures.base import FigureSpec
from autocoherence.lab.optimize import pareto_front

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["SPEC", "compute", "draw"]

FRONTS = ("purity", "work_rate")
_ATTRS = {
    "l1_coherence": ("best steady-state l1 coherence on the front", "1"),
    "purity": ("steady-state purity", "1"),
    "work_rate": ("steady-state work rate, Eq. (24)", "hbar*omega_B**2"),
    "f1": ("optimal f1 on the front", "omega_B"),
    "front": ("constraint", "n/a (text)"),
    "cluster_size": ("cluster size N", "1"),
    "point": ("point on the front", "1"),
}


def compute(
    cluster_sizes: Sequence[int] = (1, 3, 10),
    *,
    omega: float = 1.0,
    f2: float = 0.6,
    f1_max: float = 2.0,
    temperature: float = 0.25,
    n: int = 9,
) -> xr.Dataset:
    """``l1_coherence``, ``purity``, ``work_rate``, optimal ``f1`` over (front, cluster_size,
    point) on the coherence–purity and coherence–work fronts (``front`` ∈ ``FRONTS``).

    Examples
    --------
    >>> c = compute(cluster_sizes=(2,), n=3).l1_coherence.sel(front="purity", cluster_size=2)
    >>> bool(np.all(np.diff(c.values) < 0))          # purer steady states hold less coherence
    True
    """
    from autocoherence.sweeps import CollisionFamily  # noqa: PLC0415  (figures sit above sweeps)

    o = validate(compute, locals())
    omega, temperature = o["omega"], o["temperature"]
    fixed = {"f2": o["f2"], "omega": omega, "omega_b": omega, "temperature": temperature}

    def front(kind: str, size: int) -> xr.Dataset:
        family = CollisionFamily(**fixed, cluster_size=size)  # the model at f1
        return pareto_front(family, {"f1": (0.0, o["f1_max"])}, ("l1_coherence", kind), o["n"])

    rows = [[front(kind, size) for size in o["cluster_sizes"]] for kind in FRONTS]
    ds = xr.combine_nested(rows, ["front", "cluster_size"]).transpose("front", "cluster_size", ...)
    ds = ds.assign(f1=ds.params.sel(parameter="f1", drop=True))[list(_ATTRS)[:4]]
    ds = ds.drop_vars(list(ds.coords), errors="ignore")
    ds = ds.assign_coords(
        front=list(FRONTS), cluster_size=o["cluster_sizes"], point=np.arange(o["n"])
    )
    for name, (long_name, units) in _ATTRS.items():
        ds[name].attrs = {"long_name": long_name, "units": units}
    ds.attrs = {
        "paper": "Roman-Ancheyta et al., PRA 104, 062209 (2021), Eqs. (8), (10), (24)",
        "f2": o["f2"],
        "temperature": temperature,
        "large_n_bound": (math.tanh(0.5 * omega / temperature) if temperature else 1)
        / math.sqrt(2),
        "method": "epsilon-constraint: maximize_coherence with min_purity / max_work_rate",
    }
    return ds


def draw(ds: xr.Dataset) -> Figure:
    """Left: C_ss against purity; right: C_ss against Ẇ_ss; one line per N."""
    from matplotlib import colormaps  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    fig = Figure(figsize=(9.5, 3.9))
    axes = fig.subplots(1, 2)
    sizes = ds.cluster_size.values
    for j, size in enumerate(sizes):
        color = colormaps["viridis"](0.15 + 0.7 * j / max(len(sizes) - 1, 1))
        for ax, front in zip(axes, FRONTS, strict=True):
            f = ds.sel(front=front, cluster_size=size)
            ax.plot(f[front], f.l1_coherence, "-", color=color, lw=1.6, label=f"N = {size}")
            ax.plot(f[front][0], f.l1_coherence[0], "o", color=color, ms=5)
    for ax in axes:
        ax.axhline(ds.attrs["large_n_bound"], color="k", ls="--", lw=1, label="N → ∞, Eq. (10)")
        ax.set_ylabel(r"best $\mathcal{C}_{ss}$")
        ax.legend(fontsize=7, frameon=False)
    axes[0].set_xlabel(r"purity floor $\mathcal{P}_{ss}$")
    axes[1].set_xlabel(r"work-rate budget $\dot{W}_{ss}$ [$\hbar\omega_B^2$]")
    title = rf"$f_2$ = {ds.attrs['f2']:g}, $f_1$ optimised; $k_B T/\hbar\omega_B$ = "
    fig.suptitle(f"{title}{ds.attrs['temperature']:g}", fontsize=9)
    fig.tight_layout()
    return fig


SPEC = FigureSpec(
    "pareto",
    "Pareto fronts: the best steady-state coherence at each purity floor and each work-rate "
    "budget (f1 optimised at fixed f2; closed form Eq. (8), work Eq. (24)), per cluster size.",
    compute,
    draw,
)
