"""Path 1: Listening and speaking up (imperative 1: listen, understand and act on what is heard)."""

PATH = {
    "slug": "listening",
    "title": "Listening and speaking up",
    "imperative": "listen",
    "audiences": ["staff", "supervisor", "forum_host", "safeguarding_lead", "leader"],
    "summary": (
        "How to hear a worry, act on it and tell the person what happened, so that people "
        "who use services, families and staff keep speaking up."
    ),
    "outcomes": [
        (
            "Explain what organisational abuse and a closed culture are, and why not "
            "listening is an early warning sign."
        ),
        "Respond to a concern by thanking the person, listening properly and following it up.",
        (
            "Handle a request to keep a concern secret in a way that protects both the "
            "person at risk and the person speaking up."
        ),
        "Notice possible harm to people who cannot easily tell you, and act on it.",
        "Name the routes for speaking up inside and outside your organisation.",
    ],
    "estimated_minutes": 70,
    "recertify_months": 12,
    "items": [
        {
            "type": "module",
            "slug": "why-listening-matters",
            "title": "Why listening matters",
            "summary": (
                "What organisational abuse and closed cultures are, and why the first "
                "warning sign is so often that nobody listened."
            ),
            "body": [
                (
                    "text",
                    (
                        "<p>Some of the worst abuse in English care happened in places where "
                        "people had tried to say something was wrong, and nobody acted. This "
                        "module starts with what we mean by <strong>organisational "
                        "abuse</strong> and a <strong>closed culture</strong>, then looks at "
                        "why listening is where prevention begins.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "Organisational abuse is neglect or poor practice within an "
                            "organisation or a setting, such as a hospital, a care home or "
                            "care in someone's own home. It can happen once or carry on over "
                            "time, and it grows out of the way the place works: its "
                            "structures, policies, processes and practices (statutory "
                            "guidance paragraph 14.17, cited in S1)."
                        ),
                        "source": "CSSG",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "CQC uses the term closed culture for a poor culture that makes "
                            "harm, abuse and breaches of people's human rights more likely. "
                            "It says any service can develop one."
                        ),
                        "source": "CQC-CC",
                    },
                ),
                (
                    "text",
                    (
                        "<p>Inquiries into Mid Staffordshire, Winterbourne View, Orchid "
                        "View, Whorlton Hall and other places found the same patterns again "
                        "and again. S1 groups them into eight hallmarks. The first is a "
                        "<strong>failure to listen</strong>. The others are:</p><ul><li>a "
                        "lack of compassion</li><li>poor connection and "
                        "teamwork</li><li>defensive leadership that keeps things "
                        "hidden</li><li>a gap between the values on the wall and how "
                        "front-line leaders act</li><li>no culture of "
                        "learning</li><li>protecting reputation and avoiding risk ahead of "
                        "people</li><li>separate pieces of information that nobody ever puts "
                        "together</li></ul><p>S1 sets out five things organisations must do "
                        "in response. The first of them is to listen, understand and act on "
                        "what is heard. That is what this path is about.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "Robert Francis's 2013 report found that the board at Mid "
                            "Staffordshire had not listened enough to its patients (cited in "
                            "S1)."
                        ),
                        "source": "S1",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "Where staff expect to be blamed, they are less likely to blow "
                            "the whistle (Edwards 2025, cited in S1)."
                        ),
                        "source": "S1",
                    },
                ),
                (
                    "text",
                    (
                        "<p>People stay quiet for understandable reasons. S1 names several: "
                        "fear of losing their job or being pushed out by a clique; a sense "
                        "that nothing will change anyway; money and targets coming before "
                        "people; who holds power; and a habit of brushing off the feeling "
                        "that <em>something's not right</em>. Every time a worry is ignored, "
                        "the next person is a little less likely to speak.</p>"
                    ),
                ),
                (
                    "reflection",
                    (
                        "Think about the last time someone told you they were worried about "
                        "care. What did you do next, and did they ever hear what happened?"
                    ),
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Which of these is one of the eight hallmarks of a closed "
                            "culture described in S1?"
                        ),
                        "multiple": False,
                        "options": [
                            {
                                "text": "A failure to listen",
                                "correct": True,
                                "explanation": (
                                    "Right. Not listening to people, families and staff is "
                                    "the first hallmark S1 draws from the big inquiries."
                                ),
                            },
                            {
                                "text": "Families visiting too often",
                                "correct": False,
                                "explanation": (
                                    "No. Regular contact with families and outsiders helps "
                                    "keep a service open. Cutting people off from outsiders "
                                    "is the warning sign."
                                ),
                            },
                            {
                                "text": "Having a written complaints policy",
                                "correct": False,
                                "explanation": (
                                    "No. A policy is useful, but what matters is whether "
                                    "people feel able to use it and whether anything changes "
                                    "when they do."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Which of these can stop people speaking up? Choose all that apply."
                        ),
                        "multiple": True,
                        "options": [
                            {
                                "text": "Fear of what will happen to them or their job",
                                "correct": True,
                                "explanation": (
                                    "Yes. S1 names fear of reprisal, cliques and job loss as "
                                    "barriers."
                                ),
                            },
                            {
                                "text": "A feeling that nothing will change anyway",
                                "correct": True,
                                "explanation": (
                                    "Yes. S1 calls this futility. If past concerns went "
                                    "nowhere, people stop raising them."
                                ),
                            },
                            {
                                "text": "Being thanked and told what happened last time",
                                "correct": False,
                                "explanation": (
                                    "No. Thanking people and telling them the outcome makes "
                                    "it more likely they will speak again."
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "type": "module",
            "slug": "thank-listen-follow-up",
            "title": "Thank, listen, follow up",
            "summary": (
                "What good listening looks like in practice, for staff, people who use "
                "services and families."
            ),
            "body": [
                (
                    "text",
                    (
                        "<p>Speaking up is only half of it. The other half is what happens "
                        "when someone does. In the NHS, Robert Francis's <em>Freedom to "
                        "Speak Up</em> review (2015) led to Freedom to Speak Up Guardians "
                        "and the National Guardian's Office, set up in 2016. By May 2025 "
                        "there were about 1,400 guardians, and by March 2025 they had "
                        "handled more than 142,000 cases. In July 2025 the government said "
                        "the National Guardian's Office would close. Guardians stay in the "
                        "NHS Standard Contract for 2026/27, with NHS England taking the "
                        "lead.</p>"
                    ),
                ),
                (
                    "text",
                    (
                        "<p>NHS England's guide for leaders (June 2022) sets out eight "
                        "principles. Among them: value speaking up, role-model it yourself, "
                        "make sure workers know how to do it and feel safe, use what you "
                        "hear to learn, and support guardians. At its centre is a simple "
                        "habit that works in any care "
                        "setting:</p><ul><li><strong>Thank</strong> the person. Speaking up "
                        "can take courage.</li><li><strong>Listen up.</strong> Hear the "
                        "whole story in their words before you reach for a "
                        "fix.</li><li><strong>Follow up.</strong> Tell them what you did and "
                        "what changed, by a date you agreed.</li></ul>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        # S1: "CQC findings (2023, updated 2025) Listening, learning,
                        # responding to concerns ... includes the following in a Summary of
                        # findings and improvement actions ... Actions must include: Offering
                        # feedback to people who speak out; Gathering feedback directly from
                        # people who speak out to inform understanding what those barriers are;
                        # Commission research on this...CQC has said this is an intention."
                        "fact": (
                            "In Listening, learning, responding to concerns (2023, updated "
                            "2025), CQC set out improvement actions for itself: offering "
                            "feedback to people who speak out, gathering feedback from them "
                            "to understand the barriers, and research on this, which CQC has "
                            "said it intends to commission. These are CQC's own actions, not "
                            "rules for services (cited in S1)."
                        ),
                        "source": "S1",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "In the Island Healthcare case study, a family forum with "
                            "refreshments and guest speakers drew out concerns better than a "
                            "defensive residents-and-relatives meeting. The same case study "
                            "suggests sharing the care plan with families who want it, and "
                            "telling families what good care, and the contract, should look "
                            "like (S1)."
                        ),
                        "source": "S1",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "S1 describes practical tools for hearing more: reverse "
                            "mentoring, shadow boards, and interviews when staff join and "
                            "leave (Reitz and Higgins 2024); good-day and bad-day "
                            "conversations (Stirk and Sanderson 2012); and the West Sussex "
                            "'FINK' conversation cards, made with families after Orchid View "
                            "(LGA 2017)."
                        ),
                        "source": "S1",
                    },
                ),
                (
                    "text",
                    (
                        "<p>A few things make listening real:</p><ul><li>Write the concern "
                        "down in the person's own words, and ask before you share "
                        "it.</li><li>Ask the person what they would like to "
                        "happen.</li><li>Look for a pattern. One worry about call bells may "
                        "be one of several.</li><li>Agree when you will get back to them, "
                        "and do it even if the answer is 'we are still "
                        "looking'.</li><li>Tell the wider group what changed. 'You said, we "
                        "did' shows that speaking up works.</li></ul>"
                    ),
                ),
                (
                    "reflection",
                    (
                        "Where in your service could a family member or a colleague raise a "
                        "worry without feeling they are making a fuss? Where might they feel "
                        "they can't?"
                    ),
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "A relative mentions a worry in passing at a family forum. What "
                            "does 'thank, listen up, follow up' ask of you?"
                        ),
                        "multiple": False,
                        "options": [
                            {
                                "text": (
                                    "Thank them, hear the full story, record it with their "
                                    "agreement, and tell them by an agreed date what you "
                                    "found and did"
                                ),
                                "correct": True,
                                "explanation": (
                                    "Right. All three parts matter. Without the follow-up, "
                                    "the person learns that speaking up goes nowhere."
                                ),
                            },
                            {
                                "text": (
                                    "Ask them to put it in writing so it can be handled properly"
                                ),
                                "correct": False,
                                "explanation": (
                                    "No. Asking for a formal written complaint first can put "
                                    "people off. S4 found that intimidating processes are "
                                    "themselves a source of harm."
                                ),
                            },
                            {
                                "text": "Reassure them that staff are doing their best and move on",
                                "correct": False,
                                "explanation": (
                                    "No. Reassurance without looking into it tells the "
                                    "person, and everyone listening, that concerns are not "
                                    "welcome."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Which of these help a service hear from families and staff? "
                            "Choose all that apply."
                        ),
                        "multiple": True,
                        "options": [
                            {
                                "text": (
                                    "A relaxed family forum with refreshments and guest speakers"
                                ),
                                "correct": True,
                                "explanation": (
                                    "Yes. Island Healthcare found this drew out concerns "
                                    "better than a defensive meeting (S1)."
                                ),
                            },
                            {
                                "text": "Good-day and bad-day conversations",
                                "correct": True,
                                "explanation": (
                                    "Yes. Asking what a good and a bad day look like helps "
                                    "people say what matters to them (Stirk and Sanderson "
                                    "2012, in S1)."
                                ),
                            },
                            {
                                "text": "Interviews with staff when they join and when they leave",
                                "correct": True,
                                "explanation": (
                                    "Yes. S1 lists entrance and exit interviews among the "
                                    "tools for hearing what staff really think (Reitz and "
                                    "Higgins 2024)."
                                ),
                            },
                            {
                                "text": "Only taking concerns that arrive as formal complaints",
                                "correct": False,
                                "explanation": (
                                    "No. Most worries are raised informally. If only formal "
                                    "complaints count, most of what people know is lost."
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "type": "scenario",
            "slug": "concern-at-the-family-forum",
            "title": "A concern at the family forum",
            "summary": (
                "A daughter raises a worry about her mother's care in front of other "
                "families. What you do next shapes whether anyone speaks up again."
            ),
            "reflection_prompt": (
                "What would have told you whether Joan's mornings were a one-off or a "
                "pattern? Who in your service would know?"
            ),
            "steps": [
                {
                    "key": "forum",
                    "situation": (
                        "You are hosting the monthly family forum at Willow House care home. "
                        "About a dozen relatives are there. Near the end, Sandra Mills puts "
                        "her hand up. Her mother, Joan, is 84 and lives on the first "
                        "floor.\n\nThe room goes quiet. Two other relatives look at each "
                        "other."
                    ),
                    "person_says": (
                        "I don't want to make a fuss. But Mum is still in her nightie at "
                        "lunchtime most days I visit. And when she presses her buzzer, "
                        "nobody comes for ages."
                    ),
                    "choices": [
                        {
                            "key": "look-into-it",
                            "text": (
                                "Say 'We'll look into that' and move on to the next item on "
                                "the agenda."
                            ),
                            "next": "silence",
                            "feedback": (
                                "This feels polite, but nothing is written down and Sandra "
                                "has no idea what will happen. Everyone else in the room has "
                                "just learned that raising a worry leads nowhere. Not "
                                "listening is the first hallmark of a closed culture (S1)."
                            ),
                            "quality": "harmful",
                            "principles": ["listening", "family_partnership"],
                        },
                        {
                            "key": "formal-complaint",
                            "text": (
                                "Tell her that concerns like this need to come in as a "
                                "formal written complaint."
                            ),
                            "next": "silence",
                            "feedback": (
                                "Asking for a formal complaint first puts a barrier in front "
                                "of her. S4 found that intimidating processes are a source "
                                "of avoidable harm. Many families fear that complaining will "
                                "make things worse for the person they love."
                            ),
                            "quality": "harmful",
                            "principles": ["listening", "family_partnership"],
                        },
                        {
                            "key": "thank-and-talk",
                            "text": (
                                "Thank her for raising it, say it matters, and ask if you "
                                "can talk properly straight after the forum."
                            ),
                            "next": "after-forum",
                            "feedback": (
                                "Good. Thanking her shows speaking up is welcome, in front "
                                "of other families too. Offering a private conversation "
                                "gives her room to tell the whole story without an audience. "
                                "This is the 'thank' and 'listen up' of thank, listen up, "
                                "follow up."
                            ),
                            "quality": "best",
                            "principles": ["listening", "family_partnership"],
                        },
                        {
                            "key": "care-plan",
                            "text": (
                                "Offer to go through her mother's care plan with her this week."
                            ),
                            "next": "care-plan-only",
                            "feedback": (
                                "Sharing the care plan is a good thing to offer if Sandra "
                                "wants it (S1, Island Healthcare). But on its own it treats "
                                "this as one person's issue. Two other relatives reacted, so "
                                "there may be a wider pattern."
                            ),
                            "quality": "acceptable",
                            "principles": ["family_partnership", "listening"],
                        },
                    ],
                },
                {
                    "key": "after-forum",
                    "situation": (
                        "You sit down with Sandra in a quiet room. She tells you it is worst "
                        "at weekends. Last Sunday Joan waited, wet, for most of the morning. "
                        "Sandra is close to tears."
                    ),
                    "person_says": (
                        "The staff are kind, they're just rushed off their feet. I don't "
                        "want Mum to suffer because I said something."
                    ),
                    "choices": [
                        {
                            "key": "record-and-agree",
                            "text": (
                                "Write down what she has told you in her words, ask if you "
                                "can share it, ask what Joan would want, and agree a date to "
                                "tell her what you find."
                            ),
                            "next": "check-data",
                            "feedback": (
                                "This is listening that leads somewhere. A written record in "
                                "her words keeps the detail. Asking about Joan keeps Joan at "
                                "the centre. A date to report back is the 'follow up'. Being "
                                "left wet for a morning may also be neglect, so keep the "
                                "safeguarding lead in mind as you look into it."
                            ),
                            "quality": "best",
                            "principles": ["listening", "recording", "family_partnership"],
                        },
                        {
                            "key": "reassure",
                            "text": (
                                "Reassure her that the staff are lovely and you're sure it "
                                "was a one-off."
                            ),
                            "next": "silence",
                            "feedback": (
                                "Sandra has told you this happens most days. Calling it a "
                                "one-off discounts what she knows and closes the "
                                "conversation. S1 lists discounting the feeling that "
                                "something's not right as a barrier to acting."
                            ),
                            "quality": "harmful",
                            "principles": ["listening"],
                        },
                        {
                            "key": "tell-off",
                            "text": (
                                "Promise her you'll go and tell the weekend staff to sort "
                                "themselves out."
                            ),
                            "next": "check-data",
                            "feedback": (
                                "You are taking it seriously, which matters. But telling "
                                "staff off before you understand the cause may point to "
                                "Sandra, and it may miss the real problem, such as too few "
                                "staff at weekends. Blame also makes staff less likely to "
                                "report problems (Edwards 2025, in S1). Find out first."
                            ),
                            "quality": "risky",
                            "principles": ["learning", "listening"],
                        },
                    ],
                },
                {
                    "key": "care-plan-only",
                    "situation": (
                        "You go through Joan's care plan with Sandra. It says Joan likes to "
                        "be dressed and in the lounge by ten. Sandra is pleased to see it. "
                        "You notice the daily notes for the last three Sundays say 'declined "
                        "to get up', which does not sound like Joan."
                    ),
                    "person_says": (
                        "That's not Mum. She's always been up and dressed. She'd never "
                        "choose to sit in her nightie."
                    ),
                    "choices": [
                        {
                            "key": "look-wider",
                            "text": (
                                "Log Sandra's concern, and check the weekend rota and the "
                                "call-bell records to see whether this affects other "
                                "residents too."
                            ),
                            "next": "check-data",
                            "feedback": (
                                "Good recovery. Notes that don't match what a family knows "
                                "are worth checking, and one person's experience can point "
                                "to a wider problem. S1 calls this making connections: "
                                "putting separate pieces of information together."
                            ),
                            "quality": "best",
                            "principles": ["connections", "listening", "recording"],
                        },
                        {
                            "key": "update-plan",
                            "text": (
                                "Add a line to Joan's plan asking staff to get her up "
                                "earlier, and leave it there."
                            ),
                            "next": "middling-end",
                            "feedback": (
                                "This may help Joan a little, but it ignores the notes that "
                                "don't add up and the chance that other residents are "
                                "affected. The plan already said what Joan wanted. The "
                                "problem is that it isn't happening."
                            ),
                            "quality": "acceptable",
                            "principles": ["family_partnership"],
                        },
                    ],
                },
                {
                    "key": "check-data",
                    "situation": (
                        "You look at the evidence. On weekend mornings the rota shows one "
                        "permanent carer and two agency carers for 22 residents. Call-bell "
                        "records show waits of over 20 minutes most weekend mornings. The "
                        "feedback log has two similar comments from other families in the "
                        "last three months. Nobody had linked them."
                    ),
                    "choices": [
                        {
                            "key": "act-and-feed-back",
                            "text": (
                                "Take it to the manager with the evidence, agree changes to "
                                "weekend staffing, tell Sandra what you found on the agreed "
                                "date, and report back to the next forum."
                            ),
                            "next": "good-end",
                            "feedback": (
                                "This is listen, act and feed back, and joining the dots "
                                "(S1). Offering feedback to people who speak out is one of "
                                "CQC's own improvement actions for itself (CQC 2023, in "
                                "S1). Telling the forum shows other "
                                "families that speaking up leads to change. If anyone came "
                                "to harm, the safeguarding lead should hear about it too."
                            ),
                            "quality": "best",
                            "principles": ["listening", "connections", "family_partnership"],
                        },
                        {
                            "key": "fix-quietly",
                            "text": (
                                "Sort out the weekend rota with the manager, but don't go "
                                "back to Sandra or the forum. The problem is fixed."
                            ),
                            "next": "middling-end",
                            "feedback": (
                                "Fixing the rota is important. But Sandra never learns her "
                                "concern made a difference, and nor do the other families. "
                                "Without feedback, people decide speaking up is pointless "
                                "(S1)."
                            ),
                            "quality": "risky",
                            "principles": ["listening", "family_partnership"],
                        },
                        {
                            "key": "only-joan",
                            "text": (
                                "Make sure Joan is got up first on weekend mornings, so "
                                "Sandra has no more reason to worry."
                            ),
                            "next": "middling-end",
                            "feedback": (
                                "This helps one person and may push the wait onto others. "
                                "The evidence shows a pattern across the floor. Putting one "
                                "family's worry first because they spoke up is not the same "
                                "as fixing the cause."
                            ),
                            "quality": "acceptable",
                            "principles": ["connections"],
                        },
                    ],
                },
                {
                    "key": "silence",
                    "situation": (
                        "Three weeks pass. Sandra hasn't raised it again. At the next forum, "
                        "fewer families come and nobody raises anything. Then a night carer "
                        "tells you Joan was found on her bedroom floor early on Sunday. She "
                        "had tried to get to the toilet alone. She is bruised but not badly "
                        "hurt."
                    ),
                    "person_says": "I pressed and pressed. In the end I thought I'd manage myself.",
                    "choices": [
                        {
                            "key": "own-it",
                            "text": (
                                "Tell the safeguarding lead, call Sandra to apologise that "
                                "her concern wasn't followed up, and check the rota and "
                                "call-bell records properly."
                            ),
                            "next": "check-data",
                            "feedback": (
                                "It is late, but it is the right thing to do. Joan has come "
                                "to harm after a warning that wasn't acted on, so the "
                                "safeguarding lead needs to know. Being honest with Sandra "
                                "starts to rebuild trust. Now look for the pattern."
                            ),
                            "quality": "best",
                            "principles": ["escalation", "candour", "connections"],
                        },
                        {
                            "key": "one-off",
                            "text": (
                                "Record it as an accidental fall and remind Joan to wait for staff."
                            ),
                            "next": "harm-end",
                            "feedback": (
                                "Joan did wait. Nobody came. Treating this as an accident, "
                                "and as Joan's fault, hides a staffing problem that a family "
                                "had already raised. This is how separate warnings stay "
                                "separate (S1)."
                            ),
                            "quality": "harmful",
                            "principles": ["listening", "connections", "dignity"],
                        },
                    ],
                },
                {
                    "key": "good-end",
                    "ending": True,
                    "situation": (
                        "Weekend staffing changes. A permanent carer now leads every weekend "
                        "morning, and call-bell waits are checked each week."
                    ),
                    "outcome": (
                        "Sandra hears what you found and what changed. At the next forum you "
                        "explain it as 'you said, we did'. Two more relatives raise smaller "
                        "worries that evening, because they have seen that speaking up "
                        "works. Joan is dressed and in the lounge by ten, as she likes."
                    ),
                },
                {
                    "key": "middling-end",
                    "ending": True,
                    "situation": "Things improve for Joan, for now.",
                    "outcome": (
                        "Nobody tells Sandra or the other families what happened, so they "
                        "don't know their worries made a difference. The next time something "
                        "is wrong, they are less sure it is worth saying. The underlying "
                        "pattern was only partly fixed."
                    ),
                },
                {
                    "key": "harm-end",
                    "ending": True,
                    "situation": (
                        "The fall is filed as an accident. The forum carries on, but "
                        "families stop raising things."
                    ),
                    "outcome": (
                        "Weekend mornings stay short-staffed. More residents wait, and more "
                        "fall. When an inspector later asks families about care, several say "
                        "they gave up saying anything because nothing changed. This is how a "
                        "closed culture grows: not through one big decision, but through "
                        "many small worries that nobody followed up."
                    ),
                },
            ],
        },
        {
            "type": "module",
            "slug": "speaking-up-safely",
            "title": "Speaking up safely, and hearing people who can't",
            "summary": (
                "Confidential is not the same as secret. How to protect people who speak up, "
                "and how to notice harm to people who cannot tell you about it."
            ),
            "body": [
                (
                    "text",
                    (
                        "<p>When someone tells you about a worry, they may ask you to keep "
                        "it to yourself. It helps to be clear about two "
                        "words:</p><ul><li><strong>Confidential</strong> means you know who "
                        "they are, and you protect their identity as far as you can. You "
                        "share what is needed to keep people safe, with the people who need "
                        "to know.</li><li><strong>Anonymous</strong> means nobody knows who "
                        "raised it, including you.</li></ul><p>What you cannot do is promise "
                        "to keep a concern <em>secret</em> when someone may be at risk. You "
                        "can promise to be honest with the person about what you will do and "
                        "why, to protect their identity as much as possible, and to check "
                        "they are not treated badly afterwards.</p>"
                    ),
                ),
                (
                    "text",
                    (
                        "<p>The law gives some protection. Under the Public Interest "
                        "Disclosure Act 1998, workers who reasonably believe a disclosure is "
                        "in the public interest are protected from being treated badly "
                        "because of it. This includes agency workers and trainees, but not "
                        "volunteers. Workers can also go to a 'prescribed person' outside "
                        "their employer. CQC is one of them. In the NHS, Freedom to Speak Up "
                        "Guardians offer another route.</p>"
                    ),
                ),
                (
                    "text",
                    (
                        "<p>Some people cannot easily tell anyone what is happening to them. "
                        "They may not use speech, or they may be frightened, or nobody may "
                        "be asking. Changes in how they behave can be the only sign. It is "
                        "easy to explain those changes away.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "NICE guideline NG189 on safeguarding adults in care homes (1.4) "
                            "says staff should consider abuse or neglect even when a change "
                            "in behaviour seems to be explained by dementia, autism or a "
                            "learning disability, especially for residents who do not use "
                            "speech."
                        ),
                        "source": "NG189",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "Advocacy is a statutory right in safeguarding. The safeguarding "
                            "adults review into Whorlton Hall found that advocacy for "
                            "in-patients with learning disabilities or autism was "
                            "inadequate, and gave false reassurance (cited in S1)."
                        ),
                        "source": "S1",
                    },
                ),
                (
                    "key_fact",
                    {
                        "fact": (
                            "NHS England's letter to NHS boards after a BBC Panorama "
                            "programme points to independent, peer-led support and ways to "
                            "give feedback for people in the most restrictive settings (S3)."
                        ),
                        "source": "S3",
                    },
                ),
                (
                    "reflection",
                    (
                        "Think of someone you support who does not easily say how they feel. "
                        "How would you know if something was wrong for them? Who else would "
                        "notice?"
                    ),
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Mrs Hale has dementia and does not use speech. For three weeks "
                            "she has been withdrawn and tearful after one particular "
                            "worker's shifts. Colleagues say 'that's just her dementia'. "
                            "What should you do?"
                        ),
                        "multiple": False,
                        "options": [
                            {
                                "text": (
                                    "Watch carefully, compare the changes with the rota, "
                                    "involve her family or an advocate, and raise a "
                                    "safeguarding concern if doubt remains"
                                ),
                                "correct": True,
                                "explanation": (
                                    "Right. NG189 says to consider abuse even when dementia "
                                    "seems to explain a change. Comparing with the rota "
                                    "joins the dots, and involving people who know her well "
                                    "helps you understand her. This is proportionate: you "
                                    "act on the doubt without jumping to conclusions."
                                ),
                            },
                            {
                                "text": "Accept the team's view. Her dementia is getting worse.",
                                "correct": False,
                                "explanation": (
                                    "No. This is exactly the explanation NG189 warns about. "
                                    "A pattern linked to one person's shifts needs looking "
                                    "into."
                                ),
                            },
                            {
                                "text": "Move her to another unit so she is away from that worker",
                                "correct": False,
                                "explanation": (
                                    "No. Moving her restricts her and upsets her routine, "
                                    "and it hides the cause instead of finding it. If that "
                                    "worker is harming her, other residents may still be at "
                                    "risk."
                                ),
                            },
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Who is protected by the Public Interest Disclosure Act 1998 "
                            "when they raise a concern in the public interest? Choose all "
                            "that apply."
                        ),
                        "multiple": True,
                        "options": [
                            {
                                "text": "An employed care worker",
                                "correct": True,
                                "explanation": (
                                    "Yes. Workers are protected when they reasonably believe "
                                    "the disclosure is in the public interest."
                                ),
                            },
                            {
                                "text": "An agency worker",
                                "correct": True,
                                "explanation": "Yes. Agency workers are covered.",
                            },
                            {
                                "text": "A student on placement or a trainee",
                                "correct": True,
                                "explanation": "Yes. Trainees are covered.",
                            },
                            {
                                "text": "A volunteer",
                                "correct": False,
                                "explanation": (
                                    "No. Volunteers are not covered by the Act. That is one "
                                    "more reason to make sure volunteers know they can still "
                                    "raise concerns and will be listened to."
                                ),
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "type": "scenario",
            "slug": "dont-say-it-came-from-me",
            "title": "Don't say it came from me",
            "summary": (
                "A care worker tells you a senior colleague mocks a resident with dementia, "
                "and asks you to keep it secret."
            ),
            "reflection_prompt": (
                "What could you say, in your own words, to someone who asks you to keep a "
                "worry secret? How would you check on them afterwards?"
            ),
            "steps": [
                {
                    "key": "disclosure",
                    "situation": (
                        "You are a senior carer on a small dementia unit with a team of six. "
                        "At the end of a shift, Aisha, a care worker, asks to speak to you "
                        "in private.\n\nShe tells you that Dawn, a senior colleague, copies "
                        "and mocks Frank Doyle when he gets confused, and the others laugh. "
                        "Frank is 88. He used to be a bus driver and loves talking about his "
                        "routes."
                    ),
                    "person_says": (
                        "Please don't say it came from me. There are only six of us. They'll "
                        "know straight away, and I'll be finished here."
                    ),
                    "choices": [
                        {
                            "key": "promise-secrecy",
                            "text": (
                                "Promise her it will stay between the two of you, and say "
                                "you'll keep an eye out."
                            ),
                            "next": "waiting",
                            "feedback": (
                                "This feels kind to Aisha, but Frank stays at risk while you "
                                "wait. You cannot promise secrecy when someone may be being "
                                "harmed. You can promise to protect her identity as far as "
                                "possible."
                            ),
                            "quality": "harmful",
                            "principles": ["protection", "speaking_up"],
                        },
                        {
                            "key": "name-her",
                            "text": (
                                "Go straight to the manager and tell them Aisha has reported Dawn."
                            ),
                            "next": "exposed",
                            "feedback": (
                                "Acting quickly is right, but naming Aisha when you don't "
                                "need to exposes her to being treated badly. In a team of "
                                "six, people will work it out anyway, so protect her "
                                "identity as much as you can. Workers are protected in law "
                                "from detriment under the Public Interest Disclosure Act "
                                "1998, but that does not stop it happening."
                            ),
                            "quality": "harmful",
                            "principles": ["speaking_up"],
                        },
                        {
                            "key": "explain-and-act",
                            "text": (
                                "Thank her. Explain honestly that you can't keep it secret "
                                "while Frank may be at risk, but you will protect her "
                                "identity as far as you can. Ask her exactly what she has "
                                "seen."
                            ),
                            "next": "make-safe",
                            "feedback": (
                                "Good. You are honest with Aisha about what you can and "
                                "cannot promise, and you are putting Frank's safety first. "
                                "Getting the detail now helps everything that follows. "
                                "Thanking her matters too: blame and fear stop people "
                                "speaking up (Edwards 2025, in S1)."
                            ),
                            "quality": "best",
                            "principles": ["speaking_up", "protection", "listening"],
                        },
                        {
                            "key": "use-policy",
                            "text": "Tell her she should use the whistleblowing policy herself.",
                            "next": "own-route",
                            "feedback": (
                                "Pointing to the policy is fine in itself. But she has told "
                                "you, and you now know Frank may be at risk. It is only "
                                "acceptable if you act too."
                            ),
                            "quality": "acceptable",
                            "principles": ["speaking_up"],
                        },
                    ],
                },
                {
                    "key": "own-route",
                    "situation": "Aisha looks at you for a moment.",
                    "person_says": "So you're not going to do anything?",
                    "choices": [
                        {
                            "key": "act-too",
                            "text": (
                                "Tell her you will act as well. You will make sure Frank is "
                                "safe and tell the safeguarding lead today, and she can also "
                                "use the whistleblowing or guardian route if she wants to."
                            ),
                            "next": "make-safe",
                            "feedback": (
                                "Right. Her route and your duty are not either-or. Once you "
                                "know someone may be at risk, you act. Offering her own "
                                "route as well gives her some control."
                            ),
                            "quality": "best",
                            "principles": ["protection", "escalation", "speaking_up"],
                        },
                        {
                            "key": "leave-it",
                            "text": "Say it's best coming from her, and leave it with her.",
                            "next": "waiting",
                            "feedback": (
                                "This puts the whole weight on the most worried person in "
                                "the team, and leaves Frank unprotected. If she is too "
                                "frightened to act, nothing happens."
                            ),
                            "quality": "harmful",
                            "principles": ["protection", "escalation"],
                        },
                    ],
                },
                {
                    "key": "make-safe",
                    "situation": (
                        "Aisha describes two times this week when Dawn mimicked Frank's "
                        "voice while he was asking for his wife, and others laughed. Dawn is "
                        "on shift until eight tonight and has Frank on her list."
                    ),
                    "choices": [
                        {
                            "key": "safe-record-tell",
                            "text": (
                                "Quietly change the allocation so someone else supports "
                                "Frank tonight. Write down what Aisha told you, with dates "
                                "and her words. Tell the safeguarding lead today."
                            ),
                            "next": "follow-up",
                            "feedback": (
                                "This covers the essentials: make the person safe, record "
                                "accurately, and escalate to the person whose job it is to "
                                "decide next steps. Mocking someone can be psychological "
                                "abuse, one of the types of abuse in the statutory guidance. "
                                "An employer who knows of abuse must stop it, protect the "
                                "adult and tell the local authority (CSSG)."
                            ),
                            "quality": "best",
                            "principles": ["protection", "recording", "escalation"],
                        },
                        {
                            "key": "confront-dawn",
                            "text": "Confront Dawn about it in front of the team at handover.",
                            "next": "exposed",
                            "feedback": (
                                "Challenging poor practice takes courage. But doing it in "
                                "public, in a team of six, points straight at Aisha. It also "
                                "warns Dawn before the safeguarding lead has decided what to "
                                "do."
                            ),
                            "quality": "risky",
                            "principles": ["speaking_up", "escalation"],
                        },
                        {
                            "key": "wait-for-manager",
                            "text": "Wait until the manager is back on Monday and raise it then.",
                            "next": "waiting",
                            "feedback": (
                                "Frank would spend the weekend with the people who are "
                                "mocking him. Safeguarding concerns go to the safeguarding "
                                "lead or the on-call manager straight away, not when it is "
                                "convenient."
                            ),
                            "quality": "harmful",
                            "principles": ["protection", "escalation"],
                        },
                    ],
                },
                {
                    "key": "exposed",
                    "situation": (
                        "The next day, Aisha has been left out of the team's group chat, and "
                        "two of her shifts have been swapped without asking her."
                    ),
                    "person_says": "Everyone knows it was me. I knew this would happen.",
                    "choices": [
                        {
                            "key": "repair",
                            "text": (
                                "Apologise to her. Record and report the way she is being "
                                "treated, make sure Frank is safe and the safeguarding lead "
                                "knows, and tell her about the guardian route and her legal "
                                "protection."
                            ),
                            "next": "follow-up",
                            "feedback": (
                                "Good. Being treated badly for speaking up is itself a "
                                "concern to report. Owning your part, and making sure "
                                "Frank's safety is still being dealt with, can stop this "
                                "from silencing the whole team."
                            ),
                            "quality": "best",
                            "principles": ["speaking_up", "protection", "candour"],
                        },
                        {
                            "key": "blow-over",
                            "text": "Tell her it will blow over if she keeps her head down.",
                            "next": "harm-end",
                            "feedback": (
                                "This tells Aisha, and everyone watching, that speaking up "
                                "costs you and nobody will back you. It is the fear of "
                                "reprisal that S1 names as a barrier."
                            ),
                            "quality": "harmful",
                            "principles": ["speaking_up"],
                        },
                    ],
                },
                {
                    "key": "waiting",
                    "situation": (
                        "A week later, another carer mentions that Frank has stopped coming "
                        "into the lounge. He flinches when Dawn speaks to him and no longer "
                        "talks about his bus routes."
                    ),
                    "person_says": "I'll stay here. They laugh at me out there.",
                    "choices": [
                        {
                            "key": "act-now",
                            "text": (
                                "Act now. Make sure Frank is supported by someone else, "
                                "record what you know, and tell the safeguarding lead. Be "
                                "honest with Aisha about why you can no longer keep it "
                                "between you."
                            ),
                            "next": "follow-up",
                            "feedback": (
                                "Frank is telling you himself. Waiting has already cost him "
                                "a week. Acting now, and being honest with Aisha, is still "
                                "the right thing to do."
                            ),
                            "quality": "best",
                            "principles": ["protection", "escalation", "listening"],
                        },
                        {
                            "key": "still-wait",
                            "text": "You still have no proof. Keep watching for now.",
                            "next": "harm-end",
                            "feedback": (
                                "You don't need proof to raise a safeguarding concern, only "
                                "a reasonable worry. Frank's own words and his change in "
                                "behaviour are evidence. NG189 asks staff to consider abuse, "
                                "not explain it away."
                            ),
                            "quality": "harmful",
                            "principles": ["protection", "listening"],
                        },
                    ],
                },
                {
                    "key": "follow-up",
                    "situation": (
                        "The safeguarding lead has taken the concern forward, and Dawn is "
                        "not working with Frank while it is looked into. Two weeks have "
                        "passed."
                    ),
                    "choices": [
                        {
                            "key": "check-in",
                            "text": (
                                "Check in privately with Aisha about how she is being "
                                "treated, thank her again, and tell her what you can about "
                                "progress. Spend time with Frank and ask his son how he "
                                "seems."
                            ),
                            "next": "good-end",
                            "feedback": (
                                "Follow-up is where trust is won or lost. Checking for "
                                "detriment protects Aisha. Asking after Frank keeps him, not "
                                "the process, at the centre."
                            ),
                            "quality": "best",
                            "principles": ["speaking_up", "listening", "family_partnership"],
                        },
                        {
                            "key": "job-done",
                            "text": "The safeguarding lead has it now. Your part is done.",
                            "next": "middling-end",
                            "feedback": (
                                "Passing it on was right. But Aisha hears nothing and may "
                                "face quiet hostility, and nobody checks how Frank is. "
                                "Following up is part of listening."
                            ),
                            "quality": "acceptable",
                            "principles": ["speaking_up"],
                        },
                    ],
                },
                {
                    "key": "good-end",
                    "ending": True,
                    "situation": (
                        "The enquiry finds that Dawn and two others mocked several "
                        "residents. It is dealt with, and the unit's team is supported to "
                        "change."
                    ),
                    "outcome": (
                        "Frank comes back to the lounge and tells a new carer about the "
                        "number 38 route. Aisha stays. A month later, another colleague "
                        "comes to you with a worry, because she has seen that you listen and "
                        "that people who speak up are protected."
                    ),
                },
                {
                    "key": "middling-end",
                    "ending": True,
                    "situation": (
                        "The concern is dealt with, but nobody follows up with Aisha or Frank."
                    ),
                    "outcome": (
                        "Frank is safer, but nobody notices how slowly he is regaining his "
                        "confidence. Aisha feels cold-shouldered and leaves three months "
                        "later. The team learns that speaking up is lonely, even when it "
                        "works."
                    ),
                },
                {
                    "key": "harm-end",
                    "ending": True,
                    "situation": "Nothing changes on the unit.",
                    "outcome": (
                        "The mocking goes on, and spreads to other residents. Frank "
                        "withdraws to his room. Aisha leaves. When it finally comes out, "
                        "through a visiting relative, the inquiry asks why nobody acted when "
                        "a worker first spoke up. The answer is that she was told to keep "
                        "her head down."
                    ),
                },
            ],
        },
    ],
}
