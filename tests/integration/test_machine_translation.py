"""Machine drafts through deep-translator, against a real LibreTranslate-speaking HTTP server on
127.0.0.1 (and a DeepL-speaking one on the same server). Nothing leaves the machine: a guard
refuses any connection to another address."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from deep_translator.constants import BASE_URLS
from hypothesis import given, settings
from hypothesis import strategies as st

from governance.machine_translation import (
    DEFAULT_MAX_CHARS,
    MachineTranslationError,
    ProviderSettings,
    Reason,
    split_text,
    translate,
)

# --- A LibreTranslate (and DeepL) look-alike ---------------------------------------------------


@dataclass
class Received:
    method: str
    path: str
    query: dict[str, str]
    content_type: str
    fields: dict[str, str]  # query string, form body and JSON body together
    headers: dict[str, str] = field(default_factory=dict)


class FakeTranslationServer(ThreadingHTTPServer):
    """``POST /translate`` → ``{"translatedText": "[fr] TEXT IN CAPITALS"}``; ``POST
    /v2/translate`` the DeepL way; ``GET /languages``. ``script`` lists what to do for the next
    requests: "ok", an HTTP status, "empty", "blank", "no_text", "not_json" or ("sleep", s)."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.received: list[Received] = []
        self.script: list[Any] = []
        self.languages = {"en", "fr", "pt", "es", "ru"}
        self.deepl_key = "secret:fx"
        self.stopping = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    @property
    def translations(self) -> list[Received]:
        return list(self.received)  # GET /languages is not recorded


class _Handler(BaseHTTPRequestHandler):
    server: FakeTranslationServer

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _answer(self, status: int, body: Any, content_type: str = "application/json") -> None:
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self._handle("GET", "")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self._handle("POST", self.rfile.read(length).decode())

    def _handle(self, method: str, raw: str) -> None:
        parts = urlsplit(self.path)
        query = dict(parse_qsl(parts.query))
        content_type = self.headers.get("Content-Type", "")
        body = json.loads(raw) if "json" in content_type else dict(parse_qsl(raw))
        fields = {**query, **body}
        if parts.path == "/languages":
            langs = sorted(self.server.languages)
            self._answer(200, [{"code": c, "name": c, "targets": langs} for c in langs])
            return
        self.server.received.append(
            Received(method, parts.path, query, content_type, fields, dict(self.headers))
        )
        action = self.server.script.pop(0) if self.server.script else "ok"
        if isinstance(action, tuple) and action[0] == "sleep":
            if self.server.stopping.wait(action[1]):
                return
            action = "ok"
        if isinstance(action, int):
            self._answer(action, {"error": f"scripted {action}"})
        elif action == "no_text":
            self._answer(200, {"detectedLanguage": {"language": "en"}})
        elif action == "not_json":
            self._answer(200, "<html>", "text/html")
        elif parts.path == "/translate":
            self._libre(fields, action)
        elif parts.path == "/v2/translate":
            self._deepl(fields, action)
        elif parts.path == "/m":
            self._google(fields, action)
        elif parts.path == "/get":
            self._mymemory(fields, action)
        else:
            self._answer(404, {"error": "Not Found"})

    @staticmethod
    def _translation(text: str, target: str, action: str) -> str:
        return {"empty": "", "blank": "  \n "}.get(action, f"[{target}] {text.upper()}")

    def _libre(self, fields: dict[str, str], action: str) -> None:
        for code in (fields.get("source"), fields.get("target")):
            if code not in self.server.languages:
                self._answer(400, {"error": f"{code} is not supported"})
                return
        q = fields.get("q")
        if q is None:
            self._answer(400, {"error": "Invalid request: missing q parameter"})
            return
        self._answer(200, {"translatedText": self._translation(q, fields["target"], action)})

    def _deepl(self, fields: dict[str, str], action: str) -> None:
        if self.headers.get("Authorization") != f"DeepL-Auth-Key {self.server.deepl_key}":
            self._answer(403, {"message": "Wrong endpoint or key"})
            return
        text = self._translation(fields["text"], fields["target_lang"], action)
        self._answer(200, {"translations": [{"detected_source_language": "X", "text": text}]})

    def _google(self, fields: dict[str, str], action: str) -> None:
        text = self._translation(fields["q"], fields["tl"], action)
        page = f'<html><body><div class="result-container">{text}</div></body></html>'
        self._answer(200, page, "text/html")

    def _mymemory(self, fields: dict[str, str], action: str) -> None:
        target = fields["langpair"].split("|")[1]
        if action == "quota":
            warning = "MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY."
            answer = {"responseData": {"translatedText": warning}, "responseStatus": 429}
            self._answer(200, {**answer, "responseDetails": warning, "matches": []})
            return
        text = self._translation(fields["q"], target, action)
        self._answer(200, {"responseData": {"translatedText": text}, "responseStatus": 200})


@pytest.fixture
def server() -> Iterator[FakeTranslationServer]:
    fake = FakeTranslationServer()
    thread = threading.Thread(target=fake.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield fake
    fake.stopping.set()
    fake.shutdown()
    fake.server_close()
    thread.join(timeout=5)


@pytest.fixture(autouse=True)
def only_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy, and no connection anywhere but 127.0.0.1."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("all_proxy", raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> None:
        host = address[0] if isinstance(address, tuple) else address
        assert host in ("127.0.0.1", "::1"), f"test tried to reach {address!r}"
        connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


def libre(server: FakeTranslationServer, **overrides: Any) -> ProviderSettings:
    values: dict[str, Any] = {"provider": "libretranslate", "url": server.url, "timeout_s": 5.0}
    return ProviderSettings(**{**values, **overrides})


def failure(excinfo: pytest.ExceptionInfo[MachineTranslationError]) -> Reason:
    error = excinfo.value
    assert error.code == "machine_translation_failed"
    assert str(error) == f"Machine translation failed ({error.reason.value})."
    return error.reason


# --- Translating through LibreTranslate --------------------------------------------------------


def test_a_short_text_is_one_request(server: FakeTranslationServer) -> None:
    assert translate("The Plenary met.", "en", "fr", libre(server)) == "[fr] THE PLENARY MET."
    (request,) = server.translations
    assert request.path == "/translate"
    assert request.fields == {"q": "The Plenary met.", "source": "en", "target": "fr"} | {
        "format": "text"
    }


def test_the_text_goes_in_a_form_body_not_the_url(server: FakeTranslationServer) -> None:
    translate("Confidential draft.", "en", "ru", libre(server))
    (request,) = server.translations
    assert request.query == {}
    assert request.content_type == "application/x-www-form-urlencoded"


def test_a_url_without_trailing_slash_works(server: FakeTranslationServer) -> None:
    settings_ = libre(server, url=server.url.rstrip("/"))
    assert translate("Hello.", "en", "es", settings_) == "[es] HELLO."


def test_an_api_key_is_sent_only_when_there_is_one(server: FakeTranslationServer) -> None:
    translate("One.", "en", "fr", libre(server))
    translate("Two.", "en", "fr", libre(server, api_key="k-123"))
    first, second = server.translations
    assert "api_key" not in first.fields
    assert second.fields["api_key"] == "k-123"


def test_surrounding_whitespace_is_kept(server: FakeTranslationServer) -> None:
    assert translate("\n  Hello.  \n", "en", "fr", libre(server)) == "\n  [fr] HELLO.  \n"


def test_same_language_or_blank_text_makes_no_request(server: FakeTranslationServer) -> None:
    calls: list[tuple[int, int]] = []
    record = lambda d, t: calls.append((d, t))  # noqa: E731
    assert translate("Texte.", "fr", "FR", libre(server), record) == "Texte."
    assert translate("  \n\n ", "en", "fr", libre(server)) == "  \n\n "
    assert translate("", "en", "fr", libre(server)) == ""
    assert server.received == []
    assert calls == []


LONG_TEXT = "\n\n".join(
    [
        "Decision on the participation of a new applicant. " * 3,
        "The Plenary, recalling its earlier decisions, noted the report of the Working Group. "
        "It welcomed the progress made; it encouraged all Participants to continue. "
        "It asked the Chair to report back at the next meeting, in writing. " * 4,
        "Short paragraph.",
        "Annex:\n(a) first item of a list;\n(b) second item of the list.",
    ]
).strip()


def test_a_long_text_is_split_at_paragraphs_and_sentences(server: FakeTranslationServer) -> None:
    calls: list[tuple[int, int]] = []
    result = translate(
        LONG_TEXT, "en", "pt", libre(server, max_chars=200), lambda d, t: calls.append((d, t))
    )
    sent = [r.fields["q"] for r in server.translations]
    assert len(sent) > 4
    assert all(len(q) <= 200 for q in sent)
    assert not any("\n\n" in q for q in sent)  # a request never spans two paragraphs
    assert all(q == q.strip() for q in sent)
    # Each paragraph comes back in its place, made of its own pieces.
    original = LONG_TEXT.split("\n\n")
    translated = result.split("\n\n")
    assert len(translated) == len(original)
    for before, after in zip(original, translated, strict=True):
        assert after.startswith("[pt] ")
        assert after.replace("[pt] ", "") == before.upper()
    assert result.count("\n") == LONG_TEXT.count("\n")
    # Sentences stay whole where they can.
    assert "IT WELCOMED THE PROGRESS MADE; IT ENCOURAGED ALL PARTICIPANTS TO CONTINUE." in result
    assert calls == [(n, len(sent)) for n in range(1, len(sent) + 1)]


def test_the_default_limit_sends_one_request_per_paragraph(server: FakeTranslationServer) -> None:
    assert DEFAULT_MAX_CHARS["libretranslate"] >= len(max(LONG_TEXT.split("\n\n"), key=len))
    translate(LONG_TEXT, "en", "fr", libre(server))
    assert len(server.translations) == 4


def test_progress_stops_at_the_first_failure(server: FakeTranslationServer) -> None:
    server.script = ["ok", 503]
    calls: list[tuple[int, int]] = []
    with pytest.raises(MachineTranslationError) as excinfo:
        translate("A.\n\nB.\n\nC.", "en", "fr", libre(server), lambda d, t: calls.append((d, t)))
    assert failure(excinfo) == Reason.SERVER_ERROR
    assert calls == [(1, 3)]
    assert len(server.translations) == 2


# --- Every way it can fail -------------------------------------------------------------------


def test_nothing_listening_is_unreachable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings_ = ProviderSettings(url=f"http://127.0.0.1:{port}/", timeout_s=2)
    with pytest.raises(MachineTranslationError) as excinfo:
        translate("Hello.", "en", "fr", settings_)
    assert failure(excinfo) == Reason.UNREACHABLE


def test_a_server_slower_than_the_timeout_times_out(server: FakeTranslationServer) -> None:
    server.script = [("sleep", 5)]
    started = time.monotonic()
    with pytest.raises(MachineTranslationError) as excinfo:
        translate("Hello.", "en", "fr", libre(server, timeout_s=0.5))
    assert failure(excinfo) == Reason.TIMEOUT
    assert time.monotonic() - started < 3


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (429, Reason.RATE_LIMITED),
        (500, Reason.SERVER_ERROR),
        (502, Reason.SERVER_ERROR),
        (503, Reason.SERVER_ERROR),
        (403, Reason.UNAUTHORIZED),
        (413, Reason.TOO_LONG),
        (400, Reason.REJECTED),
    ],
)
def test_an_http_error_names_its_reason(
    server: FakeTranslationServer, status: int, reason: Reason
) -> None:
    server.script = [status]
    with pytest.raises(MachineTranslationError) as excinfo:
        translate("Hello.", "en", "fr", libre(server))
    assert failure(excinfo) == reason
    assert excinfo.value.params["status"] == status
    assert f"scripted {status}" in excinfo.value.params["detail"]


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ("empty", Reason.EMPTY_ANSWER),
        ("blank", Reason.EMPTY_ANSWER),
        ("no_text", Reason.BAD_ANSWER),
        ("not_json", Reason.BAD_ANSWER),
    ],
)
def test_an_unusable_answer_is_an_error(
    server: FakeTranslationServer, answer: str, reason: Reason
) -> None:
    server.script = [answer]
    with pytest.raises(MachineTranslationError) as excinfo:
        translate("Hello.", "en", "fr", libre(server))
    assert failure(excinfo) == reason


def test_a_word_longer_than_the_limit_is_too_long(server: FakeTranslationServer) -> None:
    text = "See the annex at https://example.org/" + "x" * 80 + " for details."
    with pytest.raises(MachineTranslationError) as excinfo:
        translate(text, "en", "fr", libre(server, max_chars=50))
    assert failure(excinfo) == Reason.TOO_LONG
    assert excinfo.value.params["limit"] == 50
    assert server.received == []


@pytest.mark.parametrize(("source", "target"), [("en", "de"), ("xx", "fr"), ("en", "")])
def test_a_language_that_is_not_official_is_refused(
    server: FakeTranslationServer, source: str, target: str
) -> None:
    with pytest.raises(MachineTranslationError) as excinfo:
        translate("Hello.", source, target, libre(server))
    assert failure(excinfo) == Reason.UNSUPPORTED_LANGUAGE
    assert server.received == []


def test_a_language_the_server_lacks_is_unsupported(server: FakeTranslationServer) -> None:
    server.languages = {"en", "fr"}
    with pytest.raises(MachineTranslationError) as excinfo:
        translate("Hello.", "en", "ru", libre(server))
    assert failure(excinfo) == Reason.UNSUPPORTED_LANGUAGE
    assert excinfo.value.params["status"] == 400


def test_libretranslate_without_a_url_is_misconfigured() -> None:
    with pytest.raises(MachineTranslationError) as excinfo:
        translate("Hello.", "en", "fr", ProviderSettings())
    assert failure(excinfo) == Reason.MISCONFIGURED
    with pytest.raises(MachineTranslationError) as excinfo:
        translate("Hello.", "en", "fr", ProviderSettings(url="127.0.0.1:5000"))
    assert failure(excinfo) == Reason.MISCONFIGURED


# --- DeepL, pointed at the same server -------------------------------------------------------


def deepl(server: FakeTranslationServer, key: str = "secret:fx") -> ProviderSettings:
    return ProviderSettings(provider="deepl", url=server.url + "v2/", api_key=key, timeout_s=5)


def test_deepl_is_called_by_post_with_the_key_in_a_header(server: FakeTranslationServer) -> None:
    assert translate("Bonjour.", "fr", "en", deepl(server)) == "[EN-GB] BONJOUR."
    assert translate("Hello.", "en", "pt", deepl(server)) == "[PT-PT] HELLO."
    first = server.translations[0]
    assert first.path == "/v2/translate"
    assert first.query == {}
    assert "auth_key" not in first.fields
    assert first.fields == {"text": "Bonjour.", "source_lang": "fr", "target_lang": "EN-GB"}


def test_deepl_with_a_wrong_key_is_unauthorized(server: FakeTranslationServer) -> None:
    with pytest.raises(MachineTranslationError) as excinfo:
        translate("Hello.", "en", "fr", deepl(server, key="wrong"))
    assert failure(excinfo) == Reason.UNAUTHORIZED


def test_deepl_quota_and_empty_answers(server: FakeTranslationServer) -> None:
    server.script = [456, "empty"]
    with pytest.raises(MachineTranslationError) as excinfo:
        translate("Hello.", "en", "fr", deepl(server))
    assert failure(excinfo) == Reason.RATE_LIMITED
    with pytest.raises(MachineTranslationError) as excinfo:
        translate("Hello.", "en", "fr", deepl(server))
    assert failure(excinfo) == Reason.EMPTY_ANSWER


def test_deepl_without_a_key_is_misconfigured() -> None:
    with pytest.raises(MachineTranslationError) as excinfo:
        translate("Hello.", "en", "fr", ProviderSettings(provider="deepl"))
    assert failure(excinfo) == Reason.MISCONFIGURED


# --- Google and MyMemory, their fixed addresses pointed at the same server -------------------


@pytest.fixture
def web(server: FakeTranslationServer, monkeypatch: pytest.MonkeyPatch) -> FakeTranslationServer:
    monkeypatch.setitem(BASE_URLS, "GOOGLE_TRANSLATE", server.url + "m")
    monkeypatch.setitem(BASE_URLS, "MYMEMORY", server.url + "get")
    return server


def test_google_through_its_web_page(web: FakeTranslationServer) -> None:
    settings_ = ProviderSettings("google", timeout_s=5)
    assert translate("Hello.\n\nBye.", "en", "es", settings_) == "[es] HELLO.\n\n[es] BYE."
    assert [r.fields["q"] for r in web.translations] == ["Hello.", "Bye."]
    assert web.translations[0].fields["sl"] == "en"
    web.script = [429, 500, "empty"]
    for reason in (Reason.RATE_LIMITED, Reason.SERVER_ERROR, Reason.EMPTY_ANSWER):
        with pytest.raises(MachineTranslationError) as excinfo:
            translate("Hello.", "en", "fr", settings_)
        assert failure(excinfo) == reason


def test_google_times_out(web: FakeTranslationServer) -> None:
    web.script = [("sleep", 5)]
    with pytest.raises(MachineTranslationError) as excinfo:
        translate("Hello.", "en", "fr", ProviderSettings("google", timeout_s=0.5))
    assert failure(excinfo) == Reason.TIMEOUT


def test_mymemory_with_its_regional_codes(web: FakeTranslationServer) -> None:
    settings_ = ProviderSettings("mymemory", timeout_s=5)
    assert translate("Olá.", "pt", "ru", settings_) == "[ru-RU] OLÁ."
    assert web.translations[0].fields["langpair"] == "pt-PT|ru-RU"


def test_mymemory_quota_and_empty_answers(web: FakeTranslationServer) -> None:
    settings_ = ProviderSettings("mymemory", timeout_s=5)
    web.script = ["quota", "empty", 503]
    for reason in (Reason.RATE_LIMITED, Reason.EMPTY_ANSWER, Reason.SERVER_ERROR):
        with pytest.raises(MachineTranslationError) as excinfo:
            translate("Hello.", "en", "fr", settings_)
        assert failure(excinfo) == reason


# --- Settings ----------------------------------------------------------------------------------


def test_settings_from_the_environment() -> None:
    settings_ = ProviderSettings.from_env(
        {
            "PLENARY_MT_PROVIDER": "DeepL",
            "PLENARY_MT_URL": "https://api.deepl.com/v2/",
            "PLENARY_MT_API_KEY": "abc",
            "PLENARY_MT_TIMEOUT": "7.5",
            "PLENARY_MT_MAX_CHARS": "1500",
        }
    )
    assert settings_ == ProviderSettings("deepl", "https://api.deepl.com/v2/", "abc", 7.5, 1500)
    assert ProviderSettings.from_env({"PLENARY_MT_URL": " "}) == ProviderSettings()


@pytest.mark.parametrize(
    "env",
    [
        {"PLENARY_MT_PROVIDER": "babelfish"},
        {"PLENARY_MT_TIMEOUT": "soon"},
        {"PLENARY_MT_TIMEOUT": "0"},
        {"PLENARY_MT_MAX_CHARS": "0"},
        {"PLENARY_MT_MAX_CHARS": "2.5"},
    ],
)
def test_bad_settings_are_misconfigured(env: dict[str, str]) -> None:
    with pytest.raises(MachineTranslationError) as excinfo:
        ProviderSettings.from_env(env)
    assert failure(excinfo) == Reason.MISCONFIGURED


def test_the_limit_per_provider() -> None:
    assert ProviderSettings("google").effective_max_chars == 4999
    assert ProviderSettings("google", max_chars=10_000).effective_max_chars == 4999
    assert ProviderSettings("mymemory").effective_max_chars == 499
    assert ProviderSettings("libretranslate").effective_max_chars == 2000
    assert ProviderSettings("libretranslate", max_chars=300).effective_max_chars == 300
    assert ProviderSettings("deepl").effective_max_chars == 5000


# --- split_text ---------------------------------------------------------------------------------

BREAK = re.compile(r"[^\S\u00a0\u2007\u202f]+")
BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def test_a_text_that_fits_is_cut_only_at_paragraphs() -> None:
    text = "First paragraph.\nSame paragraph.\n\n  \nSecond paragraph."
    assert split_text(text, 1000) == [
        "First paragraph.\nSame paragraph.\n\n  \n",
        "Second paragraph.",
    ]
    assert split_text("", 10) == []
    assert split_text(" \n ", 10) == [" \n "]


def test_a_long_paragraph_is_cut_between_sentences_first() -> None:
    text = "One two three. Four five six. Seven eight nine."
    assert split_text(text, 30) == ["One two three. Four five six. ", "Seven eight nine."]


def test_an_abbreviation_is_not_a_sentence_end() -> None:
    text = "It noted e.g. the report. It closed."
    assert split_text(text, 26) == ["It noted e.g. the report. ", "It closed."]


def test_a_long_sentence_is_cut_after_clauses_then_between_words() -> None:
    text = "Recalling its decision, noting the report; it agreed"
    assert split_text(text, 25) == ["Recalling its decision, ", "noting the report; ", "it agreed"]
    assert split_text("aaa bbb ccc ddd", 7) == ["aaa bbb ", "ccc ddd"]


def test_a_no_break_space_is_not_a_place_to_cut() -> None:
    assert split_text("Quoi\u202f? Oui", 6) == ["Quoi\u202f? ", "Oui"]
    with pytest.raises(MachineTranslationError):
        split_text("Art.\u00a012345", 6)


def test_a_single_word_longer_than_the_limit_is_too_long() -> None:
    with pytest.raises(MachineTranslationError) as excinfo:
        split_text("short " + "x" * 11 + " short", 10)
    assert failure(excinfo) == Reason.TOO_LONG
    assert excinfo.value.params["length"] == 11
    with pytest.raises(ValueError):
        split_text("text", 0)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet="ab A1.,;!?«\n\t\u00a0\u202f", max_size=300),
    max_chars=st.integers(min_value=1, max_value=40),
)
def test_pieces_rejoin_to_the_text_and_respect_the_limit(text: str, max_chars: int) -> None:
    too_long_word = any(len(word.strip()) > max_chars for word in BREAK.split(text))
    try:
        pieces = split_text(text, max_chars)
    except MachineTranslationError as error:
        assert error.reason == Reason.TOO_LONG
        assert too_long_word
        return
    assert not too_long_word
    assert "".join(pieces) == text
    for piece in pieces:
        assert len(piece.strip()) <= max_chars
        assert not BLANK_LINE.search(piece.strip())
    for piece in pieces[:-1]:
        assert BREAK.fullmatch(piece[-1])  # cut after breaking whitespace, never inside a word
