"""marshmallow's search for a new schema's hooks, done without asking every name again.

As each schema class is made, marshmallow lists its hooks (the methods decorated
``@pre_load``, ``@post_dump``, ``@validates_schema``...): for every name of ``dir(cls)`` it
walks the class's MRO, catching a ``KeyError`` from each class that does not define the name,
then asks the attribute found for its hook marker. Schema's own hundred-odd names are asked
again for each of the ~170 schemas the application defines as it starts: 96 M instructions,
2 % of a start-up (issue 23; callgrind, ``bench.startup``).

:func:`resolve_hooks` gives the same answer (the same names, in the same order, with the same
settings: a test compares it with marshmallow's own on every schema of the application) from
each class's own hooks, looked up once per class: a name is a hook when the nearest class of
the MRO that defines it defines it as one, exactly as marshmallow decides.
"""

from __future__ import annotations

import inspect
import weakref
from collections import defaultdict
from typing import Any

#: class -> {name: hook settings} of the hooks its own ``__dict__`` defines (hooks are
#: decorated methods, set when the class is made: a class's own hooks do not change after)
_OWN: weakref.WeakKeyDictionary[type, dict[str, Any]] = weakref.WeakKeyDictionary()


def resolve_hooks(cls: type) -> dict[str, list[tuple[str, bool, dict]]]:
    """``SchemaMeta.resolve_hooks``: ``{tag: [(name, many, settings)]}``, names sorted."""
    mro = inspect.getmro(cls)
    own = [_own_hooks(klass) for klass in mro]
    hooks: dict[str, list[tuple[str, bool, dict]]] = defaultdict(list)
    for name in sorted(set().union(*own)):
        for klass, found in zip(mro, own, strict=True):
            if name in klass.__dict__:  # the nearest definition decides, hook or not
                for tag, config in found.get(name, {}).items():
                    hooks[tag].extend((name, many, kwargs) for many, kwargs in config)
                break
    return hooks


def _own_hooks(klass: type) -> dict[str, Any]:
    found = _OWN.get(klass)
    if found is None:
        found = {}
        for name, attr in list(vars(klass).items()):
            config = getattr(attr, "__marshmallow_hook__", None)
            if config is not None:
                found[name] = config
        _OWN[klass] = found
    return found


#: marshmallow's own ``SchemaMeta.resolve_hooks``, kept by :func:`install` (the tests compare)
marshmallows_own: Any = None


def install() -> None:
    """Make marshmallow use :func:`resolve_hooks` for the schema classes made from now on."""
    global marshmallows_own
    from marshmallow.schema import SchemaMeta

    if marshmallows_own is None:
        marshmallows_own = SchemaMeta.__dict__["resolve_hooks"]
    SchemaMeta.resolve_hooks = resolve_hooks  # type: ignore[method-assign,assignment]
