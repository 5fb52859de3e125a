"""The plots' aggregation: periods, statuses, merged events, filters, and live updates."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from desktop import aggregate, events, history, store
from desktop.aggregate import FactFeed, MeetingCounts, TradeSeries, period_of


def add_doc(db, path, *, source=None, url=None, text="Some text."):
    return store.insert_document(db, path=path, hash=path, text=text, source=source, url=url)


def add_fact(db, doc_id, kind="meeting", *, event_id=None, **fields):
    """A fact written as ingest does (no history); ``event_id`` puts it in a hand-made event."""
    row = {"doc_id": doc_id, "kind": kind, "status": "proposed", "source": "rule", "start": 0, "end": 5,
           "evidence": "They met.", **fields}
    if kind in ("meeting", "call"):
        row.setdefault("participants", ["putin", "lukashenko"])
        row.setdefault("held", "held")
    fact_id = db["facts"].insert(store.encode("facts", row)).last_pk
    if event_id is not None:
        db["event_members"].insert({"fact_id": fact_id, "event_id": event_id, "flags": "[]"})
    return fact_id


def add_event(db, kind="meeting", **fields):
    return db["events"].insert(store.encode("events", {"kind": kind, **fields})).last_pk


def set_status(db, fact_id, status):
    with history.action(db, f"{status} fact", doc_id=store.get_row(db, "facts", fact_id)["doc_id"]) as act:
        act.update("facts", fact_id, status=status)


# ---------------------------------------------------------------- periods


@pytest.mark.parametrize(
    ("day", "by", "key", "start", "end"),
    [
        pytest.param("2021-12-29", "month", "2021-12", "2021-12-01", "2021-12-31", id="month-december"),
        pytest.param("2024-02-10", "month", "2024-02", "2024-02-01", "2024-02-29", id="month-leap-february"),
        pytest.param("2021-03-31", "quarter", "2021-Q1", "2021-01-01", "2021-03-31", id="quarter-last-day"),
        pytest.param("2021-04-01", "quarter", "2021-Q2", "2021-04-01", "2021-06-30", id="quarter-first-day"),
        pytest.param("2021-12-31", "quarter", "2021-Q4", "2021-10-01", "2021-12-31", id="quarter-year-end"),
        pytest.param("2019-07-15", "year", "2019", "2019-01-01", "2019-12-31", id="year"),
    ],
)
def test_period_of(day, by, key, start, end):
    period = period_of(dt.date.fromisoformat(day), by)
    assert (period.key, period.start.isoformat(), period.end.isoformat()) == (key, start, end)


def test_period_of_rejects_unknown_granularity():
    with pytest.raises(aggregate.AggregateError, match="month, quarter, year"):
        period_of(dt.date(2020, 1, 1), "week")


def test_quarter_boundaries_split_counts(db):
    doc = add_doc(db, "a.txt")
    for day in ("2021-03-31", "2021-04-01", "2021-06-30", "2021-07-01"):
        add_fact(db, doc, date_start=day, date_end=day)
    table = MeetingCounts.from_db(db, by="quarter").table()
    assert [(r["period"], r["total"]) for r in table] == [("2021-Q1", 1), ("2021-Q2", 2), ("2021-Q3", 1)]


def test_table_fills_empty_periods_between(db):
    doc = add_doc(db, "a.txt")
    add_fact(db, doc, date_start="2021-01-05")
    add_fact(db, doc, date_start="2021-04-20")
    table = MeetingCounts.from_db(db, by="month").table()
    assert [r["period"] for r in table] == ["2021-01", "2021-02", "2021-03", "2021-04"]
    assert [r["total"] for r in table] == [1, 0, 0, 1]
    assert [r["period"] for r in MeetingCounts.from_db(db, by="month").table(fill_gaps=False)] == ["2021-01", "2021-04"]


# ---------------------------------------------------------------- meetings


def test_merged_event_counted_once(db):
    docs = [add_doc(db, f"{i}.txt") for i in range(3)]
    event = add_event(db, date_start="2021-12-29", n_sources=3)
    for doc in docs:
        add_fact(db, doc, date_start="2021-12-29", event_id=event)
    lone = add_fact(db, docs[0], date_start="2021-12-10")  # no event: counts alone
    counts = MeetingCounts.from_db(db, by="month")
    assert counts.table()[0]["total"] == 2
    groups = counts.groups_in("2021-12")
    assert [len(g.reports) for g in groups] == [1, 3]
    assert groups[0].evidence.fact_id == lone


def test_event_verified_when_one_report_confirmed(db):
    docs = [add_doc(db, f"{i}.txt") for i in range(2)]
    event = add_event(db)
    first = add_fact(db, docs[0], date_start="2022-05-03", date_end="2022-05-03", event_id=event)
    add_fact(db, docs[1], date_start="2022-05-04", date_end="2022-05-04", event_id=event)
    counts = MeetingCounts.from_db(db, by="month")
    assert counts.table()[0]["held_proposed"] == 1 and counts.table()[0]["held_verified"] == 0
    set_status(db, first, "confirmed")
    counts = MeetingCounts.from_db(db, by="month")
    row = counts.table()[0]
    assert (row["held_verified"], row["held_proposed"], row["total"]) == (1, 0, 1)
    # Counted at the date the confirmed report gives, whatever the others say.
    assert counts.groups()[0].day == dt.date(2022, 5, 3)


def test_statuses_held_planned_and_rejected(db):
    doc = add_doc(db, "a.txt")
    add_fact(db, doc, date_start="2023-01-10", status="confirmed", held="held")
    add_fact(db, doc, date_start="2023-01-11", status="proposed", held="held")
    add_fact(db, doc, date_start="2023-01-12", status="confirmed", held="planned")
    add_fact(db, doc, date_start="2023-01-13", status="proposed", held="planned")
    add_fact(db, doc, date_start="2023-01-14", status="proposed", held="planned")
    add_fact(db, doc, date_start="2023-01-15", status="rejected", held="held")
    row = MeetingCounts.from_db(db).table()[0]
    assert {c: row[c] for c in aggregate.COUNT_COLUMNS} == {
        "held_verified": 1, "held_proposed": 1, "planned_verified": 1, "planned_proposed": 2}
    assert row["total"] == 5
    assert MeetingCounts.from_db(db, statuses=["confirmed"]).table()[0]["total"] == 2
    assert MeetingCounts.from_db(db, statuses=["rejected"]).table()[0]["held_proposed"] == 1


def test_participant_filter(db):
    doc = add_doc(db, "a.txt")
    add_fact(db, doc, date_start="2020-02-01", participants=["putin", "lukashenko"])
    add_fact(db, doc, date_start="2020-02-02", participants=["lukashenko", "tokayev"])
    add_fact(db, doc, date_start="2020-09-02", participants=["putin"])
    counts = MeetingCounts.from_db(db, by="year")
    assert counts.table()[0]["total"] == 3
    assert counts.participants() == ["lukashenko", "putin", "tokayev"]
    counts.set_options(participant="tokayev")
    assert counts.table()[0]["total"] == 1
    counts.set_options(participant="putin", by="month")
    assert [(r["period"], r["total"]) for r in counts.table(fill_gaps=False)] == [("2020-02", 1), ("2020-09", 1)]
    counts.set_options(participant=None)
    assert sum(r["total"] for r in counts.table()) == 3


def test_undated_and_bad_dates_are_left_out(db):
    doc = add_doc(db, "a.txt")
    add_fact(db, doc, date_start=None)
    add_fact(db, doc, date_start="next Tuesday")
    add_fact(db, doc, date_start="2020-02-02")
    counts = MeetingCounts.from_db(db)
    assert counts.undated == 2
    assert [r["total"] for r in counts.table()] == [1]


def test_calls_are_not_meetings_unless_asked(db):
    doc = add_doc(db, "a.txt")
    add_fact(db, doc, "call", date_start="2020-02-02")
    add_fact(db, doc, date_start="2020-02-03")
    assert MeetingCounts.from_db(db).table()[0]["total"] == 1
    assert MeetingCounts.from_db(db, kinds=["meeting", "call"]).table()[0]["total"] == 2


def test_bad_options_raise_clear_errors():
    with pytest.raises(aggregate.AggregateError, match="by must be one of"):
        MeetingCounts(by="fortnight")
    with pytest.raises(aggregate.AggregateError, match="status must be among"):
        MeetingCounts(statuses=["maybe"])


# ---------------------------------------------------------------- trade


def test_trade_points_statuses_and_currencies(db):
    doc = add_doc(db, "belta.txt", source="BelTA")
    add_fact(db, doc, "trade", period_start="2019-01-01", period_end="2019-12-31", value=35.5e9, currency="USD",
             status="confirmed", start=10, end=40, evidence="Today it is $35.5 billion.")
    add_fact(db, doc, "trade", period_start="2021-01-01", period_end="2021-09-30", value=2.1e12, currency="RUB")
    add_fact(db, doc, "trade", period_start="2020-01-01", period_end="2020-12-31", value=29.5e9, currency="USD")
    add_fact(db, doc, "trade", period_start="2018-01-01", period_end="2018-12-31", value=1e9, currency="USD",
             status="rejected")
    add_fact(db, doc, "trade", period_start=None, value=5e9, currency="USD")  # no period: skipped
    series = TradeSeries.from_db(db)
    assert series.currencies() == ["USD", "RUB"]
    usd = series.points("USD")
    assert [(p.start.isoformat(), p.end.isoformat(), p.value, p.status) for p in usd] == [
        ("2019-01-01", "2019-12-31", 35.5e9, "confirmed"),
        ("2020-01-01", "2020-12-31", 29.5e9, "proposed"),
    ]
    assert usd[0].verified and not usd[1].verified
    assert (usd[0].doc_id, usd[0].evidence_start, usd[0].evidence_end, usd[0].publisher) == (doc, 10, 40, "BelTA")
    assert len(series.skipped) == 1
    series.set_statuses(["rejected"])
    assert [p.value for p in series.points()] == [1e9]
    table = TradeSeries.from_db(db).table("USD")
    assert table[0]["period_start"] == "2019-01-01" and table[0]["value"] == 35.5e9
    assert table[0]["statistics"] == "Belarus" and table[0]["evidence"] == "Today it is $35.5 billion."


@pytest.mark.parametrize(
    ("doc_fields", "evidence", "country"),
    [
        pytest.param({"source": "BelTA"}, "Trade grew.", "Belarus", id="source-belta"),
        pytest.param({"source": "TASS"}, "Trade grew.", "Russia", id="source-tass"),
        pytest.param({"url": "https://www.belta.by/economics/view/x"}, "Trade grew.", "Belarus", id="url-belta"),
        pytest.param({"url": "https://tass.com/economy/1"}, "Trade grew.", "Russia", id="url-tass"),
        pytest.param({"text": "MOSCOW, January 28. /TASS/. Trade grew."}, "Trade grew.", "Russia", id="dateline-tass"),
        pytest.param({"text": "ST. PETERSBURG (BelTA) – Trade grew."}, "Trade grew.", "Belarus", id="dateline-belta"),
        pytest.param({"source": "Belsat"}, "Trade grew.", "unknown", id="other-publisher"),
        pytest.param({}, "Trade grew.", "unknown", id="nothing-known"),
        pytest.param({"source": "BelTA"}, "According to Rosstat, trade grew.", "Russia", id="evidence-wins"),
    ],
)
def test_statistics_country(db, doc_fields, evidence, country):
    doc = add_doc(db, "a.txt", **doc_fields)
    add_fact(db, doc, "trade", period_start="2020-01-01", period_end="2020-12-31", value=1e9, currency="USD",
             evidence=evidence)
    model = TradeSeries.from_db(db)
    assert model.countries == ("Belarus", "Russia", "unknown")  # the default profile's sides
    series = model.series("USD")
    assert [len(series[c]) for c in model.countries] == [c == country for c in model.countries]


# Whose statistics comes from the project's profile ([facts.statistics]): the same articles, read with the
# Russia-Kazakhstan profile, are split by that pair's sides, and a Belarusian publisher is nobody's there.
@pytest.mark.parametrize(
    ("doc_fields", "evidence", "belarus", "kazakhstan"),
    [
        pytest.param({"source": "Kazinform"}, "Trade grew.", "unknown", "Kazakhstan", id="source-kazinform"),
        pytest.param({"url": "https://www.inform.kz/en/trade"}, "Trade grew.", "unknown", "Kazakhstan", id="url-kz"),
        pytest.param({"text": "ASTANA (Kazinform) - Trade grew."}, "Trade grew.", "unknown", "Kazakhstan",
                     id="dateline-kazinform"),
        pytest.param({"source": "BelTA"}, "Trade grew.", "Belarus", "unknown", id="source-belta"),
        pytest.param({"source": "TASS"}, "Trade grew.", "Russia", "Russia", id="source-tass"),
        pytest.param({"source": "Kazinform"}, "Rosstat says trade grew.", "Russia", "Russia", id="office-wins"),
        pytest.param({"source": "TASS"}, "The Bureau of National Statistics says trade grew.", "Russia",
                     "Kazakhstan", id="kz-office-wins"),
    ],
)
@pytest.mark.parametrize("profile", ["russia_belarus", "russia_kazakhstan"])
def test_whose_statistics_follows_the_projects_profile(db, profile, doc_fields, evidence, belarus, kazakhstan):
    store.set_meta(db, "profile", profile)
    doc = add_doc(db, "a.txt", **doc_fields)
    add_fact(db, doc, "trade", period_start="2020-01-01", period_end="2020-12-31", value=1e9, currency="USD",
             evidence=evidence)
    model = TradeSeries.from_db(db)
    side = "Belarus" if profile == "russia_belarus" else "Kazakhstan"
    assert model.countries == tuple(sorted((side, "Russia"))) + ("unknown",)
    expected = belarus if profile == "russia_belarus" else kazakhstan
    assert [p.country for p in model.points()] == [expected]
    assert model.table()[0]["statistics"] == expected


def test_a_misspelt_statistics_key_is_an_error_naming_it(tmp_path):
    from desktop.profile import ProfileError, load_profile
    from tests.profile_support import edited_profile

    broken = edited_profile(tmp_path, "russia_kazakhstan", "[facts.statistics.publishers]", "[facts.statistics.publisher]")
    with pytest.raises(ProfileError, match=r"mine\.toml.*publisher"):
        load_profile(broken)


def test_agency_entity_in_dateline_gives_country(db):
    doc = add_doc(db, "a.txt", text="MINSK, 3 March – The agency says trade grew.")
    db["spans"].insert({"doc_id": doc, "start": 20, "end": 30, "label": "ORG", "entity_id": "belta",
                        "source": "rule", "status": "proposed"})
    add_fact(db, doc, "trade", period_start="2020-01-01", period_end="2020-12-31", value=1e9, currency="USD")
    point = TradeSeries.from_db(db).points()[0]
    assert (point.country, point.publisher) == ("Belarus", "BelTA")


# ---------------------------------------------------------------- live updates


def assert_matches_recompute(db, counts, series):
    # Compare before any set_options: that recounts from scratch and would hide a bookkeeping error.
    assert counts.table() == MeetingCounts.from_db(db, by=counts.by).table()
    assert counts.groups() == MeetingCounts.from_db(db, by=counts.by).groups()
    assert series.table() == TradeSeries.from_db(db).table()


def test_incremental_updates_equal_full_recompute(db):
    rng = random.Random(5)
    docs = [add_doc(db, f"{i}.txt", source=rng.choice(["BelTA", "TASS", None])) for i in range(6)]
    facts = []
    for _ in range(40):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(80))  # close together: events merge
        facts.append(add_fact(db, rng.choice(docs), date_start=day.isoformat(), date_end=day.isoformat(),
                              held=rng.choice(["held", "planned"]),
                              participants=rng.sample(["putin", "lukashenko", "tokayev"], 2)))
    for _ in range(10):
        year = rng.randrange(2015, 2024)
        facts.append(add_fact(db, rng.choice(docs), "trade", period_start=f"{year}-01-01", period_end=f"{year}-12-31",
                              value=rng.uniform(1e9, 5e10), currency="USD"))
    events.update_events(db)
    counts, series = MeetingCounts.from_db(db), TradeSeries.from_db(db)
    feed = FactFeed(db)
    for step in range(60):
        fact_id = rng.choice(facts)
        op = rng.randrange(6)
        if op == 0:
            history.undo(db)
        elif op == 1:
            history.redo(db)
        elif op == 2:
            with history.action(db, "edit fact") as act:
                act.update("facts", fact_id, date_start=f"202{rng.randrange(3)}-0{rng.randrange(1, 10)}-15",
                           period_start="2016-01-01", held=rng.choice(["held", "planned"]))
        elif op == 3:
            # A new date moves the fact to another event (or none): derived, outside the history.
            day = (dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(80))).isoformat()
            with history.action(db, "edit fact") as act:
                act.update("facts", fact_id, date_start=day, date_end=day)
        elif op == 4:
            with history.action(db, "add fact") as act:
                facts.append(act.insert("facts", {"doc_id": rng.choice(docs), "kind": "meeting", "status": "confirmed",
                                                  "date_start": "2021-06-01", "held": "held",
                                                  "participants": ["putin", "lukashenko"]}))
        else:
            set_status(db, fact_id, rng.choice(store.FACT_STATUSES))
        feed.sync([counts, series])
        if step % 10 == 9:
            assert_matches_recompute(db, counts, series)
            counts.set_options(by=aggregate.PERIODS[(step // 10) % 3])
    assert_matches_recompute(db, counts, series)


def test_apply_fact_change_reports_whether_the_plot_changed(db):
    doc = add_doc(db, "a.txt")
    fact = add_fact(db, doc, date_start="2021-02-02")
    counts = MeetingCounts.from_db(db)
    old = store.plot_facts(db, ["meeting"])[0]
    assert counts.apply_fact_change(old, dict(old, evidence="They met again.")) is True  # the report changed
    assert counts.apply_fact_change(dict(old, evidence="They met again."), dict(old, evidence="They met again.")) is False
    assert counts.apply_fact_change(old, dict(old, status="confirmed")) is True
    assert counts.table()[0]["held_verified"] == 1
    assert counts.apply_fact_change(old, None) is True
    assert counts.table() == [] and counts.row(fact) is None


def test_feed_catches_writes_outside_the_history(db):
    doc = add_doc(db, "a.txt")
    first = add_fact(db, doc, date_start="2021-02-02", date_end="2021-02-02")
    second = add_fact(db, add_doc(db, "d.txt"), date_start="2021-02-03",
                      date_end="2021-02-03")
    counts = MeetingCounts.from_db(db)
    feed = FactFeed(db)
    assert feed.sync([counts]) is False
    # The events update merges both reports without a history entry; ingest adds one more.
    events.update_events(db)
    assert store.plot_facts(db, ["meeting"], ids=[second])[0]["event_id"] == first
    add_fact(db, add_doc(db, "b.txt"), date_start="2021-03-03")
    assert feed.sync([counts]) is True
    assert counts.table() == MeetingCounts.from_db(db).table()
    assert [r["total"] for r in counts.table()] == [1, 1]
    assert feed.sync([counts]) is False  # in step again: the cheap check passes
    db["facts"].update(first, {"status": "rejected"})  # a review written by another tool
    assert feed.sync([counts]) is True
    assert counts.groups_in("2021-02")[0].reports == (counts.groups_in("2021-02")[0].evidence,)
    assert counts.groups_in("2021-02")[0].evidence.fact_id == second
    db["facts"].delete(second)
    db["facts"].delete(first)
    assert feed.sync([counts]) is True
    assert [r["total"] for r in counts.table()] == [1]


def test_feed_loads_articles_it_has_not_seen(db):
    series = TradeSeries.from_db(db)
    feed = FactFeed(db)
    doc = add_doc(db, "tass.txt", source="TASS")
    with history.action(db, "add fact", doc_id=doc) as act:
        act.insert("facts", {"doc_id": doc, "kind": "trade", "status": "confirmed", "period_start": "2022-01-01",
                             "period_end": "2022-06-30", "value": 2e10, "currency": "usd"})
    assert feed.sync([series]) is True
    point = series.points()[0]
    assert (point.country, point.publisher, point.file, point.currency) == ("Russia", "TASS", "tass.txt", "USD")


def test_meeting_counts_read_no_articles_trade_reads_its_own(db, monkeypatch):
    """At 100,000 articles reading the meetings' articles (their heads, their dateline spans) was half the
    Plots dock's start: the counts never show a publisher, so neither the load nor a later change reads any."""
    first = add_fact(db, add_doc(db, "a.txt"), date_start="2021-02-02", date_end="2021-02-02")
    trade_doc = add_doc(db, "tass.txt", source="TASS")
    add_fact(db, trade_doc, "trade", period_start="2022-01-01", period_end="2022-06-30", value=2e10,
             currency="USD")
    read: list[set[int]] = []
    plot_documents = store.plot_documents

    def counting(db_, doc_ids=None, **options):
        read.append(set(doc_ids))
        return plot_documents(db_, doc_ids, **options)

    monkeypatch.setattr(store, "plot_documents", counting)
    counts, feed = MeetingCounts.from_db(db), FactFeed(db)
    set_status(db, first, "confirmed")
    add_fact(db, add_doc(db, "b.txt"), date_start="2021-03-03", date_end="2021-03-03")
    assert feed.sync([counts]) is True
    assert read == []
    assert [(r["period"], r["held_verified"], r["held_proposed"]) for r in counts.table()] == [
        ("2021-02", 1, 0), ("2021-03", 0, 1)]
    series = TradeSeries.from_db(db)
    assert read == [{trade_doc}] and series.points()[0].publisher == "TASS"
