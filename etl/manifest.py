"""Sidecar manifests of the bundled raw files: `data/raw/<slug>/manifest.json`.

Each file entry records the publisher's canonical URL, where the bundled copy came from,
when it was retrieved, its sha256 and size, and its licence. The build refuses a file
whose bytes no longer match its manifest: a raw file is changed only by a refresh, which
rewrites the manifest too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

MANIFEST_NAME = "manifest.json"


class ManifestError(Exception):
    pass


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class FileEntry:
    name: str
    url: str
    origin: str
    retrieved_at: str
    sha256: str
    bytes: int
    licence: str
    # Validators the publisher's server gave the last download, for conditional requests
    # (If-None-Match / If-Modified-Since): an unchanged file is not downloaded again.
    etag: str = ""
    last_modified: str = ""


OPTIONAL_FIELDS = ("etag", "last_modified")


class Manifest:
    def __init__(self, directory: Path, entries: dict[str, FileEntry]):
        self.directory = directory
        self.entries = entries

    @classmethod
    def read(cls, directory: Path) -> Manifest:
        path = directory / MANIFEST_NAME
        if not path.exists():
            raise ManifestError(f"{path} is missing: every raw folder needs a manifest")
        document = json.loads(path.read_text(encoding="utf-8"))
        entries = {}
        for item in document["files"]:
            entry = FileEntry(**item)
            entries[entry.name] = entry
        return cls(directory, entries)

    def entry(self, file_name: str) -> FileEntry:
        try:
            return self.entries[file_name]
        except KeyError:
            raise ManifestError(
                f"{self.directory / MANIFEST_NAME} does not list {file_name!r}"
            ) from None

    def verified_path(self, file_name: str) -> Path:
        entry = self.entry(file_name)
        path = self.directory / file_name
        if not path.exists():
            raise ManifestError(f"{path} is listed in the manifest but missing")
        actual = sha256_of(path)
        if actual != entry.sha256:
            raise ManifestError(
                f"{path}: sha256 {actual} does not match the manifest ({entry.sha256}); "
                "the file changed outside a refresh"
            )
        return path


def write_manifest(directory: Path, entries: list[FileEntry]) -> None:
    """Write the manifest whole, then swap it in: a reader never sees half a manifest."""
    files = []
    for entry in sorted(entries, key=lambda e: e.name):
        item = dict(entry.__dict__)
        for name in OPTIONAL_FIELDS:
            if not item[name]:
                del item[name]  # bundled snapshots came without validators
        files.append(item)
    text = json.dumps({"files": files}, indent=2, ensure_ascii=False) + "\n"
    temporary = directory / f".{MANIFEST_NAME}.writing"
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(directory / MANIFEST_NAME)
