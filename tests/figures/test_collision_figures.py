"""PRA104 Figs. 1(c), 2(a), 4(c), 5(a): data layout, contracts, dots, files, CLI.

Tolerance of dots against curves. The dots come from the exact repeated-collision channel at a
finite τ, the curves from the closed form / master equation (the τ → 0 limit), so they differ
by O(τ). Measured (largest |dot - curve| of C or P over the figure's temperatures or over 30
collisions):

* Fig. 2(a), qubit units, τ = 0.051: 7.6e-4, 3.7e-3, 5.8e-3, 9.9e-3 for N = 1, 2, 3, 8;
* Fig. 5(a), oscillator units, τ = 0.051: 2.0e-3, 5.5e-3, 7.7e-3 for N = 1, 2, 3;
* Fig. 1(c), τ = 1: 0.021, 0.075, 0.118 for N = 1, 2, 3 (0.010, 0.037, 0.056 at τ = 0.5).

All are linear in τ (halving τ halves them) and grow with N, so the tests allow
|dot - curve| ≤ 0.1·N·τ, at least 1.9 times every measured difference.
"""

from __future__ import annotations

import inspect
import math
from pathlib import Path

import numpy as np
import pytest
import xarray as xr
from typer.testing import CliRunner

from autocoherence.cli import app
from autocoherence.collision import CollisionModel, Composite
from autocoherence.figures import get_figure, save
from autocoherence.spaces import Oscillator, Qubit

F2 = 0.6
F1 = F2 / math.sqrt(2)


def compute(name: str, *args, **options) -> xr.Dataset:
    """Data of the figure collision-NAME (through the registry, as the CLI computes it)."""
    return get_figure(f"collision-{name}").compute(*args, **options)


def dot_tolerance(n: int, tau: float) -> float:
    """Allowed |dot - curve| for cluster size n at collision duration tau (module docstring)."""
    return 0.1 * n * tau


def closed_form_state(unit: Qubit | Oscillator, n: int, temperature: float):
    model = CollisionModel(
        target=Qubit(1.0),
        unit=unit,
        cluster_size=n,
        coupling=Composite(f1=F1, f2=F2),
        temperature=temperature,
    )
    return model.steady_state(method="closed_form")


@pytest.fixture(scope="module")
def fig2a() -> xr.Dataset:
    return compute("fig2a", (1, 2), n_temperatures=25, dot_temperatures=(0.05, 1.0))


@pytest.fixture(scope="module")
def fig5a() -> xr.Dataset:
    # N = 2 uses one collective mode (issue 4): every dot is computed
    return compute("fig5a", (1, 2), n_temperatures=25, dot_temperatures=(0.05, 1.0, 2.0))


@pytest.fixture(scope="module")
def fig1c() -> xr.Dataset:
    return compute("fig1c", (1, 2, 3), n_collisions=15, points_per_collision=4)


# ----------------------------------------------------------------------------- layout
@pytest.mark.parametrize("name", ["fig2a", "fig5a"])
def test_steady_state_figures_layout(name: str, request: pytest.FixtureRequest) -> None:
    ds = request.getfixturevalue(name)
    assert ds.l1_coherence.dims == ("cluster_size", "temperature")
    assert ds.purity.dims == ("cluster_size", "temperature")
    assert ds.l1_coherence_large_n.dims == ("temperature",)
    assert ds.purity_large_n.dims == ("temperature",)
    for var in ("dot_l1_coherence", "dot_purity", "dot_closed_form_l1_coherence"):
        assert ds[var].dims == ("dot",)
    assert list(ds.cluster_size.values) == [1, 2]
    assert ds.sizes["temperature"] == 25
    assert ds.temperature.values[0] == pytest.approx(0.01)
    assert ds.temperature.values[-1] == pytest.approx(3.0)
    assert ds.attrs["f1"] == pytest.approx(F1)
    assert ds.attrs["tau"] == pytest.approx(0.051)
    assert all(np.isrealobj(v.values) for v in ds.data_vars.values())
    assert np.all(np.isfinite(ds.l1_coherence))
    assert np.all(np.isfinite(ds.dot_l1_coherence))


def test_fig1c_layout(fig1c: xr.Dataset) -> None:
    assert fig1c.l1_coherence.dims == ("cluster_size", "time")
    assert fig1c.collision_l1_coherence.dims == ("cluster_size", "collision")
    assert fig1c.steady_l1_coherence.dims == ("cluster_size",)
    assert list(fig1c.collision.values) == list(range(16))
    assert fig1c.sizes["time"] == 15 * 4 + 1
    assert fig1c.attrs["temperature"] == pytest.approx(0.2)
    assert fig1c.attrs["beta"] == pytest.approx(5.0)
    # the initial state is the thermal one: no coherence before the first collision
    assert np.allclose(fig1c.collision_l1_coherence.sel(collision=0), 0.0)
    assert np.allclose(fig1c.l1_coherence.isel(time=0), 0.0)


# --------------------------------------------------------------------------- contracts
@pytest.mark.parametrize(("name", "unit"), [("fig2a", Qubit(1.0)), ("fig5a", Oscillator(1.0, 40))])
def test_curves_are_the_models_closed_form(
    name: str, unit: Qubit | Oscillator, request: pytest.FixtureRequest
) -> None:
    ds = request.getfixturevalue(name)
    for n in (1, 2):
        for k in (0, 12, 24):
            t = float(ds.temperature[k])
            s = closed_form_state(unit, n, t)
            assert float(ds.l1_coherence.sel(cluster_size=n)[k]) == pytest.approx(
                s.l1_coherence, abs=1e-12
            )
            assert float(ds.purity.sel(cluster_size=n)[k]) == pytest.approx(s.purity, abs=1e-12)


@pytest.mark.parametrize("name", ["fig2a", "fig5a"])
def test_large_n_limits_are_eq_10_and_11(name: str, request: pytest.FixtureRequest) -> None:
    ds = request.getfixturevalue(name)
    th = np.tanh(1.0 / (2 * ds.temperature.values))
    c0 = F1 * F2 / (F1**2 + F2**2 / 2)
    np.testing.assert_allclose(ds.l1_coherence_large_n, c0 * th, rtol=1e-12)
    p11 = 0.5 + (0.5 + F2**2 / (8 * F1**2)) * c0**2 * th**2  # Eq. (11) as printed
    np.testing.assert_allclose(ds.purity_large_n, p11, rtol=1e-12)
    # Eq. (10) bounds C_ss from above for every finite N (qubit and oscillator units)
    assert np.all(ds.l1_coherence <= ds.l1_coherence_large_n)


def test_oscillator_and_qubit_clusters_agree_at_low_temperature(
    fig2a: xr.Dataset, fig5a: xr.Dataset
) -> None:
    # PRA104 Sec. III A: coth and tanh -> 1 as T -> 0, so the two baths give the same C_ss
    low = {"temperature": 0.01}
    np.testing.assert_allclose(fig5a.l1_coherence.sel(low), fig2a.l1_coherence.sel(low))
    # and the oscillator C_ss decays more slowly with T (caption of Fig. 5(a))
    assert np.all(fig5a.l1_coherence.isel(temperature=-1) > fig2a.l1_coherence.isel(temperature=-1))


def test_fig1c_curves_are_the_models_routes(fig1c: xr.Dataset) -> None:
    for n in (1, 3):
        model = CollisionModel(
            target=Qubit(1.0),
            unit=Qubit(1.0),
            cluster_size=n,
            coupling=Composite(f1=F1, f2=F2),
            temperature=0.2,
            tau=1.0,
        )
        sel = fig1c.sel(cluster_size=n)
        assert float(sel.steady_l1_coherence) == pytest.approx(
            model.steady_state(method="closed_form").l1_coherence, abs=1e-12
        )
        me = model.evolve([2.5, 7.0], method="master_equation").l1_coherence.values
        np.testing.assert_allclose(sel.l1_coherence.sel(time=[2.5, 7.0]), me, atol=1e-10)
        strobe = model.evolve([4.0], method="collisions").l1_coherence.values
        np.testing.assert_allclose(sel.collision_l1_coherence.sel(collision=4), strobe[0])


# ------------------------------------------------------------------------ dots vs curves
@pytest.mark.parametrize("name", ["fig2a", "fig5a"])
def test_dots_agree_with_the_curves_within_o_tau(name: str, request: pytest.FixtureRequest) -> None:
    ds = request.getfixturevalue(name)
    tau = ds.attrs["tau"]
    assert ds.sizes["dot"] > 0
    for i in range(ds.sizes["dot"]):
        dot = ds.isel(dot=i)
        n, t = int(dot.dot_cluster_size), float(dot.dot_temperature)
        # the closed form stored beside each dot is the curve's formula at the dot's (N, T)
        unit = Qubit(1.0) if name == "fig2a" else Oscillator(1.0, 2)
        ref = closed_form_state(unit, n, t)
        assert float(dot.dot_closed_form_l1_coherence) == pytest.approx(ref.l1_coherence)
        tol = dot_tolerance(n, tau)
        assert abs(float(dot.dot_l1_coherence) - ref.l1_coherence) < tol
        assert abs(float(dot.dot_purity) - ref.purity) < tol


def test_dot_error_is_first_order_in_tau() -> None:
    diffs = []
    for tau in (0.051, 0.0255):
        ds = compute("fig2a", (2,), tau=tau, n_temperatures=2, dot_temperatures=(0.05,))
        diffs.append(float(ds.dot_l1_coherence[0] - ds.dot_closed_form_l1_coherence[0]))
    assert diffs[0] / diffs[1] == pytest.approx(2.0, rel=0.05)


def test_fig1c_dots_agree_with_the_master_equation_within_o_tau(fig1c: xr.Dataset) -> None:
    tau = fig1c.attrs["tau"]
    for n in fig1c.cluster_size.values:
        sel = fig1c.sel(cluster_size=n)
        curve_at_dots = sel.l1_coherence.sel(time=sel.collision_time.values).values
        gap = np.abs(sel.collision_l1_coherence.values - curve_at_dots).max()
        assert gap < dot_tolerance(int(n), tau)
        # the dots settle on the channel's fixed point, the curve on the closed form
        assert float(sel.collision_l1_coherence[-1]) == pytest.approx(
            float(sel.collision_steady_l1_coherence), abs=1e-3
        )
        assert float(sel.l1_coherence[-1]) == pytest.approx(
            float(sel.steady_l1_coherence), abs=2e-3
        )


def test_fig2a_draws_dots_beyond_the_dense_limit(tmp_path: Path) -> None:
    """N = 12 and 64 (dense dimension 2^13, 2^65): dots by the total-spin reduction."""
    ds = compute("fig2a", (1, 12, 64), n_temperatures=5, dot_temperatures=(0.5,))
    assert list(ds.dot_cluster_size.values) == [1, 12, 64]
    gap = ds.dot_l1_coherence - ds.dot_closed_form_l1_coherence
    assert abs(float(gap[1])) < dot_tolerance(12, 0.051)  # N f² τ = 0.22: still O(τ)
    # N f² τ = 1.2: the exact collisions exceed the master equation (docs/collision.md)
    assert float(gap[2]) > 0.03
    ds.to_netcdf(tmp_path / "large_n.nc")


def test_fig5a_records_dots_and_fock_dimensions(fig5a: xr.Dataset) -> None:
    pairs = set(zip(fig5a.dot_cluster_size.values, fig5a.dot_temperature.values, strict=True))
    assert pairs == {(1, 0.05), (1, 1.0), (1, 2.0), (2, 0.05), (2, 1.0), (2, 2.0)}
    assert fig5a.attrs["dots_skipped"] == "none"
    # the Fock dimension grows with T: thermal tail e^{-dim/T} <= truncation_tol = 1e-6
    dims = fig5a.dot_unit_dim.values[fig5a.dot_cluster_size.values == 1]
    assert list(dims) == sorted(dims)
    assert np.all(np.exp(-dims / fig5a.dot_temperature.values[:3]) <= 1e-6)


# -------------------------------------------------------------------------------- files
@pytest.mark.parametrize(
    ("spec", "options"),
    [
        (get_figure("collision-fig1c"), {"cluster_sizes": (1, 2), "n_collisions": 5}),
        (
            get_figure("collision-fig2a"),
            {"cluster_sizes": (1,), "n_temperatures": 10, "dot_temperatures": (0.5,)},
        ),
        (
            get_figure("collision-fig5a"),
            {"cluster_sizes": (1,), "n_temperatures": 10, "dot_temperatures": (0.5,)},
        ),
    ],
)
def test_save_writes_png_and_netcdf(spec, options: dict, tmp_path: Path) -> None:
    png, nc = save(spec, tmp_path, **options)
    assert png == tmp_path / f"{spec.name}.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with xr.open_dataset(nc) as back:
        assert back.attrs["figure"] == spec.name
        fresh = spec.compute(**options)
        for var in fresh.data_vars:
            np.testing.assert_allclose(back[var].values, fresh[var].values)


# ---------------------------------------------------------------------------------- CLI
def test_cli_lists_the_figures() -> None:
    result = CliRunner().invoke(app, ["figure", "--list"])
    assert result.exit_code == 0, result.output
    for name in ("collision-fig1c", "collision-fig2a", "collision-fig5a"):
        assert name in result.output


def test_cli_writes_a_figure(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["figure", "collision-fig2a", "--out", str(tmp_path), "--n", "1", "--n", "2"]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "collision-fig2a.png").stat().st_size > 0
    with xr.open_dataset(tmp_path / "collision-fig2a.nc") as back:
        assert list(back.cluster_size.values) == [1, 2]


def test_cli_takes_several_cluster_sizes_after_one_flag(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["figure", "collision-fig2a", "--out", str(tmp_path), "--n", "1", "2"]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "collision-fig2a.png").stat().st_size > 0
    ds = xr.open_dataset(tmp_path / "collision-fig2a.nc")
    assert list(ds.cluster_size.values) == [1, 2]


def test_cli_rejects_stray_arguments_without_n(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["figure", "collision-fig2a", "3", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "did you mean --n" in result.output


# ----------------------------------------------------------------- same route, 1e-10
def test_fig2a_dots_are_the_collision_fixed_point_of_the_dense_channel() -> None:
    """Dots by the total-spin reduction against the channel on the whole 2·2^N space."""
    ds = compute("fig2a", (1, 3), n_temperatures=2, dot_temperatures=(0.05, 1.0))
    for i in range(ds.sizes["dot"]):
        dot = ds.isel(dot=i)
        model = CollisionModel(
            target=Qubit(1.0),
            unit=Qubit(1.0),
            cluster_size=int(dot.dot_cluster_size),
            coupling=Composite(f1=F1, f2=F2),
            temperature=float(dot.dot_temperature),
            tau=0.051,
        )
        dense = model.steady_state(method="collisions", dense=True)
        assert float(dot.dot_l1_coherence) == pytest.approx(dense.l1_coherence, abs=1e-10)
        assert float(dot.dot_purity) == pytest.approx(dense.purity, abs=1e-10)


# ------------------------------------------------------------------------------ Fig. 4(c)
@pytest.fixture(scope="module")
def fig4c() -> xr.Dataset:
    return compute("fig4c", (1, 2), n_collisions=30, points_per_collision=2)


def test_fig4c_defaults_are_one_oscillator_tau_1_beta_5() -> None:
    sig = inspect.signature(get_figure("collision-fig4c").compute)
    assert sig.parameters["cluster_sizes"].default == (1,)
    assert sig.parameters["tau"].default == 1.0
    assert sig.parameters["temperature"].default == 0.2


def test_fig4c_dots_are_exact_collisions_with_the_dense_oscillators(fig4c: xr.Dataset) -> None:
    """N = 1: the dense channel itself; N = 2: the figure's collective mode against the
    channel on the target ⊗ 2-oscillator space (both truncated at the figure's dim)."""
    dim = int(fig4c.attrs["unit_dim"])
    for n in (1, 2):
        model = CollisionModel(
            target=Qubit(1.0),
            unit=Oscillator(1.0, dim),
            cluster_size=n,
            coupling=Composite(f1=F1, f2=F2),
            temperature=0.2,
            tau=1.0,
        )
        dense = model.evolve(np.arange(31.0), method="collisions", dense=True)
        np.testing.assert_allclose(
            fig4c.collision_l1_coherence.sel(cluster_size=n), dense.l1_coherence, atol=1e-10
        )
        me = model.evolve([5.0, 30.0]).l1_coherence.values
        np.testing.assert_allclose(
            fig4c.l1_coherence.sel(cluster_size=n, time=[5.0, 30.0]), me, atol=1e-10
        )


def test_fig4c_dots_settle_on_the_fixed_point_and_the_curve_on_the_closed_form(
    fig4c: xr.Dataset,
) -> None:
    """After 30 collisions the dots sit on the τ = 1 fixed point (|λ₂|³⁰ ≈ 1e-7 left) and
    the master equation on Eq. (3) with the bosonic moments (18) (e^{-γ t}, γ t ≈ 10)."""
    last = fig4c.isel(collision=-1, time=-1)
    xr.testing.assert_allclose(
        last.collision_l1_coherence.drop_vars(["collision", "collision_time", "time"]),
        fig4c.collision_steady_l1_coherence.rename(last.collision_l1_coherence.name),
        atol=1e-6,
    )
    xr.testing.assert_allclose(
        last.l1_coherence.drop_vars(["collision", "collision_time", "time"]),
        fig4c.steady_l1_coherence.rename(last.l1_coherence.name),
        atol=1e-4,
    )


def test_fig4c_collision_gap_is_first_order_in_tau() -> None:
    """Fixed point minus closed form: halving τ halves it (O(τ), PRA104 App. A)."""
    gaps = []
    for tau in (0.2, 0.1):
        ds = compute("fig4c", tau=tau, n_collisions=1, points_per_collision=1)
        gaps.append((ds.collision_steady_l1_coherence - ds.steady_l1_coherence).item())
    assert gaps[0] > 0
    assert gaps[0] / gaps[1] == pytest.approx(2.0, rel=0.05)


def test_fig4c_at_zero_temperature_equals_qubit_units() -> None:
    """At T = 0 a thermal oscillator and a thermal qubit have the same moments
    ⟨{B, B†}⟩ = ⟨[B, B†]⟩ = N, so the closed-form C_ss of Figs. 4(c) and 1(c) coincide."""
    osc = compute("fig4c", temperature=0.0, n_collisions=2, points_per_collision=1)
    qubit = compute("fig1c", (1,), temperature=0.0, n_collisions=2, points_per_collision=1)
    xr.testing.assert_allclose(osc.steady_l1_coherence, qubit.steady_l1_coherence, atol=1e-12)
    # Eq. (8) at N = 1, T = 0 with f1 = f2/√2
    ref = closed_form_state(Qubit(1.0), 1, 0.0)
    assert osc.steady_l1_coherence.item() == pytest.approx(ref.l1_coherence, abs=1e-12)


@pytest.mark.parametrize("name", ["fig2a", "fig5a"])
def test_steady_state_curves_at_zero_temperature_are_the_closed_forms(name: str) -> None:
    """T = 0: ⟨{B, B†}⟩ = ⟨[B, B†]⟩ = N for qubit and oscillator units alike, so Eq. (8) gives
    the same C_ss for both, and the N ≫ 1 line is C₀ = 1/√2 exactly (f1 = f2/√2)."""
    ds = compute(name, (1, 3), t_min=0.0, n_temperatures=2, dot_temperatures=())
    at_zero = ds.isel(temperature=0)
    expected = xr.DataArray(
        [closed_form_state(Qubit(1.0), n, 0.0).l1_coherence for n in (1, 3)],
        coords={"cluster_size": [1, 3]},
        dims="cluster_size",
    )
    xr.testing.assert_allclose(
        at_zero.l1_coherence.drop_vars("temperature").reset_coords(drop=True),
        expected.rename("l1_coherence"),
        atol=1e-12,
    )
    assert float(at_zero.l1_coherence_large_n) == pytest.approx(1 / math.sqrt(2), abs=1e-12)
