"""The refresh's swap of a raw folder, made safe against a kill at any moment.

A refresh fills `data/.refresh/<slug>` and then swaps it in with two renames:

    data/raw/<slug>              -> data/.refresh/<slug>.retired   (1)
    data/.refresh/<slug>         -> data/raw/<slug>                (2)
    data/.refresh/<slug>.retired    deleted                        (3)

A process killed between (1) and (2) leaves no `data/raw/<slug>` and the only good copy in
`<slug>.retired`. So the next refresh or build starts with `recover_interrupted_swaps`,
which puts a retired copy back where its folder is missing (a roll back: the new copy was
never in place) and deletes it only where the swap had finished. Nothing else ever deletes
a `.retired` folder: it may be the last copy of a source.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

STAGING_DIR = ".refresh"
RETIRED_SUFFIX = ".retired"


class StagingError(Exception):
    pass


def retired_copy(data_dir: Path, slug: str) -> Path:
    return data_dir / STAGING_DIR / f"{slug}{RETIRED_SUFFIX}"


def swap_in(staging: Path, raw_dir: Path, retired: Path) -> None:
    """Two renames on one disk; see the module's docstring for how a kill is undone."""
    raw_dir.parent.mkdir(parents=True, exist_ok=True)
    if retired.exists():
        # Only a swap that recovery did not finish leaves one; never delete it blindly.
        raise StagingError(f"{retired} is still there from an interrupted refresh")
    if raw_dir.exists():
        os.rename(raw_dir, retired)
    os.rename(staging, raw_dir)
    if retired.exists():
        shutil.rmtree(retired)


def recover_interrupted_swaps(data_dir: Path, raw_dirs: dict[str, Path]) -> list[str]:
    """Finish or undo the swaps a killed refresh left; return what was done, in words.

    `raw_dirs` maps each source's slug to its folder. A retired copy of an unknown source
    is left where it is (and reported): it may be the only copy of something.
    """
    staging_root = data_dir / STAGING_DIR
    if not staging_root.is_dir():
        return []
    done = []
    for retired in sorted(staging_root.glob(f"*{RETIRED_SUFFIX}")):
        slug = retired.name.removesuffix(RETIRED_SUFFIX)
        raw_dir = raw_dirs.get(slug)
        if raw_dir is None:
            done.append(f"{retired}: kept (no source {slug!r} is declared)")
        elif raw_dir.exists():
            shutil.rmtree(retired)  # step (2) happened: the new copy is whole and in place
            done.append(f"{slug}: finished the swap a killed refresh left (old copy removed)")
        else:
            os.rename(retired, raw_dir)  # killed between (1) and (2): the old copy goes back
            done.append(
                f"{slug}: restored {raw_dir} from {retired} (a refresh was killed mid-swap)"
            )
    return done


def clear_unfinished_staging(data_dir: Path) -> None:
    """Delete the half-filled staging folders of a killed refresh, never a retired copy."""
    staging_root = data_dir / STAGING_DIR
    if not staging_root.is_dir():
        return
    for path in staging_root.iterdir():
        if path.name.endswith(RETIRED_SUFFIX):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def copy_regular_tree(source: Path, target: Path) -> None:
    """Copy a raw folder without following links: a link or device is refused, not copied.

    `shutil.copytree` follows symbolic links, so a link to a secret file became a regular
    file in data/raw, and a link to /dev/urandom copied until the disk was full.
    """
    if source.is_symlink():
        raise StagingError(f"{source} is a symbolic link: a source's folder must be a real one")
    target.mkdir(parents=True)
    for entry in os.scandir(source):
        path = Path(entry.path)
        mode = entry.stat(follow_symlinks=False).st_mode
        if stat.S_ISLNK(mode):
            raise StagingError(
                f"{path} is a symbolic link (to {os.readlink(path)!r}): links in a raw folder "
                "are refused; replace it with the file itself or remove it"
            )
        if stat.S_ISDIR(mode):
            copy_regular_tree(path, target / entry.name)
        elif stat.S_ISREG(mode):
            shutil.copy2(path, target / entry.name, follow_symlinks=False)
        else:
            raise StagingError(f"{path} is not a regular file (a device, pipe or socket)")
