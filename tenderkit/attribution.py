"""Who did the work: clauses of a fiche that describe work the mission did *not* do.

Fiches name the topics around a mission as readily as the mission itself: "la concertation
restait conduite par l'équipe municipale", "l'OPC urbain a été confié à un prestataire
dédié", "le traité de concession a été négocié ensuite sans le cabinet", "une démarche de
concertation est prévue dans une seconde phase". A keyword found there proves nothing about
the firm. :func:`split` cuts a content bullet or a stakes sentence into its clauses and tells
which ones are such *mentions*, from French cues:

- another party as the agent of a work verb: "assurée par la Ville", "confiée à un
  prestataire", "le bailleur conduit…", "…de l'aménageur, qui a établi…";
- the work left to someone else: "restait à la charge de", "relevait de l'EPT", "le
  titulaire de la mission d'OPC", "aux côtés de l'équipe de maîtrise d'œuvre";
- negation and absence: "n'a pas été retenue", "hors mission", "sans le cabinet";
- what was only planned or evoked: "prévue ultérieurement", "à venir", "sera lancée",
  "évoquée".

A clause that names the firm as the agent ("conduite par le cabinet", "notre équipe") is
never a mention unless it is negated. Only clauses with a cue are cut out: a bullet without
one stays whole.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def _flat_table() -> dict[int, str]:
    """Lower-case, accent-free, one character for one: offsets in the flat text stay valid."""
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = unicodedata.normalize("NFKD", ch)[0].lower()
        if len(base) == 1 and base.isascii():
            table[code] = base
    for quote in "’ʼ‘`´":
        table[ord(quote)] = "'"
    for dash in "\u2010\u2011\u2012\u2013\u2014":
        table[ord(dash)] = "-"
    table[0xA0] = table[0x202F] = " "
    return table


_FLAT = _flat_table()


def flat(text: str) -> str:
    """``text`` lower-cased and unaccented, character for character (same length)."""
    out = text.translate(_FLAT).lower()
    return out if len(out) == len(text) else text.lower()  # a rare letter lengthens: keep it


class _Lazy:
    """A regular expression compiled on first use: ``tenderkit match`` may never need one."""

    __slots__ = ("pattern", "_compiled")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str):  # noqa: ANN204 - search, match, finditer
        if self._compiled is None:
            self._compiled = re.compile(self.pattern)
        return getattr(self._compiled, name)


# --- the vocabulary of cues (on flat text) -------------------------------------------------

# past participles of verbs that say who *did* a piece of work (e, s, es endings added)
_DONE_WORDS = (
    "assure realise mene anime elabore redige gere traite negocie organise coordonne effectue"
    " execute dessine finalise chiffre confie delegue sous-traite attribue externalise prepare"
    " reloge accompagne informe consulte mobilise recense conduit produit instruit etabli concu"
).split()
_DONE = r"(?:(?:" + "|".join(_DONE_WORDS) + r"|mise? en (?:oe|œ)uvre|prise? en charge)(?:e?s?))"
# the same work in the active voice, when another party is the subject
_DOES_WORDS = (
    "conduit conduisait conduisent conduisaient assure assurait assurent assuraient mene menait"
    " menent menaient anime animait animent animaient realise realisait realisent gere gerait"
    " gerent geraient organise organisait organisent organisaient redige redigeait elabore"
    " elaborait etablit etablissait coordonne coordonnait relogent relogeait relogeaient"
    " accompagnent accompagnait accompagnaient informent informait informaient"
).split()
_DOES = (
    r"(?:a|ont|avait|avaient|aura|auront)\s+(?:lui-meme\s+|elle-meme\s+|eux-memes\s+|deja\s+"
    r"|directement\s+|seule?s?\s+)?"
    + _DONE
    + r"|(?:"
    + "|".join(_DOES_WORDS)
    + r"|prend en charge|prenait en charge|prennent en charge)\b"
)
# parties other than the firm, as subjects or agents
_OTHER = (
    r"(?:ville|commune|mairie|municipalite|collectivite|services?|direction|bailleurs?"
    r"|office|oph|esh|amenageur|concessionnaire|sem|spl|ept|epci|epf|gip|agglomeration"
    r"|communaute|metropole|intercommunalite|departement|region|etat|prefecture|prefet"
    r"|ddtm?|agence|anru|anah|prestataires?|titulaire|bureau d'etudes|architectes?"
    r"|urbanistes?|paysagistes?|maitre d'(?:oe|œ)uvre|maitrise d'(?:oe|œ)uvre|equipe municipale"
    r"|equipe (?:projet|de la|du|des|de l'|de maitrise|de moe|de conception)|operateurs?"
    r"|associations?|centre social|promoteurs?|syndics?|caf|ccas|delegue|partenaires|elus"
    r"|maire|autre cabinet|un cabinet|autres?)"
)
_ARTICLE = r"(?:l'|la\s|le\s|les\s|un\s|une\s|des\s|ses\s|leurs?\s|son\s|sa\s|cet\s|cette\s)"

# the firm as the agent: "par le cabinet", "notre équipe", "nos consultants"
_FIRM = _Lazy(
    r"\b(?:(?:le|du|au|par le|ce) cabinet\b(?!\s+[a-z]+\s+(?:et|de)\b)|notre|nos|nous"
    r"|l'equipe\b(?!\s+(?:municipale|communale|projet|de\b|du\b|des\b|d'|technique))"
    r"|consultante?s?|(?:le|du|au|ce|notre) groupement|nos soins)"
    # the administrative register of a certificate: "le titulaire a assuré…" is the firm;
    # "le titulaire de la mission d'OPC", "un prestataire", "le prestataire retenu pour…" not
    r"|(?:^\s*|[.;:]\s*|\bpar\s+)(?:le|la) (?:titulaire|prestataire|mandataire)\b"
    r"(?!\s+(?:de|du|des|d'|retenue?|designee?|choisie?|charge|en charge|missionnee?"
    r"|opcu?|amo|moe|bet)\b)"
    r"(?![^.;:]*\b(?:autres?|second|deuxieme)\b)"
)

_AGENT_CUES = [
    # passive work verb + par / à + agent (the agent is read in the rest of the clause)
    _Lazy(r"\b(?:" + _DONE + r")\b(?:\s+[\w'-]+){0,3}?\s+par\s+(?P<agent>.*)"),
    _Lazy(
        r"\b(?:confie|delegue|sous-traite|attribue|externalise)e?s?\b(?:\s+[\w'-]+){0,3}?"
        r"\s+(?:a|au|aux)\s+(?P<agent>.*)"
    ),
    # left to someone else
    _Lazy(
        r"\b(?:a la charge|du ressort|de la competence|sous la responsabilite|aux mains)"
        r"\s+(?:(?:des|du|de)\s+|d')(?P<agent>.*)"
    ),
    _Lazy(
        r"\b(?:relev|depend|incomb)(?:e|ent|ait|aient|ant)?\s+(?:(?:des|du|de|aux|au|a)\s+|d')"
        r"(?P<agent>.*)"
    ),
]
_OTHER_AGENT = _Lazy(r"^\s*" + _ARTICLE + r"?\s*" + _OTHER + r"\b")

# negation (even with the firm named: "le cabinet n'a pas animé…"); in a relative clause
# ("des publics qui ne viennent jamais") only that clause is cut out
_NEGATION = _Lazy(
    r"\b(?:ne|n')\s*(?:[\w'-]+\s+){0,4}?(?:pas|jamais|aucun|aucune|guere|nullement)\b"
)
_RELATIVE = _Lazy(r"\b(?:qui|dont|lorsqu'|lorsque|quand|puisque|car|si)\b")
_ALWAYS = [
    # absence (even with the firm named: "sans le cabinet")
    _Lazy(r"\bnon\s+(?:compris|inclu|retenu|realise|affermi|engage|conduit|assure|mene|commande)"),
    _Lazy(
        r"\bhors\s+(?:de\s+(?:la|notre|sa)\s+|du\s+)?(?:mission|marche|prestation|perimetre"
        r"|contrat|champ|commande)"
    ),
    _Lazy(r"\bsans\s+(?:le cabinet|nous|notre|l'intervention|intervention|en faire)"),
    # "sans animer d'atelier", "sans avoir conduit la concertation"
    _Lazy(
        r"\bsans\s+(?:avoir\s+|jamais\s+|en\s+)?(?:anim|condui|men|organis|realis|intervenu?"
        r"|particip|assur|pilot|redig|elabor|ger|suiv|accompagn|coordonn)(?:er|ir|re|e|i|t)?\b"
    ),
    _Lazy(r"\bstade de projet\b|\bpour memoire\b"),
    # planned, future, evoked
    _Lazy(
        r"\b(?:prevue?s?|envisagee?s?|programmee?s?|projetee?s?)\s+(?:ulterieurement|plus tard"
        r"|a terme|a partir|pour 20\d\d|en 20\d\d|dans (?:une|un|la|le) (?:seconde|deuxieme"
        r"|second|prochaine?|future?|autre|phase|tranche|temps))"
    ),
    _Lazy(
        r"\b(?:etait|etaient|est|sont|restait|restaient|reste|restent|demeure|demeurait)"
        r"\s+(?:seulement\s+|alors\s+|encore\s+|toujours\s+)?(?:prevue?s?|envisagee?s?"
        r"|a venir|a l'etude|en projet|en attente|a engager|a lancer|a definir)\b"
    ),
    _Lazy(r"\ba venir\b|\bulterieure?s?\b|\bulterieurement\b|\bsans en faire\b"),
    _Lazy(
        r"\b(?:sera|seront|devra|devront|pourra|pourront)\s+(?:[\w'-]+\s+){0,2}?(?:"
        + _DONE
        + r"|lancee?s?|engagee?s?|ouverte?s?)\b"
    ),
    _Lazy(r"\b(?:evoquee?s?|mentionnee?s?|esquissee?s?)\b"),
    _Lazy(r"\btranche optionnelle\b"),
]
_SUBJECT = _Lazy(
    r"^\s*(?:et\s+|puis\s+|mais\s+|alors que\s+|tandis que\s+)?"
    + _ARTICLE
    + r"\s*"
    + _OTHER
    + r"\b[^,;:]{0,80}?\b(?:"
    + _DOES
    + r")"
)
_WHO = _Lazy(r"^\s*(?:qui|laquelle|lequel|lesquels|lesquelles)\s+(?:" + _DOES + r")")
_ENDS_WITH_OTHER = _Lazy(r"\b" + _OTHER + r"\b(?:\s+[\w'-]+){0,3}\s*[,(]?\s*$")
# another provider's mission named inside the firm's own bullet: cut from there
_PARTNER = _Lazy(
    r"\b(?:avec|et|a|au|aux|du|de|des|par|que)\s+(?:le|la|les|l'|un|une|son|leur)\s*"
    r"(?:titulaire|prestataire|bureau d'etudes|maitre d'(?:oe|œ)uvre|equipe de maitrise"
    r"|maitrise d'(?:oe|œ)uvre|operateur|autre cabinet)\b"
)
# the firm's work "alongside" another party: the part naming the other party is cut out
_WITH = r"\b(?:en lien|en articulation|en coordination|en complementarite|en binome|de concert)"
_ALONGSIDE = _Lazy(
    _WITH + r"\s+avec\s+(?P<agent>.*)|\baux cotes\s+(?:(?:des|du|de)\s+|d')(?P<agent2>.*)"
)
_DONE_START = _Lazy(r"^\s*(?:" + _DONE + r")\b")
# a clause that starts with its verb, its subject written before an aside: "La concertation
# proprement dite (ateliers, comité de suivi) est conduite en régie par la Ville"
_VERB_START = _Lazy(
    r"^[\s)\]]*(?:est|sont|etait|etaient|fut|furent|a ete|ont ete|avait ete|avaient ete"
    r"|reste|restent|restait|restaient|demeure|demeurait)\s"
)

# one pass over a whole text says whether any clause of it may be a mention
_ANY = _Lazy(
    "|".join(
        [
            *(cue.pattern.replace("(?P<agent>.*)", "") for cue in _AGENT_CUES),
            _NEGATION.pattern,
            *(cue.pattern for cue in _ALWAYS),
            r"\b(?:" + _DOES + r")\b",
            _PARTNER.pattern,
            _WITH + r"\s+avec\b|\baux cotes\b",
        ]
    )
)

_BOUNDARY = _Lazy(
    r"[,;:()\[\]]|\s[-–—]\s|\s(?=(?:mais|tandis que|alors que|sauf|excepte|hormis)\s)"
)
# a named party: "la Ville", "Cristal Habitat", or an acronym ("les MOUS des bailleurs")
_CAPITAL = _Lazy(r"^\s*(?:(?:l'|la|le|les|un|une|des)\s*)?(?:[A-ZÀ-Ý][a-zà-ÿ]|[A-Z]{2,}\b)")


@lru_cache(maxsize=256)
def _flat_names(firms: tuple[str, ...]) -> list[str]:
    return [flat(f) for f in firms if len(f) > 3]


def _clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of ``text`` (commas, semicolons, brackets, dashes, "mais")."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        end = m.end() if m.group() not in "([" else m.start()
        if end > start:
            spans.append((start, end))
        start = end
    if start < len(text):
        spans.append((start, len(text)))
    return spans


class _Clauses:
    """The clauses of one text, read in flat and original form."""

    def __init__(self, text: str, low: str, firms: tuple[str, ...]) -> None:
        self.text, self.low = text, low
        self.firms = _flat_names(firms)

    def other(self, at: int, end: int) -> bool:
        """Whether the agent written at ``low[at:end]`` is a party other than the firm."""
        agent = self.low[at:end]
        head = agent[:60]
        if _FIRM.search(head[:40]) or any(f in head for f in self.firms):
            return False
        return bool(_OTHER_AGENT.match(agent) or _CAPITAL.match(self.text[at:end]))

    def agent_cue(self, start: int, end: int) -> bool:
        clause = self.low[start:end]
        for cue in _AGENT_CUES:
            for m in cue.finditer(clause):
                if self.other(start + m.start("agent"), end):
                    return True
        return False

    def mention(self, start: int, end: int, previous: tuple[int, int] | None) -> bool:
        """Whether a clause tells of work the firm did not do."""
        clause = self.low[start:end]
        negation = _NEGATION.search(clause)
        if negation and not _RELATIVE.search(clause, 0, negation.start()):
            return True
        if any(p.search(clause) for p in _ALWAYS) or self.agent_cue(start, end):
            return True
        if _FIRM.search(clause) or any(f in clause for f in self.firms):
            return False
        if _SUBJECT.search(clause):
            return True
        if previous and _WHO.match(clause):
            return bool(_ENDS_WITH_OTHER.search(self.low[previous[0] : previous[1]]))
        return False

    def cut(self, start: int, end: int) -> int | None:
        """Where another party's share starts inside a clause of the firm's work, if it does."""
        clause = self.low[start:end]
        negation = _NEGATION.search(clause)
        relative = negation and _RELATIVE.search(clause, 0, negation.start())
        if relative:
            return start + relative.start()
        partner = _PARTNER.search(clause)
        if partner and not _FIRM.match(clause, partner.start()):  # "…assurée par le titulaire"
            return start + partner.start()
        for m in _ALONGSIDE.finditer(clause):
            group = "agent" if m.group("agent") is not None else "agent2"
            if self.other(start + m.start(group), end):
                return start + m.start()
        return None


# every cue holds one of these words: a text without any is read in a few microseconds
_ANCHORS = frozenset(
    [w + end for w in _DONE_WORDS for end in ("", "e", "s", "es")]
    + _DOES_WORDS
    + """ne n non hors sans stade memoire tranche venir ulterieur ulterieure ulterieures
    ulterieurement sera seront devra devront pourra pourront prevu prevue prevus prevues
    envisage envisagee envisages envisagees evoque evoquee evoques evoquees mentionne
    mentionnee mentionnes mentionnees esquisse esquissee esquisses esquissees mis mise
    pris prise prend prenait prennent charge ressort competence responsabilite mains releve
    relevait relevaient relevent relever depend dependait dependaient dependent incombe
    incombait incombaient incombent relevant dependant incombant lien articulation
    coordination complementarite binome concert cotes titulaire prestataire prestataires
    bureau oeuvre œuvre operateur
    operateurs autre""".split()
)
# ASCII bytes: letters, digits and hyphens kept (lower-cased), anything else a space
_SPACED = bytes(
    (c | 0x20) if chr(c).isalpha() else c if chr(c).isdigit() or c == 0x2D else 0x20
    for c in range(256)
)
_ANCHOR_BYTES = frozenset(w.encode() for w in _ANCHORS) | {b"uvre"}  # "œuvre" loses its "œ"


@lru_cache(maxsize=65536)
def may_mention(text: str) -> bool:
    """Whether some clause of ``text`` may be a mention (False for most texts, quickly)."""
    words = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").translate(_SPACED)
    if _ANCHOR_BYTES.isdisjoint(words.split()):
        return False
    return _ANY.search(flat(text)) is not None


def split(text: str, firms: tuple[str, ...] = ()) -> tuple[tuple[str, bool], ...]:
    """``text`` as (piece, is a mention) pairs; one ``(text, False)`` pair when nothing is.

    Pieces are stripped substrings of ``text``, in order; consecutive clauses of the same
    kind are kept together. ``firms`` are the firm's own names (an agent, never another party).
    """
    if not may_mention(text):  # most texts: one cached look
        return ((text, False),)
    return _split(text, firms)


def _mark_subject(c: _Clauses, cuts: list[tuple[int, int]], marks: list[bool]) -> None:
    """Mark the clauses before a verb-first mention as its subject, back to the start of
    the sentence part (a clause ending with ";" or ":"), unless one of them names the firm."""
    j = len(marks)
    while j > 0 and not marks[j - 1]:
        clause = c.low[cuts[j - 1][0] : cuts[j - 1][1]]
        if clause.rstrip().endswith((";", ":")):
            break
        if _FIRM.search(clause):
            return
        j -= 1
    for k in range(j, len(marks)):
        marks[k] = True


@lru_cache(maxsize=16384)
def _split(text: str, firms: tuple[str, ...]) -> tuple[tuple[str, bool], ...]:
    low = flat(text)
    c = _Clauses(text, low, firms)
    spans = _clauses(low)
    marks: list[bool] = []
    cuts: list[tuple[int, int]] = []
    for i, (start, end) in enumerate(spans):
        previous = spans[i - 1] if i else None
        mention = c.mention(start, end, previous)
        if mention and previous is not None and marks and not marks[-1]:
            # "la concertation, conduite par la Ville, …": the participle qualifies the
            # clause before it
            before = c.low[previous[0] : previous[1]]
            if _DONE_START.match(c.low[start:end]) and not _FIRM.search(before):
                marks[-1] = True
            elif _VERB_START.match(c.low[start:end]):
                _mark_subject(c, cuts, marks)
        cut = None if mention else c.cut(start, end)
        if cut is not None and cut > start:
            cuts += [(start, cut), (cut, end)]
            marks += [False, True]
        else:
            cuts.append((start, end))
            marks.append(mention or cut is not None)
    if not any(marks):
        return ((text, False),)
    pieces: list[tuple[str, bool]] = []
    run_start, run_mark = cuts[0][0], marks[0]
    for (start, _end), mark in zip(cuts[1:], marks[1:], strict=True):
        if mark != run_mark:
            pieces.append((text[run_start:start], run_mark))
            run_start, run_mark = start, mark
    pieces.append((text[run_start:], run_mark))
    out = [(p.strip(" ,;:-–—\t\n"), m) for p, m in pieces]
    return tuple((p, m) for p, m in out if any(ch.isalnum() for ch in p))
