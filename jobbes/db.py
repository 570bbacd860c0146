"""The database engine and one SQLAlchemy session per request."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, g, has_app_context
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from werkzeug.local import LocalProxy

EXTENSION_KEY = "jobbes.db"
WRITES_KEY = "db_writes"
_FLUSHED = "jobbes.flushed_uncommitted"


class UncommittedChanges(RuntimeError):
    """A request or command ended with changes in its session that it never committed."""


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine with the per-dialect settings Jobbes relies on."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)
        _make_sqlite_behave(engine)
        return engine
    # A web request's queries each touch a few thousand rows at most. PostgreSQL's parallel
    # workers (a process each, started per query) and its JIT compiler cost more than that
    # saves, and on a small server they take the cores the other requests are waiting for.
    options = "-c max_parallel_workers_per_gather=0 -c jit=off"
    return create_engine(url, pool_pre_ping=True, connect_args={"options": options}, **kwargs)


def _make_sqlite_behave(engine: Engine) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINT; let SQLAlchemy emit BEGIN itself
    # (the recipe from SQLAlchemy's SQLite dialect documentation), and enforce foreign keys.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=5000")
            # Read pages straight from the operating system's cache instead of copying them
            # into each connection's own; searches over many listings read a lot of pages.
            cursor.execute("PRAGMA mmap_size=268435456")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # SQLite lets one writer in at a time, but a transaction that read before another's
        # commit cannot write after it ("database is locked"). A request that came to change
        # something therefore takes the write lock with its first statement and reads what the
        # writer before it committed: the one who lost a race finds the state changed.
        writes = has_app_context() and g.get(WRITES_KEY, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def expect_writes() -> None:
    """The current request came to change something (see `_on_begin`)."""
    g.setdefault(WRITES_KEY, True)


def init_app(app: Flask) -> None:
    """Attach an engine and a session factory to the app, and close sessions after each request."""
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions[EXTENSION_KEY] = sessionmaker(engine, expire_on_commit=False)
    app.teardown_appcontext(_close_session)


def engine() -> Engine:
    """The engine behind the current app's sessions."""
    factory: sessionmaker[Session] = current_app.extensions[EXTENSION_KEY]
    bind = factory.kw["bind"]
    return bind if isinstance(bind, Engine) else bind.engine


def get_session() -> Session:
    """The session of the current request (or CLI command), opened on first use."""
    if "db_session" not in g:
        g.db_session = current_app.extensions[EXTENSION_KEY]()
    session: Session = g.db_session
    return session


def _close_session(exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is None:
        return
    try:
        if exc is None and current_app.config.get("JOBBES_STRICT_SESSIONS"):
            _refuse_uncommitted(session)
    finally:
        session.close()


def _refuse_uncommitted(session: Session) -> None:
    changed = [*session.new, *session.deleted]
    changed += [item for item in session.dirty if session.is_modified(item)]
    if changed or session.info.get(_FLUSHED):
        raise UncommittedChanges(
            "the session ended with changes nobody committed or rolled back: "
            + (", ".join(sorted({repr(item) for item in changed})) or "flushed writes")
        )


# Flushed writes leave no trace in new/dirty/deleted; these mark them until the transaction ends.
@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: Any) -> None:
    session.info[_FLUSHED] = True


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _after_transaction(session: Session) -> None:
    session.info.pop(_FLUSHED, None)


# Views and commands write `db.execute(...)`, `db.commit()`; services receive it as an argument.
# LocalProxy is typed as itself, not as the object it stands for, so it is declared as a Session.
db: Session = LocalProxy(get_session)  # type: ignore[assignment]
