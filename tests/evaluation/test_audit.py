"""The real-article audit: drawing is seeded and complete, a judged table scores as events-audit.md says."""

from __future__ import annotations

from dateline.evaluation.audit import draw, read_table, score, summary, write_table


def _record(i: int, n_events: int, negated: bool = False) -> dict:
    body = f"Country{i} attacked Country{i + 1} near the border on Monday. " * 3
    evs = [{"id": f"e{k}", "type": "ASSAULT", "cameo": "190", "negated": negated, "modality": "asserted",
            "source": {"text": f"Country{i}", "actor": "a1", "country": "AAA"}, "target": None,
            "evidence": {"span": [0, 40], "text": body[:40]}, "trigger": [10, 18]} for k in range(n_events)]
    return {"id": f"d{i}", "input": {"id": f"doc{i}"}, "published": "2020-01-01", "body": body,
            "actors": [{"id": "a1", "name": f"Country{i}"}], "events": evs}


def test_draw_is_seeded_and_blocks_are_filled():
    recs = [_record(i, 3) for i in range(50)] + [_record(100 + i, 1, negated=True) for i in range(40)]
    a, b = draw(recs, seed=3), draw(recs, seed=3)
    assert a == b
    assert a != draw(recs, seed=4)
    blocks = [r["block"] for r in a]
    assert blocks.count("asserted") == 100 and blocks.count("flagged") == 30 and blocks.count("recall") == 60
    assert all(r["negated"] == "yes" for r in a if r["block"] == "flagged")
    assert a[0]["trigger"] == "attacked" and a[0]["doc"].startswith("doc")


def test_judged_table_scores(tmp_path):
    rows = draw([_record(i, 2) for i in range(60)], seed=1)
    for k, r in enumerate(r for r in rows if r["block"] == "asserted"):
        r.update(type_ok="y" if k % 4 else "n", source_ok="y", target_ok="y" if k % 2 else "n", date_ok="y",
                 place_ok="?", flags_ok="y", error="" if k % 4 else "not an event")
    for k, r in enumerate(r for r in rows if r["block"] == "recall"):
        r.update(political="y" if k < 25 else "n", coded="y" if k < 10 else "n")
    out = tmp_path / "t.judged.tsv"
    write_table(rows, out, {"corpus": "test", "seed": 1, "commit": "abc1234"})
    meta, back = read_table(out)
    assert meta["seed"] == "1" and len(back) == len(rows)
    f = score(back)
    assert f["type_precision"][1:] == (75, 100)
    assert f["triple_precision"][1:] == (50, 100)  # odd k: type and target both right
    assert f["place_accuracy"][2] == 0 and f["place_accuracy"][0] is None
    assert f["recall"][1:] == (10, 20)  # the first 20 political sentences
    assert f["errors"]["not an event"] == 25
    second = [dict(r, type_ok="y") for r in back if r["block"] == "asserted"][:20]
    write_table(second, tmp_path / "t.second20.tsv", {"corpus": "test", "seed": 1})
    table = summary(tmp_path)  # the docs/evaluation.md table of every judged audit
    assert "| `t` | abc1234 | 0.75 (75/100) | 0.50 (50/100) |" in table
    assert table.rstrip().endswith("| 15/20 |")  # rows 0, 4, 8, 12, 16 judged n by the first judge


def test_two_judges_agreement_counts_rows_both_judged():
    from dateline.evaluation.audit import agreement

    a = [{"block": "asserted", "n": str(i), "type_ok": "y", "source_ok": "n", "target_ok": "?", "date_ok": "y",
          "place_ok": "", "flags_ok": "y"} for i in range(1, 5)]
    b = [dict(r, type_ok="y" if r["n"] != "2" else "n", target_ok="y") for r in a[:3]]
    got = agreement(a, b)
    assert got["type_ok"] == (2, 3) and got["source_ok"] == (3, 3)
    assert got["target_ok"] == (0, 0) and got["place_ok"] == (0, 0)
