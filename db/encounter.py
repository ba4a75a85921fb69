"""The encounter data a coder verifies and completes on the abstract (the UB-04
form locators around the codes), with the rules each value must meet.

A value is checked when it is entered (a bad date or an unknown code is refused
with a message); conflicts between values (a discharge before the admission)
are accepted and flagged by db.abstract_checks, so a coder can fix them in any
order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from db import ub04
from db.store import StoreError

MAX_TEXT = 500
_HOUR = re.compile(r"\d{1,2}")


class EncounterError(StoreError):
    """A value the field cannot take; the message is for the coder."""


@dataclass(frozen=True)
class Field:
    name: str  # the records column
    label: str
    kind: str  # code | date | hour | text
    locator: str  # where it goes on the UB-04 ("" when it is not billed)


FIELDS = (
    Field("admission_type", "Admission type", "code", "FL14"),
    Field("point_of_origin", "Point of origin", "code", "FL15"),
    Field("admit_date", "Admission date", "date", "FL12"),
    Field("admit_hour", "Admission hour", "hour", "FL13"),
    Field("discharge_date", "Discharge date", "date", "FL6"),
    Field("discharge_hour", "Discharge hour", "hour", "FL16"),
    Field("discharge_disposition", "Discharge disposition", "code", "FL17"),
    Field("attending", "Attending physician", "text", "FL76"),
    Field("coder_comment", "Coder comment", "text", ""),
)
BY_NAME = {f.name: f for f in FIELDS}


def choices(name: str, admission_type: str | None = None) -> dict[str, str]:
    """The codes a coded field takes, with their names (point of origin depends on a newborn admission)."""
    if name == "admission_type":
        return ub04.ADMISSION_TYPES
    if name == "discharge_disposition":
        return ub04.DISCHARGE_DISPOSITIONS
    if name == "point_of_origin":
        return ub04.NEWBORN_POINTS_OF_ORIGIN if admission_type == "4" else ub04.POINTS_OF_ORIGIN
    raise EncounterError(f"{name} is not a coded field")


def normalize(name: str, value: str | None, admission_type: str | None = None) -> str | None:
    """The stored form of `value` for field `name`, or EncounterError saying why it cannot be."""
    field = BY_NAME.get(name)
    if field is None:
        raise EncounterError(f"{name!r} is not an encounter field ({', '.join(BY_NAME)})")
    text = (value or "").strip()
    if field.kind == "hour":
        if not text:
            return None
        if not _HOUR.fullmatch(text) or not (int(text) <= 23 or int(text) == 99):
            raise EncounterError(f"{field.label}: {text!r} is not an hour 00 to 23 (99 when unknown)")
        return text.zfill(2)
    if field.kind == "date":
        try:
            if len(text) == 10:
                return date.fromisoformat(text).isoformat()
        except ValueError:
            pass
        raise EncounterError(f"{field.label}: {text!r} is not a date (YYYY-MM-DD)")
    if field.kind == "code":
        code = text.upper().zfill(2) if name == "discharge_disposition" and text.isdigit() else text.upper()
        names = choices(name, admission_type)
        if code not in names:
            raise EncounterError(f"{field.label}: {text!r} is not a UB-04 {field.locator} code")
        return code
    if len(text) > MAX_TEXT or any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise EncounterError(f"{field.label}: at most {MAX_TEXT} characters, no control characters")
    return text


def describe(name: str, value: str | None, admission_type: str | None = None) -> str:
    """The value as a coder reads it: a code with its name, an hour with its meaning."""
    if not value:
        return ""
    field = BY_NAME[name]
    if field.kind == "code":
        return f"{value} {choices(name, admission_type).get(value, '(not a UB-04 code)')}"
    if field.kind == "hour" and value == "99":
        return "99 (unknown)"
    return value
