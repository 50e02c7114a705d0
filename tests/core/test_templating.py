"""core.web.templating's shorter steps write what Jinja's own write (the pages' HTML depends on
it): the same text for calls in loops and blocks, macro imports, globals and StopIteration."""

from jinja2 import DictLoader, Environment, pass_context, pass_environment

from core.web.templating import PageContext, PageTemplate

TEMPLATES = {
    "macros.html": "{% macro hello(name) %}[{{ greet(name) }}|{{ site }}]{% endmacro %}",
    "base.html": "<{% block body %}{% endblock %}>",
    "page.html": """{% extends "base.html" %}{% from "macros.html" import hello %}
{% block body %}{% set who = "block" %}{{ seen("who") }}{% for x in items %}{% set inner = x %}
{{ seen("x") }}/{{ seen("inner") }}/{{ plain(x, sep="-") }}/{{ hello(x) }}/{{ env_name() }}
{% endfor %}{{ stopped() }}|{{ site }}{% endblock %}""",
}


@pass_context
def seen(context, name):
    return f"{name}={context.get(name)}"


def plain(value, sep=":"):
    return f"{value}{sep}{value}"


def greet(name):
    return f"hi {name}"


@pass_environment
def env_name(environment):
    return type(environment).__name__


def stopped():
    raise StopIteration


def _render(fast: bool, **values) -> str:
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
    if fast:
        env.template_class = PageTemplate
        env.context_class = PageContext
    env.globals.update(seen=seen, plain=plain, greet=greet, env_name=env_name, stopped=stopped,
                       site="env")
    return env.get_template("page.html", globals={"site": "template"}).render(**values)


def test_a_page_reads_the_same_with_the_shorter_steps():
    expected = _render(False, items=["a", "<b>"])
    assert _render(True, items=["a", "<b>"]) == expected
    # what the comparison covers: the block's and the loop's names seen by a pass_context
    # function, keywords, an imported macro, the template's globals over the environment's,
    # a pass_environment function and a function raising StopIteration (written as nothing)
    assert "who=block" in expected and "/inner=a/a-a/[hi a|env]/Environment" in expected
    assert "&lt;b&gt;" in expected and expected.endswith("|template>")
