"""A plugin whose only migration fails half-way, after committing part of its work."""
