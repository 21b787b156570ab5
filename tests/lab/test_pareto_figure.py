"""The `pareto` figure (registered by the lead at merge): data, bounds and files."""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib
import numpy as np
import xarray as xr

from autocoherence.collision import closed_form
from autocoherence.figures import pareto
from autocoherence.figures.base import save
from autocoherence.spaces import Qubit
from autocoherence.states import cluster_moments


def test_pareto_figure_data_and_files(tmp_path: Path) -> None:
    matplotlib.use("Agg")
    ds = pareto.compute(cluster_sizes=(1, 4), n=3, temperature=0.25)
    assert pareto.SPEC.name == "pareto"
    assert ds.attrs["large_n_bound"] == math.tanh(2.0) / math.sqrt(2)
    for size in (1, 4):
        a, c = cluster_moments(Qubit(1.0), size, 0.25)
        f1 = np.linspace(0.0, 2.0, 200001)
        best = float(np.max(closed_form.steady_state_coherence(f1, 0.6, 1.0, a, c)))
        for front in ("purity", "work_rate"):
            row = ds.sel(front=front, cluster_size=size)
            assert abs(float(row.l1_coherence[0]) - best) < 1e-9  # both fronts start at the optimum
            assert np.all(np.diff(row.l1_coherence.values) < 1e-12)
            assert np.all(row.l1_coherence.values < ds.attrs["large_n_bound"])
    png, nc = save(pareto.SPEC, tmp_path, cluster_sizes=(1,), n=2)
    assert png.stat().st_size > 0
    assert xr.load_dataset(nc).attrs["figure"] == "pareto"
