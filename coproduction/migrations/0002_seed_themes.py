from django.db import migrations

from coproduction.tracker.seeds import seed_themes_migration


class Migration(migrations.Migration):
    dependencies = [("coproduction", "0001_initial")]

    operations = [migrations.RunPython(seed_themes_migration, migrations.RunPython.noop)]
