"""Corrections to the bundled learning content reach an existing site: running the loader again
brings every module and scenario nobody has edited up to date (a new published revision), leaves
a page an author has edited alone and says so, does nothing when nothing changed, and puts an
item added to the bundled content in its place in the path's order."""

import copy
import io

import pytest

from learning.authoring.models import LearningPathPage, ModulePage, ScenarioPage
from learning.bundled import content_paths
from learning.demo import load_path, refresh_path
from tests.cms.factories import UserFactory
from tests.learning.factories import LearningIndexPageFactory

pytestmark = pytest.mark.django_db

NEW_MODULE = "what-avoidable-harm-does"


def red_flags():
    return copy.deepcopy(next(path for path in content_paths() if path["slug"] == "red-flags"))


def old_red_flags():
    """The red-flags path as a site loaded it before the corrections: the old wording of one key
    fact and of a scenario's feedback, and without the module added since."""
    path = red_flags()
    path["items"] = [item for item in path["items"] if item["slug"] != NEW_MODULE]
    module = path["items"][0]
    for number, (kind, value) in enumerate(module["body"]):
        if kind == "key_fact" and "staff and/or management" in value["fact"]:
            module["body"][number] = (kind, {**value, "fact": "The core test is simple."})
    scenario = next(item for item in path["items"] if item["type"] == "scenario")
    scenario["steps"][0]["choices"][0]["feedback"] = "Old feedback."
    return path


def texts(page):
    stream = page.body if isinstance(page, ModulePage) else page.steps
    return str(stream.get_prep_value())


@pytest.fixture
def index(organisation):
    return LearningIndexPageFactory(organisation=organisation)


def test_a_rerun_corrects_unedited_pages_keeps_edited_ones_and_adds_new_items_in_order(index):
    load_path(index, old_red_flags())
    path = LearningPathPage.objects.child_of(index).get()
    module = ModulePage.objects.child_of(path).get(slug="what-closed-cultures-look-like")
    scenario = ScenarioPage.objects.child_of(path).first()
    edited = ModulePage.objects.child_of(path).get(slug="early-warning-signs")
    edited.summary = "Our own summary."
    edited.save_revision(user=UserFactory()).publish()
    assert "The core test is simple." in texts(module)
    revisions = module.revisions.count()

    out = io.StringIO()
    assert refresh_path(index, red_flags(), out) == 2
    assert load_path(index, red_flags()) == 1

    module.refresh_from_db()
    scenario.refresh_from_db()
    edited.refresh_from_db()
    assert "The core test" not in texts(module)
    assert "staff and/or management" in texts(module)
    assert module.revisions.count() == revisions + 1 and module.live
    assert "Old feedback." not in texts(scenario)
    assert edited.summary == "Our own summary."
    assert "Kept" in out.getvalue() and edited.title in out.getvalue()
    slugs = [page.slug for page in path.get_children()]
    assert slugs == [item["slug"] for item in red_flags()["items"]]

    assert refresh_path(index, red_flags(), io.StringIO()) == 0
    assert module.revisions.count() == revisions + 1
