"""The paged layout agrees with LibreOffice's rendering of the exported .docx (issue: ≥ 95 % of
pages start with the same line, same page count), on every sample and on generated reports of
1–30 pages. The harness is tests/export/paged_agreement.py; the layout uses paged.DOCX_RULES, the
page rules the .docx carries."""

from __future__ import annotations

import pytest

from tests.export import paged_agreement

pytestmark = pytest.mark.render


@pytest.fixture(autouse=True)
def _qt(qapp):
    """pytest-qt's QApplication first: the PDF writer would otherwise make a QGuiApplication, and a
    widget test later in the same run could not start."""
    return qapp


def test_page_breaks_agree_with_libreoffice(tools, service, tmp_path):
    agreement = paged_agreement.measure(service, tmp_path)
    print("\n" + agreement.summary())
    assert len(agreement.results) >= 5 + 9
    assert max(r.docx_pages for r in agreement.results) >= 30
    assert min(r.docx_pages for r in agreement.results) == 1
    different = [(r.name, r.layout_pages, r.docx_pages) for r in agreement.results if not r.same_count]
    assert not different, different
    assert agreement.figure >= 0.95, agreement.summary()
