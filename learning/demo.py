"""Demo learning content (used by `manage.py load_demo`): for each demo organisation, a "Learning"
index under the home page with the five paths from `learning.bundled`, published, and the
lived-experience review workflow attached. Safe to run again: pages are found by slug, and pages
that already exist are left as authors may have changed them."""

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


def _item_page(item):
    common = {"title": item["title"], "slug": item["slug"], "summary": item.get("summary", "")}
    if item["type"] == "module":
        return ModulePage, ModulePage(body=module_body(item["body"]), **common)
    return ScenarioPage, ScenarioPage(
        steps=scenario_steps(item["steps"]),
        reflection_prompt=item.get("reflection_prompt", ""),
        **common,
    )


def load_path(index, path_data):
    """Create one path and its items under `index`, skipping pages that exist; returns the
    number of pages created."""
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
    for item in path_data["items"]:
        model, page = _item_page(item)
        if _child(path, model, item["slug"]) is None:
            _publish(path, page)
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
        created = sum(load_path(index, path) for path in paths)
        attach_review_workflow(index)
        stdout.write(f"Learning for {organisation}: {created} pages created.\n")
    demo_learners.load(stdout)
