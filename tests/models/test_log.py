"""The log file (models/log.py): what the program swallows lands in <data>/logs/zongjie.log, rotated."""

from __future__ import annotations

import logging

import pytest

from models import log as log_module
from models.log import LOG_FOLDER, LOG_NAME, setup_logging, suppress_logged
from models.session import Session


def _our_handlers() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if isinstance(h, log_module._LogFile)]


def test_nothing_is_written_until_there_is_something_to_say(tmp_path):
    path = setup_logging(tmp_path)
    assert path == tmp_path / LOG_FOLDER / LOG_NAME
    assert not (tmp_path / LOG_FOLDER).exists()  # an ordinary run leaves no empty log behind


def test_a_swallowed_error_lands_in_the_log_file(tmp_path):
    data = tmp_path / "数据"
    path = setup_logging(data)
    session = Session(data, pid=4242)
    session.path.mkdir(parents=True)  # the marker's name is taken by a folder: writing it fails
    session.start()  # carries on without a marker, as it always did

    text = path.read_text(encoding="utf-8")
    assert f"写入运行标记 {session.path}没有完成" in text
    assert "WARNING models.session" in text and "Traceback" in text  # with the traceback, for a technician


def test_suppress_logged_swallows_only_what_it_names(tmp_path):
    path = setup_logging(tmp_path)
    logger = logging.getLogger("models.test")
    with suppress_logged(logger, "删除临时文件", OSError):
        raise PermissionError("拒绝访问")
    with pytest.raises(ValueError), suppress_logged(logger, "删除临时文件", OSError):
        raise ValueError("不是文件错误")
    text = path.read_text(encoding="utf-8")
    assert "删除临时文件没有完成：拒绝访问" in text and "不是文件错误" not in text


def test_set_up_once_per_folder(tmp_path):
    first = setup_logging(tmp_path / "a")
    assert setup_logging(tmp_path / "a") == first
    assert len(_our_handlers()) == 1
    second = setup_logging(tmp_path / "b")  # another data folder: the log moves with it
    assert [h.baseFilename for h in _our_handlers()] == [str(second)]


def test_the_log_is_rotated_at_one_megabyte_keeping_three(tmp_path):
    path = setup_logging(tmp_path)
    logger = logging.getLogger("models.test")
    line = "示例镇" * 200  # ≈ 1.8 KB per record in UTF-8
    for n in range(2600):  # ≈ 4.7 MB: more than the file and its three old copies hold
        logger.warning("%d %s", n, line)
    files = sorted(p.name for p in path.parent.iterdir())
    assert files == [LOG_NAME, f"{LOG_NAME}.1", f"{LOG_NAME}.2", f"{LOG_NAME}.3"]
    # the stdlib decides by characters, so a file may pass 1 MB by part of one Chinese record, never more
    assert all(p.stat().st_size <= log_module.MAX_BYTES + 2 * len(line.encode()) for p in path.parent.iterdir())
    assert "2599 " in path.read_text(encoding="utf-8")  # the newest record is in the current file
