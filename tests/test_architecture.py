"""The shape of the code: layers depend one way, and every template compiles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "jobbes"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def modules(layer: str) -> list[Path]:
    folder = PACKAGE / layer
    return sorted(folder.rglob("*.py")) if folder.is_dir() else [PACKAGE / f"{layer}.py"]


def forbidden_imports(layer: str, forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    found = {}
    for path in modules(layer):
        bad = sorted(
            name
            for name in imports_of(path)
            if any(name == f or name.startswith(f + ".") for f in forbidden)
        )
        if bad:
            found[str(path.relative_to(ROOT))] = bad
    return found


WEB = ("flask", "flask_login", "flask_wtf", "flask_babel", "flask_limiter", "werkzeug", "wtforms")


def test_services_know_nothing_of_http_or_forms():
    assert forbidden_imports("services", (*WEB, "jobbes.views", "jobbes.forms", "jobbes.db")) == {}


def test_models_depend_only_on_sqlalchemy():
    assert (
        forbidden_imports(
            "models", (*WEB, "jobbes.views", "jobbes.forms", "jobbes.services", "jobbes.db")
        )
        == {}
    )


def test_forms_never_touch_the_database():
    assert forbidden_imports("forms", ("sqlalchemy", "jobbes.db", "jobbes.views")) == {}


@pytest.mark.parametrize("module", ["permissions", "matching"])
def test_permissions_and_matching_stay_pure(module):
    assert forbidden_imports(module, (*WEB, "sqlalchemy", "jobbes.db")) == {}


def test_services_never_commit():
    offenders = [
        str(path.relative_to(ROOT))
        for path in modules("services")
        if ".commit(" in path.read_text()
    ]
    assert offenders == []


def test_only_views_and_the_request_helpers_read_the_request():
    """Everything else gets what it needs from a request as arguments."""
    allowed = ("jobbes/views/", "jobbes/htmx.py", "jobbes/i18n.py")
    readers = [
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if "request" in flask_names_imported_by(path)
    ]
    assert [r for r in readers if not r.startswith(allowed)] == []


def flask_names_imported_by(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    return {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "flask"
        for alias in node.names
    }


TEMPLATES = sorted(
    str(path.relative_to(ROOT / "templates")) for path in (ROOT / "templates").rglob("*.*")
)


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_template_compiles(app, name):
    app.jinja_env.get_template(name)


def test_models_and_migrations_agree(app, connection):
    """A model change without a migration (or the reverse) fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from jobbes.models import Base
    from jobbes.services.search import SEARCH_TABLE_PREFIX

    def include_object(obj, name, type_, reflected, compare_to):
        return not (type_ == "table" and (name or "").startswith(SEARCH_TABLE_PREFIX))

    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "include_object": include_object}
    )
    assert compare_metadata(context, Base.metadata) == []
