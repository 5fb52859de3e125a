"""The article list reads its rows a page at a time: far rows, filters, search and sort stay right."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop import store
from desktop.gui import document_list
from desktop.gui.document_list import ID_ROLE, DocumentList

N = 3 * document_list.PAGE + 37  # more than three pages


def _project(db_path):
    db = store.open_db(db_path)
    ids = {}
    for i in range(N):
        status = ("new", "in review", "verified")[i % 3]
        word = "walrus" if i % 7 == 0 else "otter"
        ids[i] = store.insert_document(db, path=f"doc{i:04d}.txt", hash=f"h{i}", title=f"Title {N - i:04d}",
                                       text=f"An article about a {word}, number {i}.", status=status)
    return db, ids


def _titles(widget, rows):
    model = widget.table.model()
    return [model.index(r, 0).data() for r in rows]


def test_far_pages_show_their_own_rows_and_memory_is_bounded(qtbot, db_path, monkeypatch):
    monkeypatch.setattr(document_list, "KEEP_PAGES", 2)
    db, ids = _project(db_path)
    widget = DocumentList(db)
    qtbot.addWidget(widget)
    widget.refresh()
    model = widget.table.model()
    assert model.rowCount() == N
    # The store's order (by path): row r is document r, on every page, read in any order.
    for row in (N - 1, 0, 2 * document_list.PAGE + 5, document_list.PAGE - 1, document_list.PAGE):
        assert model.index(row, 0).data(ID_ROLE) == ids[row]
        assert model.index(row, 0).data() == f"Title {N - row:04d}"
        assert model.index(row, 2).data() == ("new", "in review", "verified")[row % 3]
    assert len(widget.model._pages) <= 2


def test_filter_and_search_run_in_the_store_and_keep_the_order(qtbot, db_path):
    db, ids = _project(db_path)
    widget = DocumentList(db)
    qtbot.addWidget(widget)
    widget.refresh()
    widget.status_filter.setCurrentIndex(widget.status_filter.findData("verified"))
    assert widget.doc_ids() == [ids[i] for i in range(N) if i % 3 == 2]
    widget.search.setText("walrus")
    widget.run_search_now()
    expected = [ids[i] for i in range(N) if i % 3 == 2 and i % 7 == 0]
    assert widget.doc_ids() == expected
    assert widget.table.model().index(len(expected) - 1, 0).data(ID_ROLE) == expected[-1]
    widget.status_filter.setCurrentIndex(widget.status_filter.findData(None))
    assert widget.doc_ids() == [ids[i] for i in range(N) if i % 7 == 0]
    widget.search.clear()
    widget.run_search_now()
    assert widget.doc_ids() == [ids[i] for i in range(N)]


def test_sort_by_title_reverses_the_path_order_and_the_selection_follows(qtbot, db_path):
    db, ids = _project(db_path)
    widget = DocumentList(db)
    qtbot.addWidget(widget)
    widget.refresh()
    chosen = ids[N - 2]  # near the end by path
    widget.set_current(chosen)
    assert widget.table.currentIndex().row() == N - 2
    widget.table.sortByColumn(0, Qt.AscendingOrder)  # titles count down as the paths count up
    assert widget.doc_ids() == [ids[i] for i in reversed(range(N))]
    assert widget.table.currentIndex().data(ID_ROLE) == chosen and widget.table.currentIndex().row() == 1
    assert _titles(widget, (0, N - 1)) == [f"Title {1:04d}", f"Title {N:04d}"]
    # A filter keeps the sort and the selected article when it still matches.
    widget.status_filter.setCurrentIndex(widget.status_filter.findData(("new", "in review", "verified")[(N - 2) % 3]))
    assert widget.table.currentIndex().data(ID_ROLE) == chosen
    shown = widget.doc_ids()
    assert shown == sorted(shown, reverse=True)


def test_a_review_updates_a_read_row_in_place_and_next_unfinished_skips_done_ones(qtbot, db_path):
    db, ids = _project(db_path)
    widget = DocumentList(db)
    qtbot.addWidget(widget)
    widget.refresh()
    model = widget.model
    model.index(4, 2).data()  # read the page
    with qtbot.waitSignal(model.dataChanged):
        model.update_row(ids[4], status="verified", proposed=0, accepted=3)
    assert model.index(4, 2).data() == "verified" and model.index(4, 4).data() == 3
    # Document 2 is verified, 3 is new: after 1 comes 3. Past the last unfinished one it wraps to the first.
    assert widget.next_unfinished(ids[1]) == ids[3]
    db.execute(f"update documents set status = 'verified' where id in ({ids[N - 3]}, {ids[N - 2]}, {ids[N - 1]})")
    db.conn.commit()
    assert widget.next_unfinished(ids[N - 4]) == ids[0]
