"""The data dir's media in one tar file, and back: every shop's pictures and files under
`shop_media/` (product photos, the QRIS picture, payment proofs, receipts) and the secret that
signs links to the private ones (`.media-secret`), so that a restored install shows what its
database names. Files fetched and not yet filed (`incoming/`) and half-written ones (dot files)
are left out.

Not compressed: the files are JPEG, PNG, WebP and PDF already, and gzip would only cost CPU on
a small VPS. A file is written once under its content's name and never changed, so archiving
after the database copy holds every file that copy names (and perhaps a few newer ones)."""

from __future__ import annotations

import os
import tarfile
from pathlib import Path

from media.signing import SECRET_FILE

FOLDER = "shop_media"
SKIPPED = ("incoming",)


def _members(data_dir: Path) -> list[tuple[Path, str]]:
    """(file, name in the archive) for every file the archive keeps, in a stable order."""
    found: list[tuple[Path, str]] = []
    root = data_dir / FOLDER
    if root.is_dir():
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (Path(folder) == root and d in SKIPPED))
            for name in sorted(files):
                if not name.startswith("."):
                    path = Path(folder) / name
                    found.append((path, path.relative_to(data_dir).as_posix()))
    secret = data_dir / SECRET_FILE
    if secret.is_file():
        found.append((secret, SECRET_FILE))
    return found


def archive(data_dir: Path, dest: Path) -> int:
    """Writes the data dir's media to dest (the caller renames it into place); how many files."""
    count = 0
    with tarfile.open(dest, "w") as tar:
        for path, name in _members(data_dir):
            try:
                tar.add(path, arcname=name, recursive=False)
            except FileNotFoundError:  # removed since the walk (a shop deleted): nothing to keep
                continue
            count += 1
    return count


def extract(source: Path, data_dir: Path) -> int:
    """Puts an archive's files back into the data dir; how many. Files already there with the
    same name are the same bytes (names are content hashes) and are simply written again; only
    `shop_media/` and the secret are taken, and tarfile's "data" filter refuses any member that
    would land outside the data dir or is no plain file or folder."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source, "r") as tar:
        wanted = [m for m in tar.getmembers()
                  if m.name == SECRET_FILE or m.name.startswith(FOLDER + "/") or m.name == FOLDER]
        tar.extractall(data_dir, members=wanted, filter="data")
    return sum(1 for m in wanted if m.isfile())
