"""Norwegian organisation numbers (organisasjonsnummer) and their MOD11 check digit."""

from __future__ import annotations

WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def normalise(raw: str) -> str:
    """Drop the spaces and dots people type between groups: '923 609 016' -> '923609016'."""
    return "".join(ch for ch in raw if ch not in " .\u00a0-")


def check_digit(first_eight: str) -> int | None:
    """The MOD11 check digit for eight digits, or None where no digit is possible (remainder 1)."""
    total = sum(int(d) * w for d, w in zip(first_eight, WEIGHTS, strict=True))
    remainder = total % 11
    if remainder == 0:
        return 0
    digit = 11 - remainder
    return None if digit == 10 else digit


def is_valid(number: str) -> bool:
    """True for nine ASCII digits whose last digit is the MOD11 check digit of the first eight."""
    if len(number) != 9 or not number.isascii() or not number.isdigit():
        return False
    return check_digit(number[:8]) == int(number[8])


def display(number: str) -> str:
    """Group as Brønnøysundregistrene writes it: '923 609 016'."""
    return f"{number[:3]} {number[3:6]} {number[6:]}" if len(number) == 9 else number
