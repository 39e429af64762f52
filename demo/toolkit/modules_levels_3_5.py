"""The demo toolkit's modules M05-M12: professional, specialist lead and strategic levels.

All text is our own; the people in case studies and quotes are fictional.
"""

from demo.toolkit.blocks import activity, callout, case, text, voice

MODULES_LEVELS_3_5 = [
    {
        "number": "M05",
        "slug": "multi-agency-enquiries-and-roles",
        "title": "Multi-Agency Safeguarding Adults: Enquiries and Roles",
        "bundle": "B-L3",
        "level": 3,
        "hours": "8",
        "mode": "face_to_face",
        "refresh": 36,
        "evaluation": True,
        "summary": (
            "A blended day for professionals who assess, plan and intervene: 1.5 hours of "
            "pre-learning and a 6.5 hour multi-agency workshop on section 42 enquiries, "
            "information sharing, the MASH and protection planning."
        ),
        "outcomes": [
            "Decide, with the adult, whether a concern meets the section 42 criteria",
            "Undertake a proportionate enquiry as enquiry officer",
            "Share information lawfully without consent when it is needed, and record why",
            "Contribute to strategy discussions, the MASH and multi-agency protection plans",
            "Challenge and escalate professional disagreement between agencies",
        ],
        "body": [
            text(
                "<h2>Before the workshop</h2><p>Read the West Midlands procedures on "
                "enquiries and bring one anonymised example from your own work where several "
                "agencies were involved.</p>"
            ),
            case(
                "Mr D and the recurring falls",
                "<p>Mr D, 58, has a learning disability and lives in supported housing. The "
                "ambulance service has attended five falls in two months; the housing provider "
                "has logged complaints about a new friend who stays over; the GP has noticed "
                "missed prescriptions.</p>",
                [
                    "What does each agency know that the others do not?",
                    "Who should lead the enquiry, and what would make it proportionate?",
                    "What outcome might Mr D want?",
                ],
                "<p>Use the case to show cumulative harm across records and the value of a "
                "strategy discussion early.</p>",
            ),
            activity(
                "Mapping the MASH",
                30,
                "groups",
                "<p>In mixed-agency groups, draw how a concern travels from a frontline "
                "worker to a decision, and mark where information can get stuck.</p>",
                "A shared map with three places the group would change",
            ),
            voice(
                "Everyone had a piece of my story. Nobody had put it together.",
                "An adult who was the subject of a Safeguarding Adults Review",
            ),
        ],
    },
    {
        "number": "M06",
        "slug": "msp-and-mental-capacity-in-practice",
        "title": "Making Safeguarding Personal and Mental Capacity in Practice",
        "bundle": "B-MCA3",
        "level": 3,
        "hours": "3.5",
        "mode": "virtual",
        "refresh": 36,
        "evaluation": True,
        "summary": (
            "For professionals: working with the adult towards the outcomes they want, "
            "carrying out capacity assessments and best-interests decisions, and protecting "
            "liberty and voice through advocacy and the right legal routes."
        ),
        "outcomes": [
            "Plan and review safeguarding actions against the adult's own outcomes",
            "Carry out a decision-specific capacity assessment and record it",
            "Make and record a best-interests decision that involves the right people",
            "Start DoLS or Court of Protection routes when they are needed",
            "Involve an IMCA or Care Act advocate at the right time",
        ],
        "body": [
            voice(
                "I wanted to stay in my flat. Once they understood that, everything they did "
                "was about making that safe.",
                "A man in his eighties who was supported after a safeguarding enquiry",
            ),
            text(
                "<h2>Outcomes, not outputs</h2><p>Making Safeguarding Personal means asking at "
                "the start what the adult wants to be different, returning to it at every "
                "review, and measuring success by whether they feel safer on their own terms.</p>"
            ),
            activity(
                "Rewrite the plan",
                20,
                "pairs",
                "<p>Take the protection plan in the handout and rewrite each action so that "
                "it starts from what the adult said they want.</p>",
            ),
        ],
    },
    {
        "number": "M07",
        "slug": "domestic-abuse-dash-and-marac",
        "title": "Domestic Abuse, Coercive Control, DASH and MARAC",
        "bundle": "B-DA3",
        "level": 3,
        "hours": "3.5",
        "mode": "face_to_face",
        "refresh": 36,
        "evaluation": True,
        "summary": (
            "Recognising coercive control, asking about domestic abuse safely, completing the "
            "DASH risk checklist and referring to MARAC and an IDVA, with learning from "
            "domestic abuse related death reviews."
        ),
        "outcomes": [
            "Recognise coercive and controlling behaviour, including towards older and disabled adults",
            "Ask about domestic abuse safely and respond to a disclosure",
            "Use the DASH checklist to assess risk and refer to MARAC and an IDVA",
            "Agree a safety plan with the adult",
        ],
        "body": [
            text(
                "<h2>Abuse is a pattern</h2><p>Coercive control is a pattern of behaviour that "
                "isolates, monitors and frightens. It often looks like care: a partner who "
                "always answers for the adult, holds their medication or manages their "
                "money.</p>"
            ),
            callout(
                "Asking safely",
                "<p>Only ask about abuse when the adult is alone and it is safe to talk. Never "
                "use a family member as an interpreter.</p>",
                style="warning",
            ),
            case(
                "Mrs P and her husband",
                "<p>Mrs P, 67, has multiple sclerosis. Her husband attends every appointment, "
                "answers for her and has cancelled her carers twice.</p>",
                [
                    "What might be happening?",
                    "How would you create a safe chance to ask Mrs P?",
                    "What would make this a MARAC referral?",
                ],
            ),
        ],
    },
    {
        "number": "M08",
        "slug": "exploitation-and-modern-slavery",
        "title": "Exploitation, Modern Slavery and Transitional Safeguarding",
        "bundle": "B-EXP3",
        "level": 3,
        "hours": "3",
        "mode": "virtual",
        "refresh": 36,
        "evaluation": True,
        "summary": (
            "Cuckooing, county lines, sexual and labour exploitation and modern slavery: how "
            "they affect adults, the duty to notify and the National Referral Mechanism, and "
            "keeping young people safe as they turn 18."
        ),
        "outcomes": [
            "Recognise the signs of cuckooing, county lines, sexual and labour exploitation",
            "Refer through the National Referral Mechanism and meet the duty to notify",
            "Plan transitional safeguarding for young people approaching 18",
        ],
        "body": [
            case(
                "A new friend at Mr T's flat",
                "<p>Mr T, 41, has a mild learning disability. Neighbours report young people "
                "coming and going at all hours; Mr T says they are his friends but he has "
                "started sleeping at his sister's.</p>",
                [
                    "What type of exploitation could this be?",
                    "Which agencies need to know, and how quickly?",
                ],
                "<p>Cuckooing: consider immediate safety, police involvement and housing "
                "options that Mr T agrees to.</p>",
            ),
            text(
                "<h2>Turning 18 is not a cliff edge</h2><p>Exploitation does not stop on a "
                "birthday. Children's and adults' services plan together so that support "
                "continues across the transition.</p>"
            ),
        ],
    },
    {
        "number": "M09",
        "slug": "self-neglect-and-hoarding",
        "title": "Self-Neglect and Hoarding (WM guidance)",
        "bundle": "B-SN3",
        "level": 3,
        "hours": "3",
        "mode": "face_to_face",
        "refresh": 36,
        "evaluation": True,
        "summary": (
            "Working with adults who neglect themselves or their home: building trust with "
            "people who refuse help, weighing choice against risk, and using the West Midlands "
            "self-neglect guidance with fire, housing and health colleagues."
        ),
        "outcomes": [
            "Apply the West Midlands self-neglect guidance to a case",
            "Engage an adult who is reluctant to accept help",
            "Use a clutter rating and fire risk check with partner agencies",
            "Know when self-neglect needs a multi-agency risk meeting",
        ],
        "body": [
            voice(
                "They came every week, even when I shouted. In the end I let one of them make "
                "me a cup of tea.",
                "A man who had hoarded for twenty years",
            ),
            text(
                "<h2>Persistence over time</h2><p>Self-neglect rarely changes after one visit. "
                "Reviews repeatedly find cases closed because the adult declined help, before "
                "anyone understood why.</p>"
            ),
            activity(
                "Safe and Well visit role play",
                25,
                "groups",
                "<p>One person plays a resident who does not want the visit; one a "
                "firefighter; one an observer. Swap after ten minutes.</p>",
                "Three phrases that helped open the conversation",
            ),
        ],
    },
    {
        "number": "M10",
        "slug": "prevent-workshop",
        "title": "Prevent Workshop (WRAP-style)",
        "bundle": "B-PREV3",
        "level": 3,
        "hours": "1.5",
        "mode": "face_to_face",
        "refresh": 36,
        "evaluation": True,
        "summary": (
            "A facilitated workshop for clinical decision-makers and safeguarding leads on "
            "making Prevent referrals and contributing to Channel and the Prevent multi-agency "
            "panel."
        ),
        "outcomes": [
            "Decide when a concern about radicalisation needs a Prevent referral",
            "Complete a referral with the information the panel needs",
            "Contribute to Channel or the Prevent multi-agency panel",
        ],
        "body": [
            text(
                "<h2>What the panel needs</h2><p>A good referral says what was seen or heard, "
                "when, what has already been done and what the person's wider needs are. "
                "Vulnerability, not ideology, is the starting point.</p>"
            ),
            activity(
                "Three referrals",
                30,
                "groups",
                "<p>Read three anonymised referrals and decide which the panel could act on, "
                "and what is missing from the others.</p>",
            ),
        ],
    },
    {
        "number": "M11",
        "slug": "managing-enquiries-risk-and-supervision",
        "title": "Managing Enquiries, Risk and Safeguarding Supervision",
        "bundle": "B-L4",
        "level": 4,
        "hours": "6.5",
        "mode": "face_to_face",
        "refresh": 12,
        "evaluation": True,
        "summary": (
            "For safeguarding leads and managers: allocating and signing off enquiries, "
            "quality-assuring risk decisions, chairing multi-agency meetings, giving reflective "
            "supervision and keeping the workforce safe."
        ),
        "outcomes": [
            "Allocate, oversee and sign off section 42 enquiries as managing officer",
            "Quality-assure risk decisions, including positive risk-taking",
            "Chair multi-agency meetings and resolve escalations between agencies",
            "Provide reflective safeguarding supervision",
            "Apply safer recruitment and the Position of Trust framework",
        ],
        "body": [
            text(
                "<h2>The managing officer's questions</h2><p>Is the enquiry proportionate? "
                "Has the adult been asked what they want? Are the right agencies involved? "
                "Is the record clear enough for someone else to pick up tomorrow?</p>"
            ),
            activity(
                "Supervision in practice",
                40,
                "groups",
                "<p>In threes, run a 15-minute reflective supervision on a case, using the "
                "four-stage model in the handout. The observer gives feedback.</p>",
                "One thing you will do differently in your next supervision",
            ),
            callout(
                "Annual refresh",
                "<p>Level 4 competencies are refreshed every 12 months: book your next update "
                "when you finish this module.</p>",
            ),
        ],
    },
    {
        "number": "M12",
        "slug": "strategic-leadership-and-learning-from-reviews",
        "title": "Strategic Safeguarding Leadership and Learning from Reviews",
        "bundle": "B-L5",
        "level": 5,
        "hours": "3",
        "mode": "face_to_face",
        "refresh": 12,
        "evaluation": True,
        "summary": (
            "A seminar for executives, designated professionals and Safeguarding Adults Board "
            "members on leading partnership arrangements, commissioning reviews and assuring "
            "that their learning changes practice."
        ),
        "outcomes": [
            "Lead partnership safeguarding arrangements across agencies",
            "Commission Safeguarding Adults Reviews and assure their action plans",
            "Set and use a quality assurance framework to challenge performance",
            "Represent your agency on the Board and contribute to its strategic plan",
        ],
        "body": [
            text(
                "<h2>From review to change</h2><p>The same themes return in review after "
                "review: poor information sharing, adults not heard, self-neglect cases "
                "closed too early. Leaders decide whether the next review says the same.</p>"
            ),
            case(
                "A review's action plan, two years on",
                "<p>A Board published a review with twelve recommendations. Two years later "
                "all twelve are marked complete, yet a new case shows the same gaps.</p>",
                [
                    "What does 'complete' mean for each action?",
                    "What evidence would convince you practice has changed?",
                ],
            ),
        ],
    },
]
