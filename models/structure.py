"""The report's own structure: its level-1 sections, the forms of its headings, its enumerations.

A genre's parts are suggestions. A report starts with the parts marked ``default`` (a report
that never changed its structure keeps ``Report.sections = None`` and has exactly its genre's
parts, as before sections existed) and the officer may add sections (from the genre's parts or
blank), rename, reorder and remove them, set levels 2 and 3 to stand on their own line or to run
in, and turn paragraphs into enumerations (一是……二是……).

``shape(report, genre)`` is the genre as this report uses it: one ``Part`` per section, in the
report's order, every section with a lead and all three item levels, heading forms applied.
Everything that walks ``genre.parts`` (the outline, the checks, the editor) walks the report's
sections when given the shaped genre; ``ReportService.genre_of`` returns it.

Every change is a function ``op(service, report, …) -> Change``: it updates the report in memory
and in the store, and the returned ``Change.before`` puts everything back through ``restore`` (see
``StructureMixin`` and docs/architecture.md for how the editor's undo uses it).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from models import numbering
from models.findings import empty_item_ids
from models.genres import Guide, Level, Part
from models.numbering import enumeration_texts
from models.report import (
    ENTRY,
    ENUM,
    ENUM_LAYOUTS,
    ENUM_STYLES,
    FORM_LEVELS,
    HEADING_FORMS,
    ITEM,
    Item,
    Report,
    Section,
)
from models.text import clean_text, paragraphs

if TYPE_CHECKING:
    from models.genres import Genre
    from models.service import ReportService

LEVELS = (2, 3, 4)
LEVEL_LABELS = {2: "条目", 3: "要点", 4: "细项"}
FORM_NAMES = {"run_in": "与正文连排", "own_line": "单独成行"}
GENERIC_LEAD = Guide(
    label="导语段（可选）",
    guidance="写在本部分标题下、各条之前的一段话，可以概括本部分，也可以不分条、只写这一段。不需要时留空。",
)
BLANK_GUIDE = Guide(
    label="自定义部分",
    guidance="本单位自己命名的部分：在上面写标题（如“基础情况”“亮点工作”），内容可以分条写，也可以只写一段导语。",
)


class StructureError(ValueError):
    """A structure change that cannot be made; the message is Chinese and nothing was changed."""


# ------------------------------------------------------------------ reading the structure


def base_genre(genre: Genre) -> Genre:
    return genre.base or genre


def base_part(genre: Genre, key: str | None) -> Part | None:
    if not key:
        return None
    return next((p for p in base_genre(genre).parts if p.key == key), None)


def _holds_text(report: Report, key: str) -> bool:
    if report.get(f"part.{key}.title").strip() or report.get(f"part.{key}.lead").strip():
        return True
    ids = {i.id for top in report.items.get(key, []) for i in top.walk()}
    return any(v.strip() for a, v in report.values.items() if a.startswith("item.") and a.split(".")[1] in ids)


def derived_sections(report: Report, genre: Genre) -> list[Section]:
    """The sections of a report that never changed its structure: the genre's default parts, and any
    other part that holds text (nothing written is ever hidden)."""
    return [Section(p.key, p.key) for p in base_genre(genre).parts if p.default or _holds_text(report, p.key)]


def sections(report: Report, genre: Genre) -> list[Section]:
    return report.sections if report.sections is not None else derived_sections(report, genre)


def find_section(report: Report, genre: Genre, key: str) -> Section:
    for sec in sections(report, genre):
        if sec.key == key:
            return sec
    raise StructureError(f"没有找到这个部分（{key}），可能已被删除。")


def default_form(genre: Genre, level: int) -> str:
    """The genre's form for a level: that of its first part with the level, else run in."""
    for part in base_genre(genre).parts:
        lv = (part.items, part.points, part.subpoints)[level - 2]
        if lv is not None:
            return lv.style
    return "run_in"


def _section_part(report: Report, genre: Genre, sec: Section) -> Part:
    base = base_part(genre, sec.part)
    base_levels = (base.items, base.points, base.subpoints) if base else (None, None, None)
    levels = []
    for level, lv in zip(LEVELS, base_levels, strict=True):
        style = report.heading_forms.get(level) or (lv.style if lv else default_form(genre, level))
        levels.append(replace(lv, style=style) if lv else Level(label=LEVEL_LABELS[level], style=style))
    if base is None:
        return Part(key=sec.key, title="", guide=BLANK_GUIDE, items=levels[0], points=levels[1],
                    subpoints=levels[2], lead=GENERIC_LEAD)
    return replace(base, key=sec.key, items=levels[0], points=levels[1], subpoints=levels[2],
                   lead=base.lead or GENERIC_LEAD, default=True)


def shape(report: Report, genre: Genre) -> Genre:
    """The genre as this report uses it (see the module docstring). Always made afresh from the base
    genre, so a shaped genre passed again gives the report's current structure."""
    base = base_genre(genre)
    parts = tuple(_section_part(report, base, sec) for sec in sections(report, base))
    return replace(base, parts=parts, base=base)


# ------------------------------------------------------------------ undo: states and changes


@dataclass
class State:
    """What a structure change may alter: the structure, and the values under ``touched`` prefixes."""

    sections: list[Section] | None
    heading_forms: dict[int, str]
    items: dict[str, list[Item]]
    touched: tuple[str, ...]
    values: dict[str, str]


@dataclass
class Change:
    """The result of a structure change. ``before`` undoes it through ``restore``."""

    label: str  # for the undo menu: 撤销“添加部分”
    before: State
    key: str = ""  # the section key or item id made or changed, for the UI to select
    note: str = ""  # something to tell the officer (typed numbering removed)
    held_text: bool = False  # remove_section / remove: whether what was removed held text


def capture(report: Report, touched: tuple[str, ...] | list[str]) -> State:
    touched = tuple(touched)
    return State(
        sections=copy.deepcopy(report.sections),
        heading_forms=dict(report.heading_forms),
        items=copy.deepcopy(report.items),
        touched=touched,
        values={a: v for a, v in report.values.items() if a.startswith(touched)} if touched else {},
    )


def restore(service: ReportService | None, report: Report, state: State) -> None:
    """Put the structure and the touched values back as they were in ``state`` (undo and redo)."""
    report.sections = copy.deepcopy(state.sections)
    report.heading_forms = dict(state.heading_forms)
    report.items = copy.deepcopy(state.items)
    changes = {a: "" for a in report.values if state.touched and a.startswith(state.touched)}
    changes.update(state.values)
    _apply_values(report, changes)
    _save(service, report, changes)


def _apply_values(report: Report, changes: dict[str, str]) -> None:
    for address, value in changes.items():
        if value == "":
            report.values.pop(address, None)
        else:
            report.values[address] = value
    live = {i.id for i in report.all_items()}  # text of items no longer in the tree goes with them
    for address in [a for a in report.values if a.startswith("item.") and a.split(".")[1] not in live]:
        del report.values[address]


def _save(service: ReportService | None, report: Report, changes: dict[str, str] | None = None) -> None:
    """Write the structure, the item tree and changed values in one transaction (in-memory reports: nothing)."""
    if service is None or report.id is None:
        return
    store = service.store
    with store.transaction():
        report.updated = store.replace_items(report.id, report)
        if changes:
            report.updated = store.set_values(report.id, changes)


def _materialise(report: Report, genre: Genre) -> list[Section]:
    if report.sections is None:
        report.sections = derived_sections(report, genre)
    return report.sections


def _genre(service: ReportService | None, report: Report, genre: Genre | None) -> Genre:
    if genre is not None:
        return base_genre(genre)
    assert service is not None
    return base_genre(service.genre_of(report))


# ------------------------------------------------------------------ typed numbering


HEADING_NAMES = ("title", "heading")


def is_numbered_text(report: Report, address: str) -> bool:
    """Addresses whose printed number or ordinal is generated: section titles, item headings, entries."""
    parts = address.split(".")
    if len(parts) != 3:
        return False
    if parts[0] == "part":
        return parts[2] == "title"
    if parts[0] == "item":
        if parts[2] == "heading":
            return True
        item = report.find_item(parts[1])
        return parts[2] == "body" and item is not None and item.kind == ENTRY
    return False


def clean_entry(report: Report, address: str, value: str) -> tuple[str, str]:
    """(the value to store, a note for the officer): typed numbering removed from headings and entries."""
    value = clean_text(value)
    if not is_numbered_text(report, address):
        return value, ""
    stripped, removed = numbering.strip_numbering(value)
    return (stripped, numbering.numbering_note(removed)) if removed else (value, "")


# ------------------------------------------------------------------ sections


def section_has_text(report: Report, key: str) -> bool:
    """Whether removing the section would remove text the officer wrote (so the UI asks first)."""
    if report.get(f"part.{key}.lead").strip():
        return True
    ids = {i.id for top in report.items.get(key, []) for i in top.walk()}
    return any(v.strip() for a, v in report.values.items() if a.startswith("item.") and a.split(".")[1] in ids)


def suggested_parts(report: Report, genre: Genre) -> list[tuple[Part, bool]]:
    """The genre's parts, each with whether a section of the report already came from it."""
    used = {s.part for s in sections(report, genre)}
    return [(p, p.key in used) for p in base_genre(genre).parts]


def _section_touched(report: Report, key: str) -> tuple[str, ...]:
    return (f"part.{key}.", *_item_prefixes(report.items.get(key, [])))


def _item_prefixes(items: list[Item]) -> tuple[str, ...]:
    return tuple(f"item.{i.id}." for top in items for i in top.walk())


def _new_items(report: Report, part: Part, key: str) -> list[Item]:
    """The items a section from a genre part starts with: its presets, or its empty default items."""
    out: list[Item] = []
    report.items[key] = out  # so new_item_id sees the ids taken
    if part.preset:
        for preset in part.preset:
            item = Item(id=report.new_item_id(), part=key, area=preset.area, figures=list(preset.figures))
            out.append(item)
            if preset.heading:
                report.values[f"item.{item.id}.heading"] = preset.heading
    elif part.source != "areas":
        for _ in range(part.default_items):
            out.append(Item(id=report.new_item_id(), part=key))
    return out


def add_section(service: ReportService | None, report: Report, *, from_part: str | None = None, title: str = "",
                index: int | None = None, genre: Genre | None = None) -> Change:
    """A new level-1 section from one of the genre's parts (its guidance, default title, items) or blank.

    ``index`` is its place among the sections (None: where the genre puts the part, else at the end).
    """
    genre = _genre(service, report, genre)
    part = None
    if from_part is not None:
        part = base_part(genre, from_part)
        if part is None:
            raise StructureError(f"“{genre.name}”没有可添加的部分“{from_part}”。")
    before = capture(report, ())
    secs = _materialise(report, genre)
    used = {s.key for s in secs}
    key = from_part if part is not None and from_part not in used else report.new_section_key()
    if index is None:
        index = _genre_position(genre, secs, from_part) if part is not None else len(secs)
    index = max(0, min(index, len(secs)))
    secs.insert(index, Section(key, from_part if part is not None else None))
    text, note = clean_entry(report, f"part.{key}.title", title.strip())
    text = " ".join(paragraphs(text))
    changes: dict[str, str] = {}
    if text and not (part is not None and text == part.title):
        changes[f"part.{key}.title"] = text
    if part is not None and not report.items.get(key):  # items left under the key (old data) are kept
        _new_items(report, part, key)
        prefixes = _item_prefixes(report.items[key])
        changes.update({a: v for a, v in report.values.items() if a.startswith(prefixes)})
    _apply_values(report, changes)
    _save(service, report, changes)
    return Change("添加部分", replace(before, touched=_section_touched(report, key)), key=key, note=note)


def _genre_position(genre: Genre, secs: list[Section], part_key: str | None) -> int:
    """Where a section from a genre part goes: after the last section from an earlier part of the genre,
    else before the first from a later part, else at the end."""
    order = {p.key: n for n, p in enumerate(base_genre(genre).parts)}
    mine = order.get(part_key or "", len(order))
    ranks = [order.get(sec.part or "") for sec in secs]
    earlier = [n for n, rank in enumerate(ranks) if rank is not None and rank < mine]
    if earlier:
        return earlier[-1] + 1
    later = [n for n, rank in enumerate(ranks) if rank is not None and rank > mine]
    return later[0] if later else len(secs)


def rename_section(service: ReportService | None, report: Report, key: str, title: str,
                   genre: Genre | None = None) -> Change:
    """A section's own title; empty gives back the genre part's default (a blank section then has none)."""
    genre = _genre(service, report, genre)
    sec = find_section(report, genre, key)
    address = f"part.{key}.title"
    before = capture(report, (address,))
    text, note = clean_entry(report, address, title)
    text = " ".join(paragraphs(text))
    part = base_part(genre, sec.part)
    if part is not None and text == part.title:
        text = ""
    _apply_values(report, {address: text})
    _save(service, report, {address: text})
    return Change("修改部分标题", before, key=key, note=note)


def move_section(service: ReportService | None, report: Report, key: str, to: int,
                 genre: Genre | None = None) -> Change:
    """Move a section to position ``to`` (0-based among the sections); numbering 一、二、 follows."""
    genre = _genre(service, report, genre)
    find_section(report, genre, key)
    before = capture(report, ())
    secs = _materialise(report, genre)
    index = next(n for n, s in enumerate(secs) if s.key == key)
    to = max(0, min(to, len(secs) - 1))
    secs.insert(to, secs.pop(index))
    _save(service, report)
    return Change("调整部分顺序", before, key=key)


def remove_section(service: ReportService | None, report: Report, key: str,
                   genre: Genre | None = None) -> Change:
    """Remove a section with its lead and items. ``Change.held_text`` says whether text went with it
    (ask with ``section_has_text`` first); ``restore(change.before)`` brings all of it back."""
    genre = _genre(service, report, genre)
    find_section(report, genre, key)
    held = section_has_text(report, key)
    touched = _section_touched(report, key)
    before = capture(report, touched)
    secs = _materialise(report, genre)
    secs[:] = [s for s in secs if s.key != key]
    report.items.pop(key, None)
    changes = {a: "" for a in report.values if a.startswith(touched)}
    _apply_values(report, changes)
    _save(service, report, changes)
    return Change("删除部分", before, key=key, held_text=held)


def set_heading_form(service: ReportService | None, report: Report, level: int, form: str | None,
                     genre: Genre | None = None) -> Change:
    """Levels 2 and 3 stand on their own line or run in, for the whole report; None follows the genre."""
    if level not in FORM_LEVELS:
        raise StructureError("只有二级（（一））和三级（1.）标题可以选择单独成行或与正文连排，一级标题总是单独成行。")
    if form is not None and form not in HEADING_FORMS:
        raise StructureError(f"标题形式只能是：{'、'.join(FORM_NAMES.values())}。")
    before = capture(report, ())
    if form is None:
        report.heading_forms.pop(level, None)
    else:
        report.heading_forms[level] = form
    _save(service, report)
    return Change("修改标题形式", before)


# ------------------------------------------------------------------ enumerations


def _owner(report: Report, owner: str) -> tuple[str, list[Item], str | None]:
    """(section key, the children list, parent item id) of an owner address: part.<key> or item.<id>."""
    kind, _, key = owner.partition(".")
    if kind == "part" and key:
        return key, report.items.setdefault(key, []), None
    if kind == "item":
        item = report.find_item(key)
        if item is None:
            raise StructureError("没有找到这一条，可能已被删除。")
        if item.kind != ITEM:
            raise StructureError("列举里不能再放列举。")
        return item.part, item.children, item.id
    raise StructureError(f"无法识别的位置“{owner}”。")


def _check_enum_options(style: str, layout: str) -> None:
    if style not in ENUM_STYLES:
        raise StructureError(f"列举的序号只能是：{'；'.join(numbering.STYLE_NAMES.values())}。")
    if layout not in ENUM_LAYOUTS:
        raise StructureError(f"列举的排法只能是：{'、'.join(numbering.LAYOUT_NAMES.values())}。")


def _entries(report: Report, enum: Item, texts: list[str]) -> tuple[dict[str, str], str]:
    changes: dict[str, str] = {}
    removed = []
    for text in texts:
        entry = Item(id=report.new_item_id(), part=enum.part, parent=enum.id, kind=ENTRY)
        enum.children.append(entry)
        stripped, gone = numbering.strip_numbering(clean_text(text).strip())
        if gone:
            removed.append(gone)
        if stripped.strip():
            changes[f"item.{entry.id}.body"] = stripped.strip()
    note = numbering.numbering_note("”“".join(removed)) if removed else ""
    return changes, note


def add_enumeration(service: ReportService | None, report: Report, owner: str, *, entries: list[str] | None = None,
                    style: str = "shi", layout: str = "own_line", index: int | None = None) -> Change:
    """A new enumeration among the children of a section (``part.<key>``) or an item (``item.<id>``).

    ``index`` is its place among those children (None: first, right after the owner's own text).
    Typed ordinals at the start of the entries are removed (see ``Change.note``).
    """
    _check_enum_options(style, layout)
    key, children, parent = _owner(report, owner)
    before = capture(report, ())
    enum = Item(id=report.new_item_id(), part=key, parent=parent, kind=ENUM, style=style, layout=layout)
    children.insert(0 if index is None else max(0, min(index, len(children))), enum)
    changes, note = _entries(report, enum, list(entries if entries is not None else ["", ""]))
    _apply_values(report, changes)
    _save(service, report, changes)
    return Change("添加列举", replace(before, touched=_item_prefixes([enum])), key=enum.id, note=note)


def make_enumeration(service: ReportService | None, report: Report, address: str, first: int, last: int, *,
                     style: str = "shi", layout: str = "own_line") -> Change:
    """Turn paragraphs ``first``..``last`` (0-based, inclusive) of a body or a lead into an enumeration.

    ``address`` is ``item.<id>.body`` or ``part.<key>.lead``. The paragraphs before stay where they
    are, those after follow the enumeration (as its closing text), so the printed order is unchanged.
    """
    _check_enum_options(style, layout)
    kind, _, rest = address.partition(".")
    owner_key, _, name = rest.rpartition(".")
    if not ((kind == "item" and name == "body") or (kind == "part" and name == "lead")):
        raise StructureError("只能把正文或导语段里的段落设为列举。")
    owner = f"{kind}.{owner_key}"
    key, children, parent = _owner(report, owner)
    paras = paragraphs(report.get(address))
    if not (0 <= first <= last < len(paras)):
        raise StructureError("请选择要设为列举的段落（至少一段）。")
    before = capture(report, (address,))
    enum = Item(id=report.new_item_id(), part=key, parent=parent, kind=ENUM, style=style, layout=layout)
    children.insert(0, enum)
    changes, note = _entries(report, enum, paras[first:last + 1])
    changes[address] = "\n".join(paras[:first])
    if paras[last + 1:]:
        changes[f"item.{enum.id}.body"] = "\n".join(paras[last + 1:])
    _apply_values(report, changes)
    _save(service, report, changes)
    return Change("设为列举", replace(before, touched=(address, *_item_prefixes([enum]))), key=enum.id, note=note)


def _enum(report: Report, enum_id: str) -> Item:
    enum = report.find_item(enum_id)
    if enum is None or enum.kind != ENUM:
        raise StructureError("没有找到这个列举，可能已被删除。")
    return enum


def set_enumeration(service: ReportService | None, report: Report, enum_id: str, *, style: str | None = None,
                    layout: str | None = None) -> Change:
    """Change an enumeration's ordinals (一是 / 第一， / 首先， …) or its layout; the text is untouched."""
    enum = _enum(report, enum_id)
    _check_enum_options(style or enum.style, layout or enum.layout)
    before = capture(report, ())
    enum.style, enum.layout = style or enum.style, layout or enum.layout
    _save(service, report)
    return Change("修改列举", before, key=enum_id)


def add_entry(service: ReportService | None, report: Report, enum_id: str, text: str = "",
              index: int | None = None) -> Change:
    """A new entry (at ``index``, None: at the end); its ordinal is generated."""
    enum = _enum(report, enum_id)
    before = capture(report, ())
    changes, note = _entries(report, enum, [text])
    entry = enum.children.pop()
    enum.children.insert(len(enum.children) if index is None else max(0, min(index, len(enum.children))), entry)
    _apply_values(report, changes)
    _save(service, report, changes)
    return Change("添加一项", replace(before, touched=(f"item.{entry.id}.",)), key=entry.id, note=note)


def move_entry(service: ReportService | None, report: Report, entry_id: str, to: int) -> Change:
    """Move an entry to position ``to`` among its enumeration's entries; ordinals are renumbered."""
    entry = report.find_item(entry_id)
    if entry is None or entry.kind != ENTRY or entry.parent is None:
        raise StructureError("没有找到这一项，可能已被删除。")
    enum = _enum(report, entry.parent)
    before = capture(report, ())
    enum.children.remove(entry)
    enum.children.insert(max(0, min(to, len(enum.children))), entry)
    _save(service, report)
    return Change("调整列举顺序", before, key=entry_id)


def remove(service: ReportService | None, report: Report, item_id: str) -> Change:
    """Remove an entry, an enumeration (with its entries) or an item (with everything under it)."""
    item = report.find_item(item_id)
    if item is None:
        raise StructureError("没有找到要删除的内容，可能已被删除。")
    ids = [i.id for i in item.walk()]
    touched = tuple(f"item.{i}." for i in ids)
    held = any(report.values.get(a, "").strip() for a in report.values if a.startswith(touched))
    before = capture(report, touched)
    report.siblings(item).remove(item)
    changes = {a: "" for a in report.values if a.startswith(touched)}
    _apply_values(report, changes)
    _save(service, report, changes)
    label = {ENTRY: "删除一项", ENUM: "删除列举"}.get(item.kind, "删除一条")
    return Change(label, before, key=item_id, held_text=held)


def remove_many(service: ReportService | None, report: Report, item_ids: list[str], label: str) -> Change:
    """Remove several items, enumerations or entries in one write and one Change (one undo step);
    ids already gone, or under another removed one, are skipped. ``label`` may hold {n}, the count."""
    items = [i for i in (report.find_item(x) for x in dict.fromkeys(item_ids)) if i is not None]
    inner = {c.id for i in items for c in i.walk() if c is not i}
    items = [i for i in items if i.id not in inner]
    if not items:
        raise StructureError("没有找到要删除的内容，可能已被删除。")
    touched = tuple(f"item.{c.id}." for i in items for c in i.walk())
    held = any(report.values.get(a, "").strip() for a in report.values if a.startswith(touched))
    before = capture(report, touched)
    for item in items:
        report.siblings(item).remove(item)
    changes = {a: "" for a in report.values if a.startswith(touched)}
    _apply_values(report, changes)
    _save(service, report, changes)
    first = items[0]
    return Change(label.format(n=len(items)), before, key=first.parent or first.part, held_text=held)


def dissolve_enumeration(service: ReportService | None, report: Report, enum_id: str) -> Change:
    """Turn an enumeration back into ordinary paragraphs at the end of its owner's body (or lead),
    ordinals written out as printed, so nothing the reader saw changes."""
    enum = _enum(report, enum_id)
    address = f"item.{enum.parent}.body" if enum.parent else f"part.{enum.part}.lead"
    touched = (address, *(f"item.{i.id}." for i in enum.walk()))
    before = capture(report, touched)
    texts = enumeration_texts(report, enum)
    if enum.layout == "run_in" and texts:  # printed as one paragraph: it stays one
        texts = ["".join(texts)]
    tail = paragraphs(report.get(f"item.{enum.id}.body"))
    report.siblings(enum).remove(enum)
    joined = "\n".join([*paragraphs(report.get(address)), *texts, *tail])
    changes = {a: "" for a in report.values if a.startswith(touched[1:])}
    changes[address] = joined
    _apply_values(report, changes)
    _save(service, report, changes)
    return Change("取消列举", before, key=enum_id)


def finish_new_report(report: Report, genre: Genre) -> None:
    """A report just built from a genre or unit template: drop the items of parts that are not in its
    default sections, and give parts with presets their preset items (unit templates' figures)."""
    base = base_genre(genre)
    keep = {p.key for p in base.parts if p.default}
    for key in [k for k in report.items if k not in keep]:
        del report.items[key]
    for part in base.parts:
        if part.default and part.preset:
            _new_items(report, part, part.key)


# ------------------------------------------------------------------ the service side


@dataclass(frozen=True)
class Entered:
    """``ReportService.set_text``: the stored value, the new updated time, and a note to show (or "")."""

    value: str
    updated: str
    note: str = ""


class StructureMixin:
    """The structure API of ReportService (models/service.py inherits it). See docs/architecture.md."""

    def base_genre_of(self: ReportService, report: Report) -> Genre:
        """The genre (or unit template) as shipped or stored, not shaped for the report; for a report
        read from a package and not stored, the unit template the package carried."""
        carried = report.template
        if carried is not None and (carried.id, carried.version) == (report.genre_id, report.genre_version):
            return carried
        return self.library.get(report.genre_id, report.genre_version)

    def sections(self: ReportService, report: Report) -> list[Section]:
        return list(sections(report, self.base_genre_of(report)))

    def suggested_parts(self: ReportService, report: Report) -> list[tuple[Part, bool]]:
        return suggested_parts(report, self.base_genre_of(report))

    def section_has_text(self: ReportService, report: Report, key: str) -> bool:
        return section_has_text(report, key)

    def add_section(self: ReportService, report: Report, from_part: str | None = None, *, title: str = "",
                    index: int | None = None) -> Change:
        return add_section(self, report, from_part=from_part, title=title, index=index)

    def rename_section(self: ReportService, report: Report, key: str, title: str) -> Change:
        return rename_section(self, report, key, title)

    def move_section(self: ReportService, report: Report, key: str, to: int) -> Change:
        return move_section(self, report, key, to)

    def remove_section(self: ReportService, report: Report, key: str) -> Change:
        return remove_section(self, report, key)

    def heading_forms(self: ReportService, report: Report) -> dict[int, tuple[str | None, str]]:
        """Level -> (the report's form or None, the genre's default form), for levels 2 and 3."""
        genre = self.base_genre_of(report)
        return {lv: (report.heading_forms.get(lv), default_form(genre, lv)) for lv in FORM_LEVELS}

    def set_heading_form(self: ReportService, report: Report, level: int, form: str | None) -> Change:
        return set_heading_form(self, report, level, form)

    def add_enumeration(self: ReportService, report: Report, owner: str, *, entries: list[str] | None = None,
                        style: str = "shi", layout: str = "own_line", index: int | None = None) -> Change:
        return add_enumeration(self, report, owner, entries=entries, style=style, layout=layout, index=index)

    def make_enumeration(self: ReportService, report: Report, address: str, first: int, last: int, *,
                         style: str = "shi", layout: str = "own_line") -> Change:
        return make_enumeration(self, report, address, first, last, style=style, layout=layout)

    def set_enumeration(self: ReportService, report: Report, enum_id: str, *, style: str | None = None,
                        layout: str | None = None) -> Change:
        return set_enumeration(self, report, enum_id, style=style, layout=layout)

    def add_entry(self: ReportService, report: Report, enum_id: str, text: str = "",
                  index: int | None = None) -> Change:
        return add_entry(self, report, enum_id, text, index)

    def move_entry(self: ReportService, report: Report, entry_id: str, to: int) -> Change:
        return move_entry(self, report, entry_id, to)

    def remove_node(self: ReportService, report: Report, item_id: str) -> Change:
        return remove(self, report, item_id)

    def remove_empty_items(self: ReportService, report: Report) -> Change | None:
        """删除所有空条目: every item, enumeration and entry with nothing written (the findings of rule
        empty_item / empty_enum / empty_entry) in one Change; None when there is none."""
        ids = empty_item_ids(self.check(report))
        if not ids:
            return None
        return remove_many(self, report, ids, "删除{n}个空条目")

    def dissolve_enumeration(self: ReportService, report: Report, enum_id: str) -> Change:
        return dissolve_enumeration(self, report, enum_id)

    def capture_structure(self: ReportService, report: Report, touched: tuple[str, ...] = ()) -> State:
        return capture(report, touched)

    def restore_structure(self: ReportService, report: Report, state: State) -> None:
        restore(self, report, state)

    def clean_entry(self: ReportService, report: Report, address: str, value: str) -> tuple[str, str]:
        return clean_entry(report, address, value)

    def set_text(self: ReportService, report: Report, address: str, value: str) -> Entered:
        """Store one field, typed numbering removed from headings and entries (the note says so)."""
        text, note = clean_entry(report, address, value)
        if text:
            report.values[address] = text
        else:
            report.values.pop(address, None)
        updated = self.store.set_value(report.id, address, text) if report.id is not None else report.updated
        report.updated = updated
        return Entered(text, updated, note)
