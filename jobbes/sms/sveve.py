"""Sveve (sveve.no), a Norwegian SMS gateway, through its documented `SMS/SendMessage` API.

The request is a POST with a JSON body {user, passwd, to, msg, from, f: "json", ref}. Sveve
answers HTTP 200 in every case it handled: {"response": {"msgOkCount": 1, "stdSMSCount": 1,
"ids": [42824112]}} when the text was taken, {"response": {"fatalError": "..."}} when nothing
was sent (wrong credentials, no credit), and "errors": [{"number", "message"}] for a number it
refused. Whatever else happens (a 5xx, a timeout, a broken answer) may go away by itself.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from jobbes.sms import SmsError

# 4xx answers that say "not now" rather than "never".
_RETRY_STATUSES = {408, 425, 429}


class SveveGateway:
    def __init__(
        self, *, url: str, user: str, password: str, sender: str, timeout: float = 10
    ) -> None:
        if not url.startswith(("https://", "http://")):
            raise ValueError(f"SMS_SVEVE_URL must be an http(s) URL, not {url!r}")
        self.url = url
        self.user = user
        self.password = password
        self.sender = sender
        self.timeout = timeout

    def _body(self, to: str, text: str, reference: str | None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "user": self.user,
            "passwd": self.password,
            # Sveve takes a Norwegian number as its eight digits.
            "to": to.removeprefix("+47"),
            "msg": text,
            "from": self.sender,
            "f": "json",
        }
        if reference:
            body["ref"] = reference[:36]
        return body

    def _post(self, body: dict[str, Any]) -> Any:
        # The scheme is checked in __init__: only http(s), never file: or others.
        request = urllib.request.Request(  # noqa: S310
            self.url,
            data=json.dumps(body).encode(),
            method="POST",
            headers={"Content-Type": "application/json; charset=utf-8"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310
                raw = answer.read()
        except urllib.error.HTTPError as error:
            retry = error.code >= 500 or error.code in _RETRY_STATUSES
            raise SmsError(f"Sveve answered HTTP {error.code}", retry=retry) from error
        except TimeoutError as error:
            raise SmsError("Sveve did not answer in time", retry=True) from error
        except urllib.error.URLError as error:
            raise SmsError(f"Sveve could not be reached: {error.reason}", retry=True) from error
        try:
            return json.loads(raw)
        except ValueError as error:
            raise SmsError("Sveve's answer was not JSON", retry=True) from error

    def send(self, to: str, text: str, *, reference: str | None = None) -> str:
        if not to.startswith("+47"):
            # Jobbes only takes Norwegian numbers (jobbes/services/phones.py).
            raise SmsError("Only Norwegian numbers are sent to", retry=False)
        data = self._post(self._body(to, text, reference))
        response = data.get("response") if isinstance(data, dict) else None
        if not isinstance(response, dict):
            raise SmsError("Sveve's answer had no response", retry=True)
        if response.get("fatalError"):
            raise SmsError(f"Sveve refused: {response['fatalError']}", retry=False)
        errors = response.get("errors") or []
        ids = response.get("ids") or []
        if errors or not ids:
            reason = "; ".join(str(e.get("message", e)) for e in errors) or "no message id"
            raise SmsError(f"Sveve did not send: {reason}", retry=False)
        return str(ids[0])
