"""Test support shipped to plugin authors: fixtures (see :mod:`core.testing.plugin`) and helpers."""
