"""Shared pieces of the transient figures, PRA104 Figs. 2(b), 3(a)-(b) and 5(b).

The exact time-optimised coherence, the closed forms (15), (16), (20), (21), exact-collision
dots and the common drawing, used by the ``collision_fig2b``, ``collision_fig3a``,
``collision_fig3b`` and ``collision_fig5b`` figure modules.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import xarray as xr

from autocoherence._checks import check_choice
from autocoherence.collision import CollisionModel, Composite
from autocoherence.collision import transient_closed_form as tcf
from autocoherence.errors import MethodNotApplicableError, ParameterError, TruncationError
from autocoherence.figures._params import check_grid
from autocoherence.spaces import Oscillator, Qubit

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "DOT_TEMPERATURES",
    "FORMS",
    "UNITS",
    "draw_transient",
    "grid",
    "note_skipped_dots",
    "transient_dataset",
    "unit_space",
    "with_figure",
]

UNITS = ("qubit", "oscillator")
FORMS = ("rwa", "rabi")
DOT_TEMPERATURES: tuple[float, ...] = (0.05, 0.5, 1.0, 1.5)
#: Fock levels tried beyond the first estimate before a dot is given up.
_EXTRA_LEVELS = 6


def unit_space(kind: str, temperature: float, omega_b: float, tol: float) -> Qubit | Oscillator:
    """A bath unit of the given kind; oscillators keep enough levels for a tail below ``tol``.

    Examples
    --------
    >>> unit_space("qubit", 0.5, 1.0, 1e-10)
    Qubit(omega=1.0)
    >>> unit_space("oscillator", 2.0, 1.0, 1e-10).dim   # more Fock levels when hotter
    49
    """
    if kind == "qubit":
        return Qubit(omega_b)
    if kind == "oscillator":
        return Oscillator(omega_b, max(4, math.ceil(math.log(1 / tol) * temperature / omega_b) + 2))
    raise ParameterError(f"unit must be one of {UNITS}, got unit={kind!r}")


def _model(
    kind: str,
    form: str,
    n: int,
    temperature: float,
    options: dict[str, Any],
    *,
    tol: float,
    dim: int | None = None,
) -> CollisionModel:
    unit = unit_space(kind, temperature, options["omega_b"], tol)
    if dim is not None and isinstance(unit, Oscillator):
        unit = Oscillator(options["omega_b"], dim)
    return CollisionModel(
        target=Qubit(options["omega"]),
        unit=unit,
        coupling=Composite(options["f1"], options["f2"], rwa=form == "rwa"),
        temperature=temperature,
        cluster_size=n,
        tau=options["tau"],
        truncation_tol=tol,
    )


def _closed_forms(kind: str, form: str, n: int, z0: np.ndarray, o: dict[str, Any]) -> tuple:
    args = (o["f1"], o["f2"], o["omega"], n, z0)
    if kind == "qubit":  # Eqs. (15), (16)
        return tcf.peak_coherence_tls(*args, rwa=form == "rwa"), tcf.peak_purity_tls(
            *args, rwa=form == "rwa"
        )
    return tcf.peak_coherence_lho(*args, rwa=form == "rwa"), tcf.peak_purity_lho(
        *args, rwa=form == "rwa"
    )


def _dot(kind: str, form: str, n: int, temperature: float, o: dict[str, Any]) -> list[float] | None:
    """Exact-collision optimum (smallest adequate Fock dimension); None above the dense limit."""
    tol = o["dot_truncation_tol"]
    model = _model(kind, form, n, temperature, o, tol=tol)
    for _ in range(_EXTRA_LEVELS + 1):
        # N oscillators meet the target only through one collective mode with couplings √N·f
        # (collision.collective_mode): the exact N-unit channel on a target ⊗ mode space
        exact = model.collective_mode_model() if kind == "oscillator" else model
        if exact.target.dim * exact.unit.dim**exact.cluster_size > o["max_dense_dim"]:
            return None
        try:
            peak = exact.transient_peak(method="collisions")
        except TruncationError:
            model = _model(kind, form, n, temperature, o, tol=tol, dim=model.unit.dim + 1)
            continue
        except MethodNotApplicableError:
            return None
        curve = model.transient_peak()
        steps = peak.collisions if peak.collisions is not None else -1
        return [
            peak.l1_coherence,
            peak.purity,
            peak.time if peak.in_transient else -1.0,
            steps,
            curve.l1_coherence,
            model.unit.dim,
        ]
    return None


def transient_dataset(
    units: Sequence[str],
    forms: Sequence[str],
    cluster_sizes: Sequence[int],
    temperatures: np.ndarray,
    dot_temperatures: Sequence[float],
    **options: Any,
) -> xr.Dataset:
    """Exact and approximate transient optima over (unit, coupling, cluster_size, temperature).

    Parameters
    ----------
    units : sequence of {"qubit", "oscillator"}
    forms : sequence of {"rwa", "rabi"}
    cluster_sizes : sequence of int
    temperatures : 1-D array
        Bath temperatures of the curves (the target starts thermal at the same T).
    dot_temperatures : sequence of float
        Temperatures of the exact-collision dots.
    **options
        ``f1, f2, omega, omega_b, tau``; ``truncation_tol`` (Fock tail of the curves' oscillator
        units), ``dot_truncation_tol`` and ``max_dense_dim`` (the dense collision dots).

    Returns
    -------
    xarray.Dataset
        ``l1_coherence``, ``purity``, ``time`` (exact optimum; ``time`` = -1 where the optimum is
        the steady state) and ``closed_form_l1_coherence``, ``closed_form_purity`` (Eqs. (15),
        (16) for qubit units, (20), (21) for oscillator units); dots on a flat ``dot`` dimension.

    Examples
    --------
    >>> ds = transient_dataset(("qubit",), ("rwa",), (1,), grid(0.01, 1.0, 2), (), f1=0.15,
    ...     f2=0.15, omega=1.0, omega_b=1.0, tau=0.051, truncation_tol=1e-10,
    ...     dot_truncation_tol=1e-10, max_dense_dim=64)
    >>> dict(ds.l1_coherence.sizes)
    {'unit': 1, 'coupling': 1, 'cluster_size': 1, 'temperature': 2}
    >>> ratio = ds.closed_form_l1_coherence / ds.l1_coherence   # Eq. (15) within 1 %
    >>> bool(abs(ratio - 1).max() < 0.01)
    True
    """
    forms = [check_choice(form, "forms", FORMS) for form in forms]
    if not forms:
        raise ParameterError(f"forms must hold at least one of {FORMS}, got forms={forms!r}")
    shape = (len(units), len(forms), len(cluster_sizes), len(temperatures))
    exact = np.empty((3, *shape))
    approx = np.empty((2, *shape))
    z0 = -np.tanh(options["omega"] / (2 * np.maximum(temperatures, 1e-300)))
    records: list[list[Any]] = []
    skipped: list[str] = []
    for i, kind in enumerate(units):
        for j, form in enumerate(forms):
            for k, n in enumerate(cluster_sizes):
                for m, t in enumerate(temperatures):
                    model = _model(kind, form, n, float(t), options, tol=options["truncation_tol"])
                    peak = model.transient_peak()
                    time = peak.time if peak.in_transient else -1.0
                    exact[:, i, j, k, m] = (peak.l1_coherence, peak.purity, time)
                approx[:, i, j, k] = _closed_forms(kind, form, n, z0, options)
                for t in dot_temperatures:
                    rec = _dot(kind, form, n, float(t), options)
                    if rec is None:
                        skipped.append(f"{kind}/{form}/N={n}/T={t:g}")
                    else:
                        records.append([kind, form, n, float(t), *rec])
    dims = ("unit", "coupling", "cluster_size", "temperature")
    cols = list(zip(*records, strict=True)) if records else [()] * 10
    return xr.Dataset(
        {
            "l1_coherence": (dims, exact[0], {"long_name": "optimised C, master equation"}),
            "purity": (dims, exact[1], {"long_name": "purity at the optimum"}),
            "time": (dims, exact[2], {"long_name": "optimal time (-1: steady state)"}),
            "closed_form_l1_coherence": (dims, approx[0], {"long_name": "Eq. (15) / (20)"}),
            "closed_form_purity": (dims, approx[1], {"long_name": "Eq. (16) / (21)"}),
            "dot_l1_coherence": ("dot", np.asarray(cols[4], float)),
            "dot_purity": ("dot", np.asarray(cols[5], float)),
            "dot_time": ("dot", np.asarray(cols[6], float)),
            "dot_collisions": ("dot", np.asarray(cols[7], int)),
            "dot_master_equation_l1_coherence": ("dot", np.asarray(cols[8], float)),
            "dot_unit_dim": ("dot", np.asarray(cols[9], int)),
        },
        coords={
            "unit": list(units),
            "coupling": list(forms),
            "cluster_size": [int(n) for n in cluster_sizes],
            "temperature": temperatures,
            "dot_unit": ("dot", np.asarray(cols[0], dtype=str)),
            "dot_coupling": ("dot", np.asarray(cols[1], dtype=str)),
            "dot_cluster_size": ("dot", np.asarray(cols[2], int)),
            "dot_temperature": ("dot", np.asarray(cols[3], float)),
        },
        attrs={
            "paper": "Roman-Ancheyta et al., PRA 104, 062209 (2021)",
            "omega": options["omega"],
            "omega_b": options["omega_b"],
            "f1": options["f1"],
            "f2": options["f2"],
            "tau": options["tau"],
            "initial": "thermal state of the target at the bath temperature",
            "curves": "exact optimum over t of the master equation (A5)",
            "dashed": "PRA104 Eqs. (15)-(16) (qubit units), (20)-(21) (oscillator units)",
            "dots": "exact optimum over the number of collisions at tau",
            "dots_skipped": "; ".join(skipped) or "none",
            "max_dense_dim": options["max_dense_dim"],
            "dot_truncation_tol": options["dot_truncation_tol"],
        },
    )


def grid(t_min: float, t_max: float, n_temperatures: int) -> np.ndarray:
    """Linear temperature grid k_B T/ω_B of the curves.

    Examples
    --------
    >>> grid(0.0, 2.0, 5)
    array([0. , 0.5, 1. , 1.5, 2. ])
    """
    return check_grid(t_min, t_max, n_temperatures)


def with_figure(ds: xr.Dataset, label: str) -> xr.Dataset:
    """Name the paper figure in ``ds.attrs["paper"]``.

    Examples
    --------
    >>> with_figure(xr.Dataset(), "Fig. 3(a)").attrs["paper"]
    'Roman-Ancheyta et al., PRA 104, 062209 (2021), Fig. 3(a)'
    """
    ds.attrs["paper"] = f"Roman-Ancheyta et al., PRA 104, 062209 (2021), {label}"
    return ds


def draw_transient(ds: xr.Dataset, *, unit: str, eqs: tuple[str, str]) -> Figure:
    """Two panels: optimised C̄(T) and P̄(T); solid exact, dashed the paper's formulas, dots.

    Examples
    --------
    >>> from autocoherence.figures.collision_fig2b import compute
    >>> ds = compute((1,), forms=("rwa",), n_temperatures=2, dot_temperatures=())
    >>> fig = draw_transient(ds, unit="qubit", eqs=("15", "16"))
    >>> len(fig.axes), float(fig.axes[0].get_xlim()[1])   # C and P panels up to T = 2
    (2, 2.0)
    """
    from matplotlib import colormaps  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    T = ds.temperature.values
    fig = Figure(figsize=(7.6, 3.9))
    ax_c, ax_p = fig.subplots(1, 2)
    colors = colormaps["tab10"]
    for j, form in enumerate(ds.coupling.values):
        for k, n in enumerate(ds.cluster_size.values):
            sel = {"unit": unit, "coupling": form, "cluster_size": n}
            color = colors(2 * j + k)
            label = f"{'RWA' if form == 'rwa' else 'C-R'}, N = {n}"
            ax_c.plot(T, ds.l1_coherence.sel(sel), color=color, lw=1.6, label=label)
            ax_c.plot(T, ds.closed_form_l1_coherence.sel(sel), "--", color=color, lw=1.0)
            ax_p.plot(T, ds.purity.sel(sel), color=color, lw=1.6, label=label)
            ax_p.plot(T, ds.closed_form_purity.sel(sel), "--", color=color, lw=1.0)
            mask = (
                (ds.dot_unit.values == unit)
                & (ds.dot_coupling.values == form)
                & (ds.dot_cluster_size.values == n)
            )
            ax_c.plot(ds.dot_temperature[mask], ds.dot_l1_coherence[mask], "o", color=color, ms=4)
            ax_p.plot(ds.dot_temperature[mask], ds.dot_purity[mask], "o", color=color, ms=4)
    ax_c.plot([], [], "k-", label="exact optimum (master eq.)")
    ax_c.plot([], [], "k--", label=f"Eq. ({eqs[0]})")
    ax_c.plot([], [], "ko", ms=4, label=rf"collisions, $\tau$ = {ds.attrs['tau']:g}")
    ax_c.set_ylabel(r"$\bar{\mathcal{C}}_{TS}$")
    ax_p.set_ylabel(rf"$\bar{{\mathcal{{P}}}}_{{TS}}$ (dashed: Eq. ({eqs[1]}))")
    for ax in (ax_c, ax_p):
        ax.set_xlabel(r"$k_B T/\hbar\omega_B$")
        ax.set_xlim(0, T.max())
    ax_c.set_ylim(0, None)
    handles, labels = ax_c.get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=4, frameon=False)
    note_skipped_dots(fig, ds)
    fig.suptitle(
        rf"$f_1$ = {ds.attrs['f1']:g}, $f_2$ = {ds.attrs['f2']:g}, {unit} bath units",
    )
    fig.tight_layout(rect=(0, 0.17, 1, 1))
    return fig


def note_skipped_dots(fig: Figure, ds: xr.Dataset) -> None:
    """Say on the figure which exact-collision dots are missing, and why (none by default)."""
    skipped = str(ds.attrs.get("dots_skipped", "none"))
    if skipped != "none":
        fig.text(
            0.01,
            0.01,
            f"no collision dot where target ⊗ mode exceeds {ds.attrs.get('max_dense_dim')}"
            f" dimensions: {skipped}",
            fontsize="x-small",
            color="0.3",
        )
