"""Every block a trainer can add is documented, has an icon, a template and a preview."""

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import get_template
from django.test import RequestFactory
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cms.blocks import ImageBlock, ModuleStreamBlock

BLOCKS = list(ModuleStreamBlock().child_blocks.items())
EXPECTED = {
    "text",
    "callout",
    "case_study",
    "person_voice",
    "activity",
    "video",
    "document",
    "image",
}


def test_the_module_body_offers_the_blocks_the_issue_asks_for():
    assert {name for name, _block in BLOCKS} == EXPECTED


@pytest.mark.parametrize("name,block", BLOCKS, ids=[n for n, _b in BLOCKS])
def test_block_has_docstring_icon_template_and_preview(name, block):
    assert (type(block).__doc__ or "").strip()
    assert block.meta.icon and block.meta.icon != "placeholder"
    assert block.meta.template.startswith("blocks/")
    get_template(block.meta.template)
    assert block.is_previewable
    assert block.get_preview_value()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,block",
    [(n, b) for n, b in BLOCKS if n not in {"video"}],
    ids=[n for n, _b in BLOCKS if n != "video"],
)
def test_block_preview_renders(name, block):
    request = RequestFactory().get("/")
    html = block.render(block.get_preview_value(), context={"request": request})
    assert html.strip()


@pytest.mark.django_db
def test_image_block_requires_alt_text():
    block = ImageBlock()
    image = Image.objects.create(title="Poster", file=get_test_image_file())
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": ""}))
    with pytest.raises(ValidationError):
        block.clean(
            block.to_python({"image": image.pk, "alt_text": "   ", "caption": ""})
        )
    value = block.clean(
        block.to_python({"image": image.pk, "alt_text": "A poster", "caption": ""})
    )
    assert value["alt_text"] == "A poster"
