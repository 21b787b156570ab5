"""Benchmarks run with pytest-benchmark; `make test` runs each once (--benchmark-disable)."""
