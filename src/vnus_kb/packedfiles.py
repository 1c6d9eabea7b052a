"""For the MkDocs adapter: the generated files it hands MkDocs, their content held compressed until
MkDocs reads or writes it."""

from __future__ import annotations

import os
from typing import Any, cast

from mkdocs.structure.files import File

from .site.markup.page import Page, pack, unpack


class PackedFile(File):
    """A generated file whose content is held zlib-compressed until MkDocs reads or writes it (a
    large site's downloads and pages are made all at once, before MkDocs reads the first)."""

    _packed: bytes | None = None
    _page: Page | None = None  # a page whose bytes are asked for when first needed (pages.PendingPage)
    once = False  # a one-shot build: let go of the content once written

    @classmethod
    def holding(cls, config: Any, path: str, content: bytes | Page) -> PackedFile:
        """The file of ``content``: packed bytes, or a Page (whose bytes a worker may still be making)."""
        f = cast(PackedFile, cls.generated(config, path, content=b""))
        if isinstance(content, Page):
            f._packed, f._page = None, content
        else:
            f.packed = content
        return f

    @property
    def packed(self) -> bytes | None:
        if self._page is not None:
            self._packed, self._page = self._page.packed, None
        return self._packed

    @packed.setter
    def packed(self, value: bytes | None) -> None:
        self._packed, self._page = value, None

    @property
    def content_bytes(self) -> bytes:
        if self.packed is None:
            raise RuntimeError(f"vnus-kb: {self.src_uri} was read already, and released")
        return unpack(self.packed)

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self.packed = pack(value)

    @property
    def content_string(self) -> str:
        return self.content_bytes.decode("utf-8-sig")

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.content_bytes = value.encode("utf-8")

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
        with open(self.abs_dest_path, "wb") as out:
            out.write(self.content_bytes)
        if self.once:
            self.release()

    def release(self) -> None:
        """Drop the content once MkDocs has used it (a one-shot build reads each file once);
        reading it again fails rather than finding an empty file."""
        self.packed = None


class GeneratedPage(PackedFile):
    """A generated page that tells a dirty build whether it changed since the last build (MkDocs
    counts every in-memory file as modified)."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)
