"""The record branch: one head, and its tables match the models on this database."""

from core.migrate import heads_by_branch, pending_model_changes


def test_record_branch_has_one_head(app):
    assert len(heads_by_branch(app)["record"]) == 1


def test_record_and_audit_tables_match_models(app):
    ours = [d for d in pending_model_changes(app)
            if any(name in repr(d) for name in ("record_", "audit_events"))]
    assert ours == []
