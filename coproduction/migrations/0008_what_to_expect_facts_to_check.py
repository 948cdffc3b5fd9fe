""""What to expect" pages get a box of facts an author must check (statements no bundled source
supports). Pages seeded before this migration get their topic's list too, on the page and on its
latest revision (what the editor opens), so the admin warns their authors; a page whose box an
author has already filled is left alone. Page bodies are not touched: authors may have edited
them, and the list tells them what to correct."""

from django.db import migrations, models


def mark_existing_pages(apps, schema_editor):
    from coproduction.what_to_expect.services import FACTS_TO_CHECK

    WhatToExpectPage = apps.get_model("coproduction", "WhatToExpectPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    for page in WhatToExpectPage.objects.filter(facts_to_check=""):
        text = FACTS_TO_CHECK.get(page.topic, "")
        if not text:
            continue
        page.facts_to_check = text
        page.save(update_fields=["facts_to_check"])
        if page.latest_revision_id:
            revision = Revision.objects.filter(pk=page.latest_revision_id).first()
            if revision is not None and not revision.content.get("facts_to_check"):
                revision.content = {**revision.content, "facts_to_check": text}
                revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [("coproduction", "0007_hallmark_labels_from_the_source")]

    operations = [
        migrations.AddField(
            model_name="whattoexpectpage",
            name="facts_to_check",
            field=models.TextField(
                blank=True,
                help_text="Statements on this page that no source bundled with the platform "
                "supports. Check each against the source it names (or remove it), then empty "
                "this box. Families never see this box; while it has text, the admin warns "
                "whoever opens the page.",
                verbose_name="facts to check",
            ),
        ),
        migrations.RunPython(mark_existing_pages, migrations.RunPython.noop),
    ]
