"""Plugins used by core's own tests: a well-behaved one, a faulty one, and refused ones."""
