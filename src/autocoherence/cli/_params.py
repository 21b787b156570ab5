"""What a figure accepts, read from ``inspect.signature(spec.compute)``, and ``--set`` parsing.

No typer here: plain functions that the ``figure`` command and its help call, and that the
tests exercise directly.
"""

from __future__ import annotations

import inspect
import math
import re
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from autocoherence.errors import ParameterError

__all__ = ["FigureParameter", "describe", "figure_parameters", "parse_settings"]

_SEQUENCE_ORIGINS = (list, tuple, Sequence, typing.Sequence)


@dataclass(frozen=True)
class FigureParameter:
    """One keyword of a figure's ``compute``: name, type, default and the docstring's words.

    Examples
    --------
    >>> p = FigureParameter("f2", float, 0.6, "Orthogonal coupling.")
    >>> p.type_name, p.coerce("0.5")
    ('float', 0.5)
    """

    name: str
    annotation: Any
    default: Any
    description: str = ""

    @property
    def type_name(self) -> str:
        """The annotation as a reader writes it (``float``, ``Sequence[int]``)."""
        return _type_name(self.annotation)

    def coerce(self, text: str) -> Any:
        """``text`` converted to this parameter's type; a comma separates sequence items.

        Raises
        ------
        ParameterError
            If ``text`` is not a value of the type, naming the parameter and the type.

        Examples
        --------
        >>> from collections.abc import Sequence
        >>> FigureParameter("cluster_sizes", Sequence[int], (1, 2)).coerce("1,2, 8")
        (1, 2, 8)
        >>> FigureParameter("n", int, 4).coerce("2.5")
        Traceback (most recent call last):
        ...
        autocoherence.errors.ParameterError: n must be int, got n='2.5'
        """
        try:
            return _coerce(text, self.annotation)
        except (TypeError, ValueError) as exc:
            raise ParameterError(
                f"{self.name} must be {self.type_name}, got {self.name}={text!r}"
            ) from exc


def _type_name(annotation: Any) -> str:
    if annotation is inspect.Parameter.empty:
        return "str"
    if isinstance(annotation, type) and not typing.get_args(annotation):
        return annotation.__name__
    return str(annotation).replace("typing.", "").replace("collections.abc.", "")


def _is_optional(annotation: Any) -> tuple[bool, Any]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) < len(typing.get_args(annotation)) and len(args) == 1:
            return True, args[0]
    return False, annotation


def _coerce_scalar(text: str, kind: Any) -> Any:
    text = text.strip()
    if kind is bool:
        low = text.lower()
        if low in ("1", "true", "yes", "on"):
            return True
        if low in ("0", "false", "no", "off"):
            return False
        raise ParameterError(text)
    if kind is int:
        return int(text)
    if kind is float:
        value = float(text)
        if math.isnan(value):
            raise ParameterError(text)
        return value
    if kind is str or kind is inspect.Parameter.empty or kind is Any:
        return text
    raise TypeError(f"cannot read {_type_name(kind)} from the command line")


def _coerce(text: str, annotation: Any) -> Any:
    optional, annotation = _is_optional(annotation)
    if optional and text.strip().lower() == "none":
        return None
    origin = typing.get_origin(annotation)
    if origin in _SEQUENCE_ORIGINS:
        args = [a for a in typing.get_args(annotation) if a is not Ellipsis] or [str]
        items = [item for item in re.split(r"[,\s]+", text.strip()) if item]
        return tuple(_coerce_scalar(item, args[0]) for item in items)
    return _coerce_scalar(text, annotation)


def _docstring_parameters(func: Callable[..., Any]) -> dict[str, str]:
    """Descriptions of the numpydoc ``Parameters`` section, keyed by each listed name."""
    doc = inspect.getdoc(func) or ""
    match = re.search(r"^Parameters\n-+\n(.*?)(?:\n\n[A-Z][a-z]+\n-+\n|\Z)", doc, flags=re.S | re.M)
    if match is None:
        return {}
    found: dict[str, str] = {}
    names: list[str] = []
    for line in match.group(1).splitlines():
        if line and not line.startswith(" "):
            names = [n.strip() for n in line.split(":")[0].split(",") if n.strip()]
        elif line.strip() and names:
            for n in names:
                found[n] = f"{found.get(n, '')} {line.strip()}".strip()
    return found


def figure_parameters(compute: Callable[..., Any]) -> dict[str, FigureParameter]:
    """Every parameter of ``compute`` that has a default, with its resolved annotation.

    Examples
    --------
    >>> def compute(cluster_sizes: Sequence[int] = (1, 2), *, f2: float = 0.6):
    ...     '''Parameters
    ...     ----------
    ...     f2 : float
    ...         Orthogonal coupling.
    ...     '''
    >>> params = figure_parameters(compute)
    >>> [(p.name, p.type_name, p.default, p.description) for p in params.values()]
    [('cluster_sizes', 'Sequence[int]', (1, 2), ''), ('f2', 'float', 0.6, 'Orthogonal coupling.')]
    """
    try:
        hints = typing.get_type_hints(compute)
    except (NameError, TypeError):  # unresolvable annotations: fall back to the raw ones
        hints = {}
    docs = _docstring_parameters(compute)
    out: dict[str, FigureParameter] = {}
    for name, p in inspect.signature(compute).parameters.items():
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) or p.default is p.empty:
            continue
        annotation = hints.get(name, p.annotation)
        if annotation is p.empty and p.default is not None:
            annotation = type(p.default)
        out[name] = FigureParameter(name, annotation, p.default, docs.get(name, ""))
    return out


def parse_settings(
    figure: str, params: dict[str, FigureParameter], settings: Sequence[str]
) -> dict[str, Any]:
    """``["f2=0.5", "tau=0.02"]`` turned into typed keyword arguments of the figure.

    Raises
    ------
    ParameterError
        On a malformed item, a parameter the figure does not take (the message names the
        figure and lists what it accepts) or a value of the wrong type.

    Examples
    --------
    >>> params = {"f2": FigureParameter("f2", float, 0.6)}
    >>> parse_settings("demo", params, ["f2=0.5"])
    {'f2': 0.5}
    >>> parse_settings("demo", params, ["g=1"])
    Traceback (most recent call last):
    ...
    autocoherence.errors.ParameterError: figure demo does not take g; it accepts: f2
    """
    options: dict[str, Any] = {}
    for item in settings:
        name, sep, value = item.partition("=")
        name = name.strip().replace("-", "_")
        if not sep or not name:
            raise ParameterError(f"--set takes NAME=VALUE, got {item!r}")
        if name not in params:
            accepted = ", ".join(params) or "no parameters"
            raise ParameterError(f"figure {figure} does not take {name}; it accepts: {accepted}")
        options[name] = params[name].coerce(value)
    return options


def describe(figure: str, caption: str, params: dict[str, FigureParameter]) -> str:
    """The per-figure help: caption, then one line per parameter (type, default, meaning).

    Examples
    --------
    >>> print(describe("demo", "One number.", {"x": FigureParameter("x", float, 1.0, "X.")}))
    demo: One number.
    <BLANKLINE>
    Parameters (set with --set NAME=VALUE; sequences as comma-separated values):
      x  float = 1.0  X.
    """
    lines = [f"{figure}: {caption}", ""]
    if not params:
        lines.append("This figure takes no parameters.")
        return "\n".join(lines)
    lines.append("Parameters (set with --set NAME=VALUE; sequences as comma-separated values):")
    rows = [(p.name, p.type_name, f"= {p.default!r}", p.description) for p in params.values()]
    w = [max(len(r[i]) for r in rows) for i in range(3)]
    for name, kind, default, text in rows:
        lines.append(f"  {name:<{w[0]}}  {kind:<{w[1]}} {default:<{w[2]}}  {text}".rstrip())
    if "cluster_sizes" in params:
        lines.append("  (cluster_sizes also as --n 1 2 3)")
    return "\n".join(lines)
