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
"""

from __future__ import annotations

import logging
import math
import os
import re
import time
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
MAX_RESULTS = 5


def user_agent() -> str:
    from .. import __version__

    return f"itinerary/{__version__} (+{HOMEPAGE})"


class OnlineSource:
    """One geopy geocoder behind a rate limiter, a disk cache and a fault fence."""

    def __init__(self, service: str = "nominatim", cache: AnswerCache | None = None,
                 timeout: float | None = None) -> None:
        self.service = service.lower()
        self.cache = cache if cache is not None else AnswerCache()
        env_timeout = os.environ.get(ENV_TIMEOUT)
        self.timeout = timeout or (float(env_timeout) if env_timeout else DEFAULT_TIMEOUT_S)
        self._geocode: Any = None
        self._resting_until = 0.0
        self.faults: list[str] = []

    @property
    def where(self) -> str:
        url = os.environ.get(ENV_URL)
        return url if (url and self.service == "nominatim") else self.service

    def _geocoder(self) -> Any:
        if self._geocode is None:
            from geopy.extra.rate_limiter import RateLimiter
            from geopy.geocoders import get_geocoder_for_service

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
            geocoder = cls(**kwargs)
            self._geocode = RateLimiter(geocoder.geocode, min_delay_seconds=MIN_DELAY_S,
                                        max_retries=0, swallow_exceptions=False)
        return self._geocode

    def _ask(self, query: str, country: str | None) -> list[dict[str, Any]] | None:
        """The service's answer as plain dicts, or None after a (reported) fault."""
        from geopy import exc as gexc

        kwargs: dict[str, Any] = {"exactly_one": False}
        if self.service == "nominatim":
            kwargs.update(limit=MAX_RESULTS, addressdetails=True, language="en")
            if country:
                kwargs["country_codes"] = country.lower()
        try:
            found = self._geocoder()(query, **kwargs) or []
            return [_plain(loc) for loc in found[:MAX_RESULTS]]
        except gexc.GeocoderRateLimited as err:
            wait = float(err.retry_after) if err.retry_after else 60.0
            self._fault(f"rate-limited (HTTP 429), asked to wait {wait:g} s", wait)
        except gexc.GeocoderTimedOut:
            self._fault(f"no answer within {self.timeout:g} s (timed out)")
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
            self._fault(f"answered in an unexpected shape ({type(err).__name__}: "
                        f"{_first_line(err)})")
        return None

    def _fault(self, what: str, rest_s: float = math.inf) -> None:
        message = (f"online geocoder {self.where}: {what}; using the offline answers"
                   + (" for the rest of this run" if rest_s == math.inf else ""))
        self.faults.append(message)
        log.warning(message)
        self._resting_until = time.monotonic() + rest_s

    def candidates(self, query: str, country: str | None = None) -> list[Candidate]:
        """Candidates from the cache, else from the service (nothing after a fault)."""
        answer = self.cache.get(self.service, query, country)
        if answer is None:
            if time.monotonic() < self._resting_until:
                return []
            answer = self._ask(query, country)
            if answer is None:
                return []
            self.cache.put(self.service, query, country, answer)
        return [Candidate(name=a["name"], country=a["country"], lat=a["lat"], lon=a["lon"],
                          source=self.service, tier="online", ident=f"{self.service}:{i}",
                          population=None, feature=a.get("type", ""))
                for i, a in enumerate(answer)
                if not country or not a["country"] or a["country"] == country.upper()]


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0][:160] if text else type(err).__name__


def _plain(loc: Any) -> dict[str, Any]:
    """What we keep of a geopy Location (JSON-able, for the cache)."""
    raw = loc.raw if isinstance(loc.raw, dict) else {}
    address = raw.get("address")  # Nominatim (addressdetails=1)
    if not isinstance(address, dict):
        address = {}
    props = raw.get("properties")  # Photon
    if not isinstance(props, dict):
        props = {}
    country = address.get("country_code") or props.get("countrycode") or ""
    name = raw.get("name") or props.get("name") or (loc.address or "").split(",")[0].strip()
    return {"name": str(name), "country": str(country).upper(),
            "lat": round(float(loc.latitude), 6), "lon": round(float(loc.longitude), 6),
            "display": str(loc.address or ""), "type": str(raw.get("type", ""))}
