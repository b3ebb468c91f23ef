"""Reading one value of a fiche: years, amounts, bullets, lists, yes/no, client type.

Pure functions, no I/O. Each returns ``None`` (or an empty list) rather than guess: a value
the fiche does not state stays empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tenderkit.text import fold

#: Every kind of space a word processor or a PDF puts in numbers ("52 400 €").
_SPACES = re.compile(r"[\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\t ]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def clean_line(text: str) -> str:
    """One line with invisible characters removed and every run of spaces made one space."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


# --- bullets ---------------------------------------------------------------------------------

_SYMBOLS = "•▶►▸▹➢➤➔→⇒■□▪▫●○◦·✓✔✗❖◆◇♦\uf0a7\uf0b7\uf0d8\uf0fc\uf076\uf0a8"
_BULLET = re.compile(
    rf"^(?:[{_SYMBOLS}]+\s*"  # symbol bullets may touch the text: "▶Pilotage"
    r"|(?:[-*–—>»]+|o|\(?\d{1,2}[.)]|[a-h]\)|[ivx]{1,4}[.)])\s+)"  # others need a space
)


def strip_bullet(text: str) -> tuple[str, bool]:
    """``("text", True)`` when ``text`` starts with a bullet (``- ▶``, ``•``, ``1.``, ``o`` …)."""
    found = False
    while (match := _BULLET.match(text)) and match.end() < len(text):
        text, found = text[match.end() :], True
    return text, found


# --- lists -----------------------------------------------------------------------------------


_INLINE_BULLETS = re.compile(r"\s+[•▪■●|]\s+")


def split_items(text: str, *, slash: bool = False) -> list[str]:
    """Split ``"A (x, y), B; C."`` on commas and semicolons outside parentheses.

    Inline bullets (``A • B``) separate items too, and so does `` / `` when ``slash`` is set
    (component lists; not actors, where "élus / services" is one item).
    """
    text = _INLINE_BULLETS.sub(" ; ", text)
    if slash:
        text = re.sub(r"\s+/\s+", " ; ", text)
    items: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        if ch in ",;" and depth == 0:
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    return [i for i in (tidy_item(x) for x in items) if i]


def tidy_item(text: str) -> str:
    """An item without surrounding spaces, trailing ``.``/``;``/``,`` or a leading "et "."""
    text = text.strip().rstrip(".;,").strip()
    if text.lower().startswith("et "):
        text = text[3:].strip()
    return text


# --- yes / no --------------------------------------------------------------------------------

_YES = {"oui", "yes", "true", "vrai", "x", "1", "o", "y"}
_NO = {"non", "no", "false", "faux", "0", "n"}


def parse_bool(text: str) -> bool | None:
    """``True`` for oui/yes/x, ``False`` for non/no, ``None`` for anything else."""
    key = fold(text).strip(" .!")
    if key in _YES:
        return True
    if key in _NO:
        return False
    return None


# --- years -----------------------------------------------------------------------------------

_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_YEAR_SHORT_END = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-–—/à]\s*(\d\d)(?![\d/.])")
ONGOING = re.compile(
    r"\b(en cours|depuis|a ce jour|jusqu.a aujourd.hui|aujourd.hui|a nos jours|ongoing|"
    r"present|actuellement|toujours)\b"
)
_OPEN_END = re.compile(r"(?:19|20)\d\d\s*[-–—/à]\s*(?:\.\.\.|…)?\s*$")


@dataclass
class Years:
    """Start and end year as read; ``end is None`` means ongoing."""

    start: int
    end: int | None


def parse_years(text: str) -> Years | None:
    """Years of ``2023 - 2024``, ``mars 2019 – juin 2021``, ``depuis 2024``, ``2022 – en cours``."""
    folded = fold(text)
    expanded = _YEAR_SHORT_END.sub(lambda m: f"{m.group(1)} - {m.group(1)[:2]}{m.group(2)}", folded)
    years = [int(y) for y in _YEAR.findall(expanded)]
    if not years:
        return None
    if ONGOING.search(folded) or _OPEN_END.search(folded.strip()):
        return (
            Years(min(years), None)
            if len(set(years)) == 1 or "depuis" in folded or "en cours" in folded
            else Years(min(years), max(years))
        )
    return Years(min(years), max(years))


# --- amounts ---------------------------------------------------------------------------------

_NUMBER = r"\d{1,3}(?:[ .]\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3})+(?![,\d])|\d+(?:[.,]\d+)?"
_AMOUNT = re.compile(
    rf"(?P<num>{_NUMBER})\s*"
    r"(?:(?P<mult>millions?|milliards?|mille|mds|md|keur|meur|k|m)(?![a-z]))?\.?\s*"
    r"(?:d.\s*)?(?P<cur>€|eur\b|euros?\b)?\s*"
    r"(?P<tax>h\.?\s?t\.?|t\.?\s?t\.?\s?c\.?|hors\s+taxes?|toutes\s+taxes\s+comprises)?",
)
_MULTIPLIERS = {
    "k": 1_000,
    "keur": 1_000,
    "mille": 1_000,
    "m": 1_000_000,
    "meur": 1_000_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "md": 10**9,
    "mds": 10**9,
    "milliard": 10**9,
    "milliards": 10**9,
}


@dataclass
class Amount:
    """One amount found in a value: euros and whether it is HT, TTC or unstated."""

    euros: int
    tax: str | None  # "HT", "TTC" or None


def _number(raw: str, has_multiplier: bool) -> float:
    raw = raw.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw) and not has_multiplier:
        return float(raw.replace(".", ""))  # "52.400 euros": dots group thousands
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", raw) and not has_multiplier:
        return float(raw.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+,\d+", raw):
        raw = raw.replace(".", "")
    return float(raw.replace(",", "."))


def find_amounts(text: str) -> list[Amount]:
    """Every amount of ``text`` with a currency or multiplier (bare numbers only if alone)."""
    folded = fold(clean_line(text)).replace("k€", "k €").replace("m€", "m €")
    found: list[tuple[Amount, bool]] = []
    for match in _AMOUNT.finditer(folded):
        mult = match.group("mult")
        cur = match.group("cur")
        tax_raw = (match.group("tax") or "").replace(" ", "").replace(".", "")
        tax = "HT" if tax_raw in ("ht", "horstaxe", "horstaxes") else "TTC" if tax_raw else None
        if mult and not cur and mult not in ("keur", "meur") and not tax and mult in ("m",):
            continue  # "52 m" (metres) is not an amount
        value = _number(match.group("num"), bool(mult)) * _MULTIPLIERS.get(mult or "", 1)
        found.append((Amount(round(value), tax), bool(cur or mult)))
    marked = [a for a, has_unit in found if has_unit]
    if marked:
        return marked
    bare = [a for a, _ in found if a.euros >= 100]
    return bare if len(bare) == 1 else []


def choose_amount(text: str, label_tax: str | None = None) -> tuple[int | None, str | None]:
    """The HT amount of a value, and a warning when the value could not be read safely.

    A value with both HT and TTC amounts gives the HT one; a value with only a TTC amount gives
    nothing (the schema stores HT, and deriving it would invent a VAT rate).
    """
    amounts = find_amounts(text)
    if not amounts:
        return None, f"could not read an amount in {text!r}"
    for amount in amounts:
        if amount.tax is None and label_tax:
            amount.tax = label_tax
    ht = [a for a in amounts if a.tax == "HT"]
    plain = [a for a in amounts if a.tax is None]
    chosen = ht or plain
    if not chosen:
        return None, f"only a TTC amount ({text!r}): left empty, add the HT amount"
    warning = None
    if len({a.euros for a in chosen}) > 1:
        warning = f"several amounts in {text!r}: kept the first ({chosen[0].euros} €)"
    return chosen[0].euros, warning


# --- client type -----------------------------------------------------------------------------

_PUBLIC_NAME = re.compile(
    r"^(?:ville|commune|mairie|ept|etablissement public|departement|conseil departemental|"
    r"region|conseil regional|metropole|communaute d.agglomeration|communaute de communes|"
    r"communaute urbaine|communaute d.agglo|agglomeration|ca|cc|cu|spl|oph|office public|"
    r"syndicat mixte|syndicat intercommunal|sivom|sivu|prefecture|ministere|epa|epf|epci|"
    r"etat|ccas|centre communal d.action sociale|societe publique locale|"
    r"direction departementale|ddtm?|dreal|conseil de territoire)\b"
    r"|\b(?:office public de l.habitat|etablissement public|societe publique locale|"
    r"communaute d.agglomeration|communaute de communes|communaute urbaine)\b"
    r"|\bmetropole$"  # "Rennes Métropole", "Bordeaux Métropole"
)
_PRIVATE_NAME = re.compile(r"\b(?:sarl|sas|sasu|sci|eurl|snc|sa d.hlm)\b")


def client_type_from_label(text: str) -> str | None:
    """``public``/``private`` from a "Public/privé" field value; ``None`` when unclear."""
    key = fold(text)
    is_public = re.search(r"\bpubli(c|que)\b", key) is not None
    is_private = re.search(r"\b(prive|privee|private)\b", key) is not None
    if is_public == is_private:
        return None
    return "public" if is_public else "private"


def client_type_from_name(client: str) -> str | None:
    """``public`` for names that can only be public bodies (Ville de, EPT, OPH …), else ``None``."""
    key = re.sub(r"\s+", " ", fold(client).replace("-", " ")).strip()
    if _PUBLIC_NAME.search(key):
        return "public"
    if _PRIVATE_NAME.search(key):
        return "private"
    return None


# --- contact ---------------------------------------------------------------------------------

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?:\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}")


def split_contact(text: str) -> dict[str, str | None]:
    """Name, role, email and phone out of ``"Mme Dupont, cheffe de projet, 01 23 45 67 89"``."""
    email = EMAIL.search(text)
    phone = PHONE.search(text)
    rest = text
    for found in (email, phone):
        if found:
            rest = rest.replace(found.group(0), " ")
    rest = re.sub(
        r"\b(?:t[ée]l(?:[ée]phone)?|courriel|e-?mail|m[ée]l)\s*[.:]?",
        " ",
        rest,
        flags=re.IGNORECASE,
    )
    rest = re.sub(r"^([^(,;–—|]+?)\s*\(([^()]+)\)", r"\1, \2", rest.strip())  # "Nom (rôle)"
    parts = [
        p for p in (tidy_item(x.strip(" -–—/|()")) for x in re.split(r"[,;–—|]| - ", rest)) if p
    ]
    return {
        "name": parts[0] if parts else None,
        "role": ", ".join(parts[1:]) or None,
        "email": email.group(0) if email else None,
        "phone": phone.group(0) if phone else None,
    }
