"""Many addresses of one route that differ by their last part, built at the cost of one."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import url_for

#: what an address may hold as it is (RFC 3986's unreserved characters: never escaped)
_AS_IS = re.compile(r"[A-Za-z0-9._~-]+")


def addresses(endpoint: str, last: str, **fixed) -> Callable[[object], str]:
    """``url_for(endpoint, **fixed, last=value)`` for many values of the route's last part:
    one build, then each value put in its place (a page links to fifty entries or forms;
    a value that would be escaped is built the long way)."""
    sample = url_for(endpoint, **fixed, **{last: 0})
    prefix = sample[:-1] if sample.endswith("/0") else None

    def address(value) -> str:
        text = str(value)
        if prefix is not None and _AS_IS.fullmatch(text):
            return prefix + text
        return url_for(endpoint, **fixed, **{last: value})
    return address
