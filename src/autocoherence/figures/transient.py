"""PRA104 Figs. 2(b), 3(a), 3(b), 5(b): time-optimised coherence C̄(T) from the thermal state.

Parameters (from the captions): ω = ω_B = 1, f1 = f2 = 0.15, τ = 0.051, the target thermal at
the bath temperature (z₀ = -tanh(ω/2T)); where they are silent: 0.01 ≤ k_B T/ω_B ≤ 2 (60
points), dots at k_B T/ω_B ∈ {0.05, 0.5, 1, 1.5}. Solid: the exact optimum over t of the master
equation (A5) (``time`` = -1 where it is the steady state; oscillator units on
``fock_dimension`` levels: tail and commutator defect 1e-10). Dashed: Eqs. (15)-(16) (qubit
units), (20)-(21) (oscillator units). Dots: the exact optimum over collisions (App. A); N
oscillators through their collective mode (couplings √N·f, exact for any N) on the fewest Fock
levels with tail and one-collision leakage below ``dot_truncation_tol`` (``fock_search``,
``dot_unit_dim``); a dot whose target ⊗ cluster (or mode) space exceeds ``max_dense_dim`` is
skipped and listed in ``attrs["dots_skipped"]`` (none with the defaults). Per figure:

* Fig. 2(b), qubit units, N ∈ {1, 3}, RWA (Eq. (6)) and C-R (Eq. (12)): Eq. (15) is within
  0.4 % (RWA, N = 1), 3.3 % (RWA, N = 3), 2.3 % (C-R, N = 1), 0.6 % (C-R, N = 3) of the exact
  optimum at every T; (16) for C-R, N = 3 is 9.7 % low at T → 0 ("close to the edge of
  validity", as the caption says). The dots are within 3e-4 of the curves (an O(τ) effect).
* Fig. 3(a), N = 3 qubits, RWA, adds the steady-state coherence of Eq. (8) (dash-dotted) and
  the fixed point of the collision channel (squares): TSC/SSC = 1.591 at every T (both linear
  in tanh(ω_B/2T)); Eq. (15) is 3.3 % below the exact TSC; dots within 2e-4 of the curves.
* Fig. 3(b), N = 3 oscillator vs qubit units, RWA (the caption compares Eqs. (20), (15)):
  oscillator units give more transient coherence at every T > 0 (equal as T → 0), by more
  than the formulas say: at T = 1.5 the exact ratio is 2.20, Eqs. (20)/(15) give 1.78,
  because Eq. (20) is 22 % low at |z₀| = 0.32.
* Fig. 5(b), as Fig. 2(b) with oscillator units (Eqs. (17), (19)): Eq. (20) is within 1.6 %
  for N = 1 (RWA) while |z₀| ≥ 1/2 (T ≤ 0.91) but 11 % low for N = 3 at T = 0.91 and 22 % at
  T = 1.5: the damping a = N coth(ω/2T) = N/|z₀| grows with T, so the validity is N ≲ 3 *and*
  |z₀| ≳ 1/2 (the paper's "N ≳ 3" is a typo; docs/discrepancies.md).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import xarray as xr

from autocoherence._checks import check_choice
from autocoherence.collision import CollisionModel
from autocoherence.collision import transient_closed_form as tcf
from autocoherence.errors import ParameterError
from autocoherence.figures._data import fock_search, grid_data, variant
from autocoherence.figures._params import check_grid, describe, validate
from autocoherence.figures.base import FigureSpec
from autocoherence.spaces import Oscillator
from autocoherence.states import fock_dimension
from autocoherence.sweeps import CollisionFamily

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["SPECS", "compute", "draw"]

FORMS = ("rwa", "rabi")
_FIXED = ("f1", "f2", "omega", "omega_b", "tau")
_PEAK = {"peak_l1_coherence": "l1_coherence", "peak_purity": "purity", "peak_time": "time"}
_EQS = {"qubit": ("15", "16"), "oscillator": ("20", "21")}
_UNIT_STYLE: dict[str, tuple[Any, str]] = {
    "oscillator": ("tab:red", "LHO"),
    "qubit": ("tab:blue", "TLS"),
}
_CLOSED = {  # PRA104 Eqs. (15), (16) (qubit units), (20), (21) (oscillator units)
    "l1_coherence": {"qubit": tcf.peak_coherence_tls, "oscillator": tcf.peak_coherence_lho},
    "purity": {"qubit": tcf.peak_purity_tls, "oscillator": tcf.peak_purity_lho},
}


def _model(
    unit: str, form: str, n: int, t: float, o: dict, tol: float, dim: int | None = None
) -> CollisionModel:
    if unit == "oscillator" and dim is None:
        dim = fock_dimension(o["omega_b"], t, tol)
    fixed = {k: o[k] for k in _FIXED}
    family = CollisionFamily(unit=unit, rwa=form == "rwa", truncation_tol=tol, **fixed)
    return family(temperature=t, cluster_size=n, unit_dim=dim)


def _exact(model: CollisionModel) -> CollisionModel:  # N oscillators: their collective mode
    return model.collective_mode_model() if isinstance(model.unit, Oscillator) else model


def _dot_model(unit: str, form: str, n: int, t: float, o: dict) -> CollisionModel | None:
    """The dot's model (None: target ⊗ cluster or mode over ``max_dense_dim``); oscillator
    units on the fewest Fock levels its collisions allow."""
    tol, cap = o["dot_truncation_tol"], o["max_dense_dim"]
    if unit == "qubit":
        return _model(unit, form, n, t, o, tol) if 2 * 2**n <= cap else None

    def attempt(dim: int) -> CollisionModel:
        model = _model(unit, form, n, t, o, tol, dim)
        _exact(model).transient_peak(method="collisions")  # TruncationError: leaks
        return model

    found = fock_search(attempt, omega=o["omega_b"], temperature=t, tail_tol=tol, stop=cap // 2)
    return None if found is None else found[1]


def _dots(o: dict) -> xr.Dataset:
    """Exact-collision optima on a flat ``dot`` dimension (unit, coupling, N, T)."""
    keys = itertools.product(o["units"], o["forms"], o["cluster_sizes"], o["dot_temperatures"])
    pairs = [(key, _dot_model(*key, o)) for key in keys]
    records = [key for key, m in pairs if m is not None]
    models = [m for _, m in pairs if m is not None]
    names = {**_PEAK, "peak_collisions": "collisions"}
    names |= {"l1_coherence": "steady_l1_coherence"} if o["steady"] else {}
    if models:
        index = {"dot": np.arange(len(models))}
        exact = grid_data(lambda dot: _exact(models[dot]), index, list(names), method="collisions")
        me = grid_data(lambda dot: models[dot], index, ["peak_l1_coherence"], prefix="me_")
        ds = xr.merge([exact, me]).drop_vars("dot")
    else:
        ds = xr.Dataset({q: ("dot", np.empty(0)) for q in [*names, "me_peak_l1_coherence"]})
    ds = ds.rename({q: f"dot_{v}" for q, v in names.items()})
    ds = ds.rename(me_peak_l1_coherence="dot_master_equation_l1_coherence")
    ds["dot_time"] = ds.dot_time.where(np.isfinite(ds.dot_time), -1.0)
    ds["dot_collisions"] = ds.dot_collisions.where(np.isfinite(ds.dot_collisions), -1).astype(int)
    ds["dot_unit_dim"] = ("dot", np.array([m.unit.dim for m in models], dtype=int))
    kinds = {"unit": str, "coupling": str, "cluster_size": int, "temperature": float}
    for k, (c, kind) in enumerate(kinds.items()):
        ds.coords[f"dot_{c}"] = ("dot", np.array([r[k] for r in records], dtype=kind))
    skipped = [f"{u}/{f}/N={n}/T={t:g}" for (u, f, n, t), m in pairs if m is None]
    ds.attrs["dots_skipped"] = "; ".join(skipped) or "none"
    return ds


def compute(
    cluster_sizes: Sequence[int] = (1, 3),
    *,
    units: Sequence[str] = ("qubit",),
    steady: bool = False,
    forms: Sequence[str] = FORMS,
    f1: float = 0.15,
    f2: float = 0.15,
    omega: float = 1.0,
    omega_b: float = 1.0,
    tau: float = 0.051,
    t_min: float = 0.01,
    t_max: float = 2.0,
    n_temperatures: int = 60,
    dot_temperatures: Sequence[float] = (0.05, 0.5, 1.0, 1.5),
    dot_truncation_tol: float = 1e-6,
    max_dense_dim: int = 1024,
) -> xr.Dataset:
    """Data of the transient figures; the entries fix ``units`` and ``steady``.

    Returns
    -------
    xarray.Dataset
        Curves over (unit, coupling, cluster_size, temperature), dots on a flat ``dot``
        dimension (``dot_collisions`` = -1: steady state); with ``steady`` (Fig. 3(a)) also
        ``steady_l1_coherence`` (Eq. (8)) and ``dot_steady_l1_coherence`` (collisions).

    Examples
    --------
    >>> ds = compute((1,), forms=("rwa",), n_temperatures=2, dot_temperatures=())
    >>> ds.l1_coherence.isel(temperature=0).values.round(4)
    array([[[0.0414]]])
    >>> ratio = ds.closed_form_l1_coherence / ds.l1_coherence   # Eq. (15) within 1 %
    >>> bool(abs(ratio - 1).max() < 0.01)
    True
    """
    o = validate(compute, locals())
    o["forms"] = [check_choice(form, "forms", FORMS) for form in o["forms"]]
    if not o["forms"]:
        raise ParameterError(f"forms must hold at least one of {FORMS}, got forms={forms!r}")
    temperatures = check_grid(t_min, t_max, n_temperatures)
    units, n = list(o["units"]), o["cluster_sizes"]

    def model(unit: int, coupling: int, cluster_size: int, temperature: float) -> CollisionModel:
        return _model(units[unit], o["forms"][coupling], cluster_size, temperature, o, 1e-10)

    axes = {"unit": np.arange(len(units)), "coupling": np.arange(len(o["forms"]))}
    ds = grid_data(model, axes | {"cluster_size": n, "temperature": temperatures}, list(_PEAK))
    ds = ds.rename(_PEAK).assign_coords(unit=units, coupling=o["forms"])
    ds["time"] = ds.time.where(np.isfinite(ds.time), -1.0)
    z0, n_col = -np.tanh(omega / (2 * np.maximum(temperatures, 1e-300))), np.c_[n]
    for var, eqs in _CLOSED.items():
        cf = [[eqs[u](f1, f2, omega, n_col, z0, rwa=f == "rwa") for f in o["forms"]] for u in units]
        ds[f"closed_form_{var}"] = (ds.time.dims, np.array(cf))
    if steady:  # C_ss, closed form Eq. (8)
        fam = CollisionFamily(unit="qubit", f1=f1, f2=f2, omega=omega, omega_b=omega_b)
        grid = {"cluster_size": n, "temperature": temperatures}
        ds["steady_l1_coherence"] = grid_data(fam, grid, ["l1_coherence"]).l1_coherence
    ds = xr.merge([ds, _dots(o)], combine_attrs="drop_conflicts")
    ds.attrs |= {
        "paper": "Roman-Ancheyta et al., PRA 104, 062209 (2021)",
        "initial": "thermal state of the target at the bath temperature",
        **{k: o[k] for k in (*_FIXED, "max_dense_dim", "dot_truncation_tol")},
    }
    return describe(ds)


def draw(ds: xr.Dataset) -> Figure:
    """C̄_TS(T): solid exact, dashed the paper's formula, dots exact collisions.

    One unit kind without C_ss (Figs. 2(b), 5(b)): C̄ and P̄ side by side, a colour per
    (coupling, N). Otherwise one panel: Fig. 3(a) adds C_ss (dash-dotted Eq. (8), squares the
    collision fixed point), colour per N; Fig. 3(b) a colour per unit kind.
    """
    from matplotlib import colormaps  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    T, steady = ds.temperature.values, "steady_l1_coherence" in ds
    panels, eqs = ds.sizes["unit"] == 1 and not steady, _EQS[str(ds.unit.values[0])]
    fig = Figure(figsize=(7.6, 3.9) if panels else (5.6, 4.0))
    axes = fig.subplots(1, 2) if panels else [fig.subplots()]
    grid = [enumerate(ds[dim].values) for dim in ("unit", "coupling", "cluster_size")]
    for (_, u), (j, form), (k, n) in itertools.product(*grid):
        sel = {"unit": u, "coupling": form, "cluster_size": n}
        color, short = _UNIT_STYLE[str(u)]
        tag = f"{short}, N = {n}" + ("" if form == "rwa" else ", C-R")
        exact, eq, lw = f"{tag}, exact", f"{tag}, Eq. ({_EQS[str(u)][0]})", (1.8, 1.1)
        if panels:
            exact, eq, lw = f"{'RWA' if form == 'rwa' else 'C-R'}, N = {n}", "_", (1.6, 1.0)
            color = colormaps["tab10"](2 * j + k)
        if steady:
            exact, eq, color = f"TSC, exact, N = {n}", "Eq. (15)", colormaps["tab10"](k)
        hit = [ds[f"dot_{key}"].values == v for key, v in sel.items()]
        dots = ds.isel(dot=np.flatnonzero(np.logical_and.reduce(hit)))
        for ax, var in zip(axes, ("l1_coherence", "purity"), strict=False):
            ax.plot(T, ds[var].sel(sel), color=color, lw=lw[0], label=exact)
            ax.plot(T, ds[f"closed_form_{var}"].sel(sel), "--", color=color, lw=lw[1], label=eq)
            if steady:
                ss = ds.steady_l1_coherence.sel(cluster_size=n)
                ax.plot(T, ss, "-.", color=color, lw=1.3, label="SSC, Eq. (8)")
            ax.plot(dots.dot_temperature, dots[f"dot_{var}"], "o", color=color, ms=4)
            if steady:
                ax.plot(dots.dot_temperature, dots.dot_steady_l1_coherence, "s", color=color, ms=4)
    title = rf"$f_1$ = {ds.attrs['f1']:g}, $f_2$ = {ds.attrs['f2']:g}, "
    if panels:
        axes[0].plot([], [], "k-", label="exact optimum (master eq.)")
        axes[0].plot([], [], "k--", label=f"Eq. ({eqs[0]})")
        axes[1].set_ylabel(rf"$\bar{{\mathcal{{P}}}}_{{TS}}$ (dashed: Eq. ({eqs[1]}))")
        fig.suptitle(f"{title}{ds.unit.values[0]} bath units")
    else:
        forms = ", ".join("RWA" if f == "rwa" else "C-R" for f in ds.coupling.values)
        axes[0].set_title(title + forms)
    axes[0].plot([], [], "ko", ms=4, label=rf"collisions, $\tau$ = {ds.attrs['tau']:g}")
    axes[0].set_ylabel(r"$\mathcal{C}$" if steady else r"$\bar{\mathcal{C}}_{TS}$")
    for ax in axes:
        ax.set_xlabel(r"$k_B T/\hbar\omega_B$")
        ax.set_xlim(0, T.max())
    axes[0].set_ylim(0, None)
    if (skipped := ds.attrs.get("dots_skipped", "none")) != "none":
        text = f"no collision dot where target ⊗ mode exceeds {ds.attrs.get('max_dense_dim')}"
        fig.text(0.01, 0.01, f"{text} dimensions: {skipped}", fontsize="x-small", color="0.3")
    if panels:
        handles, labels = axes[0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="lower center", ncol=4, frameon=False)
    else:
        axes[0].legend(frameon=False)
    fig.tight_layout(rect=(0, 0.17, 1, 1) if panels else None)
    return fig


_QUBIT: dict[str, Any] = {"units": ("qubit",), "dot_truncation_tol": 1e-10, "max_dense_dim": 1024}
_N3 = {"cluster_sizes": (3,)}
_LINES = "lines: exact optimum of the master equation"
_DOTS = "dots: exact collisions (tau = 0.051)"

SPECS = (
    FigureSpec(
        "collision-fig2b",
        "PRA104 Fig. 2(b): time-optimised coherence and purity vs temperature, qubit clusters "
        f"N = 1, 3, RWA and C-R; {_LINES}, dashed: Eqs. (15)-(16), {_DOTS}.",
        variant(compute, steady=False, **_QUBIT),
        draw,
    ),
    FigureSpec(
        "collision-fig3a",
        "PRA104 Fig. 3(a): optimised transient coherence vs steady-state coherence for N = 3 "
        f"qubit units (RWA); {_LINES}, Eq. (15) and Eq. (8); {_DOTS}.",
        variant(compute, defaults=_N3, steady=True, forms=("rwa",), **_QUBIT),
        draw,
    ),
    FigureSpec(
        "collision-fig3b",
        "PRA104 Fig. 3(b): optimised transient coherence with N = 3 oscillator vs qubit units "
        f"(RWA); {_LINES}, dashed: Eqs. (20) and (15), {_DOTS}.",
        variant(
            compute, defaults=_N3 | {"forms": ("rwa",)}, units=("qubit", "oscillator"), steady=False
        ),
        draw,
    ),
    FigureSpec(
        "collision-fig5b",
        "PRA104 Fig. 5(b): time-optimised coherence and purity vs temperature, oscillator "
        f"clusters N = 1, 3, RWA and C-R; {_LINES}, dashed: Eqs. (20)-(21), {_DOTS}.",
        variant(compute, units=("oscillator",), steady=False),
        draw,
    ),
)
