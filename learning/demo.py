"""Demo learning content (used by `manage.py load_demo`): for each demo organisation, a "Learning"
index under the home page with the five paths from `learning.bundled`, published, and the
lived-experience review workflow attached. Safe to run again: pages are found by slug; a module
or scenario nobody has edited gets the bundled content's corrections (cms.bundled_pages), one an
author has edited is left as it is and named in the output, and an item added to the bundled
content is made in its place in the path."""

from cms.bundled_pages import EDITED, UPDATED, refresh_unedited
from cms.organisations.models import Organisation

from . import demo_learners
from .authoring.models import LearningIndexPage, LearningPathPage, ModulePage, ScenarioPage
from .authoring.services import attach_review_workflow
from .bundled import content_paths

DEMO_ORGANISATIONS = ["riverside", "northfield"]


def _sources():
    try:
        from cms.pages.demo import SOURCE_URLS, SOURCES
    except ImportError:  # the host's demo content is optional
        return {}, {}
    return SOURCES, SOURCE_URLS


def key_fact_value(fact):
    """A KeyFactBlock value from {"fact", "source"}; source keys ("S1", "CQC-CC, S1") become
    the full citations the host's resource bank uses, with a link where there is one."""
    sources, urls = _sources()
    keys = [key.strip() for key in str(fact.get("source", "")).split(",") if key.strip()]
    citation = "; ".join(sources.get(key, key) for key in keys)
    link = next((urls[key] for key in keys if key in urls), "")
    return {"fact": fact["fact"], "source": citation, "source_url": fact.get("source_url", link)}


def module_body(items):
    """ModuleBodyBlock raw data from the content schema's (kind, value) pairs."""
    body = []
    for kind, value in items:
        if kind == "text":
            body.append(("paragraph_block", value))
        elif kind == "key_fact":
            body.append(("key_fact_block", key_fact_value(value)))
        elif kind == "quote":
            body.append(
                (
                    "quote_block",
                    {"text": value["text"], "attribution": value.get("attribution", "")},
                )
            )
        elif kind == "reflection":
            body.append(("reflection", value))
        elif kind == "knowledge_check":
            body.append(
                (
                    "knowledge_check",
                    {
                        "question": value["question"],
                        "multiple": bool(value.get("multiple")),
                        "options": [
                            {
                                "text": option["text"],
                                "correct": bool(option.get("correct")),
                                "explanation": option.get("explanation", ""),
                            }
                            for option in value["options"]
                        ],
                    },
                )
            )
        else:
            raise ValueError(f"Unknown module block {kind!r}")
    return body


def scenario_steps(steps):
    """ScenarioStepsBlock raw data from the content schema's steps."""
    return [
        (
            "step",
            {
                "key": step["key"],
                "situation": step["situation"],
                "person_says": step.get("person_says", ""),
                "is_ending": bool(step.get("ending")),
                "outcome": step.get("outcome", ""),
                "choices": [
                    {
                        "key": choice["key"],
                        "text": choice["text"],
                        "next_step": choice["next"],
                        "feedback": choice["feedback"],
                        "quality": choice["quality"],
                        "principles": list(choice.get("principles", [])),
                    }
                    for choice in step.get("choices", [])
                ],
            },
        )
        for step in steps
    ]


def _child(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _item_fields(item):
    common = {"title": item["title"], "summary": item.get("summary", "")}
    if item["type"] == "module":
        return ModulePage, {**common, "body": module_body(item["body"])}
    return ScenarioPage, {
        **common,
        "steps": scenario_steps(item["steps"]),
        "reflection_prompt": item.get("reflection_prompt", ""),
    }


def _item_page(item):
    model, fields = _item_fields(item)
    return model, model(slug=item["slug"], **fields)


def _put_in_place(path, page, later_items):
    """Move a newly made item before the first later item of the bundled order that exists."""
    for item in later_items:
        model, _fields = _item_fields(item)
        following = _child(path, model, item["slug"])
        if following is not None:
            page.move(following, pos="left")
            return


def refresh_path(index, path_data, stdout=None):
    """Bring the items of an existing path up to date with the bundled content (pages nobody
    has edited); returns the number of pages updated. Pages an author edited are named."""
    path = _child(index, LearningPathPage, path_data["slug"])
    if path is None:
        return 0
    updated = 0
    for item in path_data["items"]:
        model, fields = _item_fields(item)
        page = _child(path, model, item["slug"])
        if page is None:
            continue
        outcome = refresh_unedited(page, **fields)
        updated += outcome == UPDATED
        if outcome == EDITED and stdout:
            stdout.write(
                f"Kept {path.title} / {page.title}: edited by an author, so the bundled "
                "corrections were not applied. Compare it with learning.bundled.\n"
            )
    return updated


def load_path(index, path_data):
    """Create one path and its items under `index`, skipping pages that exist (a new item goes
    in its place in the path's order); returns the number of pages created."""
    created = 0
    path = _child(index, LearningPathPage, path_data["slug"])
    if path is None:
        path = _publish(
            index,
            LearningPathPage(
                title=path_data["title"],
                slug=path_data["slug"],
                imperative=path_data["imperative"],
                audiences=list(path_data.get("audiences", [])),
                summary=path_data["summary"],
                outcomes=list(path_data.get("outcomes", [])),
                estimated_minutes=path_data.get("estimated_minutes", 30),
                recertify_months=path_data.get("recertify_months", 0),
            ),
        )
        created += 1
    items = path_data["items"]
    for number, item in enumerate(items):
        model, page = _item_page(item)
        if _child(path, model, item["slug"]) is None:
            _publish(path, page)
            _put_in_place(path, page, items[number + 1 :])
            created += 1
    return created


def _missing_content(stdout):
    def say(name):
        if stdout:
            stdout.write(f"Learning content {name!r} is not written yet: skipped.\n")

    return say


def load(stdout):
    from wagtail.models import Page

    home = Page.objects.filter(depth=2).first()
    if home is None:
        stdout.write("No home page: run migrations first.\n")
        return
    paths = content_paths(on_missing=_missing_content(stdout))
    for slug in DEMO_ORGANISATIONS:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            continue
        index_slug = "learning" if slug == DEMO_ORGANISATIONS[0] else f"learning-{slug}"
        index = LearningIndexPage.objects.filter(organisation=organisation).first()
        if index is None:
            index = _publish(
                home,
                LearningIndexPage(
                    title="Learning" if index_slug == "learning" else f"Learning: {organisation}",
                    slug=index_slug,
                    organisation=organisation,
                    intro="<p>Learning paths built from real practice dilemmas.</p>",
                ),
            )
            stdout.write(f"Created {index.title} for {organisation}\n")
        updated = sum(refresh_path(index, path, stdout) for path in paths)
        created = sum(load_path(index, path) for path in paths)
        attach_review_workflow(index)
        stdout.write(
            f"Learning for {organisation}: {created} pages created, {updated} brought up to "
            "date with the bundled content.\n"
        )
    demo_learners.load(stdout)
