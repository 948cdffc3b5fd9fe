"""Seeding the "what to expect" pages of a service: an index page under the site's home page
and one page for each topic (coproduction.what_to_expect.models), published, in plain English, for
England. Each fact names its source; the organisation's authors check and edit the pages in
the Wagtail admin afterwards. Seeding is idempotent: it adds only what is missing.

Sources: the seeds in ../shared/seeds/ (S1, seed 000: the Island Healthcare case study, advocacy,
what families should be told; S2, seed 001: CQC's five key questions, a route independent of the
provider; S4, seed 003: intimidating complaints processes as a source of harm) and CQC on closed
cultures. Other statements (CMA consumer law advice, the Ombudsman, regulations 9A and 16, the
Care Act's advocacy duty, IMCAs, CQC's ratings and its feedback form) name public guidance that
no seed contains: FACTS_TO_CHECK lists them per page, and each seeded page carries its list in
`facts_to_check`, which the admin shows to whoever opens the page until an author has checked
them and emptied it."""

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Site

from .models import WhatToExpectIndexPage, WhatToExpectPage
from .selectors import index_for_service

__all__ = ["FACTS_TO_CHECK", "TOPICS", "seed_for_service"]

Topic = WhatToExpectPage.Topic

CMA_URL = "https://www.gov.uk/government/publications/care-homes-consumer-law-advice-for-providers"
CMA_SHORT_GUIDE_URL = (
    "https://www.gov.uk/government/publications/care-homes-short-guide-to-consumer-rights-for-"
    "residents"
)
LGSCO_URL = "https://www.lgo.org.uk/make-a-complaint"
CARE_ACT_67_URL = "https://www.legislation.gov.uk/ukpga/2014/23/section/67"
MCA_IMCA_URL = "https://www.legislation.gov.uk/ukpga/2005/9/section/35"
CQC_FEEDBACK_URL = "https://www.cqc.org.uk/give-feedback-on-care"
CQC_CLOSED_CULTURES_URL = (
    "https://www.cqc.org.uk/guidance-providers/how-cqc-identifies-responds-closed-cultures"
)
CQC_RATINGS_URL = "https://www.cqc.org.uk/about-us/how-we-do-our-job/ratings"
VISITING_URL = "https://www.cqc.org.uk/guidance-regulation/providers/regulations/regulation-9a-visiting-and-accompanying"
REG16_URL = "https://www.cqc.org.uk/guidance-providers/regulations/regulation-16-receiving-acting-complaints"


def _heading(text):
    return {"type": "heading_block", "value": {"heading_text": text, "size": "h2"}}


def _paragraph(*sentences):
    return {"type": "paragraph_block", "value": "".join(f"<p>{s}</p>" for s in sentences)}


def _list(*items):
    return {
        "type": "paragraph_block",
        "value": "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>",
    }


def _fact(fact, source, url=""):
    return {"type": "key_fact_block", "value": {"fact": fact, "source": source, "source_url": url}}


S1_TITLE = (
    "Encouraging a focus on organisational culture in preventing and responding to "
    "organisational abuse (Partners in Care and Health, 2025)"
)
S1_CASE_STUDY = f"{S1_TITLE}: Island Healthcare case study"
S2_TITLE = (
    "Best Practice Guidance for Responding to Organisational Failure or Abuse (Telford & "
    "Wrekin and Shropshire)"
)
S4_TITLE = "Carr, Sweeney, Coldham and Hudson, Avoidable Harm in Mental Health Social Care (2022)"

# Statements on each page that no seed supports, for an author to check against the source the
# page names (they are public guidance, but not in ../shared/seeds/). Plain text, one a line.
FACTS_TO_CHECK = {
    "good_care": "\n".join(
        [
            "Visiting: care homes must enable visits except in exceptional circumstances, "
            "since 6 April 2024 (regulation 9A).",
            "Capacity: a person is assumed to have capacity unless shown otherwise; an unwise "
            "decision is not proof of incapacity (Mental Capacity Act 2005, section 1).",
            "Earlier versions of this page credited a family forum with part of turning a "
            "failing home round. S1 does not say that: "
            "Northbrooke House was turned round by dismissals, closing beds and talking with "
            "all the staff; the family forum is the provider's general practice. If this page "
            "still says it, correct it.",
        ]
    ),
    "fees": "\n".join(
        [
            "Key information about fees and terms up front, before a decision (Competition "
            "and Markets Authority (CMA), Care homes: consumer law advice for providers, 2018).",
            "Unfair contract terms cannot be relied on; the examples given (CMA, short guide "
            "to consumer rights for residents, 2018).",
            "What the page says about deposits, notice, top-up fees, Citizens Advice and the "
            "council's advice.",
        ]
    ),
    "concerns": "\n".join(
        [
            "Every registered provider must have a complaints process and act on complaints "
            "(regulation 16).",
            "The Local Government and Social Care Ombudsman: free, independent, looks at "
            "council-arranged and self-funded care, usually expects a complaint to the "
            "provider first and within 12 months.",
            "CQC does not settle single complaints but uses feedback to decide where to inspect.",
        ]
    ),
    "advocacy": "\n".join(
        [
            "The council's duty to arrange an independent advocate (Care Act 2014, sections "
            "67 and 68).",
            "Independent Mental Capacity Advocates (IMCA) for serious medical treatment or a "
            "long-term move (Mental Capacity Act 2005, sections 35 to 39).",
        ]
    ),
    "regulator": "\n".join(
        [
            "CQC's ratings (outstanding, good, requires improvement, inadequate) and that a "
            "home must show its latest rating.",
            "CQC's online form Give feedback on care, that it can be used without a name, and "
            "that CQC uses it to decide when and where to inspect.",
        ]
    ),
}

# (topic, title, slug, summary, body). {service} is replaced by the service's name.
TOPICS = [
    (
        Topic.GOOD_CARE,
        "What good care looks like",
        "good-care",
        "Good care treats the person you visit as a person first: kind, safe, and with a say in "
        "their own day. This page says what you can expect to see at {service}, and what "
        "should make you ask questions.",
        [
            _heading("What you can expect"),
            _list(
                "Staff who know the person: their name, their history, what they like and what "
                "upsets them.",
                "Care that fits the person's day, not the rota: getting up, eating and going to "
                "bed when they choose, as far as possible.",
                "Being asked, and being helped to decide. People are assumed to be able to make "
                "their own decisions unless it is shown that they cannot make a particular one.",
                "Dignity and privacy: being dressed in their own clothes, doors closed during "
                "personal care, call bells answered.",
                "Being able to see the people who matter to them. Visits should only be limited "
                "in exceptional circumstances.",
                "Being told about the care plan, and you being involved if the person wants that.",
            ),
            _fact(
                "Since 6 April 2024 care homes must enable people to have visits, except in "
                "exceptional circumstances, and any precautions must be the least restrictive "
                "possible.",
                "Health and Social Care Act 2008 (Regulated Activities) Regulations 2014, "
                "regulation 9A",
                VISITING_URL,
            ),
            _fact(
                "A person must be assumed to have capacity unless it is shown that they lack "
                "it, and an unwise decision is not proof that they lack capacity.",
                "Mental Capacity Act 2005, section 1",
                "https://www.legislation.gov.uk/ukpga/2005/9/section/1",
            ),
            _heading("Signs that something may be wrong"),
            _paragraph(
                "Poor care can grow slowly, in any service. The regulator calls a service where "
                "this happens a “closed culture”. Things to notice and ask about:"
            ),
            _list(
                "People often in nightwear in the middle of the day, or call bells not answered.",
                "Many people kept in their rooms, or rules that limit food, drink or going out "
                "without a clear reason.",
                "Families not welcome, or visits cut short.",
                "Concerns answered with “that's their dementia” or never answered at all.",
                "Staff changing all the time, or managers who do not seem to know daily life "
                "in the home.",
            ),
            _fact(
                "A closed culture is a poor culture that makes harm, abuse and breaches of human "
                "rights more likely. Any service can develop one.",
                "CQC, How CQC identifies and responds to closed cultures (2022)",
                CQC_CLOSED_CULTURES_URL,
            ),
            _paragraph(
                "If something worries you, please say so: at the family forum, to the manager, "
                "or through “Raise a concern” on this site. You will get an answer. "
                "See the page on raising a concern or complaint."
            ),
            # S1, Island Healthcare case study: at Northbrooke House "The registered manager,
            # deputy manager and seven or eight staff members were all dismissed ... Beds were
            # closed to give that space and to give time to recruit the right people ... 'we
            # needed time to have conversations with all the staff about what we were trying to
            # achieve'". The family forum is the provider's general practice: "We have set up a
            # family forum with refreshments and guest speakers ... much more meaningful than a
            # standard relatives and residents meeting."
            _fact(
                "When a care provider found a harmful culture at one of its homes, Northbrooke "
                "House, it told CQC and the commissioners, dismissed the registered manager, the "
                "deputy manager and seven or eight staff, closed beds to give time to recruit "
                "the right people, and talked with all the staff about what it was trying to "
                "achieve.",
                S1_CASE_STUDY,
            ),
            _fact(
                "In its homes, the same provider runs a family forum with refreshments and guest "
                "speakers, where families can give feedback, ask questions and raise concerns. "
                "It finds this much more meaningful than a standard relatives' and residents' "
                "meeting, and it tells families what they can expect.",
                S1_CASE_STUDY,
            ),
        ],
    ),
    (
        Topic.FEES,
        "Fees and what the contract says",
        "fees-and-contract",
        "Before anyone moves in, {service} should tell you clearly what it costs, what the fee "
        "includes and what the contract says. The terms must be fair, and written so that you "
        "can understand them.",
        [
            # S1: "Inform about cost. Inform about what's in a contract that can help. The
            # latter is promoted as good practice in Bracknell Forest SAR, AB care home".
            _fact(
                "Providers should tell residents and families what they can expect and what is "
                "available, what it costs, and what is in the contract that can help. A "
                "safeguarding adults review (Bracknell Forest, AB care home) promotes this as "
                "good practice.",
                f"{S1_TITLE}: Island Healthcare case study and the Bracknell Forest review",
            ),
            _heading("What you should be told before deciding"),
            _list(
                "The weekly fee, and what it includes and does not include (for example "
                "hairdressing, outings or newspapers).",
                "Any deposit or payment in advance, and when it is paid back.",
                "How and when fees can go up, and how much notice you get.",
                "What happens if the person's money runs out, or if the council pays part of "
                "the fee.",
                "When the contract can end, and how much notice the home must give.",
                "How to complain, in a way that is easy to find and use.",
            ),
            _fact(
                "Care homes must give people the key information about fees and terms up front, "
                "before a decision is made, for example on their website and when you first ask, "
                "so you can compare homes.",
                "Competition and Markets Authority (CMA), Care homes: consumer law advice for "
                "providers (2018)",
                CMA_URL,
            ),
            _fact(
                "Contract terms must be fair and clear. Under consumer law an unfair term cannot "
                "be relied on: for example a term that lets the home put fees up without a "
                "clear reason, or keep charging for a long time after a resident has died.",
                "CMA, Care homes: short guide to consumer rights for residents (2018)",
                CMA_SHORT_GUIDE_URL,
            ),
            _heading("If you are unsure"),
            _paragraph(
                "Ask the manager to explain any part of the contract you do not understand, "
                "before you sign. You can also get free advice from Citizens Advice or the "
                "council's adult social care team. If the council arranges or pays for the care, "
                "it can tell you what it pays and what a top-up fee would cover."
            ),
        ],
    ),
    (
        Topic.CONCERNS,
        "How to raise a concern or complaint",
        "raising-a-concern",
        "You can raise a concern or make a complaint about the care at {service} at any time. "
        "It will be recorded and answered. If you are not happy with the answer, you can take "
        "it to the Ombudsman.",
        [
            _heading("If someone is in danger now"),
            _paragraph(
                "If someone is in immediate danger, call 999. If you think someone is being "
                "abused or neglected, you can also tell the council's adult safeguarding team "
                "directly, at any time: you do not have to go through the home first."
            ),
            _heading("Step 1: tell the home"),
            _paragraph(
                "Talk to the manager, raise it at the family forum, or use “Raise a "
                "concern” on this site (you can do this without giving your name). Say "
                "what happened, who is affected and what you would like to happen. You should "
                "be told when you will get an answer, and then what was found and what will "
                "change."
            ),
            _fact(
                "Every registered care provider must have a process for receiving, recording, "
                "looking into and responding to complaints, and must act on them.",
                "Health and Social Care Act 2008 (Regulated Activities) Regulations 2014, "
                "regulation 16",
                REG16_URL,
            ),
            # S2: "Adults should be provided with the means of sharing their experiences
            # independently of the provider, and if it is deemed necessary a link worker for
            # adults and their families should be identified and a dedicated phone line
            # available to raise issues in confidence." S4: "Inaccessible or intimidating
            # complaints processes" are a source of harm.
            _fact(
                "When there are serious concerns about a provider, people should have a way to "
                "share their experience that does not go through the provider. If needed, a "
                "link worker for them and their families, and a dedicated phone line to raise "
                "issues in confidence, should be set up.",
                S2_TITLE,
            ),
            _fact(
                "People who use services name complaints processes that are hard to use or "
                "intimidating as one of the things that harm them.",
                S4_TITLE,
            ),
            _heading("Step 2: the Local Government and Social Care Ombudsman"),
            _paragraph(
                "If you have complained to the home and are not happy with the answer, or it "
                "is taking too long, you can complain to the Local Government and Social Care "
                "Ombudsman. It is free and independent. It looks at care arranged by the council "
                "and care people pay for themselves."
            ),
            _fact(
                "The Ombudsman usually expects you to complain to the care provider first, and "
                "to come to it within 12 months of finding out about the problem.",
                "Local Government and Social Care Ombudsman, How to make a complaint",
                LGSCO_URL,
            ),
            _heading("Tell the regulator too"),
            _paragraph(
                "The Care Quality Commission (CQC) does not settle single complaints, but it "
                "wants to hear about care, good or bad: it uses what people tell it to decide "
                "where to inspect. See the page about the regulator."
            ),
        ],
    ),
    (
        Topic.ADVOCACY,
        "Independent advocacy",
        "advocacy",
        "An independent advocate helps a person say what they want and makes sure their rights "
        "are respected. Some people have a legal right to one, free of charge, arranged by the "
        "council.",
        [
            _heading("What an advocate does"),
            _paragraph(
                "An advocate is on the person's side and independent of the care home and the "
                "council. They help the person understand what is happening, say what they want "
                "and take part in decisions about their care. An advocate can also help family "
                "members who are raising concerns."
            ),
            _fact(
                "The council must arrange an independent advocate for a person who would have "
                "substantial difficulty being involved in their assessment, care planning, "
                "review or a safeguarding enquiry, when there is nobody suitable (such as a "
                "family member or friend) to support them.",
                "Care Act 2014, sections 67 and 68",
                CARE_ACT_67_URL,
            ),
            _fact(
                "A person who lacks capacity to make a decision about serious medical treatment "
                "or a long-term move, and has nobody suitable to consult, must be offered an "
                "Independent Mental Capacity Advocate (IMCA).",
                "Mental Capacity Act 2005, sections 35 to 39",
                MCA_IMCA_URL,
            ),
            _heading("How to ask for one"),
            _paragraph(
                "Ask the council's adult social care team, or ask the manager to help you "
                "contact the local advocacy service. You can ask even if you are not sure the "
                "person qualifies."
            ),
            _fact(
                "Advocacy is a right in safeguarding. A review after abuse at Whorlton Hall "
                "found that the advocacy people there received was not good enough and gave "
                "false reassurance.",
                S1_TITLE,
            ),
        ],
    ),
    (
        Topic.REGULATOR,
        "The regulator: the Care Quality Commission",
        "the-regulator",
        "The Care Quality Commission (CQC) registers, inspects and rates care services in "
        "England, including {service}. You can tell CQC about your experience of care at any "
        "time.",
        [
            _heading("What CQC does"),
            _paragraph(
                "CQC checks whether services are safe, effective, caring, responsive to "
                "people's needs and well-led. It publishes a rating for each: outstanding, good, "
                "requires improvement or inadequate. The home must show its latest rating in "
                "the home and on its website."
            ),
            # S2: CQC's approach "focuses on five key questions about care: Is it safe? Is it
            # effective? Is it responsive? Is it caring? Is it well-led?"
            _fact(
                "CQC's approach focuses on five key questions about care: is it safe, "
                "effective, responsive, caring and well-led?",
                S2_TITLE,
            ),
            _fact(
                "CQC rates services as outstanding, good, requires improvement or inadequate.",
                "Care Quality Commission, Ratings",
                CQC_RATINGS_URL,
            ),
            _heading("Give feedback on care"),
            _paragraph(
                "You can tell CQC about care you have seen or received, good or bad, using its "
                "online form “Give feedback on care”. You do not have to give your "
                "name. CQC does not usually deal with single complaints, but it uses what "
                "people tell it to decide when and where to inspect."
            ),
            _fact(
                "Anyone can share their experience of a care service with CQC using the “"
                "Give feedback on care” form.",
                "Care Quality Commission, Give feedback on care",
                CQC_FEEDBACK_URL,
            ),
            _paragraph(
                "To make a complaint about the care itself, start with the home, and then the "
                "Ombudsman: see the page on raising a concern or complaint."
            ),
        ],
    ),
]


def _home_page():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.specific if site else None


def _fill(text, service):
    return text.replace("{service}", service.name)


def _fill_body(body, service):
    filled = []
    for block in body:
        value = block["value"]
        if isinstance(value, str):
            value = _fill(value, service)
        elif isinstance(value, dict):
            value = {k: _fill(v, service) if isinstance(v, str) else v for k, v in value.items()}
        filled.append({"type": block["type"], "value": value})
    return filled


@transaction.atomic
def seed_for_service(service, parent_page=None):
    """The service's "what to expect" index page (made under `parent_page`, by default the
    site's home page, when it has none) with a published page for each topic it lacks."""
    index = index_for_service(service)
    if index is None:
        parent = parent_page or _home_page()
        slug = f"what-to-expect-{slugify(service.name)[:60]}" or "what-to-expect"
        if parent.get_children().filter(slug=slug).exists():
            slug = f"{slug}-{service.pk}"
        index = parent.add_child(
            instance=WhatToExpectIndexPage(
                title=f"What to expect at {service.name}",
                slug=slug,
                service=service,
                intro=(
                    f"Plain-English information for families of people living at "
                    f"{service.name}: what good care looks like, fees and the contract, how to "
                    "raise a concern, independent advocacy and the regulator. Written for "
                    "England; each fact names where it comes from."
                ),
            )
        )
        index.save_revision().publish()
    have = set(WhatToExpectPage.objects.child_of(index).values_list("topic", flat=True))
    for topic, title, slug, summary, body in TOPICS:
        if topic in have:
            continue
        page = index.add_child(
            instance=WhatToExpectPage(
                title=title,
                slug=slug,
                topic=topic,
                summary=_fill(summary, service),
                body=_fill_body(body, service),
                facts_to_check=FACTS_TO_CHECK.get(topic, ""),
            )
        )
        page.save_revision().publish()
    return index
