"""Lab units against CODATA (scipy.constants) and the model they stand for."""

from __future__ import annotations

import math

import numpy as np
import pint
import pytest
from scipy import constants as const

import autocoherence as ac
from autocoherence.errors import ParameterError
from autocoherence.lab.units import parse_quantity

F_REF = 5e9
W_REF = 2 * math.pi * F_REF


@pytest.fixture
def lab() -> ac.Lab:
    return ac.Lab(reference="5 GHz")


def test_contract_numbers(lab: ac.Lab) -> None:
    assert lab.frequency("4.9 GHz") == 0.98
    assert lab.time("50 ns") == 2 * math.pi * 5e9 * 50e-9
    assert lab.temperature("20 mK") == pytest.approx(0.0833465, abs=5e-8)
    assert lab.coupling(g="1 MHz", tau="50 ns") == pytest.approx(7.9267e-3, abs=5e-8)


@pytest.mark.parametrize(
    ("text", "kelvin"), [("20 mK", 0.02), ("4.2 K", 4.2), ("300 K", 300.0), ("10 uK", 1e-5)]
)
def test_temperature_against_codata(lab: ac.Lab, text: str, kelvin: float) -> None:
    expected = const.Boltzmann * kelvin / (const.Planck * F_REF)  # k_B T/(h f_ref)
    assert lab.temperature(text) == pytest.approx(expected, rel=1e-12)
    assert expected == pytest.approx(const.k * kelvin / (const.hbar * W_REF), rel=1e-12)
    assert lab.to_temperature(lab.temperature(text)).to("K").magnitude == pytest.approx(
        kelvin, rel=1e-12
    )


def test_energy_and_power_against_codata(lab: ac.Lab) -> None:
    # a frequency given as an energy is E/h; one model energy is ħω_ref = h f_ref
    ev = const.electron_volt
    assert lab.frequency("20 ueV") == pytest.approx(20e-6 * ev / (const.h * F_REF), rel=1e-12)
    assert lab.to_energy(1.0).to("J").magnitude == pytest.approx(const.hbar * W_REF, rel=1e-12)
    # one model unit of power: energy ħω_ref per time 1/ω_ref
    assert lab.to_power(1.0).to("W").magnitude == pytest.approx(const.hbar * W_REF**2, rel=1e-12)
    assert lab.to_power(2.5).to("pW").magnitude == pytest.approx(
        2.5 * const.h * F_REF * W_REF * 1e12, rel=1e-12
    )


def test_times_rates_frequencies_round_trip(lab: ac.Lab) -> None:
    assert lab.time("1 us") == pytest.approx(W_REF * 1e-6, rel=1e-15)
    assert lab.to_time(lab.time("37 ns")).to("ns").magnitude == pytest.approx(37.0, rel=1e-13)
    # a rate is not a cyclic frequency: 1/T1 in 1/s over ω_ref (no 2π removed)
    assert lab.rate("100 us") == pytest.approx(1 / (W_REF * 100e-6), rel=1e-15)
    assert lab.rate("1e4 1/s") == pytest.approx(1e4 / W_REF, rel=1e-15)
    assert lab.to_rate(lab.rate("1e4 1/s")).to("1/s").magnitude == pytest.approx(1e4, rel=1e-13)
    # a frequency is cyclic: 4.9 GHz is the angular 2π·4.9 GHz in units of 2π·5 GHz
    assert lab.to_frequency(0.98).to("GHz").magnitude == pytest.approx(4.9, rel=1e-15)


def test_coupling_is_g_sqrt_tau(lab: ac.Lab) -> None:
    g, tau = 2.5e6, 80e-9
    expected = (g / F_REF) * math.sqrt(W_REF * tau)
    assert lab.coupling(g="2.5 MHz", tau="80 ns") == pytest.approx(expected, rel=1e-12)


def test_pint_quantities_of_any_registry(lab: ac.Lab) -> None:
    other = pint.UnitRegistry()
    assert lab.frequency(other.Quantity(4.9, "GHz")) == pytest.approx(0.98, rel=1e-15)
    assert lab.temperature(other.Quantity(20, "mK")) == lab.temperature("20 mK")
    assert ac.Lab(reference=other.Quantity(5, "GHz")).f_ref == F_REF


def test_reference_other_than_5_ghz() -> None:
    lab = ac.Lab("7.25 GHz")
    assert lab.frequency("7.25 GHz") == 1.0
    assert lab.temperature("50 mK") == pytest.approx(const.k * 0.05 / (const.h * 7.25e9), rel=1e-12)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda lab: lab.temperature("5 GHz"), "temperature needs a temperature, got '5 GHz'"),
        (lambda lab: lab.frequency("20 mK"), "frequency needs a frequency, got '20 mK'"),
        (lambda lab: lab.time("5 GHz", "tau"), "tau needs a time, got '5 GHz'"),
        (lambda lab: lab.frequency(4.9), "frequency needs a frequency with units"),
        (lambda lab: lab.frequency("4.9 GHzz"), "frequency needs a frequency such as"),
        (lambda lab: lab.temperature("-1 K"), "temperature must be >= 0 K, got '-1 K'"),
        (lambda lab: lab.coupling("1 MHz", "0 ns"), "tau must be > 0"),
    ],
)
def test_bad_input_names_parameter_and_value(lab: ac.Lab, call, message: str) -> None:
    with pytest.raises(ParameterError, match=message.replace("(", r"\(")):
        call(lab)


def test_bad_reference() -> None:
    with pytest.raises(ParameterError, match="reference must be a positive frequency"):
        ac.Lab("0 Hz")
    with pytest.raises(ParameterError, match="reference needs a frequency, got '20 mK'"):
        ac.Lab("20 mK")


def test_parse_quantity_rounds_once() -> None:
    assert parse_quantity("50 ns", "t", "time") == 50e-9
    assert parse_quantity("4.9 GHz", "f", "frequency") == 4.9e9
    assert parse_quantity("25 degC", "T", "temperature") == pytest.approx(298.15, rel=1e-15)


def test_lab_model_equals_dimensionless_model_bit_for_bit(lab: ac.Lab) -> None:
    f1 = lab.coupling(g="3 MHz", tau="50 ns")
    f2 = lab.coupling(g="4 MHz", tau="50 ns")
    in_lab = ac.CollisionModel(
        target=ac.Qubit(lab.frequency("5 GHz")),
        unit=ac.Qubit(lab.frequency("4.9 GHz")),
        coupling=ac.Composite(f1, f2),
        temperature=lab.temperature("20 mK"),
        cluster_size=3,
        tau=lab.time("50 ns"),
    )
    # the same numbers typed in model units (ħ = k_B = 1, ω_ref = 1)
    tau = 2 * math.pi * 5e9 * 50e-9
    plain = ac.CollisionModel(
        target=ac.Qubit(1.0),
        unit=ac.Qubit(0.98),
        coupling=ac.Composite(3e6 / 5e9 * math.sqrt(tau), 4e6 / 5e9 * math.sqrt(tau)),
        temperature=const.k * 0.02 / (const.h * 5e9),
        cluster_size=3,
        tau=tau,
    )
    for method in ("closed_form", "master_equation"):
        a = in_lab.steady_state(method=method).rho
        b = plain.steady_state(method=method).rho
        assert np.array_equal(a, b)


def test_sweep_dataset_annotated_with_lab_units(lab: ac.Lab) -> None:
    from autocoherence.lab.units import annotate  # noqa: PLC0415

    temps = [lab.temperature("10 mK"), lab.temperature("20 mK")]
    ds = ac.sweep(
        ac.sweeps.CollisionFamily(f1=0.3, f2=0.6),
        {"temperature": temps},
        ["l1_coherence"],
        executor="serial",
    )
    out = annotate(ds, lab)
    assert out.temperature.attrs["model_units"] == "k_B T / (h f_ref)"
    assert out.attrs["model_temperature_unit_K"] == pytest.approx(
        const.h * F_REF / const.k, rel=1e-15
    )
    back = lab.to_temperature(out.temperature.values).to("mK").magnitude
    assert back == pytest.approx([10.0, 20.0], rel=1e-12)
    assert np.array_equal(out.l1_coherence.values, ds.l1_coherence.values)
    assert "model_units" not in ds.temperature.attrs  # the input is not modified


def test_f_ref_is_derived_not_given() -> None:
    with pytest.raises(TypeError):
        ac.Lab("5 GHz", 1.0)  # type: ignore[call-arg]
