"""Three steps Jinja takes on every page, taken with fewer calls (the same answers).

A page's template calls functions (``_()``, ``page_url()``, ``csrf_token()``: 40-odd a page)
and imports macros (``{% from "..." import ... %}``), and each render starts from the
template's globals. Jinja's own steps for each cost more than what they do: a call asks
``hasattr`` three times and pops two keywords; an import compares the page's globals with the
macros' through a keys view of a ``ChainMap``, one Python ``__contains__`` per global (260
calls for the day page's one import); a render copies the globals' ``ChainMap`` key by key
(90 calls).
"""

from __future__ import annotations

from collections import ChainMap
from types import FunctionType
from typing import Any

from jinja2 import Template
from jinja2.runtime import Context, new_context
from jinja2.utils import _PassArg

#: what Jinja answers when a called function raises StopIteration (jinja2.runtime.Context.call)
_STOPPED = "value was undefined because a callable raised a StopIteration exception"


class PageContext(Context):
    """Jinja's context (``app.jinja_env.context_class``) with a shorter way to call a plain
    function; anything else (macros, callable objects, methods) is called as Jinja calls it."""

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's)
        if type(__obj) is not FunctionType:
            return super().call(__obj, *args, **kwargs)
        # a function's ``__call__`` is a method-wrapper, never marked: Jinja looks at the
        # function itself (what pass_context and the others set on it)
        pass_arg = getattr(__obj, "jinja_pass_arg", None)
        if pass_arg is not None and pass_arg is not _PassArg.context:
            return super().call(__obj, *args, **kwargs)
        if kwargs:
            loop_vars = kwargs.pop("_loop_vars", None)
            block_vars = kwargs.pop("_block_vars", None)
        else:
            loop_vars = block_vars = None
        if pass_arg is not None:  # the context, with a loop's or block's own names as Jinja does
            if loop_vars:
                __self = __self.derived(loop_vars)
            if block_vars:
                __self = __self.derived(block_vars)
            args = (__self, *args)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(_STOPPED)


class PageTemplate(Template):
    """Jinja's template with a shorter import of another template's macros, and its globals
    handed to each new context as one dict."""

    def new_context(self, vars=None, shared=False, locals=None) -> Context:  # noqa: A002
        # Jinja's own, but with the globals' ChainMap (the template's over the environment's)
        # made one dict by two dict updates: Jinja copies it and takes its keys through the
        # ChainMap's Python __getitem__ and __iter__, one call a global
        return new_context(self.environment, self.name, self.blocks, vars, shared,
                           _flat(self.globals), locals)

    def _get_default_module(self, ctx: Context | None = None):
        if ctx is not None and not self.environment.is_async:
            # Jinja's ``ctx.globals_keys - self.globals.keys()``: the same names, without a
            # Python ``__contains__`` of the ChainMap for each of the page's globals
            missing = ctx.globals_keys.difference(self.globals)
            if missing:
                return self.make_module({name: ctx.parent[name] for name in missing})
            ctx = None
        return super()._get_default_module(ctx)


def _flat(names):
    """A ChainMap as one dict (the first map's value wins, as in the ChainMap)."""
    if type(names) is not ChainMap:
        return names
    flat: dict = {}
    for mapping in reversed(names.maps):
        flat.update(mapping)
    return flat
