"""Pure helpers for codes: no ORM, no clock of their own."""

from __future__ import annotations

import re
from base64 import b32encode
from binascii import unhexlify

_SEPARATORS = re.compile(r"[\s\-]+")


def normalize_code(raw: str) -> str:
    """What the person typed, without spaces or dashes, in lower case ("123 456" -> "123456")."""
    return _SEPARATORS.sub("", raw or "").lower()


def is_app_code(code: str) -> bool:
    """An authenticator app shows 6 digits; recovery codes are 8 letters and digits."""
    return len(code) == 6 and code.isdigit()


def secret_text(key_hex: str) -> str:
    """The app secret as people type it into an app: base32 in groups of four ("ABCD EFGH ...")."""
    text = b32encode(unhexlify(key_hex)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def code_text(code: str) -> str:
    """A recovery code as shown on screen: two groups of four ("abcd efgh")."""
    return f"{code[:4]} {code[4:]}" if len(code) == 8 else code
