"""Calendar files (.ics, RFC 5545) for meetings, with the Europe/Amsterdam time zone.

The same UID with a higher SEQUENCE updates the event in people's calendars; METHOD:CANCEL removes it.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


# Outside these years (a typing error saved long ago, like 9999) the file gives UTC times and no time zone table:
# building that table near the last date Python knows overflows.
LOCAL_YEARS = range(1900, 3000)


def _times(meeting) -> tuple[datetime.datetime, datetime.datetime]:
    """Start and end in Amsterdam time, or both in UTC for an odd year (see ``LOCAL_YEARS``)."""
    start, end = meeting.starts_at.astimezone(datetime.UTC), meeting.ends_at.astimezone(datetime.UTC)
    if start.year in LOCAL_YEARS and end.year in LOCAL_YEARS:
        return start.astimezone(AMSTERDAM), end.astimezone(AMSTERDAM)
    return start, end


def meeting_calendar(meeting, *, method: str = "PUBLISH", url: str = "", with_online_link: bool = False) -> bytes:
    """The meeting as a calendar file. The link to join online only goes to invitees (``with_online_link``)."""
    cal = Calendar()
    cal.add("prodid", "-//Inspraak//Bijeenkomsten//NL")
    cal.add("version", "2.0")
    cal.add("method", method)
    cal.add("calscale", "GREGORIAN")
    start, end = _times(meeting)
    if start.tzinfo is AMSTERDAM:
        cal.add_component(
            Timezone.from_tzinfo(
                AMSTERDAM,
                first_date=start.date() - datetime.timedelta(days=366),
                last_date=start.date() + datetime.timedelta(days=366),
            )
        )
    event = Event()
    event.add("uid", f"{meeting.uid}@inspraak")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", datetime.datetime.now(tz=datetime.UTC))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", f"{meeting.body.name}: {meeting.title}" if meeting.title else meeting.body.name)
    location = ", ".join(part for part in (meeting.place_name, " ".join(meeting.address.split())) if part)
    if location:
        event.add("location", location)
    description = [meeting.accessibility] if meeting.accessibility else []
    if meeting.online_url and with_online_link:
        description.append(meeting.online_url)
    if url:
        description.append(url)
        event.add("url", url)
    if description:
        event.add("description", "\n".join(description))
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    cal.add_component(event)
    return cal.to_ical()
