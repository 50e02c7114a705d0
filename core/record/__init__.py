"""The shared care record: one chart per person that every discipline writes into."""
