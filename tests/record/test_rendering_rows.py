"""A form's own lines (RendererSpec.rows) in the printed chart and the export: used when given,
and a plugin whose lines fail costs them only: the generic lines show, the fault is recorded."""

from core.form_specs import RendererSpec
from core.record import rendering
from core.registry import plugin_host


def _spec(app):
    return next(s for s in plugin_host(app).declarations("register_forms", active_only=False)
                if s.id == "nursing.vital_signs")


def test_a_failing_rows_function_falls_back_to_the_generic_lines(app, monkeypatch):
    with app.test_request_context(headers={"Accept-Language": "fr-CA"}):
        spec, host = _spec(app), plugin_host(app)

        def broken(_payload):
            raise KeyError("oc_code")

        monkeypatch.setattr(rendering, "renderer_for", lambda form_id, version: RendererSpec(
            form_id, lambda p: "", rows=broken))
        rows = rendering.display_rows(spec, {"pulse": 72})
        assert rows and all(isinstance(label, str) for label, _value in rows)
        assert any(value.startswith("72") for _label, value in rows)  # the generic lines
        # the fault is recorded, then taken back: the application is shared by later tests
        # (the nursing contract's "loads without a fault" read this one)
        assert host.faults.pop("nursing").hook == "register_entry_renderers"

        monkeypatch.setattr(rendering, "renderer_for", lambda form_id, version: RendererSpec(
            form_id, lambda p: "", rows=lambda p: [("Pouls", f"{p['pulse']} battements")]))
        assert rendering.display_rows(spec, {"pulse": 72}) == [("Pouls", "72 battements")]
