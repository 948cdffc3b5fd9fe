"""Path 5: Leadership practices (imperative 2: lead openly and courageously)."""

PATH = {
    "slug": "leadership",
    "title": "Leading openly and with compassion",
    "imperative": "lead",
    "audiences": ["leader", "supervisor", "organisation_admin"],
    "summary": (
        "How leaders prevent closed cultures: being present and compassionate, reading data "
        "honestly, building a learning culture, and being open when things go wrong."
    ),
    "outcomes": [
        (
            "Ask 'could this happen here, and how would we know?' and answer it with "
            "evidence from several sources."
        ),
        "Use the four behaviours of compassionate leadership when a team is struggling.",
        "Tell the difference between figures that show improvement and figures that hide fear.",
        "Remove common barriers to learning after something goes wrong.",
        (
            "Lead openly with regulators, commissioners, families and staff when poor "
            "practice comes to light."
        ),
    ],
    "estimated_minutes": 75,
    "recertify_months": 24,
    "items": [
        {
            "type": "module",
            "slug": "leadership-and-closed-cultures",
            "title": "Leadership and closed cultures",
            "summary": (
                "Why leaders shape whether a culture stays open, and what open leadership "
                "looked like in one provider that found poor practice in its own homes."
            ),
            "body": [
                (
                    "text",
                    (
                        "<p>Every inquiry into organisational abuse has asked what leaders "
                        "knew, and why they didn't know more. This module is about the "
                        "leader's part in preventing closed cultures, and in responding "
                        "openly when one is found.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "Organisational abuse covers neglect and poor practice that "
                            "arise from an organisation's own structures, policies, "
                            "processes and practices, in a hospital, a care home or care at "
                            "home, whether once or over time (statutory guidance paragraph "
                            "14.17, cited in S1)."
                        ),
                        "source": "CSSG",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "CQC describes a closed culture as a poor culture that raises "
                            "the risk of harm, abuse and breaches of human rights, and says "
                            "it can happen in any service."
                        ),
                        "source": "CQC-CC",
                    },
                ),
                (
                    "text",
                    (
                        "<p>Several of S1's eight hallmarks of closed cultures are about "
                        "leaders directly: <strong>defensive, opaque leadership</strong>; a "
                        "<strong>gap between stated values and how front-line leaders "
                        "act</strong>; and <strong>managing reputation and avoiding "
                        "risk</strong> at the expense of people. The others are not "
                        "listening, a lack of compassion, poor teamwork, no learning "
                        "culture, and concerns that are never added together.</p><p>S1's "
                        "second imperative is to <strong>lead openly and "
                        "courageously</strong>.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "S1 lists barriers that leaders can put in place without meaning "
                            "to: money and targets coming before people, the weight of "
                            "power, rushing to solutions, and choosing measures that show "
                            "success rather than help people learn."
                        ),
                        "source": "S1",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            # S3, word for word: "could this happen here? how would we
                            # know? how robust is the assessment of services and the culture
                            # of services? are we visible enough and do we hear enough from
                            # patients, their families and all staff on a ward e.g. the
                            # porter, cleaner, HCAs?"
                            "NHS England's letter asks boards four questions: could this "
                            "happen here? How would we know? How robust is the assessment of "
                            "services and the culture of services? Are we visible enough and "
                            "do we hear enough from patients, their families and all staff, "
                            "for example the porter, the cleaner and healthcare assistants? "
                            "(S3)"
                        ),
                        "source": "S3",
                    },
                ),
                # S3, point 1: "Your boards to review the safeguarding of care in your
                # organisation and identify any immediate issues requiring action now;
                # including but not limited to: a. freedom to speak up arrangements, b.
                # advocacy provision, c. complaints, d. CETRs and ICETRs, e. other feedback on
                # services." Point 3: "You should review why people in your services are in
                # Seclusion and Long Term Segregation, how long for, what is the plan to
                # support them out of these restrictive settings?"
                (
                    "key_fact",
                    {
                        "fact": (
                            "The same letter asks each board to review the safeguarding of "
                            "care in its organisation and find any issue that needs action "
                            "now, including: freedom to speak up arrangements; advocacy "
                            "provision; complaints; CETRs and ICETRs; and other feedback on "
                            "services (S3)."
                        ),
                        "source": "S3",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "It asks boards to double down on reducing restrictive "
                            "interventions: to review why people are in seclusion and long "
                            "term segregation, for how long, and what the plan is to support "
                            "them out of these restrictive settings. It also asks them to "
                            "consider independent peer-led support and peer-led feedback for "
                            "people in their most restrictive settings (S3)."
                        ),
                        "source": "S3",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "When Island Healthcare found poor practice in its homes, it "
                            "reported itself to CQC and commissioners four or five times in "
                            "about six months. It dismissed the registered manager, the "
                            "deputy and seven or eight staff, closed beds to make time, and "
                            "talked with every member of staff. CQC stepped back (S1)."
                        ),
                        "source": "S1",
                    },
                ),
                (
                    "reflection",
                    (
                        "If you had to answer 'how would we know?' for your own service "
                        "tomorrow, what would you point to? Whose voices would be missing?"
                    ),
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "What did Island Healthcare do when it found poor practice in "
                            "its homes?"
                        ),
                        "multiple": False,
                        "options": [
                            {
                                "text": (
                                    "Reported itself to CQC and commissioners, acted on "
                                    "staffing, closed beds to make time, and talked with "
                                    "every member of staff"
                                ),
                                "correct": True,
                                "explanation": (
                                    "Right. By being open, it kept the trust of the "
                                    "regulator, which stepped back (S1)."
                                ),
                            },
                            {
                                "text": "Fixed the problems quietly before the next inspection",
                                "correct": False,
                                "explanation": (
                                    "No. Quiet fixes are reputation management, one of S1's "
                                    "hallmarks of closed cultures."
                                ),
                            },
                            {
                                "text": "Waited for CQC to find the problems",
                                "correct": False,
                                "explanation": (
                                    "No. It went to CQC and commissioners itself, several times."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "According to S3, whose views should a board hear to understand "
                            "its culture? Choose all that apply."
                        ),
                        "multiple": True,
                        "options": [
                            {
                                "text": "Patients and people who use services",
                                "correct": True,
                                "explanation": "Yes. Their experience tests culture best (S3).",
                            },
                            {
                                "text": "Families",
                                "correct": True,
                                "explanation": "Yes. Families often notice changes first (S3).",
                            },
                            {
                                "text": "Porters, cleaners and healthcare assistants",
                                "correct": True,
                                "explanation": (
                                    "Yes. S3 names them because they see daily life and are "
                                    "often not asked."
                                ),
                            },
                            {
                                "text": "Only senior managers, who see the whole picture",
                                "correct": False,
                                "explanation": (
                                    "No. Hearing only from senior managers is how boards end "
                                    "up with a view of culture that isn't robust."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "What does NHS England's letter ask boards to review? Choose all "
                            "that apply."
                        ),
                        "multiple": True,
                        "options": [
                            {
                                "text": "Freedom to speak up arrangements and advocacy provision",
                                "correct": True,
                                "explanation": "Yes. Both are on the letter's list (S3).",
                            },
                            {
                                "text": (
                                    "Why people are in seclusion and long term segregation, "
                                    "for how long, and the plan to support them out"
                                ),
                                "correct": True,
                                "explanation": (
                                    "Yes. The letter asks boards to review restrictive "
                                    "settings in these words (S3)."
                                ),
                            },
                            {
                                "text": "Complaints, CETRs and ICETRs, and other feedback",
                                "correct": True,
                                "explanation": "Yes. These are on the list too (S3).",
                            },
                            {
                                "text": "Only the number of incidents reported",
                                "correct": False,
                                "explanation": (
                                    "No. The letter asks for much more, and a count of "
                                    "incidents on its own can hide fear."
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "type": "module",
            "slug": "compassionate-leadership",
            "title": "Compassionate leadership",
            "summary": (
                "The four behaviours of compassionate leadership, what the best NHS chief "
                "executives say they do, and how supervision can surface problems early."
            ),
            "body": [
                (
                    "text",
                    (
                        "<p>Michael West's work on compassionate leadership (with Eckert, in "
                        "the King's Fund report <em>Caring to change</em>, 2017, and in the "
                        "book <em>Compassionate Leadership</em>, 2021) describes four "
                        "behaviours:</p><ul><li><strong>Attending</strong>: being present "
                        "and really listening.</li><li><strong>Understanding</strong>: "
                        "making sense of the situation together, not deciding "
                        "alone.</li><li><strong>Empathising</strong>: feeling with the "
                        "person.</li><li><strong>Helping</strong>: taking wise action that "
                        "actually helps.</li></ul><p>The leader's key question becomes 'how "
                        "can I help?'. Staff's core needs at work are often described as "
                        "autonomy, belonging and contribution.</p><p>Analyses of the NHS "
                        "Staff Survey by West, Dawson and colleagues link staff engagement "
                        "with patient satisfaction, mortality, infection rates, sickness "
                        "absence and staff turnover.</p>"
                    ),
                ),
                # S1 appendix 1: "A summary contributed by Matthew Winn, NHS Chief Executive,
                # from a podcast series ... The following two diagrams form part of that
                # summary." The bullet list after the diagrams is "Other conversations that
                # informed this paper": "Coproduction, of goals and what will be measured ...
                # (Louise Patmore)" and "'levelling hierarchies and getting people to engage
                # with one another in a mutual and reciprocal arrangement' For example,
                # [patient safety learning. The Hub". What S1 credits to the podcasts: "Clear
                # direction that supports a set of values ... simple priorities with clear
                # goals (podcast in conversation with Matthew Winn ... and Michael West)" and
                # "Engaging in long term strategies to shift and maintain cultures".
                (
                    "key_fact",
                    {
                        "fact": (
                            "Matthew Winn, an NHS chief executive, talked in a podcast series "
                            "with 11 chief executives whose trusts were among the best in at "
                            "least two of the national people themes of the 2022 NHS staff "
                            "survey. His summary (2024) is about the leader's part in a "
                            "healthy culture, in care of high quality, in open and safe ways "
                            "for staff to raise concerns, and in helping staff to be highly "
                            "effective. S1 reproduces two diagrams from it in its appendix 1. "
                            "Among the points S1 credits to the podcasts, with Michael West, "
                            "are clear direction, with values turned into simple priorities "
                            "and clear goals, and long-term strategies to shift and keep "
                            "cultures, 'not just reaching for the next shiny thing'."
                        ),
                        "source": "S1",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "After the diagrams, S1 lists what other conversations for the "
                            "paper added: involving staff in decisions, with inclusion and "
                            "equity; supportive, compassionate leaders who are present; data "
                            "and a quality improvement culture; learning rather than targets; "
                            "teamwork; honesty about what is going wrong and right; "
                            "co-producing goals and what will be measured with staff and "
                            "people who use services (Louise Patmore); and levelling "
                            "hierarchies so that people engage with one another in a mutual "
                            "and reciprocal way (an example from Patient Safety Learning's "
                            "hub)."
                        ),
                        "source": "S1",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "Supervision should explore tensions in the team, cliques, "
                            "disrespect and resistance to change, not only tasks (Jeavons, "
                            "Durham Safeguarding Adults Partnership, cited in S1)."
                        ),
                        "source": "S1",
                    },
                ),
                (
                    "text",
                    (
                        "<p>The NHS People Promise has seven elements: we are compassionate "
                        "and inclusive; we are recognised and rewarded; we each have a voice "
                        "that counts; we are safe and healthy; we are always learning; we "
                        "work flexibly; and we are a team. Since 2021 the NHS Staff Survey "
                        "has been built around it, along with staff engagement and morale. "
                        "Social care providers can ask similar questions of their own "
                        "staff.</p>"
                    ),
                ),
                (
                    "reflection",
                    (
                        "When did a leader last ask you 'how can I help?' and mean it? What "
                        "did they do next? When did you last ask it?"
                    ),
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Which are the four behaviours of compassionate leadership "
                            "described by West?"
                        ),
                        "multiple": False,
                        "options": [
                            {
                                "text": "Attending, understanding, empathising, helping",
                                "correct": True,
                                "explanation": (
                                    "Right. Together they move from listening, through "
                                    "making sense of things together, to wise action."
                                ),
                            },
                            {
                                "text": "Planning, directing, monitoring, correcting",
                                "correct": False,
                                "explanation": (
                                    "No. These describe command and control. They leave out "
                                    "listening and making sense together."
                                ),
                            },
                            {
                                "text": "Praising, rewarding, promoting, retaining",
                                "correct": False,
                                "explanation": (
                                    "No. Recognition matters, but these are not the four "
                                    "behaviours."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Which of these does S1 credit to Matthew Winn's podcasts with "
                            "NHS chief executives? Choose all that apply."
                        ),
                        "multiple": True,
                        "options": [
                            {
                                "text": "Long-term strategies to shift and keep cultures",
                                "correct": True,
                                "explanation": (
                                    "Yes. S1 says West and Winn speak in the podcast of long-"
                                    "term strategies, not reaching for the next shiny thing."
                                ),
                            },
                            {
                                "text": (
                                    "Clear direction: values turned into simple priorities "
                                    "with clear goals"
                                ),
                                "correct": True,
                                "explanation": (
                                    "Yes. S1 cites the podcast with Winn and West for this."
                                ),
                            },
                            {
                                "text": (
                                    "Co-producing goals and what will be measured with staff "
                                    "and people who use services"
                                ),
                                "correct": False,
                                "explanation": (
                                    "Not the podcasts. S1 lists this among other "
                                    "conversations, quoting Louise Patmore."
                                ),
                            },
                            {
                                "text": "Levelling hierarchies",
                                "correct": False,
                                "explanation": (
                                    "Not the podcasts. S1 lists it among other conversations, "
                                    "with an example from Patient Safety Learning's hub."
                                ),
                            },
                            {
                                "text": "Keeping decisions within a small senior team",
                                "correct": False,
                                "explanation": (
                                    "No. Nothing in S1 supports this; the other conversations "
                                    "it reports ask for staff to be involved in decisions."
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "type": "scenario",
            "slug": "good-news-that-isnt",
            "title": "Good news that isn't",
            "summary": (
                "Incident reports have halved on one unit. So has the number of staff who "
                "feel safe to speak up. The manager calls it improvement."
            ),
            "reflection_prompt": (
                "Which figures in your own reports could look like good news but hide fear? "
                "What would you put beside them to check?"
            ),
            "steps": [
                {
                    "key": "dashboard",
                    "situation": (
                        "You are head of operations for a group of care homes. At Larch "
                        "House, incident reports have halved in six months. Over the same "
                        "time, the share of staff who say they feel safe to speak up has "
                        "fallen sharply.\n\nHelen, the home manager, is pleased."
                    ),
                    "person_says": (
                        "Incidents are down by half. The new rota is working. I think we've "
                        "turned a corner."
                    ),
                    "choices": [
                        {
                            "key": "accept",
                            "text": "Congratulate Helen and report the improvement to the board.",
                            "next": "quiet-months",
                            "feedback": (
                                "Fewer reports alongside less confidence to speak up is a "
                                "warning, not a win. Choosing measures that show success "
                                "rather than help learning is a barrier S1 names (Patmore "
                                "2025, in S1)."
                            ),
                            "quality": "harmful",
                            "principles": ["learning", "open_leadership"],
                        },
                        {
                            "key": "visit-and-listen",
                            "text": (
                                "Go to Larch House. Listen to staff, residents and families. "
                                "Look at complaints and rota data alongside the figures, and "
                                "ask Helen 'how can I help?'."
                            ),
                            "next": "on-the-unit",
                            "feedback": (
                                "Right. Attending and understanding come before deciding "
                                "what to do. Putting the figures beside complaints and rota "
                                "data is making connections (S1)."
                            ),
                            "quality": "best",
                            "principles": ["listening", "connections", "open_leadership"],
                        },
                        {
                            "key": "target-plan",
                            "text": (
                                "Ask Helen for a plan, with targets, to raise the speak-up "
                                "score within a week."
                            ),
                            "next": "target-plan",
                            "feedback": (
                                "At least you haven't ignored the fall. But demanding a plan "
                                "before anyone understands the cause is rushing to "
                                "solutions, a barrier S1 describes."
                            ),
                            "quality": "acceptable",
                            "principles": ["learning"],
                        },
                        {
                            "key": "discipline",
                            "text": (
                                "Start a formal process against Helen for the fall in the "
                                "speak-up score."
                            ),
                            "next": "fear",
                            "feedback": (
                                "Blame pushes reporting down further. Staff see that bad "
                                "news gets people punished, and learn to hide it."
                            ),
                            "quality": "harmful",
                            "principles": ["learning", "open_leadership"],
                        },
                    ],
                },
                {
                    "key": "target-plan",
                    "situation": (
                        "Two days later, Helen sends a plan: cut incidents by another 20% "
                        "and get the speak-up score to 80% by spring. Nothing in it explains "
                        "why the score fell."
                    ),
                    "choices": [
                        {
                            "key": "step-back",
                            "text": (
                                "Put the plan on hold. Go to Larch House first to listen and "
                                "understand."
                            ),
                            "next": "on-the-unit",
                            "feedback": (
                                "Good recovery. A target to cut incidents further would "
                                "reward even less reporting. Understanding has to come first."
                            ),
                            "quality": "best",
                            "principles": ["learning", "listening"],
                        },
                        {
                            "key": "approve-plan",
                            "text": "Approve it. At least there's a plan.",
                            "next": "quiet-months",
                            "feedback": (
                                "A plan built on the wrong reading of the figures makes the "
                                "problem worse. Staff will feel even more pressure not to "
                                "report."
                            ),
                            "quality": "risky",
                            "principles": ["learning"],
                        },
                    ],
                },
                {
                    "key": "fear",
                    "situation": (
                        "Helen goes off sick. Staff at Larch House say managers who bring "
                        "bad news get pushed out. Reporting falls again."
                    ),
                    "choices": [
                        {
                            "key": "repair",
                            "text": (
                                "Pause the process and say openly that it was the wrong "
                                "response. Then go to Larch House to listen, and ask how you "
                                "can help."
                            ),
                            "next": "on-the-unit",
                            "feedback": (
                                "Owning a mistake in public is what honest leadership about "
                                "failure looks like (S1). It is the only way to rebuild the "
                                "trust that blame destroyed."
                            ),
                            "quality": "best",
                            "principles": ["open_leadership", "learning", "candour"],
                        },
                        {
                            "key": "replace-manager",
                            "text": "Appoint an interim manager and move on.",
                            "next": "harm-end",
                            "feedback": (
                                "Changing the person without understanding the problem "
                                "leaves the cause in place. Frequent manager change is "
                                "itself a risk factor CQC looks for."
                            ),
                            "quality": "harmful",
                            "principles": ["learning", "open_leadership"],
                        },
                    ],
                },
                {
                    "key": "quiet-months",
                    "situation": (
                        "Three months later, a hospital raises a safeguarding concern. Mrs "
                        "Okafor, who lives at Larch House, was admitted with a fractured "
                        "wrist. No incident was ever reported."
                    ),
                    "choices": [
                        {
                            "key": "open-up",
                            "text": (
                                "Make sure Mrs Okafor and her family are told honestly what "
                                "happened, tell the board the earlier reading was wrong, and "
                                "go to Larch House to find out why reporting stopped."
                            ),
                            "next": "on-the-unit",
                            "feedback": (
                                "Being open with the family and the board is the start of "
                                "putting it right. The question is not who failed to report, "
                                "but why reporting had stopped."
                            ),
                            "quality": "best",
                            "principles": ["candour", "open_leadership", "learning"],
                        },
                        {
                            "key": "blame-individual",
                            "text": (
                                "Find out who was on shift and discipline them for not reporting."
                            ),
                            "next": "harm-end",
                            "feedback": (
                                "Blaming one person for a pattern across a whole unit "
                                "confirms to everyone that reporting brings trouble. S1 "
                                "notes that complaints go unrecorded for fear of blame."
                            ),
                            "quality": "harmful",
                            "principles": ["learning", "open_leadership"],
                        },
                    ],
                },
                {
                    "key": "on-the-unit",
                    "situation": (
                        "You arrive at handover. Two families have complained about bruising "
                        "in the last quarter. The rota shows most night shifts are agency "
                        "staff. Tomasz, a healthcare assistant, hangs back to talk to you."
                    ),
                    "person_says": (
                        "Last time I reported a fall, I got asked why I hadn't stopped it "
                        "happening. So now we just sort things out ourselves."
                    ),
                    "choices": [
                        {
                            "key": "understand-together",
                            "text": (
                                "Thank Tomasz. Sit down with Helen and the team, share the "
                                "complaints and rota data, and work out together what is "
                                "getting in the way of reporting. Ask 'how can I help?'."
                            ),
                            "next": "helping",
                            "feedback": (
                                "This is attending, understanding and empathising in "
                                "practice. Thanking Tomasz, and showing that you want to "
                                "understand rather than blame, starts to remove the fear he "
                                "describes."
                            ),
                            "quality": "best",
                            "principles": ["listening", "learning", "open_leadership"],
                        },
                        {
                            "key": "tell-them",
                            "text": (
                                "Remind everyone at handover that reporting is mandatory, "
                                "and that you will be checking."
                            ),
                            "next": "mixed-end",
                            "feedback": (
                                "Telling rather than explaining is one of the barriers to "
                                "learning S1 describes. It doesn't touch what Tomasz told "
                                "you: that reporting brings blame."
                            ),
                            "quality": "risky",
                            "principles": ["learning"],
                        },
                    ],
                },
                {
                    "key": "helping",
                    "situation": "Afterwards, Helen talks to you on her own.",
                    "person_says": (
                        "Honestly? I've had no deputy for four months and I'm covering "
                        "nights. I was scared of what the numbers would show if people "
                        "reported everything."
                    ),
                    "choices": [
                        {
                            "key": "support-and-measure",
                            "text": (
                                "Arrange an interim deputy. Agree with staff which measures "
                                "will help them learn. Tell the board openly that the fall "
                                "in reports was a warning, not a success. Come back in a "
                                "month."
                            ),
                            "next": "good-end",
                            "feedback": (
                                "This is the helping part of compassionate leadership: wise, "
                                "practical action. Honest reporting to the board, and "
                                "measures chosen with staff, turn data into learning."
                            ),
                            "quality": "best",
                            "principles": ["open_leadership", "learning", "listening"],
                        },
                        {
                            "key": "sympathise-only",
                            "text": (
                                "Thank her for being honest, and tell her to let you know if "
                                "things get worse."
                            ),
                            "next": "mixed-end",
                            "feedback": (
                                "Listening and empathy matter, but compassion without help "
                                "leaves Helen where she was. The helping step is what "
                                "changes things."
                            ),
                            "quality": "acceptable",
                            "principles": ["listening"],
                        },
                    ],
                },
                {
                    "key": "good-end",
                    "ending": True,
                    "situation": "Two months later, incident reports at Larch House have gone up.",
                    "outcome": (
                        "So has the speak-up score. Staff say they are thanked when they "
                        "report and told what changed. Helen has a deputy and is off nights. "
                        "The board now reads incident reports beside staff voice, complaints "
                        "and rota data, and asks about any fall."
                    ),
                },
                {
                    "key": "mixed-end",
                    "ending": True,
                    "situation": "Things stay much as they were.",
                    "outcome": (
                        "Reporting picks up a little, mostly paperwork. The reason staff "
                        "stopped reporting is never dealt with, and Helen is still "
                        "stretched. The next fall in the figures may again be read as good "
                        "news."
                    ),
                },
                {
                    "key": "harm-end",
                    "ending": True,
                    "situation": "Larch House goes quiet.",
                    "outcome": (
                        "Reporting almost stops. Staff who raise problems leave. When CQC "
                        "inspects, it finds unreported injuries and a team afraid to speak. "
                        "The board had been told things were improving."
                    ),
                },
            ],
        },
        {
            "type": "module",
            "slug": "learning-culture-and-openness",
            "title": "A learning culture and being open",
            "summary": (
                "What gets in the way of learning, how CQC looks at learning culture, and a "
                "leader's duty to be open when things go wrong."
            ),
            "body": [
                (
                    "text",
                    (
                        "<p>A learning culture is one where people can say what went wrong "
                        "without fear, and where the organisation changes because of it. "
                        "S1's third imperative, to create a learning culture, applies to "
                        "every service and every path on this platform.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "S1 names common barriers to learning: knee-jerk fixes; learning "
                            "kept inside audit teams; not looking for the root cause; "
                            "telling rather than explaining; and complaints left unrecorded "
                            "because people fear blame."
                        ),
                        "source": "S1",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "Measures can create an illusion of success. Figures should "
                            "serve learning, not be chosen to prove things are fine (Patmore "
                            "2025, cited in S1)."
                        ),
                        "source": "S1",
                    },
                ),
                (
                    "text",
                    (
                        "<p>CQC's single assessment framework has 34 quality statements "
                        "under its five key questions. It uses six categories of evidence: "
                        "people's experience; feedback from staff and leaders; observation; "
                        "feedback from partners; processes; and outcomes. Under "
                        "<em>safe</em>, one statement is about <strong>learning "
                        "culture</strong>. Under <em>well-led</em>, statements include "
                        "shared direction and culture; capable, compassionate and inclusive "
                        "leaders; and freedom to speak up.</p>"
                    ),
                ),
                (
                    "text",
                    (
                        "<p><strong>Being open.</strong> The duty of candour (Regulation 20) "
                        "means that after a notifiable safety incident, one causing moderate "
                        "or severe harm, prolonged psychological harm or death, the provider "
                        "must tell the person in person, give a true account, apologise, "
                        "offer support and follow up in writing. Open leadership goes "
                        "further: telling regulators and commissioners what you have found, "
                        "before they find it, and explaining to staff what is happening and "
                        "why.</p>"
                    ),
                ),
                (
                    "reflection",
                    (
                        "Think of the last thing that went wrong in your service. Was the "
                        "fix decided before anyone understood the cause? Who heard what was "
                        "learned?"
                    ),
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Which of these are barriers to learning described in S1? Choose "
                            "all that apply."
                        ),
                        "multiple": True,
                        "options": [
                            {
                                "text": "Knee-jerk fixes before the cause is understood",
                                "correct": True,
                                "explanation": (
                                    "Yes. Quick fixes feel like action, but the root cause stays."
                                ),
                            },
                            {
                                "text": "Learning kept within the audit team",
                                "correct": True,
                                "explanation": (
                                    "Yes. If front-line staff never hear what was learned, "
                                    "practice doesn't change."
                                ),
                            },
                            {
                                "text": "Complaints left unrecorded for fear of blame",
                                "correct": True,
                                "explanation": "Yes. What isn't recorded can't be learned from.",
                            },
                            {
                                "text": "Explaining to staff why a change is being made",
                                "correct": False,
                                "explanation": (
                                    "No. Explaining is the opposite of the barrier. S1 warns "
                                    "against telling people what to do without explaining "
                                    "why."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "In CQC's single assessment framework, under which key question "
                            "does the 'learning culture' quality statement sit?"
                        ),
                        "multiple": False,
                        "options": [
                            {
                                "text": "Safe",
                                "correct": True,
                                "explanation": (
                                    "Right. CQC treats learning from what goes wrong as part "
                                    "of keeping people safe."
                                ),
                            },
                            {
                                "text": "Responsive",
                                "correct": False,
                                "explanation": (
                                    "No. Learning culture sits under safe. Well-led covers "
                                    "related statements such as freedom to speak up."
                                ),
                            },
                            {
                                "text": "Caring",
                                "correct": False,
                                "explanation": "No. It sits under safe.",
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "type": "scenario",
            "slug": "before-the-inspection",
            "title": "Before the inspection",
            "summary": (
                "Poor practice comes to light in one home just before an inspection. A "
                "director wants it fixed quietly."
            ),
            "reflection_prompt": (
                "What would make it easier, in your organisation, for a leader to report bad "
                "news to the regulator before being asked?"
            ),
            "steps": [
                {
                    "key": "discovery",
                    "situation": (
                        "You are quality director for a group of care homes. At Fernlea, you "
                        "find that night staff have been turning call bells to silent, and "
                        "several residents have been left in wet beds until the morning "
                        "shift. Rose Turner, who is 91, has skin damage that needs "
                        "treatment.\n\nAn inspection is due. Richard, the managing director, "
                        "calls you."
                    ),
                    "person_says": (
                        "Occupancy's at 82% and the inspection is weeks away. Fix it "
                        "quietly. Let's not make a song and dance about it."
                    ),
                    "choices": [
                        {
                            "key": "fix-quietly",
                            "text": (
                                "Agree. Sort out the night shift quietly and keep it within "
                                "the company."
                            ),
                            "next": "quiet-fix",
                            "feedback": (
                                "This is reputation management, one of S1's hallmarks of "
                                "closed cultures. It may also breach the duty of candour, "
                                "and residents who were neglected need safeguarding concerns "
                                "raised (CSSG)."
                            ),
                            "quality": "harmful",
                            "principles": ["open_leadership", "candour", "accountability"],
                        },
                        {
                            "key": "lead-openly",
                            "text": (
                                "Tell Richard you will raise safeguarding concerns and tell "
                                "CQC and the commissioners. Be open with residents and "
                                "families, pause admissions, and explain to staff what is "
                                "happening."
                            ),
                            "next": "telling-people",
                            "feedback": (
                                "This is leading openly. When Island Healthcare did this, "
                                "reporting itself and closing beds to make time to put "
                                "things right, CQC stepped back (S1). Raising safeguarding "
                                "concerns is the employer's duty (CSSG)."
                            ),
                            "quality": "best",
                            "principles": ["open_leadership", "candour", "escalation"],
                        },
                        {
                            "key": "sack-manager",
                            "text": (
                                "Dismiss the home manager straight away and announce it, so "
                                "everyone can see action was taken."
                            ),
                            "next": "after-dismissal",
                            "feedback": (
                                "The manager may need to go, but doing it publicly as the "
                                "whole response looks decisive while ignoring the causes in "
                                "the system, such as night staffing and supervision."
                            ),
                            "quality": "acceptable",
                            "principles": ["learning", "accountability"],
                        },
                    ],
                },
                {
                    "key": "quiet-fix",
                    "situation": (
                        "A new night rota starts and staff are sent on training. Two weeks "
                        "later, a night care worker who was upset by what she saw contacts "
                        "CQC herself."
                    ),
                    "choices": [
                        {
                            "key": "come-clean",
                            "text": (
                                "Tell CQC, the commissioners and families everything you "
                                "know, including that you chose not to report it at first."
                            ),
                            "next": "telling-people",
                            "feedback": (
                                "Late, but honest. Admitting the first decision was wrong is "
                                "the only way to start rebuilding trust with the regulator, "
                                "families and staff."
                            ),
                            "quality": "best",
                            "principles": ["candour", "open_leadership", "accountability"],
                        },
                        {
                            "key": "deny",
                            "text": (
                                "Tell CQC it was dealt with internally and there was nothing "
                                "to report."
                            ),
                            "next": "harm-end",
                            "feedback": (
                                "This turns poor practice into a cover-up. Cover-up is one "
                                "of the six features CQC found again and again in "
                                "closed-culture inspections (CQC Insight, July 2021)."
                            ),
                            "quality": "harmful",
                            "principles": ["candour", "accountability", "open_leadership"],
                        },
                    ],
                },
                {
                    "key": "after-dismissal",
                    "situation": (
                        "The manager has gone. The local paper reports it. But the night "
                        "shift is still two staff for 28 residents, and the new manager says "
                        "nobody has had supervision for months."
                    ),
                    "choices": [
                        {
                            "key": "look-at-system",
                            "text": (
                                "Look at the causes: night staffing, supervision and how it "
                                "went unnoticed. Tell CQC and commissioners openly, and be "
                                "honest with residents and families."
                            ),
                            "next": "telling-people",
                            "feedback": (
                                "Right. Abuse is most likely where staff lack management "
                                "support, training and supervision (S2). Changing one person "
                                "without changing those leaves the risk in place."
                            ),
                            "quality": "best",
                            "principles": ["learning", "open_leadership", "candour"],
                        },
                        {
                            "key": "move-on",
                            "text": "The problem person has gone. Move on.",
                            "next": "harm-end",
                            "feedback": (
                                "Blaming one person lets the organisation avoid looking at "
                                "itself. The conditions that allowed it are unchanged."
                            ),
                            "quality": "harmful",
                            "principles": ["learning", "accountability"],
                        },
                    ],
                },
                {
                    "key": "telling-people",
                    "situation": "You need to tell Rose and her son, David, what happened.",
                    "person_says": (
                        "I rang and rang. In the end I just lay there and waited for the morning."
                    ),
                    "choices": [
                        {
                            "key": "candour-in-person",
                            "text": (
                                "Meet Rose, and David if she wants him there. Give a true "
                                "account, apologise, explain what you are doing, offer "
                                "support, and follow up in writing."
                            ),
                            "next": "staff-meeting",
                            "feedback": (
                                "This is what the duty of candour asks after a notifiable "
                                "safety incident: in person, a true account, an apology, "
                                "support and a written follow-up (Regulation 20). Even where "
                                "an incident does not meet that threshold, this is how open "
                                "leadership behaves."
                            ),
                            "quality": "best",
                            "principles": ["candour", "dignity", "family_partnership"],
                        },
                        {
                            "key": "letter-only",
                            "text": (
                                "Send Rose and David a standard letter explaining that an "
                                "investigation is under way."
                            ),
                            "next": "staff-meeting",
                            "feedback": (
                                "Writing is part of candour, but it follows a conversation "
                                "in person. A standard letter to a 91-year-old who lay in a "
                                "wet bed all night feels like a form, not an apology."
                            ),
                            "quality": "risky",
                            "principles": ["candour", "dignity"],
                        },
                        {
                            "key": "say-nothing",
                            "text": "Say nothing to families until the investigation is finished.",
                            "next": "trust-lost",
                            "feedback": (
                                "Waiting in silence goes against the duty of candour, and "
                                "families usually find out anyway. Then they wonder what "
                                "else they haven't been told."
                            ),
                            "quality": "harmful",
                            "principles": ["candour", "family_partnership"],
                        },
                    ],
                },
                {
                    "key": "trust-lost",
                    "situation": (
                        "A week later, David hears what happened from a care worker. He "
                        "rings you, angry."
                    ),
                    "person_says": (
                        "My mother lay in a wet bed all night and I had to find out from a "
                        "carer in the corridor?"
                    ),
                    "choices": [
                        {
                            "key": "apologise-now",
                            "text": (
                                "Apologise for not telling him sooner. Arrange to meet Rose "
                                "and David in person, give a true account and follow up in "
                                "writing."
                            ),
                            "next": "staff-meeting",
                            "feedback": (
                                "You can't undo the delay, but you can stop it getting "
                                "worse. Owning the silence is part of the apology."
                            ),
                            "quality": "best",
                            "principles": ["candour", "family_partnership"],
                        },
                        {
                            "key": "defend",
                            "text": (
                                "Explain that you couldn't say anything while the "
                                "investigation was going on."
                            ),
                            "next": "harm-end",
                            "feedback": (
                                "This puts the process before Rose and David. It is the "
                                "defensive leadership S1 describes, and it will be "
                                "remembered long after the investigation."
                            ),
                            "quality": "harmful",
                            "principles": ["candour", "open_leadership"],
                        },
                    ],
                },
                {
                    "key": "staff-meeting",
                    "situation": (
                        "Staff at Fernlea are frightened. Some expect to lose their jobs. At "
                        "a meeting, a night care worker speaks up."
                    ),
                    "person_says": (
                        "There are two of us for 28 residents. We turned the bells down "
                        "because we couldn't get to them, and we were ashamed."
                    ),
                    "choices": [
                        {
                            "key": "listen-to-everyone",
                            "text": (
                                "Thank her. Keep admissions paused to make time. Talk with "
                                "every member of staff, look at the root causes, including "
                                "night staffing and supervision, and tell staff what will "
                                "change."
                            ),
                            "next": "good-end",
                            "feedback": (
                                "Island Healthcare closed beds to make time and talked with "
                                "every member of staff (S1). Looking for the root cause, "
                                "rather than a quick fix, is what turns a crisis into "
                                "learning."
                            ),
                            "quality": "best",
                            "principles": ["learning", "listening", "open_leadership"],
                        },
                        {
                            "key": "blame-night-team",
                            "text": (
                                "Tell the meeting that the night team let everyone down, and "
                                "that it must never happen again."
                            ),
                            "next": "mixed-end",
                            "feedback": (
                                "The night team's actions were wrong and must be dealt with "
                                "fairly. But blaming them in public ignores what she has "
                                "just told you about staffing, and teaches everyone to hide "
                                "the next problem."
                            ),
                            "quality": "risky",
                            "principles": ["learning", "open_leadership"],
                        },
                    ],
                },
                {
                    "key": "good-end",
                    "ending": True,
                    "situation": (
                        "The inspection goes ahead. CQC sees a provider that found its own "
                        "problems, reported them and acted."
                    ),
                    "outcome": (
                        "Night staffing is increased and every night worker has regular "
                        "supervision. Rose's skin heals, and she tells David the night staff "
                        "now come when she rings. Admissions restart once the changes are in "
                        "place. Staff say that for the first time, telling the truth did not "
                        "get them punished."
                    ),
                },
                {
                    "key": "mixed-end",
                    "ending": True,
                    "situation": "Things are fixed on the surface.",
                    "outcome": (
                        "The call bells work and individuals are dealt with, but the night "
                        "team still feel blamed for a staffing problem they didn't create. "
                        "The next time something goes wrong at night, they are less likely "
                        "to say so."
                    ),
                },
                {
                    "key": "harm-end",
                    "ending": True,
                    "situation": "The truth comes out another way.",
                    "outcome": (
                        "CQC finds what happened and that it was not reported. Families lose "
                        "trust, and several move their relatives. Staff learn that the "
                        "organisation protects itself first. The inspection report describes "
                        "a provider more concerned with its rating than with its residents."
                    ),
                },
            ],
        },
    ],
}
