"""`autocoherence predict`: the TOML validator (one test per bad field), the numbers, the CLI."""

from __future__ import annotations

import copy
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import typer
from typer.testing import CliRunner

import autocoherence as ac
from autocoherence.cli.predict import predict_command
from autocoherence.errors import ParameterError
from autocoherence.lab.predict import load_device, parse_device, predict

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "device-transmon.toml"

GOOD: dict[str, Any] = {
    "target": {"kind": "qubit", "frequency": "5 GHz"},
    "bath": {"kind": "qubit", "frequency": "5 GHz", "temperature": "20 mK", "cluster_size": 3},
    "coupling": {"g_parallel": "3 MHz", "g_exchange": "4 MHz", "tau": "50 ns"},
}


def with_field(path: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    *tables, key = path.split(".")
    where = data
    for t in tables:
        where = where.setdefault(t, {})
    if value is None:
        del where[key]
    else:
        where[key] = value
    return data


BAD = [
    ("temprature", "20 mK", "unknown key 'temprature' at the top level"),
    ("bath.temp", "20 mK", r"unknown key 'temp' in \[bath\]; allowed: kind, frequency"),
    ("bath.temperature", "5 GHz", "bath.temperature needs a temperature, got '5 GHz'"),
    ("bath.temperature", 0.02, "bath.temperature needs a temperature with units"),
    ("bath.temperature", None, r"missing bath.temperature \(a temperature, with units\)"),
    ("target.frequency", "20 mK", "target.frequency needs a frequency, got '20 mK'"),
    ("target.frequency", "5 GHzz", "target.frequency needs a frequency such as '4.9 GHz'"),
    ("target.kind", "fluxonium", "target.kind must be one of 'qubit', 'transmon'"),
    ("target.T1", "100", "target.T1 needs a time, got '100'"),
    ("target.levels", 3, "target.levels applies to kind = 'transmon' only"),
    ("coupling.tau", "1 MHz", "coupling.tau needs a time, got '1 MHz'"),
    ("coupling.tau", None, "missing coupling.tau"),
    ("coupling.g_parallel", "1 mK", "coupling.g_parallel needs a frequency, got '1 mK'"),
    ("coupling.parallel", "x", "coupling.parallel must be one of 'number', 'sigma_z'"),
    ("bath.kind", "spin", "bath.kind must be one of 'qubit', 'oscillator'"),
    ("bath.band", ["4.8 GHz"], r"bath.band must be a pair \[low, high\] of frequency"),
    ("bath.band", ["4.8 GHz", "5.2 GHz"], "bath needs exactly one of bath.frequency"),
    ("bath.cluster_size", 0, "bath.cluster_size must be an integer >= 1, got 0"),
    ("bath.dim", 10, "bath.dim applies to kind = 'oscillator' only"),
    ("optimize.min_purity", "high", "optimize.min_purity must be a number, got 'high'"),
    ("optimize.max_work_rate", "1 MHz", "optimize.max_work_rate needs a power, got '1 MHz'"),
    ("optimize.g_parallel", ["2 MHz", "1 MHz"], "optimize.g_parallel needs low <= high"),
    ("uncertain.T1", ["20 us", "1 GHz"], r"uncertain.T1\[1\] needs a time, got '1 GHz'"),
    ("uncertain.points", 2.5, "uncertain.points must be an integer >= 1"),
    ("reference", "20 mK", "reference needs a frequency, got '20 mK'"),
]


@pytest.mark.parametrize(("path", "value", "message"), BAD, ids=[f"{p}={v}" for p, v, _ in BAD])
def test_each_bad_field_is_named(path: str, value: Any, message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        parse_device(with_field(path, value))


def test_invalid_toml(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[bath\ntemperature = 1")
    with pytest.raises(ParameterError, match="is not valid TOML"):
        load_device(bad)


def test_prediction_is_the_model_it_stands_for() -> None:
    p = predict(parse_device(GOOD), optimize=False)
    lab = ac.Lab("5 GHz")
    tau = lab.time("50 ns")
    model = ac.CollisionModel(
        target=ac.Qubit(1.0),
        unit=ac.Qubit(1.0),
        coupling=ac.Composite(3e6 / 5e9 * math.sqrt(tau), 4e6 / 5e9 * math.sqrt(tau)),
        temperature=lab.temperature("20 mK"),
        cluster_size=3,
        tau=tau,
    )
    s = model.steady_state()
    assert p.l1_coherence == s.l1_coherence
    assert p.purity == s.purity
    assert p.qfi == s.qfi
    w = model.thermodynamics().work_rate
    w_ref = 2 * math.pi * 5e9
    from scipy import constants as const  # noqa: PLC0415

    assert p.work_rate.to("W").magnitude == pytest.approx(w * const.hbar * w_ref**2, rel=1e-12)
    assert p.heat_rate.to("W").magnitude == pytest.approx(-p.work_rate.to("W").magnitude, 1e-9)


def test_optimum_in_lab_units_is_eq10() -> None:
    """T = 0, N → ∞: the best g_parallel at g_exchange = 1 MHz is 1 MHz/√2, C → 1/√2."""
    data = with_field("bath.temperature", "0 K")
    data["bath"]["cluster_size"] = 10**9
    data["optimize"] = {"g_parallel": ["0 MHz", "2 MHz"], "g_exchange": ["1 MHz", "1 MHz"]}
    data["coupling"]["g_exchange"] = "1 MHz"
    p = predict(parse_device(data))
    g1 = p.optimum_g["g_parallel"].to("MHz").magnitude
    assert g1 == pytest.approx(1 / math.sqrt(2), rel=1e-5)
    assert p.optimum.l1_coherence == pytest.approx(1 / math.sqrt(2), abs=1e-6)
    assert "optimum: g_parallel = 707.1 kHz" in p.report()


def test_sensitivity_scans_carry_units() -> None:
    data = copy.deepcopy(GOOD)
    data["uncertain"] = {"temperature": ["10 mK", "200 mK"], "g_exchange": ["1 MHz", "4 MHz"]}
    data["uncertain"]["points"] = 3
    calls = []
    p = predict(parse_device(data), optimize=False, progress=lambda d, t: calls.append((d, t)))
    assert calls[0] == (0, 6)
    assert calls[-1] == (6, 6)
    ds = p.sensitivity["temperature"]
    assert ds.temperature.attrs["units"] == "millikelvin"
    assert ds.temperature.values.tolist() == [10.0, 105.0, 200.0]
    assert ds.work_rate.attrs["units"] == "W"
    assert ds.attrs["model_temperature_unit_K"] == pytest.approx(0.23996, rel=1e-4)
    assert np.all(np.diff(ds.l1_coherence.values) < 0)  # hotter bath, less coherence
    g = p.sensitivity["g_exchange"]
    assert g.l1_coherence.values[1] == pytest.approx(
        predict(
            parse_device(with_field("coupling.g_exchange", "2.5 megahertz")), optimize=False
        ).l1_coherence,
        rel=1e-12,
    )


def test_invalid_corners_of_an_uncertain_range_are_reported() -> None:
    data = copy.deepcopy(GOOD)
    data["target"] |= {"T1": "100 us", "T2": "100 us"}
    data["uncertain"] = {"T1": ["20 us", "100 us"], "points": 3}  # T2 > 2 T1 at 20 us
    p = predict(parse_device(data), optimize=False)
    c = p.sensitivity["T1"].l1_coherence.values
    assert np.isnan(c[0])
    assert np.all(np.isfinite(c[1:]))
    assert "(1 of 3 points invalid, e.g. T2 > 2 T1)" in p.report()


def test_example_device_builds() -> None:
    device = load_device(EXAMPLE)
    model = device.model()
    assert isinstance(model.target, ac.Transmon)
    assert len(model.unit.units) == 5
    assert len(model.c_ops) == 2


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("predict")(predict_command)

    @app.callback()
    def main() -> None:
        """Test app."""

    return app


def test_cli_prints_lab_units(tmp_path: Path) -> None:
    toml = tmp_path / "device.toml"
    toml.write_text(
        '[target]\nfrequency = "5 GHz"\n[bath]\nfrequency = "5 GHz"\ntemperature = "20 mK"\n'
        'cluster_size = 3\n[coupling]\ng_parallel = "1 MHz"\ng_exchange = "1 MHz"\n'
        'tau = "50 ns"\n[uncertain]\ntemperature = ["10 mK", "40 mK"]\npoints = 2\n'
    )
    result = CliRunner().invoke(_app(), ["predict", str(toml), "--no-optimize"])
    assert result.exit_code == 0, result.output
    assert "steady-state coherence C_ss (l1)  0.0001885" in result.output
    assert "work rate W_ss (power to keep it) 19.62 aW" in result.output
    assert "across temperature 10 .. 40 millikelvin" in result.output


def test_cli_reports_a_bad_field(tmp_path: Path) -> None:
    toml = tmp_path / "device.toml"
    toml.write_text('[target]\nfrequency = "5 GHz"\n[bath]\ntemperature = "5 GHz"\n')
    result = CliRunner().invoke(_app(), ["predict", str(toml)])
    assert result.exit_code == 2
    assert "bath.temperature needs a temperature, got '5 GHz'" in result.output
