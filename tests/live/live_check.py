#!/usr/bin/env python3
"""Live-authoring measurements against the published app (not part of `dotnet test`).

    python3 tests/live/live_check.py latency [--posts 10000] [--runs 15]
        Generates a corpus with ../shared/bench/gen_posts.py, starts the app on it (file-system events),
        then repeatedly writes a new post and measures the time until its page answers 200; also
        edits and deletions. Prints medians and the app's own reload times.

    python3 tests/live/live_check.py search [--posts 10000] [--queries 300]
        Starts the app on a generated corpus, waits for the search index, then times /search requests
        (whole HTTP round trips, one at a time) for words of the corpus; prints p50, p95 and p99.

    python3 tests/live/live_check.py soak [--posts 1000] [--seconds 30] [--workers 8]
        Starts the app on a generated corpus, runs concurrent GET requests for the given time while a
        writer adds, edits and deletes 1,000 posts, and fails on any 5xx or request error.

Everything runs on 127.0.0.1 only, bounded in time and request count.
"""
import argparse
import http.client
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GENERATOR = REPO.parent / "shared" / "bench" / "gen_posts.py"
PORT = 5091


def publish():
    out = REPO / "out"
    subprocess.run(["dotnet", "publish", str(REPO / "src" / "EventsBlog"), "-c", "Release", "-o", str(out)], check=True, stdout=subprocess.DEVNULL)
    return out / "EventsBlog.dll"


def start_app(app, posts, log_path, extra_env=None):
    env = dict(os.environ, Blog__PostsPath=str(posts), Logging__LogLevel__Default="Information", **(extra_env or {}))
    log = open(log_path, "w")
    server = subprocess.Popen(["dotnet", str(app), "--urls", f"http://127.0.0.1:{PORT}"], stdout=log, stderr=subprocess.STDOUT, env=env)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if get("/healthz")[0] == 200:
                return server
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise SystemExit(f"the app did not start; see {log_path}")


def get(path, connection=None):
    own = connection is None
    connection = connection or http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        if own:
            connection.close()


def post_text(title, body="Some words about the event."):
    return f'---\ntitle: "{title}"\ndate: "2024-05-01"\ncategory: events\n---\n\n{body}\n\n## Talk - Ann Example\n\nMore.\n'


def wait_for(path, expect_status, expect_text=None, timeout=10.0):
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    while time.perf_counter() - start < timeout:
        status, body = get(path, connection)
        if status == expect_status and (expect_text is None or expect_text.encode() in body):
            connection.close()
            return time.perf_counter() - start
        time.sleep(0.002)
    connection.close()
    raise SystemExit(f"{path} did not reach {expect_status} within {timeout} s")


def latency(args):
    app = publish()
    work = Path(tempfile.mkdtemp(prefix="eventsblog-latency-"))
    posts = work / "posts"
    subprocess.run([sys.executable, str(GENERATOR), str(args.posts), str(posts)], check=True, stdout=subprocess.DEVNULL)
    log_path = work / "app.log"
    server = start_app(app, posts, log_path)
    try:
        get("/")
        results = {"add": [], "edit": [], "delete": []}
        for run in range(args.runs):
            path = posts / f"zz-latency-{run}.md"
            path.write_text(post_text(f"Latency {run}", "first"))
            results["add"].append(wait_for(f"/events/zz-latency-{run}", 200, "first"))
            time.sleep(0.3)
            path.write_text(post_text(f"Latency {run}", "second"))
            results["edit"].append(wait_for(f"/events/zz-latency-{run}", 200, "second"))
            time.sleep(0.3)
            path.unlink()
            results["delete"].append(wait_for(f"/events/zz-latency-{run}", 404))
            time.sleep(0.3)
    finally:
        server.terminate()
        server.wait()
    reloads = [int(m) for m in re.findall(r"read \d+ files, in (\d+) ms \((?:change|rescan)\)", log_path.read_text())]
    startup = re.search(r"Loaded (\d+) posts .* in (\d+) ms \(load\)", log_path.read_text())
    print(f"posts: {args.posts}; startup load: {startup.group(2) if startup else '?'} ms")
    for kind, values in results.items():
        ms = sorted(v * 1000 for v in values)
        print(f"{kind:>6}: median {statistics.median(ms):.0f} ms, min {ms[0]:.0f} ms, max {ms[-1]:.0f} ms over {len(ms)} runs (file written -> page answers)")
    if reloads:
        print(f"reload (scan + parse changed + rebuild + swap): median {statistics.median(reloads)} ms, max {max(reloads)} ms over {len(reloads)} reloads")
    shutil.rmtree(work, ignore_errors=True)


def soak(args):
    app = publish()
    work = Path(tempfile.mkdtemp(prefix="eventsblog-soak-"))
    posts = work / "posts"
    subprocess.run([sys.executable, str(GENERATOR), str(args.posts), str(posts)], check=True, stdout=subprocess.DEVNULL)
    slugs = [re.sub(r"^\d{4}-\d{2}-\d{2}-", "", p.stem) for p in posts.glob("*.md")]
    server = start_app(app, posts, work / "app.log")
    stop = time.time() + args.seconds
    counts = {}
    errors = []
    lock = threading.Lock()

    def reader(seed):
        rng = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
        while time.time() < stop:
            path = rng.choice(["/", "/archive", "/?page=2", "/categories/events"] + [f"/events/{rng.choice(slugs)}"] * 4 + [f"/events/soak-{rng.randrange(1000)}"] * 2)
            try:
                status, _ = get(path, connection)
                key = f"{status // 100}xx" if status != 404 else "404"
            except (OSError, http.client.HTTPException) as error:
                key = "error"
                with lock:
                    errors.append(f"{path}: {error!r}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
            with lock:
                counts[key] = counts.get(key, 0) + 1
        connection.close()

    def writer():
        rng = random.Random(7)
        changes = {"add": 0, "edit": 0, "delete": 0}
        live = []
        step = 0
        while time.time() < stop and sum(changes.values()) < 3000:
            step += 1
            if len(live) < 1000 and (not live or rng.random() < 0.5):
                n = step
                (posts / f"soak-{n % 1000}.md").write_text(post_text(f"Soak {n}"))
                live.append(n % 1000)
                changes["add"] += 1
            elif rng.random() < 0.6:
                n = rng.choice(live)
                (posts / f"soak-{n}.md").write_text(post_text(f"Soak {n} edited", "edited body"))
                changes["edit"] += 1
            else:
                n = live.pop(rng.randrange(len(live)))
                (posts / f"soak-{n}.md").unlink(missing_ok=True)
                changes["delete"] += 1
            time.sleep(args.seconds / 3000)
        return changes

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(args.workers)]
    for thread in threads:
        thread.start()
    changes = writer()
    for thread in threads:
        thread.join()
    server.terminate()
    server.wait()
    total = sum(counts.values())
    print(f"{args.seconds} s, {args.workers} readers, {args.posts} posts: {total} requests {dict(sorted(counts.items()))}; "
          f"file changes {changes}")
    for error in errors[:10]:
        print("   error", error)
    shutil.rmtree(work, ignore_errors=True)
    bad = counts.get("5xx", 0) + counts.get("error", 0)
    sys.exit(1 if bad else 0)


def search(args):
    app = publish()
    work = Path(tempfile.mkdtemp(prefix="eventsblog-search-"))
    posts = work / "posts"
    subprocess.run([sys.executable, str(GENERATOR), str(args.posts), str(posts)], check=True, stdout=subprocess.DEVNULL)
    server = start_app(app, posts, work / "app.log")
    try:
        started = time.perf_counter()
        while b"still being built" in get("/search?q=community")[1]:
            time.sleep(0.1)
        print(f"search index ready {time.perf_counter() - started:.1f} s after the site answered")
        words = ["kubernetes", "observability", "community meetup", "azure functions", "Novak", "security identity",
                 "blazor", "caching redis", "keynote", "pizza networking", "Svoboda Jana", "grpc", "nothingmatches"]
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
        for word in words:
            get("/search?q=" + word.replace(" ", "+"), connection)  # warm-up
        times = []
        for i in range(args.queries):
            word = words[i % len(words)]
            begin = time.perf_counter()
            status, _ = get("/search?q=" + word.replace(" ", "+"), connection)
            times.append((time.perf_counter() - begin) * 1000)
            assert status == 200, status
        times.sort()
        pick = lambda q: times[min(len(times) - 1, int(len(times) * q))]
        print(f"/search over {args.posts} posts, {len(times)} queries: p50 {pick(0.5):.2f} ms, p95 {pick(0.95):.2f} ms, p99 {pick(0.99):.2f} ms (HTTP round trip)")
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="mode", required=True)
    lat = sub.add_parser("latency")
    lat.add_argument("--posts", type=int, default=10000)
    lat.add_argument("--runs", type=int, default=15)
    soak_parser = sub.add_parser("soak")
    soak_parser.add_argument("--posts", type=int, default=1000)
    soak_parser.add_argument("--seconds", type=int, default=30)
    soak_parser.add_argument("--workers", type=int, default=8)
    search_parser = sub.add_parser("search")
    search_parser.add_argument("--posts", type=int, default=10000)
    search_parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    {"latency": latency, "soak": soak, "search": search}[args.mode](args)


if __name__ == "__main__":
    main()
