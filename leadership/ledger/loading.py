"""Loading a framework version and its map, from the data files in `frameworks/` (by the data
migration) or from a file an organisation admin uploads.

A framework file is JSON: a name, a version, where it comes from, its key questions each with
its statements, and its evidence categories, each with a slug and a title. A map file lists
links: a statement's slug, a category's slug, a kind (indicator, rule, evidence), a key and,
for evidence, parameters.

These functions take the app registry (`apps`), so the data migration can call them with the
models as they stood at that migration.
"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.text import slugify

FRAMEWORKS = Path(__file__).parent / "frameworks"
SITE_FRAMEWORK = FRAMEWORKS / "cqc-saf-2024.json"
SITE_MAP = FRAMEWORKS / "cqc-saf-2024-map.json"
LINK_KINDS = ("indicator", "rule", "evidence")


def read(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _text(entry, field, where):
    value = entry.get(field) if isinstance(entry, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"{where}: “{field}” is missing or empty.")
    return value.strip()


def _slugged(entries, where, seen):
    """Each entry's (slug, title): its slug, or one made from its title; slugs unique."""
    found = []
    if not isinstance(entries, list) or not entries:
        raise ValidationError(f"{where}: there must be at least one.")
    for number, entry in enumerate(entries, start=1):
        title = _text(entry, "title", f"{where} {number}")
        slug = slugify(entry.get("slug") or title)[:100]
        if not slug:
            raise ValidationError(f"{where} {number} (“{title}”): its title makes no slug.")
        if slug in seen:
            raise ValidationError(f"{where} {number} (“{title}”): “{slug}” is used twice.")
        seen.add(slug)
        found.append((slug, title[:200], entry))
    return found


def parse_framework(data):
    """A framework's content checked and in a fixed shape, or ValidationError saying what is
    wrong and where (`data`: the decoded JSON)."""
    if not isinstance(data, dict):
        raise ValidationError("The file must hold one framework: a JSON object.")
    questions = []
    statement_slugs = set()
    for slug, title, entry in _slugged(data.get("key_questions"), "Key question", set()):
        statements = _slugged(
            entry.get("statements"), f"Quality statement of “{title}”", statement_slugs
        )
        questions.append(
            {
                "slug": slug,
                "title": title,
                "statements": [{"slug": s, "title": t} for s, t, _entry in statements],
            }
        )
    categories = [
        {"slug": slug, "title": title}
        for slug, title, _entry in _slugged(
            data.get("evidence_categories"), "Evidence category", set()
        )
    ]
    return {
        "name": _text(data, "name", "The framework")[:200],
        "version": _text(data, "version", "The framework")[:40],
        "source": str(data.get("source") or "").strip(),
        "key_questions": questions,
        "evidence_categories": categories,
    }


def decode(upload):
    """The framework in an uploaded file, parsed, or ValidationError."""
    try:
        data = json.loads(upload.read().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValidationError(f"The file is not JSON the site can read ({error}).") from error
    return parse_framework(data)


def install_framework(apps, content, organisation_id=None, loaded_by_id=None):
    """Store a parsed framework (`parse_framework`) as a new version; returns it."""
    Framework = apps.get_model("leadership", "Framework")
    KeyQuestion = apps.get_model("leadership", "KeyQuestion")
    QualityStatement = apps.get_model("leadership", "QualityStatement")
    EvidenceCategory = apps.get_model("leadership", "EvidenceCategory")
    framework = Framework.objects.create(
        name=content["name"],
        version=content["version"],
        source=content["source"],
        organisation_id=organisation_id,
        loaded_by_id=loaded_by_id,
    )
    for q_order, question in enumerate(content["key_questions"], start=1):
        key_question = KeyQuestion.objects.create(
            framework=framework, slug=question["slug"], title=question["title"], order=q_order
        )
        QualityStatement.objects.bulk_create(
            QualityStatement(
                framework=framework,
                key_question=key_question,
                slug=statement["slug"],
                title=statement["title"],
                order=s_order,
            )
            for s_order, statement in enumerate(question["statements"], start=1)
        )
    EvidenceCategory.objects.bulk_create(
        EvidenceCategory(framework=framework, slug=c["slug"], title=c["title"], order=order)
        for order, c in enumerate(content["evidence_categories"], start=1)
    )
    return framework


def install_map(apps, framework, links, organisation_id=None):
    """Store map links ({statement, category, kind, key, params}) against `framework`'s
    statements; a link naming a statement or category the framework lacks is skipped (a later
    version may drop one). Returns how many were stored."""
    QualityStatement = apps.get_model("leadership", "QualityStatement")
    EvidenceCategory = apps.get_model("leadership", "EvidenceCategory")
    EvidenceLink = apps.get_model("leadership", "EvidenceLink")
    statements = {s.slug: s for s in QualityStatement.objects.filter(framework=framework)}
    categories = {c.slug: c for c in EvidenceCategory.objects.filter(framework=framework)}
    stored = [
        EvidenceLink(
            statement=statements[link["statement"]],
            category=categories[link["category"]],
            kind=link["kind"],
            key=link["key"],
            params=link.get("params") or {},
            organisation_id=organisation_id,
        )
        for link in links
        if link["statement"] in statements
        and link["category"] in categories
        and link["kind"] in LINK_KINDS
    ]
    EvidenceLink.objects.bulk_create(stored)
    return len(stored)


def load_site_framework(apps, schema_editor=None):
    """The data migration: the site's framework version and its starting map."""
    framework = install_framework(apps, parse_framework(read(SITE_FRAMEWORK)))
    install_map(apps, framework, read(SITE_MAP)["links"])
