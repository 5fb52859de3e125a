"""Build ``m001_project.sqlite``: a project made by the code of main at 4a51cec (schema m001), with decisions.

    git archive 4a51cec | tar -x -C /tmp/main_4a51cec
    ARTICLE_REVIEW_HOME=/tmp/home PYTHONPATH=/tmp/main_4a51cec python tests/data/make_m001_project.py

It is kept to show how the fixture was made; it only runs against that old code
(``facts.event_id`` and ``facts.flags`` are gone since m003). The project holds
the bundled samples, then a confirmed, a rejected, an edited and an added fact,
an accepted span, a corrected publication date and a verified document; then a
second ingest adds an article reporting the confirmed meeting on another day
(which, in that code, made the confirm impossible to undo); last, a confirm
that was undone, so there is something to redo.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from desktop import history, review, store
from desktop.facts import add_fact, confirm_fact, edit_fact, reject_fact
from desktop.ingest import ingest

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent.parent / "resources" / "samples"
TARGET = HERE / "m001_project.sqlite"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        shutil.copytree(SAMPLES, folder)
        db_path = Path(tmp) / "project.sqlite"
        for _ in ingest(folder, db_path):
            pass
        db = store.open_db(db_path)
        meetings = store.list_facts(db, kind="meeting")
        sochi = next(f for f in meetings if f["date_start"] == "2019-12-07")
        confirm_fact(db, sochi["id"])
        others = [f for f in meetings if f["id"] != sochi["id"]]
        reject_fact(db, others[0]["id"])
        edit_fact(db, others[1]["id"], place="Minsk")
        doc = sochi["doc_id"]
        text = store.get_document(db, doc)["text"]
        add_fact(db, doc, "call", 0, min(40, len(text)), date_start="2019-12-01", participants=["putin", "lukashenko"])
        span = store.spans_for_document(db, doc)[0]
        review.accept(db, span["id"])
        review.set_published(db, others[2]["doc_id"], "2021-12-30")
        review.mark_verified(db, others[3]["doc_id"])
        db.close()
        (folder / "zz_reuters.txt").write_text(
            "SOCHI, Dec 6 (Reuters) - Russian President Vladimir Putin and Belarusian President Alexander "
            "Lukashenko met in Sochi on December 6, 2019 for talks on closer integration.\n", encoding="utf-8")
        for _ in ingest(folder, db_path):
            pass
        db = store.open_db(db_path)
        proposed = next(f for f in store.list_facts(db, kind="trade") if f["status"] == "proposed")
        confirm_fact(db, proposed["id"])
        history.undo(db)
        store.copy_database(db, TARGET)
        db.close()
    print(f"wrote {TARGET} ({TARGET.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
