"""Write DIST/sw.js, the service worker that keeps the playground working
offline: static/sw.js with the list of every file in DIST and a version,
the hash of their contents (so a new build replaces the old cache)."""
import hashlib
import json
import pathlib
import sys


def main() -> None:
    dist = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "dist")
    template = pathlib.Path(__file__).resolve().parent.parent / "static" / "sw.js"
    files = sorted(
        p.relative_to(dist).as_posix()
        for p in dist.rglob("*")
        if p.is_file() and p.name != "sw.js" and not p.name.endswith((".gz", ".br"))
    )
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update((dist / name).read_bytes())
    text = (
        template.read_text(encoding="utf-8")
        .replace("'__VERSION__'", json.dumps(digest.hexdigest()[:16]))
        .replace("__FILES__", json.dumps(files))
    )
    (dist / "sw.js").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
