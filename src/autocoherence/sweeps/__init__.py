"""Parameter sweeps: grids of model parameters evaluated into ``xarray.Dataset`` objects.

:func:`sweep` evaluates quantities (coherence, purity, QFI, Bloch components) over the outer
product of parameter axes, with vectorised fast paths where the physics allows, in parallel
on a local process pool or a Dask cluster, written incrementally to a resumable Zarr store.
TOML specs (:func:`load_spec`, :func:`run_spec`) describe a sweep without any code; the
``autocoherence sweep`` and ``autocoherence plot`` commands run and draw them.
See ``docs/sweeps.md``.
"""

from autocoherence.sweeps.executors import (
    DaskExecutor,
    FuturesExecutor,
    LocalExecutor,
    SerialExecutor,
)
from autocoherence.sweeps.families import CollisionFamily, SpinFamily
from autocoherence.sweeps.grid import Grid
from autocoherence.sweeps.manifest import StoreMismatchError
from autocoherence.sweeps.quantities import quantities
from autocoherence.sweeps.runner import NonFiniteResultError, sweep
from autocoherence.sweeps.spec import SpecError, SweepSpec, load_spec, parse_spec, run_spec
from autocoherence.sweeps.storage import StoreBusyError, StoreCorruptError, load, to_netcdf

__all__ = [
    "CollisionFamily",
    "DaskExecutor",
    "FuturesExecutor",
    "Grid",
    "LocalExecutor",
    "NonFiniteResultError",
    "SerialExecutor",
    "SpecError",
    "SpinFamily",
    "StoreBusyError",
    "StoreCorruptError",
    "StoreMismatchError",
    "SweepSpec",
    "load",
    "load_spec",
    "parse_spec",
    "quantities",
    "run_spec",
    "sweep",
    "to_netcdf",
]
