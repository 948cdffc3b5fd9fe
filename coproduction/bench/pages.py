"""The co-production plugin's pages for `make bench`: the family forum and the co-production
home (see cms/bench/pages.py)."""

from django.urls import reverse

from cms.bench.pages import OTHER, register


def family_forum(facts):
    """The forum the family member belongs to (the big service's forum when none)."""
    from coproduction.forums.models import FamilyForum

    forum = (
        FamilyForum.objects.filter(families__user=facts.user("family")).order_by("pk").first()
        or FamilyForum.objects.filter(service_id=facts.big_service_id).first()
    )
    return forum and reverse("coproduction:forum_detail", args=[forum.pk])


register(
    "family forum",
    role="family",
    url=family_forum,
    kind=OTHER,
    url_name="coproduction:forum_detail",
)
register(
    "co-production home",
    role="lived_experience",
    url=lambda facts: reverse("coproduction:space_list"),
    kind=OTHER,
    url_name="coproduction:space_list",
)
