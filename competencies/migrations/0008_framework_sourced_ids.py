"""Stable identifiers for the framework, its domains and competencies (CASE, Open Badges).

Added nullable, filled row by row (a fresh UUID each), then made unique and required.
"""

import uuid

from django.db import migrations, models


def fill(apps, schema_editor):
    for name in ("Framework", "Domain", "Competency"):
        model = apps.get_model("competencies", name)
        for pk in model.objects.filter(sourced_id__isnull=True).values_list(
            "pk", flat=True
        ):
            model.objects.filter(pk=pk).update(sourced_id=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("competencies", "0007_link_requests")]

    operations = [
        *[
            migrations.AddField(
                model_name=name,
                name="sourced_id",
                field=models.UUIDField(
                    editable=False, null=True, verbose_name="identifier"
                ),
            )
            for name in ("framework", "domain", "competency")
        ],
        migrations.RunPython(fill, migrations.RunPython.noop),
        *[
            migrations.AlterField(
                model_name=name,
                name="sourced_id",
                field=models.UUIDField(
                    default=uuid.uuid4,
                    editable=False,
                    unique=True,
                    verbose_name="identifier",
                ),
            )
            for name in ("framework", "domain", "competency")
        ],
    ]
