"""Figures of paper 2 (Local Figs. 1(a)-(b), 2(a)-(c), 3(a)-(b), 4): compute, draw, files, CLI.

Dots are dense Gibbs states and curves closed forms valid at every T (or dense), so they
agree to rounding: 1e-12. T -> 0 markers of formulas exact in the ground state equal the
curve at T = 0 to 1e-12 as well.
"""

from __future__ import annotations

import inspect
import math
import typing
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
import xarray as xr
from typer.testing import CliRunner

from autocoherence.cli import app
from autocoherence.errors import ParameterError
from autocoherence.figures import figure_names, get_figure, save
from autocoherence.figures.spin_curves import SPECS
from autocoherence.spins import closed_form as cf

SMALL = {"n_temperatures": 21}  # step 0.1 on [0, 2]: the dot temperatures lie on the grid
CASES = [
    ("spins-fig1a", {**SMALL, "cluster_sizes": (2,)}),
    ("spins-fig1b", {**SMALL, "n": 2, "dot_temperatures": (0.3, 1.0)}),
    ("spins-fig2a", {**SMALL, "gammas": (0.5, 1.0), "dot_temperatures": (0.3, 1.0)}),
    ("spins-fig2b", {**SMALL, "gammas": (0.5, 1.0)}),
    ("spins-fig2c", {**SMALL, "gammas": (0.5, 1.0)}),
    ("spins-fig3a", {**SMALL, "cluster_sizes": (1, 3), "dot_temperatures": (0.3, 1.0)}),
    ("spins-fig3b", {**SMALL, "cluster_sizes": (1, 3)}),
    ("spins-fig4", {**SMALL, "cluster_sizes": (1, 3)}),
]
IDS = [name for name, _ in CASES]


def compute(name: str, *args, **options):
    return get_figure(name).compute(*args, **options)


@pytest.fixture(scope="module")
def datasets() -> dict[str, xr.Dataset]:
    return {name: compute(name, **opts) for name, opts in CASES}


def test_every_spins_figure_is_registered_in_paper_order():
    names = figure_names()
    assert [s.name for s in SPECS] == IDS
    assert [n for n in names if n.startswith("spins-")] == IDS


@pytest.mark.parametrize(("name", "options"), CASES, ids=IDS)
def test_compute_layout_and_draw(name, options, datasets):
    ds = datasets[name]
    assert ds.l1_coherence.dims == ("curve", "temperature")
    assert ds.temperature.values[0] == 0.0
    assert ds.sizes["temperature"] == 21
    for var in ds.data_vars.values():
        assert np.isrealobj(var.values)
    assert np.all(np.isfinite(ds.l1_coherence))
    assert np.all((ds.l1_coherence >= 0) & (ds.l1_coherence <= 1))
    fig = get_figure(name).draw(ds)
    assert fig.axes


@pytest.mark.parametrize(("name", "options"), CASES, ids=IDS)
def test_dots_and_markers_agree_with_curves(name, options, datasets):
    ds = datasets[name]
    for i in range(ds.sizes["curve"]):
        c = ds.isel(curve=i)
        dots = c.dot_l1_coherence.values
        if np.any(np.isfinite(dots)):  # closed-form curve vs dense Gibbs dots: the same state
            on_grid = c.l1_coherence.sel(temperature=ds.dot_temperature.values, method="nearest")
            np.testing.assert_allclose(on_grid.temperature, ds.dot_temperature, atol=1e-12)
            np.testing.assert_allclose(dots, on_grid.values, rtol=0, atol=1e-10)
        low = float(c.low_t_closed_form)
        exact_at_zero = name != "spins-fig1a" or i == 0  # (C6) is leading order only
        if np.isfinite(low) and exact_at_zero:
            assert low == pytest.approx(float(c.l1_coherence[0]), abs=1e-12)


def test_fig2a_dots_equal_closed_form_eq6(datasets):
    ds = datasets["spins-fig2a"]
    for i in range(ds.sizes["curve"]):
        c = ds.isel(curve=i)
        ref = cf.direct_c1(1.0, float(c.omega2), float(c.gamma), ds.dot_temperature.values)
        np.testing.assert_allclose(c.dot_l1_coherence, ref, atol=1e-12)


def test_fig3a_dots_equal_exact_sum(datasets):
    ds = datasets["spins-fig3a"]
    for i in range(ds.sizes["curve"]):
        c = ds.isel(curve=i)
        n = int(c.n)
        ref = cf.direct_n_c1(1.0, [0.5] * n, [0.25] * n, ds.dot_temperature.values)
        np.testing.assert_allclose(c.dot_l1_coherence, ref, atol=1e-12)


def test_fig2_caption_curves():
    # Fig. 2(a): red solid is ω2 = 0.5 (ω1 = 1); Fig. 2(c): red dashed is ω1 = 1.3
    a = compute("spins-fig2a", n_temperatures=3, dot_temperatures=())
    red_solid = (a.color == "tab:red") & (a.linestyle == "-")
    assert a.omega2.where(red_solid, drop=True).item() == 0.5
    c = compute("spins-fig2c", n_temperatures=3)
    red_dashed = (c.color == "tab:red") & (c.linestyle == "--")
    assert c.omega1.where(red_dashed, drop=True).item() == 1.3


def test_fig4_saturates_with_n():
    ds = compute("spins-fig4", (5, 7), n_temperatures=2)
    sat = 0.5 / math.hypot(0.5, 1.0)  # θ/√(θ² + ω0²), the N -> inf limit of (C9)
    assert np.all(ds.low_t_closed_form < sat)
    assert float(ds.low_t_closed_form[1] - ds.low_t_closed_form[0]) < 0.01


def test_fig1b_collective_plateau_equals_single_strong_ancilla():
    ds = compute("spins-fig1b", n_temperatures=11, dot_temperatures=())
    assert float(ds.low_t_closed_form[0]) == pytest.approx(float(ds.low_t_closed_form[1]))
    # the collective plateau is wider: more coherence left at T = 0.6
    c = ds.l1_coherence.sel(temperature=0.6, method="nearest")
    assert float(c[1]) > float(c[0]) + 0.05


@pytest.mark.parametrize(("name", "options"), CASES[2:4], ids=IDS[2:4])
def test_save_writes_png_and_netcdf(name, options, tmp_path: Path):
    png, nc = save(get_figure(name), tmp_path, **options)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with xr.open_dataset(nc) as back:
        assert back.attrs["figure"] == name
        np.testing.assert_allclose(back.l1_coherence, compute(name, **options).l1_coherence)


def test_cli_draws_a_spins_figure_with_n(tmp_path: Path):
    result = CliRunner().invoke(
        app, ["figure", "spins-fig3b", "--out", str(tmp_path), "--n", "1", "--n", "2"]
    )
    assert result.exit_code == 0, result.output
    with xr.open_dataset(tmp_path / "spins-fig3b.nc") as back:
        assert list(back.n.values) == [1.0, 2.0]


def test_fig1a_green_benchmark(datasets):
    """The mean-force curve starts at its T = 0 closed form 2λΩ/ω2 and decreases with T;
    the one-ancilla (red) coherence beats it at T = 0 (the paper's point)."""
    ds = datasets["spins-fig1a"]
    green = ds.mean_force_l1_coherence.values
    assert green[0] == pytest.approx(2 * 1e-3 * 5.0, rel=1e-10)
    assert float(ds.mean_force_low_t_closed_form) == pytest.approx(green[0], rel=1e-10)
    assert np.all(np.diff(green) < 0)
    assert float(ds.l1_coherence.isel(curve=0, temperature=0)) > green[0]


GRID = ["t_max", "n_temperatures"]
OPTIONS = {  # the command-line options of each figure (`--set NAME=...`), in order
    "spins-fig1a": [
        "cluster_sizes",
        "omega_target",
        "omega_ancilla",
        "coupling_product",
        "lam",
        "cutoff",
        *GRID,
    ],
    "spins-fig1b": [
        "omega1",
        "omega_ancilla",
        "gamma_single",
        "n",
        "gamma_collective",
        "indirect_coupling",
        "indirect_omega1",
        *GRID,
        "dot_temperatures",
    ],
    "spins-fig2a": ["omega1", "gammas", "omega2s", *GRID, "dot_temperatures", "t_high_min"],
    "spins-fig2b": ["omega2", "gammas", "omega1s", *GRID, "t_high_min"],
    "spins-fig2c": ["omega0", "omega2", "gammas", "omega1s", *GRID, "t_high_min"],
    "spins-fig3a": [
        "cluster_sizes",
        "omega1",
        "omega_source",
        "gamma",
        *GRID,
        "dot_temperatures",
        "t_high_min",
    ],
    "spins-fig3b": [
        "cluster_sizes",
        "omega_t",
        "omega_source",
        "gamma",
        "theta",
        *GRID,
        "t_high_min",
    ],
    "spins-fig4": [
        "cluster_sizes",
        "omega0",
        "theta",
        "omega1",
        "omega_source",
        "gamma",
        *GRID,
        "t_high_min",
    ],
}


@pytest.mark.parametrize("name", IDS)
def test_options_of_every_table_entry(name):
    params = inspect.signature(get_figure(name).compute).parameters
    assert list(params) == OPTIONS[name]
    hints = typing.get_type_hints(get_figure(name).compute)
    for p in params.values():
        assert p.default is not p.empty
        assert (p.kind is p.POSITIONAL_OR_KEYWORD) == (p.name == "cluster_sizes")
        if isinstance(p.default, tuple):
            assert hints[p.name] == (
                Sequence[int] if p.name == "cluster_sizes" else Sequence[float]
            )
        else:
            assert hints[p.name] is type(p.default)


def test_invalid_option_names_the_parameter():
    with pytest.raises(ParameterError, match="t_high_min must be >= 0"):
        compute("spins-fig2b", t_high_min=-1.0)
    with pytest.raises(TypeError):
        compute("spins-fig2b", omega3=1.0)
