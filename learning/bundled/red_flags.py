"""Path 3: Red flags of closed cultures (imperative 4: make connections)."""

PATH = {
    "slug": "red-flags",
    "title": "Spotting the red flags of closed cultures",
    "imperative": "connect",
    "audiences": ["supervisor", "safeguarding_lead", "leader", "organisation_admin"],
    "summary": (
        "How closed cultures form, the early signs that one is forming, and how to join the "
        "dots between separate pieces of information before people are harmed."
    ),
    "outcomes": [
        (
            "Describe the conditions in which closed cultures are more likely, and who is "
            "most at risk."
        ),
        (
            "Recognise early warning signs across leadership, staffing, care and contact "
            "with outsiders."
        ),
        "Bring together rota, HR, complaints and family feedback to test a worry.",
        "Escalate a concern about a whole service through the right routes, openly.",
        (
            "Explain why silence and a lack of complaints can be a warning sign rather than "
            "reassurance."
        ),
    ],
    "estimated_minutes": 75,
    "recertify_months": 24,
    "items": [
        {
            "type": "module",
            "slug": "what-closed-cultures-look-like",
            "title": "What a closed culture looks like",
            "summary": (
                "Where closed cultures grow, who they harm most, and the patterns "
                "inspections keep finding."
            ),
            "body": [
                (
                    "text",
                    (
                        "<p>Closed cultures rarely announce themselves. From the outside, a "
                        "service can look calm and well run. This module explains what a "
                        "closed culture is, where one is more likely to take hold, and what "
                        "inspectors have found when they looked inside.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "In the statutory guidance, organisational abuse means neglect "
                            "or poor practice in an organisation or setting, whether a "
                            "hospital, a care home or care at home. It can be one-off or "
                            "ongoing, and it arises from how the organisation is set up and "
                            "run (paragraph 14.17, cited in S1)."
                        ),
                        "source": "CSSG",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "CQC defines a closed culture as a poor culture that increases "
                            "the risk of harm, abuse and human rights breaches. Any service "
                            "can develop one."
                        ),
                        "source": "CQC-CC",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "CQC says closed cultures are more likely where people are far "
                            "from their own communities, stay for months or years, "
                            "leadership is weak, staff lack skills, and there is little real "
                            "engagement with people and their families. Those most at risk "
                            "are people less able to speak up, such as people with a "
                            "learning disability, autistic people, people with dementia or "
                            "mental ill-health, and older people with no family contact."
                        ),
                        "source": "CQC-CC",
                    },
                ),
                (
                    "text",
                    (
                        "<p>S1 brings the lessons of many inquiries together as eight "
                        "hallmarks: not listening; a lack of compassion; poor connection and "
                        "teamwork; defensive and opaque leadership; a gap between stated "
                        "values and how front-line leaders act; no learning culture; "
                        "protecting reputation ahead of people; and approaches so fragmented "
                        "that nobody ever adds concerns together. The last one is the focus "
                        "of this path. S1's fourth imperative is to <strong>make "
                        "connections</strong>.</p>"
                    ),
                ),
                (
                    "text",
                    (
                        "<p>CQC guidance for inspectors (2019 to 2020, as summarised by "
                        "Weightmans and QCS) lists risk factors built into some services, "
                        "such as high dependency and long stays, and signs of weak "
                        "management: frequent changes of manager, many non-permanent staff, "
                        "no regular supervision, and poor handling of complaints. Warning "
                        "signs include staff or families worried about how people are "
                        "treated, violence, managers who don't know what daily life is like, "
                        "many people cared for in isolation, and restrictions, even on food "
                        "and drink, with no thought for people's rights.</p><p>When CQC "
                        "Insight (July 2021) looked at 29 inspections where closed cultures "
                        "were found, six features kept appearing: abuse and restrictive "
                        "practice; gaps in staff competence and training; cover-up; weak "
                        "leadership and oversight; poor care; and poor reporting.</p>"
                    ),
                ),
                # S5 (seed 004): closed cultures "are defined as 'a poor culture that can lead
                # to harm', including where 'staff and/or management no longer see people using
                # the service as people' (CQC [n.d.]: 4)". One thing the definition includes,
                # naming managers as well as staff; not a single test.
                (
                    "key_fact",
                    {
                        "fact": (
                            "As S5 cites it, CQC defines a closed culture as 'a poor culture "
                            "that can lead to harm', including where staff and/or management "
                            "no longer see people using the service as people (CQC, cited in "
                            "S5)."
                        ),
                        "source": "S5",
                    },
                ),
                (
                    "reflection",
                    (
                        "Think about a service you know well. Which of the conditions CQC "
                        "describes apply to it? What keeps it open to the outside world?"
                    ),
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "According to CQC, who is most at risk in a closed culture? "
                            "Choose all that apply."
                        ),
                        "multiple": True,
                        "options": [
                            {
                                "text": "Autistic people and people with a learning disability",
                                "correct": True,
                                "explanation": (
                                    "Yes. CQC names them among the people less able to speak up."
                                ),
                            },
                            {
                                "text": "People living with dementia or mental ill-health",
                                "correct": True,
                                "explanation": "Yes. CQC names them too.",
                            },
                            {
                                "text": "Older people who have no contact with family",
                                "correct": True,
                                "explanation": (
                                    "Yes. Without visitors, there are fewer people to notice "
                                    "when something is wrong."
                                ),
                            },
                            {
                                "text": "Only people in large hospitals",
                                "correct": False,
                                "explanation": (
                                    "No. CQC says any service can develop a closed culture, "
                                    "including small care homes and supported living."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "CQC's definition of a closed culture, as S5 cites it, includes "
                            "one of these. Which?"
                        ),
                        "multiple": False,
                        "options": [
                            {
                                "text": (
                                    "Staff and/or management no longer see people using the "
                                    "service as people"
                                ),
                                "correct": True,
                                "explanation": (
                                    "Right. The definition names managers as well as staff. "
                                    "It is one thing the definition includes, beside 'a poor "
                                    "culture that can lead to harm' (CQC, cited in S5)."
                                ),
                            },
                            {
                                "text": "The service has an out-of-date policy",
                                "correct": False,
                                "explanation": (
                                    "No. Paperwork can be perfect in a closed culture. What "
                                    "matters is how people are treated."
                                ),
                            },
                            {
                                "text": "Staff are friends outside work",
                                "correct": False,
                                "explanation": (
                                    "Not in itself. Friendship at work can be good. It "
                                    "becomes a concern when a clique controls shifts, "
                                    "decisions and who gets heard."
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "type": "module",
            "slug": "early-warning-signs",
            "title": "Early warning signs",
            "summary": (
                "Frameworks that help you notice a closed culture forming, and why no single "
                "sign is proof."
            ),
            "body": [
                (
                    "text",
                    (
                        "<p>No single sign proves abuse. A red flag is a reason to look "
                        "closer and ask questions. It is the pattern, seen across different "
                        "sources, that tells you something is wrong. Two frameworks help.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "The University of Hull's Abuse in Care project collected more "
                            "than 90 early indicators from practitioners who had visited "
                            "abusive services. They fall into six groups: management and "
                            "leadership; staff skills, knowledge and practice; residents' "
                            "behaviour and wellbeing; resisting outsiders and isolating "
                            "people; how care is planned and delivered; and basic care and "
                            "the environment."
                        ),
                        "source": "HULL",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "The Patient Experience Library's Red Flag Tracker, commissioned "
                            "by CQC, draws on ten years of inquiry reports (26 reports with "
                            "over 1,000 references to dysfunctional cultures, according to "
                            "S1). It describes three states an organisation can be in: "
                            "complacency, avoidance and denial. And it looks at six "
                            "subcultures: reporting, compliance, caring, teamwork, "
                            "accountability and learning."
                        ),
                        "source": "PEL",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "PEL found that harm usually involves many people failing to "
                            "spot problems or act on them. Its tracker is meant for anyone "
                            "who feels something is 'not quite right': complaints and "
                            "patient-experience staff, guardians, Healthwatch, managers and "
                            "boards. It also notes that there is no shared language for "
                            "describing harmful cultures."
                        ),
                        "source": "PEL",
                    },
                ),
                (
                    "text",
                    (
                        "<p>Use the Red Flag Tracker itself for its detailed flags. What "
                        "matters here is the habit it teaches: notice the feeling, then test "
                        "it against evidence.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "Abuse is most likely where staff lack management support, "
                            "training, supervision and guidance (S2)."
                        ),
                        "source": "S2",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "Something heard second-hand can still matter. When it is "
                            "checked against other sources, it can back up a concern (S1, "
                            "drawing on evidence to the Thirlwall Inquiry)."
                        ),
                        "source": "S1",
                    },
                ),
                (
                    "reflection",
                    (
                        "When did you last have a feeling that something was 'not quite "
                        "right' at work? What evidence could you have checked it against?"
                    ),
                ),
                (
                    "knowledge_check",
                    {
                        "question": "Which three states does the PEL Red Flag Tracker describe?",
                        "multiple": False,
                        "options": [
                            {
                                "text": "Complacency, avoidance and denial",
                                "correct": True,
                                "explanation": (
                                    "Right. Complacency is when nobody looks; avoidance is "
                                    "when people look away; denial is when warning signs are "
                                    "rejected."
                                ),
                            },
                            {
                                "text": "Reporting, compliance and caring",
                                "correct": False,
                                "explanation": (
                                    "No. These are three of PEL's six subcultures, the areas "
                                    "where problems show, not the states."
                                ),
                            },
                            {
                                "text": "Fear, anger and blame",
                                "correct": False,
                                "explanation": (
                                    "No. These feelings are often present in a closed "
                                    "culture, but they are not PEL's three states."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Which of these are groups of early indicators in the Hull Abuse "
                            "in Care research? Choose all that apply."
                        ),
                        "multiple": True,
                        "options": [
                            {
                                "text": "Resisting outsiders and isolating people",
                                "correct": True,
                                "explanation": (
                                    "Yes. Keeping families, advocates and professionals at "
                                    "arm's length is one of the six groups (HULL)."
                                ),
                            },
                            {
                                "text": "Management and leadership",
                                "correct": True,
                                "explanation": "Yes. This is one of the six groups (HULL).",
                            },
                            {
                                "text": "Basic care and the environment",
                                "correct": True,
                                "explanation": "Yes. This is one of the six groups (HULL).",
                            },
                            {
                                "text": "The number of policies the service has",
                                "correct": False,
                                "explanation": (
                                    "No. The indicators are about what happens in practice, "
                                    "not how many documents exist."
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "type": "scenario",
            "slug": "the-clique",
            "title": "The clique",
            "summary": (
                "A new deputy manager finds a small group running the home their own way. "
                "Based on the kind of pattern S1 describes in the Island Healthcare case "
                "study."
            ),
            "reflection_prompt": (
                "Which pieces of information, on their own, looked harmless? What did they "
                "show when you put them together?"
            ),
            "steps": [
                {
                    "key": "first-weeks",
                    "situation": (
                        "You have been deputy manager at Beech House for three weeks. You "
                        "notice that four friends of the manager, Karen, work up to 70 hours "
                        "a week. Other staff say they can't get shifts. At team meetings, "
                        "Karen praises the four for being the quickest.\n\nIn the office you "
                        "find two bullying complaints from last year, both marked 'resolved "
                        "informally'. Joy, a care worker, catches you at the end of a shift."
                    ),
                    "person_says": (
                        "If you're not in with Karen's lot, you don't get the hours. And if "
                        "you complain, you get the worst jobs."
                    ),
                    "choices": [
                        {
                            "key": "praise",
                            "text": (
                                "Thank the four at the next team meeting for their "
                                "commitment. The home would struggle without them."
                            ),
                            "next": "entrenched",
                            "feedback": (
                                "This rewards speed over care and strengthens the clique. It "
                                "also tells Joy and others that raising concerns is "
                                "pointless. Fear of cliques and reprisal is a barrier to "
                                "speaking up (S1)."
                            ),
                            "quality": "harmful",
                            "principles": ["values", "speaking_up"],
                        },
                        {
                            "key": "manager-only",
                            "text": "Raise it with Karen privately.",
                            "next": "manager-response",
                            "feedback": (
                                "Talking to your manager can be a reasonable first step. But "
                                "Karen is part of the pattern, so she may not be able to see "
                                "it clearly. Be ready to go further."
                            ),
                            "quality": "acceptable",
                            "principles": ["speaking_up", "escalation"],
                        },
                        {
                            "key": "gather-evidence",
                            "text": (
                                "Quietly pull together the rota, HR records, complaints, "
                                "staff turnover and family feedback to see what they show."
                            ),
                            "next": "evidence",
                            "feedback": (
                                "Good. A feeling plus evidence from several sources is much "
                                "stronger than either alone. This is what S1 means by making "
                                "connections. Keep Joy's identity protected while you look."
                            ),
                            "quality": "best",
                            "principles": ["connections", "recording"],
                        },
                        {
                            "key": "post-online",
                            "text": (
                                "Post about it anonymously on a social media group for care "
                                "workers."
                            ),
                            "next": "online",
                            "feedback": (
                                "It may feel like doing something, but it bypasses every "
                                "route that can actually protect residents, and it may make "
                                "staff close ranks."
                            ),
                            "quality": "harmful",
                            "principles": ["escalation", "speaking_up"],
                        },
                    ],
                },
                {
                    "key": "manager-response",
                    "situation": "Karen listens, then shrugs.",
                    "person_says": (
                        "They're my best workers. The others are slow and moan. And those "
                        "bullying things were sorted ages ago."
                    ),
                    "choices": [
                        {
                            "key": "gather-then-escalate",
                            "text": (
                                "Thank her, then gather the rota, HR, complaints and "
                                "turnover evidence so you can take it higher."
                            ),
                            "next": "evidence",
                            "feedback": (
                                "Right. Karen's answer doesn't settle it. She is too close "
                                "to the pattern to judge it. Evidence lets someone above her "
                                "look at it fairly."
                            ),
                            "quality": "best",
                            "principles": ["connections", "escalation"],
                        },
                        {
                            "key": "accept",
                            "text": "Accept her view. She knows the team better than you do.",
                            "next": "entrenched",
                            "feedback": (
                                "Accepting a conflicted person's word is how warning signs "
                                "get explained away. PEL calls this avoidance: looking away."
                            ),
                            "quality": "harmful",
                            "principles": ["escalation", "connections"],
                        },
                    ],
                },
                {
                    "key": "online",
                    "situation": (
                        "Your post is shared widely. Staff start trying to work out who "
                        "wrote it. Two families ring in, upset, having seen it. Nothing "
                        "reaches CQC or the commissioners in a form they can act on."
                    ),
                    "choices": [
                        {
                            "key": "proper-route",
                            "text": (
                                "Take the post down. Gather the evidence properly and take "
                                "it to the provider."
                            ),
                            "next": "evidence",
                            "feedback": (
                                "Good recovery. The proper routes exist to protect "
                                "residents. Evidence taken to the provider can be acted on, "
                                "and the provider can tell CQC and commissioners."
                            ),
                            "quality": "best",
                            "principles": ["escalation", "connections"],
                        },
                        {
                            "key": "leave-post",
                            "text": "Leave it up. People need to know.",
                            "next": "harm-end",
                            "feedback": (
                                "Public anger without evidence or a route to act often makes "
                                "a closed culture close tighter. Residents are no safer."
                            ),
                            "quality": "harmful",
                            "principles": ["escalation"],
                        },
                    ],
                },
                {
                    "key": "entrenched",
                    "situation": (
                        "Three months on, two more newer staff have left. A third bullying "
                        "complaint is closed informally. Stan Hughes, who is 90, was found "
                        "on the floor of his room on a night when only two of the four were "
                        "on, both on their fifth long shift in a row."
                    ),
                    "person_says": "They're always in a rush. I don't like to bother them.",
                    "choices": [
                        {
                            "key": "act-late",
                            "text": (
                                "Gather the rota, HR and complaints evidence now, and take "
                                "it above Karen."
                            ),
                            "next": "evidence",
                            "feedback": (
                                "Late, but right. Stan is telling you what a task-focused "
                                "culture feels like from the inside. The pattern is now "
                                "clearer, and harder to ignore."
                            ),
                            "quality": "best",
                            "principles": ["connections", "escalation", "dignity"],
                        },
                        {
                            "key": "leave-quietly",
                            "text": (
                                "Decide it's not your battle and start looking for another job."
                            ),
                            "next": "harm-end",
                            "feedback": (
                                "Understandable, but it leaves residents in a closed culture "
                                "with one fewer person who saw it. Futility is one of the "
                                "barriers S1 names."
                            ),
                            "quality": "harmful",
                            "principles": ["speaking_up", "protection"],
                        },
                    ],
                },
                {
                    "key": "evidence",
                    "situation": (
                        "You put it all together. The four work between 60 and 70 hours most "
                        "weeks. Three other staff have had their hours cut. Both bullying "
                        "complaints were closed with no investigation. Two families "
                        "complained about rushed care, and neither got a reply. Half of the "
                        "staff who started last year have left."
                    ),
                    "choices": [
                        {
                            "key": "escalate-provider",
                            "text": (
                                "Take the evidence to the provider's director, above Karen, "
                                "and ask that the provider tells CQC and the commissioners "
                                "openly."
                            ),
                            "next": "provider-acts",
                            "feedback": (
                                "This is what Island Healthcare did when it found a pattern "
                                "like this: it reported itself to CQC and commissioners and "
                                "acted (S1). Going openly to regulators is part of leading "
                                "courageously."
                            ),
                            "quality": "best",
                            "principles": ["escalation", "open_leadership", "connections"],
                        },
                        {
                            "key": "fix-rota",
                            "text": (
                                "Rebalance the rota yourself and say nothing to anyone above you."
                            ),
                            "next": "mixed-end",
                            "feedback": (
                                "Fairer shifts help. But the bullying, the unanswered "
                                "complaints and the manager's part in it all stay hidden, "
                                "and the people who can act on them never know."
                            ),
                            "quality": "risky",
                            "principles": ["escalation", "connections"],
                        },
                        {
                            "key": "confront-four",
                            "text": "Confront the four at handover with what you've found.",
                            "next": "entrenched",
                            "feedback": (
                                "Challenging behaviour takes courage, but a public showdown "
                                "with a clique that the manager protects is likely to "
                                "backfire, and it puts Joy and others at risk of reprisal."
                            ),
                            "quality": "risky",
                            "principles": ["escalation", "speaking_up"],
                        },
                    ],
                },
                {
                    "key": "provider-acts",
                    "situation": (
                        "The director takes it seriously. The provider tells CQC and the "
                        "commissioners, and starts an investigation. Karen is on leave while "
                        "it happens. Staff are anxious and rumours are spreading."
                    ),
                    "choices": [
                        {
                            "key": "talk-to-everyone",
                            "text": (
                                "With the director, talk to every member of staff and every "
                                "resident who wants to. Explain what is happening and why. "
                                "Keep families informed, and ask everyone what they have "
                                "seen."
                            ),
                            "next": "good-end",
                            "feedback": (
                                "Island Healthcare talked with every member of staff when it "
                                "dealt with poor practice in its homes (S1). Openness calms "
                                "rumours, and asking people what they have seen often brings "
                                "out more."
                            ),
                            "quality": "best",
                            "principles": ["open_leadership", "listening", "family_partnership"],
                        },
                        {
                            "key": "say-nothing",
                            "text": "Tell staff nothing until the investigation is finished.",
                            "next": "mixed-end",
                            "feedback": (
                                "Silence feeds rumours and fear. Staff who could add to the "
                                "picture stay quiet, and residents and families are left "
                                "guessing."
                            ),
                            "quality": "risky",
                            "principles": ["open_leadership", "listening"],
                        },
                    ],
                },
                {
                    "key": "good-end",
                    "ending": True,
                    "situation": (
                        "The investigation confirms the pattern. The provider acts on it, "
                        "and the regulators see that it acted openly."
                    ),
                    "outcome": (
                        "Shifts are shared fairly and no one works 70 hours. Bullying "
                        "complaints are investigated. Stan has his call bell answered and "
                        "tells his daughter the staff have time to chat again. Joy takes on "
                        "extra shifts and joins the staff forum."
                    ),
                },
                {
                    "key": "mixed-end",
                    "ending": True,
                    "situation": "Some things improve, but the root of the problem stays hidden.",
                    "outcome": (
                        "The rota is fairer for a while. The clique is still there, the "
                        "complaints still have no answers, and nobody outside the home knows "
                        "what you know. Within a year, the old patterns start to come back."
                    ),
                },
                {
                    "key": "harm-end",
                    "ending": True,
                    "situation": "Nothing reaches anyone who can act.",
                    "outcome": (
                        "The clique tightens its grip. More staff leave, and residents like "
                        "Stan get quicker, colder care. When CQC eventually finds it, the "
                        "report says the signs were there in the rota, the HR files and the "
                        "complaints, and nobody put them together."
                    ),
                },
            ],
        },
        # S4 (seed 003), "IMPACTS": the thirteen impacts, in its words; "#4 A SERVICE-USER
        # GENERATED SET OF PRACTICE PRINCIPLES: All practice should follow the core principles
        # of honesty, openness, transparency, responsiveness, empathy and humanity." S5 (seed
        # 004), table 5: "underpinned by the principles of honesty, openness, transparency,
        # empathy, and humanity"; table 3 ranks practice principles 4th of 9.
        {
            "type": "module",
            "slug": "what-avoidable-harm-does",
            "title": "What avoidable harm does to people",
            "summary": (
                "The impacts of avoidable harm that people who use mental health social care "
                "named, and the practice principles they asked every service to follow."
            ),
            "body": [
                (
                    "text",
                    (
                        "<p>S4 is a model of avoidable harm in mental health social care "
                        "built from the experience of people who use it. Besides seven "
                        "sources of harm, it names what the harm does to people. Its thirteen "
                        "impacts are:</p><ul><li>stress</li><li>fear</li><li>psychological "
                        "and emotional distress</li><li>deterioration in mental "
                        "health</li><li>deterioration in physical "
                        "health</li><li>disempowerment</li><li>loss of "
                        "independence</li><li>reduction in quality of life and living "
                        "circumstances</li><li>financial "
                        "hardship</li><li>trauma</li><li>loss of "
                        "trust</li><li>suicidality/death</li><li>disengaging from "
                        "services</li></ul>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "The model was built in four stages: a review of research and "
                            "other reports of service user experience, two focus groups of "
                            "people who use mental health social care, a survey of service "
                            "users who ranked the harmful experiences and ways to reduce "
                            "harm, and comments from an expert advisory group at each stage."
                        ),
                        "source": "S4",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "No survey participant reported that they had experienced none "
                            "of the avoidable harms. On average, participants had experienced "
                            "harm from five of the seven sources."
                        ),
                        "source": "S5",
                    },
                ),
                (
                    "text",
                    (
                        "<p>Service users also set out practice principles. S4's "
                        "recommendation is that all practice should follow the core "
                        "principles of <strong>honesty, openness, transparency, "
                        "responsiveness, empathy and humanity</strong>.</p><p>S5 gives the "
                        "same recommendation as individual and organisational practice "
                        "underpinned by honesty, openness, transparency, empathy and "
                        "humanity.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "Survey participants ranked a set of service user-defined "
                            "practice principles fourth of nine ways to reduce harm. "
                            "Restorative rather than defensive practice came first."
                        ),
                        "source": "S5",
                    },
                ),
                (
                    "reflection",
                    (
                        "Think of one person your service supports. Which of these impacts "
                        "could the way your service works cause them, without anyone meaning "
                        "it to? Which of the principles would protect them?"
                    ),
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Which of these are impacts of avoidable harm that people who use "
                            "services named in S4? Choose all that apply."
                        ),
                        "multiple": True,
                        "options": [
                            {
                                "text": "Loss of trust",
                                "correct": True,
                                "explanation": "Yes. S4 names loss of trust.",
                            },
                            {
                                "text": "Disengaging from services",
                                "correct": True,
                                "explanation": (
                                    "Yes. People who are harmed may stop using the support "
                                    "they need (S4)."
                                ),
                            },
                            {
                                "text": "Financial hardship",
                                "correct": True,
                                "explanation": "Yes. S4 names financial hardship too.",
                            },
                            {
                                "text": "None: harm only counts when there is a physical injury",
                                "correct": False,
                                "explanation": (
                                    "No. Most of the impacts S4 names are social and "
                                    "psychological, such as fear, disempowerment and trauma."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "What are the core principles S4's service users say all practice "
                            "should follow?"
                        ),
                        "multiple": False,
                        "options": [
                            {
                                "text": (
                                    "Honesty, openness, transparency, responsiveness, empathy "
                                    "and humanity"
                                ),
                                "correct": True,
                                "explanation": "Right. That is S4's recommendation 4.",
                            },
                            {
                                "text": "Efficiency, compliance and avoiding risk",
                                "correct": False,
                                "explanation": (
                                    "No. S4 names risk aversity and tick-box approaches among "
                                    "the sources of harm."
                                ),
                            },
                            {
                                "text": "Confidentiality above everything else",
                                "correct": False,
                                "explanation": (
                                    "No. Confidentiality matters, but the principles S4 "
                                    "gives are honesty, openness, transparency, "
                                    "responsiveness, empathy and humanity."
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "type": "module",
            "slug": "joining-the-dots",
            "title": "Joining the dots and acting",
            "summary": (
                "How to bring evidence together, the questions commissioners and boards "
                "should ask, and the routes for escalating a concern about a whole service."
            ),
            "body": [
                (
                    "text",
                    (
                        "<p>At the heart of this path is one habit: put the pieces together. "
                        "A complaint, a rota, an HR file and a family survey may each look "
                        "fine on their own. Side by side, they can tell a different "
                        "story.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "Island Healthcare's leaders treated occupancy, staff turnover "
                            "and the family survey's recommend score as key indicators, and "
                            "read them together with the family forum, complaints, HR "
                            "records such as bullying reports, and rotas showing who works "
                            "how many hours (S1)."
                        ),
                        "source": "S1",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            # S3: "It is vital boards ask: could this happen here? how would
                            # we know? how robust is the assessment of services and the culture
                            # of services? are we visible enough and do we hear enough from
                            # patients, their families and all staff on a ward e.g. the porter,
                            # cleaner, HCAs?"
                            "NHS England's letter to NHS boards asks them four questions: "
                            "could this happen here? How would we know? How robust is the "
                            "assessment of services and the culture of services? Are we "
                            "visible enough and do we hear enough from patients, their "
                            "families and all staff, for example the porter, the cleaner and "
                            "healthcare assistants? (S3)"
                        ),
                        "source": "S3",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "The LGA and Partners in Care and Health guidance gives "
                            "commissioners of learning disability and autism services "
                            "questions to ask at each stage of commissioning. For example: "
                            "do we know what people themselves count as good and bad care? "
                            "Can we describe the positive culture we require? Do all our "
                            "service specifications, not just those for care homes, demand "
                            "it? (as cited in S1)"
                        ),
                        "source": "LGA-CC",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "The provider concerns process in S2 has six levels, and a "
                            "concern can enter at any of them: 1, regular information "
                            "sharing; 2, a first one-to-one visit; 3, quality or contract "
                            "intervention with an improvement plan; 4, a multi-agency "
                            "meeting about organisational failure; 5, public scrutiny, such "
                            "as by the Safeguarding Adults Board or a safeguarding adults "
                            "review; and 6, closure with lessons learned."
                        ),
                        "source": "S2",
                    },
                ),
                # S2 (seed 001): "Adults should be provided with the means of sharing their
                # experiences independently of the provider, and if it is deemed necessary a
                # link worker for adults and their families should be identified and a
                # dedicated phone line available to raise issues in confidence. At the very
                # minimum, checks that the provider has taken action in relation to complaints
                # and acted upon service user surveys should be made."
                (
                    "key_fact",
                    {
                        "fact": (
                            "People who use a service need a way to share their experience "
                            "that does not depend on the provider. If it is needed, S2 says a "
                            "link worker should be named for them and their families, and a "
                            "dedicated phone line set up to raise issues in confidence. At the "
                            "very least, someone should check that the provider has acted on "
                            "complaints and on surveys of the people it supports (S2)."
                        ),
                        "source": "S2",
                    },
                ),
                # S2: "In the majority of organisational failure or abuse, the major concerns
                # are symptomatic of care quality issues or are regulatory in nature and
                # safeguarding concerns have only been a part of the whole picture. Typically,
                # organisational failure or abuse enquiries have identified: ..." (14 items,
                # given here in its words).
                (
                    "text",
                    (
                        "<p>S2 notes that in most cases of organisational failure or abuse, "
                        "the main concerns are signs of problems with the quality of care or "
                        "are about regulation; safeguarding concerns are only part of the "
                        "picture. Typically, enquiries into organisational failure or abuse "
                        "have found:</p><ul><li>issues of leadership</li><li>lack of "
                        "supervision</li><li>poor care planning</li><li>risk "
                        "management</li><li>staffing</li><li>clinical care (e.g. pressure "
                        "ulcers)</li><li>communication</li><li>financial "
                        "management</li><li>selection and assessment</li><li>consideration "
                        "of the compatibility of the service users within the service "
                        "setting</li><li>staff training</li><li>infection "
                        "control</li><li>medication</li><li>poor moving and "
                        "handling</li></ul><p>So a concern that looks like a quality or "
                        "staffing problem is worth putting beside the others: taken together "
                        "they may show a service that is failing.</p>"
                    ),
                ),
                (
                    "reflection",
                    (
                        "If someone asked you 'could this happen here, and how would you "
                        "know?', what would you answer? What information would you want that "
                        "you don't have now?"
                    ),
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Mr Adeyemi's family complained that he was handled roughly. The "
                            "complaint was found 'not substantiated' because the three staff "
                            "accounts matched. What should happen next?"
                        ),
                        "multiple": False,
                        "options": [
                            {
                                "text": (
                                    "Check other evidence, such as injury records, the rota, "
                                    "other complaints and Mr Adeyemi's own account with "
                                    "support. Tell the family what was checked and how to "
                                    "take it further, including to the Ombudsman."
                                ),
                                "correct": True,
                                "explanation": (
                                    "Right. Matching staff accounts are not proof. They can "
                                    "be a sign of staff closing ranks, which S4 describes as "
                                    "part of oppressive cultures. Other evidence and the "
                                    "person's own voice give a fairer picture."
                                ),
                            },
                            {
                                "text": "Close the complaint. The staff accounts agree.",
                                "correct": False,
                                "explanation": (
                                    "No. Closing it on matching accounts alone risks "
                                    "silencing the family and missing abuse. S4 names staff "
                                    "closing ranks as a source of harm."
                                ),
                            },
                            {
                                "text": "Move Mr Adeyemi to another unit to avoid further trouble",
                                "correct": False,
                                "explanation": (
                                    "No. Moving him disrupts his life and can look like "
                                    "punishment for complaining. It doesn't find out what "
                                    "happened."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "In the S2 provider concerns process, must a concern always "
                            "start at level 1?"
                        ),
                        "multiple": False,
                        "options": [
                            {
                                "text": (
                                    "No. A concern can enter at whatever level fits how "
                                    "serious it is."
                                ),
                                "correct": True,
                                "explanation": (
                                    "Right. A serious concern can go straight to a "
                                    "multi-agency meeting without waiting for information "
                                    "sharing first (S2)."
                                ),
                            },
                            {
                                "text": "Yes. Each level must be completed in order.",
                                "correct": False,
                                "explanation": (
                                    "No. S2 allows entry at any level. Working up one step "
                                    "at a time could leave people at risk for months."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "A council has serious concerns about a care home. What does S2 "
                            "say the people living there and their families should have?"
                        ),
                        "multiple": False,
                        "options": [
                            {
                                "text": (
                                    "A way to share their experience independently of the "
                                    "provider and, if needed, a link worker and a dedicated "
                                    "phone line to raise issues in confidence"
                                ),
                                "correct": True,
                                "explanation": "Right. That is what S2 asks for.",
                            },
                            {
                                "text": "The home manager's email address",
                                "correct": False,
                                "explanation": (
                                    "No. S2 asks for a route that does not depend on the provider."
                                ),
                            },
                            {
                                "text": "Nothing until the enquiry is finished",
                                "correct": False,
                                "explanation": (
                                    "No. S2 says people have the right to be informed and "
                                    "should be kept central to the process."
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "type": "scenario",
            "slug": "silence-read-as-success",
            "title": "Silence read as success",
            "summary": (
                "A supported-living service has had no complaints for a year. Is that good news?"
            ),
            "reflection_prompt": (
                "What would Leon need in order to tell you something was wrong? Who else "
                "could notice for him?"
            ),
            "steps": [
                {
                    "key": "review",
                    "situation": (
                        "You are a quality officer for the local authority. Oak Lane is a "
                        "supported-living service for six young adults who are autistic or "
                        "have a learning disability.\n\nIt has had no complaints in a year. "
                        "Its visitor log shows few visitors. Most shifts are covered by "
                        "agency staff. A colleague has marked it 'low risk' and wants to "
                        "move on."
                    ),
                    "person_says": (
                        "No news is good news. We've got services with real problems to look at."
                    ),
                    "choices": [
                        {
                            "key": "agree-low-risk",
                            "text": "Agree. No complaints and no incidents means it's doing fine.",
                            "next": "complacent",
                            "feedback": (
                                "This is what PEL calls complacency: nobody looks. Silence "
                                "can mean fear or isolation, not satisfaction. CQC links "
                                "poor engagement with families to closed cultures (CQC-CC), "
                                "and its guidance for inspectors treats heavy use of "
                                "non-permanent staff as a sign of weak management."
                            ),
                            "quality": "harmful",
                            "principles": ["connections", "prevention"],
                        },
                        {
                            "key": "visit",
                            "text": (
                                "Plan visits at different times of day, including evenings. "
                                "Talk with the people who live there and their advocates. "
                                "Check agency use, supervision and manager turnover, and use "
                                "the commissioners' questions from the LGA closed cultures "
                                "guidance."
                            ),
                            "next": "visit-day",
                            "feedback": (
                                "Right. Going to see for yourself, at times when you are not "
                                "expected, and hearing from people directly is the most "
                                "reliable check. The commissioners' questions (LGA-CC) help you "
                                "ask what good culture looks like here."
                            ),
                            "quality": "best",
                            "principles": ["connections", "listening", "prevention"],
                        },
                        {
                            "key": "survey-only",
                            "text": "Post a satisfaction survey to the six people who live there.",
                            "next": "survey",
                            "feedback": (
                                "Asking people is good, but a paper survey may not reach "
                                "people who communicate in other ways, and staff may fill it "
                                "in. It is only enough alongside visits."
                            ),
                            "quality": "acceptable",
                            "principles": ["listening"],
                        },
                    ],
                },
                {
                    "key": "survey",
                    "situation": (
                        "Two surveys come back out of six. Both tick every 'happy' face. "
                        "They are in the same handwriting."
                    ),
                    "choices": [
                        {
                            "key": "visit-now",
                            "text": (
                                "Arrange visits at different times, and ask for advocates to "
                                "be involved."
                            ),
                            "next": "visit-day",
                            "feedback": (
                                "Good. The surveys raise more questions than they answer. "
                                "Independent voices, such as advocates, help people say what "
                                "they think."
                            ),
                            "quality": "best",
                            "principles": ["listening", "connections"],
                        },
                        {
                            "key": "file-survey",
                            "text": "File the results as positive feedback.",
                            "next": "complacent",
                            "feedback": (
                                "Two identical surveys in one hand are not the voices of the "
                                "people who live there. Treating them as reassurance is a "
                                "chance missed."
                            ),
                            "quality": "harmful",
                            "principles": ["listening", "connections"],
                        },
                    ],
                },
                {
                    "key": "visit-day",
                    "situation": (
                        "You visit at six in the evening. Three of the four staff on shift "
                        "are agency workers who don't know people's names. The kitchen is "
                        "locked. There is no record of why. The service has had three "
                        "managers this year, and supervision records are blank for six "
                        "months.\n\nLeon, who is 24 and uses signs and a picture board, "
                        "takes your hand and leads you to the kitchen door."
                    ),
                    "person_says": "Juice. Door shut. Door always shut.",
                    "choices": [
                        {
                            "key": "act-on-findings",
                            "text": (
                                "Record what you found. Raise a safeguarding concern about "
                                "the locked kitchen. Open the provider concerns process at "
                                "the level that fits. Make sure Leon has an independent "
                                "advocate, and share your findings with CQC."
                            ),
                            "next": "follow-through",
                            "feedback": (
                                "This joins the dots and acts on them. Restrictions on food "
                                "and drink with no regard to rights are a warning sign in "
                                "CQC's guidance for inspectors (2019 to 2020). Leon is "
                                "telling you directly, and an advocate helps make sure he "
                                "keeps being heard."
                            ),
                            "quality": "best",
                            "principles": ["escalation", "human_rights", "restrictive_practice"],
                        },
                        {
                            "key": "action-plan-only",
                            "text": "Ask the provider for an action plan to reduce agency use.",
                            "next": "mixed-end",
                            "feedback": (
                                "Agency use is a real issue, but this misses the locked "
                                "kitchen, the lack of supervision and what Leon told you."
                            ),
                            "quality": "acceptable",
                            "principles": ["connections"],
                        },
                        {
                            "key": "trust-manager",
                            "text": (
                                "Accept the manager's explanation on the phone that the "
                                "kitchen is locked for Leon's own safety."
                            ),
                            "next": "complacent",
                            "feedback": (
                                "A blanket restriction with no record, no assessment and no "
                                "review is not a safety measure. It is a sign rights are "
                                "being overlooked. Accepting it is avoidance (PEL)."
                            ),
                            "quality": "harmful",
                            "principles": ["restrictive_practice", "human_rights"],
                        },
                    ],
                },
                {
                    "key": "complacent",
                    "situation": (
                        "Six months later, a paramedic called to Oak Lane reports that Leon "
                        "is dehydrated and has lost a lot of weight. The paramedic also "
                        "noticed the kitchen was locked."
                    ),
                    "choices": [
                        {
                            "key": "own-it",
                            "text": (
                                "Make sure a safeguarding concern is raised, open the "
                                "provider concerns process at a multi-agency level, and ask "
                                "openly what your own team missed."
                            ),
                            "next": "follow-through",
                            "feedback": (
                                "Right. The outsider saw what the system didn't. Asking what "
                                "you missed is the learning that stops it happening "
                                "elsewhere."
                            ),
                            "quality": "best",
                            "principles": ["escalation", "learning", "accountability"],
                        },
                        {
                            "key": "one-off",
                            "text": "Treat it as a one-off health problem for the GP to sort out.",
                            "next": "harm-end",
                            "feedback": (
                                "Dehydration behind a locked kitchen in a service nobody "
                                "visits is not a one-off. This is denial: a warning sign "
                                "rejected (PEL)."
                            ),
                            "quality": "harmful",
                            "principles": ["connections", "protection"],
                        },
                    ],
                },
                {
                    "key": "follow-through",
                    "situation": (
                        "The provider has agreed an improvement plan. The kitchen is "
                        "unlocked. A new permanent manager starts next month."
                    ),
                    "choices": [
                        {
                            "key": "keep-watching",
                            "text": (
                                "Keep visiting at different times. Make sure Leon and the "
                                "others have a way to share their experience that doesn't go "
                                "through the provider. Ask Leon, with his advocate, what has "
                                "changed for him. Check your other contracts for the same "
                                "warning signs."
                            ),
                            "next": "good-end",
                            "feedback": (
                                "People need a route to be heard that doesn't depend on the "
                                "provider (S2). Asking whether the same pattern exists "
                                "elsewhere is 'could this happen here?' (S3)."
                            ),
                            "quality": "best",
                            "principles": ["listening", "connections", "prevention"],
                        },
                        {
                            "key": "close-early",
                            "text": "Close the case now that the improvement plan is in place.",
                            "next": "mixed-end",
                            "feedback": (
                                "A plan on paper isn't change. Without checking with the "
                                "people who live there, you won't know if life has improved."
                            ),
                            "quality": "risky",
                            "principles": ["connections", "accountability"],
                        },
                    ],
                },
                {
                    "key": "good-end",
                    "ending": True,
                    "situation": "Six months on, Oak Lane has a settled team.",
                    "outcome": (
                        "Leon makes his own juice and shows you the kitchen he now helps to "
                        "stock. His advocate visits monthly. Two complaints have come in "
                        "this year, which tells you people now feel able to raise things. "
                        "Your team has added evening visits to its checks for every "
                        "supported-living contract."
                    ),
                },
                {
                    "key": "mixed-end",
                    "ending": True,
                    "situation": "Some things improve on paper.",
                    "outcome": (
                        "Agency use goes down. But nobody checks what daily life is like, "
                        "and the habits that led to the locked kitchen are still there. Leon "
                        "has no independent way to tell anyone if things slip back."
                    ),
                },
                {
                    "key": "harm-end",
                    "ending": True,
                    "situation": "Oak Lane stays 'low risk' on paper.",
                    "outcome": (
                        "Leon is admitted to hospital. The safeguarding adults review finds "
                        "that a year without complaints was read as success, when it really "
                        "meant nobody was asking and nobody could answer."
                    ),
                },
            ],
        },
    ],
}
