"""Benchmarks at coop scale: the workload and its helpers (see README.md). Not installed with core."""
