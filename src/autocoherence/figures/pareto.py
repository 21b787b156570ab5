"""Pareto fronts of steady-state coherence against purity and against work (PRA104 Secs. III, V).

Not a figure of the paper. For the paper's model (qubit target and units, ω = ω_B = 1,
Composite RWA coupling) with f2 fixed and f1 free in [0, f1_max], the best coherence that
each purity floor (left) or each work-rate budget (right) allows, from
:func:`~autocoherence.lab.optimize.pareto_front` (ε-constraint method on the closed form
Eq. (8) and the work rate Eq. (24)); one curve per cluster size N. The dots are the
unconstrained optimum (the fronts' end points), the dashed line the N → ∞ bound
C₀ tanh(ω_B/2T) = tanh(ω_B/2T)/√2 (Eq. (10)).

Choices: f2 = 0.6, T = 0.25 ω_B, N ∈ {1, 3, 10}, 9 points per front.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import xarray as xr

from autocoherence.collision import CollisionModel, Composite
from autocoherence.figures._params import validate
from autocoherence.figures.base import FigureSpec
from autocoherence.lab.optimize import pareto_front
from autocoherence.spaces import Qubit

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["SPEC", "compute", "draw"]


def compute(
    cluster_sizes: Sequence[int] = (1, 3, 10),
    *,
    omega: float = 1.0,
    f2: float = 0.6,
    f1_max: float = 2.0,
    temperature: float = 0.25,
    n: int = 9,
) -> xr.Dataset:
    """Coherence–purity and coherence–work fronts over (front, cluster_size, point).

    Returns
    -------
    xarray.Dataset
        ``l1_coherence``, ``purity``, ``work_rate``, ``f1`` over (front, cluster_size,
        point), ``front`` in {"purity", "work_rate"}.

    Examples
    --------
    >>> ds = compute(cluster_sizes=(2,), n=3)
    >>> c = ds.l1_coherence.sel(front="purity", cluster_size=2).values
    >>> bool(np.all(np.diff(c) < 0))          # purer steady states hold less coherence
    True
    """
    o = validate(compute, locals())
    sizes, omega, f2, f1_max, temperature, n = (
        o["cluster_sizes"],
        o["omega"],
        o["f2"],
        o["f1_max"],
        o["temperature"],
        o["n"],
    )
    fronts = ("purity", "work_rate")
    shape = (len(fronts), len(sizes), n)
    out = {k: np.full(shape, np.nan) for k in ("l1_coherence", "purity", "work_rate", "f1")}
    for j, size in enumerate(sizes):

        def model(f1: float, size: int = size) -> CollisionModel:
            return CollisionModel(
                target=Qubit(omega),
                unit=Qubit(omega),
                coupling=Composite(f1, f2),
                temperature=temperature,
                cluster_size=size,
            )

        for i, front in enumerate(fronts):
            ds = pareto_front(model, {"f1": (0.0, f1_max)}, ("l1_coherence", front), n)
            for key in ("l1_coherence", "purity", "work_rate"):
                out[key][i, j] = ds[key].values
            out["f1"][i, j] = ds.params.sel(parameter="f1").values
    dims = ("front", "cluster_size", "point")
    bound = (
        math.tanh(0.5 * omega / temperature) / math.sqrt(2) if temperature > 0 else 1 / math.sqrt(2)
    )
    return xr.Dataset(
        {
            "l1_coherence": (
                dims,
                out["l1_coherence"],
                {"long_name": "best steady-state l1 coherence on the front", "units": "1"},
            ),
            "purity": (dims, out["purity"], {"long_name": "steady-state purity", "units": "1"}),
            "work_rate": (
                dims,
                out["work_rate"],
                {"long_name": "steady-state work rate, Eq. (24)", "units": "hbar*omega_B**2"},
            ),
            "f1": (dims, out["f1"], {"long_name": "optimal f1 on the front", "units": "omega_B"}),
        },
        coords={
            "front": ("front", list(fronts), {"long_name": "constraint", "units": "n/a (text)"}),
            "cluster_size": ("cluster_size", sizes, {"long_name": "cluster size N", "units": "1"}),
            "point": ("point", np.arange(n), {"long_name": "point on the front", "units": "1"}),
        },
        attrs={
            "paper": "Roman-Ancheyta et al., PRA 104, 062209 (2021), Eqs. (8), (10), (24)",
            "f2": f2,
            "temperature": temperature,
            "large_n_bound": bound,
            "method": "epsilon-constraint: maximize_coherence with min_purity / max_work_rate",
        },
    )


def draw(ds: xr.Dataset) -> Figure:
    """Left: C_ss against purity; right: C_ss against Ẇ_ss; one line per N.

    Examples
    --------
    >>> len(draw(compute(cluster_sizes=(1,), n=3)).axes)
    2
    """
    from matplotlib import colormaps  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    fig = Figure(figsize=(9.5, 3.9))
    ax_p, ax_w = fig.subplots(1, 2)
    cmap = colormaps["viridis"]
    sizes = ds.cluster_size.values
    for j, size in enumerate(sizes):
        color = cmap(0.15 + 0.7 * j / max(len(sizes) - 1, 1))
        p = ds.sel(front="purity", cluster_size=size)
        w = ds.sel(front="work_rate", cluster_size=size)
        ax_p.plot(p.purity, p.l1_coherence, "-", color=color, lw=1.6, label=f"N = {size}")
        ax_p.plot(p.purity[0], p.l1_coherence[0], "o", color=color, ms=5)
        ax_w.plot(w.work_rate, w.l1_coherence, "-", color=color, lw=1.6, label=f"N = {size}")
        ax_w.plot(w.work_rate[0], w.l1_coherence[0], "o", color=color, ms=5)
    for ax in (ax_p, ax_w):
        ax.axhline(ds.attrs["large_n_bound"], color="k", ls="--", lw=1, label="N → ∞, Eq. (10)")
        ax.set_ylabel(r"best $\mathcal{C}_{ss}$")
        ax.legend(fontsize=7, frameon=False)
    ax_p.set_xlabel(r"purity floor $\mathcal{P}_{ss}$")
    ax_w.set_xlabel(r"work-rate budget $\dot{W}_{ss}$ [$\hbar\omega_B^2$]")
    fig.suptitle(
        rf"$f_2$ = {ds.attrs['f2']:g}, $f_1$ optimised; $k_B T/\hbar\omega_B$ = "
        rf"{ds.attrs['temperature']:g}",
        fontsize=9,
    )
    fig.tight_layout()
    return fig


SPEC = FigureSpec(
    name="pareto",
    caption=(
        "Pareto fronts: the best steady-state coherence at each purity floor and each work-rate "
        "budget (f1 optimised at fixed f2; closed form Eq. (8), work Eq. (24)), per cluster size."
    ),
    compute=compute,
    draw=draw,
)
