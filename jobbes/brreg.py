"""Looking an organisation number up in Brønnøysundregistrene's open Enhetsregisteret API.

`GET {BRREG_URL}/enheter/{orgnr}` answers a unit as JSON, 404 for a number it never had and 410
for a unit that is deleted. Sign-up must never depend on it: anything else (an error, a timeout,
no network) is `Unavailable`, and the employer goes on with what they typed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib import error, request

from jobbes.vocabulary import Sector

DEFAULT_URL = "https://data.brreg.no/enhetsregisteret/api"
DEFAULT_TIMEOUT = 3.0

# Organisasjonsform codes that are not private businesses (brreg.no/bedrift/organisasjonsformer).
_PUBLIC_FORMS = {"STAT", "FYLK", "KOMM", "KF", "FKF", "IKS", "ORGL", "SF", "KIRK", "SÆR"}
_VOLUNTARY_FORMS = {"FLI", "STI"}


@dataclass(frozen=True)
class Found:
    """The register knows the unit: its own name, address and trade, and whether it is ending."""

    name: str
    address: str | None
    sector: Sector | None
    trade: str | None  # naeringskode1's description, e.g. "Drift av restauranter og kafeer"
    bankrupt: bool
    winding_up: bool
    deleted_on: date | None

    @property
    def status(self) -> str:
        if self.deleted_on:
            return "deleted"
        if self.bankrupt:
            return "bankrupt"
        if self.winding_up:
            return "winding_up"
        return "found"


@dataclass(frozen=True)
class NotFound:
    status: str = "not_found"


@dataclass(frozen=True)
class Deleted:
    status: str = "deleted"


@dataclass(frozen=True)
class Unavailable:
    """The register could not be asked or gave no usable answer; `why` is for the log."""

    why: str
    status: str = "unavailable"


Answer = Found | NotFound | Deleted | Unavailable


class Register:
    """A client for one Enhetsregisteret API at `base_url`; an empty URL asks nothing."""

    def __init__(self, base_url: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        if base_url and not base_url.startswith(("https://", "http://")):
            raise ValueError(f"BRREG_URL must be an http(s) URL, not {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def look_up(self, org_number: str) -> Answer:
        if not self.base_url:
            return Unavailable("no BRREG_URL configured")
        if not (len(org_number) == 9 and org_number.isdigit()):
            return NotFound()
        # The scheme is checked in __init__: only http(s), never file: or the like.
        url = f"{self.base_url}/enheter/{org_number}"
        req = request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
        try:
            with request.urlopen(req, timeout=self.timeout) as response:  # noqa: S310
                body = json.loads(response.read().decode("utf-8"))
        except error.HTTPError as refused:
            if refused.code == 404:
                return NotFound()
            if refused.code == 410:
                return Deleted()
            return Unavailable(f"HTTP {refused.code}")
        except (error.URLError, TimeoutError, OSError) as failed:
            return Unavailable(f"{type(failed).__name__}: {failed}")
        except ValueError as garbled:
            return Unavailable(f"not JSON: {garbled}")
        try:
            return _found(body)
        except (KeyError, TypeError, ValueError) as odd:
            return Unavailable(f"unexpected answer: {odd!r}")


def _found(body: dict[str, Any]) -> Found:
    address = body.get("forretningsadresse") or {}
    lines = [*(address.get("adresse") or [])]
    place = " ".join(p for p in (address.get("postnummer"), address.get("poststed")) if p)
    written = ", ".join([*lines, place]) if (lines or place) else None
    form = (body.get("organisasjonsform") or {}).get("kode")
    trade = (body.get("naeringskode1") or {}).get("beskrivelse")
    deleted = body.get("slettedato")
    return Found(
        name=str(body["navn"]),
        address=written[:200] if written else None,
        sector=_sector(form),
        trade=trade,
        bankrupt=bool(body.get("konkurs")),
        winding_up=bool(
            body.get("underAvvikling") or body.get("underTvangsavviklingEllerTvangsopplosning")
        ),
        deleted_on=date.fromisoformat(deleted) if deleted else None,
    )


def _sector(form: str | None) -> Sector | None:
    if form is None:
        return None
    if form in _PUBLIC_FORMS:
        return Sector.PUBLIC
    if form in _VOLUNTARY_FORMS:
        return Sector.VOLUNTARY
    return Sector.PRIVATE
