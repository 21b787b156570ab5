"""Contracts every figure keeps: paper order, typed keyword options that are validated,
described data (long_name and units on every variable and coordinate), pyplot-free drawing
that leaves the user's matplotlib backend alone, and save() in png, pdf and svg at any dpi.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import matplotlib
import pytest
import xarray as xr

from autocoherence.errors import ParameterError
from autocoherence.figures import FigureSpec, figure_names, get_figure, registry, save

PAPER_ORDER = [
    "collision-fig1c",
    "collision-fig2a",
    "collision-fig2b",
    "collision-fig3a",
    "collision-fig3b",
    "collision-fig4c",
    "collision-fig5a",
    "collision-fig5b",
    "collision-fig6",
    "spins-fig1a",
    "spins-fig1b",
    "spins-fig2a",
    "spins-fig2b",
    "spins-fig2c",
    "spins-fig3a",
    "spins-fig3b",
    "spins-fig4",
    "beyond-me",
    "work-vs-coherence",
    "pareto",
]

#: Reduced resolution of every figure (each compute < 0.5 s).
SMALL: dict[str, dict] = {
    "collision-fig1c": {"cluster_sizes": (1,), "n_collisions": 3, "points_per_collision": 2},
    "collision-fig2a": {"cluster_sizes": (1,), "n_temperatures": 3, "dot_temperatures": (1.0,)},
    "collision-fig2b": {
        "cluster_sizes": (1,),
        "forms": ("rwa",),
        "n_temperatures": 2,
        "dot_temperatures": (1.0,),
    },
    "collision-fig3a": {"n_temperatures": 2, "dot_temperatures": (1.0,)},
    "collision-fig3b": {"n_temperatures": 2, "dot_temperatures": (0.5,)},
    "collision-fig4c": {"n_collisions": 3, "points_per_collision": 2},
    "collision-fig5a": {"cluster_sizes": (1,), "n_temperatures": 3, "dot_temperatures": (1.0,)},
    "collision-fig5b": {
        "cluster_sizes": (2,),
        "forms": ("rwa",),
        "n_temperatures": 2,
        "dot_temperatures": (0.5,),
    },
    "collision-fig6": {"n_times": 5, "t_max": 2.0, "dot_every": 10},
    "spins-fig1a": {"cluster_sizes": (2,), "n_temperatures": 3},
    "spins-fig1b": {"n": 2, "n_temperatures": 3, "dot_temperatures": (0.5,)},
    "spins-fig2a": {"gammas": (0.5,), "n_temperatures": 3, "dot_temperatures": (0.5,)},
    "spins-fig2b": {"gammas": (0.5,), "n_temperatures": 3},
    "spins-fig2c": {"gammas": (0.5,), "n_temperatures": 3},
    "spins-fig3a": {"cluster_sizes": (1, 2), "n_temperatures": 3, "dot_temperatures": (0.5,)},
    "spins-fig3b": {"cluster_sizes": (1, 2), "n_temperatures": 3},
    "spins-fig4": {"cluster_sizes": (1, 2), "n_temperatures": 3},
    "beyond-me": {"cluster_sizes": (1, 20), "taus": (0.051,), "temperatures": (0.1,)},
    "work-vs-coherence": {"f2_values": (0.6,), "n_f1": 3, "dot_f1": (0.4,)},
    "pareto": {"cluster_sizes": (1,), "n": 3},
}


@pytest.fixture(scope="module")
def small_datasets() -> dict[str, xr.Dataset]:
    return {name: spec.compute(**SMALL[name]) for name, spec in registry().items()}


def test_figures_are_listed_in_paper_order() -> None:
    assert figure_names() == PAPER_ORDER
    assert set(SMALL) == set(PAPER_ORDER)


def test_unknown_figure_is_a_parameter_error_listing_the_names() -> None:
    with pytest.raises(ParameterError, match="unknown figure 'fig9'; available: collision-fig1c"):
        get_figure("fig9")


@pytest.mark.parametrize("name", PAPER_ORDER)
def test_compute_takes_typed_keyword_options_with_defaults(name: str) -> None:
    """The command line derives each figure's options from this signature."""
    signature = inspect.signature(get_figure(name).compute, eval_str=True)
    assert signature.parameters
    for param in signature.parameters.values():
        assert param.kind in (param.KEYWORD_ONLY, param.POSITIONAL_OR_KEYWORD), param.name
        assert param.annotation is not inspect.Parameter.empty, param.name
        assert param.default is not inspect.Parameter.empty, param.name
    assert signature.return_annotation is xr.Dataset


@pytest.mark.parametrize("name", PAPER_ORDER)
def test_a_bad_frequency_is_rejected_naming_the_option(name: str) -> None:
    spec = get_figure(name)
    option = next(p for p in inspect.signature(spec.compute).parameters if p.startswith("omega"))
    with pytest.raises(ParameterError, match=rf"^{option} must be > 0, got {option}=-1.0$"):
        spec.compute(**{option: -1.0})


@pytest.mark.parametrize(
    ("name", "options", "message"),
    [
        ("collision-fig2a", {"cluster_sizes": (1, 0)}, "cluster_sizes must be an integer >= 1"),
        ("collision-fig2a", {"n_temperatures": 1}, "n_temperatures must be an integer >= 2"),
        ("collision-fig2a", {"t_min": 2.0, "t_max": 1.0}, "t_max must be > t_min = 2.0"),
        ("collision-fig1c", {"tau": 0.0}, "tau must be > 0, got tau=0.0"),
        ("collision-fig5b", {"forms": ("rwa", "jc")}, "forms must be one of 'rwa', 'rabi'"),
        ("collision-fig6", {"z0": 0.2}, r"z0 must be in \(-1, 0\)"),
        ("collision-fig6", {"unit": "spin"}, "unit must be one of 'oscillator', 'qubit'"),
        ("beyond-me", {"taus": (0.05, -0.1)}, "taus must be > 0"),
        ("beyond-me", {"temperatures": (-0.5,)}, "temperatures must be >= 0"),
        ("spins-fig1b", {"dot_temperatures": (float("nan"),)}, "dot_temperatures must be >= 0"),
        ("collision-fig2a", {"cluster_sizes": (2, 2)}, "cluster_sizes must not repeat a value"),
    ],
)
def test_bad_options_raise_parameter_errors(name: str, options: dict, message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        get_figure(name).compute(**options)


@pytest.mark.parametrize("name", PAPER_ORDER)
def test_every_variable_and_coordinate_has_long_name_and_units(
    name: str, small_datasets: dict[str, xr.Dataset]
) -> None:
    ds = small_datasets[name]
    for var in [*ds.data_vars, *ds.coords]:
        attrs = ds[var].attrs
        assert attrs.get("long_name"), (name, var)
        assert attrs.get("units"), (name, var)
    if "temperature" in ds.coords:
        assert ds.coords["temperature"].attrs["units"] in {"hbar*omega_B/k_B", "hbar*omega/k_B"}


@pytest.mark.parametrize("name", PAPER_ORDER)
def test_every_figure_draws_without_pyplot(name: str, small_datasets) -> None:
    from matplotlib.figure import Figure  # noqa: PLC0415

    fig = get_figure(name).draw(small_datasets[name])
    assert isinstance(fig, Figure)
    assert fig.axes
    assert fig.canvas.manager is None  # not registered with pyplot


def _tiny_spec() -> FigureSpec:
    from matplotlib.figure import Figure  # noqa: PLC0415

    def compute(x: float = 1.0) -> xr.Dataset:
        return xr.Dataset({"x": ((), x, {"long_name": "x", "units": "1"})})

    def draw(ds: xr.Dataset) -> Figure:
        fig = Figure(figsize=(2.0, 1.5))
        fig.add_subplot().plot([0, 1], [0, float(ds.x)])
        return fig

    return FigureSpec("tiny", "A line.", compute, draw)


def test_importing_and_saving_keeps_the_users_backend(tmp_path: Path) -> None:
    before = matplotlib.get_backend()
    matplotlib.use("svg")  # a user's choice, e.g. an inline backend in Jupyter
    try:
        import autocoherence.figures  # noqa: F401, PLC0415

        save(get_figure("collision-fig1c"), tmp_path, **SMALL["collision-fig1c"])
        save(_tiny_spec(), tmp_path, fmt="pdf")
        assert matplotlib.get_backend() == "svg"
    finally:
        matplotlib.use(before)


@pytest.mark.parametrize(
    ("fmt", "magic"), [("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF"), ("svg", b"<?xml")]
)
def test_save_writes_each_format(fmt: str, magic: bytes, tmp_path: Path) -> None:
    image, nc = save(_tiny_spec(), tmp_path, fmt=fmt, x=0.5)
    assert image == tmp_path / f"tiny.{fmt}"
    assert image.read_bytes().startswith(magic)
    with xr.open_dataset(nc) as back:
        assert float(back.x) == 0.5
        assert back.attrs["figure"] == "tiny"


def test_save_dpi_sets_the_png_resolution(tmp_path: Path) -> None:
    import struct  # noqa: PLC0415

    def width(path: Path) -> int:
        return struct.unpack(">I", path.read_bytes()[16:20])[0]

    low, _ = save(_tiny_spec(), tmp_path / "low", dpi=50)
    default, _ = save(_tiny_spec(), tmp_path / "default")
    high, _ = save(_tiny_spec(), tmp_path / "high", dpi=260)
    # bbox_inches="tight" trims a few pixels, so compare ratios, not absolute sizes
    assert width(high) / width(default) == pytest.approx(2.0, rel=0.05)
    assert width(default) / width(low) == pytest.approx(2.6, rel=0.05)


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"fmt": "jpg"}, ParameterError, "fmt must be one of 'png', 'pdf', 'svg'; got fmt='jpg'"),
        ({"dpi": 0}, ParameterError, "dpi must be an integer >= 1, got dpi=0"),
        ({"dpi": 72.5}, TypeError, "dpi must be an integer >= 1, got dpi=72.5"),
    ],
)
def test_save_rejects_bad_format_and_dpi(
    options: dict, error: type, message: str, tmp_path: Path
) -> None:
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        save(_tiny_spec(), tmp_path, **options)
    assert not list(tmp_path.iterdir())  # nothing computed or written
