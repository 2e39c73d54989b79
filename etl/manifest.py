"""Sidecar manifests of the bundled raw files: `data/raw/<slug>/manifest.json`.

Each file entry records the publisher's canonical URL, where the bundled copy came from,
when it was retrieved, its sha256 and size, and its licence. The build refuses a file
whose bytes no longer match its manifest: a raw file is changed only by a refresh, which
rewrites the manifest too.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

MANIFEST_NAME = "manifest.json"
# A manifest is a few kilobytes; anything much larger is not one (and is not parsed).
MAX_MANIFEST_BYTES = 1 << 20


class ManifestError(Exception):
    pass


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    # O_NOFOLLOW: a link swapped in after the check below is refused, not hashed.
    with os.fdopen(os.open(path, os.O_RDONLY | os.O_NOFOLLOW), "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_plain_name(name: object, where: str) -> str:
    """A file name listed in a manifest: one name inside the folder, never a path out of it."""
    if (
        not isinstance(name, str)
        or name in ("", ".", "..")
        or "/" in name
        or "\\" in name
        or "\0" in name
    ):
        raise ManifestError(
            f"{where}: the name {name!r} is not a plain file name in the source's folder "
            "(paths such as '../x' or '/etc/x' are refused)"
        )
    return name


def regular_file_problem(path: Path) -> str | None:
    """Why `path` is not a regular file of its own (a link, a device, a pipe), or None.

    A raw file must be the bytes in the folder: a symbolic link would make the build read,
    hash and quote whatever it points to (a secret, or /dev/urandom without end).
    """
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(mode):
        return f"{path} is a symbolic link (to {os.readlink(path)!r}): links are refused"
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return f"{path} is not a regular file (a device, pipe or socket): refused"
    return None


def check_folder(directory: Path) -> None:
    """The source's folder itself must be a real folder, not a link to another one."""
    if directory.is_symlink():
        raise ManifestError(
            f"{directory} is a symbolic link (to {os.readlink(directory)!r}): a source's "
            "folder must be a real folder"
        )


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
        check_folder(directory)
        path = directory / MANIFEST_NAME
        if not path.exists() and not path.is_symlink():
            raise ManifestError(f"{path} is missing: every raw folder needs a manifest")
        problem = regular_file_problem(path)
        if problem:
            raise ManifestError(problem)
        entries = {}
        for number, item in enumerate(_files_of(path, _parse(path)), start=1):
            entry = _entry(path, number, item)
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
        path = self.directory / check_plain_name(file_name, str(self.directory / MANIFEST_NAME))
        problem = regular_file_problem(path)
        if problem:
            raise ManifestError(problem)
        if not path.is_file():
            raise ManifestError(f"{path} is listed in the manifest but missing")
        actual = sha256_of(path)
        if actual != entry.sha256:
            raise ManifestError(
                f"{path}: sha256 {actual} does not match the manifest ({entry.sha256}); "
                "the file changed outside a refresh"
            )
        return path


def _parse(path: Path):
    """The manifest's JSON; a damaged one is named with its line and column, not a traceback."""
    size = path.stat().st_size
    if size > MAX_MANIFEST_BYTES:
        raise ManifestError(
            f"{path}: {size:,} bytes, over the {MAX_MANIFEST_BYTES:,} a manifest may have"
        )
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise ManifestError(
            f"{path}, byte {error.start}: not UTF-8 text; restore it from git"
        ) from None
    except json.JSONDecodeError as error:
        raise ManifestError(
            f"{path}, line {error.lineno}, column {error.colno}: not valid JSON ({error.msg}); "
            "restore it from git or refresh the source"
        ) from None
    except RecursionError:
        raise ManifestError(
            f"{path}: JSON nested too deep to be a manifest; restore it from git"
        ) from None


def _files_of(path: Path, document) -> list:
    files = document.get("files") if isinstance(document, dict) else None
    if not isinstance(files, list):
        raise ManifestError(f"{path}, key 'files': no list of files (the manifest is damaged)")
    return files


REQUIRED_FIELDS = tuple(
    f.name for f in dataclasses.fields(FileEntry) if f.default is dataclasses.MISSING
)


def _entry(path: Path, number: int, item) -> FileEntry:
    """One file entry; a missing, unknown or mistyped field is named with the entry."""
    where = f"{path}, files entry {number}"
    if not isinstance(item, dict):
        raise ManifestError(f"{where}: not an object with {', '.join(REQUIRED_FIELDS)}")
    check_plain_name(item.get("name"), where)
    where += f" ({item['name']!r})"
    missing = [name for name in REQUIRED_FIELDS if name not in item]
    if missing:
        raise ManifestError(f"{where}: key {missing[0]!r} is missing")
    known = {f.name for f in dataclasses.fields(FileEntry)}
    unknown = sorted(set(item) - known)
    if unknown:
        raise ManifestError(f"{where}: unknown key {unknown[0]!r}")
    if not isinstance(item["bytes"], int) or not all(
        isinstance(item[name], str) for name in known - {"bytes"} if name in item
    ):
        raise ManifestError(f"{where}: 'bytes' must be a number and every other key text")
    return FileEntry(**item)


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
