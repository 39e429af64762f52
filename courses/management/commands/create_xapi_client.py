"""manage.py create_xapi_client NAME: a new xAPI client; prints its key and secret once."""

from django.core.management.base import BaseCommand, CommandError

from courses.models import XapiClient
from courses.services.xapi import xapi_client_create


class Command(BaseCommand):
    help = (
        "Create an xAPI client (an e-learning platform sending statements to "
        "/xapi/statements) and print its key and secret. The secret is not kept: copy it now."
    )

    def add_arguments(self, parser):
        parser.add_argument("name")

    def handle(self, *args, name, **options):
        if not name.strip():
            raise CommandError("Give the client a name.")
        if XapiClient.objects.filter(name=name.strip()).exists():
            raise CommandError(f"An xAPI client is already named {name.strip()!r}.")
        client, secret = xapi_client_create(name=name)
        self.stdout.write(f"Key:    {client.key}")
        self.stdout.write(f"Secret: {secret}")
        self.stdout.write(
            self.style.SUCCESS(
                "Give the platform these with the endpoint …/xapi/ (HTTP Basic). The secret "
                "is shown only now."
            )
        )
