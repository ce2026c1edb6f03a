"""Reading a corpus folder: formats, record paths, metadata, and a clear BadInput for every broken file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from briefings.corpus import SUPPORTED_SUFFIXES, checked_entry, iter_raw_documents, list_corpus_files, read_file
from briefings.errors import BadInput
from briefings.models import RawDocument

STORY = (
    "Harbour officials in the port town of Velmora counted more than forty fishing boats returning before dawn "
    "on Tuesday.\n"
    "The mayor said the early return followed a storm warning issued late on Monday evening.\n"
)

ARTICLE_HTML = (
    "<html><head><title>Storm sends fleet home early | The Coastal Ledger</title>\n"
    '<meta property="og:site_name" content="The Coastal Ledger">\n'
    '<meta property="article:published_time" content="2025-09-04T08:00:00Z">\n'
    '<link rel="canonical" href="https://ledger.example.org/news/storm-fleet">\n'
    "</head><body>\n"
    '<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>\n'
    "<article><h1>Storm sends fleet home early</h1>\n"
    "<p>Harbour officials in the port town of Velmora counted more than forty fishing boats returning "
    "before dawn on Tuesday, hours ahead of the storm.</p>\n"
    "<h2>Warnings came late</h2>\n"
    "<p>The mayor said the early return followed a storm warning issued late on Monday evening by the "
    "regional weather office, which had tracked the system for days.</p>\n"
    "<p>Several captains told reporters they had lost a full day of catch but would rather be safe than "
    "sorry when the waves rose.</p>\n"
    "</article>\n"
    "<footer>Contact us | Privacy policy</footer></body></html>"
)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def assert_bad(exc: BadInput, path: Path, *words: str) -> None:
    assert exc.path == str(path)
    assert str(path) in str(exc)
    for word in words:
        assert word.lower() in exc.reason.lower(), f"{word!r} not in {exc.reason!r}"


# listing


def test_lists_supported_files_recursively_sorted_skipping_hidden(tmp_path):
    for name in ["b.txt", "a.md", "sub/c.html", "sub/deeper/d.jsonl", "e.json", "f.htm", "G.TXT"]:
        write(tmp_path / name, "x")
    for name in ["notes.pdf", "image.png", ".hidden.txt", ".git/config.txt", "sub/.cache/x.txt"]:
        write(tmp_path / name, "x")
    listed = [p.relative_to(tmp_path).as_posix() for p in list_corpus_files(tmp_path)]
    assert listed == sorted(listed)
    assert set(listed) == {"b.txt", "a.md", "sub/c.html", "sub/deeper/d.jsonl", "e.json", "f.htm", "G.TXT"}
    assert set(SUPPORTED_SUFFIXES) == {".txt", ".md", ".html", ".htm", ".json", ".jsonl"}


def test_missing_root_is_bad_input_that_says_what_to_do(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(BadInput) as caught:
        list_corpus_files(missing)
    assert_bad(caught.value, missing, "no such folder", "CORPUS_DIR")


def test_root_that_is_a_file_is_bad_input(tmp_path):
    file_root = write(tmp_path / "article.txt", STORY)
    with pytest.raises(BadInput) as caught:
        list_corpus_files(file_root)
    assert_bad(caught.value, file_root, "not a folder")


# formats


def test_text_file_is_one_document_with_file_time(tmp_path):
    path = write(tmp_path / "story.txt", STORY)
    os.utime(path, (1_700_000_000, 1_700_000_000))
    [raw] = read_file(path)
    assert raw == RawDocument(path=str(path), text=STORY, mtime=1_700_000_000, fmt="txt")


def test_utf8_bom_is_dropped_and_utf16_with_bom_is_read(tmp_path):
    bom8 = write(tmp_path / "bom8.txt", b"\xef\xbb\xbf" + "Café owners in Velmora reopened.".encode())
    bom16 = write(tmp_path / "bom16.txt", "Zoë counted the boats.".encode("utf-16"))
    assert read_file(bom8)[0].text == "Café owners in Velmora reopened."
    assert read_file(bom16)[0].text == "Zoë counted the boats."


def test_json_object_is_one_document_with_its_metadata(tmp_path):
    record = {
        "title": "Fleet returns",
        "content": STORY,
        "published": "2025-09-02",
        "source": "Coastal Ledger",
        "url": "https://ledger.example.org/a",
    }
    path = write(tmp_path / "one.json", json.dumps(record))
    [raw] = read_file(path)
    assert (raw.path, raw.title, raw.text, raw.published, raw.source, raw.url, raw.fmt) == (
        str(path),
        "Fleet returns",
        STORY.strip(),
        "2025-09-02",
        "Coastal Ledger",
        "https://ledger.example.org/a",
        "json",
    )


@pytest.mark.parametrize("authors", [["Dana Whitlock", "Omar Reyes"], "Dana Whitlock; Omar Reyes"])
def test_a_json_records_authors_reach_the_document(tmp_path, authors):
    from briefings.clean import clean_document

    record = {"title": "Fleet returns", "content": STORY, "authors": authors}
    [raw] = read_file(write(tmp_path / "one.json", json.dumps(record)))
    assert raw.authors == ("Dana Whitlock", "Omar Reyes")
    assert clean_document(raw).authors == ("Dana Whitlock", "Omar Reyes")


def test_json_list_records_get_indexed_paths(tmp_path):
    path = write(tmp_path / "many.json", json.dumps([{"text": "First report text."}, {"text": "Second report text."}]))
    raws = read_file(path)
    assert [r.path for r in raws] == [f"{path}#0", f"{path}#1"]
    assert [r.text for r in raws] == ["First report text.", "Second report text."]


def test_jsonl_one_record_per_line_blank_lines_ignored(tmp_path):
    lines = [
        json.dumps({"title": "A", "text": "Alpha story."}),
        "",
        json.dumps({"title": "B", "content": "Beta story."}),
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    raws = read_file(path)
    assert [(r.path, r.title, r.text, r.fmt) for r in raws] == [
        (f"{path}#0", "A", "Alpha story.", "jsonl"),
        (f"{path}#1", "B", "Beta story.", "jsonl"),
    ]


def test_json_record_without_text_is_skipped_when_others_have_text(tmp_path):
    path = write(tmp_path / "mixed.json", json.dumps([{"title": "no body"}, {"text": "Body here."}]))
    assert [r.path for r in read_file(path)] == [f"{path}#1"]


def test_json_without_any_text_is_bad_input(tmp_path):
    path = write(tmp_path / "notext.json", json.dumps([{"title": "only a title"}, {"url": "https://x.example"}]))
    with pytest.raises(BadInput) as caught:
        read_file(path)
    assert_bad(caught.value, path, '"text"')


def test_json_that_is_not_an_object_is_bad_input(tmp_path):
    path = write(tmp_path / "numbers.json", "[1, 2, 3]")
    with pytest.raises(BadInput) as caught:
        read_file(path)
    assert caught.value.path == f"{path}#0"
    assert "not an object" in caught.value.reason


def test_malformed_json_reports_line_and_column(tmp_path):
    path = write(tmp_path / "broken.json", '{\n  "title": "x",\n  "text": "unterminated\n}')
    with pytest.raises(BadInput) as caught:
        read_file(path)
    assert_bad(caught.value, path, "not valid JSON", "line 3", "column")


def test_malformed_jsonl_keeps_the_good_records_and_reports_the_bad_line(tmp_path):
    good = json.dumps({"text": "fine"})
    path = write(tmp_path / "broken.jsonl", good + "\n{not json}\n" + good.replace("fine", "also fine") + "\n")
    problems: list[BadInput] = []
    docs = read_file(path, problems=problems)
    assert [(d.path, d.text) for d in docs] == [(f"{path}#0", "fine"), (f"{path}#2", "also fine")]
    assert [p.path for p in problems] == [str(path)] and "line 2" in problems[0].reason


def test_jsonl_with_only_bad_lines_is_refused_naming_the_first(tmp_path):
    path = write(tmp_path / "broken.jsonl", "{not json}\n[1,\n")
    with pytest.raises(BadInput) as caught:
        read_file(path)
    assert_bad(caught.value, path, "line 1", "not valid JSON")


def test_json_nested_too_deep_is_refused_not_a_crash(tmp_path):
    depth = 100_000  # far past Python's recursion limit
    deep = write(tmp_path / "deep.json", "[" * depth + "]" * depth)
    with pytest.raises(BadInput) as caught:
        read_file(deep)
    assert_bad(caught.value, deep, "too deeply")
    lines = write(tmp_path / "deep.jsonl", json.dumps({"text": "kept"}) + "\n" + "[" * depth + "]" * depth + "\n")
    problems: list[BadInput] = []
    assert [d.text for d in read_file(lines, problems=problems)] == ["kept"]
    assert "line 2" in problems[0].reason


def test_a_fifo_is_refused_before_it_is_opened(tmp_path):
    fifo = tmp_path / "corpus" / "pipe.txt"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    with pytest.raises(BadInput) as caught:
        checked_entry(fifo, fifo.parent)
    assert_bad(caught.value, fifo, "not a regular file")
    with pytest.raises(BadInput, match="not a regular file"):
        read_file(fifo)


def test_a_symlink_loop_is_refused_by_name(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    with pytest.raises(BadInput) as caught:
        checked_entry(tmp_path / "a.txt", tmp_path)
    assert_bad(caught.value, tmp_path / "a.txt", "loop")


def test_a_link_out_of_the_folder_is_refused_unless_allowed(tmp_path):
    outside = write(tmp_path / "outside" / "secret.txt", STORY)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "leak.txt").symlink_to(outside)
    (corpus / "inside.txt").symlink_to(write(corpus / "sub" / "real.txt", STORY))
    with pytest.raises(BadInput) as caught:
        checked_entry(corpus / "leak.txt", corpus)
    assert_bad(caught.value, corpus / "leak.txt", "outside the corpus folder", "ALLOW_OUTSIDE_LINKS")
    assert checked_entry(corpus / "leak.txt", corpus, allow_outside_links=True).st_size == len(STORY)
    assert checked_entry(corpus / "inside.txt", corpus).st_size == len(STORY)
    read = [item for item in iter_raw_documents(corpus) if isinstance(item, RawDocument)]
    assert sorted(Path(d.path).name for d in read) == ["inside.txt", "real.txt"]


def test_control_characters_and_terminal_escapes_are_stripped_from_every_field(tmp_path):
    record = {
        "title": "Clear\x1b[2J title",
        "text": "Line one\x07 here.\x1b]0;owned\x07\nLine two\x00.",
        "source": "A\x9bB",
    }
    (doc,) = read_file(write(tmp_path / "feed.json", json.dumps(record)))
    assert (doc.title, doc.text, doc.source) == ("Clear title", "Line one here.\nLine two.", "AB")
    (txt,) = read_file(write(tmp_path / "plain.txt", "Hello\x1b[31m red\x1b[0m world.\r\nNext\rline\x0cpage.\n"))
    assert txt.text == "Hello red world.\nNext\nline\npage.\n"


def test_html_main_text_and_metadata_come_from_trafilatura(tmp_path):
    path = write(tmp_path / "page.html", ARTICLE_HTML)
    [raw] = read_file(path)
    assert raw.fmt == "html"
    assert "forty fishing boats" in raw.text and "rather be safe than sorry" in raw.text
    assert "Warnings came late" in raw.text.split("\n")
    assert "Privacy policy" not in raw.text and "Sport" not in raw.text
    assert (raw.title or "").startswith("Storm sends fleet home early")
    assert raw.published == "2025-09-04"
    assert raw.source == "The Coastal Ledger"
    assert raw.url == "https://ledger.example.org/news/storm-fleet"


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Nothing</title></head><body></body></html>",
        "<html><body><script>var a = 1;</script></body></html>",
        "<html><body><nav><a href='/'>Home</a></nav>",
    ],
)
def test_html_without_main_text_is_bad_input(tmp_path, html):
    path = write(tmp_path / "empty.htm", html)
    with pytest.raises(BadInput) as caught:
        read_file(path)
    assert_bad(caught.value, path, "no article text")


def test_markdown_front_matter_and_markup(tmp_path):
    text = (
        '---\ntitle: "Fleet returns"\ndate: 2025-09-02\nsource: Coastal Ledger\n---\n'
        "# Fleet returns early\n\nThe **mayor** said the [warning](https://x.example) came late.\n"
        "* Boats: forty\n> Captains were relieved.\n![chart](chart.png)\n"
    )
    [raw] = read_file(write(tmp_path / "note.md", text))
    assert (raw.title, raw.published, raw.source, raw.fmt) == ("Fleet returns", "2025-09-02", "Coastal Ledger", "md")
    lines = [line for line in raw.text.split("\n") if line]
    assert lines == [
        "Fleet returns early",
        "The mayor said the warning came late.",
        "- Boats: forty",
        "Captains were relieved.",
    ]


# broken files


def test_binary_file_with_nul_bytes(tmp_path):
    path = write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(BadInput) as caught:
        read_file(path)
    assert_bad(caught.value, path, "binary", "NUL")


def test_binary_file_of_control_bytes(tmp_path):
    path = write(tmp_path / "blob.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 100)
    with pytest.raises(BadInput) as caught:
        read_file(path)
    assert_bad(caught.value, path, "binary", "control bytes")


@pytest.mark.parametrize("data", [b"\xff\xfe\x00\x00garbage", b"\xff\xfe\x00\x00binary"])
def test_bytes_behind_a_utf16_mark_that_are_not_text(tmp_path, data):
    path = write(tmp_path / "fake16.txt", data)
    with pytest.raises(BadInput) as caught:
        read_file(path)
    assert_bad(caught.value, path, "UTF-16", "UTF-8")


@pytest.mark.parametrize("content", ["", "   \n\t\n  \n"])
def test_empty_or_whitespace_file(tmp_path, content):
    path = write(tmp_path / "blank.txt", content)
    with pytest.raises(BadInput) as caught:
        read_file(path)
    assert_bad(caught.value, path, "empty")


def test_invalid_utf8_names_the_byte_offset(tmp_path):
    data = b"Good line one.\nCaf" + b"\xe9 au lait\n"
    path = write(tmp_path / "latin1.txt", data)
    offset = data.index(bytes([0xE9]))
    with pytest.raises(BadInput) as caught:
        read_file(path)
    assert_bad(caught.value, path, "not valid UTF-8", f"offset {offset}", "line 2", "0xe9")


def test_file_over_the_size_limit_names_size_and_setting(tmp_path):
    path = write(tmp_path / "big.txt", "word " * 300)
    with pytest.raises(BadInput) as caught:
        read_file(path, max_bytes=1000)
    assert_bad(caught.value, path, "1500 bytes", "MAX_FILE_BYTES=1000")


def test_50_megabyte_file_is_refused_under_the_default_limit_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(BadInput) as caught:
        read_file(path)
    assert_bad(caught.value, path, "50.0 MB", "MAX_FILE_BYTES=10485760")


def test_dangling_symlink(tmp_path):
    path = tmp_path / "gone.txt"
    path.symlink_to(tmp_path / "deleted-target.txt")
    with pytest.raises(BadInput) as caught:
        read_file(path)
    assert_bad(caught.value, path, "symbolic link", "does not exist")


def test_directory_named_like_a_text_file(tmp_path):
    path = tmp_path / "folder.txt"
    path.mkdir()
    with pytest.raises(BadInput) as caught:
        read_file(path)
    assert_bad(caught.value, path, "is a folder")


def test_iter_raw_documents_reports_broken_files_and_goes_on(tmp_path):
    good = [write(tmp_path / "a_good.txt", STORY), write(tmp_path / "z_good.jsonl", json.dumps({"text": "Feed item."}))]
    broken = {
        write(tmp_path / "binary.txt", b"abc\x00def"): "binary",
        write(tmp_path / "empty.md", ""): "empty",
        write(tmp_path / "latin1.txt", b"caf\xe9"): "UTF-8",
        write(tmp_path / "bad.json", "{oops"): "JSON",
        write(tmp_path / "nav.html", "<html><body></body></html>"): "no article text",
        write(tmp_path / "large.txt", "x" * 5000): "MAX_FILE_BYTES",
    }
    dangling = tmp_path / "m_link.txt"
    dangling.symlink_to(tmp_path / "missing")
    broken[dangling] = "symbolic link"
    results = list(iter_raw_documents(tmp_path, max_bytes=4000))
    failures = {f.path: f.reason for f in results if isinstance(f, BadInput)}
    documents = [r for r in results if isinstance(r, RawDocument)]
    assert set(failures) == {str(p) for p in broken}
    for path, word in broken.items():
        assert word.lower() in failures[str(path)].lower()
    assert [d.path for d in documents] == [str(good[0]), f"{good[1]}#0"]
