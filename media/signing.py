"""Links to private files (payment proofs carry bank details): an HMAC-SHA256 of the file's
name and an expiry time, under a secret only the server holds. Without the secret a link can be
neither guessed nor stretched; past its expiry it stops working."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path

SECRET_FILE = ".media-secret"


def signature(secret: bytes, name: str, expires: int) -> str:
    return hmac.new(secret, f"{name}\n{expires}".encode(), hashlib.sha256).hexdigest()[:40]


def valid(secret: bytes, name: str, expires: int, given: str, now: float) -> bool:
    """The signature matches (compared in constant time) and the link has not expired."""
    return now < expires and hmac.compare_digest(signature(secret, name, expires), given)


def secret_of(configured: str | None, data_dir: Path) -> bytes:
    """KEDAI_MEDIA_SECRET when set; else a random secret made once and kept in the data dir, so
    links stay valid across restarts of one install and no two installs share one."""
    if configured:
        return configured.encode()
    path = Path(data_dir) / SECRET_FILE
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        made = secrets.token_hex(32).encode()
        try:
            with open(path, "xb") as f:  # two processes starting at once keep the first one's
                f.write(made)
            path.chmod(0o600)
        except FileExistsError:
            return path.read_bytes().strip()
        return made
