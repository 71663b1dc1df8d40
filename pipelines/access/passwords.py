"""Password and token hashing: passwords with argon2id (argon2-cffi's defaults, RFC 9106's
second recommended parameters), API tokens with SHA-256 (they are long random strings, so a
fast hash is enough and lets a request find its token by hash)."""

from __future__ import annotations

import hashlib
import secrets
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()
MIN_LENGTH = 12


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Verified when the name is unknown, so that a wrong name costs what a wrong password does."""
    return _HASHER.hash(secrets.token_urlsafe(16))


def check_password(password: str) -> str:
    if len(password) < MIN_LENGTH:
        raise ValueError(f"a password needs at least {MIN_LENGTH} characters")
    return password


def hash_password(password: str) -> str:
    return _HASHER.hash(check_password(password))


def verify_password(stored: str | None, password: str) -> bool:
    try:
        return _HASHER.verify(stored or _dummy_hash(), password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    return "imp_" + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
