#!/usr/bin/env bash
# Load harness (not part of dotnet test; 127.0.0.1 only, every run bounded). In one run, alternating:
#   (a) a cached event page of the published app over 10,000 generated posts,
#   (b) a minimal Kestrel app (EventsBlog.Benchmarks serve-bytes) serving the very same bytes from memory,
#   (b') the same app adding the app's other response headers (security headers, ETag, caching),
#   (c) nginx from Debian serving the page Hugo (Debian's hugo) builds from the same post;
# requests/s and p99 with Debian's wrk, medians of ROUNDS runs, and the ratios. Also: cold start (process
# start to the first 200 on an event page), resident memory after 1,000 distinct pages, and the time from
# writing a new post to its page answering 200. Cold starts are measured two ways, median of STARTS each:
# first starts, which read every post file, and restarts, which read the posts back from the start-up cache
# that a first run saved. COLD_100K=1 adds both at 100,000 posts (median of 3 each).
#
#   bash tests/EventsBlog.Benchmarks/load.sh          # ROUNDS=3 DURATION=10s CONNECTIONS=64 THREADS=2 REQUEST_LOGS=0 STARTS=5
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
generator="$repo/../shared/bench/gen_posts.py"
rounds="${ROUNDS:-3}" duration="${DURATION:-10s}" connections="${CONNECTIONS:-64}" threads="${THREADS:-2}" starts="${STARTS:-5}"
work="$(mktemp -d /tmp/eventsblog-load-XXXX)"
chmod 755 "$work" # nginx workers run as www-data and must read the Hugo site
pids=()
cleanup() {
    for pid in "${pids[@]}" $(cat "$work/restart.pid" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

for tool in wrk nginx hugo; do
    command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light hugo >/dev/null; break; }
done

now() { date +%s.%N; }
elapsed_ms() { python3 -c "print(round(($2 - $1) * 1000))"; }
wait_200() { # wait_200 URL [timeout seconds]
    local deadline=$(( $(date +%s) + ${2:-120} ))
    until curl -fs -o /dev/null "$1"; do
        [ "$(date +%s)" -lt "$deadline" ] || { echo "timed out waiting for $1" >&2; return 1; }
        sleep 0.01
    done
}
wait_idle() { # wait_idle PID: until the process uses less than a tenth of a core over a second (at most 60 s)
    local ticks; ticks="$(getconf CLK_TCK)"
    for _ in $(seq 60); do
        local before after
        before="$(awk '{print $14 + $15}' "/proc/$1/stat")"; sleep 1; after="$(awk '{print $14 + $15}' "/proc/$1/stat")"
        [ $(( (after - before) * 10 )) -lt "$ticks" ] && return 0
    done
}
slug_of() { basename "$1" .md | sed -E 's/^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}-//'; }

echo "# generating 10,000 posts, publishing Release builds" >&2
python3 "$generator" 10000 "$work/posts" >/dev/null
dotnet publish "$repo/src/EventsBlog" -c Release --use-current-runtime -o "$work/app" >/dev/null # as the Dockerfile: self-contained, composite ReadyToRun
dotnet publish "$repo/tests/EventsBlog.Benchmarks" -c Release -o "$work/bench" >/dev/null
first_post="$(ls "$work/posts" | sort | sed -n 1p)"
slug="$(slug_of "$first_post" | tr -s '-')"

# The app runs as the image runs it, with the runtime settings (DOTNET_*) of the Dockerfile's final stage;
# so do the minimal Kestrel apps, so that the ratios compare servers, not settings.
mapfile -t image_env < <(awk '/^FROM /{stage=""} !/^[[:space:]]*#/{stage=stage $0 "\n"} END{printf "%s", stage}' "$repo/src/EventsBlog/Dockerfile" |
    grep -oE 'DOTNET_[A-Za-z0-9_]+=[^ \\"]+')
echo "# runtime settings from the Dockerfile: ${image_env[*]:-none}" >&2

# What is left of the build (compiler servers, files not yet written back) must not run during the timings.
dotnet build-server shutdown >/dev/null 2>&1 || true
sync

# Cold start: process start to the first 200 on an event page.
restart_ms() { # restart_ms POSTS CACHE PORT SLUG: ms to the first 200 of a new process, which is then stopped
    local begin pid ok=0
    begin="$(now)"
    env Blog__PostsPath="$1" Blog__StartupCachePath="$2" Logging__LogLevel__Default=Warning "${image_env[@]}" "$work/app/EventsBlog" --urls "http://127.0.0.1:$3" >>"$work/restarts.log" 2>&1 &
    pid=$!
    echo "$pid" >"$work/restart.pid" # for cleanup: this runs in a subshell, whose pids the trap does not see
    wait_200 "http://127.0.0.1:$3/events/$4" 300 && ok=1
    ((ok)) && elapsed_ms "$begin" "$(now)"
    kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
    ((ok)) # $(...) ignores set -e: the caller checks this status
}
first_start_ms() { # first_start_ms POSTS PORT SLUG: as restart_ms, with no start-up cache yet: every file is read
    rm -f "$work/first-start.bin"
    restart_ms "$1" "$work/first-start.bin" "$2" "$3"
}
cold_times=()
for i in $(seq "$starts"); do cold_times+=("$(first_start_ms "$work/posts" 5105 "$slug")") || exit 1; done

# The app measured below: a first start too, which saves the start-up cache the restarts read.
# Request logs are off by default here, as nginx's access_log is below; REQUEST_LOGS=1 measures with them.
request_logs=()
[ "${REQUEST_LOGS:-0}" = 0 ] && request_logs=("Logging__LogLevel__Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware=Warning")
env "${image_env[@]}" Blog__PostsPath="$work/posts" Blog__StartupCachePath="$work/startup-10k.bin" Logging__LogLevel__Default=Warning "${request_logs[@]}" \
    "$work/app/EventsBlog" --urls http://127.0.0.1:5100 >"$work/app.log" 2>&1 &
pids+=($!) app_pid=$!
wait_200 "http://127.0.0.1:5100/events/$slug"
wait_idle "$app_pid" # the search index is built in the background after start

curl -s -D "$work/headers" -o "$work/page.html" "http://127.0.0.1:5100/events/$slug"
content_type="$(grep -i '^content-type:' "$work/headers" | cut -d' ' -f2- | tr -d '\r')"
env "${image_env[@]}" dotnet "$work/bench/EventsBlog.Benchmarks.dll" serve-bytes "$work/page.html" "$content_type" 5101 >/dev/null 2>&1 &
pids+=($!)
# (b') the same, plus the app's other response headers (security headers, ETag, caching): what headers cost.
grep -viE '^(HTTP/|content-length:|content-type:|date:)' "$work/headers" | tr -d '\r' | grep ':' >"$work/extra-headers"
env "${image_env[@]}" dotnet "$work/bench/EventsBlog.Benchmarks.dll" serve-bytes "$work/page.html" "$content_type" 5104 "$work/extra-headers" >/dev/null 2>&1 &
pids+=($!)

# Hugo builds the same post with a minimal layout of the harness's own; nginx (defaults) serves it.
mkdir -p "$work/site/content/posts" "$work/site/layouts/_default"
cp "$work/posts/$first_post" "$work/site/content/posts/"
cat >"$work/site/hugo.toml" <<TOML
baseURL = "http://127.0.0.1:5102/"
title = "Events"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[markup.goldmark.renderer]
unsafe = true
TOML
echo '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>' >"$work/site/layouts/_default/single.html"
echo '<!DOCTYPE html><html><body>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>' >"$work/site/layouts/_default/list.html"
hugo --quiet -s "$work/site" -d "$work/site/public" >/dev/null
hugo_page="$(cd "$work/site/public" && find posts -mindepth 2 -name index.html | sed -n 1p)"
cat >"$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    server { listen 127.0.0.1:5102; root $work/site/public; }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work" -g 'daemon off;' &
pids+=($!)

app_url="http://127.0.0.1:5100/events/$slug"
kestrel_url="http://127.0.0.1:5101/page"
headers_url="http://127.0.0.1:5104/page"
nginx_url="http://127.0.0.1:5102/${hugo_page%index.html}"
for url in "$app_url" "$kestrel_url" "$headers_url" "$nginx_url"; do wait_200 "$url" 30; done
cmp -s "$work/page.html" <(curl -s "$kestrel_url") || { echo "the minimal Kestrel app does not serve the same bytes" >&2; exit 1; }

run_wrk() { # prints "requests/s p99-ms"
    wrk -t"$threads" -c"$connections" -d"$duration" --latency "$1" | python3 -c '
import re, sys
text = sys.stdin.read()
rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", text).group(1))
value, unit = re.search(r"99%\s+([0-9.]+)(us|ms|s)", text).groups()
print(rps, float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit])'
}
for url in "$app_url" "$kestrel_url" "$headers_url" "$nginx_url"; do wrk -t"$threads" -c"$connections" -d5s "$url" >/dev/null; done
declare -A rps p99
for round in $(seq "$rounds"); do
    for name in app kestrel headers nginx; do
        url_var="${name}_url"
        read -r r p < <(run_wrk "${!url_var}")
        rps[$name]+="$r " p99[$name]+="$p "
        echo "# round $round $name: $r requests/s, p99 $p ms" >&2
    done
done
median() { python3 -c "import statistics, sys; print(statistics.median(float(x) for x in sys.argv[1:]))" $1; }

# Memory after 1,000 distinct pages; then a new post's time to its page.
for path in $(curl -s http://127.0.0.1:5100/archive | grep -o 'href="/events/[^"]*"' | cut -d'"' -f2 | sed -n 1,1000p); do
    curl -fs -o /dev/null "http://127.0.0.1:5100$path"
done
rss_mib="$(( $(ps -o rss= -p "$app_pid") / 1024 ))"
new_times=()
for i in 1 2 3 4 5; do
    start="$(now)"
    printf -- '---\ntitle: "Fresh %s"\ndate: "2024-05-01"\n---\n\nNew.\n' "$i" >"$work/posts/zz-fresh-$i.md"
    wait_200 "http://127.0.0.1:5100/events/zz-fresh-$i" 10
    new_times+=("$(elapsed_ms "$start" "$(now)")")
    sleep 0.3
done

# Restarts: the app saved its posts to the start-up cache after its first load (and saves the new posts
# on the way out); each restart reads them back instead of parsing the files.
kill -TERM "$app_pid"; wait "$app_pid" 2>/dev/null || true
restart_times=()
for i in $(seq "$starts"); do restart_times+=("$(restart_ms "$work/posts" "$work/startup-10k.bin" 5105 "$slug")") || exit 1; done

if [ "${COLD_100K:-0}" = 1 ]; then
    python3 "$generator" 100000 "$work/posts100k" >/dev/null
    slug100k="$(slug_of "$(ls "$work/posts100k" | sort | sed -n 1p)")"
    cold100k_times=()
    for i in 1 2 3; do cold100k_times+=("$(first_start_ms "$work/posts100k" 5103 "$slug100k")") || exit 1; done
    restart_ms "$work/posts100k" "$work/startup-100k.bin" 5103 "$slug100k" >/dev/null || exit 1 # saves the start-up cache
    restart100k_times=()
    for i in 1 2 3; do restart100k_times+=("$(restart_ms "$work/posts100k" "$work/startup-100k.bin" 5103 "$slug100k")") || exit 1; done
fi

app_rps="$(median "${rps[app]}")" kestrel_rps="$(median "${rps[kestrel]}")" headers_rps="$(median "${rps[headers]}")" nginx_rps="$(median "${rps[nginx]}")"
app_p99="$(median "${p99[app]}")" kestrel_p99="$(median "${p99[kestrel]}")" headers_p99="$(median "${p99[headers]}")" nginx_p99="$(median "${p99[nginx]}")"
python3 - "$app_rps" "$kestrel_rps" "$headers_rps" "$nginx_rps" "$app_p99" "$kestrel_p99" "$headers_p99" "$nginx_p99" <<'PY'
import sys
a, k, h, n, ap, kp, hp, np_ = map(float, sys.argv[1:])
print(f"cached event page (EventsBlog):      {a:,.0f} requests/s, p99 {ap:.2f} ms")
print(f"minimal Kestrel, same bytes:         {k:,.0f} requests/s, p99 {kp:.2f} ms")
print(f"minimal Kestrel, same bytes+headers: {h:,.0f} requests/s, p99 {hp:.2f} ms")
print(f"nginx, Hugo-built page:              {n:,.0f} requests/s, p99 {np_:.2f} ms")
print(f"ratios: EventsBlog/Kestrel {a / k:.2f}x requests/s, p99 {ap / kp:.2f}x; with the same headers {a / h:.2f}x, p99 {ap / hp:.2f}x; EventsBlog/nginx {a / n:.2f}x requests/s")
PY
# Each round runs the servers back to back: the ratio within a round is less exposed to the machine's
# slow spells than the ratio of medians taken apart.
python3 - "${rps[app]}" "${rps[kestrel]}" "${p99[app]}" "${p99[kestrel]}" "${rps[nginx]}" <<'PY'
import statistics, sys
app, kestrel, app_p99, kestrel_p99, nginx = ([float(x) for x in arg.split()] for arg in sys.argv[1:])
per_round = lambda xs, ys: [x / y for x, y in zip(xs, ys)]
rps, p99, vs_nginx = per_round(app, kestrel), per_round(app_p99, kestrel_p99), per_round(app, nginx)
print("round by round: EventsBlog/Kestrel " + " ".join(f"{r:.2f}" for r in rps) + f" (median {statistics.median(rps):.2f}x requests/s), "
      f"p99 median {statistics.median(p99):.2f}x; EventsBlog/nginx median {statistics.median(vs_nginx):.2f}x")
PY
echo "page bytes: $(stat -c %s "$work/page.html") (EventsBlog), $(stat -c %s "$work/site/public/$hugo_page") (Hugo)"
echo "cold start, 10,000 posts: ${cold_times[*]} ms (median $(median "${cold_times[*]}") ms) to the first 200 on an event page (first start, every file read)"
echo "restart, 10,000 posts: ${restart_times[*]} ms (median $(median "${restart_times[*]}") ms; start-up cache)"
if [ -n "${cold100k_times:-}" ]; then
    echo "cold start, 100,000 posts: ${cold100k_times[*]} ms (median $(median "${cold100k_times[*]}") ms; first start)"
    echo "restart, 100,000 posts: ${restart100k_times[*]} ms (median $(median "${restart100k_times[*]}") ms; start-up cache)"
fi
echo "resident memory after 1,000 distinct pages: $rss_mib MiB"
echo "new post to 200: ${new_times[*]} ms (median $(median "${new_times[*]}") ms)"
