"""The base of every error a service raises for a view to turn into a message."""


class DomainError(Exception):
    """A rule of the domain said no; the view explains it to the person."""
