"""Quote-mark scanning: apostrophes, mark families, nesting, recovery per paragraph."""

from dateline.extract.quotes.marks import find_marked, paragraphs


def _texts(body):
    return [body[m.span[0] : m.span[1]] for m in find_marked(body)]


def test_single_marks_are_quotes_but_apostrophes_are_not():
    body = (
        "'Iran's stance and the two countries' active diplomacy are clear,' he said. Russia's view differs."
    )
    assert _texts(body) == ["Iran's stance and the two countries' active diplomacy are clear,"]


def test_curly_straight_and_single_families():
    body = '“Curly words,” she said. "Straight words," he said. ‘Single curly,’ they said.'
    assert _texts(body) == ["Curly words,", "Straight words,", "Single curly,"]


def test_nested_quote_stays_inside_its_outer_quote():
    body = "“He told us ‘never again’ and left,” she said."
    marked = find_marked(body)
    assert len(marked) == 1
    assert body[marked[0].span[0] : marked[0].span[1]] == "He told us ‘never again’ and left,"


def test_unclosed_mark_is_recovered_within_its_paragraph_only():
    body = 'He said "this never closes\n\n"A fine quote," she said.'
    texts = _texts(body)
    assert texts[0] == "this never closes"
    assert "A fine quote," in texts
    assert find_marked(body)[0].unclosed


def test_multi_paragraph_quote_is_flagged_to_continue():
    body = "“The first paragraph of it.\n\n“The second paragraph,” he said.\n\nDone."
    marked = find_marked(body)
    assert [m.continues for m in marked] == [True, False]
    assert body[marked[1].span[0] : marked[1].span[1]] == "The second paragraph,"


def test_orphan_closer_and_empty_body_do_not_fail():
    assert find_marked("") == []
    assert _texts("Nothing” here. And 'tis fine.") == []
    assert paragraphs("a\n\n b \n") == [(0, 1), (3, 6)]
