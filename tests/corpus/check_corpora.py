#!/usr/bin/env python3
"""Serve each real-post corpus in ../shared/corpora with the published app and check every page.

Not part of `dotnet test`: a compatibility run for people. For each corpus it prints how many posts
were served and rejected (with the reasons the app logged), and fails if any page answers 5xx or shows
shortcode or Liquid syntax outside code. It then restarts the app, which reads the posts back from its
start-up cache, and fails if any page it fetched differs from the first run's.

    python3 tests/corpus/check_corpora.py [corpus-folder ...]
"""
import html
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_CORPORA = sorted((REPO.parent / "shared" / "corpora").glob("*/"))
PORT = 5087
LEAK = re.compile(r"\{\{|\}\}|\{%|%\}|\[youtube:|\]\(\s*\{")
CODE = re.compile(r"<pre\b.*?</pre>|<code\b.*?</code>", re.S)


def fetch(path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{urllib.parse.quote(path, safe='/?=&%')}", timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def serve(corpus, app, log_path, cache):
    """Starts the app on the corpus, fetches every page, stops it: {path: (status, body)}."""
    env = dict(os.environ, Blog__PostsPath=str(corpus), Blog__PageSize="200", Blog__StartupCachePath=str(cache))
    pages = {}
    with open(log_path, "w") as log:
        server = subprocess.Popen([str(app), "--urls", f"http://127.0.0.1:{PORT}"], stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        for _ in range(100):
            try:
                if fetch("/healthz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        for path in ["/", "/archive", "/feed.xml", "/speakers", "/videos"]:
            pages[path] = fetch(path)
        slugs = sorted(set(re.findall(r'href="/events/([^"]+)"', pages["/archive"][1])))
        for path in [f"/events/{slug}" for slug in slugs] + re.findall(r'href="(/(?:categories|tags)/[^"]+)"', pages["/"][1])[:50]:
            pages[path] = fetch(path)
    finally:
        server.terminate()
        server.wait()
    return pages


def check(corpus, app):
    log_path = Path(f"/tmp/eventsblog-corpus-{corpus.name}.log")
    cache = Path(f"/tmp/eventsblog-corpus-{corpus.name}.startup-cache")
    cache.unlink(missing_ok=True)
    pages = serve(corpus, app, log_path, cache)
    problems = []
    slugs = [path for path in pages if path.startswith("/events/")]
    for path, (status, page) in pages.items():
        if status >= 500 or (path.startswith("/events/") and status != 200):
            problems.append(f"{path}: HTTP {status}")
        elif path.startswith("/events/"):
            body = page[page.find('<article'):page.find('</article>')]
            leaks = LEAK.findall(html.unescape(CODE.sub("", body)))
            if leaks:
                problems.append(f"{path}: template syntax in page: {sorted(set(leaks))}")
    log = log_path.read_text()

    # The restart reads the posts back from the start-up cache: every page must be the same.
    restart_log = log_path.with_suffix(".restart.log")
    restarted = serve(corpus, app, restart_log, cache)
    problems += [f"{path}: differs after a restart from the start-up cache" for path in pages if restarted.get(path) != pages[path]]
    cached = re.search(r"read (\d+) files and (\d+) from the start-up cache", restart_log.read_text())
    cache.unlink(missing_ok=True)

    loaded = re.search(r"Loaded (\d+) posts from .*, rejected (\d+)", log)
    rejections = re.findall(r"^\s+(\S+:\d+: error: .*)$", log, re.M)
    warnings = re.findall(r"^\s+\S+:\d+: warning: (.*)$", log, re.M)
    files = len(list(corpus.rglob("*.md"))) + len(list(corpus.rglob("*.markdown")))
    print(f"== {corpus.name}: {files} files, {loaded.group(1) if loaded else '?'} listed, "
          f"{len(slugs)} pages served, {loaded.group(2) if loaded else '?'} rejected, {len(warnings)} render warnings; "
          f"restart: {cached.group(2) + ' posts from the start-up cache, ' + cached.group(1) + ' files read' if cached else 'no start-up cache'}, "
          f"{len(pages)} pages compared")
    for rejection in rejections:
        print(f"   rejected  {rejection}")
    for problem in problems:
        print(f"   PROBLEM   {problem}")
    return not problems


def main():
    corpora = [Path(p) for p in sys.argv[1:]] or DEFAULT_CORPORA
    out = REPO / "out"
    shutil.rmtree(out, ignore_errors=True)  # no files left from an earlier publish of another kind
    # Published as the Dockerfile publishes it: self-contained, trimmed, composite ReadyToRun.
    subprocess.run(["dotnet", "publish", str(REPO / "src" / "EventsBlog"), "-c", "Release", "--use-current-runtime", "-o", str(out)],
                   check=True, stdout=subprocess.DEVNULL)
    ok = all([check(corpus.resolve(), out / "EventsBlog") for corpus in corpora])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
