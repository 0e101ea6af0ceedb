"""`copbot demo` end to end: one command, no token, no network, a transcript and charts."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent


def test_demo_plays_a_whole_cop_and_writes_transcript_and_charts(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_API_URL", "DATABASE_URL"):
        env.pop(name, None)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "bot", "demo"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr[-3000:]
    assert elapsed < 60

    out = tmp_path / "demo-output"
    transcript = (out / "transcript.txt").read_text(encoding="utf-8")
    assert transcript.strip() in done.stdout
    for step in (
        "Check stats",
        "Reflection: insights",
        "Sharing positives",
        "Improvements",
        "Next steps: the action plan",
        "CoP complete",
    ):
        assert step in transcript
    assert "Imported 40 observations" in transcript
    assert "Laxmi Lead pressed [ Next ▶ ]" in transcript
    summary = transcript[transcript.index("✅ CoP complete") :]
    plan = summary[summary.index("Action plan") :]
    assert "Ask three open questions per lesson" in plan
    assert "Visit one colleague's class before next CoP" in plan
    assert "[photo: photo.jpg / our chart paper from grade 5]" in transcript
    charts = sorted(out.glob("chart-*.png"))
    assert charts
    assert any(0 < chart.stat().st_size < 40_000 for chart in charts)
    for chart in charts:
        assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
        assert f"[photo: {chart.name}" in transcript
