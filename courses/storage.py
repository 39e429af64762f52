"""Storage for files only a view that checks access may hand out (stored board papers)."""

from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """A folder outside MEDIA_ROOT (settings refuses one inside a served folder); its files
    have no address, so nothing can link to one by mistake."""

    def url(self, name):
        raise ValueError(
            "Private files have no URL: a view checks who asks, then serves them."
        )
