"""Security baseline: server-side sessions, passwords, login throttling, CSRF, headers, access."""
