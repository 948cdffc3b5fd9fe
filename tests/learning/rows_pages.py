"""Permission rows for the learning plugin: pages.

Learning pages are read by the members of their organisation (any role); anonymous visitors are
sent to sign in and signed-in people from outside the organisation are refused.
tests/learning/test_pages.py proves the refusal for a member of another organisation.
"""

from tests.permission_table import ANONYMOUS, LOGIN, NO_ROLE, Row, everyone


def _page_url(kind):
    def build(world):
        from tests.learning.factories import (
            LearningIndexPageFactory,
            LearningPathPageFactory,
            ModulePageFactory,
            ScenarioPageFactory,
        )

        index = LearningIndexPageFactory(organisation=world.organisation)
        if kind == "index":
            return index.url
        path = LearningPathPageFactory(parent=index)
        if kind == "path":
            return path.url
        factory = ModulePageFactory if kind == "module" else ScenarioPageFactory
        return factory(parent=path).url

    return build


_MEMBERS_ONLY = everyone(200).but(**{ANONYMOUS: LOGIN, NO_ROLE: 403})

ROWS = [
    Row("learning.LearningIndexPage", _page_url("index"), _MEMBERS_ONLY),
    Row("learning.LearningPathPage", _page_url("path"), _MEMBERS_ONLY),
    Row("learning.ModulePage", _page_url("module"), _MEMBERS_ONLY),
    Row("learning.ScenarioPage", _page_url("scenario"), _MEMBERS_ONLY),
]
