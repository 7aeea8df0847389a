"""write_atomically keeps what it replaces: permission bits, symbolic links, non-files; errors name the path given."""

import os
import stat

import pytest

from autograd_lite import Value
from autograd_lite.files import write_atomically
from autograd_lite.nn import MLP
from autograd_lite.viz import draw_graph, save_walkthrough


def write(path, data=b"new"):
    write_atomically(path, lambda f: f.write(data))


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def small_graph():
    a, b = Value(2.0, label="a"), Value(3.0, label="b")
    c = a * b
    c.label = "c"
    return c


# Every saver of the package goes through write_atomically; each is checked below with the same cases.
SAVERS = {
    "write_atomically": lambda path: write(path),
    "Module.save": lambda path: MLP(2, [2, 1], seed=0).save(path),
    "Diagram.save": lambda path: draw_graph(small_graph()).save(path),
    "save_walkthrough": lambda path: save_walkthrough(small_graph(), path),
}
SUFFIX = {"write_atomically": ".bin", "Module.save": ".json", "Diagram.save": ".dot", "save_walkthrough": ".html"}


@pytest.mark.parametrize("saver", SAVERS)
def test_saving_over_a_file_keeps_its_permission_bits(tmp_path, saver):
    """The audit's case: a 0600 model came back 0644."""
    path = tmp_path / f"private{SUFFIX[saver]}"
    path.write_bytes(b"old")
    for bits in (0o600, 0o640, 0o444, 0o755):
        os.chmod(path, bits)
        SAVERS[saver](path)
        assert mode(path) == bits
        assert path.read_bytes() != b"old"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root may give a file away")
def test_root_saving_over_a_users_file_leaves_it_the_users(tmp_path):
    path = tmp_path / "theirs.json"
    path.write_bytes(b"old")
    os.chown(path, 1234, 2345)
    os.chmod(path, 0o640)
    MLP(2, [2, 1], seed=0).save(path)
    after = os.stat(path)
    assert (after.st_uid, after.st_gid, mode(path)) == (1234, 2345, 0o640)


def test_a_new_file_gets_the_usual_mode(tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("x")  # open()'s 0o666 minus the umask
    write(tmp_path / "new.bin")
    assert mode(tmp_path / "new.bin") == mode(plain)


@pytest.mark.parametrize("saver", SAVERS)
def test_saving_to_a_symbolic_link_writes_through_to_its_target(tmp_path, saver):
    """The link stays a link; the file it points to (in another folder) gets the new content, its own mode kept."""
    (tmp_path / "real").mkdir()
    (tmp_path / "links").mkdir()
    target = tmp_path / "real" / f"file{SUFFIX[saver]}"
    target.write_bytes(b"old")
    os.chmod(target, 0o600)
    link = tmp_path / "links" / f"link{SUFFIX[saver]}"
    link.symlink_to(os.path.relpath(target, link.parent))
    SAVERS[saver](link)
    assert link.is_symlink()
    assert os.readlink(link) == os.path.relpath(target, link.parent)
    assert target.read_bytes() != b"old"
    assert mode(target) == 0o600
    assert sorted(p.name for p in (tmp_path / "links").iterdir()) == [link.name]
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == [target.name]  # no temporary file left


def test_a_dangling_link_creates_its_target_and_a_chain_of_links_is_followed(tmp_path):
    target = tmp_path / "target.bin"
    (tmp_path / "dangling").symlink_to("target.bin")
    write(tmp_path / "dangling")
    assert target.read_bytes() == b"new"
    (tmp_path / "second").symlink_to("dangling")
    write(tmp_path / "second", b"newer")
    assert target.read_bytes() == b"newer"
    assert (tmp_path / "second").is_symlink()
    assert (tmp_path / "dangling").is_symlink()


@pytest.mark.parametrize("saver", SAVERS)
def test_a_missing_folder_is_one_error_naming_the_path_and_the_folder(tmp_path, saver):
    path = tmp_path / "no" / "such" / f"file{SUFFIX[saver]}"
    with pytest.raises(FileNotFoundError) as raised:
        SAVERS[saver](path)
    assert raised.value.filename == str(path)
    assert f"the folder {path.parent} does not exist" in str(raised.value)
    assert ".tmp" not in str(raised.value)
    assert not (tmp_path / "no").exists()  # a file's folder is not created


def test_a_folder_that_is_a_file_is_named(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(NotADirectoryError, match="is not a folder") as raised:
        write(tmp_path / "file" / "g.bin")
    assert raised.value.filename == str(tmp_path / "file" / "g.bin")


def test_a_full_disk_names_the_target_never_the_temporary_file_and_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "model.bin"
    path.write_bytes(b"old")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left on device") as raised:
        write(path)
    assert raised.value.errno == 28
    assert raised.value.filename == str(path)
    assert ".tmp" not in str(raised.value)
    assert raised.value.__cause__ is None
    assert raised.value.__suppress_context__  # no chained error that names the temporary file
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["model.bin"]


def test_a_folder_a_pipe_or_a_device_is_never_replaced(tmp_path):
    folder = tmp_path / "folder.bin"
    folder.mkdir()
    with pytest.raises(IsADirectoryError) as raised:
        write(folder)
    assert raised.value.filename == str(folder)
    assert folder.is_dir()
    fifo = tmp_path / "pipe.bin"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="Not a regular file") as raised:
        write(fifo)
    assert raised.value.filename == str(fifo)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.bin", "pipe.bin"]


def test_a_write_that_fails_in_the_writer_passes_its_own_error_through(tmp_path):
    def broken(f):
        raise ValueError("cannot render")

    with pytest.raises(ValueError, match="cannot render"):
        write_atomically(tmp_path / "g.svg", broken)
    assert list(tmp_path.iterdir()) == []


def test_the_pictures_of_train_keep_the_mode_of_the_files_they_replace(tmp_path):
    """train's decision boundary and loss curve are saves like any other (matplotlib writes into the temporary file)."""
    pytest.importorskip("matplotlib", reason="the pictures need the plot extra")
    from autograd_lite.nn import make_moons, plotting
    from autograd_lite.nn.training import History

    X, y = make_moons(20, noise=0.1, seed=0)  # noqa: N806
    model = MLP(2, [3, 1], seed=0)
    for name in ("decision_boundary.png", "loss.png"):
        (tmp_path / name).write_bytes(b"old")
        os.chmod(tmp_path / name, 0o600)
    paths = plotting.save_pictures(model, X, y, History([0.7, 0.5], [0.5, 0.6]), tmp_path, title="t")
    for path in paths:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert mode(path) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["decision_boundary.png", "loss.png"]
