"""The shape of the code: layers depend one way, and every template compiles."""

from __future__ import annotations

import ast
import importlib
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


def test_seeding_builds_on_services_like_any_caller_but_knows_nothing_of_http():
    assert forbidden_imports("seed", (*WEB, "jobbes.views", "jobbes.forms", "jobbes.db")) == {}


def test_only_the_commands_seed():
    """The site itself never imports its demo or benchmark data."""
    seeders = [
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if not path.is_relative_to(PACKAGE / "seed")
        and any(n == "jobbes.seed" or n.startswith("jobbes.seed.") for n in imports_of(path))
    ]
    assert seeders == ["jobbes/cli.py"]


def test_models_depend_only_on_sqlalchemy():
    assert (
        forbidden_imports(
            "models", (*WEB, "jobbes.views", "jobbes.forms", "jobbes.services", "jobbes.db")
        )
        == {}
    )


def test_forms_never_touch_the_database():
    assert forbidden_imports("forms", ("sqlalchemy", "jobbes.db", "jobbes.views")) == {}


def names_forms_take_from_services() -> dict[str, list[tuple[str, str | None]]]:
    """For each form module: (module, name) it imports from the services; name None for a module."""
    taken: dict[str, list[tuple[str, str | None]]] = {}
    for path in modules("forms"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                found = [(a.name, None) for a in node.names if a.name.startswith("jobbes.services")]
            elif isinstance(node, ast.ImportFrom) and node.module == "jobbes.services":
                found = [(f"jobbes.services.{a.name}", None) for a in node.names]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "jobbes.services."
            ):
                found = [(node.module or "", a.name) for a in node.names]
            else:
                continue
            taken.setdefault(str(path.relative_to(ROOT)), []).extend(found)
    return taken


def test_forms_take_only_named_constants_and_types_from_services():
    """A form checks the limits a service enforces (password length, minimum age) and speaks its
    vocabulary (Decision, Criteria), read from the service that owns the rule; it never calls one.
    """
    wrong = []
    for form_module, names in names_forms_take_from_services().items():
        for module_name, name in names:
            value = getattr(importlib.import_module(module_name), name) if name else None
            is_constant = name is not None and name.isupper()
            if not (isinstance(value, type) or is_constant):
                wrong.append(f"{form_module}: {module_name}.{name or '*'}")
    assert wrong == []


@pytest.mark.parametrize("module", ["permissions", "matching"])
def test_permissions_and_matching_stay_pure(module):
    assert forbidden_imports(module, (*WEB, "sqlalchemy", "jobbes.db")) == {}


def test_the_working_hours_rules_stay_pure():
    """No web, no database, no translations: the rules are the law's arithmetic alone."""
    pure = (*WEB, "sqlalchemy", "jobbes.db", "jobbes.models", "jobbes.i18n", "babel")
    assert forbidden_imports("working_hours", pure) == {}


# Each has a reason to speak SQL itself: the benchmark's baseline is one bare query by design, the
# health check probes the database, and the login loader is one lookup by session token.
VIEWS_THAT_QUERY = {"jobbes/views/bench.py", "jobbes/views/public.py", "jobbes/views/auth.py"}


def test_views_leave_queries_to_the_services():
    # Catching the database's exceptions (sqlalchemy.exc) is not querying it.
    querying = {
        path
        for path, names in forbidden_imports("views", ("sqlalchemy",)).items()
        if any(name != "sqlalchemy.exc" for name in names)
    }
    assert querying <= VIEWS_THAT_QUERY


def test_services_and_seeding_never_commit():
    offenders = [
        str(path.relative_to(ROOT))
        for path in [*modules("services"), *modules("seed")]
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


def test_templates_take_the_csrf_input_from_its_macro():
    """One place writes the token's input; a form renders it with `forms.csrf_input()`."""
    by_hand = [
        name
        for name in TEMPLATES
        if name != "macros/forms.html"
        and 'name="csrf_token"' in (ROOT / "templates" / name).read_text()
    ]
    assert by_hand == []
