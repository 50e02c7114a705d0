"""From a form's marshmallow schema to accessible HTML fields, and from entries to text.

Supported field types and metadata are listed in :mod:`core.api`'s docstring; anything else
is shown as a text input and validated by its schema all the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.i18n import _
from core.phones import PhoneText
from core.record.field_kinds import BLANK, kind_of
from core.registry import plugin_host, registry
from core.web.formatting import number


@dataclass
class FieldView:
    """What a template needs to draw one input."""

    name: str
    label: str
    widget: str
    required: bool = False
    help: str = ""
    unit: str = ""
    choices: list = field(default_factory=list)
    min: object = None
    max: object = None
    step: str = ""


def _widget(f) -> tuple[str, str]:
    """(widget, number step): the field kind's, a text field's refined by its ``choices`` and
    ``widget`` metadata."""
    kind = kind_of(f)
    if kind.name not in ("text", "other"):
        return kind.widget, kind.step
    meta = f.metadata
    if meta.get("choices"):
        return ("radio" if meta.get("widget") == "radio" else "select"), ""
    return ("textarea" if meta.get("widget") == "textarea" else "text"), ""


def field_views(schema_cls) -> list[FieldView]:
    """One :class:`FieldView` per loadable field, in declaration order."""
    views = []
    for name, f in schema_cls().load_fields.items():
        meta = f.metadata
        widget, step = _widget(f)
        low, high = (meta.get("range") or (None, None))
        views.append(FieldView(name=name, label=str(meta.get("label", name)), widget=widget,
                               required=f.required, help=str(meta.get("help", "")),
                               unit=str(meta.get("unit", "")), step=step, min=low, max=high,
                               choices=[(str(v), str(t)) for v, t in meta.get("choices", [])]))
    return views


def payload_from_form(schema_cls, form) -> dict:
    """The posted fields the schema knows, shaped for ``load``: lists for checkboxes, booleans
    for check boxes (an unticked box is ``False``), blanks left out so "required" is reported."""
    data = {}
    for name, f in schema_cls().load_fields.items():
        value = kind_of(f).from_form(form, name)
        if value is not BLANK:
            data[name] = value
    return data


def initial_values(schema_cls) -> dict:
    """What a new form shows before anything is typed: each field's ``initial`` metadata (a
    value, or a function of nothing called now, e.g. the coop's ``today``), as the form writes
    it ("2026-12-07" for a date). Shown, so the person sees what will be saved and changes it."""
    values = {}
    for name, f in schema_cls().load_fields.items():
        initial = f.metadata.get("initial")
        if callable(initial):
            initial = initial()
        if initial is not None:
            values[name] = initial.isoformat() if hasattr(initial, "isoformat") else str(initial)
    return values


def posted_values(schema_cls, form) -> dict:
    """What was typed, to show again next to the errors (lists for checkboxes)."""
    lists = {n for n, f in schema_cls().load_fields.items() if kind_of(f).name == "list"}
    return {name: (form.getlist(name) if name in lists else form.get(name, ""))
            for name in form.keys()}


def form_values(payload: dict) -> dict:
    """A stored payload as the values a form shows when amending it."""
    return {k: (v if isinstance(v, list) else ("" if v is None else str(v)).replace("+00:00", ""))
            for k, v in (payload or {}).items()}


def display_rows(spec, payload: dict) -> list[tuple[str, str]]:
    """(label, value) lines of an entry, choice values shown by their label, decimals as the
    reader's language writes them; units kept. A form whose renderer gives its own lines
    (:attr:`RendererSpec.rows`) is shown by them; if they fail, by the generic lines (the
    failure is recorded against the plugin, as a failing summary is)."""
    if spec is None:
        return [(k, _plain(v)) for k, v in payload.items()]
    renderer = renderer_for(spec.id, spec.version)
    if renderer is not None and renderer.rows is not None:
        rows = renderer.rows
        own = _call(plugin_host(), lambda p: [(str(label), str(value)) for label, value in rows(p)],
                    payload, spec.id, str_of=False)
        if own is not None:
            return own
    rows = []
    for view in field_views(spec.schema):
        if view.name not in payload or payload[view.name] in (None, "", []):
            continue
        value = payload[view.name]
        names = dict(view.choices)
        if isinstance(value, list):
            text = ", ".join(names.get(str(v), str(v)) for v in value)
        elif isinstance(value, bool):
            text = str(_("Yes") if value else _("No"))
        elif isinstance(value, float) and str(value) not in names:
            text = number(value)  # "37,2" in French, as the entry's summary writes it
        else:
            text = names.get(str(value), str(value))
        rows.append((view.label, f"{text} {view.unit}".strip()))
    return rows


def _plain(value) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def renderer_for(form_id: str, version: int):
    """The RendererSpec for this form version (exact version first, then any version)."""
    return registry(active_only=False).renderer(form_id, version)


def _call(host, fn, payload, form_id, str_of: bool = True):
    try:
        result = fn(payload)
        # a text holding numbers to call stays one: the member's page links them
        return (result if isinstance(result, PhoneText) else str(result)) if str_of else result
    except Exception as exc:  # a renderer that raises costs its line, never the chart
        host.record_fault(host.owner_of("register_forms", form_id) or "core",
                          "register_entry_renderers", exc)
        return None


def summary_line(entry, spec, forms=None, host=None) -> str:
    """The plugin's one-line summary, or the form's title (``forms``: the registry of every
    installed plugin, ``host``: the plugin host, when the caller has them at hand for many
    entries)."""
    renderer = (forms.renderer(entry.form_id, entry.form_version) if forms is not None
                else renderer_for(entry.form_id, entry.form_version))
    host = host or plugin_host()
    text = _call(host, renderer.summary, entry.payload, entry.form_id) if renderer else None
    return text or (str(spec.title) if spec else entry.form_id)


def plain_language(entry) -> str | None:
    """The plain-language text for the member, if the plugin provides one."""
    renderer = renderer_for(entry.form_id, entry.form_version)
    if renderer is None or renderer.plain_language is None:
        return None
    host = plugin_host()
    return _call(host, renderer.plain_language, entry.payload, entry.form_id)


def entry_template(entry) -> str | None:
    renderer = renderer_for(entry.form_id, entry.form_version)
    return renderer.template if renderer else None


def entry_template_catalog(entry):
    """The catalog a plugin's entry template is read in (``record/entry.html`` includes it in
    core's page): the plugin's that declares the form, whose catalog translates its strings;
    core's for a form of core's."""
    from core.i18n import DOMAINS, core_domain

    return DOMAINS.get(plugin_host().owner_of("register_forms", entry.form_id), core_domain)
