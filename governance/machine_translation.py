"""Machine drafts of a text in another official language, through ``deep-translator``.

A machine draft is only ever a starting point for a translator (see ``rules.translation``); this
module fetches one. :func:`translate` cuts the text into pieces a provider accepts
(:func:`split_text`), translates them one request at a time and puts them back together with the
original paragraph breaks. Every failure is a :class:`MachineTranslationError` with a ``reason``.

How ``deep-translator`` (1.11) is used, and where it needs help:

* None of its translators takes a timeout, and they call the module-level ``requests.get`` /
  ``requests.post`` themselves. Rather than patch anything global, each call runs a copy of the
  translator's ``translate`` function whose ``requests`` name points at a :class:`_Transport`
  (a ``requests.Session`` with our timeout). Nothing shared is modified.
* The transport also keeps the last HTTP response, because deep-translator's exceptions drop the
  status code (``ServerException`` keeps only a label, Google and MyMemory raise a bare
  ``RequestError``).
* ``LibreTranslator`` puts the text in the query string of its ``POST /translate``; the transport
  sends the same fields as a form body instead (no URL length limit, no text in access logs).
* ``DeeplTranslator`` still sends ``GET /v2/translate?auth_key=…``, which DeepL refuses since
  January 2026; the transport sends ``POST`` with an ``Authorization: DeepL-Auth-Key`` header.
"""

from __future__ import annotations

import logging
import os
import re
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import requests
from deep_translator import (
    DeeplTranslator,
    GoogleTranslator,
    LibreTranslator,
    MyMemoryTranslator,
)
from deep_translator.exceptions import (
    ApiKeyException,
    InvalidSourceOrTargetLanguage,
    LanguageNotSupportedException,
    NotValidLength,
    TranslationNotFound,
)

from governance.rules.errors import N_, PlenaryError

log = logging.getLogger(__name__)

OFFICIAL_LANGUAGES: tuple[str, ...] = ("en", "fr", "pt", "es", "ru")
PROVIDERS: tuple[str, ...] = ("google", "libretranslate", "mymemory", "deepl")

# Characters per request. deep-translator refuses ``len(text) >= 5000`` for Google and ``>= 500``
# for MyMemory (their web endpoints' limits), so those are hard ceilings. LibreTranslate has no
# limit of its own (a server may set ``--char-limit``); 2000 keeps each request quick on a small
# self-hosted instance. DeepL accepts request bodies up to 128 KiB; 5000 keeps progress granular.
DEFAULT_MAX_CHARS: dict[str, int] = {
    "google": 4999,
    "mymemory": 499,
    "libretranslate": 2000,
    "deepl": 5000,
}
HARD_MAX_CHARS: dict[str, int] = {"google": 4999, "mymemory": 499}

# Our codes in each provider's terms (deep-translator accepts these values as they are).
# DeepL's target must name a variant: bare EN and PT are deprecated as targets.
_SOURCE_CODES: dict[str, dict[str, str]] = {
    "google": {code: code for code in OFFICIAL_LANGUAGES},
    "libretranslate": {code: code for code in OFFICIAL_LANGUAGES},
    "deepl": {code: code for code in OFFICIAL_LANGUAGES},
    "mymemory": {"en": "en-GB", "fr": "fr-FR", "pt": "pt-PT", "es": "es-ES", "ru": "ru-RU"},
}
_DEEPL_TARGETS: dict[str, str] = {"en": "EN-GB", "fr": "FR", "pt": "PT-PT", "es": "ES", "ru": "RU"}


class Reason(StrEnum):
    """Why a machine translation failed (the ``reason`` of :class:`MachineTranslationError`)."""

    UNREACHABLE = "unreachable"  # connection refused, unknown host, network down
    TIMEOUT = "timeout"  # no answer within ``timeout_s``
    RATE_LIMITED = "rate_limited"  # HTTP 429 (DeepL 456: quota used up; MyMemory daily quota)
    SERVER_ERROR = "server_error"  # HTTP 5xx
    UNAUTHORIZED = "unauthorized"  # HTTP 401/403: missing or wrong API key
    REJECTED = "rejected"  # another 4xx: the service refused the request
    EMPTY_ANSWER = "empty_answer"  # nothing came back for a non-empty piece
    BAD_ANSWER = "bad_answer"  # an answer that could not be read
    TOO_LONG = "too_long"  # a word longer than the limit, or HTTP 413/414
    UNSUPPORTED_LANGUAGE = "unsupported_language"  # not an official language, or not offered
    MISCONFIGURED = "misconfigured"  # unknown provider, missing URL or key, bad setting


class MachineTranslationError(PlenaryError):
    """No machine draft could be made; ``reason`` says why, ``detail`` (if any) says more."""

    code = "machine_translation_failed"
    template = N_("Machine translation failed ({reason}).")

    def __init__(self, reason: Reason | str, /, **params: Any) -> None:
        self.reason = Reason(reason)
        super().__init__(reason=self.reason.value, **params)


@dataclass(frozen=True)
class ProviderSettings:
    """Which service makes machine drafts, and how it is reached."""

    provider: str = "libretranslate"  # "google" (no key), "libretranslate", "mymemory", "deepl"
    url: str | None = None  # LibreTranslate base URL (http://127.0.0.1:5000/); DeepL: …/v2/
    api_key: str | None = None  # DeepL key (":fx" keys use the free API) / LibreTranslate key
    timeout_s: float = 20.0  # per HTTP request (connecting, and waiting for the answer)
    max_chars: int | None = None  # per request; None: DEFAULT_MAX_CHARS[provider]

    def __post_init__(self) -> None:
        if self.provider not in PROVIDERS:
            raise MachineTranslationError(
                Reason.MISCONFIGURED,
                detail=f"unknown provider {self.provider!r} (one of {', '.join(PROVIDERS)})",
            )
        if not self.timeout_s > 0:
            raise MachineTranslationError(Reason.MISCONFIGURED, detail="timeout must be positive")
        if self.max_chars is not None and self.max_chars < 1:
            raise MachineTranslationError(
                Reason.MISCONFIGURED, detail="max_chars must be at least 1"
            )

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> ProviderSettings:
        """Read ``PLENARY_MT_PROVIDER``, ``_URL``, ``_API_KEY``, ``_TIMEOUT`` and ``_MAX_CHARS``
        (unset or empty means the default)."""

        def value(name: str) -> str | None:
            text = env.get(f"PLENARY_MT_{name}", "").strip()
            return text or None

        def number(name: str, kind: Callable[[str], Any]) -> Any:
            text = value(name)
            if text is None:
                return None
            try:
                return kind(text)
            except ValueError:
                raise MachineTranslationError(
                    Reason.MISCONFIGURED, detail=f"PLENARY_MT_{name}={text!r} is not a number"
                ) from None

        timeout: float | None = number("TIMEOUT", float)
        max_chars: int | None = number("MAX_CHARS", int)
        return cls(
            provider=(value("PROVIDER") or cls.provider).lower(),
            url=value("URL"),
            api_key=value("API_KEY"),
            timeout_s=cls.timeout_s if timeout is None else timeout,
            max_chars=max_chars,
        )

    @property
    def effective_max_chars(self) -> int:
        """Characters per request: the setting, or the provider's default, within its ceiling."""
        limit = self.max_chars or DEFAULT_MAX_CHARS[self.provider]
        return min(limit, HARD_MAX_CHARS.get(self.provider, limit))


# --- Splitting --------------------------------------------------------------------------------

# Whitespace a line may break at: every kind but the no-break spaces (French puts U+202F or
# U+00A0 before ? ! : ; and inside « »; a piece must not end or begin there).
_BREAK = r"[^\S\u00a0\u2007\u202f]"
_CLOSERS = "\"'»”’)\\]"
_OPENERS = "\"'«“‘([¿¡"
_PARAGRAPH = re.compile(rf"\n[^\S\n]*\n{_BREAK}*")
_SENTENCE = re.compile(rf"[.!?…]+[{_CLOSERS}]*{_BREAK}+|{_BREAK}*\n{_BREAK}*")
_CLAUSE = re.compile(rf"[,;:—–]+[{_CLOSERS}]*{_BREAK}+")
_WORD = re.compile(rf"{_BREAK}+")
_EDGES = re.compile(r"(\s*)(.*?)(\s*)", re.DOTALL)


def _starts_sentence(text: str, at: int) -> bool:
    """After ``.``: a capital, a digit or an opening mark starts a sentence (not ``e.g. the``)."""
    after = text[at:]
    rest = after.lstrip(_OPENERS)
    return len(rest) < len(after) or not rest or rest[0].isupper() or rest[0].isdigit()


def _sentence_end(text: str, match: re.Match[str]) -> bool:
    return "\n" in match.group() or _starts_sentence(text, match.end())


def _cut(
    text: str, pattern: re.Pattern[str], accept: Callable[[str, re.Match[str]], bool] | None = None
) -> list[str]:
    """Cut after each separator ``pattern`` matches; each part keeps its trailing separator."""
    parts: list[str] = []
    start = 0
    for match in pattern.finditer(text):
        if match.end() >= len(text) or not text[start : match.start()].strip():
            continue
        if accept is None or accept(text, match):
            parts.append(text[start : match.end()])
            start = match.end()
    parts.append(text[start:])
    return parts


def _sentences(text: str) -> list[str]:
    return _cut(text, _SENTENCE, _sentence_end)


def _clauses(text: str) -> list[str]:
    return _cut(text, _CLAUSE)


def _words(text: str) -> list[str]:
    return _cut(text, _WORD)


_FINER: tuple[Callable[[str], list[str]], ...] = (_sentences, _clauses, _words)


def _fits(piece: str, max_chars: int) -> bool:
    return len(piece.strip()) <= max_chars


def _pack(parts: list[str], max_chars: int) -> list[str]:
    """Join neighbouring parts while the result fits."""
    pieces: list[str] = []
    current = ""
    for part in parts:
        if current and not _fits(current + part, max_chars):
            pieces.append(current)
            current = part
        else:
            current += part
    if current:
        pieces.append(current)
    return pieces


def _split_paragraph(text: str, max_chars: int, level: int = 0) -> list[str]:
    if _fits(text, max_chars):
        return [text]
    if level == len(_FINER):
        word = text.strip()
        raise MachineTranslationError(
            Reason.TOO_LONG,
            detail=f"a word of {len(word)} characters is longer than the limit of {max_chars}",
            length=len(word),
            limit=max_chars,
        )
    pieces: list[str] = []
    run: list[str] = []  # whole parts that fit, packed together before a part that does not
    for part in _FINER[level](text):
        if _fits(part, max_chars):
            run.append(part)
            continue
        pieces += _pack(run, max_chars)
        run = []
        pieces += _split_paragraph(part, max_chars, level + 1)
    return pieces + _pack(run, max_chars)


def split_text(text: str, max_chars: int) -> list[str]:
    """Cut ``text`` into pieces whose text (without surrounding whitespace) has at most
    ``max_chars`` characters; ``"".join(pieces) == text``.

    A piece never spans a paragraph break (a blank line), so translating each piece apart and
    keeping its surrounding whitespace restores the paragraphs. A paragraph that is too long is
    cut between sentences, then (for a sentence that is too long) after , ; : or a dash, then
    between words, packing as much as fits into each piece. A single word longer than
    ``max_chars`` raises :class:`MachineTranslationError` (``too_long``).
    """
    if max_chars < 1:
        raise ValueError("max_chars must be at least 1")
    if not text:
        return []
    pieces: list[str] = []
    for paragraph in _cut(text, _PARAGRAPH):
        pieces += _split_paragraph(paragraph, max_chars)
    return pieces


# --- Calling the provider ---------------------------------------------------------------------


class _Transport:
    """Stands in for the ``requests`` module inside one deep-translator ``translate`` call:
    the same ``get``/``post``, through a session, with a timeout; it keeps the last response."""

    def __init__(self, session: requests.Session, settings: ProviderSettings) -> None:
        self._session = session
        self._settings = settings
        self.last: requests.Response | None = None

    def get(
        self,
        url: str,
        params: dict[str, str] | None = None,
        proxies: dict[str, str] | None = None,
    ) -> requests.Response:
        fields = dict(params or {})
        if self._settings.provider == "deepl":
            # GET with ?auth_key= is no longer accepted: POST, key in the Authorization header.
            key = fields.pop("auth_key", "")
            response = self._session.post(
                url,
                data=fields,
                headers={"Authorization": f"DeepL-Auth-Key {key}"},
                proxies=proxies,
                timeout=self._settings.timeout_s,
            )
        else:
            response = self._session.get(
                url, params=fields, proxies=proxies, timeout=self._settings.timeout_s
            )
        self.last = response
        return response

    def post(
        self,
        url: str,
        params: dict[str, str] | None = None,
        data: dict[str, str] | None = None,
    ) -> requests.Response:
        # LibreTranslator passes its fields as ``params`` (the query string): send a form body.
        fields = {**(params or {}), **(data or {})}
        response = self._session.post(url, data=fields, timeout=self._settings.timeout_s)
        self.last = response
        return response


def _through(method: Callable[..., Any], transport: _Transport) -> Callable[..., Any]:
    """A copy of a deep-translator method whose global ``requests`` is ``transport``."""
    function = getattr(method, "__func__", method)
    if "requests" not in function.__code__.co_names:  # pragma: no cover - another version
        log.warning("deep-translator no longer calls requests itself; no timeout is applied")
        return function
    namespace = {**function.__globals__, "requests": transport}
    copy = types.FunctionType(
        function.__code__,
        namespace,
        function.__name__,
        function.__defaults__,
        function.__closure__,
    )
    copy.__kwdefaults__ = function.__kwdefaults__
    return copy


def _check_language(code: str) -> str:
    normalised = code.strip().lower()
    if normalised not in OFFICIAL_LANGUAGES:
        raise MachineTranslationError(
            Reason.UNSUPPORTED_LANGUAGE,
            detail=f"{code!r} is not one of {', '.join(OFFICIAL_LANGUAGES)}",
            language=code,
        )
    return normalised


def _base_url(url: str) -> str:
    if not re.match(r"https?://[^/\s]+", url):
        raise MachineTranslationError(Reason.MISCONFIGURED, detail=f"{url!r} is not an http(s) URL")
    return url.rstrip("/") + "/"  # deep-translator appends "translate" to it


def _translator(settings: ProviderSettings, source: str, target: str) -> Any:
    """The deep-translator object for one language pair."""
    provider = settings.provider
    src = _SOURCE_CODES[provider][source]
    tgt = _SOURCE_CODES[provider][target]
    try:
        if provider == "google":
            return GoogleTranslator(source=src, target=tgt)
        if provider == "mymemory":
            return MyMemoryTranslator(source=src, target=tgt)
        if provider == "libretranslate":
            if not settings.url:
                raise MachineTranslationError(
                    Reason.MISCONFIGURED, detail="LibreTranslate needs a URL (PLENARY_MT_URL)"
                )
            # LibreTranslator insists on a key; a server without keys gets none sent.
            libre = LibreTranslator(
                source=src,
                target=tgt,
                api_key=settings.api_key or "-",
                custom_url=_base_url(settings.url),
            )
            libre.api_key = settings.api_key
            return libre
        if not settings.api_key:
            raise MachineTranslationError(
                Reason.MISCONFIGURED, detail="DeepL needs an API key (PLENARY_MT_API_KEY)"
            )
        deepl = DeeplTranslator(
            source=src,
            target=tgt,
            api_key=settings.api_key,
            use_free_api=settings.api_key.endswith(":fx"),
        )
        deepl.target = _DEEPL_TARGETS[target]  # not in deep-translator's list; the setter allows it
        if settings.url:
            deepl._base_url = _base_url(settings.url)
        return deepl
    except (LanguageNotSupportedException, InvalidSourceOrTargetLanguage) as error:
        raise MachineTranslationError(
            Reason.UNSUPPORTED_LANGUAGE, detail=str(error), provider=provider
        ) from error
    except ApiKeyException as error:
        raise MachineTranslationError(
            Reason.MISCONFIGURED, detail="missing API key", provider=provider
        ) from error


def _server_message(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200]
    if isinstance(body, dict):
        for key in ("error", "message", "responseDetails"):
            if isinstance(body.get(key), str):
                return str(body[key])[:200]
    return ""


def _status_error(status: int, message: str, provider: str) -> MachineTranslationError:
    lowered = message.lower()
    if status in (429, 456):
        reason = Reason.RATE_LIMITED
    elif status >= 500:
        reason = Reason.SERVER_ERROR
    elif "not supported" in lowered or "language" in lowered:
        reason = Reason.UNSUPPORTED_LANGUAGE
    elif status in (401, 403):
        reason = Reason.UNAUTHORIZED
    elif status in (413, 414) or "limit" in lowered:
        reason = Reason.TOO_LONG
    else:
        reason = Reason.REJECTED
    detail = f"HTTP {status}" + (f": {message}" if message else "")
    return MachineTranslationError(reason, detail=detail, status=status, provider=provider)


def _check_mymemory(response: requests.Response | None) -> None:
    """MyMemory answers 200 even when it refuses; the refusal is in ``responseStatus``."""
    if response is None:
        return
    try:
        status = int(response.json().get("responseStatus", 200))
    except (ValueError, TypeError, AttributeError):
        return
    if status != 200:
        raise _status_error(status, _server_message(response), "mymemory")


def _translate_piece(
    call: Callable[..., Any], translator: Any, text: str, transport: _Transport, provider: str
) -> str:
    """One request: ``text`` through the copied ``translate`` ``call``; every failure mapped."""
    transport.last = None
    try:
        answer = call(translator, text)
    except requests.Timeout as error:
        raise MachineTranslationError(Reason.TIMEOUT, detail=str(error)) from error
    except requests.ConnectionError as error:
        raise MachineTranslationError(Reason.UNREACHABLE, detail=str(error)) from error
    except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema) as error:
        raise MachineTranslationError(Reason.MISCONFIGURED, detail=str(error)) from error
    except Exception as error:  # deep-translator raises many unrelated types; all are failures
        response = transport.last
        if response is not None and not 200 <= response.status_code < 300:
            raise _status_error(
                response.status_code, _server_message(response), provider
            ) from error
        if isinstance(error, NotValidLength):
            raise MachineTranslationError(Reason.TOO_LONG, detail=str(error)) from error
        if isinstance(error, TranslationNotFound | StopIteration):  # MyMemory: no match
            raise MachineTranslationError(Reason.EMPTY_ANSWER) from error
        raise MachineTranslationError(
            Reason.BAD_ANSWER, detail=f"{type(error).__name__}: {error}"
        ) from error
    if provider == "mymemory":
        _check_mymemory(transport.last)
    if not isinstance(answer, str) or not answer.strip():
        raise MachineTranslationError(Reason.EMPTY_ANSWER)
    return answer.strip()


def translate(
    text: str,
    source: str,
    target: str,
    settings: ProviderSettings,
    progress: Callable[[int, int], None] | None = None,
) -> str:
    """A machine draft of ``text`` (in ``source``) in ``target``, keeping its paragraphs.

    The text is cut with :func:`split_text` at the provider's limit and sent one piece per
    request; ``progress(done, total)`` is called after each piece. Whitespace-only pieces are
    not sent, and a text already in ``target`` comes back unchanged (no call at all). Paragraph
    breaks are restored exactly; single line breaks inside a paragraph are left to the provider.
    Raises :class:`MachineTranslationError` for every failure, the first one ending the run.
    """
    source = _check_language(source)
    target = _check_language(target)
    if source == target or not text.strip():
        return text
    parts: list[tuple[str, str, str]] = []
    for piece in split_text(text, settings.effective_max_chars):
        match = _EDGES.fullmatch(piece)
        assert match is not None  # the pattern matches any string
        lead, core, trail = match.groups()
        parts.append((lead, core, trail))
    total = sum(1 for _, core, _ in parts if core)
    translator = _translator(settings, source, target)
    log.debug(
        "machine translation %s→%s, %s, %d requests", source, target, settings.provider, total
    )
    done = 0
    result: list[str] = []
    with requests.Session() as session:
        transport = _Transport(session, settings)
        call = _through(type(translator).translate, transport)
        for lead, core, trail in parts:
            if not core:
                result.append(lead + trail)
                continue
            translated = _translate_piece(call, translator, core, transport, settings.provider)
            result.append(lead + translated + trail)
            done += 1
            if progress is not None:
                progress(done, total)
    return "".join(result)
