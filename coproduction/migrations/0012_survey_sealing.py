"""Family surveys are sealed when they close, as staff pulse rounds are (cms.sealing): the
survey records when its rows were rewritten and when the tables were vacuumed, and a receipt's
key becomes a random UUID, since a numbered key says who answered when.

A primary key cannot be turned from a number into a UUID in place on every database, so the
receipts move to a new table (in a random order, under new keys) that then takes the old one's
name. Surveys already closed are rewritten and sealed by the next sweep
(services.family_surveys_seal)."""

import secrets
import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_receipts(apps, schema_editor):
    old = apps.get_model("coproduction", "SurveyReceipt")
    new = apps.get_model("coproduction", "SurveyReceiptByKey")
    rows = list(old.objects.values_list("survey_id", "user_id"))
    secrets.SystemRandom().shuffle(rows)
    new.objects.bulk_create(
        [new(id=uuid.uuid4(), survey_id=survey, user_id=user) for survey, user in rows],
        batch_size=500,
    )


def move_receipts_back(apps, schema_editor):
    old = apps.get_model("coproduction", "SurveyReceipt")
    new = apps.get_model("coproduction", "SurveyReceiptByKey")
    old.objects.bulk_create(
        [
            old(survey_id=survey, user_id=user)
            for survey, user in new.objects.values_list("survey_id", "user_id")
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("coproduction", "0011_quote_consent"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="familysurvey",
            name="rewritten_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="familysurvey",
            name="sealed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.CreateModel(
            name="SurveyReceiptByKey",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "survey",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="coproduction.familysurvey",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
        migrations.RunPython(move_receipts, move_receipts_back),
        migrations.DeleteModel(name="SurveyReceipt"),
        migrations.RenameModel(old_name="SurveyReceiptByKey", new_name="SurveyReceipt"),
        migrations.AlterField(
            model_name="surveyreceipt",
            name="survey",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="receipts",
                to="coproduction.familysurvey",
            ),
        ),
        migrations.AlterField(
            model_name="surveyreceipt",
            name="user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="survey_receipts",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="surveyreceipt",
            constraint=models.UniqueConstraint(
                fields=("survey", "user"), name="one_answer_a_person"
            ),
        ),
    ]
