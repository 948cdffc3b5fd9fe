"""Path 2: Legal literacy (imperative 3: create a learning culture)."""

PATH = {
    "slug": "legal-literacy",
    "title": "Legal literacy for safe care",
    "imperative": "learn",
    "audiences": ["staff", "supervisor", "safeguarding_lead", "leader"],
    "summary": (
        "The laws and duties behind everyday care decisions: safeguarding under the Care "
        "Act, mental capacity, human rights, being open when things go wrong, and avoiding "
        "restriction."
    ),
    "outcomes": [
        "Recognise when a worry may be a safeguarding concern under the Care Act, and raise it.",
        "Apply the five principles of the Mental Capacity Act to a real decision.",
        "Explain which human rights matter most in care, and how restriction can breach them.",
        "Ask the person what outcome they want, and check at the end whether they got it.",
        "Describe what the duty of candour asks of a provider after a serious incident.",
    ],
    "estimated_minutes": 80,
    "recertify_months": 12,
    "items": [
        {
            "type": "module",
            "slug": "safeguarding-and-the-care-act",
            "title": "Safeguarding and the Care Act",
            "summary": (
                "What organisational abuse is in law, when the local authority must make "
                "enquiries, and why the words we use matter."
            ),
            "body": [
                (
                    "text",
                    (
                        "<p>Laws and guidance do not stop abuse by themselves. People do, "
                        "when they know what the law expects and feel able to use it. This "
                        "module covers the safeguarding duties in the Care Act 2014 and its "
                        "statutory guidance, starting with how the law describes abuse "
                        "inside organisations.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "The statutory guidance describes organisational abuse as "
                            "neglect or poor practice within an organisation or setting, "
                            "such as a hospital, care home or care at home. It may be a "
                            "single event or ongoing, and it comes from the organisation's "
                            "structures, policies, processes and practices (paragraph 14.17, "
                            "cited in S1)."
                        ),
                        "source": "CSSG",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "A rapid review commissioned by CQC (Lewis, Dixon-Woods and "
                            "Martin, March 2025) notes that the word 'culture' does not "
                            "appear in the Care Act itself (cited in S1)."
                        ),
                        "source": "S1",
                    },
                ),
                (
                    "text",
                    (
                        "<p>Yet culture is often where the trouble starts. CQC calls it a "
                        "<strong>closed culture</strong> when a poor culture makes harm, "
                        "abuse and human rights breaches more likely, and it says any "
                        "service can develop one (CQC-CC). S1 draws eight hallmarks from the "
                        "big inquiries. They include not listening, defensive leadership, "
                        "putting reputation first, and never putting separate concerns "
                        "together. Knowing the law helps you turn an uneasy feeling into "
                        "action.</p>"
                    ),
                ),
                (
                    "text",
                    (
                        "<p><strong>Section 42 of the Care Act 2014.</strong> The local "
                        "authority must make enquiries, or ask others to make them, when it "
                        "has reasonable cause to suspect that an adult:</p><ol><li>has needs "
                        "for care and support, whether or not they are being met;</li><li>is "
                        "experiencing, or is at risk of, abuse or neglect; "
                        "and</li><li>because of those needs, cannot protect themselves from "
                        "it.</li></ol><p>The local authority then decides what should be "
                        "done, and by whom. It does not matter whether the person is "
                        "eligible for council-funded services.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "In S5's research, people described abuse by staff that met all "
                            "three section 42 conditions, yet it was never dealt with as "
                            "safeguarding."
                        ),
                        "source": "S5",
                    },
                ),
                (
                    "text",
                    (
                        "<p>The statutory guidance lists the kinds of abuse to look out for: "
                        "physical, domestic, sexual, psychological, financial or material, "
                        "modern slavery, discriminatory, organisational, neglect or acts of "
                        "omission, and self-neglect.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "Six principles guide all safeguarding work: empowerment, "
                            "prevention, proportionality, protection, partnership and "
                            "accountability (paragraph 14.13)."
                        ),
                        "source": "CSSG",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "Making Safeguarding Personal means safeguarding is led by the "
                            "person and focused on outcomes. Ask the adult early on what "
                            "they want to happen, and check at the end whether it did "
                            "(paragraph 14.15)."
                        ),
                        "source": "CSSG",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "An employer who becomes aware of abuse must take action to stop "
                            "it, protect the adult and tell the local authority (paragraph "
                            "14.69)."
                        ),
                        "source": "CSSG",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "Safeguarding does not take the place of other duties. Providers "
                            "still have to give safe care, commissioners still have to check "
                            "quality, CQC still enforces, and the police still deal with "
                            "crime (S2)."
                        ),
                        "source": "S2",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "Words matter. Describing neglect as a 'quality issue' or a "
                            "'safety incident' can mean the section 42 duty is never "
                            "triggered (Sirotkin 2024, and the Eileen Dean safeguarding "
                            "adults review, Lewisham 2022, both cited in S1)."
                        ),
                        "source": "S1",
                    },
                ),
                (
                    "reflection",
                    (
                        "Think of the words your service uses for things that go wrong: "
                        "'incident', 'issue', 'concern', 'complaint'. Could any of them hide "
                        "abuse or neglect?"
                    ),
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Which of these must the local authority have reasonable cause "
                            "to suspect before its section 42 duty applies? Choose all that "
                            "apply."
                        ),
                        "multiple": True,
                        "options": [
                            {
                                "text": "The adult has needs for care and support, met or not",
                                "correct": True,
                                "explanation": (
                                    "Yes. This is the first condition. The needs do not have "
                                    "to be met by any service."
                                ),
                            },
                            {
                                "text": (
                                    "The adult is experiencing, or at risk of, abuse or neglect"
                                ),
                                "correct": True,
                                "explanation": (
                                    "Yes. This is the second condition. A risk is enough; "
                                    "you don't have to wait for harm."
                                ),
                            },
                            {
                                "text": (
                                    "Because of those needs, the adult cannot protect themselves"
                                ),
                                "correct": True,
                                "explanation": "Yes. This is the third condition.",
                            },
                            {
                                "text": "The adult is eligible for council-funded care",
                                "correct": False,
                                "explanation": (
                                    "No. Eligibility for services makes no difference to the "
                                    "section 42 duty. Someone who pays for their own care is "
                                    "covered too."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "A resident's family says money has gone from her room. The "
                            "manager wants to log it as a 'quality issue'. What is the best "
                            "response?"
                        ),
                        "multiple": False,
                        "options": [
                            {
                                "text": (
                                    "Point out that it may be financial abuse, and make sure "
                                    "a safeguarding concern is raised"
                                ),
                                "correct": True,
                                "explanation": (
                                    "Right. Calling it a quality issue can stop the section "
                                    "42 duty being triggered (S1). The employer must act to "
                                    "stop abuse, protect the adult and tell the local "
                                    "authority (CSSG 14.69)."
                                ),
                            },
                            {
                                "text": (
                                    "Agree, because nobody knows yet whether anything was stolen"
                                ),
                                "correct": False,
                                "explanation": (
                                    "No. You don't need proof. Reasonable cause to suspect "
                                    "is enough for the local authority to decide whether to "
                                    "make enquiries."
                                ),
                            },
                            {
                                "text": "Wait and see if it happens again",
                                "correct": False,
                                "explanation": (
                                    "No. Waiting goes against the prevention principle, and "
                                    "other residents may be at risk too."
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "type": "scenario",
            "slug": "missing-money",
            "title": "Missing money",
            "summary": (
                "A son reports that cash keeps going missing from his mother's room. The "
                "manager calls it a quality issue."
            ),
            "reflection_prompt": (
                "What outcome did Peggy want, and how would you know at the end whether she got it?"
            ),
            "steps": [
                {
                    "key": "report",
                    "situation": (
                        "You are a senior carer at Hazel Bank care home. Tom Evans stops you "
                        "in the corridor. His mother, Peggy, is 79 and keeps a little cash "
                        "in her purse in her bedside drawer.\n\nTwice in two weeks, forty "
                        "pounds has gone. Colin, the manager, is standing nearby and says: "
                        "'Let's log it as a quality issue and sort it out in-house.'"
                    ),
                    "person_says": (
                        "It's her hairdresser money. She's so upset. She thinks she's losing "
                        "her mind and keeps asking if she spent it."
                    ),
                    "choices": [
                        {
                            "key": "handle-internally",
                            "text": (
                                "Go along with Colin: log it as a quality issue and have a "
                                "quiet word with the staff."
                            ),
                            "next": "second-loss",
                            "feedback": (
                                "Missing money may be financial abuse, and the section 42 "
                                "conditions may well be met. Relabelling it as a quality "
                                "issue can stop the local authority ever hearing about it "
                                "(S1). Handled in-house, the person responsible may simply "
                                "carry on."
                            ),
                            "quality": "harmful",
                            "principles": ["protection", "accountability", "escalation"],
                        },
                        {
                            "key": "wait-and-see",
                            "text": (
                                "Suggest you wait to see if it happens again before making "
                                "it official."
                            ),
                            "next": "second-loss",
                            "feedback": (
                                "It has already happened twice. Waiting for a third time "
                                "goes against the prevention principle (CSSG 14.13), and "
                                "other residents may be losing money too."
                            ),
                            "quality": "harmful",
                            "principles": ["prevention", "protection"],
                        },
                        {
                            "key": "raise-concern",
                            "text": (
                                "Say calmly that this could be financial abuse. Make sure a "
                                "safeguarding concern goes to the local authority today "
                                "through the safeguarding lead, and keep all the records as "
                                "they are."
                            ),
                            "next": "ask-peggy",
                            "feedback": (
                                "Right. An employer who knows of possible abuse must act to "
                                "stop it, protect the adult and tell the local authority "
                                "(CSSG 14.69). Keeping records untouched helps any enquiry. "
                                "Saying it calmly in front of Colin is part of holding each "
                                "other to account."
                            ),
                            "quality": "best",
                            "principles": ["escalation", "protection", "accountability"],
                        },
                    ],
                },
                {
                    "key": "second-loss",
                    "situation": (
                        "A week later, more money goes from Peggy's purse. Then Mr Ali's "
                        "daughter says a birthday card sent to her father arrived with no "
                        "cash in it. Peggy seems quieter than usual."
                    ),
                    "person_says": "I don' want to be a nuisance. Maybe I did spend it.",
                    "choices": [
                        {
                            "key": "escalate-now",
                            "text": (
                                "Raise a safeguarding concern now for both residents. Tell "
                                "Colin you are doing it, and why calling it a quality issue "
                                "was a mistake."
                            ),
                            "next": "ask-peggy",
                            "feedback": (
                                "Better late than never. Two residents are now affected. "
                                "Naming the mistake openly helps the whole team learn that "
                                "labels like 'quality issue' can hide abuse (S1)."
                            ),
                            "quality": "best",
                            "principles": ["escalation", "protection", "accountability"],
                        },
                        {
                            "key": "keep-quiet",
                            "text": (
                                "Keep it in-house as Colin asked. Move residents' money into "
                                "the office safe."
                            ),
                            "next": "harm-end",
                            "feedback": (
                                "A safe may stop cash going missing from rooms, but it "
                                "doesn't find out who took it or whether they are harming "
                                "residents in other ways. The local authority never hears "
                                "about it, and Peggy is left thinking she is to blame."
                            ),
                            "quality": "harmful",
                            "principles": ["protection", "accountability", "msp"],
                        },
                    ],
                },
                {
                    "key": "ask-peggy",
                    "situation": (
                        "The safeguarding lead has sent the concern to the local authority. "
                        "Before anything else happens, you sit with Peggy in her room."
                    ),
                    "person_says": (
                        "I don't want anyone sacked. I just want my money to be safe, and to "
                        "stop feeling like a fool."
                    ),
                    "choices": [
                        {
                            "key": "record-wishes",
                            "text": (
                                "Write down what she wants in her own words. Tell her what "
                                "will happen next, and ask her who she'd like to be kept "
                                "informed. Make sure the safeguarding lead knows her wishes."
                            ),
                            "next": "enquiry",
                            "feedback": (
                                "This is Making Safeguarding Personal: ask early what "
                                "outcome the person wants (CSSG 14.15). Her wishes won't "
                                "decide everything, because other residents may be at risk, "
                                "but they shape how things are done. Asking about Tom "
                                "respects her right to choose who is involved."
                            ),
                            "quality": "best",
                            "principles": ["msp", "empowerment", "recording"],
                        },
                        {
                            "key": "dont-worry",
                            "text": (
                                "Tell her not to worry about it. The professionals will sort "
                                "it out."
                            ),
                            "next": "enquiry",
                            "feedback": (
                                "Kindly meant, but it leaves Peggy out of her own "
                                "safeguarding. Empowerment means supporting the person to "
                                "make decisions and to be involved, not doing it around them "
                                "(CSSG 14.13)."
                            ),
                            "quality": "risky",
                            "principles": ["empowerment", "msp"],
                        },
                        {
                            "key": "ask-tom",
                            "text": (
                                "Go back to Tom and ask him what he wants to happen, since "
                                "he reported it."
                            ),
                            "next": "enquiry",
                            "feedback": (
                                "Tom matters, and he should be kept informed if Peggy "
                                "agrees. But it is Peggy's money and Peggy's life. Ask her "
                                "first."
                            ),
                            "quality": "risky",
                            "principles": ["msp", "family_partnership"],
                        },
                    ],
                },
                {
                    "key": "enquiry",
                    "situation": (
                        "The local authority decides to make enquiries. It asks the home to "
                        "share its records and to wait before talking to staff about it, "
                        "because the police may need to be involved."
                    ),
                    "choices": [
                        {
                            "key": "share-and-support",
                            "text": (
                                "Share the rota, visitor log and residents' money records. "
                                "Don't question staff yourself. Keep Peggy, and Tom if she "
                                "agrees, up to date."
                            ),
                            "next": "check-outcome",
                            "feedback": (
                                "Good partnership working. Safeguarding does not replace "
                                "policing (S2), and questioning staff yourself could damage "
                                "a police investigation. Keeping Peggy informed stops her "
                                "feeling forgotten."
                            ),
                            "quality": "best",
                            "principles": ["partnership", "recording", "msp"],
                        },
                        {
                            "key": "own-investigation",
                            "text": (
                                "Interview the staff yourself first, to find out quickly who "
                                "did it."
                            ),
                            "next": "mixed-end",
                            "feedback": (
                                "It's natural to want answers, but you have been asked to "
                                "wait. Questioning staff can warn the person responsible and "
                                "spoil evidence the police may need (S2)."
                            ),
                            "quality": "risky",
                            "principles": ["partnership", "accountability"],
                        },
                    ],
                },
                {
                    "key": "check-outcome",
                    "situation": (
                        "Weeks later, the enquiry ends. An agency worker who covered nights "
                        "has been reported to the police. The home has introduced lockable "
                        "drawers and signed records for residents' cash."
                    ),
                    "choices": [
                        {
                            "key": "check-with-peggy",
                            "text": (
                                "Go back to Peggy. Ask whether she feels her money is safe "
                                "now and whether she still feels foolish. Record her answer, "
                                "and share what the home learned with the team."
                            ),
                            "next": "good-end",
                            "feedback": (
                                "Making Safeguarding Personal asks you to check at the end "
                                "whether the person got the outcome they wanted (CSSG "
                                "14.15). Sharing the learning helps prevent it happening "
                                "again."
                            ),
                            "quality": "best",
                            "principles": ["msp", "learning", "prevention"],
                        },
                        {
                            "key": "close-file",
                            "text": "File the enquiry report. It's done.",
                            "next": "mixed-end",
                            "feedback": (
                                "The process is finished, but you don't know whether Peggy "
                                "feels safe or still blames herself. The outcome that "
                                "mattered to her was never checked."
                            ),
                            "quality": "acceptable",
                            "principles": ["msp"],
                        },
                    ],
                },
                {
                    "key": "good-end",
                    "ending": True,
                    "situation": (
                        "Peggy has a lockable drawer and goes to the hairdresser on "
                        "Thursdays again."
                    ),
                    "outcome": (
                        "She tells you she stopped worrying about her memory once she knew "
                        "it wasn't her. Tom thanks the home for keeping him informed. At the "
                        "next team meeting, Colin tells staff that missing money is always a "
                        "safeguarding concern, never a quality issue."
                    ),
                },
                {
                    "key": "mixed-end",
                    "ending": True,
                    "situation": "The enquiry runs its course. The home's part is patchy.",
                    "outcome": (
                        "Peggy's money is safer, but nobody asks her how she feels. She "
                        "still wonders if she was to blame. The staff who were questioned "
                        "early feel accused, and the team learns little about why it "
                        "happened."
                    ),
                },
                {
                    "key": "harm-end",
                    "ending": True,
                    "situation": "The missing money is never reported outside the home.",
                    "outcome": (
                        "The worker moves to another home through an agency and carries on. "
                        "Peggy stops going to the hairdresser and becomes withdrawn, "
                        "convinced she is losing her memory. When it finally comes to light, "
                        "the safeguarding adults review asks why nobody called it what it "
                        "was."
                    ),
                },
            ],
        },
        {
            "type": "module",
            "slug": "capacity-choice-and-rights",
            "title": "Capacity, choice and human rights",
            "summary": (
                "The Mental Capacity Act principles, who can and cannot consent for someone "
                "else, and the human rights that matter most in care."
            ),
            "body": [
                (
                    "text",
                    (
                        "<p>Everyday care is full of decisions: what to wear, when to get "
                        "up, whether to go out. The law says whose decision it is. Section 1 "
                        "of the <strong>Mental Capacity Act 2005</strong> sets five "
                        "principles:</p><ol><li>Assume a person has capacity unless it is "
                        "shown that they lack it.</li><li>Take every practicable step to "
                        "help the person make the decision themselves.</li><li>Making a "
                        "decision others think unwise does not, on its own, mean a person "
                        "lacks capacity.</li><li>Anything done for a person who lacks "
                        "capacity must be in their best interests.</li><li>Before acting, "
                        "consider whether there is a less restrictive way to achieve the "
                        "same aim.</li></ol>"
                    ),
                ),
                (
                    "text",
                    (
                        "<p>Capacity is about <em>one decision at one time</em>. A person "
                        "may be able to decide what to eat but not how to manage a large sum "
                        "of money, or be able to decide in the morning but not late at "
                        "night. Under sections 2 and 3, a person lacks capacity for a "
                        "decision if, because of an impairment of, or a disturbance in the "
                        "working of, the mind or brain, they cannot understand the "
                        "information, retain it, use or weigh it, or communicate their "
                        "decision.</p><p>Principles 4 and 5 apply once it has been shown "
                        "that the person lacks capacity for that decision. A relative cannot "
                        "consent on an adult's behalf unless they hold a health and welfare "
                        "Lasting Power of Attorney or have been appointed as a deputy by the "
                        "court.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "S4 identifies stigma and discrimination as a source of "
                            "avoidable harm in mental health social care. This includes "
                            "assumptions about a person's risk or capacity based on who they "
                            "are or their diagnosis, and not being believed."
                        ),
                        "source": "S4",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "CQC says closed cultures put people who are less able to speak "
                            "up at most risk: people with a learning disability, autistic "
                            "people, people living with dementia or mental ill-health, and "
                            "older people without family contact."
                        ),
                        "source": "CQC-CC",
                    },
                ),
                (
                    "text",
                    (
                        "<p>The <strong>Human Rights Act 1998</strong> sets out 16 rights. "
                        "In care, the ones that come up most are:</p><ul><li><strong>Article "
                        "2</strong>: the right to life.</li><li><strong>Article 3</strong>: "
                        "freedom from inhuman or degrading treatment. This right is "
                        "absolute, and it can be breached by "
                        "neglect.</li><li><strong>Article 5</strong>: the right to "
                        "liberty.</li><li><strong>Article 8</strong>: respect for private "
                        "and family life and for your home.</li><li><strong>Article "
                        "14</strong>: freedom from discrimination in how these rights are "
                        "applied.</li></ul><p>Under section 73 of the Care Act 2014, "
                        "registered providers of personal or residential care count as "
                        "public authorities under the Human Rights Act <em>only</em> where "
                        "the care is arranged or paid for by a local authority. Care that "
                        "someone arranges and pays for entirely themselves falls outside "
                        "section 73. CQC's approach to human rights uses FREDA: fairness, "
                        "respect, equality, dignity and autonomy. These are good questions "
                        "for any care decision, whoever pays.</p>"
                    ),
                ),
                (
                    "reflection",
                    (
                        "Think of a time you or a colleague made a decision for someone 'for "
                        "their own good'. Was their capacity for that decision ever in "
                        "question? Who checked?"
                    ),
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Mr Okoro has capacity. He decides to stop using his walking "
                            "frame indoors, even though staff think he may fall. Which "
                            "Mental Capacity Act principle is most relevant?"
                        ),
                        "multiple": False,
                        "options": [
                            {
                                "text": (
                                    "An unwise decision does not, on its own, mean a person "
                                    "lacks capacity"
                                ),
                                "correct": True,
                                "explanation": (
                                    "Right. This is principle 3. Staff can talk through the "
                                    "risks with him and record them, but the decision is his."
                                ),
                            },
                            {
                                "text": "Best interests",
                                "correct": False,
                                "explanation": (
                                    "No. Best interests applies only once it has been shown "
                                    "that a person lacks capacity for the decision. Mr Okoro "
                                    "has capacity."
                                ),
                            },
                            {
                                "text": "The least restrictive option",
                                "correct": False,
                                "explanation": (
                                    "Not here. Principle 5 is about what you do for a person "
                                    "who lacks capacity. A person with capacity makes their "
                                    "own choice."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Who can give consent for an adult who lacks capacity to make a "
                            "particular health or welfare decision?"
                        ),
                        "multiple": False,
                        "options": [
                            {
                                "text": (
                                    "Someone with a health and welfare Lasting Power of "
                                    "Attorney, or a deputy appointed by the court"
                                ),
                                "correct": True,
                                "explanation": (
                                    "Right. Only an attorney or deputy with the right powers "
                                    "can make that decision for them. Otherwise, a "
                                    "best-interests decision is made, involving family and "
                                    "others who know the person."
                                ),
                            },
                            {
                                "text": "Their closest relative",
                                "correct": False,
                                "explanation": (
                                    "No. Family should be consulted about best interests, "
                                    "but being next of kin does not give anyone the right to "
                                    "consent for an adult."
                                ),
                            },
                            {
                                "text": "The care home manager",
                                "correct": False,
                                "explanation": (
                                    "No. Running the home does not give anyone the right to "
                                    "consent for a resident."
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "type": "module",
            "slug": "candour-visiting-and-restriction",
            "title": "Being open, visiting and restriction",
            "summary": (
                "The duty of candour, the right to visits, and the law on restraint and "
                "restrictive practice."
            ),
            "body": [
                (
                    "text",
                    (
                        "<p><strong>Duty of candour.</strong> Regulation 20 of the 2014 "
                        "Regulations requires providers to be open when things go wrong. It "
                        "has applied to NHS bodies since November 2014 and to other "
                        "providers since April 2015. After a notifiable safety incident, "
                        "meaning one that causes moderate or severe harm, prolonged "
                        "psychological harm or death, the provider must:</p><ul><li>tell the "
                        "person, in person;</li><li>give a true account of what "
                        "happened;</li><li>apologise;</li><li>offer support; "
                        "and</li><li>follow up in writing.</li></ul>"
                    ),
                ),
                (
                    "text",
                    (
                        "<p><strong>Visiting.</strong> Since 6 April 2024, Regulation 9A "
                        "requires care homes, hospitals and hospices to enable visits except "
                        "in exceptional circumstances. Any precautions must be the least "
                        "restrictive possible and must be "
                        "reviewed.</p><p><strong>Restraint.</strong> The Mental Health Units "
                        "(Use of Force) Act 2018, in force since 31 March 2022, requires "
                        "mental health units to record every use of force that is more than "
                        "negligible.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "NHS England's letter to NHS boards asks them to review the use "
                            "of seclusion and long-term segregation (S3)."
                        ),
                        "source": "S3",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "Abuse is most likely where staff lack support from managers, "
                            "training, supervision and guidance (S2)."
                        ),
                        "source": "S2",
                    },
                ),
                (
                    "text",
                    (
                        "<p><strong>Training.</strong> Since 1 July 2022, CQC-registered "
                        "providers must make sure staff get learning disability and autism "
                        "training suited to their role (Health and Care Act 2022). The "
                        "Oliver McGowan code of practice on this training was finalised on 6 "
                        "September 2025. Training matters, but it is how staff are supported "
                        "afterwards that turns it into practice.</p>"
                    ),
                ),
                (
                    "reflection",
                    (
                        "Is there anything in your service that stops a person going where "
                        "they want, seeing who they want, or eating and drinking when they "
                        "want? Who decided it, and when was it last reviewed?"
                    ),
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Night staff suggest holding the door shut so that Mr Byrne, who "
                            "has advanced dementia, stays in his room at night, because he "
                            "keeps trying to leave the building. What should happen?"
                        ),
                        "multiple": False,
                        "options": [
                            {
                                "text": (
                                    "Assess his capacity for this decision, make a "
                                    "best-interests decision with his family or an advocate, "
                                    "try less restrictive options such as accompanied walks "
                                    "or night-time activity, and check the Deprivation of "
                                    "Liberty Safeguards (DoLS) authorisation"
                                ),
                                "correct": True,
                                "explanation": (
                                    "Right. This follows the Mental Capacity Act principles, "
                                    "looks for the least restrictive option, and checks that "
                                    "any deprivation of liberty is lawful."
                                ),
                            },
                            {
                                "text": "Agree. It keeps him safe.",
                                "correct": False,
                                "explanation": (
                                    "No. Shutting someone in their room is an unlawful "
                                    "deprivation of liberty (Article 5) unless properly "
                                    "authorised, and it can be degrading treatment (Article "
                                    "3)."
                                ),
                            },
                            {
                                "text": "Ask the GP for something to help him sleep",
                                "correct": False,
                                "explanation": (
                                    "No. Using medication to control behaviour, without "
                                    "proper assessment and process, is chemical restraint."
                                ),
                            },
                            {
                                "text": "Ask his daughter to sign a consent form",
                                "correct": False,
                                "explanation": (
                                    "No. His daughter cannot consent for him unless she "
                                    "holds a health and welfare Lasting Power of Attorney or "
                                    "is a court-appointed deputy."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "After a notifiable safety incident, what does the duty of "
                            "candour require? Choose all that apply."
                        ),
                        "multiple": True,
                        "options": [
                            {
                                "text": "Tell the person in person and give a true account",
                                "correct": True,
                                "explanation": (
                                    "Yes. The conversation should happen face to face, and "
                                    "be honest."
                                ),
                            },
                            {
                                "text": "Apologise and offer support",
                                "correct": True,
                                "explanation": (
                                    "Yes. Saying sorry, and meaning it, is part of being open."
                                ),
                            },
                            {
                                "text": "Follow up in writing",
                                "correct": True,
                                "explanation": (
                                    "Yes. A written follow-up is required as well as the "
                                    "conversation."
                                ),
                            },
                            {
                                "text": (
                                    "Wait until an internal investigation is finished before "
                                    "saying anything"
                                ),
                                "correct": False,
                                "explanation": (
                                    "No. The person should be told what is known so far. "
                                    "Waiting in silence damages trust and goes against the "
                                    "duty."
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "type": "scenario",
            "slug": "choice-or-safety",
            "title": "Choice or safety",
            "summary": (
                "A man with capacity refuses help with washing and walks alone at night. His "
                "care worker is worried. Inspired by lessons from a safeguarding adults "
                "review."
            ),
            "reflection_prompt": (
                "Where is the line between respecting Winston's choices and leaving him "
                "without support? Who helped you find it?"
            ),
            "steps": [
                {
                    "key": "refusal",
                    "situation": (
                        "You are a home care worker. You visit Winston Reid, who is 62 and "
                        "lives alone in a flat. He has lived with schizophrenia for many "
                        "years. He has turned down help with washing for two weeks, and a "
                        "neighbour says he walks around the estate alone late at "
                        "night.\n\nToday you notice his skin looks sore."
                    ),
                    "person_says": (
                        "I'll wash when I want to. I walk at night because it's quiet and my "
                        "head is clearer. I'm not a child."
                    ),
                    "choices": [
                        {
                            "key": "wash-anyway",
                            "text": (
                                "Insist, and start to help him wash anyway. It's for his own good."
                            ),
                            "next": "upset",
                            "feedback": (
                                "Winston has capacity and has said no. Washing him against "
                                "his will ignores MCA principles 1 and 3, disrespects his "
                                "private life (Article 8) and could be assault."
                            ),
                            "quality": "harmful",
                            "principles": ["mca_1", "mca_3", "human_rights"],
                        },
                        {
                            "key": "write-report",
                            "text": (
                                "Write a note in the log saying he refused again, and leave "
                                "it there."
                            ),
                            "next": "drift",
                            "feedback": (
                                "Recording matters, but a note on its own changes nothing. "
                                "In the Ms ZZ safeguarding adults review (Camden, 2015), "
                                "care workers had simply been told to write a report. "
                                "Someone has to act on what the notes say."
                            ),
                            "quality": "harmful",
                            "principles": ["escalation", "prevention"],
                        },
                        {
                            "key": "explore",
                            "text": (
                                "Accept his decision for today. Ask him what gets in the way "
                                "of washing, and what the night walks mean to him."
                            ),
                            "next": "reasons",
                            "feedback": (
                                "Good. Respecting his decision is the starting point (MCA "
                                "principles 1 and 3). Asking why treats him as the expert in "
                                "his own life, and often shows a practical problem you can "
                                "help with."
                            ),
                            "quality": "best",
                            "principles": ["mca_3", "empowerment", "listening"],
                        },
                        {
                            "key": "lacks-capacity",
                            "text": (
                                "Tell the office that, given his diagnosis, he probably "
                                "can't make these decisions."
                            ),
                            "next": "label",
                            "feedback": (
                                "A diagnosis is not a reason to assume someone lacks "
                                "capacity. MCA principle 1 says to assume capacity. S4 names "
                                "assumptions about capacity based on diagnosis as stigma, a "
                                "source of avoidable harm."
                            ),
                            "quality": "harmful",
                            "principles": ["mca_1", "dignity", "human_rights"],
                        },
                    ],
                },
                {
                    "key": "upset",
                    "situation": (
                        "Winston pulls away and shouts at you to get out. He says he'll "
                        "cancel the care."
                    ),
                    "person_says": "This is my home. You don't get to touch me when I say no.",
                    "choices": [
                        {
                            "key": "step-back",
                            "text": (
                                "Stop, step back and apologise. Tell him it's his choice, "
                                "and ask if you can talk about what would help."
                            ),
                            "next": "reasons",
                            "feedback": (
                                "Right. He is correct, and saying so can rebuild trust. Then "
                                "tell your senior what happened, honestly."
                            ),
                            "quality": "best",
                            "principles": ["dignity", "mca_3", "candour"],
                        },
                        {
                            "key": "report-aggression",
                            "text": "Leave, and report him to the office as aggressive.",
                            "next": "harm-end",
                            "feedback": (
                                "He reacted to being touched against his will. Recording him "
                                "as aggressive blames him for your mistake, and may lead to "
                                "his care being cut or made more restrictive."
                            ),
                            "quality": "harmful",
                            "principles": ["dignity", "recording", "human_rights"],
                        },
                    ],
                },
                {
                    "key": "label",
                    "situation": (
                        "The office notes that Winston 'lacks capacity'. A new plan is "
                        "written without him: showers on set days and a request that he stay "
                        "in at night. When care workers arrive, he stops opening the door."
                    ),
                    "choices": [
                        {
                            "key": "correct-record",
                            "text": (
                                "Tell the office the record is wrong: capacity must be "
                                "assumed and is about each decision. Go back to Winston, "
                                "apologise, and ask him what matters to him."
                            ),
                            "next": "reasons",
                            "feedback": (
                                "Putting a wrong record right is part of being accountable. "
                                "Winston has every reason to distrust the service now, so an "
                                "honest apology matters."
                            ),
                            "quality": "best",
                            "principles": ["mca_1", "accountability", "recording"],
                        },
                        {
                            "key": "leave-label",
                            "text": "Leave the record as it is. The office knows best.",
                            "next": "harm-end",
                            "feedback": (
                                "A wrong label follows a person for years and shapes every "
                                "decision made about them. It also means nobody is listening "
                                "to what Winston wants."
                            ),
                            "quality": "harmful",
                            "principles": ["mca_1", "recording"],
                        },
                    ],
                },
                {
                    "key": "drift",
                    "situation": (
                        "Three weeks later, Winston's skin has broken down, and he has not "
                        "been eating properly. Your notes are in the log. Nobody has read "
                        "them."
                    ),
                    "choices": [
                        {
                            "key": "escalate-now",
                            "text": (
                                "Tell your senior today that you're worried. Ask whether it "
                                "should go to the safeguarding lead as possible "
                                "self-neglect, and go back to talk with Winston."
                            ),
                            "next": "reasons",
                            "feedback": (
                                "Right. Self-neglect is one of the types of abuse and "
                                "neglect listed in the statutory guidance (CSSG). Escalating "
                                "gets him support without taking his choices away."
                            ),
                            "quality": "best",
                            "principles": ["escalation", "prevention", "empowerment"],
                        },
                        {
                            "key": "another-note",
                            "text": "Add another note to the log.",
                            "next": "harm-end",
                            "feedback": (
                                "This repeats the mistake that let harm grow. A note nobody "
                                "reads is not escalation."
                            ),
                            "quality": "harmful",
                            "principles": ["escalation", "prevention"],
                        },
                    ],
                },
                {
                    "key": "reasons",
                    "situation": (
                        "Winston talks. The boiler broke a month ago, so the shower runs "
                        "cold. He hates being watched while he washes. And his night walks "
                        "take him to an all-night café where the owner knows him."
                    ),
                    "person_says": "Nobody asked. They just kept saying I had to.",
                    "choices": [
                        {
                            "key": "record-and-escalate",
                            "text": (
                                "Write down what he said and the risks you talked about "
                                "together. Tell your senior today and ask for a review with "
                                "Winston, not about him."
                            ),
                            "next": "plan",
                            "feedback": (
                                "This is the best route. A clear record of his reasons and "
                                "of the risks discussed, plus escalation to someone who can "
                                "help, gets him support on his terms."
                            ),
                            "quality": "best",
                            "principles": ["recording", "escalation", "empowerment"],
                        },
                        {
                            "key": "boiler-only",
                            "text": "Report the broken boiler to his landlord and leave the rest.",
                            "next": "mixed-end",
                            "feedback": (
                                "Fixing the boiler is a real help. But his sore skin, his "
                                "privacy and the night walks still need a plan he agrees "
                                "with, and your senior doesn't know any of it."
                            ),
                            "quality": "acceptable",
                            "principles": ["empowerment"],
                        },
                    ],
                },
                {
                    "key": "plan",
                    "situation": (
                        "Your senior, Winston and you meet at his flat. The boiler is being "
                        "fixed next week."
                    ),
                    "choices": [
                        {
                            "key": "plan-with-him",
                            "text": (
                                "Agree the plan with Winston: he chooses when to shower and "
                                "staff wait outside unless he asks; a district nurse looks "
                                "at his skin; he keeps a phone with the café and the office "
                                "numbers for his walks; and you review it together in a "
                                "month."
                            ),
                            "next": "good-end",
                            "feedback": (
                                "This is empowerment and Making Safeguarding Personal in "
                                "action: the plan is built around the outcome Winston wants, "
                                "risks are discussed openly, and it is reviewed."
                            ),
                            "quality": "best",
                            "principles": ["empowerment", "msp", "mca_3"],
                        },
                        {
                            "key": "plan-for-him",
                            "text": (
                                "Write a plan saying he must shower on Mondays and Thursdays "
                                "and be home by ten at night."
                            ),
                            "next": "mixed-end",
                            "feedback": (
                                "This sets rules for a man with capacity about his own home "
                                "and his own time. It is likely to break down, and it does "
                                "not respect his private life (Article 8)."
                            ),
                            "quality": "risky",
                            "principles": ["mca_3", "human_rights", "empowerment"],
                        },
                    ],
                },
                {
                    "key": "good-end",
                    "ending": True,
                    "situation": "A month later, the review is short.",
                    "outcome": (
                        "Winston showers most days now the water is hot and he has privacy. "
                        "His skin has healed. He still walks at night, and the café owner "
                        "has the office number. Winston says it's the first time he's felt "
                        "listened to by a care service."
                    ),
                },
                {
                    "key": "mixed-end",
                    "ending": True,
                    "situation": "Some practical things get better, but the plan isn't his.",
                    "outcome": (
                        "Winston accepts some help, but often cancels visits. His skin heals "
                        "slowly. Nobody has talked with him about the night walks, so if "
                        "something goes wrong, nobody will know where he is."
                    ),
                },
                {
                    "key": "harm-end",
                    "ending": True,
                    "situation": "Winston stops letting care workers in.",
                    "outcome": (
                        "His care is closed as 'refused'. Weeks later, he is admitted to "
                        "hospital with infected skin and weight loss. The review finds that "
                        "workers wrote many notes but nobody talked to him about why, and "
                        "nobody took it further."
                    ),
                },
            ],
        },
    ],
}
