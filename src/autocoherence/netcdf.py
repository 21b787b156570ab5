"""netCDF files for Datasets with complex variables (density matrices, ⟨a⟩).

netCDF-4 has no complex type, so :func:`write_netcdf` stores each complex variable ``v`` as two
real variables ``v__real`` and ``v__imag`` (attribute ``complex_part``), and
:func:`read_netcdf` puts them back together: a round trip returns an identical Dataset.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import xarray as xr

__all__ = ["read_netcdf", "write_netcdf"]


def write_netcdf(ds: xr.Dataset, path: str | Path) -> Path:
    """Write ``ds`` to a netCDF file, complex variables split into real and imaginary parts.

    Examples
    --------
    >>> import tempfile
    >>> ds = xr.Dataset({"rho": (("row", "col"), np.array([[0.5, 0.1j], [-0.1j, 0.5]]))})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     back = read_netcdf(write_netcdf(ds, f"{tmp}/state.nc"))
    >>> xr.testing.assert_identical(back, ds)
    """
    out = ds.copy()
    for name in list(out.data_vars):
        var = out[name].variable
        if np.iscomplexobj(var.values):
            for part, values in (("real", var.values.real), ("imag", var.values.imag)):
                attrs = {**var.attrs, "complex_part": f"{part} part of {name}"}
                out[f"{name}__{part}"] = xr.Variable(var.dims, values, attrs)
            out = out.drop_vars(str(name))
    path = Path(path)
    out.to_netcdf(path)
    return path


def read_netcdf(path: str | Path) -> xr.Dataset:
    """Read a file written by :func:`write_netcdf` (complex variables reassembled).

    Examples
    --------
    See :func:`write_netcdf`.
    """
    ds = xr.load_dataset(path)
    for name in [str(v) for v in ds.data_vars if str(v).endswith("__real")]:
        base = name[: -len("__real")]
        imag = f"{base}__imag"
        if imag not in ds.data_vars:
            continue
        real_var = ds[name].variable
        attrs = {k: v for k, v in real_var.attrs.items() if k != "complex_part"}
        values = real_var.values + 1j * ds[imag].values
        ds = ds.drop_vars([name, imag])
        ds[base] = xr.Variable(real_var.dims, values, attrs)
    return ds
