#!/usr/bin/env python3
"""Serve each real-post corpus in ../shared/corpora with the published app and check every page.

Not part of `dotnet test`: a compatibility run for people. For each corpus it prints how many posts
were served and rejected (with the reasons the app logged), and fails if any page answers 5xx or shows
shortcode or Liquid syntax outside code.

    python3 tests/corpus/check_corpora.py [corpus-folder ...]
"""
import html
import os
import re
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


def check(corpus, app):
    log_path = Path(f"/tmp/eventsblog-corpus-{corpus.name}.log")
    env = dict(os.environ, Blog__PostsPath=str(corpus), Blog__PageSize="200")
    with open(log_path, "w") as log:
        server = subprocess.Popen(["dotnet", str(app), "--urls", f"http://127.0.0.1:{PORT}"], stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        for _ in range(100):
            try:
                if fetch("/healthz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        status, archive = fetch("/archive")
        slugs = sorted(set(re.findall(r'href="/events/([^"]+)"', archive)))
        problems = []
        for slug in slugs:
            status, page = fetch(f"/events/{slug}")
            if status != 200:
                problems.append(f"/events/{slug}: HTTP {status}")
                continue
            body = page[page.find('<article'):page.find('</article>')]
            leaks = LEAK.findall(html.unescape(CODE.sub("", body)))
            if leaks:
                problems.append(f"/events/{slug}: template syntax in page: {sorted(set(leaks))}")
        for path in ["/", "/archive"] + [m for m in re.findall(r'href="(/(?:categories|tags)/[^"]+)"', fetch("/")[1])][:50]:
            status, _ = fetch(path)
            if status >= 500:
                problems.append(f"{path}: HTTP {status}")
    finally:
        server.terminate()
        server.wait()
    log = log_path.read_text()
    loaded = re.search(r"Loaded (\d+) posts from .*, rejected (\d+)", log)
    rejections = re.findall(r"^\s+(\S+:\d+: error: .*)$", log, re.M)
    warnings = re.findall(r"^\s+\S+:\d+: warning: (.*)$", log, re.M)
    files = len(list(corpus.rglob("*.md"))) + len(list(corpus.rglob("*.markdown")))
    print(f"== {corpus.name}: {files} files, {loaded.group(1) if loaded else '?'} listed, "
          f"{len(slugs)} pages served, {loaded.group(2) if loaded else '?'} rejected, {len(warnings)} render warnings")
    for rejection in rejections:
        print(f"   rejected  {rejection}")
    for problem in problems:
        print(f"   PROBLEM   {problem}")
    return not problems


def main():
    corpora = [Path(p) for p in sys.argv[1:]] or DEFAULT_CORPORA
    out = REPO / "out"
    subprocess.run(["dotnet", "publish", str(REPO / "src" / "EventsBlog"), "-c", "Release", "-o", str(out)], check=True, stdout=subprocess.DEVNULL)
    ok = all([check(corpus.resolve(), out / "EventsBlog.dll") for corpus in corpora])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
