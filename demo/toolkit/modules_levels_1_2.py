"""The demo toolkit's modules M01-M04: awareness for everyone, and the practitioner level.

All text is our own; the people in case studies and quotes are fictional.
"""

from demo.toolkit.blocks import activity, callout, case, text, voice

MODULES_LEVELS_1_2 = [
    {
        "number": "M01",
        "slug": "adult-safeguarding-awareness",
        "title": "Adult Safeguarding Awareness",
        "bundle": "B-L1",
        "level": 1,
        "hours": "2",
        "mode": "e_learning",
        "refresh": 36,
        "evaluation": False,
        "summary": (
            "The starting point for everyone who works or volunteers with a partner agency, "
            "whether or not they meet adults at risk: what abuse and neglect look like, and "
            "what to do if you are worried."
        ),
        "outcomes": [
            "Name the main types of abuse and neglect an adult can experience",
            "Explain who counts as an adult at risk and why safeguarding applies to them",
            "Say what to do straight away if someone is in danger",
            "Know who to tell in your own organisation, and write down what you saw and heard",
            "Recognise that Prevent, domestic abuse and exploitation are part of safeguarding",
        ],
        "body": [
            text(
                "<h2>Why everyone needs this</h2><p>Safeguarding is not only a job for social "
                "workers. The receptionist who notices a visitor is frightened, the driver who "
                "sees the same bruises every week and the volunteer who hears a worrying remark "
                "are often the first people in a position to help.</p>"
            ),
            callout(
                "If someone is in immediate danger",
                "<p>Call 999. Then tell your manager or safeguarding lead the same day.</p>",
                style="warning",
            ),
            voice(
                "I kept hoping someone would ask. When the lady from the library did, it all "
                "came out.",
                "An older woman who had been financially abused by a relative",
            ),
            activity(
                "Who would you tell?",
                10,
                "individual",
                "<p>Find your organisation's safeguarding policy and write down the name and "
                "number of the person you would contact, in and out of hours.</p>",
                "A contact you can use tomorrow",
            ),
        ],
    },
    {
        "number": "M02",
        "slug": "recognising-and-raising-a-concern",
        "title": "Recognising and Raising a Safeguarding Concern (WM procedures)",
        "bundle": "B-L2",
        "level": 2,
        "hours": "3.5",
        "mode": "virtual",
        "refresh": 36,
        "evaluation": False,
        "summary": (
            "A multi-agency half day for staff and volunteers in regular contact with adults: "
            "spotting the signs, responding to a disclosure and raising a concern under the "
            "West Midlands procedures."
        ),
        "outcomes": [
            "Spot indicators of each type of abuse in everyday work",
            "Apply the three-part test for an adult at risk",
            "Respond to a disclosure calmly without asking leading questions",
            "Raise a safeguarding concern with the local authority, in and out of hours",
            "Keep factual, timed and signed records that explain your decisions",
        ],
        "body": [
            text(
                "<h2>The three-part test</h2><p>A local authority must make enquiries when an "
                "adult has care and support needs, is experiencing or at risk of abuse or "
                "neglect, and because of those needs cannot protect themselves. You do not need "
                "to be sure before you raise a concern: that is what the enquiry is for.</p>"
            ),
            case(
                "Mrs K and the missed visits",
                "<p>Mrs K, 74, has dementia and lives with her son. Her day centre notices she "
                "has missed three weeks, and when she returns she is thinner and flinches when "
                "helped to stand. Her son says she has been 'difficult'.</p>",
                [
                    "Which indicators do you notice, and of which types of abuse?",
                    "Does Mrs K meet the three-part test?",
                    "What would you say to Mrs K, and what would you record?",
                ],
                "<p>Draw out neglect and physical abuse, the son's possible carer strain, and "
                "the need to speak with Mrs K alone.</p>",
            ),
            voice(
                "Please don't tell me it's going to be fine. Just tell me what happens next.",
                "An adult who disclosed abuse to a support worker",
            ),
            callout(
                "Consent and concerns",
                "<p>Ask the adult what they want and tell them what you will do. If others are "
                "at risk, or a crime is involved, you may need to share without consent: "
                "record why.</p>",
            ),
        ],
    },
    {
        "number": "M03",
        "slug": "mental-capacity-act-and-dols-essentials",
        "title": "Mental Capacity Act and DoLS Essentials",
        "bundle": "B-MCA2",
        "level": 2,
        "hours": "1.5",
        "mode": "e_learning",
        "refresh": 36,
        "evaluation": False,
        "summary": (
            "An e-learning module on the five principles of the Mental Capacity Act 2005, when "
            "to question whether someone can make a decision, and how to spot a possible "
            "deprivation of liberty."
        ),
        "outcomes": [
            "Apply the five principles of the Mental Capacity Act in daily practice",
            "Recognise when a decision-specific capacity assessment is needed",
            "Recognise a possible deprivation of liberty and who to alert",
            "Explain when an adult is entitled to an advocate",
        ],
        "body": [
            text(
                "<h2>Start from capacity</h2><p>Everyone is assumed to be able to make their "
                "own decisions unless it is shown that they cannot. An unwise choice is not "
                "proof of a lack of capacity, and capacity is about one decision at one time.</p>"
            ),
            activity(
                "Unwise or unable?",
                15,
                "individual",
                "<p>Read the four short scenarios and decide for each whether you would "
                "question capacity, and why.</p>",
                "Your reasons, ready to discuss with your supervisor",
            ),
        ],
    },
    {
        "number": "M04",
        "slug": "prevent-awareness-and-referrals",
        "title": "Prevent Awareness and Referrals",
        "bundle": "B-PREV2",
        "level": 2,
        "hours": "1.25",
        "mode": "e_learning",
        "refresh": 36,
        "evaluation": False,
        "summary": (
            "Radicalisation as a safeguarding concern: noticing when someone may be drawn into "
            "terrorism, checking your concern with others and sharing it through the right "
            "route."
        ),
        "outcomes": [
            "Explain why Prevent is part of safeguarding adults",
            "Apply notice, check, share to a concern about radicalisation",
            "Know how to get advice from your Prevent lead before referring",
        ],
        "body": [
            text(
                "<h2>Notice, check, share</h2><p>Notice a change in what someone says or does; "
                "check your concern with your safeguarding lead; share it through your "
                "organisation's Prevent route. Most referrals lead to support, not to "
                "criminal proceedings.</p>"
            ),
            callout(
                "Urgent risk",
                "<p>If you think an attack may be imminent, call 999.</p>",
                style="warning",
            ),
        ],
    },
]
