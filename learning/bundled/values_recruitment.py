"""Path 4: Values-based recruitment and induction (imperative 5: translate values into action)."""

PATH = {
    "slug": "values-recruitment",
    "title": "Values-based recruitment and induction",
    "imperative": "values",
    "audiences": [
        "leader",
        "supervisor",
        "organisation_admin",
        "lived_experience_member",
        "lived_experience_lead",
    ],
    "summary": (
        "How to recruit, induct and keep staff whose values show in what they do, and how "
        "people with lived experience can help you choose them."
    ),
    "outcomes": [
        (
            "Explain why a gap between stated values and everyday practice is a warning sign "
            "of a closed culture."
        ),
        "Write interview questions that reach a candidate's values, not only their experience.",
        "Involve people with lived experience in recruitment as equal, paid panel members.",
        "Plan an induction that turns values into daily habits, with a mentor from day one.",
        "Describe what the evidence says about values-based recruitment and staff turnover.",
    ],
    "estimated_minutes": 70,
    "recertify_months": 36,
    "items": [
        {
            "type": "module",
            "slug": "values-in-practice",
            "title": "Why values matter",
            "summary": (
                "Values on a poster are not enough. How the gap between what a service says "
                "and what it does lets a closed culture grow."
            ),
            "body": [
                (
                    "text",
                    (
                        "<p>Almost every care service has values written down: dignity, "
                        "respect, compassion. The question is whether people who use the "
                        "service would recognise them in how they are treated at seven in "
                        "the morning. This module looks at why that gap matters.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "Organisational abuse is neglect or poor practice that comes "
                            "from the way an organisation or setting works, through its "
                            "structures, policies, processes and practices. It can happen in "
                            "a hospital, a care home or care at home, once or over time "
                            "(statutory guidance paragraph 14.17, cited in S1)."
                        ),
                        "source": "CSSG",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "A closed culture, in CQC's words, is a poor culture that makes "
                            "harm, abuse and human rights breaches more likely. It can "
                            "develop in any service."
                        ),
                        "source": "CQC-CC",
                    },
                ),
                (
                    "text",
                    (
                        "<p>S1 identifies eight hallmarks of closed cultures from past "
                        "inquiries. Two of them are about values: a <strong>lack of "
                        "compassion</strong>, and a <strong>gap between the values an "
                        "organisation states and how its front-line leaders actually "
                        "behave</strong>. The others are not listening, poor teamwork, "
                        "defensive leadership, no learning culture, putting reputation "
                        "first, and never adding concerns together.</p><p>S1's fifth "
                        "imperative is to <strong>translate values into action</strong>. "
                        "Recruitment and induction are where that starts: who you hire, what "
                        "you praise, and what new staff learn is 'how we do things here'.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "At Northbrooke House, one of the homes in the Island Healthcare "
                            "case study, four or five friends of the manager worked up to 70 "
                            "hours a week and bullying reports went unaddressed. S1 uses it "
                            "as an example of a culture where getting tasks done came before "
                            "people."
                        ),
                        "source": "S1",
                    },
                ),
                (
                    "text",
                    (
                        "<p>The NHS Constitution sets out six values: working together for "
                        "patients; respect and dignity; commitment to quality of care; "
                        "compassion; improving lives; and everyone counts. Many social care "
                        "providers use similar values. What matters is that people can see "
                        "them in practice.</p>"
                    ),
                ),
                (
                    "reflection",
                    (
                        "Pick one of your service's stated values. Where could a visitor see "
                        "it happening today? Where might they see the opposite?"
                    ),
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Which of these is one of S1's eight hallmarks of a closed culture?"
                        ),
                        "multiple": False,
                        "options": [
                            {
                                "text": (
                                    "A gap between stated values and how front-line leaders behave"
                                ),
                                "correct": True,
                                "explanation": (
                                    "Right. When leaders on the floor act differently from "
                                    "the values on the wall, staff learn to follow the "
                                    "leaders."
                                ),
                            },
                            {
                                "text": "Having too many values in the mission statement",
                                "correct": False,
                                "explanation": (
                                    "No. The number of values is not the issue. The issue is "
                                    "whether they are lived."
                                ),
                            },
                            {
                                "text": "Recruiting people with no previous care experience",
                                "correct": False,
                                "explanation": (
                                    "No. Newcomers with good values, well supported, can "
                                    "make excellent care workers."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Which of these are NHS Constitution values? Choose all that apply."
                        ),
                        "multiple": True,
                        "options": [
                            {
                                "text": "Respect and dignity",
                                "correct": True,
                                "explanation": "Yes. This is one of the six values.",
                            },
                            {
                                "text": "Compassion",
                                "correct": True,
                                "explanation": "Yes. This is one of the six values.",
                            },
                            {
                                "text": "Everyone counts",
                                "correct": True,
                                "explanation": "Yes. This is one of the six values.",
                            },
                            {
                                "text": "Efficiency above all",
                                "correct": False,
                                "explanation": (
                                    "No. Using resources well matters, but it is not one of "
                                    "the six values, and putting targets before people is a "
                                    "barrier S1 warns about."
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "type": "module",
            "slug": "recruiting-for-values",
            "title": "Recruiting for values",
            "summary": (
                "What values-based recruitment is, what the evidence shows, and how to reach "
                "a candidate's values in an interview."
            ),
            "body": [
                (
                    "text",
                    (
                        "<p>Values-based recruitment means choosing people for their "
                        "attitudes and behaviour as well as their skills. Health Education "
                        "England's framework applied the NHS Constitution values to every "
                        "student starting NHS-funded training from April 2015.</p><p>In "
                        "social care, a Skills for Care study (carried out by Consilium, "
                        "April 2016, with over 100 providers) found that among employers "
                        "able to compare, 72% said staff recruited for their values "
                        "performed better, and 73% to 76% said those staff held stronger "
                        "care values. Employers also reported lower turnover, and a return "
                        "of about £1.23 for every £1 spent. Many valued finding attitudes "
                        "they felt could not be taught.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "S1 recommends scenario-based interview questions, because they "
                            "reach values in a way that questions about experience do not. "
                            "It also points to putting values into job adverts, as Harbor "
                            "House in Dorset did (LGA 2020, cited in S1)."
                        ),
                        "source": "S1",
                    },
                ),
                (
                    "key_fact",
                    {
                        # S4 (seed 003), recommendation 5: "Service users should be fully
                        # involved in social work and Approved Mental Health Professional
                        # recruitment, student selection, education and training. Social
                        # workers should work with trained and paid service users to assess
                        # their own practice through a 'buddy system'."
                        "fact": (
                            "S4 recommends that service users be fully involved in social "
                            "work and Approved Mental Health Professional recruitment, student "
                            "selection, education and training. Separately, it asks social "
                            "workers to work with trained and paid service users to assess "
                            "their own practice through a 'buddy system'."
                        ),
                        "source": "S4",
                    },
                ),
                (
                    "text",
                    (
                        "<p>Some questions that reach values:</p><ul><li>'Mr Green doesn't "
                        "want to get up at seven. What would you do?'</li><li>'Tell me about "
                        "a time you changed how you did something because of what a person "
                        "wanted.'</li><li>'A colleague laughs at a resident. What do you "
                        "do?'</li></ul><p>Listen for whether the candidate puts the person "
                        "first, asks rather than assumes, and is willing to speak up. How a "
                        "candidate treats every member of the panel is evidence too, "
                        "including the member with lived experience.</p>"
                    ),
                ),
                (
                    "reflection",
                    (
                        "Look at the questions your service asks at interview. How many of "
                        "them would tell you how a candidate treats people when nobody is "
                        "watching?"
                    ),
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Which interview question is most likely to reach a candidate's values?"
                        ),
                        "multiple": False,
                        "options": [
                            {
                                "text": (
                                    "'A resident tells you she doesn't want a shower today. "
                                    "What would you do?'"
                                ),
                                "correct": True,
                                "explanation": (
                                    "Right. A realistic scenario shows how the candidate "
                                    "balances routine, choice and care, which is what S1 "
                                    "recommends."
                                ),
                            },
                            {
                                "text": "'How many years have you worked in care?'",
                                "correct": False,
                                "explanation": (
                                    "No. Experience is useful to know, but it tells you "
                                    "nothing about how the candidate treats people."
                                ),
                            },
                            {
                                "text": "'Do you have your Care Certificate?'",
                                "correct": False,
                                "explanation": (
                                    "No. A certificate shows training was completed, not how "
                                    "the candidate behaves."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "What did the 2016 Skills for Care study find about values-based "
                            "recruitment? Choose all that apply."
                        ),
                        "multiple": True,
                        "options": [
                            {
                                "text": (
                                    "Most employers able to compare said values-recruited "
                                    "staff performed better"
                                ),
                                "correct": True,
                                "explanation": "Yes. 72% of those employers said so.",
                            },
                            {
                                "text": "Employers reported lower staff turnover",
                                "correct": True,
                                "explanation": "Yes. Lower turnover was a reported benefit.",
                            },
                            {
                                "text": "It cost more than it returned",
                                "correct": False,
                                "explanation": (
                                    "No. The study found a return of about £1.23 for every "
                                    "£1 spent."
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "type": "scenario",
            "slug": "experience-or-values",
            "title": "Experience or values",
            "summary": (
                "Two candidates, one short rota. One has years of experience, the other has "
                "the answer a resident wanted to hear."
            ),
            "reflection_prompt": (
                "What would you look for at interview to tell the difference between "
                "experience and habits learned in a task-focused culture?"
            ),
            "steps": [
                {
                    "key": "interview",
                    "situation": (
                        "You manage Meadowbank care home. The rota is short and agency costs "
                        "are rising. Ivy Patel, who is 81 and lives at Meadowbank, sits on "
                        "your interview panel.\n\nIvy asks both candidates what they would "
                        "do if she didn't want to get up at seven. Carol, who has twelve "
                        "years' experience, says the routine has to hold or the whole "
                        "morning falls apart. Jordan, who has worked in a shop until now, "
                        "says he would ask Ivy why, and when she would like to get up."
                    ),
                    "person_says": (
                        "The first one talked about the routine. The young man talked to me. "
                        "I know which one I'd want helping me in the morning."
                    ),
                    "choices": [
                        {
                            "key": "hire-experienced",
                            "text": (
                                "Offer Carol the job. She can start Monday and needs no training."
                            ),
                            "next": "carol-starts",
                            "feedback": (
                                "Experience matters, but her answer puts the routine before "
                                "the person. Hiring for that recruits a task focus, the "
                                "pattern S1 describes at Northbrooke House. It also ignores "
                                "Ivy's view."
                            ),
                            "quality": "harmful",
                            "principles": ["safer_recruitment", "values", "dignity"],
                        },
                        {
                            "key": "hire-newcomer",
                            "text": "Offer Jordan the job, with full training and a mentor.",
                            "next": "jordan-starts",
                            "feedback": (
                                "Good. Skills can be taught; employers in the Skills for "
                                "Care study valued attitudes they felt could not be. "
                                "Listening to Ivy shows her place on the panel is real."
                            ),
                            "quality": "best",
                            "principles": ["safer_recruitment", "values"],
                        },
                        {
                            "key": "hire-both",
                            "text": (
                                "Offer both of them jobs and rely on induction to sort out "
                                "any differences."
                            ),
                            "next": "both-start",
                            "feedback": (
                                "This can work, but only if probation really tests values. "
                                "Induction alone rarely changes habits built over years."
                            ),
                            "quality": "acceptable",
                            "principles": ["safer_recruitment"],
                        },
                    ],
                },
                {
                    "key": "carol-starts",
                    "situation": (
                        "Carol is quick and reliable, and soon runs the morning shift. Three "
                        "weeks in, the deputy tells you Ivy is being got up at seven every "
                        "day. Ivy asks to see you."
                    ),
                    "person_says": (
                        "I'm just a job to them now. Up, washed, sat in the lounge. Nobody "
                        "asks me anything."
                    ),
                    "choices": [
                        {
                            "key": "listen-to-ivy",
                            "text": (
                                "Thank Ivy and change her mornings to suit her. In "
                                "supervision, talk with Carol about Ivy's wishes and why "
                                "choice matters. Review your interview questions."
                            ),
                            "next": "three-months",
                            "feedback": (
                                "Right. Ivy is telling you the values gap is happening in "
                                "practice. Supervision that explores values, rather than "
                                "telling Carol off, gives her a chance to change. Reviewing "
                                "how you recruit stops it happening again."
                            ),
                            "quality": "best",
                            "principles": ["listening", "dignity", "learning"],
                        },
                        {
                            "key": "back-routine",
                            "text": (
                                "Explain to Ivy that the home has to run to a routine, or "
                                "everyone would be late for breakfast."
                            ),
                            "next": "harm-end",
                            "feedback": (
                                "This tells Ivy that her life fits around the home, not the "
                                "other way round. It is the task focus that S1 links to "
                                "closed cultures."
                            ),
                            "quality": "harmful",
                            "principles": ["dignity", "values"],
                        },
                    ],
                },
                {
                    "key": "jordan-starts",
                    "situation": "Jordan starts next week. You need to plan his induction.",
                    "choices": [
                        {
                            "key": "mentor-and-leader",
                            "text": (
                                "Give him a mentor from his first day. Ask a senior leader "
                                "to explain at induction why the service exists. Build in "
                                "the Care Certificate with observed practice, and a chance "
                                "to learn from residents."
                            ),
                            "next": "three-months",
                            "feedback": (
                                "This is what S1 recommends: a senior leader at induction, a "
                                "mentor from the start, and a shared story about why the "
                                "work matters. Practice that is watched and talked through "
                                "builds habits."
                            ),
                            "quality": "best",
                            "principles": ["values", "learning"],
                        },
                        {
                            "key": "elearning-only",
                            "text": (
                                "Sign him up for the online modules and put him straight on "
                                "the rota."
                            ),
                            "next": "struggling",
                            "feedback": (
                                "E-learning on its own does little to improve dignity in "
                                "care (S1). Without a mentor, new staff learn from whoever "
                                "is on shift."
                            ),
                            "quality": "risky",
                            "principles": ["learning", "values"],
                        },
                        {
                            "key": "shadow-fastest",
                            "text": (
                                "Have him shadow your fastest worker for two weeks so he "
                                "learns the routine."
                            ),
                            "next": "struggling",
                            "feedback": (
                                "Shadowing is useful, but choosing 'fastest' as the model "
                                "teaches speed as the main value. Pick a mentor who shows "
                                "the values you hired him for."
                            ),
                            "quality": "risky",
                            "principles": ["values", "learning"],
                        },
                    ],
                },
                {
                    "key": "both-start",
                    "situation": (
                        "Carol and Jordan start on the same day. You need to decide how "
                        "their probation will work."
                    ),
                    "choices": [
                        {
                            "key": "values-probation",
                            "text": (
                                "Set probation goals about how they treat people, not only "
                                "tasks. Include observation, feedback from residents, and a "
                                "mentor for each of them."
                            ),
                            "next": "three-months",
                            "feedback": (
                                "This makes hiring both a reasonable choice. A values-based "
                                "probation gives Carol the chance to show she can adapt, and "
                                "gives Jordan support to grow."
                            ),
                            "quality": "best",
                            "principles": ["safer_recruitment", "values", "learning"],
                        },
                        {
                            "key": "standard-probation",
                            "text": (
                                "Use the usual probation checklist: attendance, training "
                                "completed, no complaints."
                            ),
                            "next": "struggling",
                            "feedback": (
                                "A checklist like this can be passed by someone who treats "
                                "people as tasks. No complaints may just mean nobody felt "
                                "able to complain."
                            ),
                            "quality": "risky",
                            "principles": ["safer_recruitment", "values"],
                        },
                    ],
                },
                {
                    "key": "struggling",
                    "situation": "Six weeks in, Jordan asks to see you. He looks tired.",
                    "person_says": (
                        "I thought this job was about people. Here it's about getting "
                        "everyone done by nine. When I sat with Ivy for five minutes, I got "
                        "told off."
                    ),
                    "choices": [
                        {
                            "key": "mentor-now",
                            "text": (
                                "Thank him for telling you. Give him a mentor who shares his "
                                "values, look at why the mornings are so rushed, and ask "
                                "residents how their mornings feel."
                            ),
                            "next": "three-months",
                            "feedback": (
                                "Jordan is telling you about the values gap from the inside. "
                                "Acting on it keeps him and fixes the cause, rather than "
                                "losing the person you hired for his values."
                            ),
                            "quality": "best",
                            "principles": ["listening", "values", "learning"],
                        },
                        {
                            "key": "toughen-up",
                            "text": (
                                "Tell him that's just how care work is, and he'll get used to it."
                            ),
                            "next": "harm-end",
                            "feedback": (
                                "This teaches him to drop his values to fit in, or to leave. "
                                "Skills for Care found that workers without factors such as "
                                "training and qualifications were far more likely to leave."
                            ),
                            "quality": "harmful",
                            "principles": ["values", "listening"],
                        },
                    ],
                },
                {
                    "key": "three-months",
                    "situation": (
                        "Three months on, it is time for probation reviews. You have notes "
                        "from mentors, your own observations, and what residents have said."
                    ),
                    "choices": [
                        {
                            "key": "evidence-review",
                            "text": (
                                "Review probation against the values you recruited for, "
                                "using what residents and mentors say, and share a story of "
                                "good practice at the team meeting."
                            ),
                            "next": "good-end",
                            "feedback": (
                                "Using residents' views and real examples keeps values at "
                                "the centre. Sharing a story of good practice shows everyone "
                                "what the values look like."
                            ),
                            "quality": "best",
                            "principles": ["values", "listening", "learning"],
                        },
                        {
                            "key": "tick-box",
                            "text": (
                                "Sign off probation based on attendance and completed training."
                            ),
                            "next": "mixed-end",
                            "feedback": (
                                "This is quick, but it misses the most important evidence: "
                                "how people are actually treated."
                            ),
                            "quality": "acceptable",
                            "principles": ["values"],
                        },
                    ],
                },
                {
                    "key": "good-end",
                    "ending": True,
                    "situation": (
                        "Your new staff pass probation on the strength of how they treat people."
                    ),
                    "outcome": (
                        "Ivy gets up when she likes and tells visitors the new staff "
                        "'actually talk to you'. The team starts asking residents about "
                        "their mornings. Over the year fewer new starters leave, and you add "
                        "Ivy's question to every interview."
                    ),
                },
                {
                    "key": "mixed-end",
                    "ending": True,
                    "situation": "Probation is signed off, and things carry on.",
                    "outcome": (
                        "Nothing goes badly wrong. But nobody has checked whether the values "
                        "you recruited for are showing in practice, and the morning routine "
                        "slowly creeps back."
                    ),
                },
                {
                    "key": "harm-end",
                    "ending": True,
                    "situation": "The routine wins.",
                    "outcome": (
                        "Residents are got up by the clock. Staff who came for the people "
                        "leave, and those who stay learn that speed is what gets praised. "
                        "Ivy stops coming to interview panels, saying there is no point."
                    ),
                },
            ],
        },
        {
            "type": "module",
            "slug": "induction-and-keeping-good-staff",
            "title": "Induction and keeping good staff",
            "summary": (
                "How induction, mentoring and support turn values into daily habits, and why "
                "staff stay."
            ),
            "body": [
                (
                    "text",
                    (
                        "<p>The first weeks in a job teach new staff what really matters in "
                        "a service, whatever the handbook says. The <strong>Care "
                        "Certificate</strong> sets 15 standards for new care workers. It was "
                        "introduced in April 2015 after the Cavendish Review (2013). The "
                        "<strong>Code of Conduct</strong> for support workers has 7 "
                        "standards. These set the baseline. Values grow from how new staff "
                        "are welcomed, supported and shown the work.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "S1 describes induction practices that help values take root: a "
                            "senior leader taking part in induction, a mentor from the first "
                            "day, and a shared story about why the work matters, such as 'we "
                            "are changing lives'."
                        ),
                        "source": "S1",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "E-learning on its own does little to improve dignity in care (S1)."
                        ),
                        "source": "S1",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "Island Healthcare keeps staff turnover at Highfield House below "
                            "15% (S1)."
                        ),
                        "source": "S1",
                    },
                ),
                (
                    "text",
                    (
                        "<p>That is well below the sector as a whole. Skills for Care's "
                        "<em>State of</em> reports found staff turnover in adult social care "
                        "of 24.2% in 2023/24, about 350,000 people leaving, with 8.3% of "
                        "posts vacant. In 2024/25, turnover in the independent sector was "
                        "24.7%, down from 25.8%, with vacancies at about 7%. Skills for Care "
                        "looked at five factors: pay, contract type, training, "
                        "qualifications and full-time hours. Workers with none of them were "
                        "about three times as likely to leave as workers with all five.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "S5 recommends that service users be involved in the selection, "
                            "education and training of all social work practitioners, and a "
                            "'buddy system' where trained, paid service users work with "
                            "practitioners to assess their practice."
                        ),
                        "source": "S5",
                    },
                ),
                (
                    "reflection",
                    (
                        "What did your own first week in care teach you about 'how we do "
                        "things here'? Who taught you most, and was it the lesson you needed?"
                    ),
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Your service wants to improve dignity in care for new starters. "
                            "Which approach does the evidence in S1 support best?"
                        ),
                        "multiple": False,
                        "options": [
                            {
                                "text": (
                                    "A mentor from day one, a senior leader at induction, "
                                    "and practice that is observed and talked through"
                                ),
                                "correct": True,
                                "explanation": (
                                    "Right. S1 points to these as ways to make values part "
                                    "of everyday practice."
                                ),
                            },
                            {
                                "text": "A longer e-learning course on dignity",
                                "correct": False,
                                "explanation": (
                                    "No. S1 notes that e-learning alone does little for "
                                    "dignity. It can support learning but cannot replace it."
                                ),
                            },
                            {
                                "text": "A laminated copy of the values for each new starter",
                                "correct": False,
                                "explanation": (
                                    "No. Knowing the values is not the same as living them. "
                                    "New staff copy what they see others do."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "According to Skills for Care, which of these were linked to "
                            "workers staying in their jobs? Choose all that apply."
                        ),
                        "multiple": True,
                        "options": [
                            {
                                "text": "Training and qualifications",
                                "correct": True,
                                "explanation": "Yes. Both were among the five factors.",
                            },
                            {
                                "text": "Pay and contract type",
                                "correct": True,
                                "explanation": "Yes. Both were among the five factors.",
                            },
                            {
                                "text": "Full-time hours",
                                "correct": True,
                                "explanation": "Yes. This was the fifth factor.",
                            },
                            {
                                "text": "Having no induction at all, so people can start sooner",
                                "correct": False,
                                "explanation": (
                                    "No. This was not one of the five factors, and skipping "
                                    "induction leaves new staff unsupported."
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "type": "scenario",
            "slug": "lived-experience-panellist",
            "title": "The lived-experience panellist",
            "summary": (
                "A paid panel member scores a candidate low because he talked over her. The "
                "manager wants to ignore her score."
            ),
            "reflection_prompt": (
                "What would make a lived-experience panel member feel their voice counts as "
                "much as anyone else's on your panels?"
            ),
            "steps": [
                {
                    "key": "scores",
                    "situation": (
                        "You are chairing an interview panel for a senior support worker. "
                        "Denise Clarke, who has used mental health services for many years, "
                        "is a trained and paid member of the panel.\n\nDenise scores one "
                        "candidate, Mark, low. Paul, the service manager, rated him highly."
                    ),
                    "person_says": (
                        "He talked over me twice, and when I asked my question he answered "
                        "to Paul. That's what it feels like to be supported by someone who "
                        "doesn't listen."
                    ),
                    "choices": [
                        {
                            "key": "discount",
                            "text": (
                                "Agree with Paul to leave Denise's score out. Mark's "
                                "experience is strong."
                            ),
                            "next": "tokenism",
                            "feedback": (
                                "This is tokenism: Denise is on the panel in name, but her "
                                "view doesn't count. How Mark treated her is direct evidence "
                                "of how he might treat the people he supports."
                            ),
                            "quality": "harmful",
                            "principles": ["safer_recruitment", "values", "listening"],
                        },
                        {
                            "key": "discuss-equally",
                            "text": (
                                "Discuss all the evidence as a panel, and weigh Denise's "
                                "score equally with the others."
                            ),
                            "next": "weigh",
                            "feedback": (
                                "Right. S4 recommends that service users be fully involved "
                                "in recruitment for social work and Approved Mental Health "
                                "Professional posts. Involvement only means something if "
                                "their judgement carries equal weight."
                            ),
                            "quality": "best",
                            "principles": ["safer_recruitment", "listening", "values"],
                        },
                        {
                            "key": "ask-to-change",
                            "text": (
                                "Have a quiet word with Denise afterwards and ask if she'd "
                                "reconsider her score."
                            ),
                            "next": "tokenism",
                            "feedback": (
                                "Pressing a panel member to change her score behind the "
                                "scenes tells her that her view is only welcome when it "
                                "agrees with the manager's."
                            ),
                            "quality": "harmful",
                            "principles": ["safer_recruitment", "listening"],
                        },
                    ],
                },
                {
                    "key": "tokenism",
                    "situation": "Denise finds out her score was set aside. She comes to see you.",
                    "person_says": "So why am I here? To make you look good?",
                    "choices": [
                        {
                            "key": "apologise-reopen",
                            "text": (
                                "Apologise. Tell her she is right, and reopen the decision "
                                "so the panel can weigh her evidence properly."
                            ),
                            "next": "weigh",
                            "feedback": (
                                "Good recovery. Owning the mistake, and changing what "
                                "happens, shows that involvement is real."
                            ),
                            "quality": "best",
                            "principles": ["listening", "values", "candour"],
                        },
                        {
                            "key": "explain-away",
                            "text": (
                                "Explain that managers have the final say, and thank her for "
                                "her time."
                            ),
                            "next": "harm-end",
                            "feedback": (
                                "This confirms her fear. People who are treated as "
                                "decoration on panels stop taking part, and the service "
                                "loses the perspective it most needs."
                            ),
                            "quality": "harmful",
                            "principles": ["listening", "values"],
                        },
                    ],
                },
                {
                    "key": "weigh",
                    "situation": (
                        "The panel talks it through. Looking back at your notes, you see "
                        "Mark answered Denise's questions while looking at Paul. His "
                        "knowledge is strong. Paul still thinks he is the best candidate."
                    ),
                    "choices": [
                        {
                            "key": "decide-on-evidence",
                            "text": (
                                "Decide on all the evidence, with Denise's score counting "
                                "equally. The panel agrees not to appoint Mark this time, "
                                "and gives him honest feedback about listening. Tell Denise "
                                "how her evidence was used."
                            ),
                            "next": "slowdown",
                            "feedback": (
                                "This treats the behaviour at interview as evidence, which "
                                "it is. Telling Denise how her score counted closes the loop "
                                "and shows her voice matters."
                            ),
                            "quality": "best",
                            "principles": ["safer_recruitment", "values", "listening"],
                        },
                        {
                            "key": "appoint-with-goals",
                            "text": (
                                "Appoint Mark with a probation goal about listening and a "
                                "mentor, and explain the decision to Denise."
                            ),
                            "next": "slowdown",
                            "feedback": (
                                "This takes Denise's evidence seriously and builds it into "
                                "probation. It is a reasonable choice, as long as the "
                                "probation goal is checked with the people Mark supports."
                            ),
                            "quality": "acceptable",
                            "principles": ["safer_recruitment", "learning"],
                        },
                        {
                            "key": "manager-overrules",
                            "text": (
                                "Let Paul overrule the panel. He has to manage whoever is "
                                "appointed."
                            ),
                            "next": "tokenism",
                            "feedback": (
                                "If the manager can overrule whenever he disagrees, the "
                                "panel's discussion was for show."
                            ),
                            "quality": "harmful",
                            "principles": ["safer_recruitment", "values"],
                        },
                    ],
                },
                {
                    "key": "slowdown",
                    "situation": (
                        "A month later, recruitment is slow. Paul suggests dropping "
                        "lived-experience panels to speed things up."
                    ),
                    "person_says": (
                        "It takes twice as long to get everyone in a room. We can't afford it."
                    ),
                    "choices": [
                        {
                            "key": "keep-and-support",
                            "text": (
                                "Keep the panels. Plan interview dates further ahead, train "
                                "more panel members, and make sure they are paid promptly."
                            ),
                            "next": "good-end",
                            "feedback": (
                                "Fixing the practical problems keeps the benefit. S4 "
                                "recommends that service users be fully involved in social "
                                "work and Approved Mental Health Professional recruitment."
                            ),
                            "quality": "best",
                            "principles": ["safer_recruitment", "values"],
                        },
                        {
                            "key": "drop-panels",
                            "text": "Drop the panels until recruitment picks up.",
                            "next": "harm-end",
                            "feedback": (
                                "Involvement that disappears when it is inconvenient was "
                                "never really involvement. It also tells Denise and others "
                                "their role was optional."
                            ),
                            "quality": "harmful",
                            "principles": ["safer_recruitment", "values"],
                        },
                        {
                            "key": "senior-only",
                            "text": "Keep panels only for senior posts.",
                            "next": "mixed-end",
                            "feedback": (
                                "This keeps some involvement, but the care workers who spend "
                                "most time with people are recruited without it."
                            ),
                            "quality": "risky",
                            "principles": ["safer_recruitment"],
                        },
                    ],
                },
                {
                    "key": "good-end",
                    "ending": True,
                    "situation": "Lived-experience panels become a normal part of recruiting.",
                    "outcome": (
                        "Denise helps train three new panel members. Candidates are told in "
                        "the advert that people who use the service will interview them. A "
                        "year on, staff recruited this way are staying longer, and Paul "
                        "admits the panels spot things he misses."
                    ),
                },
                {
                    "key": "mixed-end",
                    "ending": True,
                    "situation": "Panels carry on for some posts.",
                    "outcome": (
                        "Senior staff are chosen with people who use services, but most "
                        "front-line staff are not. Denise keeps coming, but wonders why her "
                        "view matters for managers and not for the people who support her "
                        "every day."
                    ),
                },
                {
                    "key": "harm-end",
                    "ending": True,
                    "situation": "The lived-experience panel fades away.",
                    "outcome": (
                        "Denise stops coming. Recruitment is faster, and focuses on "
                        "experience. Within a year, people who use the service say new staff "
                        "don't listen. Nobody connects it to the panels that were dropped."
                    ),
                },
            ],
        },
    ],
}
