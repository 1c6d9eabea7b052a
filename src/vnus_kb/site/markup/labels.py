"""Human words for kinds, fields and relations."""

from __future__ import annotations

KIND_LABELS: dict[str, tuple[str, str]] = {
    "organization": ("Organization", "Organizations"),
    "person": ("Person", "People"),
    "place": ("Place", "Places"),
    "agreement": ("Agreement", "Agreements"),
    "programme": ("Programme", "Programmes"),
    "event": ("Event", "Events"),
    "investment": ("Investment", "Investments"),
    "target": ("Target", "Workforce targets"),
    "indicator": ("Indicator", "Figures"),
    "partnership": ("Partnership", "Partnerships"),
    "discrepancy": ("Discrepancy", "Discrepancies"),
}

FIELD_LABELS = {
    "headquarters": "Headquarters", "parent": "Parent", "within": "Within", "investors": "Investors",
    "partners": "Partners", "place": "Place", "parties": "Parties", "participants": "Participants",
    "outcomes": "Outcomes", "part_of": "Part of", "owner": "Owner", "programme": "Programme",
    "contributes_to": "Contributes to", "subjects": "About", "about": "About", "event": "Event",
    "organization": "Role at", "by": "Progress by", "distinct_from": "Not to be confused with",
}

# (kind of the referring record, field) -> heading on the referred record's page
BACKLINK_LABELS = {
    ("investment", "investors"): "Investments",  # by status: see backlink_label
    ("investment", "partners"): "Partner in investments",
    ("investment", "place"): "Investments here",
    ("organization", "headquarters"): "Headquarters of",
    ("organization", "parent"): "Subsidiaries and units",
    ("place", "within"): "Places within",
    ("event", "participants"): "Took part in",
    ("event", "place"): "Events here",
    ("event", "outcomes"): "Came out of",
    ("event", "part_of"): "Sub-events",
    ("agreement", "parties"): "Party to",
    ("agreement", "event"): "Agreements made here",
    ("target", "owner"): "Targets set",
    ("target", "contributes_to"): "Fed by these targets",
    ("target", "programme"): "Targets of this programme",
    ("person", "organization"): "People",
    ("partnership", "parties"): "Partnerships",
    ("partnership", "event"): "Partnerships announced here",
    ("programme", "owner"): "Programmes",
    ("programme", "partners"): "Partner in programmes",
    ("indicator", "subjects"): "Figures",
    ("discrepancy", "about"): "Discrepancies in the sources",
    ("target", "by"): "Progress towards targets",
}


# An investment's status, in the words a heading may use: never more than the status says.
STATUS_GROUPS = {"under-construction": "made", "operating": "made", "completed": "made", "committed": "committed",
                 "planned": "planned", "announced": "announced", "proposed": "proposed"}
_INVESTMENT_BACKLINKS = {"investors": "Investments {}", "partners": "Partner in investments {}",
                         "place": "Investments {} here"}


def backlink_label(kind: str, field: str, status: str | None = None) -> str:
    if kind == "investment" and status in STATUS_GROUPS and field in _INVESTMENT_BACKLINKS:
        return _INVESTMENT_BACKLINKS[field].format(STATUS_GROUPS[status])
    return BACKLINK_LABELS.get((kind, field)) or f"{KIND_LABELS[kind][1]} ({FIELD_LABELS.get(field, field)})"


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field) or field.replace("_", " ").capitalize()
