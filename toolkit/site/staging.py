"""Stage the new site next to the output folder and swap it in, so that a build stopped at
any moment (Ctrl-C, a kill, a full disk, a power cut) leaves the whole previous site or the
whole new one, never pages of both.

How. Under the build's lock (:mod:`toolkit.site.lock`) the output folder ``build/`` is copied
to ``.build.teekond-new-<pid>/`` in the same parent: folders are made anew, every file is a
hard link to the one in ``build/`` (no bytes copied, same size and modification time). The
build writes into that copy exactly as it would into ``build/``: an unchanged file keeps its
link (so the no-op stamp and the golden comparisons see the same file), a changed one is
replaced by :func:`~toolkit.output.files.write_atomic` (a new file renamed over the link, so
the live site keeps its bytes), a stale one is unlinked. Files teekond did not make, the
pages of languages this build does not make and the interim summaries come along in the
copy. When the copy is complete the two folders are swapped in one step with Linux's
``renameat2(RENAME_EXCHANGE)``, and the previous site, now at the staging name, is removed.
Staging folders left by a killed build are removed by the next build.

Why this and not the alternatives.

- *Writing in place*, file by file (what teekond did before): each file is whole, but a
  build stopped halfway leaves twelve pages of the new version and eight of the old.
- *A journal* (write new files beside the old, rename them in at the end, finish the renames
  on the next run): the folder is a mix from the first rename until the next run.
- *A symlink* ``build -> .build-v42/`` switched by renaming a new symlink over it: atomic
  everywhere, but ``build`` would no longer be a folder: ``zip -r`` without ``-y`` and many
  file managers and mail clients copy the link, not the site, and Windows shares show it
  oddly. The site must stay a plain folder to zip and mail.

Costs and limits of the swap.

- Every build links every file of the folder (a few milliseconds for a site of a few hundred
  files); an up-to-date build does none of this. Where hard links cannot be made (another
  file system mounted below, one without hard links) the file is copied with its times.
- ``build/`` is a new folder after each build: a shell or file manager open inside it keeps
  showing the old one until it re-opens the folder. Its mode is copied; its owner, extended
  attributes and ACLs are not.
- Without ``renameat2`` (not Linux, a C library before glibc 2.28, a file system that refuses
  the exchange) the swap is two renames, ``build`` to ``.build.teekond-old-<pid>`` and the
  staging folder to ``build``: for that instant ``build`` does not exist. A build killed
  right then leaves the previous site at the ``-old-`` name, and the next build puts it back
  before anything else.
- A folder that is not a site of its own is written in place as before, never swapped: one
  that holds the workspace, a mount point, a shared folder (sticky bit, like ``/tmp``), one
  whose parent cannot be written, one that holds folders teekond did not make (a ``.git``
  of a site published from the folder, someone's documents) or many files of others. Moving
  or re-linking those on every build would surprise their owner; the build logs why (``-v``).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

from ..errors import CannotWrite
from ..load.model import LANGS
from ..output.files import cannot_write, check_writable

NEW, OLD = "teekond-new", "teekond-old"
SITE_ENTRIES = frozenset({"index.html", "assets", *LANGS})
"""What a build makes at the top of the output folder."""
MAX_FOREIGN = 100
"""More files than this at the top of the output folder that teekond did not make: not a
site folder, written in place."""

log = logging.getLogger(__name__)


class StagedFolder:
    """The folder a build writes into (:attr:`folder`) and how it becomes the output folder
    (:meth:`commit`); made by :func:`staged`."""

    def __init__(self, out: Path, workspace: Path) -> None:
        self.out = out
        """The output folder as the user named it (for messages)."""
        self.target = Path(os.path.realpath(out))
        self.workspace = Path(os.path.realpath(workspace))
        self.folder = self.target
        """Where the build writes: the staging folder, or the output folder itself."""
        self.staged = False

    def _name(self, kind: str) -> str:
        return f".{self.target.name}.{kind}-"

    def open(self) -> None:
        """Check that the output folder can be written, then make the staging folder (or,
        for a folder written in place, make sure it exists)."""
        if self.target.exists() and not self.target.is_dir():
            raise CannotWrite(self.out, "it is a file, not a folder")
        try:
            reason = in_place_reason(self.target, self.workspace)
            if not reason:
                self._clean_up()
        except OSError as err:
            raise cannot_write(self.out, err) from None
        if reason:
            log.info("writing %s in place (%s): a build stopped halfway leaves a mix of old "
                     "and new files", self.out, reason)
            check_writable(self.target)
            return
        if self.target.is_dir():
            check_writable(self.target)  # a read-only build/ must not be replaced by a swap
        self.folder = self.target.parent / f"{self._name(NEW)}{os.getpid()}"
        self.staged = True
        try:
            if self.target.is_dir():
                _clone(self.target, self.folder)
            else:
                self.target.parent.mkdir(parents=True, exist_ok=True)
                self.folder.mkdir()
        except OSError as err:
            raise cannot_write(self.out, err) from None

    def commit(self) -> None:
        """Put the staged site in place of the output folder, in one step."""
        if not self.staged:
            return
        try:
            if not os.path.lexists(self.target):
                os.rename(self.folder, self.target)
            elif _exchange(self.folder, self.target):
                _remove_tree(self.folder)
            else:
                old = self.target.parent / f"{self._name(OLD)}{os.getpid()}"
                os.rename(self.target, old)
                os.rename(self.folder, self.target)  # `build` was missing since the last line
                _remove_tree(old)
        except OSError as err:
            raise cannot_write(self.out, err) from None
        self.staged = False

    def discard(self) -> None:
        if self.staged:
            _remove_tree(self.folder)
            self.staged = False

    def _clean_up(self) -> None:
        """Remove the staging folders of builds that were killed; put back a previous site
        that a kill left at the ``-old-`` name (see the module docstring)."""
        parent = self.target.parent
        names = sorted(os.listdir(parent)) if parent.is_dir() else []
        old = [parent / n for n in names if n.startswith(self._name(OLD))]
        if old and not os.path.lexists(self.target):
            os.rename(max(old, key=lambda p: p.stat().st_mtime_ns), self.target)
        for name in names:
            if name.startswith((self._name(NEW), self._name(OLD))):
                _remove_tree(parent / name)


@contextlib.contextmanager
def staged(out: Path, workspace: Path) -> Iterator[StagedFolder]:
    """A :class:`StagedFolder` for a build of ``workspace`` into ``out``; the caller calls
    :meth:`~StagedFolder.commit` when the site is complete. Leaving the block without it
    (an error, Ctrl-C) removes the staging folder: the output folder stays as it was."""
    stage = StagedFolder(out, workspace)
    try:
        stage.open()
        yield stage
    except CannotWrite as err:
        # A file of the staging folder is, to the user, that file of the output folder.
        raise err.moved(stage.folder, stage.out).moved(stage.target, stage.out) from None
    finally:
        stage.discard()


def in_place_reason(target: Path, workspace: Path) -> str | None:
    """Why the folder ``target`` is to be written in place rather than swapped, if it is."""
    if not target.is_dir():
        return None
    if target == workspace or target in workspace.parents:
        return "it holds the workspace"
    if target.parent == target or os.path.ismount(target):
        return "it is a mount point"
    if not os.access(target.parent, os.W_OK):
        return "its parent folder cannot be written"
    if target.stat().st_mode & stat.S_ISVTX:
        return "it is a shared folder"
    with os.scandir(target) as entries:
        foreign = [e for e in entries if e.name not in SITE_ENTRIES]
    folders = sorted(e.name for e in foreign if e.is_dir(follow_symlinks=False))
    if folders:
        return f"it holds folders teekond did not make: {', '.join(folders[:3])}"
    if len(foreign) > MAX_FOREIGN:
        return f"it holds {len(foreign)} files teekond did not make"
    return None


def _clone(source: Path, copy: Path) -> None:
    """``copy`` as a new folder tree whose files are hard links to those of ``source``."""
    os.mkdir(copy)
    with os.scandir(source) as entries:
        for entry in entries:
            target = copy / entry.name
            if entry.is_dir(follow_symlinks=False):
                _clone(Path(entry.path), target)
                continue
            try:
                os.link(entry.path, target, follow_symlinks=False)
            except OSError as err:
                if err.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
                    raise
                # Another file system below, or one without hard links: copy, with times.
                shutil.copy2(entry.path, target, follow_symlinks=False)
    shutil.copymode(source, copy)  # last: a read-only folder is filled first


def _exchange(one: Path, other: Path) -> bool:
    """Swap two paths in one step; False where the system or file system cannot."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    if renameat2(at_fdcwd, os.fsencode(one), at_fdcwd, os.fsencode(other),
                 rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(other))


def _remove_tree(folder: Path) -> None:
    """Remove a staging folder; what cannot be removed now the next build removes."""
    shutil.rmtree(folder, ignore_errors=True)
