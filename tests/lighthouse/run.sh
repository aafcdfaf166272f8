#!/usr/bin/env bash
# Lighthouse (npm lighthouse 12.8.2, Debian's Chromium) against the published app: performance,
# accessibility, best practices and SEO of the home page and an event page. Not part of dotnet test.
#
#   bash tests/lighthouse/run.sh            # prints the scores, fails if any is below 0.95
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
port=5093
out="$(mktemp -d)"

(cd "$here" && npm install --no-audit --no-fund --silent)
dotnet publish "$repo/src/EventsBlog" -c Release -o "$repo/out" >/dev/null
dotnet "$repo/out/EventsBlog.dll" --urls "http://127.0.0.1:$port" >"$out/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; rm -rf "$out"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

export CHROME_PATH=/usr/bin/chromium
flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
status=0
for path in / /events/open-source-summit-online; do
    name="$(echo "$path" | tr '/' '_')"
    "$here/node_modules/.bin/lighthouse" "http://127.0.0.1:$port$path" --quiet --chrome-flags="$flags" \
        --only-categories=performance,accessibility,best-practices,seo --output=json --output-path="$out/$name.json" >/dev/null 2>"$out/$name.err" || true
    python3 - "$out/$name.json" "$path" <<'PY' || status=1
import json, sys
report = json.load(open(sys.argv[1]))
scores = {key: category["score"] for key, category in report["categories"].items()}
print(sys.argv[2], " ".join(f"{key}={score:.2f}" if score is not None else f"{key}=n/a" for key, score in scores.items()))
for key, category in report["categories"].items():
    if category["score"] is None:
        errors = [a["id"] + ": " + str(a.get("errorMessage")) for a in report["audits"].values() if a.get("scoreDisplayMode") == "error"]
        print(f"  {key} could not be scored: {errors[:3]}")
sys.exit(0 if all(score is not None and score >= 0.95 for score in scores.values()) else 1)
PY
done
exit $status
