"""The optimiser against PRA104 Eq. (10) (N → ∞) and a brute-force scan of Eq. (8)."""

from __future__ import annotations

import math

import numpy as np
import pytest

import autocoherence as ac
from autocoherence.collision import closed_form
from autocoherence.collision import thermodynamics as th
from autocoherence.errors import ParameterError
from autocoherence.lab import pareto_front
from autocoherence.states import cluster_moments


def paper_model(n: int, temperature: float, f2: float | None = None):
    """The paper's model: qubit target and units (ω = ω_B = 1), Composite RWA."""

    def factory(f1: float, f2: float = 0.6 if f2 is None else f2) -> ac.CollisionModel:
        return ac.CollisionModel(
            target=ac.Qubit(1.0),
            unit=ac.Qubit(1.0),
            coupling=ac.Composite(f1, f2),
            temperature=temperature,
            cluster_size=n,
        )

    return factory


def scan_1d(fun, lo: float, hi: float, mask=None) -> tuple[float, float]:
    """argmax of a vectorised fun on [lo, hi]: a dense grid, then a zoom around its best."""
    for _ in range(3):
        x = np.linspace(lo, hi, 20001)
        y = fun(x)
        if mask is not None:
            y = np.where(mask(x), y, -np.inf)
        k = int(np.argmax(y))
        h = x[1] - x[0]
        lo, hi = max(x[0], x[k] - 2 * h), min(x[-1], x[k] + 2 * h)
    return float(x[k]), float(y[k])


@pytest.mark.parametrize("f2", [0.3, 0.6, 1.2])
def test_large_n_optimum_is_eq10(f2: float) -> None:
    best = ac.maximize_coherence(
        paper_model(10**4, 0.0, f2), {"f1": (0.0, 2.0)}, route="closed_form"
    )
    assert best.success
    assert abs(best.params["f1"] - f2 / math.sqrt(2)) < 1e-6
    assert abs(best.l1_coherence - 1 / math.sqrt(2)) < 1e-6
    assert best.method == "differential_evolution + L-BFGS-B"


@pytest.mark.parametrize(("n", "temperature"), [(1, 0.0), (3, 0.0), (2, 0.5), (8, 1.0)])
def test_finite_n_matches_scan_of_eq8(n: int, temperature: float) -> None:
    f2 = 0.6
    a, c = cluster_moments(ac.Qubit(1.0), n, temperature)
    f1_scan, c_scan = scan_1d(
        lambda f1: closed_form.steady_state_coherence(f1, f2, 1.0, a, c), 0.0, 2.0
    )
    best = ac.maximize_coherence(paper_model(n, temperature, f2), {"f1": (0.0, 2.0)})
    assert abs(best.params["f1"] - f1_scan) < 1e-6
    assert abs(best.l1_coherence - c_scan) < 1e-10
    assert best.l1_coherence >= c_scan - 1e-12
    # at finite N the ω² of Eq. (8) moves the optimum above the N → ∞ value f2/√2
    assert best.params["f1"] > f2 / math.sqrt(2) + 0.04


def test_two_parameters_match_scan() -> None:
    """A 2-D box (f1, f2) at N = 2, T = 0.3: best point of a zoomed 2-D scan of Eq. (8)."""
    a, c = cluster_moments(ac.Qubit(1.0), 2, 0.3)
    box = {"f1": (0.0, 0.5), "f2": (0.05, 0.5)}

    def model(f1: float, f2: float) -> ac.CollisionModel:
        return paper_model(2, 0.3)(f1, f2)

    lo, hi = np.array([0.0, 0.05]), np.array([0.5, 0.5])
    for _ in range(4):
        g1, g2 = np.meshgrid(np.linspace(lo[0], hi[0], 801), np.linspace(lo[1], hi[1], 801))
        y = closed_form.steady_state_coherence(g1, g2, 1.0, a, c)
        k = np.unravel_index(np.argmax(y), y.shape)
        best_scan = np.array([g1[k], g2[k]])
        h = (hi - lo) / 800
        lo, hi = np.maximum(lo, best_scan - 3 * h), np.minimum(hi, best_scan + 3 * h)
        lo, hi = np.maximum(lo, [0.0, 0.05]), np.minimum(hi, [0.5, 0.5])
    best = ac.maximize_coherence(model, box)
    assert abs(best.params["f1"] - best_scan[0]) < 1e-6
    assert abs(best.params["f2"] - best_scan[1]) < 1e-6
    assert abs(best.l1_coherence - float(y[k])) < 1e-10


def test_min_purity_constraint_is_respected_and_tight() -> None:
    n, temperature, f2 = 3, 0.0, 0.6
    a, c = cluster_moments(ac.Qubit(1.0), n, temperature)
    model = paper_model(n, temperature, f2)
    free = ac.maximize_coherence(model, {"f1": (0.0, 2.0)})
    floor = free.purity + 0.5 * (1.0 - free.purity)  # above the free optimum's purity

    def purity(f1):
        return closed_form.steady_state_purity(*closed_form.steady_state_bloch(f1, f2, 1, a, c))

    f1_scan, c_scan = scan_1d(
        lambda f1: closed_form.steady_state_coherence(f1, f2, 1.0, a, c),
        0.0,
        2.0,
        mask=lambda f1: purity(f1) >= floor,
    )
    best = ac.maximize_coherence(model, {"f1": (0.0, 2.0)}, constraints={"min_purity": floor})
    assert best.success
    assert best.purity >= floor - 1e-9
    assert abs(best.purity - floor) < 1e-8  # the constraint binds
    assert abs(best.l1_coherence - c_scan) < 1e-7
    assert abs(best.params["f1"] - f1_scan) < 1e-6
    assert best.method == "differential_evolution + SLSQP"
    assert best.l1_coherence < free.l1_coherence


def test_max_work_rate_constraint() -> None:
    n, temperature, f2 = 2, 0.5, 0.6
    a, c = cluster_moments(ac.Qubit(1.0), n, temperature)
    model = paper_model(n, temperature, f2)
    free = ac.maximize_coherence(model, {"f1": (0.0, 2.0)})
    assert free.work_rate == pytest.approx(
        float(th.steady_state_work_rate(free.params["f1"], f2, 1.0, 1.0, a, c)), rel=1e-9
    )
    cap = 0.4 * free.work_rate
    f1_scan, c_scan = scan_1d(
        lambda f1: closed_form.steady_state_coherence(f1, f2, 1.0, a, c),
        0.0,
        2.0,
        mask=lambda f1: th.steady_state_work_rate(f1, f2, 1.0, 1.0, a, c) <= cap,
    )
    best = ac.maximize_coherence(model, {"f1": (0.0, 2.0)}, constraints={"max_work_rate": cap})
    assert best.success
    assert best.work_rate <= cap * (1 + 1e-9)
    assert abs(best.l1_coherence - c_scan) < 1e-7
    assert abs(best.params["f1"] - f1_scan) < 1e-6


def test_seeded_search_is_reproducible_and_local_method() -> None:
    model = paper_model(2, 0.5)
    one = ac.maximize_coherence(model, {"f1": (0.0, 2.0)}, seed=3)
    two = ac.maximize_coherence(model, {"f1": (0.0, 2.0)}, seed=3)
    assert one.params == two.params
    local = ac.maximize_coherence(model, {"f1": (0.0, 2.0)}, method="local", x0={"f1": 0.5})
    assert local.method == "L-BFGS-B"
    assert abs(local.params["f1"] - one.params["f1"]) < 1e-6
    assert local.evaluations < one.evaluations
    assert "f1=" in repr(one)
    assert "evaluations" in repr(one)


def test_non_unique_points_are_avoided() -> None:
    """f2 = 0 (pure dephasing: no unique steady state) inside the box is skipped, not fatal."""

    def model(f2: float) -> ac.CollisionModel:
        return paper_model(1, 0.0)(0.3, f2)

    best = ac.maximize_coherence(model, {"f2": (0.0, 1.0)})
    assert best.success
    assert best.params["f2"] > 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"bounds": {"f1": (1.0, 0.0)}}, r"bounds\['f1'\] needs lo < hi"),
        ({"bounds": {}}, "bounds must be a non-empty mapping"),
        ({"constraints": {"max_purity": 0.9}}, "constraints accepts min_purity, max_work_rate"),
        ({"constraints": {"min_purity": 0.2}}, r"constraints\['min_purity'\] must be in"),
        ({"quantity": "entropy"}, "quantity must be one of"),
        ({"method": "annealing"}, "method must be one of"),
    ],
)
def test_bad_arguments(kwargs: dict, message: str) -> None:
    args = {"bounds": {"f1": (0.0, 1.0)}} | kwargs
    bounds = args.pop("bounds")
    with pytest.raises(ParameterError, match=message):
        ac.maximize_coherence(paper_model(1, 0.0), bounds, **args)


def test_pareto_front_purity_matches_constrained_scans() -> None:
    n, temperature, f2 = 3, 0.0, 0.6
    a, c = cluster_moments(ac.Qubit(1.0), n, temperature)
    front = pareto_front(paper_model(n, temperature, f2), {"f1": (0.0, 1.0)}, n=5)
    assert front.sizes == {"point": 5, "parameter": 1}
    cs, ps = front.l1_coherence.values, front.purity.values
    assert np.all(np.diff(cs) < 0)
    assert np.all(np.diff(ps) > 0)
    assert bool(front.success.all())

    def purity(f1):
        return closed_form.steady_state_purity(*closed_form.steady_state_bloch(f1, f2, 1, a, c))

    for level, cc in zip(front.level.values[1:-1], cs[1:-1], strict=True):
        _, c_scan = scan_1d(
            lambda f1: closed_form.steady_state_coherence(f1, f2, 1.0, a, c),
            0.0,
            1.0,
            mask=lambda f1, level=level: purity(f1) >= level,
        )
        assert abs(cc - c_scan) < 1e-7


def test_pareto_front_work() -> None:
    front = pareto_front(paper_model(2, 0.5), {"f1": (0.0, 1.0)}, ("l1_coherence", "work_rate"), 4)
    w = front.work_rate.values
    assert np.all(w <= front.level.values * (1 + 1e-9) + 1e-15)
    assert np.all(np.diff(front.l1_coherence.values) < 1e-12)
    assert front.level.values[-1] == pytest.approx(w[0] / 4, rel=1e-12)
    assert bool(front.success.all())
    a, c = cluster_moments(ac.Qubit(1.0), 2, 0.5)
    for level, cc in zip(front.level.values[1:], front.l1_coherence.values[1:], strict=True):
        _, c_scan = scan_1d(
            lambda f1: closed_form.steady_state_coherence(f1, 0.6, 1.0, a, c),
            0.0,
            1.0,
            mask=lambda f1, level=level: th.steady_state_work_rate(f1, 0.6, 1, 1, a, c) <= level,
        )
        assert abs(cc - c_scan) < 1e-7
    with pytest.raises(ParameterError, match="objective must be"):
        pareto_front(paper_model(2, 0.5), {"f1": (0.0, 1.0)}, ("purity", "work_rate"))
