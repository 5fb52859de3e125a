"""Opening a database that is not ours, newer than us, damaged or read-only (issue 15).

Every command gives one line and exit status 2, and the file is left exactly as it was (checked by hash).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop import schema, store, transactions
from desktop.cli import main
from tests.conftest import SAMPLES

RULES = "blank:en"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """An ingested copy of the samples, copied again by each test that changes it."""
    home = tmp_path_factory.mktemp("home")
    old = os.environ.get("ARTICLE_REVIEW_HOME")
    os.environ["ARTICLE_REVIEW_HOME"] = str(home)
    try:
        path = tmp_path_factory.mktemp("project") / "project.sqlite"
        assert main(["ingest", str(SAMPLES), "--db", str(path), "--model", RULES, "--quiet"]) == 0
    finally:
        if old is None:
            os.environ.pop("ARTICLE_REVIEW_HOME", None)
        else:
            os.environ["ARTICLE_REVIEW_HOME"] = old
    return path


def _sqlite(path: Path, *statements: str, wal: bool = False) -> Path:
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path


def _copy(project: Path, tmp_path: Path, *statements: str) -> Path:
    path = tmp_path / "case.sqlite"
    shutil.copy(project, path)
    return _sqlite(path, *statements) if statements else path


def _corrupt(project: Path, tmp_path: Path) -> Path:
    return _damage(_copy(project, tmp_path))


def _damage(path: Path) -> Path:
    conn = sqlite3.connect(path)
    root, page_size = conn.execute("select rootpage, (select page_size from pragma_page_size) from sqlite_master "
                                   "where name = 'spans'").fetchone()
    conn.close()
    with open(path, "r+b") as handle:  # a b-tree page of garbage, as a bad sector or a torn copy leaves
        handle.seek((root - 1) * page_size)
        handle.write(b"\x0d" + bytes(range(256)) * (page_size // 256 - 1))
    return path


CASES = {
    "foreign": (lambda project, tmp: _sqlite(tmp / "case.sqlite", "create table users (id integer primary key, name)",
                                             "insert into users values (1, 'ann')"),
                "is not an Article Review database (it belongs to another application: tables users)"),
    "foreign-wal": (lambda project, tmp: _sqlite(tmp / "case.sqlite", "create table notes (body)", wal=True),
                    "is not an Article Review database"),
    "other-application-id": (lambda project, tmp: _sqlite(tmp / "case.sqlite", "PRAGMA application_id = 1234"),
                             "belongs to another application: application id 0x4d2"),
    "other-sqlite-utils-app": (lambda project, tmp: _sqlite(
        tmp / "case.sqlite", "create table _sqlite_migrations (id, migration_set, name, applied_at)",
        "insert into _sqlite_migrations values (1, 'their_app', 'm001', '')"), "is not an Article Review database"),
    "newer-user-version": (lambda project, tmp: _copy(project, tmp, f"PRAGMA user_version = {schema.schema_version() + 4}"),
                           f"written by a newer Article Review (schema version {schema.schema_version() + 4}; "
                           f"this one knows schema version {schema.schema_version()})"),
    "unknown-migration": (lambda project, tmp: _copy(project, tmp, "insert into _sqlite_migrations (migration_set, name, "
                                                     "applied_at) values ('article_review', 'm099_future', '')"),
                          f"with m099_future; this one knows schema version {schema.schema_version()}"),
    "unknown-table": (lambda project, tmp: _copy(project, tmp, "create table future_notes (id integer primary key)"),
                      f"written by a newer Article Review (schema version {schema.schema_version()}, with tables "
                      f"this one does not know: future_notes; this one knows schema version {schema.schema_version()})"),
    "corrupt": (_corrupt, "is damaged"),
    "dropped-table": (lambda project, tmp: _copy(project, tmp, "drop table spans"), "is damaged (table spans missing)"),
    # Not in WAL mode: the check must come before opening it for writing switches it to WAL.
    "dropped-table-no-wal": (lambda project, tmp: _copy(project, tmp, "PRAGMA journal_mode = DELETE", "drop table spans"),
                             "is damaged (table spans missing)"),
    "not-sqlite": (lambda project, tmp: (tmp / "case.sqlite").write_bytes(b"my notes\n" * 500) and tmp / "case.sqlite",
                   "is not an Article Review database (not SQLite)"),
}

# Another process holds the file: a write in progress (rollback journal), or a connection in exclusive locking mode.
HOLD = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive-mode":
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
    conn.execute("BEGIN IMMEDIATE")  # its first write takes the exclusive lock, kept after the commit
    conn.execute("update meta set value = value")
    conn.execute("COMMIT")
else:
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("BEGIN EXCLUSIVE")
print("held", flush=True)
sys.stdin.read()  # until the test closes the pipe
"""

LOCKED = "is held by another process (database is locked); close it and retry"
LOCKS = {"locked-exclusive": "begin-exclusive", "locked-exclusive-mode": "exclusive-mode"}
CASES.update({name: (None, LOCKED) for name in LOCKS})

# Every subcommand (test_every_command_is_covered keeps the list complete), with what it needs to run.
COMMANDS = {
    "ingest": ["ingest", str(SAMPLES), "--model", RULES, "--quiet"],
    "docs": ["docs"],
    "spans": ["spans"],
    "stats": ["stats"],
    "facts": ["facts"],
    "repropose": ["facts", "--repropose"],
    "problems": ["problems"],
    "plot": ["plot", "--what", "meetings", "-o", "OUT/meetings.csv"],
    "export": ["export", "--what", "spans", "--format", "jsonl", "-o", "OUT/spans.jsonl"],
    "snapshot": ["export", "--what", "project", "--format", "sqlite", "-o", "OUT/snapshot.sqlite"],
    "import": ["import", "OUT/in.jsonl"],
    "train": ["train", "--max-epochs", "1"],
    "models": ["models"],
    "use-model": ["models", "--use", "default"],
    "reannotate": ["reannotate", "--model", RULES, "--quiet"],
    "aliases": ["aliases"],
    "accept-aliases": ["aliases", "--accept"],
    "window": ["window", "--no-ingest"],
}


@pytest.fixture
def bad_db(request, project, tmp_path, monkeypatch):
    """The case's file; for a lock, a copy of the project held by another process until the test ends."""
    case = request.node.callspec.params["case"]
    if case not in LOCKS:
        yield CASES[case][0](project, tmp_path)
        return
    import subprocess
    import sys

    monkeypatch.setattr(store, "BUSY_SECONDS", 0.2)  # a held file is a held file: no need to wait 5 s for it
    monkeypatch.setattr(transactions, "WAIT_SECONDS", 0.4)
    db = _copy(project, tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db), LOCKS[case]], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        yield db
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


NO_PROJECT = {"annotate"}  # writes Parquet parts from a folder and opens no project database


def test_every_command_is_covered():
    from desktop.cli import build_parser

    parser = build_parser()
    assert parser.get_default("_commands") == {argv[0] for argv in COMMANDS.values()} | NO_PROJECT
    for command in NO_PROJECT:  # one that opens no database takes no --db either
        with pytest.raises(SystemExit):
            parser.parse_args([command, "SOURCE", "-o", "OUT", "--db", "x.sqlite"])


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(command: str, db: Path, out: Path) -> int:
    out.mkdir(exist_ok=True)
    (out / "in.jsonl").write_text(json.dumps({"text": "Putin met Lukashenko.", "spans": []}) + "\n", encoding="utf-8")
    argv = [part.replace("OUT", str(out)) for part in COMMANDS[command]]
    return main([*argv, "--db", str(db)])


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_database_gives_one_line_exit_2_and_is_not_touched(bad_db, tmp_path, capsys, case, command,
                                                                 message_boxes):
    db, expected = bad_db, CASES[case][1]
    before, beside = _digest(db), sorted(os.listdir(tmp_path))
    assert _run(command, db, tmp_path / "out") == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err, captured.err
    assert lines[0].startswith("article-review: error: ") and expected in lines[0], lines[0]
    assert captured.out == ""
    assert message_boxes == ([lines[0].removeprefix("article-review: error: ")] if command == "window" else [])
    assert _digest(db) == before  # not a byte written: no WAL switch, no tables, no migration
    assert sorted(os.listdir(tmp_path)) == beside + ["out"]  # no -wal or -shm left beside it


def test_a_damaged_database_says_how_to_recover(project, tmp_path, capsys):
    db = _corrupt(project, tmp_path)
    assert main(["stats", "--db", str(db)]) == 2
    line = capsys.readouterr().err.strip()
    assert "restore your last snapshot (article-review export --what project)" in line
    assert f"sqlite3 {db} .recover | sqlite3 {tmp_path / 'case-recovered.sqlite'}" in line


READS = ["docs", "spans", "stats", "facts", "problems", "plot", "export", "snapshot", "models", "aliases"]
WRITES = ["ingest", "repropose", "import", "train", "use-model", "reannotate", "accept-aliases", "window"]


def test_every_command_is_a_read_or_a_write():
    assert sorted(READS + WRITES) == sorted(COMMANDS)


@pytest.mark.parametrize("command", READS + WRITES)
def test_a_read_only_database_is_read_and_never_written(project, tmp_path, capsys, command):
    db = _copy(project, tmp_path)
    db.chmod(0o444)  # its read-only bits count even for root, who could write it anyway
    before, beside = _digest(db), sorted(os.listdir(tmp_path))
    try:
        code = _run(command, db, tmp_path / "out")
    finally:
        db.chmod(0o644)
    captured = capsys.readouterr()
    if command in READS:
        assert code == 0, captured.err
    else:
        lines = captured.err.strip().splitlines()
        assert code == 2 and len(lines) == 1, captured.err
        assert f"{db} is read-only and this needs to change it; make the file writable" in lines[0]
    assert _digest(db) == before
    assert sorted(os.listdir(tmp_path)) == beside + ["out"]


@pytest.mark.parametrize("command", READS + WRITES)
def test_a_database_in_a_read_only_folder_is_read_and_never_written(project, tmp_path, capsys, command):
    folder = tmp_path / "shared"
    folder.mkdir()
    db = _copy(project, folder)
    folder.chmod(0o555)  # its journal could not be written beside it (root could, and is held to the bits too)
    before = _digest(db)
    try:
        code = _run(command, db, tmp_path / "out")
    finally:
        folder.chmod(0o755)
    captured = capsys.readouterr()
    if command in READS:
        assert code == 0, captured.err
    else:
        lines = captured.err.strip().splitlines()
        assert code == 2 and len(lines) == 1, captured.err
        assert lines[0] == (f"article-review: error: {db} is in a read-only folder ({folder}) and this needs to "
                            "change it; make its folder writable (chmod u+w) or work on a copy"), lines[0]
    assert _digest(db) == before
    assert sorted(os.listdir(folder)) == ["case.sqlite"]  # no journal, -wal or -shm beside it


def test_training_into_another_folder_only_reads_a_read_only_project(project, tmp_path, capsys):
    """``train -o`` saves nothing in the project: a read-only file is read (here: too few verified articles)."""
    db = _copy(project, tmp_path)
    db.chmod(0o444)
    before = _digest(db)
    try:
        code = main(["train", "--max-epochs", "1", "-o", str(tmp_path / "model"), "--db", str(db)])
    finally:
        db.chmod(0o644)
    line = capsys.readouterr().err.strip()
    assert code == 2 and "not enough data to train" in line and "read-only" not in line, line
    assert _digest(db) == before and not (tmp_path / "model").exists()


def test_a_write_to_a_database_opened_read_only_is_refused_clearly(project, tmp_path):
    db_path = _copy(project, tmp_path)
    db_path.chmod(0o444)
    try:
        db = store.open_db(db_path, write=False)
        assert store.is_read_only(db)
        with pytest.raises(sqlite3.DatabaseError) as caught:
            with store.write_transaction(db):
                store.set_meta(db, "folder", "elsewhere")
        assert "is read-only: the change was not saved" in str(store.database_error(caught.value, db_path))
        db.close()
    finally:
        db_path.chmod(0o644)


def test_a_new_database_is_marked_ours_and_an_old_one_is_adopted(tmp_path, project):
    db = store.open_db(tmp_path / "new.sqlite")
    db.close()
    conn = sqlite3.connect(tmp_path / "new.sqlite")
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.schema_version() == len(schema.migrations.applied(
        store.open_db(tmp_path / "new.sqlite")))
    conn.close()
    # A project from before application_id: its migration table says it is ours.
    old = _copy(project, tmp_path, "PRAGMA application_id = 0", "PRAGMA user_version = 0")
    store.open_db(old).close()
    conn = sqlite3.connect(old)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    conn.close()


def test_an_empty_file_becomes_a_new_database(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.touch()
    db = store.open_db(path)
    assert "documents" in db.table_names()
    db.close()


LOOP = """
import sys
from desktop import store, transactions
path, role = sys.argv[1], sys.argv[2]
keep = store.open_db(path) if role == "writer" else None  # a window holds its connection while others come and go
failures = []
for i in range(40):
    try:
        db = store.open_db(path)
        if role == "writer":
            with store.write_transaction(db):
                store.set_meta(db, "counter", str(i))
        else:
            db.execute("select count(*) from documents").fetchone()
        db.close()
    except Exception as exc:  # noqa: BLE001
        failures.append(repr(exc))
print(len(failures), failures[:1])
"""


def test_opening_beside_other_processes_never_breaks_their_connections(project, tmp_path):
    # Reading the header with Python's open() and closing it dropped this process's locks on the file: another
    # process then took itself for the last one, removed the WAL, and every connection here failed (disk I/O error).
    import subprocess
    import sys

    db = _copy(project, tmp_path)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    runs = [subprocess.Popen([sys.executable, "-c", LOOP, str(db), role], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for role in ("writer", "reader", "reader")]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [out.split(" ", 1)[0] for out, _ in outputs] == ["0", "0", "0"], outputs


def test_a_file_checked_once_is_checked_again_once_it_changed(project, tmp_path):
    # The window opens one connection per dock and checks the file once; a file damaged since is still refused.
    path = _copy(project, tmp_path)
    store.open_db(path).close()
    store.open_db(path).close()  # unchanged: opens (without reading it all again)
    _damage(path)
    with pytest.raises(store.StoreError, match="is damaged"):
        store.open_db(path)


# Commands that read the spans table after opening the project (a page of it goes bad in between).
AFTER_OPEN = ["spans", "stats", "repropose", "reannotate", "aliases", "ingest-changed"]


@pytest.mark.parametrize("command", AFTER_OPEN)
def test_damage_met_after_opening_is_one_line_with_how_to_recover(project, tmp_path, capsys, monkeypatch, command):
    db = _copy(project, tmp_path)
    conn = sqlite3.connect(db)
    roots = [r[0] for r in conn.execute("select rootpage from sqlite_master where tbl_name = 'spans' and rootpage")]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    real_open = store.open_db
    # Opened before the project and closed after it: closing a descriptor drops this process's locks on the file.
    handle = os.open(db, os.O_RDWR)

    def open_then_damage(*args, **kwargs):
        opened = real_open(*args, **kwargs)
        for root in roots:  # the table's and its indexes' root pages zeroed: no b-tree of spans can be read
            os.pwrite(handle, bytes(page_size), (root - 1) * page_size)
        return opened

    monkeypatch.setattr(store, "open_db", open_then_damage)
    if command == "ingest-changed":  # an article changed since: its spans are proposed again
        folder = tmp_path / "articles"
        shutil.copytree(SAMPLES, folder)
        changed = sorted(p for p in folder.iterdir() if p.suffix == ".txt")[0]
        changed.write_text(changed.read_text(encoding="utf-8") + "\nPutin met Lukashenko in Minsk.\n", encoding="utf-8")
        argv = ["ingest", str(folder), "--model", RULES, "--quiet", "--db", str(db)]
    try:
        code = main(argv) if command == "ingest-changed" else _run(command, db, tmp_path / "out")
    finally:
        os.close(handle)
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and "Traceback" not in captured.err, captured.err
    assert lines[-1].startswith(f"article-review: error: {db} is damaged (database disk image is malformed); "
                                "restore your last snapshot"), captured.err
    assert f"sqlite3 {db} .recover" in lines[-1]


@pytest.mark.parametrize("how", ["removed", "replaced"])
def test_a_connection_whose_file_went_away_refuses_to_write(project, tmp_path, how):
    # Writes to a removed or replaced file go to an inode nobody will see again: refused, with why.
    path = _copy(project, tmp_path)
    db = store.open_db(path)
    if how == "removed":
        path.rename(tmp_path / "elsewhere.sqlite")
    else:
        shutil.copy(project, tmp_path / "other.sqlite")
        os.replace(tmp_path / "other.sqlite", path)
    before = _digest(path if how == "replaced" else tmp_path / "elsewhere.sqlite")
    assert store.get_meta(db, "profile") is not None  # reading what it holds goes on
    with pytest.raises(store.StoreError, match=f"{path} was (removed or moved|replaced by another file) while it "
                                                "was open: nothing more is saved to it"):
        with store.write_transaction(db):
            store.set_meta(db, "folder", "elsewhere")
    db.close()
    assert _digest(path if how == "replaced" else tmp_path / "elsewhere.sqlite") == before


@pytest.mark.parametrize("change", ["changed", "added"])
def test_a_full_disk_is_one_line_and_the_article_is_left_as_it_was(project, tmp_path, capsys, monkeypatch, change):
    db = _copy(project, tmp_path)
    real_open = store.open_db

    def open_on_a_full_disk(*args, **kwargs):  # the file may not grow by a page: SQLite's "disk is full"
        opened = real_open(*args, **kwargs)
        pages = opened.execute("PRAGMA page_count").fetchone()[0]
        opened.execute(f"PRAGMA max_page_count = {pages}")
        return opened

    def documents() -> list[tuple]:
        conn = sqlite3.connect(db)
        try:
            return conn.execute("select path, hash, text from documents order by path").fetchall()
        finally:
            conn.close()

    before = documents()
    monkeypatch.setattr(store, "open_db", open_on_a_full_disk)
    folder = tmp_path / "articles"
    shutil.copytree(SAMPLES, folder)
    big = "\nPutin met Lukashenko in Minsk on 5 May 2021; trade grew by 10%.\n" * 3000  # ~200 KB: no room for it
    if change == "changed":
        changed = sorted(p for p in folder.iterdir() if p.suffix == ".txt")[0]
        changed.write_text(changed.read_text(encoding="utf-8") + big, encoding="utf-8")
    else:
        (folder / "new.txt").write_text("Minsk talks" + big, encoding="utf-8")
    code = main(["ingest", str(folder), "--model", RULES, "--quiet", "--db", str(db)])
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and "Traceback" not in captured.err, captured.err
    assert lines[0].startswith(f"article-review: error: {db}: the disk is full (database or disk is full); "
                               "the change that failed was not saved"), lines[0]
    assert documents() == before
    check = real_open(db)
    assert store.integrity_ok(check)
    check.close()
