from django.db import migrations

STAKEHOLDERS = [
    ("Staff", "staff"),
    ("Families", "family"),
    ("People with lived experience", "lived-experience"),
    ("Leaders", "leader"),
    ("Commissioners", "commissioner"),
    ("Safeguarding Adults Boards", "safeguarding-board"),
]

# The five imperatives first, in the source paper's order, then the topics the learning paths
# cover (see domain/CONTENT-FACTS.md).
THEMES = [
    ("Listen, understand and act", "listen-and-act",
     "Hearing what people, families and staff say, and doing something about it."),
    ("Lead openly and courageously", "lead-openly",
     "Leaders who are honest about problems, present, and ready to ask for help."),
    ("Create a learning culture", "learning-culture",
     "Learning from what goes wrong and from what front-line staff find hard."),
    ("Make connections", "make-connections",
     "Joining up complaints, feedback and workforce data so that patterns show."),
    ("Translate values into action", "values-into-action",
     "Making stated values visible in everyday care and decisions."),
    ("Red flags", "red-flags", "Early warning signs that care may be going wrong."),
    ("Closed cultures", "closed-cultures",
     "How poor cultures form, who is most at risk, and how to open them up."),
    ("Legal literacy", "legal-literacy",
     "The law that protects people: mental capacity, safeguarding and human rights."),
    ("Values-based recruitment", "recruitment",
     "Recruiting and inducting staff for their values as well as their skills."),
    ("Co-production", "co-production",
     "People with lived experience and families shaping services as equals."),
]


def seed(apps, schema_editor):
    Stakeholder = apps.get_model("pages", "Stakeholder")
    Theme = apps.get_model("pages", "Theme")
    for order, (name, slug) in enumerate(STAKEHOLDERS):
        Stakeholder.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    for order, (name, slug, description) in enumerate(THEMES):
        Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )


def unseed(apps, schema_editor):
    apps.get_model("pages", "Stakeholder").objects.filter(
        slug__in=[slug for _, slug in STAKEHOLDERS]
    ).delete()
    apps.get_model("pages", "Theme").objects.filter(
        slug__in=[slug for _, slug, _ in THEMES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("pages", "0003_resource_bank")]

    operations = [migrations.RunPython(seed, unseed)]
