"""The web server's settings, read once from the environment (configuration flows one way)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


def _flag(env: Mapping[str, str], name: str) -> bool:
    return env.get(name, "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class WebSettings:
    allowed_hosts: tuple[str, ...]  # Host header names the server answers (DNS rebinding)
    public_view: bool  # IMPACT_PUBLIC=1: anonymous visitors see the public, disclosure-controlled shape
    secure_cookies: bool  # behind HTTPS: cookies only over HTTPS
    behind_proxy: bool  # trust one proxy's X-Forwarded-* headers
    max_upload_bytes: int
    session_minutes: int  # idle time after which a sign-in ends

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, bind_host: str = "127.0.0.1") -> "WebSettings":
        env = os.environ if env is None else env
        hosts = [h.strip().lower() for h in env.get("IMPACT_ALLOWED_HOSTS", "").split(",") if h.strip()]
        defaults = ["127.0.0.1", "localhost"] + ([bind_host] if bind_host not in ("0.0.0.0", "::") else [])
        return cls(
            allowed_hosts=tuple(dict.fromkeys(hosts or defaults)),
            public_view=_flag(env, "IMPACT_PUBLIC"),
            secure_cookies=_flag(env, "IMPACT_SECURE_COOKIES"),
            behind_proxy=_flag(env, "IMPACT_BEHIND_PROXY"),
            max_upload_bytes=int(env.get("IMPACT_MAX_UPLOAD_MB", "50")) * 1024 * 1024,
            session_minutes=int(env.get("IMPACT_SESSION_MINUTES", "30")),
        )


def secret_key(home: Path) -> bytes:
    """The key that signs session cookies: made once per home, readable by its owner only."""
    path = home / "access" / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(path.parent, 0o700)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another worker made it just now
            return path.read_bytes()
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(32))
    return path.read_bytes()
