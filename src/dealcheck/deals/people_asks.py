"""`qualify --people`: the contacts on the customer's side, typed in the walk-through.

Asked after the criteria (the economic buyer and champion criteria concern them) and
before the value story. A menu lists the contacts on file; the rep picks one to
change it (every field defaults to what is on file), adds one, or is done. For each
person: name, title, role, access (met or not, and when), power and what they
personally win; a champion is also asked the rest of the champion test (influence,
sells for us when we are not there). The list is handed to `save` after every field,
so Ctrl-C loses at most the question on screen; `←` in a menu goes back a question.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dealcheck.deals import store
from dealcheck.deals.model import AnswersFile, Deal, Draft
from dealcheck.deals.opening import QualifyInterrupted, QualifyRequest, resume_command
from dealcheck.deals.people import Contact, Role
from dealcheck.i18n import t
from dealcheck.interview.prompter import BACK, Choice, Prompter

ADD = "<add>"
DONE = "<done>"
STRENGTHS = ("high", "medium", "low", "unknown")
TEST_ROLES = (Role.CHAMPION,)
"""Roles asked the whole champion test (influence, sells for us)."""

Position = tuple[int, int]
"""(contact index, field index) of the person being typed."""
ContactsSaver = Callable[[list[Contact], Position | None], None]


def people_section(
    request: QualifyRequest,
    prompter: Prompter,
    path: Path,
    draft: Draft,
    given: AnswersFile | None,
    deal: Deal | None,
) -> tuple[Draft, AnswersFile]:
    """`qualify --people`: the contacts, kept in the draft (with its answers) as typed.

    Returns the draft holding the people, and `given` with the contacts to save. A
    resumed draft continues the person it stopped on, at the field it stopped on; one
    that finished the people (Ctrl-C came later, in the story) is not asked again.

    Raises:
        QualifyInterrupted: Ctrl-C; the draft holds every field typed.
    """
    contacts = draft.contacts if draft.contacts is not None else (deal.contacts if deal else [])
    if draft.people_done:
        return draft, (given or AnswersFile()).model_copy(update={"contacts": contacts})

    def save(people: list[Contact], at: Position | None) -> None:
        store.save_draft(path, draft.model_copy(update={"contacts": people, "contact_at": at}))

    try:
        people = ask_people(prompter, request.lang, contacts, save, request.today, draft.contact_at)
    except (KeyboardInterrupt, EOFError):
        command = resume_command(path, request)
        raise QualifyInterrupted(
            t("qualify.interrupted", request.lang, draft.answered(), command), request.lang
        ) from None
    done = draft.model_copy(update={"contacts": people, "contact_at": None, "people_done": True})
    store.save_draft(path, done)
    return done, (given or AnswersFile()).model_copy(update={"contacts": people})


def ask_people(
    prompter: Prompter,
    lang: str,
    contacts: list[Contact],
    save: ContactsSaver,
    today: dt.date,
    resume_at: Position | None = None,
) -> list[Contact]:
    """Let the rep add and change contacts; return the list (saved as it changes).

    `resume_at` is where an interrupted run stopped: that person's entry continues at
    that field before the menu is shown.
    """
    people = list(contacts)
    prompter.note(t("people.ask.title", lang))

    def keeper(index: int) -> Callable[[Contact | None, int], None]:
        def keep(contact: Contact | None, step: int) -> None:
            if contact is None:
                del people[index : index + 1]
            elif index < len(people):
                people[index] = contact
            else:
                people.append(contact)
            save(list(people), (index, step) if contact is not None else None)

        return keep

    if resume_at is not None and resume_at[0] < len(people):
        index, step = resume_at
        _ask_contact(prompter, lang, people[index], keeper(index), today, people[index].role, step)
        save(list(people), None)
    while True:
        choices = [Choice(str(i), _entry(c, lang)) for i, c in enumerate(people)]
        choices += [
            Choice(ADD, t("people.ask.add", lang)),
            Choice(DONE, t("people.ask.done", lang)),
        ]
        picked = prompter.select(
            t("people.ask.menu", lang), choices, default=DONE if people else ADD
        )
        if picked == DONE:
            return people
        index = len(people) if picked == ADD else int(picked)
        current = people[index] if index < len(people) else None
        _ask_contact(prompter, lang, current, keeper(index), today, _missing_role(people))
        save(list(people), None)


def _missing_role(people: list[Contact]) -> Role:
    """A new person's default role: the one seed 000 needs and the list lacks."""
    roles = {c.role for c in people}
    for role in (Role.CHAMPION, Role.ECONOMIC_BUYER):
        if role not in roles:
            return role
    return Role.INFLUENCER


def _entry(contact: Contact, lang: str) -> str:
    access = t("people.met.yes" if contact.met else "people.met.no", lang)
    title = f", {contact.title}" if contact.title else ""
    return f"{contact.name}{title} — {t(f'role.{contact.role.value}', lang)} ({access})"


def _ask_contact(
    prompter: Prompter,
    lang: str,
    current: Contact | None,
    keep: Callable[[Contact | None, int], None],
    today: dt.date,
    role: Role,
    start: int | None = None,
) -> None:
    """Ask one person's fields in order; ← in a menu goes back to the question before.

    `start` resumes a person at that field (their name is already typed).
    """
    if start is not None and current is not None:
        values: dict[str, Any] = current.model_dump()
    else:
        name = prompter.text(
            t("people.ask.name_edit" if current else "people.ask.name", lang),
            default=current.name if current else "",
        ).strip()
        if not name:
            if current is not None:
                keep(None, 0)
            return
        values = (current or Contact(name=name, role=role)).model_dump()
        values["name"] = name
        keep(Contact.model_validate(values), 0)
    fields = _fields(lang, today)
    step = start or 0
    while step < len(fields):
        field, ask = fields[step]
        if field in ("influence", "sells_for_us") and values["role"] not in TEST_ROLES:
            step += 1
            continue
        if field == "met_on" and not values["met"]:
            values["met_on"] = None
            step += 1
            continue
        answer = ask(prompter, values)
        if answer is BACK:
            step = max(0, step - 1)
            if step and fields[step][0] == "met_on" and not values["met"]:
                step -= 1
            continue
        values[field] = answer
        step += 1
        keep(Contact.model_validate(values), step)


Ask = Callable[[Prompter, dict[str, Any]], Any]


def _fields(lang: str, today: dt.date) -> list[tuple[str, Ask]]:
    """Each field of a contact and how it is asked, in the order asked."""
    nav = [Choice(BACK, t("interview.back", lang))]

    def title(prompter: Prompter, values: dict[str, Any]) -> str:
        return prompter.text(
            t("people.ask.title_field", lang), default=values["title"] or ""
        ).strip()

    def role(prompter: Prompter, values: dict[str, Any]) -> str:
        roles = [Choice(r.value, t(f"role.{r.value}", lang)) for r in Role]
        return prompter.select(
            t("people.ask.role", lang), [*roles, *nav], default=str(values["role"])
        )

    def met(prompter: Prompter, values: dict[str, Any]) -> bool | str:
        options = [Choice("yes", t("people.met.yes", lang)), Choice("no", t("people.met.no", lang))]
        picked = prompter.select(
            t("people.ask.met", lang), [*options, *nav], default="yes" if values["met"] else "no"
        )
        return BACK if picked == BACK else picked == "yes"

    def met_on(prompter: Prompter, values: dict[str, Any]) -> dt.date | None:
        shown = values["met_on"].isoformat() if values["met_on"] else today.isoformat()
        return _date(prompter, lang, shown, today)

    def strength(key: str) -> Ask:
        def ask(prompter: Prompter, values: dict[str, Any]) -> str:
            levels = [Choice(s, t(f"strength.{s}", lang)) for s in STRENGTHS]
            return prompter.select(
                t(f"people.ask.{key}", lang), [*levels, *nav], default=values[key]
            )

        return ask

    def win(prompter: Prompter, values: dict[str, Any]) -> str:
        return prompter.text(t("people.ask.win", lang), default=values["personal_win"]).strip()

    def sells(prompter: Prompter, values: dict[str, Any]) -> str:
        options = [
            Choice("yes", t("yes", lang)),
            Choice("no", t("no", lang)),
            Choice("unknown", t("interview.flag_unknown", lang)),
        ]
        return prompter.select(
            t("people.ask.sells", lang), [*options, *nav], default=values["sells_for_us"]
        )

    return [
        ("title", title),
        ("role", role),
        ("met", met),
        ("met_on", met_on),
        ("power", strength("power")),
        ("influence", strength("influence")),
        ("personal_win", win),
        ("sells_for_us", sells),
    ]


def _date(prompter: Prompter, lang: str, shown: str, today: dt.date) -> dt.date | None:
    """When we last met: a date not after today, or blank when not known."""
    while True:
        typed = prompter.text(t("people.ask.met_on", lang), default=shown).strip()
        if not typed:
            return None
        try:
            day = dt.date.fromisoformat(typed)
        except ValueError:
            prompter.note(t("interview.bad_date", lang, typed))
            continue
        if day <= today:
            return day
        prompter.note(t("interview.future_date", lang, day.isoformat(), today.isoformat()))
