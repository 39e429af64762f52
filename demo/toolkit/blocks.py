"""StreamField helpers: the block values of the demo module and resource page bodies."""


def text(html):
    return ("text", html)


def callout(heading, html, style="key"):
    return ("callout", {"style": style, "heading": heading, "text": html})


def case(title, scenario, questions, notes=""):
    return (
        "case_study",
        {
            "title": title,
            "scenario": scenario,
            "questions": questions,
            "facilitator_notes": notes,
        },
    )


def voice(quote, attribution, context="Fictional, drawn from common themes in reviews"):
    return (
        "person_voice",
        {"quote": quote, "attribution": attribution, "context": context},
    )


def activity(title, minutes, grouping, instructions, outcome=""):
    return (
        "activity",
        {
            "title": title,
            "minutes": minutes,
            "grouping": grouping,
            "instructions": instructions,
            "outcome": outcome,
        },
    )
