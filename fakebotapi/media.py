"""Real small media files (JPEGs) and the fake's file store."""

from __future__ import annotations

import io

from PIL import Image

from fakebotapi.models import StoredFile

MAX_DOWNLOAD = 20 * 1024 * 1024


def make_jpeg(width: int, height: int, seed: int) -> bytes:
    """A real JPEG of the given size with a seed-dependent colour."""
    colour = ((seed * 67) % 256, (seed * 131) % 256, (seed * 29) % 256)
    image = Image.new("RGB", (max(1, width), max(1, height)), colour)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=60)
    return buffer.getvalue()


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of image bytes, or None if Pillow cannot read them."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.size
    except Exception:
        return None


def scaled(width: int, height: int, longest: int) -> tuple[int, int]:
    """Scale (width, height) so the longest side is at most `longest`."""
    biggest = max(width, height, 1)
    if biggest <= longest:
        return width, height
    factor = longest / biggest
    return max(1, round(width * factor)), max(1, round(height * factor))


class FileStore:
    """All files the fake knows, by file_id and by file_path."""

    def __init__(self) -> None:
        """Start empty."""
        self.by_id: dict[str, StoredFile] = {}
        self.by_path: dict[str, StoredFile] = {}
        self.counter = 0

    def add(self, data: bytes, kind: str, extension: str, size: int | None = None) -> StoredFile:
        """Store bytes under a new file_id."""
        self.counter += 1
        n = self.counter
        prefix = {"photos": "AgACAgIAAx", "documents": "BQACAgIAAx"}.get(kind, "CAACAgIAAx")
        stored = StoredFile(
            file_id=f"{prefix}kBfake{n:06d}",
            file_unique_id=f"AQADfake{n:06d}",
            data=data,
            kind=kind,
            extension=extension,
            size=len(data) if size is None else size,
        )
        self.by_id[stored.file_id] = stored
        return stored

    def path_for(self, stored: StoredFile) -> str:
        """Assign (once) and return the download path of a file."""
        if stored.file_path is None:
            number = stored.file_id.rsplit("fake", 1)[-1].lstrip("0") or "0"
            stored.file_path = f"{stored.kind}/file_{number}.{stored.extension}"
            self.by_path[stored.file_path] = stored
        return stored.file_path

    def photo_sizes(self, data: bytes | None, width: int, height: int) -> list[dict[str, object]]:
        """Three PhotoSize dicts (90px, 320px, full); full uses `data` if given."""
        sizes: list[dict[str, object]] = []
        for longest in (90, 320, None):
            if longest is None:
                w, h = width, height
                blob = data if data is not None else make_jpeg(w, h, self.counter + 1)
            else:
                w, h = scaled(width, height, longest)
                blob = make_jpeg(w, h, self.counter + 1)
            stored = self.add(blob, "photos", "jpg")
            sizes.append(
                {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "file_size": stored.size,
                    "width": w,
                    "height": h,
                }
            )
        return sizes
