"""Password hashing with Argon2id, the KDF OWASP recommends first."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 8
# Long enough for any passphrase, short enough that hashing cannot be used to burn CPU.
MAX_LENGTH = 256

hasher = PasswordHasher()

# Verified against when the email is unknown, so a failed login takes the same time either way.
_UNUSABLE_HASH = hasher.hash("jobbes: no such account")


def hash_password(password: str) -> str:
    return hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True if the password matches; always spends one verification, even without a hash."""
    try:
        return hasher.verify(password_hash or _UNUSABLE_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return hasher.check_needs_rehash(password_hash)
