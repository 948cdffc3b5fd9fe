"""The themes feedback and actions are tagged with (INDICATORS.md section F, sources S1, S4, S5),
in plain words. `seed_themes` is called from a data migration and is safe to run again."""

HARM_SOURCES = [
    ("harm_bureaucracy", "Systems and paperwork that get in the way"),
    ("harm_stigma", "Stigma and discrimination"),
    ("harm_fragmented", "Services that do not join up"),
    ("harm_no_support", "Support cut, delayed or missing"),
    ("harm_misconduct", "Serious misconduct or abuse by staff"),
    ("harm_culture", "A controlling or defensive organisation"),
    ("harm_practice", "Neglectful or controlling day-to-day care"),
]

# The eight hallmarks of S1 (seed 000, "Methodology"). Three labels keep the seed's own words:
# "Lack of connection across an organisation and/or system. Poor teamwork/communication";
# "Risk avoidance. Resistance to scrutiny, avoiding hearing or responding to complaints,
# preventing escalation outwards from the organisation. Reputational management"; "Fragmented
# approaches, not aggregating concerns, not recognising patterns or themes". Tags point at a
# Theme row by key, so a new label reaches tagged feedback through the row
# (migration coproduction 0007 refreshes the rows of an existing site).
HALLMARKS = [
    ("hm_not_listening", "Not listening"),
    ("hm_no_compassion", "No compassion"),
    (
        "hm_disconnected",
        "Lack of connection across the organisation or system; poor teamwork and communication",
    ),
    ("hm_defensive_leadership", "Defensive leadership"),
    ("hm_values_gap", "Values not lived"),
    ("hm_no_learning", "Not learning from what goes wrong"),
    (
        "hm_risk_avoidance",
        "Risk avoidance, resistance to scrutiny and complaints, and reputational management",
    ),
    ("hm_fragmented", "Fragmented approaches: concerns not added up, patterns not recognised"),
]

RECOMMENDATIONS = [
    ("rec_restorative", "Own the harm and put it right together"),
    ("rec_assessment", "Better assessment and care planning"),
    ("rec_frontline", "Better day-to-day practice: listening and kindness"),
    ("rec_principles", "Practice principles set by people who use services"),
    ("rec_recruitment", "People who use services in recruitment and training"),
    ("rec_regulation", "Better monitoring and regulation"),
    ("rec_complaints", "Complaints that are easy and safe to make"),
    ("rec_advocacy", "Independent advocacy and user-led support"),
    ("rec_risk", "Less control and restriction in the name of risk"),
]

THEMES = {
    "harm": HARM_SOURCES,
    "hallmark": HALLMARKS,
    "recommendation": RECOMMENDATIONS,
}


def seed_themes(theme_model):
    """Create or refresh every theme. `theme_model` is the model (historical, in a migration)."""
    for group, entries in THEMES.items():
        for rank, (key, label) in enumerate(entries, start=1):
            theme_model.objects.update_or_create(
                key=key, defaults={"label": label, "group": group, "rank": rank}
            )


def seed_themes_migration(apps, schema_editor):
    seed_themes(apps.get_model("coproduction", "Theme"))
