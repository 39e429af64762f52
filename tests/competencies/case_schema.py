"""Validate CASE JSON against 1EdTech's CASE 1.1 CFPackage schema (fixtures/README.md)."""

import json
from pathlib import Path

from jsonschema import Draft201909Validator
from referencing import Registry, Resource

SCHEMA = json.loads(
    (Path(__file__).parent / "fixtures" / "case_v1p1_cfpackage.schema.json").read_text(
        encoding="utf-8"
    )
)
_REGISTRY = Registry().with_resource(SCHEMA["$id"], Resource.from_contents(SCHEMA))


def _validator(definition: str | None) -> Draft201909Validator:
    schema = (
        SCHEMA
        if definition is None
        else {"$ref": f"{SCHEMA['$id']}#/$defs/{definition}"}
    )
    return Draft201909Validator(
        schema, registry=_REGISTRY, format_checker=Draft201909Validator.FORMAT_CHECKER
    )


def errors(data, definition: str | None = None) -> list[str]:
    """Every schema error as "path: message" (empty when valid); `definition` None: a package."""
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
        for e in _validator(definition).iter_errors(data)
    ]


def served_errors(data: dict, definition: str) -> list[str]:
    """An object served on its own: its CFDocumentURI is a LinkURI, the rest the package's."""
    rest = {k: v for k, v in data.items() if k != "CFDocumentURI"}
    found = errors(rest, definition)
    if "CFDocumentURI" not in data:
        found.append("CFDocumentURI: missing")
    else:
        found += [
            f"CFDocumentURI/{e}" for e in errors(data["CFDocumentURI"], "LinkURI")
        ]
    return found
