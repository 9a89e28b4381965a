"""Source d: an online geocoder through geopy — only when asked, polite, cached, fault-proof.

* 1 request per second (geopy's RateLimiter; Nominatim's usage policy allows no more),
  a real user agent, answers cached on disk (cache.AnswerCache) so a name is asked once.
* ``ITINERARY_NOMINATIM_URL`` (e.g. http://127.0.0.1:8080) points Nominatim elsewhere:
  a self-hosted server, or the tests' local fake.
* Every fault — timeout, HTTP 429 (honouring Retry-After), HTTP 5xx, malformed JSON,
  connection refused — becomes one line on stderr (logging) and an empty answer, so the
  caller falls back to the offline result. After a fault the service is left alone for the
  rest of the run (or until Retry-After has passed): a dead server costs one timeout, not one
  per name.
* Deadlines are wall-clock budgets, not socket timeouts (a socket timeout restarts at every
  byte, so a server trickling one byte a second kept a "3 s" request going for minutes): each
  request runs in a daemon worker thread and is abandoned when its deadline passes, and all
  the online questions of one run share a total budget (``ITINERARY_ONLINE_BUDGET`` seconds),
  after which the rest are answered offline, with one line on stderr.
* Answers are cached under the service *and* its endpoint (scheme, host and path of the
  geocoder), so answers of another server are never served as Nominatim's, and every answer is
  checked before it is cached or used (``problem``): a two-letter country code, finite
  coordinates within +-90/+-180, names of bounded length without control, bidi-override or
  markup characters. A rejected answer is one line on stderr.
"""

from __future__ import annotations

import logging
import math
import os
import re
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from .base import Candidate
from .cache import AnswerCache

log = logging.getLogger("itinerary.resolve")

HOMEPAGE = "https://github.com/itinerary/itinerary"
MIN_DELAY_S = 1.0
ENV_URL = "ITINERARY_NOMINATIM_URL"
ENV_TIMEOUT = "ITINERARY_GEOCODER_TIMEOUT"
DEFAULT_TIMEOUT_S = 10.0
ENV_BUDGET = "ITINERARY_ONLINE_BUDGET"
DEFAULT_BUDGET_S = 300.0  # all online questions of one run; the cache keeps what was learnt
MAX_RESULTS = 5
NOMINATIM = ("https", "nominatim.openstreetmap.org", "/search")  # geopy's default endpoint
MAX_NAME = 200       # characters of a name (a place's, a feature type's)
MAX_DISPLAY = 500    # characters of a full address line


def user_agent() -> str:
    from .. import __version__

    return f"itinerary/{__version__} (+{HOMEPAGE})"


class OnlineSource:
    """One geopy geocoder behind a rate limiter, a disk cache and a fault fence."""

    def __init__(self, service: str = "nominatim", cache: AnswerCache | None = None,
                 timeout: float | None = None, budget: float | None = None) -> None:
        self.service = service.lower()
        self.cache = cache if cache is not None else AnswerCache()
        self.timeout = timeout or _seconds(ENV_TIMEOUT, DEFAULT_TIMEOUT_S)
        #: seconds all online questions of this run may take together (a run is this source:
        #: one per service and Resolver, so one per command)
        self.budget = budget if budget is not None else _seconds(ENV_BUDGET, DEFAULT_BUDGET_S)
        self.spent = 0.0
        self._client: Any = None
        self._geocode: Any = None
        self._resting_until = 0.0
        self.faults: list[str] = []

    @property
    def where(self) -> str:
        url = os.environ.get(ENV_URL)
        return _one_line(url) if (url and self.service == "nominatim") else self.service

    @property
    def endpoint(self) -> str:
        """scheme://host/path of the service's geocoding URL: the cache's key besides the
        service, so another server's answers are never taken for this one's."""
        if self.service == "nominatim":  # without importing geopy (a cached answer needs none)
            url = os.environ.get(ENV_URL)
            if not url:
                scheme, host, path = NOMINATIM
            else:
                parts = urlsplit(url if "://" in url else f"https://{url}")
                scheme, host = parts.scheme, parts.netloc + parts.path.rstrip("/")
                path = NOMINATIM[2]
            return f"{scheme}://{host}{path}".lower()
        api = getattr(self._geocoder_client(), "api", None)
        if not isinstance(api, str):
            return self.service
        parts = urlsplit(api)
        return f"{parts.scheme}://{parts.netloc}{parts.path}".lower()

    def _geocoder_client(self) -> Any:
        """The geopy geocoder itself (no rate limiter, no deadline)."""
        if self._client is None:
            import warnings

            from geopy.geocoders import get_geocoder_for_service

            # geopy warns (two lines on stderr) about the coordinates it then refuses, which
            # ``_ask`` reports in one line
            warnings.filterwarnings("ignore", category=UserWarning, module="geopy.point")

            cls = get_geocoder_for_service(self.service)
            kwargs: dict[str, Any] = {"user_agent": user_agent(), "timeout": self.timeout}
            try:
                from functools import partial

                from geopy.adapters import RequestsAdapter

                # no silent retries inside the adapter: a fault is reported, not repeated
                kwargs["adapter_factory"] = partial(RequestsAdapter, max_retries=0)
            except ImportError:  # pragma: no cover - requests missing: geopy's default
                pass
            url = os.environ.get(ENV_URL)
            if url and self.service == "nominatim":
                parts = urlsplit(url if "://" in url else f"https://{url}")
                kwargs["domain"] = parts.netloc + parts.path.rstrip("/")
                kwargs["scheme"] = parts.scheme
            self._client = cls(**kwargs)
        return self._client

    def _geocoder(self) -> Any:
        """The geocoder's ``geocode``, each call within its deadline, behind the rate limiter
        (which waits in the calling thread, before the deadline starts)."""
        if self._geocode is None:
            from functools import partial

            from geopy.extra.rate_limiter import RateLimiter

            within = partial(_within_deadline, self._geocoder_client().geocode)
            self._geocode = RateLimiter(within, min_delay_seconds=MIN_DELAY_S,
                                        max_retries=0, swallow_exceptions=False)
        return self._geocode

    def _ask(self, query: str, country: str | None) -> list[dict[str, Any]] | None:
        """The service's answer as plain dicts, or None after a (reported) fault."""
        from geopy import exc as gexc

        left = self.budget - self.spent
        if left <= 0:
            self._fault(f"the {self.budget:g} s budget for online questions of this run is "
                        "spent; the remaining names are answered offline")
            return None
        deadline = min(self.timeout, left)
        kwargs: dict[str, Any] = {"exactly_one": False, "timeout": deadline}
        if self.service == "nominatim":
            kwargs.update(limit=MAX_RESULTS, addressdetails=True, language="en")
            if country:
                kwargs["country_codes"] = country.lower()
        started = time.monotonic()
        try:
            geocode = self._geocoder()
            started = time.monotonic()  # importing geopy is not the service's time
            found = geocode(query, **kwargs) or []
            return [_plain(loc) for loc in found[:MAX_RESULTS]]
        except gexc.GeocoderRateLimited as err:
            wait = float(err.retry_after) if err.retry_after else 60.0
            self._fault(f"rate-limited (HTTP 429), asked to wait {wait:g} s", wait)
        except gexc.GeocoderTimedOut:
            if deadline < self.timeout:
                self._fault(f"no answer within the {deadline:.3g} s left of this run's "
                            f"{self.budget:g} s budget for online questions (timed out)")
            else:
                self._fault(f"no answer within {deadline:g} s (timed out)")
        except gexc.GeocoderUnavailable as err:
            refused = "refused" in str(err).lower()
            self._fault(f"unreachable ({'connection refused' if refused else _first_line(err)})")
        except gexc.GeocoderParseError:
            self._fault("answered something that is not valid JSON")
        except gexc.GeopyError as err:
            code = re.search(r"status code (\d{3})", str(err))
            self._fault(f"server error (HTTP {code.group(1)})" if code
                        else f"failed ({type(err).__name__}: {_first_line(err)})")
        except (ValueError, TypeError, KeyError, AttributeError) as err:
            if isinstance(err, ValueError) and _GEOPY_COORDINATES.search(str(err)):
                # geopy refuses the whole answer for one place's coordinates: "no result"
                self._reject(query, f"coordinates refused ({_first_line(err)})")
                return []
            self._fault(f"answered in an unexpected shape ({type(err).__name__}: "
                        f"{_first_line(err)})")
        finally:
            self.spent += time.monotonic() - started
        return None

    def _fault(self, what: str, rest_s: float = math.inf) -> None:
        message = (f"online geocoder {self.where}: {what}; using the offline answers"
                   + (" for the rest of this run" if rest_s == math.inf else ""))
        self.faults.append(message)
        log.warning(message)
        self._resting_until = time.monotonic() + rest_s

    def _checked(self, query: str, answer: Any) -> list[dict[str, Any]]:
        """The entries of ``answer`` that pass ``problem``; one line on stderr per other."""
        if not isinstance(answer, list):
            answer = [answer]
        kept = []
        for entry in answer:
            why = problem(entry)
            if why is None:
                kept.append(entry)
            else:
                self._reject(query, why)
        return kept

    def _reject(self, query: str, why: str) -> None:
        message = f"online geocoder {self.where}: rejected an answer for {_shown(query)}: {why}"
        self.faults.append(message)
        log.warning(message)

    def candidates(self, query: str, country: str | None = None) -> list[Candidate]:
        """Candidates from the cache, else from the service (nothing after a fault); every
        answer is checked before it is cached or used."""
        endpoint = self.endpoint
        answer = self.cache.get(self.service, query, country, endpoint=endpoint)
        if answer is not None:
            answer = self._checked(query, answer)
        else:
            if time.monotonic() < self._resting_until:
                return []
            fresh = self._ask(query, country)
            if fresh is None:
                return []
            answer = self._checked(query, fresh)
            self.cache.put(self.service, query, country, answer, endpoint=endpoint)
        return [Candidate(name=a["name"], country=a["country"], lat=a["lat"], lon=a["lon"],
                          source=self.service, tier="online", ident=f"{self.service}:{i}",
                          population=None, feature=a.get("type", ""))
                for i, a in enumerate(answer)
                if not country or not a["country"] or a["country"] == country.upper()]


def _seconds(variable: str, default: float) -> float:
    """A positive number of seconds from the environment, else ``default`` (with a warning
    naming the variable when it is set to something else)."""
    text = os.environ.get(variable)
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (value > 0 and math.isfinite(value)):
        log.warning(f"{variable}={_shown(text)} is not a positive number of seconds; "
                    f"using {default:g}")
        return default
    return value


def _within_deadline(geocode: Callable[..., Any], query: str, **kwargs: Any) -> Any:
    """``geocode(query, **kwargs)`` in a daemon worker thread, given up (GeocoderTimedOut)
    once ``kwargs["timeout"]`` seconds have passed, however the server dribbles its answer.

    The worker is abandoned, not stopped: it ends when its socket does (its own timeout, or
    the server closing), and being a daemon it never holds up the end of the process. The
    source rests after a timeout, so abandoned workers do not pile up.
    """
    from geopy.exc import GeocoderTimedOut

    deadline = float(kwargs["timeout"])
    box: dict[str, Any] = {}
    done = threading.Event()

    def work() -> None:
        try:
            box["value"] = geocode(query, **kwargs)
        except BaseException as err:  # noqa: BLE001 - handed to the caller's thread
            box["error"] = err
        finally:
            done.set()

    threading.Thread(target=work, name="itinerary-geocoder", daemon=True).start()
    if not done.wait(deadline):
        raise GeocoderTimedOut(f"no complete answer within {deadline:g} s")
    if "error" in box:
        raise box["error"]
    return box.get("value")


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return _one_line(text[0])[:160] if text else type(err).__name__


# characters no place name carries: C0/C1 controls, line and paragraph separators, the bidi
# embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069: they reorder what
# follows them on screen), and markup's angle brackets
_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069<>]")


# what geopy says when a place's coordinates are not finite or out of range
_GEOPY_COORDINATES = re.compile(r"(Latitude|Longitude) must be|coordinates must be finite")


def _one_line(text: str) -> str:
    return _FORBIDDEN.sub("?", text)


def _shown(text: str, limit: int = 60) -> str:
    """``text`` quoted for one line of stderr: forbidden characters escaped, length bounded."""
    out = _FORBIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text[:limit])
    return f"'{out}{'...' if len(text) > limit else ''}'"


def _text_problem(what: str, value: Any, limit: int, required: bool = False) -> str | None:
    if not isinstance(value, str):
        return f"{what} is not text"
    if required and not value.strip():
        return f"{what} is empty"
    if len(value) > limit:
        return f"{what} is longer than {limit} characters"
    bad = _FORBIDDEN.search(value)
    if bad:
        kind = "markup" if bad.group() in "<>" else "a control or bidi character"
        return f"{what} {_shown(value)} contains {kind} (U+{ord(bad.group()):04X})"
    return None


def problem(entry: Any) -> str | None:
    """Why an answer entry (as ``_plain`` makes it, fresh or from the cache) cannot be used,
    or None: a name of at most MAX_NAME characters without control, bidi-override or markup
    characters; a country code of two ASCII letters (or none); finite coordinates within
    +-90 and +-180."""
    if not isinstance(entry, dict):
        return "not a place"
    for what, key, limit, required in (("name", "name", MAX_NAME, True),
                                       ("address", "display", MAX_DISPLAY, False),
                                       ("feature type", "type", MAX_NAME, False)):
        why = _text_problem(what, entry.get(key, ""), limit, required)
        if why:
            return why
    country = entry.get("country", "")
    if not isinstance(country, str) or not (
            country == "" or (len(country) == 2 and country.isascii() and country.isalpha())):
        return f"country code {_shown(str(country))} is not two letters"
    for what, key, bound in (("latitude", "lat", 90.0), ("longitude", "lon", 180.0)):
        value = entry.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"{what} is not a number"
        if not (math.isfinite(value) and -bound <= value <= bound):
            return f"{what} {value!r} is not within +-{bound:g}"
    return None


def _number(raw: Any, fallback: float) -> float:
    """A coordinate as the server sent it (geopy wraps an out-of-range longitude), or
    ``fallback``; NaN when it is not a number at all (``problem`` rejects it)."""
    if raw is None:
        return fallback
    try:
        return float(raw)
    except (TypeError, ValueError):
        return math.nan


def _plain(loc: Any) -> dict[str, Any]:
    """What we keep of a geopy Location (JSON-able, for the cache), as the server said it:
    ``problem`` decides whether it can be used."""
    raw = loc.raw if isinstance(loc.raw, dict) else {}
    address = raw.get("address")  # Nominatim (addressdetails=1)
    if not isinstance(address, dict):
        address = {}
    props = raw.get("properties")  # Photon
    if not isinstance(props, dict):
        props = {}
    country = address.get("country_code") or props.get("countrycode") or ""
    name = raw.get("name") or props.get("name") or (loc.address or "").split(",")[0].strip()
    lat, lon = _number(raw.get("lat"), loc.latitude), _number(raw.get("lon"), loc.longitude)
    return {"name": name, "country": country.upper() if isinstance(country, str) else country,
            "lat": round(lat, 6) if math.isfinite(lat) else None,
            "lon": round(lon, 6) if math.isfinite(lon) else None,
            "display": str(loc.address or ""), "type": raw.get("type", "")}
