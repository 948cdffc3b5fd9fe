"""Issue 12, section 1: statements in the product's content checked against the five source
documents in ../shared/seeds/ (000 to 004). Each correction is tested twice: the phrase or fact
the product now uses is in the seed (read here, not copied), and the wrong statement appears
nowhere in the product's content.

"The product's content" is every string literal in the project's own Python modules (the
bundled learning paths, the resource bank, the "what to expect" pages, the tracker's themes, the
board report), read with `ast` so that strings split over several lines are joined as Python
joins them, and the text of every template."""

import ast
import re
from functools import cache
from pathlib import Path

import pytest

from coproduction.tracker.seeds import HALLMARKS
from coproduction.what_to_expect.services import TOPICS
from learning.bundled import content_paths

ROOT = Path(__file__).resolve().parent.parent
# Copies of the seed files (../shared/seeds/), so the checks run wherever the project is cloned;
# test_the_copied_seeds_are_the_seeds keeps them the same where the originals are at hand.
SEEDS = Path(__file__).resolve().parent / "sources"
ORIGINALS = next(
    (folder / "shared" / "seeds" for folder in ROOT.parents if (folder / "shared/seeds").is_dir()),
    None,
)
PRODUCT = ("cms", "coproduction", "leadership", "learning")


def normal(text):
    """One line, straight quotes, single spaces, lower case: how the texts are compared."""
    text = re.sub(r"<[^>]+>", " ", text)
    for curly, straight in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, straight)
    text = text.replace("\u2026", "...")
    return re.sub(r"\s+", " ", text).strip().lower()


@cache
def seed(number):
    """The text of seed `00<number>_*.txt`."""
    (path,) = SEEDS.glob(f"00{number}_*.txt")
    return normal(path.read_text(encoding="utf-8"))


def test_the_copied_seeds_are_the_seeds():
    if ORIGINALS is None:
        pytest.skip("../shared/seeds/ is not beside this checkout: no originals to compare")
    copies = {path.name: path.read_bytes() for path in SEEDS.glob("*.txt")}
    originals = {path.name: path.read_bytes() for path in ORIGINALS.glob("*.txt")}
    assert copies == originals


def strings_of(path):
    if path.suffix == ".html":
        return [path.read_text(encoding="utf-8")]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


@cache
def product_text():
    texts = []
    for top in PRODUCT:
        for path in sorted((ROOT / top).rglob("*")):
            if path.suffix in {".py", ".html"} and ".venv" not in path.parts:
                texts += strings_of(path)
    return normal(" \n ".join(texts))


def file_text(relative):
    return normal(" ".join(strings_of(ROOT / relative)))


def walk(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from walk(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from walk(item)


def path_data(slug):
    return next(path for path in content_paths() if path["slug"] == slug)


def path_text(slug):
    return normal(" ".join(walk(path_data(slug))))


def resource(slug):
    from cms.pages.demo import RESOURCES

    data = next(data for data in RESOURCES if data["slug"] == slug)
    return normal(" ".join(walk(data["body"])))


def topic_text(topic):
    _topic, title, _slug, summary, body = next(entry for entry in TOPICS if entry[0] == topic)
    return normal(" ".join([title, summary, *walk(body)]))


def absent(pattern):
    """The places in the product's content where `pattern` still appears."""
    text = product_text()
    return [text[max(m.start() - 60, 0) : m.end() + 60] for m in re.finditer(pattern, text)]


# --- The board questions: four, as NHS England's letter (seed 002) asks them --------------------

BOARD_QUESTIONS = (
    "could this happen here?",
    "how would we know?",
    "how robust is the assessment of services and the culture of services?",
    "are we visible enough and do we hear enough from patients, their families and all staff",
)


def test_the_letter_asks_four_board_questions():
    for question in BOARD_QUESTIONS:
        assert question in seed(2)
    assert "the porter, cleaner, hcas" in seed(2)


@pytest.mark.parametrize(
    "where",
    [
        "learning/bundled/red_flags.py",
        "learning/bundled/leadership.py",
        "leadership/reports/sections.py",
    ],
)
def test_every_place_that_asks_the_board_questions_asks_all_four(where):
    text = file_text(where)
    for question in BOARD_QUESTIONS:
        assert question in text, f"{where}: {question!r}"


def test_the_resource_bank_gives_the_four_board_questions():
    text = resource("warning-signs-for-leaders")
    for question in BOARD_QUESTIONS:
        assert question in text


def test_no_content_says_the_letter_asked_two_or_three_questions():
    assert absent(r"\b(two|three) (board )?questions\b") == []


# --- Matthew Winn's summary is two diagrams; the bullets are other conversations (seed 000) ----


def test_the_seed_credits_coproduced_goals_and_levelling_hierarchies_to_others():
    text = seed(0)
    assert "the following two diagrams form part of that summary" in text
    assert "other conversations that informed this paper build on and corroborate" in text
    assert "coproduction, of goals and what will be measured" in text
    assert "(louise patmore)" in text
    assert "levelling hierarchies" in text
    assert "patient safety learning. the hub" in text


def test_the_leadership_path_credits_goals_and_hierarchies_as_the_seed_does():
    text = path_text("leadership")
    assert "two diagrams" in text
    assert "louise patmore" in text
    assert "levelling hierarchies" in text
    assert "patient safety learning" in text
    assert absent(r"common threads") == []
    assert absent(r"flatter hierarch") == []


def test_no_knowledge_check_credits_goals_or_hierarchies_to_the_podcasts():
    for item in path_data("leadership")["items"]:
        for kind, value in item.get("body", []):
            if kind != "knowledge_check" or "winn" not in normal(value["question"]):
                continue
            for option in value["options"]:
                if option["correct"]:
                    assert "hierarch" not in normal(option["text"])
                    assert "co-produc" not in normal(option["text"])
                    assert "honest" not in normal(option["text"])


# --- Tracker themes say what the hallmarks say (seed 000) --------------------------------------

# key: (the hallmark as seed 000 words it, words of it the label must keep)
HALLMARK_WORDS = {
    "hm_disconnected": (
        "lack of connection across an organisation and/or system. poor teamwork/communication",
        ("connection", "organisation", "system", "teamwork", "communication"),
    ),
    "hm_fragmented": (
        "fragmented approaches, not aggregating concerns, not recognising patterns or themes",
        ("fragmented", "concerns", "patterns"),
    ),
    "hm_risk_avoidance": (
        "risk avoidance. resistance to scrutiny, avoiding hearing or responding to complaints, "
        "preventing escalation outwards from the organisation. reputational management",
        ("risk avoidance", "scrutiny", "reputation"),
    ),
}


@pytest.mark.parametrize("key", sorted(HALLMARK_WORDS))
def test_hallmark_labels_keep_the_seeds_meaning(key):
    hallmark, words = HALLMARK_WORDS[key]
    assert hallmark in seed(0)
    label = normal(dict(HALLMARKS)[key])
    for word in words:
        assert word in hallmark
        assert word in label, f"{key}: {label!r} lacks {word!r}"


def test_the_old_hallmark_labels_are_gone():
    for old in (
        "leaders out of touch with daily life",
        "teams working in silos",
        "avoiding risk instead of supporting people",
    ):
        assert absent(re.escape(old)) == []


# --- Northbrooke House: turned round by dismissals, closed beds and talking with all staff -----


def test_the_seed_says_how_northbrooke_house_was_turned_round():
    text = seed(0)
    assert "the registered manager, deputy manager and seven or eight staff members were all " in (
        text
    )
    assert "beds were closed to give that space" in text
    assert "we needed time to have conversations with all the staff" in text
    assert "we have set up a family forum with refreshments and guest speakers" in text


def test_what_to_expect_says_what_turned_northbrooke_house_round():
    text = topic_text("good_care")
    assert "northbrooke house" in text
    assert "dismissed" in text
    assert "closed beds" in text
    assert "all the staff" in text
    assert absent(r"replac\w* (a |the )?(defensive )?relatives'? meeting") == []
    assert absent(r"turned (a|the) failing home (a)?round[^.]*family forum") == []


# --- "Staff and/or management no longer see people as people" is part of a definition (004) ---


def test_the_definition_includes_staff_and_or_management():
    assert (
        "including where 'staff and/or management no longer see people using the service as "
        "people'" in seed(4)
    )
    for text in (path_text("red-flags"), resource("what-is-a-closed-culture")):
        assert "staff and/or management" in text
    assert absent(r"\bcore (test|sign)\b") == []
    assert absent(r"clearest sign of all") == []


# --- CQC's 2023 improvement actions are CQC's own intentions (000) ----------------------------


def test_cqc_actions_are_cqcs_own():
    text = seed(0)
    assert "summary of findings and improvement actions" in text
    assert "cqc has said this is an intention" in text
    assert "cqc's own" in path_text("listening")
    assert "cqc's own" in resource("speaking-up")
    assert absent(r"\bcqc\b[^.]{0,60}\bexpects?\b") == []


# --- Recruitment: social work and AMHP; "trained and paid" is the buddy scheme (003) ----------


def test_recruitment_recommendation_is_about_social_work_and_amhps():
    text = seed(3)
    assert (
        "service users should be fully involved in social work and approved mental health "
        "professional recruitment" in text
    )
    assert "trained and paid service users to assess their own practice through a 'buddy " in (text)
    for product in (path_text("values-recruitment"), resource("values-based-recruitment")):
        assert "approved mental health professional" in product
        assert "buddy" in product
    # "Trained and paid" only in the same sentence as the buddy scheme, never with recruitment.
    for sentence in re.split(r"(?<=[.?!])\s", product_text()):
        if re.search(r"trained,? (and )?paid|paid and trained", sentence):
            assert "recruit" not in sentence, sentence


# --- "What to expect": only what a source supports, or a marker an author sees --------------

UNSOURCED = {
    "fees": ("competition and markets authority", "cma"),
    "concerns": ("12 months", "regulation 16"),
    "advocacy": ("sections 67", "imca"),
    "regulator": ("give feedback on care", "requires improvement"),
    "good_care": ("regulation 9a", "section 1"),
}


@pytest.mark.parametrize("topic", sorted(UNSOURCED))
def test_unsourced_what_to_expect_facts_are_marked_for_an_author(topic):
    from coproduction.what_to_expect.services import FACTS_TO_CHECK

    text = topic_text(topic)
    for name in UNSOURCED[topic]:
        if re.search(rf"\b{re.escape(name)}\b", text):
            assert not any(re.search(rf"\b{re.escape(name)}\b", s) for s in map(seed, range(5)))
            assert re.search(rf"\b{re.escape(name)}\b", normal(FACTS_TO_CHECK.get(topic, ""))), (
                f"{topic}: {name!r} is stated without a source and not marked for checking"
            )


# --- Content that was missing -------------------------------------------------------------


def impacts():
    text = seed(3)
    block = text[text.index("impacts - ") : text.index("sources of harm 1.")]
    return [item.strip() for item in block.removeprefix("impacts").split(" - ") if item.strip()]


def test_the_thirteen_impacts_of_harm_are_taught():
    found = impacts()
    assert len(found) == 13
    module = next(
        item
        for path in content_paths()
        for item in path["items"]
        if item["type"] == "module" and "suicidality" in normal(" ".join(walk(item["body"])))
    )
    text = normal(" ".join(walk([v for k, v in module["body"] if k in ("text", "key_fact")])))
    for impact in found:
        assert impact in text, impact
    principles = "honesty, openness, transparency, responsiveness, empathy and humanity"
    assert f"core principles of {principles}" in seed(3)
    assert principles in text
    assert any(kind == "knowledge_check" for kind, _ in module["body"])


def enquiry_findings():
    text = seed(1)
    start = text.index("typically, organisational failure or abuse enquiries have identified:")
    block = text[start : text.index("an alternative approach must be found")]
    items = [item.strip(" ;.") for item in block.split(":", 1)[1].split("·") if item.strip()]
    return [re.sub(r"^and |; and$", "", item).removesuffix("; and").strip() for item in items]


def test_typical_enquiry_findings_and_the_independent_route_are_taught():
    findings = enquiry_findings()
    assert len(findings) == 14
    text = path_text("red-flags")
    for finding in findings:
        assert finding in text, finding
    assert "a link worker for adults and their families should be identified and a dedicated " in (
        seed(1)
    )
    assert "phone line available to raise issues in confidence" in seed(1)
    assert "link worker" in text
    assert "phone line" in text


def test_the_boards_review_of_speak_up_advocacy_cetrs_and_restrictive_practice():
    text = seed(2)
    items = (
        "freedom to speak up arrangements",
        "advocacy provision",
        "complaints",
        "cetrs and icetrs",
        "other feedback on services",
        "seclusion and long term segregation",
    )
    for item in items:
        assert item in text
    for where in (path_text("leadership"), file_text("leadership/reports/sections.py")):
        for item in items:
            assert item in where, item
