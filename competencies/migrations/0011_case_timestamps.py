"""CASE 1.1: lastChangeDateTime for the framework, its domains, competencies and crosswalk, and a
stable sourcedId for each crosswalk entry (served as an exactMatchOf / isRelatedTo CFAssociation).

Existing rows get the migration's time as updated_at; crosswalk identifiers are added nullable,
filled row by row (a fresh UUID each), then made unique and required.
"""

import uuid

import django.utils.timezone
from django.db import migrations, models


def fill(apps, schema_editor):
    model = apps.get_model("competencies", "CompetencyEquivalence")
    for pk in model.objects.filter(sourced_id__isnull=True).values_list(
        "pk", flat=True
    ):
        model.objects.filter(pk=pk).update(sourced_id=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("competencies", "0010_compliance_snapshots")]

    operations = [
        *[
            migrations.AddField(
                model_name=name,
                name="updated_at",
                field=models.DateTimeField(
                    auto_now=True,
                    default=django.utils.timezone.now,
                    verbose_name="updated at",
                ),
                preserve_default=False,
            )
            for name in ("framework", "domain", "competency", "competencyequivalence")
        ],
        migrations.AddField(
            model_name="competencyequivalence",
            name="sourced_id",
            field=models.UUIDField(
                editable=False, null=True, verbose_name="identifier"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="competencyequivalence",
            name="sourced_id",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                unique=True,
                verbose_name="identifier",
            ),
        ),
    ]
