"""Read a corpus folder (txt, md, html, json, jsonl) into RawDocuments, one per article."""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import stat as stat_kind
from collections.abc import Iterator
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from briefings.clean import split_names
from briefings.errors import BadInput, printable
from briefings.models import RawDocument

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
TEXT_KEYS = ("text", "content", "body")
TITLE_KEYS = ("title", "headline")
PUBLISHED_KEYS = ("published", "date", "published_at", "pubDate", "datePublished")
SOURCE_KEYS = ("source", "outlet", "publisher", "site_name", "sitename")
URL_KEYS = ("url", "link")
CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\v") + b"\x7f"
MAX_CONTROL_SHARE = 0.1
OUTSIDE_FOLDER_LINK = (
    "is a symbolic link to a folder outside the corpus folder; it is not read "
    "(move the articles into the folder, or set ALLOW_OUTSIDE_LINKS=1 to follow such links)"
)
TOO_DEEP = "nests JSON too deeply to be read (an article record is a flat object); fix or remove it"
TERMINAL_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]|[\r\x0b\x0c]")
BREAK_LIKE = re.compile(r"\r\n?|[\x0b\x0c]")  # a lone CR would move a terminal's cursor back over a printed line
SENTENCE_LIKE = re.compile(r"\w+(?:\s+\S+){3,}?[.!?…][\"”’)]*(?:\s|$)")


def list_corpus_files(root: Path, follow_links: bool = False) -> list[Path]:
    """Supported files under `root`, recursively and sorted, skipping hidden files and folders.

    Linked folders are followed only when asked (ALLOW_OUTSIDE_LINKS), and no folder is walked twice."""
    root = _checked_root(root)
    found, walked = [], set()
    for folder, dirnames, filenames in os.walk(root, followlinks=follow_links):
        real = os.path.realpath(folder)
        if real in walked:  # a link back into the tree: its files are listed once, under their first path
            dirnames[:] = []
            continue
        walked.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            path = Path(folder) / name
            if not name.startswith(".") and path.suffix.lower() in SUPPORTED_SUFFIXES:
                found.append(path)
    return sorted(found)


def linked_folders_outside(root: Path) -> list[BadInput]:
    """Links to folders outside `root`, which are not walked: one BadInput each, so the user learns of them."""
    root, inside = Path(root), Path(os.path.realpath(root))
    refused = []
    for folder, dirnames, _ in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in dirnames:
            path = Path(folder) / name
            if path.is_symlink() and not Path(os.path.realpath(path)).is_relative_to(inside):
                refused.append(BadInput(str(path), OUTSIDE_FOLDER_LINK))
    return refused


def _checked_root(root: Path) -> Path:
    root = Path(root)
    if not root.is_dir():
        what = "is not a folder" if root.exists() else "no such folder"
        raise BadInput(
            str(root), f"{what}; point CORPUS_DIR (or the command's folder argument) at the folder holding the articles"
        )
    return root


def iter_raw_documents(
    root: Path, max_bytes: int = DEFAULT_MAX_BYTES, allow_outside_links: bool = False
) -> Iterator[RawDocument | BadInput]:
    """Every article under `root`; a broken file is yielded as its BadInput so the caller can report it and go on."""
    for path in list_corpus_files(root):
        problems: list[BadInput] = []
        try:
            checked_entry(path, root, allow_outside_links)
            yield from read_file(path, max_bytes=max_bytes, problems=problems)
        except BadInput as failure:
            log.warning("skipped %s", failure)
            yield failure
        yield from problems


def checked_entry(path: Path, root: Path, allow_outside_links: bool = False) -> os.stat_result:
    """The stat of a corpus entry that may be read: a regular file, not a link loop, inside `root` unless allowed.

    Checked before the file is opened, so a FIFO cannot block the reader and a link cannot leak another file."""
    try:
        info = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise BadInput(str(path), "is a symbolic link loop (it leads back to itself); remove the link") from None
        return _checked_missing(path, exc)
    if path.is_symlink() and not allow_outside_links:
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(Path(os.path.realpath(root))):
            raise BadInput(
                str(path),
                "is a symbolic link to a file outside the corpus folder; it is not read "
                "(copy the file into the folder, or set ALLOW_OUTSIDE_LINKS=1 to follow such links)",
            )
    if not stat_kind.S_ISREG(info.st_mode):
        what = "a folder" if stat_kind.S_ISDIR(info.st_mode) else "not a regular file (a FIFO, socket or device)"
        raise BadInput(str(path), f"is {what}; only regular files are read, rename or remove it")
    return info


def _checked_missing(path: Path, exc: OSError) -> os.stat_result:
    if isinstance(exc, FileNotFoundError):
        if path.is_symlink():
            raise BadInput(
                str(path), f"is a symbolic link to {os.readlink(path)}, which does not exist; fix or remove the link"
            ) from None
        raise BadInput(str(path), "does not exist (was it moved or deleted while reading?)") from None
    raise BadInput(str(path), f"cannot be read ({exc.strerror or exc})") from None


def read_file(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, problems: list[BadInput] | None = None
) -> list[RawDocument]:
    """The articles in one file; BadInput (path + reason) when it cannot be read as text articles.

    A JSON file whose other records are good keeps them: each bad record or line is added to `problems`."""
    path = Path(path)
    mtime = _checked_stat(path, max_bytes)
    text = strip_controls(_decode(path, _read_bytes(path)))
    if not text.strip():
        raise BadInput(str(path), "is empty (no text, or only whitespace); remove it or add the article text")
    return [_without_controls(raw) for raw in _read_articles(path, text, mtime, problems)]


def _read_articles(path: Path, text: str, mtime: float, problems: list[BadInput] | None) -> list[RawDocument]:
    fmt = _format_of(path)
    if fmt in ("json", "jsonl"):
        return _read_json_records(path, text, fmt, mtime, problems if problems is not None else [])
    if fmt == "html":
        return [_read_html(path, text, mtime)]
    if fmt == "md":
        return [_read_markdown(path, text, mtime)]
    return [RawDocument(path=str(path), text=text, mtime=mtime, fmt="txt")]


def strip_controls(text: str) -> str:
    """The text without terminal escape sequences and control characters: tabs and line feeds stay, carriage
    returns, vertical tabs and form feeds become line feeds."""
    return CONTROL_CHARS.sub("", BREAK_LIKE.sub("\n", TERMINAL_ESCAPE.sub("", text)))


def _without_controls(raw: RawDocument) -> RawDocument:
    """Every text field of the article cleaned of control characters (JSON escapes and HTML entities can hold them)."""
    changes: dict[str, Any] = {
        f.name: strip_controls(value)
        for f in fields(raw)
        if f.name != "path" and isinstance(value := getattr(raw, f.name), str) and CONTROL_CHARS.search(value)
    }
    return replace(raw, **changes) if changes else raw


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    return {"htm": "html", "markdown": "md"}.get(suffix, suffix if suffix in ("md", "html", "json", "jsonl") else "txt")


def _checked_stat(path: Path, max_bytes: int) -> float:
    """The file's mtime, after checking that it is a readable regular file within the size limit."""
    try:
        stat = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise BadInput(str(path), "is a symbolic link loop (it leads back to itself); remove the link") from None
        stat = _checked_missing(path, exc)
    if path.is_dir():
        raise BadInput(str(path), "is a folder, not a file; rename it so it does not end in a corpus file suffix")
    if not stat_kind.S_ISREG(stat.st_mode):
        raise BadInput(str(path), "is not a regular file (a FIFO, socket or device); only regular files are read")
    if stat.st_size > max_bytes:
        raise too_large(path, stat.st_size, max_bytes)
    return stat.st_mtime


def too_large(path: Path, size: int, max_bytes: int) -> BadInput:
    """The error of a file over MAX_FILE_BYTES, saying how to get past it."""
    return BadInput(
        str(path),
        f"is {_human_size(size)} ({size} bytes), over the {_human_size(max_bytes)} limit "
        f"(MAX_FILE_BYTES={max_bytes}); split the file or raise MAX_FILE_BYTES",
    )


def _human_size(size: int) -> str:
    scaled = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if scaled < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{scaled:.1f} {unit}"
        scaled /= 1024
    return f"{size} bytes"


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except PermissionError:
        raise BadInput(str(path), "permission denied; make the file readable (chmod +r) or remove it") from None
    except OSError as exc:
        raise BadInput(str(path), f"cannot be read ({exc.strerror or exc})") from None


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 text (a UTF-8 BOM is dropped, UTF-16 with a BOM is accepted); binary or other encodings are refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = "\x00"
        if "\x00" in text:
            raise BadInput(str(path), "starts with a UTF-16 mark but is not valid UTF-16 text; re-save it as UTF-8")
        return text
    _refuse_binary(path, data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise BadInput(
            str(path),
            f"is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}, line {line}); "
            "re-save it as UTF-8",
        ) from None


def _refuse_binary(path: Path, data: bytes) -> None:
    nul = data.find(b"\x00")
    if nul >= 0:
        raise BadInput(str(path), f"looks binary (NUL byte at offset {nul}); only text articles can be read")
    sample = data[:65536]
    controls = sum(sample.count(bytes([b])) for b in CONTROL_BYTES)
    if sample and controls / len(sample) > MAX_CONTROL_SHARE:
        raise BadInput(
            str(path),
            f"looks binary ({controls} control bytes in its first {len(sample)} bytes); only text articles can be read",
        )


def _read_json_records(path: Path, text: str, fmt: str, mtime: float, problems: list[BadInput]) -> list[RawDocument]:
    """One RawDocument per JSON object; record paths are `path#index` for lists and JSON Lines."""
    bad_lines: list[BadInput] = []
    records = _parse_jsonl(path, text, bad_lines) if fmt == "jsonl" else _parse_json(path, text)
    documents, missing, wrong = [], [], []
    for index, record in records:
        record_path = str(path) if index is None else f"{path}#{index}"
        if not isinstance(record, dict):
            wrong.append(BadInput(record_path, f'is a JSON {type(record).__name__}, not an object with a "text" field'))
            continue
        document = _record_document(record, record_path, fmt, mtime)
        if document is None:
            missing.append(record_path)
        else:
            documents.append(document)
    if not documents:
        first = (bad_lines + wrong)[:1]
        if first:
            raise first[0]
        raise BadInput(
            str(path), 'has no record with article text; each JSON object needs a "text" (or "content") field'
        )
    problems.extend(bad_lines + wrong)
    for record_path in missing:
        log.warning('%s: skipped, the record has no "text" or "content"', printable(record_path))
    return documents


def _parse_json(path: Path, text: str) -> list[tuple[int | None, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(str(path), f"is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise BadInput(str(path), TOO_DEEP) from None
    if isinstance(data, list):
        return list(enumerate(data))
    return [(None, data)]


def _parse_jsonl(path: Path, text: str, bad_lines: list[BadInput]) -> list[tuple[int | None, Any]]:
    """The records of the good lines; each bad line goes to `bad_lines` (the record numbers of the others stay)."""
    records: list[tuple[int | None, Any]] = []
    for index, (lineno, line) in enumerate(((n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip())):
        try:
            records.append((index, json.loads(line)))
        except json.JSONDecodeError as exc:
            bad_lines.append(
                BadInput(str(path), f"line {lineno} is not valid JSON ({exc.msg}, column {exc.colno}); it was skipped")
            )
        except RecursionError:
            bad_lines.append(BadInput(str(path), f"line {lineno} {TOO_DEEP}; it was skipped"))
    return records


def _record_document(record: dict, record_path: str, fmt: str, mtime: float) -> RawDocument | None:
    text = _first_text(record, TEXT_KEYS)
    if text is None:
        return None
    return RawDocument(
        path=record_path,
        text=text,
        title=_first_text(record, TITLE_KEYS),
        published=_first_text(record, PUBLISHED_KEYS),
        source=_first_text(record, SOURCE_KEYS),
        url=_first_text(record, URL_KEYS),
        mtime=mtime,
        fmt=fmt,
        authors=_authors(record.get("authors") or record.get("author")),
    )


def _authors(value: Any) -> tuple[str, ...]:
    """A record's authors, given as a list of names (or of {"name": ...}) or as one byline string."""
    if isinstance(value, str):
        return tuple(split_names(value))
    if isinstance(value, list):
        names = [v.get("name") if isinstance(v, dict) else v for v in value]
        return tuple(n.strip() for n in names if isinstance(n, str) and n.strip())
    return ()


def _first_text(record: dict, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, dict):
            value = value.get("name") or value.get("title")
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
    return None


def _read_html(path: Path, html: str, mtime: float) -> RawDocument:
    """The page's main text and metadata, extracted by trafilatura."""
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    data = extracted.as_dict() if extracted is not None and hasattr(extracted, "as_dict") else (extracted or {})
    text = (data.get("text") or "").strip()
    if not SENTENCE_LIKE.search(text):
        raise BadInput(
            str(path),
            "no article text could be extracted from this HTML page (empty, script-only or navigation-only page)",
        )
    return RawDocument(
        path=str(path),
        text=text,
        title=data.get("title") or None,
        published=data.get("date") or None,
        source=data.get("sitename") or None,
        url=data.get("url") or None,
        mtime=mtime,
        fmt="html",
    )


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n---[ \t]*\n", re.DOTALL)
MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
MD_EMPHASIS = re.compile(r"(?<!\w)(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1(?!\w)")
MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
MD_BULLET = re.compile(r"^\s*[*+]\s+")
MD_QUOTE = re.compile(r"^\s*>\s?")


def _read_markdown(path: Path, text: str, mtime: float) -> RawDocument:
    """Markdown as plain text: front matter becomes metadata, markup is dropped, the words are kept."""
    meta, body = _front_matter(text)
    lines = [_markdown_line(line) for line in body.splitlines()]
    headings = (MD_HEADING.match(line) for line in body.splitlines())
    first_heading = next((heading.group(1) for heading in headings if heading), None)
    return RawDocument(
        path=str(path),
        text="\n".join(lines),
        title=_first_text(meta, TITLE_KEYS) or first_heading,
        published=_first_text(meta, PUBLISHED_KEYS),
        source=_first_text(meta, SOURCE_KEYS),
        url=_first_text(meta, URL_KEYS),
        mtime=mtime,
        fmt="md",
    )


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = {}
    for line in match.group("body").splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip()] = value.strip().strip("\"'")
    return meta, text[match.end() :]


def _markdown_line(line: str) -> str:
    heading = MD_HEADING.match(line)
    if heading:
        line = heading.group(1)
    line = MD_BULLET.sub("- ", MD_QUOTE.sub("", line))
    line = MD_LINK.sub(r"\1", MD_IMAGE.sub("", line))
    return MD_EMPHASIS.sub(r"\2", line)
