"""The blank detector against the corpora in tests/models/corpus/ (precision and recall both 100%)."""

from __future__ import annotations

import pytest

from models.blanks import BLANK, describe, find_blanks, words
from tests.models.corpus_reader import lines, marked

CLEAN = lines("blanks_clean.txt")
PLANTED = lines("blanks_planted.txt")


def test_corpora_are_large_enough():
    assert len(CLEAN) >= 100 and len(PLANTED) >= 60
    assert len(set(CLEAN)) == len(CLEAN) and len(set(PLANTED)) == len(PLANTED)
    for line in PLANTED:
        assert len(marked(line)[1]) == 1, line


@pytest.mark.parametrize("sentence", CLEAN)
def test_ordinary_sentence_has_no_blank(sentence):
    assert find_blanks(sentence) == []


@pytest.mark.parametrize("line", PLANTED)
def test_planted_blank_is_found_once_with_its_exact_span(line):
    text, [(start, end)] = marked(line)
    assert find_blanks(text) == [(start, end, text[start:end])]


def test_pattern_interface_matches_find_blanks():
    text = "开展XX次宣讲，邀请*位领导，在某镇召开"
    assert [(m.start(), m.end()) for m in BLANK.finditer(text)] == [(s, e) for s, e, _ in find_blanks(text)]
    assert BLANK.search(text).group() == "XX"
    assert BLANK.search("开展宣讲24场次") is None
    assert find_blanks("") == [] and find_blanks(None) == []


def test_blank_spans_each_paragraph_independently():
    # a quotation opened in one paragraph does not make 某年 in the next one a quoted wording
    text = "格式写作“某年某月\n于某年举办"
    assert [b for _s, _e, b in find_blanks(text)] == ["某"]


@pytest.mark.parametrize(
    ("text", "shown"),
    [("在某镇召开", "“某镇”里的“某”"), ("开设（）专栏", "空着的“（）”"), ("成立（ ）小分队", "空着的“（ ）”"),
     ("开展XX次", "“XX”")],
)
def test_description_names_the_blank_as_read(text, shown):
    [(start, end, _)] = find_blanks(text)
    assert describe(text, start, end) == shown


def test_word_lists_are_data():
    w = words()
    assert "镇" in w["mou_words"] and "市场" in w["mou_not"] and "光" in w["x_words"]
