"""The people on a deal: contacts with their role, access, power and personal win.

Pure checks a coach runs on the contact list: is the deal single-threaded, has anyone
met the economic buyer by the stage that needs it, does the champion pass the test
(has power, has influence, wins personally, sells for us when we are not there), and
who to meet next and why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Strength = Literal["high", "medium", "low", "unknown"]
YesNo = Literal["yes", "no", "unknown"]
MEET_NEXT = 2


class Role(StrEnum):
    """What a contact is to the deal."""

    ECONOMIC_BUYER = "economic-buyer"
    CHAMPION = "champion"
    COACH = "coach"
    INFLUENCER = "influencer"
    USER = "user"
    BLOCKER = "blocker"


class Contact(BaseModel):
    """One person on the customer's side."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1, description="The person's name.")
    title: str = Field(default="", description="Job title, e.g. CFO or 구매팀장.")
    role: Role = Field(description="economic-buyer, champion, coach, influencer, user or blocker.")
    met: bool = Field(default=False, description="Whether we have met them in person or on a call.")
    met_on: dt.date | None = Field(default=None, description="When we last met (YYYY-MM-DD).")
    power: Strength = Field(default="unknown", description="Formal power over the decision.")
    influence: Strength = Field(
        default="unknown", description="Influence on the people who decide."
    )
    personal_win: str = Field(default="", description="What they personally win if this succeeds.")
    sells_for_us: YesNo = Field(
        default="unknown", description="Whether they sell for us when we are not in the room."
    )


class PeopleAlert(StrEnum):
    """Something about the people that puts the deal at risk."""

    NO_CONTACTS = "no-contacts"
    SINGLE_THREADED = "single-threaded"
    ECONOMIC_BUYER_NOT_MET = "economic-buyer-not-met"
    NO_ECONOMIC_BUYER = "no-economic-buyer"
    NO_CHAMPION = "no-champion"
    CHAMPION_FAILS = "champion-fails"


@dataclass(frozen=True)
class Alert:
    """A people alert and the names or test parts it is about."""

    kind: PeopleAlert
    about: tuple[str, ...] = ()


@dataclass(frozen=True)
class MeetNext:
    """Someone to meet next and why (`reason` is a message key, `about` fills it)."""

    person: str
    reason: str
    about: tuple[str, ...] = ()


def champion_test(contact: Contact) -> list[str]:
    """The parts of the champion test a contact fails: power, influence, win, sells."""
    failed = []
    if contact.power not in ("high", "medium"):
        failed.append("power")
    if contact.influence not in ("high", "medium"):
        failed.append("influence")
    if not contact.personal_win:
        failed.append("win")
    if contact.sells_for_us != "yes":
        failed.append("sells")
    return failed


def people_alerts(contacts: list[Contact], *, needs_economic_buyer: bool) -> list[Alert]:
    """Alerts on the contact list; `needs_economic_buyer` when the stage expects them met."""
    if not contacts:
        return [Alert(PeopleAlert.NO_CONTACTS)]
    alerts: list[Alert] = []
    engaged = [c for c in contacts if c.met]
    if len(engaged) <= 1:
        alerts.append(Alert(PeopleAlert.SINGLE_THREADED, tuple(c.name for c in engaged)))
    buyers = [c for c in contacts if c.role is Role.ECONOMIC_BUYER]
    if needs_economic_buyer and not buyers:
        alerts.append(Alert(PeopleAlert.NO_ECONOMIC_BUYER))
    elif needs_economic_buyer and not any(c.met for c in buyers):
        alerts.append(Alert(PeopleAlert.ECONOMIC_BUYER_NOT_MET, tuple(c.name for c in buyers)))
    champions = [c for c in contacts if c.role is Role.CHAMPION]
    if not champions:
        alerts.append(Alert(PeopleAlert.NO_CHAMPION))
    elif not any(not champion_test(c) for c in champions):
        failed = champion_test(champions[0])
        alerts.append(Alert(PeopleAlert.CHAMPION_FAILS, (champions[0].name, *failed)))
    return alerts


def meet_next(contacts: list[Contact]) -> list[MeetNext]:
    """Who to meet next and why, most important first (at most two)."""
    picks: list[MeetNext] = []
    buyers = [c for c in contacts if c.role is Role.ECONOMIC_BUYER]
    champions = [c for c in contacts if c.role is Role.CHAMPION]
    guide = champions[0].name if champions else (contacts[0].name if contacts else "")
    for buyer in buyers:
        if not buyer.met:
            picks.append(MeetNext(buyer.name, "meet.buyer", (buyer.title or buyer.name,)))
    if not buyers:
        picks.append(MeetNext("", "meet.find_buyer", (guide,)))
    for champion in champions:
        failed = champion_test(champion)
        if failed:
            picks.append(MeetNext(champion.name, "meet.test_champion", tuple(failed)))
    if not champions and contacts:
        picks.append(MeetNext("", "meet.find_champion", (guide,)))
    for blocker in (c for c in contacts if c.role is Role.BLOCKER and not c.met):
        picks.append(MeetNext(blocker.name, "meet.blocker", ()))
    if len([c for c in contacts if c.met]) <= 1:
        unmet = [c for c in contacts if not c.met and c.role is not Role.ECONOMIC_BUYER]
        if unmet:
            picks.append(MeetNext(unmet[0].name, "meet.second_thread", (unmet[0].role.value,)))
        elif contacts:
            picks.append(MeetNext("", "meet.widen", (guide,)))
    seen: set[str] = set()
    unique = []
    for pick in picks:
        key = pick.person or pick.reason
        if key not in seen:
            seen.add(key)
            unique.append(pick)
    return unique[:MEET_NEXT]
