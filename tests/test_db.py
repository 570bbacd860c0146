"""Under test, a request that ends with changes nobody committed fails instead of losing them."""

import pytest
from flask import Blueprint
from sqlalchemy import func, select

from jobbes.db import UncommittedChanges, db
from jobbes.models import AuditEvent
from jobbes.views.access import public


def an_event() -> AuditEvent:
    return AuditEvent(action="test:write", subject_type="test", subject_id=1)


ENDINGS = {
    "added": lambda: db.add(an_event()),
    "flushed": lambda: (db.add(an_event()), db.flush()),
    "changed": lambda: setattr(db.scalars(select(AuditEvent)).first(), "comment", "changed"),
    "committed": lambda: (db.add(an_event()), db.commit()),
    "rolled_back": lambda: (db.add(an_event()), db.flush(), db.rollback()),
    "committed_then_added": lambda: (db.add(an_event()), db.commit(), db.add(an_event())),
    "read_only": lambda: db.scalar(select(func.count(AuditEvent.id))),
    "unchanged": lambda: setattr(db.scalars(select(AuditEvent)).first(), "action", "test:seed"),
}
FORGOTTEN = {"added", "flushed", "changed", "committed_then_added"}


@pytest.fixture
def ending_app(fresh_app, db_session):
    db_session.add(AuditEvent(action="test:seed", subject_type="test", subject_id=0))
    db_session.commit()
    endings = Blueprint("endings", __name__)

    @endings.post("/end/<how>")
    @public
    def end(how):
        ENDINGS[how]()
        return "done"

    fresh_app.register_blueprint(endings)
    return fresh_app


@pytest.mark.parametrize("how", sorted(ENDINGS))
def test_only_a_request_that_forgot_to_commit_fails(ending_app, how):
    client = ending_app.test_client()
    if how in FORGOTTEN:
        with pytest.raises(UncommittedChanges):
            client.post(f"/end/{how}", data={})
    else:
        assert client.post(f"/end/{how}", data={}).status_code == 200


def test_outside_tests_the_changes_are_dropped_as_before(ending_app):
    ending_app.config["JOBBES_STRICT_SESSIONS"] = False
    assert ending_app.test_client().post("/end/flushed", data={}).status_code == 200


def test_a_command_that_forgets_to_commit_fails_too(fresh_app):
    with pytest.raises(UncommittedChanges), fresh_app.app_context():
        db.add(an_event())
