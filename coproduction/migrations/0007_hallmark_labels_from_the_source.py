"""Three hallmark themes relabelled in the words of S1 (seed 000): their labels had paraphrased
away what the hallmarks mean. Feedback and actions are tagged by a link to the Theme row, whose
key does not change, so tagged items need no change: refreshing the rows' labels is enough.
The labels are written here, not read from seeds.py, so this migration always does the same."""

from django.db import migrations

LABELS = {
    "hm_disconnected": (
        "Lack of connection across the organisation or system; poor teamwork and communication"
    ),
    "hm_risk_avoidance": (
        "Risk avoidance, resistance to scrutiny and complaints, and reputational management"
    ),
    "hm_fragmented": "Fragmented approaches: concerns not added up, patterns not recognised",
}


def relabel(apps, schema_editor):
    Theme = apps.get_model("coproduction", "Theme")
    for key, label in LABELS.items():
        Theme.objects.filter(key=key).update(label=label)


class Migration(migrations.Migration):
    dependencies = [("coproduction", "0006_round_title_sanitised_secret_ballots_sealed")]

    # Going back leaves the source's words in place.
    operations = [migrations.RunPython(relabel, migrations.RunPython.noop)]
