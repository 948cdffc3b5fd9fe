"""Demo content for the host site: the resource bank and two plain pages (used by `load_demo`).

Written in the project's own words from `domain/CONTENT-FACTS.md` and `INDICATORS.md`; every fact
names the source the domain notes give for it. Safe to run again: pages are found by slug; a
resource nobody has edited gets the bundled corrections to its summary and body
(cms.bundled_pages), and one an editor has changed is left as it is and named in the output.
"""

from wagtail.models import Site

from cms.bundled_pages import EDITED, UPDATED, refresh_unedited

from .models import (
    HomePage,
    ResourceIndexPage,
    ResourcePage,
    ResourceSource,
    Stakeholder,
    StandardPage,
    Theme,
)

# The source key in domain/CONTENT-FACTS.md, as a citation a reader can follow.
SOURCES = {
    "S1": "S1: Encouraging a focus on organisational culture in preventing and responding to "
    "organisational abuse, written for the Organisational Abuse Expert Reference Group hosted by "
    "Partners in Care and Health, 2025",
    "S2": "S2: Best Practice Guidance for Responding to Organisational Failure or Abuse "
    "(Telford & Wrekin and Shropshire, with the West Midlands framework)",
    "S3": "S3: Letter from NHS England to NHS boards after a BBC Panorama programme (undated)",
    "S4": "S4: Carr, Sweeney, Coldham and Hudson, Avoidable Harm in Mental Health Social Care, "
    "NIHR School for Social Care Research, 2022",
    "S5": "S5: Carr and others, 'A broken system'?, British Journal of Social Work, 2025",
    "CQC-CC": "CQC-CC: CQC, How CQC identifies and responds to closed cultures (updated "
    "12 May 2022) and the closed-cultures project pages",
    "PEL": "PEL: Patient Experience Library, Responding to challenge and the Red Flag Tracker, "
    "commissioned by CQC, 9 April 2025",
    "LGA-CC": "LGA-CC: Partners in Care and Health and the LGA, Closed cultures in social care: "
    "guidance and questions to ask, April 2024",
    "HULL": "HULL: University of Hull, Abuse in Care project (2012); Marsland, Oakes and White, "
    "Journal of Adult Protection 17(2), 2015",
    "NG189": "NICE guideline NG189: Safeguarding adults in care homes, February 2021",
    "CSSG": "CSSG: Department of Health and Social Care, Care and support statutory guidance, "
    "chapter 14",
    "MCA": "Mental Capacity Act 2005, sections 1 to 3",
    "CARE-ACT": "Care Act 2014, section 42",
    "PIDA": "Public Interest Disclosure Act 1998",
    "FTSU": "NHS England: Freedom to Speak Up, a guide for leaders in the NHS and organisations "
    "delivering NHS services, June 2022",
    "SFC-VBR": "Skills for Care: study of values-based recruitment by Consilium, April 2016",
    "SFC-STATE": "Skills for Care: The state of the adult social care sector and workforce in "
    "England, 2023/24 and 2024/25",
    "REG-9A": "Regulation 9A (visiting), Health and Social Care Act 2008 (Regulated Activities) "
    "Regulations 2014, in force from 6 April 2024",
}

SOURCE_URLS = {
    "S5": "https://doi.org/10.1093/bjsw/bcaf094",
    "MCA": "https://www.legislation.gov.uk/ukpga/2005/9/section/1",
    "CARE-ACT": "https://www.legislation.gov.uk/ukpga/2014/23/section/42",
    "NG189": "https://www.nice.org.uk/guidance/ng189",
}


# --- Small helpers that build StreamField data in BaseStreamBlock's raw form ----------------


def h2(text):
    return {"type": "heading_block", "value": {"heading_text": text, "size": "h2"}}


def h3(text):
    return {"type": "heading_block", "value": {"heading_text": text, "size": "h3"}}


def p(*paragraphs):
    return {"type": "paragraph_block", "value": "".join(f"<p>{t}</p>" for t in paragraphs)}


def bullets(*items, intro=""):
    lead = f"<p>{intro}</p>" if intro else ""
    return {
        "type": "paragraph_block",
        "value": lead + "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>",
    }


def numbered(*items, intro=""):
    lead = f"<p>{intro}</p>" if intro else ""
    return {
        "type": "paragraph_block",
        "value": lead + "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>",
    }


def fact(text, source, url=""):
    return {"type": "key_fact_block", "value": {"fact": text, "source": source, "source_url": url}}


# --- The resources -----------------------------------------------------------------------

ALL_STAKEHOLDERS = [
    "staff",
    "family",
    "lived-experience",
    "leader",
    "commissioner",
    "safeguarding-board",
]
IMPERATIVES = [
    "listen-and-act",
    "lead-openly",
    "learning-culture",
    "make-connections",
    "values-into-action",
]

RESOURCES = [
    {
        "slug": "what-is-a-closed-culture",
        "title": "What is a closed culture?",
        "summary": "A closed culture is a poor culture in a care setting that makes harm and abuse "
        "more likely. What it means, where it grows, who is most at risk and how to spot it.",
        "stakeholders": ALL_STAKEHOLDERS,
        "themes": ["closed-cultures", "red-flags"],
        "sources": ["CQC-CC", "S1", "S5"],
        "body": [
            p(
                "The Care Quality Commission (CQC) uses the words <em>closed culture</em> for a "
                "poor culture that makes it more likely that people will be harmed or abused, or "
                "that their human rights will be breached.",
                "A closed culture can grow in any service, including one with a good reputation.",
            ),
            fact(
                "Any care service can develop a closed culture.",
                "CQC closed-cultures guidance (CQC-CC)",
            ),
            h2("Where closed cultures are more likely"),
            bullets(
                "people live far away from their family and their community",
                "people stay for months or years",
                "leadership is weak",
                "staff do not have the skills they need",
                "the service rarely involves the people it supports or their families",
                intro="CQC says the risk is higher where:",
            ),
            h2("Who is most at risk"),
            p(
                "People who find it harder to speak up for themselves: people with a learning "
                "disability, autistic people, people living with dementia or mental ill-health, "
                "and older people who have no family in touch (CQC-CC)."
            ),
            h2("Eight hallmarks"),
            numbered(
                "People are not listened to.",
                "Compassion is missing.",
                "Staff and teams are poorly connected and do not work well together.",
                "Leaders are defensive and keep things hidden.",
                "What front-line leaders do is far from the values the organisation states.",
                "Nobody learns from what goes wrong.",
                "Protecting the organisation's reputation and avoiding risk come first.",
                "Concerns are handled one at a time and never added up.",
                intro="The paper behind this platform (S1) draws eight hallmarks from the "
                "inquiries into Mid Staffordshire, Winterbourne View, Orchid View, Whorlton Hall "
                "and other services:",
            ),
            fact(
                "When CQC looked at 29 inspections of services with closed cultures, six features "
                "kept coming up: abuse and restrictive practice, gaps in staff skills and "
                "training, cover-up, weak leadership and oversight, poor care, and poor reporting.",
                "CQC Insight, July 2021 (CQC-CC)",
            ),
            # S5 (seed 004): "defined as 'a poor culture that can lead to harm', including where
            # 'staff and/or management no longer see people using the service as people'".
            fact(
                "CQC's definition of a closed culture, as S5 cites it, includes a service where "
                "staff and/or management no longer see people using the service as people.",
                "CQC, cited in S5",
                SOURCE_URLS["S5"],
            ),
        ],
    },
    {
        "slug": "warning-signs-for-leaders",
        "title": "Warning signs: what leaders should look for",
        "summary": "No single figure proves abuse, but some patterns should always prompt "
        "questions. How to read warning signs together, and what to do next.",
        "stakeholders": ["leader", "commissioner", "safeguarding-board"],
        "themes": ["red-flags", "make-connections", "lead-openly"],
        "sources": ["CQC-CC", "PEL", "HULL", "S1", "S3"],
        "body": [
            p(
                "Warning signs start a conversation, a visit or a review. They do not prove that "
                "anyone has been abused. If you think someone may be being abused, tell the "
                "safeguarding lead straight away: do not wait for a pattern."
            ),
            h2("Risks that come with the service"),
            bullets(
                "people with high support needs",
                "people who stay a long time",
                "managers who change often",
                "a lot of agency or bank staff",
                "no regular supervision for staff",
                "complaints that are handled badly",
                intro="CQC's guidance for inspectors names risks such as:",
            ),
            h2("Signs in everyday life"),
            bullets(
                "staff or families worried about how people are treated, about violence, or "
                "about how complaints are dealt with",
                "managers who do not know what daily life in the service is like",
                "many people cared for on their own, away from others",
                "restrictions, even on food and drink, with no thought for people's rights",
                intro="Signs that CQC asks inspectors to notice include (CQC-CC):",
            ),
            p(
                "Researchers at the University of Hull collected more than 90 early signs from "
                "practitioners who had visited services where abuse happened. They fall into six "
                "groups: management and leadership; staff skills and practice; how residents "
                "behave and how well they are; keeping outsiders away; how care is planned and "
                "given; and basic care and the building (HULL)."
            ),
            h2("Quiet is not always good news"),
            p(
                "When complaints, incident reports or safeguarding concerns fall, it can mean "
                "people are afraid or have given up, not that care has improved. Look at a fall "
                "next to what staff say about speaking up."
            ),
            fact(
                "At one care home, four or five friends of the manager worked up to 70 hours a "
                "week, HR held reports of bullying and complaints went unanswered. Head office "
                "later said it had not brought this information together to see the pattern.",
                "Island Healthcare case study, Northbrooke House (S1)",
            ),
            h2("Three states to watch for"),
            bullets(
                "<strong>Complacency</strong>: nobody looked.",
                "<strong>Avoidance</strong>: people looked away.",
                "<strong>Denial</strong>: the signs were seen and rejected.",
                intro="The Patient Experience Library's Red Flag Tracker, commissioned by CQC, "
                "describes three states an organisation can be in (PEL):",
            ),
            # S3: "It is vital boards ask: could this happen here? how would we know? how
            # robust is the assessment of services and the culture of services? are we visible
            # enough and do we hear enough from patients, their families and all staff on a
            # ward e.g. the porter, cleaner, HCAs?"
            fact(
                "After a BBC Panorama programme, NHS England wrote to NHS boards that it is "
                "vital they ask four questions: could this happen here? How would we know? How "
                "robust is the assessment of services and the culture of services? Are we "
                "visible enough and do we hear enough from patients, their families and all "
                "staff, for example the porter, the cleaner and healthcare assistants?",
                "Letter from NHS England to NHS boards (S3)",
            ),
        ],
    },
    {
        "slug": "mental-capacity-act-principles",
        "title": "The Mental Capacity Act: its five principles",
        "summary": "The Mental Capacity Act 2005 starts from five principles. They protect each "
        "person's right to make their own decisions, and guide what happens when they cannot.",
        "stakeholders": ["staff", "family", "leader"],
        "themes": ["legal-literacy"],
        "sources": ["MCA", "S4"],
        "body": [
            h2("The five principles"),
            numbered(
                "Start by assuming the person can make the decision.",
                "Before deciding that they cannot, do everything practical to help them decide "
                "for themselves.",
                "A decision that seems unwise to others does not, by itself, show that the person "
                "cannot make it.",
                "Anything done for a person who cannot make the decision must be in their best "
                "interests.",
                "Think about whether there is a way that limits their rights and freedom less.",
                intro="Section 1 of the Act sets them out. In plain words:",
            ),
            p(
                "Principles 4 and 5 only apply once it has been shown that the person cannot make "
                "that particular decision."
            ),
            fact(
                "A decision that others think is unwise is not proof that a person lacks capacity.",
                "Mental Capacity Act 2005, section 1 (principle 3)",
                SOURCE_URLS["MCA"],
            ),
            h2("One decision at a time"),
            p(
                "Capacity is about a particular decision at a particular time. A person can make "
                "a decision if they can understand the information, keep it in mind long enough, "
                "use or weigh it, and tell you what they have decided in any way (sections 2 and "
                "3)."
            ),
            h2("Families and consent"),
            p(
                "A relative cannot give consent on behalf of an adult unless they hold a lasting "
                "power of attorney for health and welfare or have been appointed as a deputy by "
                "the court."
            ),
            p(
                "Assuming that someone cannot decide because of their diagnosis goes against the "
                "first principle, and people who use services describe it as a form of stigma "
                "(S4)."
            ),
        ],
    },
    {
        "slug": "care-act-safeguarding-principles",
        "title": "Safeguarding adults: the Care Act duty and six principles",
        "summary": "When the council must make safeguarding enquiries, the six principles behind "
        "all safeguarding work, and why the words we use matter.",
        "stakeholders": ["staff", "family", "leader", "commissioner", "safeguarding-board"],
        "themes": ["legal-literacy", "listen-and-act"],
        "sources": ["CARE-ACT", "CSSG", "S1", "S2", "S5"],
        "body": [
            h2("When the council must act"),
            numbered(
                "has needs for care and support, whether or not those needs are being met",
                "is experiencing abuse or neglect, or is at risk of it",
                "because of those needs, cannot protect themselves",
                intro="Under section 42 of the Care Act 2014, the local authority must make "
                "enquiries, or ask others to, when it has reasonable cause to suspect that an "
                "adult:",
            ),
            p(
                "It then decides what should be done and by whom. Whether the person is eligible "
                "for services makes no difference."
            ),
            fact(
                "In one study, abuse by staff that participants reported met all three of these "
                "conditions, yet it was not dealt with.",
                "S5",
                SOURCE_URLS["S5"],
            ),
            h2("The six principles"),
            bullets(
                "<strong>Empowerment</strong>: people are supported to make their own decisions.",
                "<strong>Prevention</strong>: act before harm happens.",
                "<strong>Proportionality</strong>: the response fits the risk and is the least "
                "intrusive that will work.",
                "<strong>Protection</strong>: support and representation for those in greatest "
                "need.",
                "<strong>Partnership</strong>: services and communities work together.",
                "<strong>Accountability</strong>: everyone is clear and open about who does what.",
                intro="The statutory guidance (CSSG 14.13) names six principles:",
            ),
            h2("What an employer must do"),
            p(
                "An employer who knows about abuse must stop it, protect the adult and tell the "
                "local authority (CSSG 14.69). Safeguarding does not replace the provider's duty "
                "to give safe care, the commissioner's checks, CQC's enforcement or the police "
                "(S2)."
            ),
            h2("Kinds of abuse"),
            p(
                "The guidance lists physical, domestic, sexual, psychological, financial or "
                "material, modern slavery, discriminatory and organisational abuse, as well as "
                "neglect and self-neglect (CSSG)."
            ),
            fact(
                "Calling neglect a 'quality issue' or a 'safety incident' can stop the "
                "safeguarding duty from being triggered.",
                "Sirotkin 2024 and the Eileen Dean safeguarding adults review (Lewisham, 2022), "
                "both in S1",
            ),
        ],
    },
    {
        "slug": "making-safeguarding-personal",
        "title": "Making Safeguarding Personal",
        "summary": "Safeguarding should be done with people, not to them: ask early what outcome "
        "the person wants, and check at the end whether they got it.",
        "stakeholders": ["staff", "family", "lived-experience", "safeguarding-board"],
        "themes": ["legal-literacy", "listen-and-act", "co-production"],
        "sources": ["CSSG", "S5"],
        "body": [
            p(
                "Making Safeguarding Personal means safeguarding led by the person and focused on "
                "the outcome they want. The statutory guidance asks for it (CSSG 14.15). It grew "
                "from an LGA guide in 2014, after 53 councils tried it out in 2013/14."
            ),
            h2("In practice"),
            bullets(
                "Ask the person early on what they want to happen.",
                "Keep them informed, and their family too if they agree.",
                "Support them to take part in decisions, with an advocate if they want one.",
                "At the end, go back and ask whether they got the outcome they wanted.",
            ),
            h2("An example"),
            p(
                "A family tells a care home that money has gone missing from their relative's "
                "room, and the manager calls it a quality issue. The person-centred response is "
                "to raise a safeguarding concern, keep the records safe, ask the resident what "
                "outcome she wants, and keep her family informed."
            ),
            fact(
                "People who had been harmed by services did not name adult safeguarding as a "
                "way to put things right, even though many of the harms met the Care Act "
                "definitions. They turned to advocacy and user-led organisations instead.",
                "S5",
                SOURCE_URLS["S5"],
            ),
        ],
    },
    {
        "slug": "families-what-to-expect",
        "title": "What families can expect, and how to raise a concern",
        "summary": "What good care looks like for families, what should happen when you raise a "
        "concern, and what to do if you are worried about abuse.",
        "stakeholders": ["family", "lived-experience", "staff"],
        "themes": ["listen-and-act", "co-production"],
        "sources": ["S1", "S4", "NG189", "REG-9A", "CARE-ACT"],
        "body": [
            h2("What you can expect"),
            bullets(
                "To see your relative's care plan, if they want you to (S1).",
                "To be told what good care looks like, and what the service has agreed to "
                "provide (S1).",
                "A family forum where you feel welcome and where worries are drawn out, not "
                "brushed aside (S1).",
                "To be able to visit. Since 6 April 2024, care homes, hospitals and hospices must "
                "make visits possible except in exceptional circumstances. Any precautions "
                "should be as light as possible and kept under review (Regulation 9A).",
            ),
            h2("Raising a concern here"),
            p(
                "You do not have to write a formal complaint first. Complaint processes that "
                "feel intimidating are themselves a source of harm (S4).",
                "On this site, every concern is saved first and always gets a response. A "
                "concern about possible abuse goes straight to the service's safeguarding lead. "
                "A concern is never closed without telling you what happened as a result.",
            ),
            h2("If you are worried about abuse"),
            p(
                "The local council must make enquiries when it has reasonable cause to suspect "
                "that an adult with care and support needs is being abused or neglected and "
                "cannot protect themselves (Care Act 2014, section 42). Advocacy is a right in "
                "safeguarding (S1)."
            ),
            fact(
                "Staff should consider abuse even when a change in someone's behaviour seems to "
                "be explained by dementia, autism or a learning disability, especially for "
                "people who do not use speech.",
                "NICE guideline NG189, recommendation 1.4",
                SOURCE_URLS["NG189"],
            ),
        ],
    },
    {
        "slug": "five-imperatives",
        "title": "The five imperatives for preventing organisational abuse",
        "summary": "Five things an organisation can do to stop a closed culture from growing, "
        "and how this platform helps with each.",
        "stakeholders": ALL_STAKEHOLDERS,
        "themes": [*IMPERATIVES, "closed-cultures"],
        "sources": ["S1", "CSSG"],
        "body": [
            p(
                "Organisational abuse is neglect or poor practice in a hospital, care home or "
                "care at home that comes from how the organisation is run: its structures, "
                "policies, processes and practices. It can happen once or go on over time "
                "(CSSG 14.17, cited in S1). The definition does not mention culture, and "
                "neither does the Care Act itself (S1)."
            ),
            h2("Listen, understand and act"),
            p(
                "Hear what people, families and staff say, and act on it. Here: family forums, "
                "concerns that always get a response, and \u201cyou said, we did\u201d."
            ),
            h2("Lead openly and courageously"),
            p(
                "Leaders who are honest about problems and ask \u201ccould this happen "
                "here?\u201d. Here: a learning path for leaders and board reports built on that "
                "question."
            ),
            h2("Create a learning culture"),
            p(
                "Learn from real situations and from what front-line staff find hardest. Here: "
                "learning paths built from practice dilemmas, with reflection and supervision."
            ),
            h2("Make connections"),
            p(
                "Bring complaints, feedback, learning and workforce data together so that "
                "patterns show. Here: red flags that read several sources at once."
            ),
            h2("Translate values into action"),
            p(
                "Make values visible in who is hired and how decisions are made. Here: "
                "values-based recruitment scenarios."
            ),
            h2("What gets in the way"),
            bullets(
                "fear of reprisal, of cliques and of losing one's job",
                "a sense that speaking up is pointless",
                "money and targets put before people",
                "power",
                "rushing to solutions",
                "ignoring a feeling that something is not right",
                "people using different words for the same thing",
                "measures chosen to show success rather than to learn",
                intro="The paper names barriers such as (S1):",
            ),
        ],
    },
    {
        "slug": "values-based-recruitment",
        "title": "Values-based recruitment",
        "summary": "Recruit people for their values as well as their experience, and involve the "
        "people who use services in choosing and training staff.",
        "stakeholders": ["leader", "staff", "lived-experience", "commissioner"],
        "themes": ["recruitment", "values-into-action"],
        "sources": ["SFC-VBR", "SFC-STATE", "S1", "S4", "S5"],
        "body": [
            h2("Why it matters"),
            p(
                "A study for Skills for Care looked at more than 100 providers. Of the employers "
                "who could compare, 72% said staff recruited for their values performed better, "
                "and between 73% and 76% said those staff held stronger care values. Turnover "
                "was lower, and employers got back about \u00a31.23 for every \u00a31 spent. "
                "Employers valued finding attitudes they felt could not be taught."
            ),
            fact(
                "Staff turnover in adult social care was 24.2% in 2023/24, about 350,000 people "
                "leaving their jobs.",
                "Skills for Care, The state of the adult social care sector and workforce",
            ),
            p(
                "Island Healthcare, the provider in the source paper's case study, keeps staff "
                "turnover at its Highfield House home under 15% (S1)."
            ),
            h2("What good practice looks like"),
            bullets(
                "Interview questions built on real situations, which show a person's values.",
                "Values written into job adverts.",
                "A senior leader at induction, and a mentor from the first day.",
                "A shared story of why the work matters.",
                intro="From the source paper (S1):",
            ),
            p("E-learning on its own does little to improve dignity in care (S1)."),
            h2("Involve people who use services"),
            # S4 (seed 003): "Service users should be fully involved in social work and Approved
            # Mental Health Professional recruitment, student selection, education and
            # training. Social workers should work with trained and paid service users to assess
            # their own practice through a 'buddy system'."
            p(
                "The research with people who use mental health social care recommends that "
                "they be fully involved in social work and Approved Mental Health Professional "
                "recruitment, student selection, education and training. In its "
                "\u201cbuddy system\u201d, social workers work with trained and paid service "
                "users to assess their own practice (S4, S5). If a lived-experience panel "
                "member scores a candidate low, their view counts as much as anyone else's."
            ),
        ],
    },
    {
        "slug": "speaking-up",
        "title": "Speaking up: thank, listen, follow up",
        "summary": "How to respond when someone raises a worry with you, and the protection the "
        "law gives workers who speak up.",
        "stakeholders": ["staff", "leader"],
        "themes": ["listen-and-act", "lead-openly"],
        "sources": ["FTSU", "PIDA", "S1"],
        "body": [
            h2("When someone speaks up to you"),
            bullets(
                "<strong>Thank</strong> them for raising it.",
                "<strong>Listen up</strong>: give them your full attention.",
                "<strong>Follow up</strong>: tell them what happened as a result.",
                intro="NHS England's 2022 guide for leaders on speaking up asks them to:",
            ),
            # S1: CQC's "Summary of findings and improvement actions" (2023, updated 2025):
            # "Offering feedback to people who speak out; Gathering feedback directly from
            # people who speak out ...; Commission research on this...CQC has said this is an
            # intention." Actions for CQC itself.
            p(
                "In its findings Listening, learning, responding to concerns (2023, updated "
                "2025), CQC set improvement actions for itself: offering feedback to people who "
                "speak out, and asking them directly about the barriers they met (S1). These "
                "are CQC's own actions, not rules for services."
            ),
            h2("Confidential is not the same as secret"),
            p(
                "If a colleague tells you about something that puts a person at risk, you cannot "
                "promise to keep it secret. You can explain that you will protect their identity "
                "as far as you can, make the person safe, record what you were told and tell the "
                "safeguarding lead. Check with them later that they have not been treated badly "
                "for speaking up."
            ),
            h2("The law protects workers"),
            fact(
                "The law protects workers, including agency staff and trainees, who make a "
                "disclosure they reasonably believe is in the public interest. Volunteers are "
                "not covered. CQC is one of the bodies workers can go to.",
                "Public Interest Disclosure Act 1998",
            ),
            p(
                "Freedom to Speak Up Guardians came from Sir Robert Francis's review in 2015. "
                "There were about 1,400 guardians in May 2025. In July 2025 the government said "
                "the National Guardian's Office would close; guardians stay in the NHS Standard "
                "Contract for 2026/27."
            ),
        ],
    },
    {
        "slug": "questions-for-commissioners",
        "title": "Questions for commissioners and safeguarding boards",
        "summary": "How commissioners can tell whether a service has a positive culture, and how "
        "concerns about a provider are escalated step by step.",
        "stakeholders": ["commissioner", "safeguarding-board", "leader"],
        "themes": ["closed-cultures", "make-connections", "red-flags"],
        "sources": ["LGA-CC", "S1", "S2", "PEL"],
        "body": [
            h2("Questions to ask"),
            bullets(
                "Do we know what the people using the service count as good or bad care?",
                "Can we describe the positive culture we expect from a provider?",
                "Do all our specifications ask for it, not only those for care homes?",
                intro="Guidance for commissioners of learning disability and autism services "
                "gives questions for each stage of commissioning, for example (LGA-CC, in S1):",
            ),
            h2("When a service seems too quiet"),
            p(
                "A service with no complaints for a year, few visitors and heavy use of agency "
                "staff is not necessarily low risk: silence can mean fear or isolation (PEL). "
                "Visit at different times, talk to people and their advocates, and check agency "
                "use, supervision and how often managers change."
            ),
            h2("Escalating concerns about a provider"),
            numbered(
                "sharing information",
                "a first one-to-one visit",
                "a quality or contract intervention with an improvement plan",
                "a meeting of several agencies about organisational failure",
                "public scrutiny, such as by the Safeguarding Adults Board or a safeguarding "
                "adults review",
                "closing the process and recording the lessons learnt",
                intro="The West Midlands approach (S2) has six levels, and a concern can enter at "
                "any of them:",
            ),
            fact(
                "People need a way to share their experience of a service that does not go "
                "through the provider.",
                "S2",
            ),
        ],
    },
]


PAGES = [
    {
        "slug": "about",
        "title": "About this site",
        "intro": "Safer Cultures helps organisations that give care to keep it safe and kind, by "
        "learning together and acting on what people say.",
        "body": [
            h2("What it is for"),
            p(
                "Abuse in care settings grows where nobody listens, leaders are defensive, nobody "
                "learns and warning signs are never joined up. This site turns five ways of "
                "preventing that into everyday practice."
            ),
            h2("Who uses it"),
            bullets(
                "Staff, who learn from real situations and reflect on them.",
                "People with lived experience, who set agendas, choose priorities and review "
                "learning before it is published.",
                "Families, who take part in forums and raise concerns.",
                "Leaders, who see early warning signs and act on them.",
            ),
            h2("Joining"),
            p(
                "You can only join by invitation from an organisation that uses the site, such as "
                "a care provider, NHS trust, council or Safeguarding Adults Board."
            ),
            h2("Our content"),
            p(
                "We write in our own words and say where each fact comes from. Please check the "
                "original source before quoting it."
            ),
        ],
    },
    {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "intro": "We want everyone who uses this site to be able to find, read and use it, "
        "including people who use assistive technology.",
        "body": [
            h2("What we aim for"),
            p(
                "We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. "
                "You should be able to:"
            ),
            bullets(
                "zoom in up to 400% without text spilling off the screen",
                "use the site on a screen as narrow as 320 pixels",
                "move around the site using only a keyboard",
                "use a screen reader or speech recognition software",
                "change colours and fonts in your browser",
            ),
            p("We write in plain English and every chart has a table of the same figures."),
            h2("What may not be fully accessible"),
            bullets(
                "Videos and other media embedded from other websites.",
                "PDF documents such as certificates and board reports.",
            ),
            h2("Telling us about a problem"),
            p(
                "If something on this site does not work for you, or you need information in a "
                "different format, tell the organisation that invited you. They will pass it on "
                "to the people who run the site."
            ),
            p("We review this statement whenever the site changes in a significant way."),
        ],
    },
]

INDEX = {
    "slug": "resource-bank",
    "title": "Resource bank",
    "intro": "Short, sourced guides on safe, compassionate care. Search them, or choose who a "
    "guide is for and what it is about.",
}


def _home():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page.specific
    return HomePage.objects.first()


def _child(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _publish(parent, page):
    page.live = False
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _by_slug(model, slugs):
    found = {obj.slug: obj for obj in model.objects.filter(slug__in=slugs)}
    missing = sorted(set(slugs) - set(found))
    if missing:
        raise LookupError(f"{model.__name__} not found: {', '.join(missing)}")
    return [found[slug] for slug in slugs]


def load(stdout):
    """Create the resource bank, its resources and the two plain pages under the home page,
    skipping any that already exist."""
    home = _home()
    if home is None:
        stdout.write("No home page: run migrations first.\n")
        return

    index = _child(home, ResourceIndexPage, INDEX["slug"])
    if index is None:
        index = _publish(home, ResourceIndexPage(**INDEX))
        stdout.write(f"Created {index.title}\n")

    created = updated = 0
    for data in RESOURCES:
        existing = _child(index, ResourcePage, data["slug"])
        if existing is not None:
            outcome = refresh_unedited(existing, summary=data["summary"], body=data["body"])
            updated += outcome == UPDATED
            if outcome == EDITED:
                stdout.write(
                    f"Kept resource {existing.title}: edited by an editor, so the bundled "
                    "corrections were not applied. Compare it with cms.pages.demo.\n"
                )
            continue
        page = ResourcePage(
            title=data["title"],
            slug=data["slug"],
            summary=data["summary"],
            body=data["body"],
        )
        page.stakeholders = _by_slug(Stakeholder, data["stakeholders"])
        page.themes = _by_slug(Theme, data["themes"])
        page.sources = [
            ResourceSource(citation=SOURCES[key], url=SOURCE_URLS.get(key, ""), sort_order=i)
            for i, key in enumerate(data["sources"])
        ]
        _publish(index, page)
        created += 1
    stdout.write(
        f"Resource bank: {created} resources created, {updated} brought up to date, "
        f"{len(RESOURCES) - created - updated} kept.\n"
    )

    for data in PAGES:
        if _child(home, StandardPage, data["slug"]) is not None:
            continue
        _publish(home, StandardPage(show_in_menus=True, **data))
        stdout.write(f"Created {data['title']}\n")
