"""URL rules whose builders are made on first use.

Werkzeug compiles two Python functions per rule as it is added (``url_for`` with and without
unknown arguments): an ``ast`` walk and a ``compile()`` for each of the application's 270-odd
rules, a tenth of a second of every start, for links most processes never build. Here each
builder is compiled the first time a link to that rule is asked for, exactly as werkzeug would
have compiled it; matching an incoming URL (the rule's regular expression) is unchanged.
"""

from __future__ import annotations

from werkzeug.routing import Rule


class LazyBuilderRule(Rule):
    """A werkzeug rule that compiles its URL builders when ``url_for`` first needs them."""

    def _compile_builder(self, append_unknown: bool = True):
        attribute = "_build_unknown" if append_unknown else "_build"

        def build_then_replace(rule: Rule, **values):
            # werkzeug's own builder, kept on the rule: later links call it directly (two
            # threads racing here compile the same function twice, harmlessly)
            real = Rule._compile_builder(rule, append_unknown).__get__(rule, None)
            setattr(rule, attribute, real)
            return real(**values)

        return build_then_replace
