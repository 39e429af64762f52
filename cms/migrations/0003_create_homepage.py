"""Replace Wagtail's placeholder root child with the partnership's home page, served at `/`."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("cms.HomePage")

    if HomePage.objects.exists():
        return
    # Wagtail's own migration creates a plain "Welcome to your new Wagtail site!" page at
    # path 00010001; it has no content of ours, so it goes.
    Page.objects.filter(
        depth=2, content_type__model="page", content_type__app_label="wagtailcore"
    ).delete()

    content_type, _ = ContentType.objects.get_or_create(
        model="homepage", app_label="cms"
    )
    locale = Locale.objects.order_by("pk").first()
    root = Page.objects.get(depth=1)
    # Treebeard's API is not available in migrations: compute the child path by hand.
    last = Page.objects.filter(depth=2).order_by("-path").first()
    next_number = int(last.path[4:8], 36) + 1 if last else 1
    path = root.path + _base36(next_number).rjust(4, "0")
    home = HomePage.objects.create(
        title="Safeguarding adults: training together",
        draft_title="Safeguarding adults: training together",
        slug="home",
        content_type=content_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(
        hostname="localhost",
        root_page=home,
        is_default_site=True,
        site_name="West Midlands Safeguarding Adults Partnership",
    )


def _base36(number: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while number:
        number, rem = divmod(number, 36)
        out = digits[rem] + out
    return out or "0"


def remove_homepage(apps, schema_editor):
    apps.get_model("cms.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_initial"),
        ("wagtailcore", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    run_before = []

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
