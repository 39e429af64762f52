"""Section 5: certificate rendering (one, and a 30-person batch) against a minimal WeasyPrint
document. PLACEHOLDER: the certificates feature (courses.certificates) is being built in main;
until it lands this section reports "not available". Whoever lands it fills in measure().

  python -m bench.certificates
Prints one JSON line: {"available": false, "reason": ...} or the measured figures.
"""

import json

from bench.common import django_setup


def measure() -> dict:
    """TODO(certificates): time one certificate (median of ~10 warm renders) and a batch of 30,
    against WeasyPrint rendering a minimal one-line HTML document in the same process, and
    return {"available": True, "one_seconds": ..., "batch30_seconds": ...,
    "minimal_seconds": ...}. Target (issue 9): one certificate under 300 ms median."""
    raise NotImplementedError


def main():
    django_setup()
    try:
        import courses.certificates  # noqa: F401
    except ImportError as exc:
        print(json.dumps({"available": False, "reason": f"not available ({exc})"}))
        return
    try:
        print(json.dumps(measure()))
    except NotImplementedError:
        print(
            json.dumps(
                {
                    "available": False,
                    "reason": "not available (courses.certificates exists; "
                    "bench/certificates.py measure() not written yet)",
                }
            )
        )


if __name__ == "__main__":
    main()
