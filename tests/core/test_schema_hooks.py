"""core.schema_hooks finds a schema's hooks as marshmallow itself does (issue 23: start-up)."""

from marshmallow import Schema, ValidationError, fields, post_dump, pre_load, validates_schema

from core import schema_hooks


def _found(hooks):
    # marshmallow's defaultdict gains an empty list for each tag a schema in use asks for
    return {tag: listed for tag, listed in hooks.items() if listed}


def _every_schema_class(root=Schema):
    for cls in root.__subclasses__():
        yield cls
        yield from _every_schema_class(cls)


def test_every_schema_of_the_application_has_the_hooks_marshmallow_finds(app):
    schema_hooks.install()
    classes = list(_every_schema_class())
    with_hooks = [cls for cls in classes if cls._hooks]
    assert len(classes) > 100 and len(with_hooks) > 10  # the application's, not a few
    for cls in classes:
        assert _found(cls._hooks) == _found(schema_hooks.marshmallows_own(cls)), cls


def test_a_hook_is_inherited_replaced_or_dropped_as_marshmallow_decides():
    schema_hooks.install()

    class Trimmed(Schema):
        name = fields.String(required=True)

        @pre_load
        def trim(self, data, **kwargs):
            return {**data, "name": data["name"].strip()}

        @post_dump(pass_collection=True)
        def wrap(self, data, many, **kwargs):
            return {"items": data} if many else data

    class Checked:
        @validates_schema
        def refuse_empty(self, data, **kwargs):
            if not data["name"]:
                raise ValidationError("empty")

    class Raw(Checked, Trimmed):
        def trim(self, data, **kwargs):  # no longer a hook: marshmallow drops it
            return data

    for cls in (Trimmed, Raw):
        assert _found(cls._hooks) == _found(schema_hooks.marshmallows_own(cls))
    assert Trimmed().load({"name": "  Léa "}) == {"name": "Léa"}
    assert Raw().load({"name": "  Léa "}) == {"name": "  Léa "}
    assert Raw().validate({"name": ""}) == {"_schema": ["empty"]}
    assert Raw().dump([{"name": "a"}], many=True) == {"items": [{"name": "a"}]}
