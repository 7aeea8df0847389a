"""Writing a file so that a crash or a kill at any moment leaves the old file or the new one, never a part.

A save keeps what it replaces: the old file's permission bits (and owner, where allowed), and a symbolic
link (the new content goes to the link's target, the link stays). Other hard links of the old file keep
the old content: a rename cannot update them. It never replaces a folder, a device, a pipe or a socket. The
folder must exist. Every error names the path given, never the hidden temporary file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomically(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Replace `path` with what `write(file)` writes: a temporary file in the same folder, fsync, os.replace.

    A kill can leave a stray `.<name>.*.tmp` file behind; a finished or failed write never does.
    An OSError names `path` (a missing folder, a full disk, a path that is a folder, ...).
    """
    target = Path(os.path.realpath(path))  # through symbolic links: the link stays, its target is replaced
    try:
        _check_target(target)
        _replace(target, write)
    except OSError as e:
        if e.errno is None:
            raise
        raise OSError(e.errno, e.strerror, str(path)) from None  # OSError(ENOENT, …) is a FileNotFoundError


def _check_target(target: Path) -> None:
    folder = target.parent
    if not folder.is_dir():
        if folder.exists():
            raise NotADirectoryError(errno.ENOTDIR, f"Not a directory ({folder} is not a folder)")
        raise FileNotFoundError(errno.ENOENT, f"No such file or directory (the folder {folder} does not exist)")
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "Is a directory")
    if not stat.S_ISREG(mode):
        raise OSError(errno.EINVAL, "Not a regular file (a device, a pipe or a socket is never replaced)")


def _replace(target: Path, write: Callable[[BinaryIO], object]) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    # O_EXCL: never write through someone else's file; 0o666 & ~umask: the usual mode (mkstemp's is 0o600)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())  # the data is on disk before the rename makes it visible
        _keep_mode(target, tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


def _keep_mode(target: Path, tmp: Path) -> None:
    """Give the new file the permission bits (a 0600 model stays 0600) and, where we may, the owner and group
    of the file it replaces (root saving over a user's file leaves it the user's)."""
    try:
        old = os.stat(target)
    except FileNotFoundError:
        return
    new = os.stat(tmp)
    if (old.st_uid, old.st_gid) != (new.st_uid, new.st_gid) and hasattr(os, "chown"):
        with contextlib.suppress(PermissionError):  # only root may give a file away, or to a group we are not in
            os.chown(tmp, old.st_uid, old.st_gid)
    os.chmod(tmp, stat.S_IMODE(old.st_mode))  # after chown, which may clear the setuid/setgid bits


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); folders cannot be opened for this on Windows."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
