"""Remove uploaded import files left waiting for a confirm longer than a day (run daily).

Also removes what earlier versions left in MEDIA_ROOT/django-import-export/, where the web
server could serve it: nothing reads those files any more.
"""

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from competencies.imports import pending

LEGACY_FOLDER = "django-import-export"


class Command(BaseCommand):
    help = "Remove uploaded import files never confirmed, a day after their upload."

    def handle(self, *args, **options):
        removed = pending.purge()
        try:
            _folders, legacy = default_storage.listdir(LEGACY_FOLDER)
        except FileNotFoundError:
            legacy = []
        for name in legacy:
            default_storage.delete(f"{LEGACY_FOLDER}/{name}")
        self.stdout.write(
            f"Removed {removed} import file(s) waiting over a day"
            + (
                f" and {len(legacy)} left in media by earlier versions."
                if legacy
                else "."
            )
        )
