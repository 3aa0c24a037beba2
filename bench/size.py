"""Bundle size: dist/zongjie against the hello-world frozen in the same run by the same PyInstaller.

Folder size (every file; symbolic links as links) and packed size (tar.gz, gzip level 6).
Budget: both ≤ 0.8 × the hello-world's. Needs the bundle: python3 dev.py build.
"""

from __future__ import annotations

from bench import support


def run() -> list[tuple[str, str, str]]:
    if not support.app_frozen():
        return [("bundle size", "—", "no dist/zongjie: run python3 dev.py build first")]
    hello = support.hello_dist()
    if hello is None:
        return [("bundle size", "—", "the hello-world did not freeze (see the messages above)")]
    rows = []
    for label, measure in (("folder", support.folder_size), ("tar.gz", support.packed_size)):
        app, ref = measure(support.APP_DIST), measure(hello)
        ratio = app / ref
        rows.append((f"bundle {label}: hello-world", support.mb(ref), ""))
        rows.append((f"bundle {label}: app", support.mb(app),
                     f"{ratio:.2f}× hello-world (budget ≤ 0.8×) {'OK' if ratio <= 0.8 else 'OVER BUDGET'}"))
    return rows
