import codecs

import pytest

from tui.preprocess.decode import Unreadable, decode

TEXT = "Yoon Suk Yeol met Olaf Scholz in “Washington” — naïve café, Größe, déjà vu.\n"


def test_utf8_without_and_with_bom():
    assert decode(TEXT.encode("utf-8")) .text == TEXT
    d = decode(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    assert d.text == TEXT and d.encoding == "utf-8" and d.warning is None


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_with_bom(encoding):
    assert decode(TEXT.encode(encoding)).text == TEXT


def test_cp1252_is_detected_and_named_in_a_warning():
    d = decode(TEXT.encode("cp1252"))
    assert d.text == TEXT
    assert d.encoding == "cp1252"
    assert "cp1252" in d.warning


def test_latin1_is_detected():
    text = TEXT.replace("“", '"').replace("”", '"').replace("—", "-")
    d = decode(text.encode("latin-1"))
    assert d.text == text and d.warning


def test_cyrillic_is_not_read_as_western():
    text = "Президент Южной Кореи призвал Москву сделать выбор между двумя Кореями. " * 3
    assert decode(text.encode("cp1251")).text == text


@pytest.mark.parametrize("data", [b"", b"   \n\n\t "])
def test_empty_files_are_unreadable(data):
    with pytest.raises(Unreadable, match="empty"):
        decode(data)


def test_binary_files_are_unreadable():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(Unreadable, match="binary"):
        decode(png)


def test_escape_sequences_do_not_make_a_file_binary():
    assert decode(b"Title \x1b[31mred\x1b[0m\n\nBody text.").text.startswith("Title")
