"""The sweep quantity ``peak_collisions``: n* of the exact optimum over collisions."""

import numpy as np
import pytest

from autocoherence.errors import MethodNotApplicableError
from autocoherence.sweeps import CollisionFamily, sweep


def test_peak_collisions_is_the_optimal_number_of_collisions() -> None:
    fam = CollisionFamily(f1=0.15, f2=0.15, tau=0.051)
    grid = {"temperature": [0.05, 1.0], "cluster_size": [1, 3]}
    ds = sweep(fam, grid, ["peak_collisions", "peak_time"], method="collisions", executor="serial")
    for i, t in enumerate(grid["temperature"]):
        for j, n in enumerate(grid["cluster_size"]):
            peak = fam(temperature=t, cluster_size=n).transient_peak(method="collisions")
            assert ds.peak_collisions.values[i, j] == peak.collisions
    # the peak sits after n* collisions of duration tau: t* = n* tau
    np.testing.assert_allclose(ds.peak_time, ds.peak_collisions * 0.051, rtol=1e-14)
    assert ds.peak_collisions.attrs["units"] == "1"


def test_peak_collisions_needs_the_collision_route() -> None:
    fam = CollisionFamily(f1=0.15, f2=0.15, tau=0.051)
    with pytest.raises(MethodNotApplicableError, match=r"peak_collisions.*method='collisions'"):
        sweep(fam, {"temperature": [0.5]}, ["peak_collisions"], executor="serial")
