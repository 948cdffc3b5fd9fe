"""Plain words for the terms the leadership pages borrow from their sources, each with the
source it comes from (and its address, where the source gives one). Shown where the term
appears, so a leader need not know the literature to read a page."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    term: str
    meaning: str
    source: str
    url: str = ""


PEL = Term(
    "PEL subculture",
    "The Patient Experience Library looked at 26 reports on avoidable harm and grouped over "
    "1,000 references to dysfunctional cultures into red flags; its tracker sorts them into six "
    "subcultures: reporting, compliance, caring, teamwork, accountability and learning. A "
    "figure grouped under one shows which kind of failure it can point to.",
    "Patient Experience Library, Responding to challenge and the red flag tracker, commissioned "
    "by CQC, April 2025",
)
HULL = Term(
    "Hull group",
    "The University of Hull's Abuse in Care project gathered early warning signs from "
    "practitioners who had visited services where abuse happened, in six groups: management "
    "and leadership; staff skills, knowledge and practice; residents' behaviour and wellbeing; "
    "resisting outsiders and isolating people; how care is planned and delivered; and basic "
    "care and the environment.",
    "University of Hull, Abuse in Care project (2012); Marsland, Oakes and White, Journal of "
    "Adult Protection 17(2), 2015",
)
CQC_FEATURE = Term(
    "CQC closed-culture feature",
    "CQC found six features common to services with a closed culture: abuse and restrictive "
    "practice; staff competence and training; cover-up; weak leadership and oversight; poor "
    "care; and poor reporting.",
    "CQC, How CQC identifies and responds to closed cultures",
    "https://www.cqc.org.uk/guidance-providers/all-services/how-cqc-identifies-responds-closed-cultures",
)
PROVIDER_CONCERNS = Term(
    "Provider concerns levels",
    "The steps a local area takes when it is worried about a provider, entered at any level: "
    "level 1 is the regular information-sharing meeting of the local authority, CQC and the "
    "integrated care board; level 2 an initial provider concerns meeting, a low-key visit to "
    "the provider's owner or responsible person to clarify the concerns and agree actions; "
    "level 3 quality or contract action with an improvement plan; level 4 a meeting of the "
    "agencies about organisational failure. An internal review is the service's own look.",
    "Telford & Wrekin and Shropshire, Best Practice Guidance for Responding to Organisational "
    "Failure or Abuse, read with the West Midlands framework",
    "https://www.safeguardingwarwickshire.co.uk/wmadultdocs",
)
