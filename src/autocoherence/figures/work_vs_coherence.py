"""Work cost of steady-state coherence: Ẇ_ss against C_ss as the couplings vary (PRA104 Sec. V).

Not a paper figure; it draws Sec. V: the composite RWA coupling's steady state costs a power
Ẇ_ss = -Q̇_ss > 0 proportional to its coherence (Eq. (26)), while the Rabi (C-R) coupling
costs more, (f1² + f2²)ω_B N tanh(ω_B/2T), and makes no coherence at all. Left: Ẇ_ss
against C_ss, parametric in f1 ∈ [0, 0.8] (81 points) at f2 ∈ {0.15, 0.3, 0.6}, RWA closed
forms Eq. (8) and Eq. (26) generalised to N units and detuning; the Rabi form sits on
C_ss = 0 (crosses). Right: Ẇ_ss against f1 for both forms. Dots: Eq. (24) on the
master-equation steady state (sweep quantities ``work_rate``, ``heat_rate``), at f1 ∈
{0.1, 0.3, 0.5, 0.7}. Qubit units, N = 1, T = 0.5 ω_B, ω = ω_B = 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import xarray as xr

from autocoherence.collision import closed_form
from autocoherence.collision import thermodynamics as th
from autocoherence.errors import ParameterError
from autocoherence.figures._data import grid_data
from autocoherence.figures._params import describe, validate
from autocoherence.figures.base import FigureSpec
from autocoherence.spaces import Qubit
from autocoherence.states import cluster_moments

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["SPEC", "compute", "draw"]

FORMS = ("rwa", "rabi")


def compute(
    cluster_sizes: Sequence[int] = (1,),
    *,
    f2_values: Sequence[float] = (0.15, 0.3, 0.6),
    f1_max: float = 0.8,
    n_f1: int = 81,
    dot_f1: Sequence[float] = (0.1, 0.3, 0.5, 0.7),
    temperature: float = 0.5,
    omega: float = 1.0,
    omega_b: float = 1.0,
) -> xr.Dataset:
    """Curves ``l1_coherence``, ``work_rate`` (closed forms) over (coupling, cluster_size, f2,
    f1); dots ``dot_l1_coherence``, ``dot_work_rate``, ``dot_heat_rate``, ``dot_energy_rate``
    (Eq. (24), master-equation steady state) over (coupling, cluster_size, f2, dot_f1).

    Examples
    --------
    >>> w = compute(f2_values=(0.6,), n_f1=3, dot_f1=(0.4,)).work_rate.sel(f1=0.4)
    >>> bool(w.sel(coupling="rabi") > w.sel(coupling="rwa") > 0)
    True
    """
    from autocoherence.sweeps import CollisionFamily  # noqa: PLC0415  (figures sit above sweeps)

    o = validate(compute, locals())
    if f1_max <= 0 or n_f1 < 2:
        raise ParameterError(f"f1_max must be > 0 and n_f1 >= 2, got {f1_max=!r}, {n_f1=!r}")
    sizes, f2, f1 = o["cluster_sizes"], np.asarray(f2_values, float), np.linspace(0, f1_max, n_f1)
    fixed = {"temperature": temperature, "omega": omega, "omega_b": omega_b}
    grid = {"cluster_size": sizes, "f2": f2, "f1": np.asarray(dot_f1, float)}
    names = ["l1_coherence", "work_rate", "heat_rate", "energy_rate"]
    route: dict[str, Any] = {"method": "master_equation", "prefix": "dot_"}
    dots = [grid_data(CollisionFamily(**fixed, rwa=r), grid, names, **route) for r in (True, False)]
    moments = np.array([cluster_moments(Qubit(omega_b), n, temperature) for n in sizes])
    a, c = moments.T[..., None, None]
    args = (f1[None, None, :], f2[:, None], omega, omega_b, a, c)
    coherence = closed_form.steady_state_coherence(*args[:3], *args[4:])  # Eq. (8); 0 for Rabi
    work = [th.steady_state_work_rate(*args, rwa=rwa) for rwa in (True, False)]
    dims = ("coupling", "cluster_size", "f2", "f1")
    ds = xr.concat(dots, "coupling").rename(f1="dot_f1").assign_coords(coupling=list(FORMS), f1=f1)
    ds = ds.assign(
        l1_coherence=(dims, np.stack([coherence, 0 * coherence])), work_rate=(dims, np.stack(work))
    )[["l1_coherence", "work_rate", *(f"dot_{q}" for q in names)]].drop_attrs()
    ds.attrs = {
        "paper": "Roman-Ancheyta et al., PRA 104, 062209 (2021), Sec. V (not a paper figure)",
        "unit": f"Qubit(omega={omega_b})",
        **fixed,
        "curves": "closed forms Eq. (8), Eq. (26) generalised, Rabi W_ss = (f1^2+f2^2) w_B c",
        "dots": "Eq. (24) by numerical double commutators on the master-equation steady state",
    }
    return describe(ds)


def draw(ds: xr.Dataset) -> Figure:
    """Left: Ẇ_ss vs C_ss (parametric in f1); right: Ẇ_ss vs f1; RWA solid, Rabi dashed."""
    from matplotlib import colormaps  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    fig = Figure(figsize=(7.6, 3.7))
    ax_w, ax_f = fig.subplots(1, 2)
    n = ds.cluster_size.values[0]
    for j, f2 in enumerate(ds.f2.values):
        color = colormaps["viridis"](0.15 + 0.7 * j / max(ds.sizes["f2"] - 1, 1))
        rwa, rabi = ({"coupling": form, "cluster_size": n, "f2": f2} for form in FORMS)
        line = {"color": color, "lw": 1.6}
        w = ds.work_rate.sel(rwa)
        ax_w.plot(ds.l1_coherence.sel(rwa), w, **line, label=f"RWA, $f_2$ = {f2:g}")
        ax_f.plot(ds.f1, w, **line, label=f"$f_2$ = {f2:g}")
        ax_f.plot(ds.f1, ds.work_rate.sel(rabi), "--", color=color, lw=1.2)
        for at, marker, ms in ((rwa, "o", 4), (rabi, "x", 5)):
            dot = ds.sel(at)
            ax_w.plot(dot.dot_l1_coherence, dot.dot_work_rate, marker, color=color, ms=ms)
            ax_f.plot(ds.dot_f1, dot.dot_work_rate, marker, color=color, ms=ms)
    ax_w.plot([], [], "kx", label="Rabi (C-R): no SSC")
    ax_w.set(xlabel=r"$\mathcal{C}_{ss}$", ylabel=r"$\dot{W}_{ss} = -\dot{Q}_{ss}$")
    ax_w.set_xlim(-0.01, 1.5 * float(ds.l1_coherence.max()))  # room for the legend, right
    ax_w.legend(frameon=False, loc="upper right")
    ax_f.plot([], [], "k-", label="RWA, Eq. (26)")
    ax_f.plot([], [], "k--", label="Rabi (C-R)")
    ax_f.plot([], [], "ko", ms=4, label="Eq. (24), numerics")
    ax_f.set(xlabel=r"$f_1$", ylabel=r"$\dot{W}_{ss}$")
    handles = ax_f.get_legend_handles_labels()
    fig.legend(*handles, loc="lower center", ncol=6, frameon=False, columnspacing=1.0)
    fig.suptitle(rf"qubit units, N = {n}, $k_B T/\hbar\omega_B$ = {ds.attrs['temperature']:g}")
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    return fig


SPEC = FigureSpec(
    "work-vs-coherence",
    "Steady-state work rate vs steady-state coherence as f1, f2 vary (PRA104 Sec. V), RWA "
    "and Rabi couplings; lines: closed forms (8), (26); dots: Eq. (24) numerics.",
    compute,
    draw,
)
