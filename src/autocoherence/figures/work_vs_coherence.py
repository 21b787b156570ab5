"""Work cost of steady-state coherence: Ẇ_ss against C_ss as the couplings vary (PRA104 Sec. V).

Not a figure of the paper; it draws the paper's Sec. V statements: the steady state of the
composite RWA coupling costs a power Ẇ_ss = -Q̇_ss > 0 proportional to its coherence
(Eq. (26)), while the Rabi (C-R) coupling costs more work, Ẇ_ss = (f1² + f2²)ω_B N
tanh(ω_B/2T), and makes no steady-state coherence at all ("positive power input does not
guarantee SSC generation, but any SSC is consuming certain power").

What is drawn, and by which route:

* left: Ẇ_ss against C_ss, parametric in f1 ∈ [0, f1_max] at fixed f2 (one line per f2), for
  the RWA coupling (closed forms Eq. (8) and Eq. (26) generalised to N units and detuning,
  :func:`~autocoherence.collision.thermodynamics.steady_state_work_rate`); the Rabi form sits
  on the axis C_ss = 0 (crosses);
* right: Ẇ_ss against f1 for both forms;
* dots (both panels): Eq. (24) evaluated numerically on the master-equation steady state
  (:func:`~autocoherence.collision.thermodynamics.thermodynamics`), at a few f1.

Choices: qubit units, N = 1, T = 0.5 ω_B, ω = ω_B = 1, f2 ∈ {0.15, 0.3, 0.6},
0 ≤ f1 ≤ 0.8 (81 points); dots at f1 ∈ {0.1, 0.3, 0.5, 0.7}.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import xarray as xr

from autocoherence.collision import CollisionModel, Composite, closed_form
from autocoherence.collision import thermodynamics as th
from autocoherence.errors import ParameterError
from autocoherence.figures._params import describe, validate
from autocoherence.figures.base import FigureSpec
from autocoherence.spaces import Qubit
from autocoherence.states import cluster_moments

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["SPEC", "compute", "draw"]


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
    """Steady-state work rate and coherence over (cluster_size, f2, f1), RWA and Rabi forms.

    Returns
    -------
    xarray.Dataset
        ``l1_coherence``, ``work_rate`` over (coupling, cluster_size, f2, f1) from the closed
        forms; ``dot_l1_coherence``, ``dot_work_rate``, ``dot_heat_rate``,
        ``dot_energy_rate`` over (coupling, cluster_size, f2, dot_f1) from Eq. (24) on the
        master-equation steady state.

    Examples
    --------
    >>> ds = compute(f2_values=(0.6,), n_f1=3, dot_f1=(0.4,))
    >>> w = ds.work_rate.sel(f2=0.6, f1=0.4, cluster_size=1)
    >>> bool(w.sel(coupling="rabi") > w.sel(coupling="rwa") > 0)
    True
    """
    validate(compute, locals())
    if f1_max <= 0 or n_f1 < 2:
        raise ParameterError(
            f"f1_max must be > 0 and n_f1 >= 2, got f1_max={f1_max!r}, n_f1={n_f1!r}"
        )
    f1 = np.linspace(0.0, f1_max, n_f1)
    f2 = np.asarray(f2_values, dtype=float)
    sizes = [int(n) for n in cluster_sizes]
    forms = ("rwa", "rabi")
    shape = (len(forms), len(sizes), f2.size, f1.size)
    coherence, work = np.zeros(shape), np.zeros(shape)
    dot_shape = (len(forms), len(sizes), f2.size, len(dot_f1))
    dots = {k: np.zeros(dot_shape) for k in ("l1_coherence", "work", "heat", "energy")}
    unit = Qubit(omega_b)
    for k, n in enumerate(sizes):
        a, c = cluster_moments(unit, n, temperature)
        ff1, ff2 = np.meshgrid(f1, f2)
        coherence[0, k] = closed_form.steady_state_coherence(ff1, ff2, omega, a, c)
        for i, form in enumerate(forms):
            work[i, k] = th.steady_state_work_rate(
                ff1, ff2, omega, omega_b, a, c, rwa=form == "rwa"
            )
            for j, g2 in enumerate(f2):
                for m, g1 in enumerate(dot_f1):
                    model = CollisionModel(
                        target=Qubit(omega),
                        unit=unit,
                        coupling=Composite(float(g1), float(g2), rwa=form == "rwa"),
                        temperature=temperature,
                        cluster_size=n,
                    )
                    r = model.thermodynamics()
                    idx = (i, k, j, m)
                    dots["l1_coherence"][idx] = model.steady_state(
                        method="master_equation"
                    ).l1_coherence
                    dots["work"][idx] = r.work_rate
                    dots["heat"][idx] = r.heat_rate
                    dots["energy"][idx] = r.energy_rate
    dims = ("coupling", "cluster_size", "f2", "f1")
    ddims = ("coupling", "cluster_size", "f2", "dot_f1")
    ds = xr.Dataset(
        {
            "l1_coherence": (dims, coherence, {"long_name": "C_ss, Eq. (8) (0 for Rabi)"}),
            "work_rate": (dims, work, {"long_name": "W_ss, Eq. (26) generalised / Rabi form"}),
            "dot_l1_coherence": (ddims, dots["l1_coherence"]),
            "dot_work_rate": (ddims, dots["work"], {"long_name": "W_ss, Eq. (24) numerics"}),
            "dot_heat_rate": (ddims, dots["heat"], {"long_name": "Q_ss, Eq. (24) numerics"}),
            "dot_energy_rate": (ddims, dots["energy"], {"long_name": "dE/dt, Eq. (24)"}),
        },
        coords={
            "coupling": list(forms),
            "cluster_size": sizes,
            "f2": f2,
            "f1": f1,
            "dot_f1": np.asarray(dot_f1, dtype=float),
        },
        attrs={
            "paper": "Roman-Ancheyta et al., PRA 104, 062209 (2021), Sec. V (not a paper figure)",
            "unit": f"Qubit(omega={omega_b})",
            "temperature": temperature,
            "omega": omega,
            "omega_b": omega_b,
            "curves": "closed forms Eq. (8), Eq. (26) generalised, Rabi W_ss = (f1^2+f2^2) w_B c",
            "dots": "Eq. (24) by numerical double commutators on the master-equation steady state",
        },
    )
    return describe(ds)


def draw(ds: xr.Dataset) -> Figure:
    """Left: Ẇ_ss vs C_ss (parametric in f1); right: Ẇ_ss vs f1; RWA solid, Rabi dashed.

    Examples
    --------
    >>> fig = draw(compute(f2_values=(0.6,), n_f1=3, dot_f1=(0.4,)))
    >>> len(fig.axes)
    2
    """
    from matplotlib import colormaps  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    fig = Figure(figsize=(7.6, 3.7))
    ax_w, ax_f = fig.subplots(1, 2)
    cmap = colormaps["viridis"]
    n = ds.cluster_size.values[0]
    for j, f2 in enumerate(ds.f2.values):
        color = cmap(0.15 + 0.7 * j / max(ds.sizes["f2"] - 1, 1))
        rwa = {"coupling": "rwa", "cluster_size": n, "f2": f2}
        rabi = {"coupling": "rabi", "cluster_size": n, "f2": f2}
        ax_w.plot(
            ds.l1_coherence.sel(rwa),
            ds.work_rate.sel(rwa),
            color=color,
            lw=1.6,
            label=f"RWA, $f_2$ = {f2:g}",
        )
        ax_w.plot(ds.dot_l1_coherence.sel(rwa), ds.dot_work_rate.sel(rwa), "o", color=color, ms=4)
        ax_w.plot(ds.dot_l1_coherence.sel(rabi), ds.dot_work_rate.sel(rabi), "x", color=color, ms=5)
        ax_f.plot(ds.f1, ds.work_rate.sel(rwa), color=color, lw=1.6, label=f"$f_2$ = {f2:g}")
        ax_f.plot(ds.f1, ds.work_rate.sel(rabi), "--", color=color, lw=1.2)
        ax_f.plot(ds.dot_f1, ds.dot_work_rate.sel(rwa), "o", color=color, ms=4)
        ax_f.plot(ds.dot_f1, ds.dot_work_rate.sel(rabi), "x", color=color, ms=5)
    ax_w.plot([], [], "kx", label="Rabi (C-R): no SSC")
    ax_w.set_xlabel(r"$\mathcal{C}_{ss}$")
    ax_w.set_ylabel(r"$\dot{W}_{ss} = -\dot{Q}_{ss}$")
    ax_w.set_xlim(-0.01, 1.5 * float(ds.l1_coherence.max()))  # room for the legend, right
    ax_w.legend(frameon=False, loc="upper right")
    ax_f.plot([], [], "k-", label="RWA, Eq. (26)")
    ax_f.plot([], [], "k--", label="Rabi (C-R)")
    ax_f.plot([], [], "ko", ms=4, label="Eq. (24), numerics")
    ax_f.set_xlabel(r"$f_1$")
    ax_f.set_ylabel(r"$\dot{W}_{ss}$")
    handles, labels = ax_f.get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=6, frameon=False, columnspacing=1.0)
    fig.suptitle(
        rf"qubit units, N = {n}, $k_B T/\hbar\omega_B$ = {ds.attrs['temperature']:g}",
    )
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    return fig


SPEC = FigureSpec(
    name="work-vs-coherence",
    caption=(
        "Steady-state work rate vs steady-state coherence as f1, f2 vary (PRA104 Sec. V), RWA "
        "and Rabi couplings; lines: closed forms (8), (26); dots: Eq. (24) numerics."
    ),
    compute=compute,
    draw=draw,
)
