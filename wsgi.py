"""The WSGI entry point: `gunicorn wsgi:app`, or `flask --app wsgi ...` for commands."""

from jobbes import create_app

app = create_app()
