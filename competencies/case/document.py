"""The CASE package's file and CFDocument: reading the JSON, and checking the document and its
levels (our extension), with errors by JSON path."""

import json
import uuid
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _

from competencies.case import vocabulary as v
from competencies.imports.base import ImportResult, RowError
from competencies.imports.files import ImportFileError, check_size
from competencies.models import LEVEL_NUMBERS, Framework, Level


def looks_like_case(content: bytes) -> bool:
    """Content sniffing: a JSON object (after any byte-order mark and white space)."""
    return content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def read_json(content: bytes) -> dict:
    """The file as a JSON object, or an ImportFileError saying why not."""
    if not content:
        raise ImportFileError(_("The file is empty."))
    check_size(len(content))
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFileError(_("The JSON file is not UTF-8 text.")) from None
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            _("The file is not valid JSON (line %(line)s, column %(col)s): %(msg)s")
            % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg}
        ) from None
    except (ValueError, RecursionError):
        raise ImportFileError(_("The JSON file could not be read.")) from None
    if not isinstance(data, dict) or not isinstance(data.get("CFDocument"), dict):
        raise ImportFileError(
            _("The JSON file is not a CASE package: it has no CFDocument object.")
        )
    return data


class Errors:
    def __init__(self, result: ImportResult):
        self.result = result

    def add(self, path: str, message: str):
        self.result.errors.append(RowError(None, path, message))


def text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def to_uuid(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        return None


def extension(obj: dict, key: str):
    """Our extension `key` of a CASE object, or None (`extensions` may be anything)."""
    extensions = obj.get("extensions")
    return extensions.get(key) if isinstance(extensions, dict) else None


def entries(data: dict, key: str, errors: Errors) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        errors.add(f"$.{key}", _("This must be a list."))
        return []
    if len(value) > settings.IMPORT_MAX_ROWS:
        errors.add(
            f"$.{key}",
            _("An import takes at most %(max)s entries here.")
            % {"max": f"{settings.IMPORT_MAX_ROWS:,}"},
        )
        return []
    return value


def levels_check(document: dict, errors: Errors) -> list[Level]:
    raw = extension(document, v.EXT_LEVELS) or []
    levels, seen = [], set()
    if not isinstance(raw, list):
        errors.add(f"$.CFDocument.extensions.{v.EXT_LEVELS}", _("This must be a list."))
        return []
    for n, entry in enumerate(raw):
        path = f"$.CFDocument.extensions.{v.EXT_LEVELS}[{n}]"
        entry = entry if isinstance(entry, dict) else {}
        number = entry.get("number")
        if not isinstance(number, int) or number not in LEVEL_NUMBERS or number in seen:
            errors.add(f"{path}.number", _("A level number from 1 to 5, once each."))
            continue
        seen.add(number)
        try:
            hours = Decimal(str(entry.get("minimumHours", "0")))
            if not hours.is_finite() or hours < 0 or hours >= 1000:
                raise InvalidOperation
        except InvalidOperation:
            errors.add(f"{path}.minimumHours", _("A number of hours (0 to 999)."))
            hours = Decimal(0)
        months = entry.get("refreshMonths", 36)
        if not isinstance(months, int) or not 1 <= months <= 600:
            errors.add(f"{path}.refreshMonths", _("A whole number from 1 to 600."))
            months = 36
        name = text(entry.get("name"))
        if not name or len(name) > 100:
            errors.add(f"{path}.name", _("A name of at most 100 characters."))
        levels.append(
            Level(
                number=number,
                name=name[:100],
                description=text(entry.get("description")),
                minimum_hours=hours,
                refresh_months=months,
                sort_order=len(levels),
            )
        )
    return levels


def document_check(
    document: dict, errors: Errors, *, name: str, version: str
) -> Framework:
    identifier = to_uuid(document.get("identifier"))
    if identifier is None:
        errors.add("$.CFDocument.identifier", _("The identifier must be a UUID."))
    elif Framework.objects.filter(sourced_id=identifier).exists():
        errors.add(
            "$.CFDocument.identifier",
            _("A framework with this identifier is already held (%(framework)s).")
            % {"framework": Framework.objects.get(sourced_id=identifier)},
        )
    fw_name = name or text(document.get("title"))
    fw_version = version or text(document.get("version"))
    if not fw_name or len(fw_name) > 200:
        errors.add("$.CFDocument.title", _("A title of at most 200 characters."))
    if not fw_version or len(fw_version) > 20:
        errors.add(
            "$.CFDocument.version",
            _("A version of at most 20 characters (or give one for the import)."),
        )
    if (
        fw_name
        and fw_version
        and Framework.objects.filter(name=fw_name, version=fw_version).exists()
    ):
        errors.add(
            "$.CFDocument.version",
            _(
                "A framework “%(name)s” version %(version)s already exists; import it under a "
                "new version."
            )
            % {"name": fw_name, "version": fw_version},
        )
    framework = Framework(
        name=fw_name[:200],
        version=fw_version[:20],
        description=text(document.get("description")),
    )
    if identifier is not None:
        framework.sourced_id = identifier
    return framework
