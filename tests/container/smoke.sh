#!/usr/bin/env bash
# Container smoke test: builds the image with the project's real src/EventsBlog/Dockerfile and
# docker-compose.yml (unchanged) and checks the running container end to end.
#
# This machine has no running Docker engine and cannot pull images, so the script (run as root):
#   1. installs Debian's docker.io, docker-compose (Compose v1) and debootstrap when missing;
#   2. starts its own dockerd on a private socket, data root and exec root (classic builder only);
#   3. builds local stand-ins tagged mcr.microsoft.com/dotnet/runtime-deps:10.0 and .../sdk:10.0 from a
#      debootstrap'd bookworm minbase root, the SDK one plus the machine's own .NET (see
#      standin-*.Dockerfile); the SDK stand-in restores offline from the packages of a host restore of
#      src/EventsBlog alone;
#   4. runs `docker-compose up -d --build` in a temporary copy of the working tree, waits for healthy,
#      fetches an event page and every other kind of page, drops a new post into the mounted ./Posts and sees it served, checks the
#      app is not root, runs self-contained with the Dockerfile's GC setting, and the root file system
#      is read-only, restarts the container and sees the posts
#      read back from the start-up cache on the compose volume, then `docker-compose down`;
#   5. stops dockerd and removes its temporary files. The data root (with the stand-ins and the layer
#      cache) is kept between runs: a stand-in is rebuilt only when its inputs change.
#
# Output: one "ok - <check>" / "not ok - <check>: <why>" line per check, then "N passed, M failed".
# Progress and diagnostics go to stderr, prefixed with "#". Exit status 0 only when every check passed.
#
# Environment: EVENTSBLOG_DOCKER_STATE (default /var/tmp/eventsblog-docker) holds the cached data root
# and the logs of the last run; EVENTSBLOG_DEBIAN_MIRROR (default: the mirror apt is configured with).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

state="${EVENTSBLOG_DOCKER_STATE:-/var/tmp/eventsblog-docker}"
# The machine's own Debian mirror, as apt is configured (not the security archive).
apt_mirror() {
    local uri
    uri="$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null)"
    [ -n "$uri" ] || uri="$(awk '$1 == "deb" && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null)"
    echo "$uri"
}
mirror="${EVENTSBLOG_DEBIAN_MIRROR:-$(apt_mirror)}"
suite=bookworm
dotnet_root=/usr/share/dotnet
runtime_deps_tag=mcr.microsoft.com/dotnet/runtime-deps:10.0
sdk_tag=mcr.microsoft.com/dotnet/sdk:10.0
base_repo=eventsblog-standin-base
project=eventsblogsmoke
service=eventsblog
port=8080
event_path=/events/open-source-summit-online
event_title="Open Source Summit Online 2020"

sock="$state/docker.sock"
pidfile="$state/dockerd.pid"
logs="$state/last-run"

export DOCKER_HOST="unix://$sock"
export DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0
export COMPOSE_PROJECT_NAME="$project"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DEBIAN_FRONTEND=noninteractive LC_ALL=C

# Every wait is bounded; all of them together stay inside this budget.
deadline=$((SECONDS + 18 * 60))
budget() { # budget <seconds wanted>: that, or what is left of the run's budget (at least 10 s)
    local left=$((deadline - SECONDS))
    ((left < 10)) && left=10
    echo $(($1 < left ? $1 : left))
}

passed=0
failed=0
ok() { echo "ok - $1"; passed=$((passed + 1)); }
not_ok() { echo "not ok - $1: $2"; failed=$((failed + 1)); }
note() { echo "# $*" >&2; }
show_log() { # show_log <file> [lines]: the end of a log, on stderr
    [ -s "$1" ] || return 0
    note "--- last lines of $1"
    tail -n "${2:-25}" "$1" | sed 's/^/#   /' >&2
}

work=""
dockerd_pid=""
compose_up=0

docker() { /usr/bin/docker "$@"; } # Debian's CLI, the daemon's own version
compose() { (cd "$work/repo" && timeout "$1" docker-compose -p "$project" "${@:2}"); }

dockerd_alive() { [ -n "$dockerd_pid" ] && kill -0 "$dockerd_pid" 2>/dev/null; }

stop_dockerd() {
    dockerd_alive || return 0
    kill -TERM "$dockerd_pid" 2>/dev/null
    local i
    for ((i = 0; i < 60; i++)); do
        dockerd_alive || break
        sleep 0.5
    done
    if dockerd_alive; then
        note "dockerd did not stop in 30 s; killing it"
        kill -KILL "$dockerd_pid" 2>/dev/null
        sleep 1
    fi
    dockerd_alive && return 1
    dockerd_pid=""
    rm -f "$pidfile" "$sock"
    return 0
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if ((compose_up)) && dockerd_alive; then
        compose 90 down -v --remove-orphans >>"$logs/compose-down.log" 2>&1
    fi
    stop_dockerd
    if [ -n "$work" ] && [ -d "$work" ]; then
        # debootstrap mounts proc/sys in its target; never delete through a mount point.
        findmnt -rn -o TARGET | awk -v w="$work/" 'index($0, w) == 1' | sort -r | while read -r m; do
            umount -l "$m" 2>/dev/null
        done
        rm -rf --one-file-system "$work"
    fi
    echo "${passed} passed, ${failed} failed"
    if ((failed > 0)); then exit 1; fi
    exit "$status"
}
trap cleanup EXIT
trap 'not_ok "run completed" "interrupted by a signal"; exit 130' INT TERM

abort() { # abort <check> <why>: a failed check that leaves nothing sensible to test after it
    not_ok "$1" "$2"
    exit 1
}

if [ "$(id -u)" -ne 0 ]; then
    abort "prerequisites" "must run as root (installs packages and starts dockerd)"
fi

mkdir -p "$state"
rm -rf "$logs" && mkdir -p "$logs"
work="$(mktemp -d /var/tmp/eventsblog-smoke.XXXXXX)"
export DOCKER_CONFIG="$work/docker-config" # an empty client configuration: no credential helpers
mkdir -p "$DOCKER_CONFIG"
note "logs in $logs"

# ---------------------------------------------------------------------------------------------------
# 1. Tools
missing=()
for pkg in docker.io docker-compose debootstrap; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
    note "installing ${missing[*]}"
    if ! { timeout "$(budget 180)" apt-get update -q &&
        timeout "$(budget 300)" apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$logs/apt.log" 2>&1; then
        show_log "$logs/apt.log"
        abort "tools installed" "apt-get could not install ${missing[*]}"
    fi
fi
for tool in /usr/bin/docker /usr/sbin/dockerd /usr/bin/docker-compose /usr/sbin/debootstrap; do
    [ -x "$tool" ] || abort "tools installed" "$tool is missing"
done
ok "tools installed (docker.io, docker-compose, debootstrap)"

# ---------------------------------------------------------------------------------------------------
# 2. A private dockerd
if [ -s "$pidfile" ]; then # a dockerd left behind by an interrupted run of this script
    old="$(cat "$pidfile")"
    if [ -r "/proc/$old/cmdline" ] && tr '\0' ' ' <"/proc/$old/cmdline" | grep -q "dockerd.*$sock"; then
        note "stopping the dockerd ($old) of an earlier run"
        dockerd_pid="$old"
        stop_dockerd || abort "dockerd started" "an earlier dockerd ($old) would not stop"
    fi
    rm -f "$pidfile"
fi
rm -f "$sock"
/usr/sbin/dockerd --host "unix://$sock" --data-root "$state/data" --exec-root "$state/exec" \
    --pidfile "$pidfile" >"$logs/dockerd.log" 2>&1 &
dockerd_pid=$!
for ((i = 0; i < 120; i++)); do
    docker info >/dev/null 2>&1 && break
    dockerd_alive || break
    sleep 0.5
done
if ! docker info >/dev/null 2>&1; then
    show_log "$logs/dockerd.log"
    abort "dockerd started" "docker info did not answer within 60 s"
fi
ok "dockerd started ($(docker version -f '{{.Server.Version}}'), $sock)"

label() { docker image inspect -f "{{index .Config.Labels \"$2\"}}" "$1" 2>/dev/null; }
hash_of() { sha256sum | cut -c1-16; }

# ---------------------------------------------------------------------------------------------------
# 3a. Base image: debootstrap bookworm minbase, with the Debian packages both stand-ins need.
base_packages="libicu72,libssl3,ca-certificates"
base_key="$(printf '%s\n' "$suite" minbase "$base_packages" "$mirror" 1 | hash_of)"
base_tag="$base_repo:$base_key"
if docker image inspect "$base_tag" >/dev/null 2>&1; then
    ok "stand-in base image $base_tag (cached)"
else
    note "debootstrap $suite (minbase + $base_packages)"
    started=$SECONDS
    rootfs="$work/rootfs"
    if ! timeout "$(budget 420)" debootstrap --variant=minbase --include="$base_packages" \
        "$suite" "$rootfs" "$mirror" >"$logs/debootstrap.log" 2>&1; then
        show_log "$logs/debootstrap.log"
        abort "stand-in base image" "debootstrap failed"
    fi
    # Nothing of this machine's own configuration goes into the image.
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/*.log
    rm -f "$rootfs/etc/resolv.conf" "$rootfs/etc/hostname" "$rootfs/etc/hosts"
    if ! tar --numeric-owner -C "$rootfs" -c . |
        timeout "$(budget 300)" docker import -c 'CMD ["bash"]' - "$base_tag" >"$logs/import.log" 2>&1; then
        show_log "$logs/import.log"
        abort "stand-in base image" "docker import failed"
    fi
    rm -rf --one-file-system "$rootfs"
    # Older base tags (other inputs) are no longer wanted.
    docker image ls --format '{{.Repository}}:{{.Tag}}' "$base_repo" | grep -vxF "$base_tag" |
        xargs -r /usr/bin/docker rmi >/dev/null 2>&1
    ok "stand-in base image $base_tag (built in $((SECONDS - started)) s)"
fi

build_standin() { # build_standin <tag> <Dockerfile> <context> <key> <log>
    docker build --build-arg "BASE=$base_tag" --build-arg "STANDIN_KEY=$4" \
        -t "$1" -f "$2" "$3" >"$5" 2>&1
}

runtime_list="$(cd "$dotnet_root" && ls -d shared/Microsoft.NETCore.App/*/ shared/Microsoft.AspNetCore.App/*/ host/fxr/*/ 2>/dev/null)"
muxer_hash="$(sha256sum "$dotnet_root/dotnet" | cut -c1-64)"

# ---------------------------------------------------------------------------------------------------
# 3b. runtime-deps stand-in: the system libraries and the app user; the image's app carries its own runtime.
runtime_deps_key="$( { echo "$base_key"; cat "$here/standin-runtime-deps.Dockerfile"; } | hash_of)"
if [ "$(label "$runtime_deps_tag" org.eventsblog.standin.key)" = "$runtime_deps_key" ]; then
    ok "stand-in $runtime_deps_tag (cached, key $runtime_deps_key)"
else
    started=$SECONDS
    ctx="$work/runtime-deps-context"
    mkdir -p "$ctx"
    cp "$here/standin-runtime-deps.Dockerfile" "$ctx/Dockerfile"
    if ! build_standin "$runtime_deps_tag" "$ctx/Dockerfile" "$ctx" "$runtime_deps_key" "$logs/standin-runtime-deps.log"; then
        show_log "$logs/standin-runtime-deps.log"
        abort "stand-in $runtime_deps_tag" "docker build failed"
    fi
    rm -rf "$ctx"
    ok "stand-in $runtime_deps_tag (built in $((SECONDS - started)) s, key $runtime_deps_key)"
fi
# The aspnet stand-in of earlier versions of this script is no longer used.
[ -n "$(label mcr.microsoft.com/dotnet/aspnet:10.0 org.eventsblog.standin)" ] && docker rmi mcr.microsoft.com/dotnet/aspnet:10.0 >/dev/null 2>&1

# ---------------------------------------------------------------------------------------------------
# 4a. A temporary copy of the working tree (tracked and untracked files, minus what git ignores), so
#     that ./Posts can change without touching the repository.
mkdir -p "$work/repo"
(
    cd "$repo" &&
        git ls-files -z --cached --others --exclude-standard |
        while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
            tar --null -T - -c
) | tar -C "$work/repo" -x || abort "temporary copy of the working tree" "tar failed"
for f in docker-compose.yml src/EventsBlog/Dockerfile src/EventsBlog/EventsBlog.csproj; do
    [ -f "$work/repo/$f" ] || abort "temporary copy of the working tree" "$f is missing"
done

# ---------------------------------------------------------------------------------------------------
# 3c. sdk stand-in: the whole SDK plus the packages of a host restore of the web project alone.
ctx="$work/sdk-context"
mkdir -p "$ctx"
started=$SECONDS
if ! (cd "$work/repo" && timeout "$(budget 300)" dotnet restore src/EventsBlog/EventsBlog.csproj \
    --use-current-runtime --packages "$ctx/packages" -p:NuGetAudit=false) >"$logs/host-restore.log" 2>&1; then
    show_log "$logs/host-restore.log"
    abort "host restore of src/EventsBlog" "dotnet restore failed"
fi
packages_hash="$(cd "$ctx/packages" && find . -name '*.nupkg.sha512' | sort |
    while read -r f; do echo "$f"; cat "$f"; echo; done | hash_of)"
ok "host restore of src/EventsBlog ($(find "$ctx/packages" -name '*.nupkg.sha512' | wc -l) packages, hash $packages_hash, $((SECONDS - started)) s)"

sdk_key="$( {
    echo "$base_key"
    cat "$here/standin-sdk.Dockerfile" "$here/standin-NuGet.Config"
    dotnet --version
    echo "$runtime_list"
    echo "$muxer_hash"
    ls "$dotnet_root/sdk" "$dotnet_root/packs"
    echo "$packages_hash"
} | hash_of)"
if [ "$(label "$sdk_tag" org.eventsblog.standin.key)" = "$sdk_key" ]; then
    ok "stand-in $sdk_tag (cached, key $sdk_key)"
else
    started=$SECONDS
    cp "$here/standin-sdk.Dockerfile" "$ctx/Dockerfile"
    cp "$here/standin-NuGet.Config" "$ctx/NuGet.Config"
    # Hard links are enough for a build context; copy when /usr/share is another file system.
    cp -al "$dotnet_root" "$ctx/dotnet" 2>/dev/null || { rm -rf "$ctx/dotnet"; cp -a "$dotnet_root" "$ctx/dotnet"; }
    if ! build_standin "$sdk_tag" "$ctx/Dockerfile" "$ctx" "$sdk_key" "$logs/standin-sdk.log"; then
        show_log "$logs/standin-sdk.log"
        abort "stand-in $sdk_tag" "docker build failed"
    fi
    ok "stand-in $sdk_tag (built in $((SECONDS - started)) s, key $sdk_key)"
fi
rm -rf "$ctx"

# ---------------------------------------------------------------------------------------------------
# 4b. The real Dockerfile and compose file.
if ss -Hltn "sport = :$port" 2>/dev/null | grep -q .; then
    abort "docker-compose up -d --build" "port $port is already in use on this machine"
fi
started=$SECONDS
compose_up=1
if ! compose "$(budget 600)" up -d --build >"$logs/compose-up.log" 2>&1; then
    show_log "$logs/compose-up.log" 40
    abort "docker-compose up -d --build" "failed or timed out (log: $logs/compose-up.log)"
fi
ok "docker-compose up -d --build ($((SECONDS - started)) s)"

cid="$(compose 30 ps -q "$service" 2>/dev/null | head -1)"
[ -n "$cid" ] || abort "healthy" "docker-compose ps shows no $service container"

# Healthy: up to 3 minutes.
started=$SECONDS
health=""
while ((SECONDS - started < 180)); do
    health="$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}no healthcheck{{end}}' "$cid" 2>/dev/null)"
    [ "$health" = healthy ] && break
    [ "$health" = "no healthcheck" ] && break
    sleep 2
done
if [ "$health" = healthy ]; then
    ok "healthy ($((SECONDS - started)) s)"
else
    docker logs --tail 30 "$cid" >"$logs/container.log" 2>&1
    docker inspect -f '{{json .State}}' "$cid" >>"$logs/container.log" 2>&1
    show_log "$logs/container.log" 35
    not_ok "healthy" "health status is '${health:-unknown}' after $((SECONDS - started)) s"
fi

fetch() { # fetch <path> <output file>: prints the HTTP status code
    curl -sS -m 10 -o "$2" -w '%{http_code}' "http://127.0.0.1:$port$1" 2>"$2.err" || true
}

# An event page.
code="$(fetch "$event_path" "$work/event.html")"
if [ "$code" != 200 ]; then
    not_ok "page served" "GET $event_path answered '${code:-nothing}' $(head -c 200 "$work/event.html.err" 2>/dev/null)"
elif ! grep -qF "$event_title" "$work/event.html"; then
    not_ok "page served" "GET $event_path is 200 but does not contain '$event_title'"
else
    ok "page served (GET $event_path: 200, '$event_title')"
fi

# Every other kind of answer, from the image's trimmed build: reflection into a trimmed library fails only when
# called, so each page model, endpoint, feed and calendar is asked once (links taken from the event page).
first_link() { grep -o "href=\"/$1/[^\"#]*\"" "$work/event.html" | head -1 | cut -d'"' -f2; }
kinds=(/ /archive "/archive?page=1" /videos /speakers "$(first_link speakers)" "$(first_link tags)" "$(first_link categories)"
    "/search?q=summit" /feed.xml /atom.xml /sitemap.xml /events.ics "$event_path.ics" /robots.txt /healthz)
failed_kinds=()
for path in "${kinds[@]}"; do
    [ -n "$path" ] || { failed_kinds+=("(a speaker, tag or category link missing from $event_path)"); continue; }
    code="$(fetch "$path" "$work/kind.out")"
    [ "$code" = 200 ] && [ -s "$work/kind.out" ] || failed_kinds+=("$path: ${code:-nothing}")
done
code="$(fetch /events/no-such-event "$work/kind.out")"
[ "$code" = 404 ] || failed_kinds+=("/events/no-such-event: ${code:-nothing}, not 404")
if [ ${#failed_kinds[@]} -eq 0 ]; then
    ok "every kind of page served (${#kinds[@]} answers 200, an unknown event 404)"
else
    not_ok "every kind of page served" "${failed_kinds[*]}"
fi

# A new post dropped into the mounted ./Posts is served without a restart.
token="smoke-$(date +%s)-$$"
new_slug="container-$token"
cat >"$work/repo/Posts/2020-09-15-container-$token.md" <<EOF
---
title: "Container smoke post $token"
date: "2020-09-15"
slug: $new_slug
category: events
tags: [testing]
author: Smoke Test
---

Dropped into the mounted Posts folder by tests/container/smoke.sh while the container was running.
EOF
chmod 644 "$work/repo/Posts/2020-09-15-container-$token.md"
started=$SECONDS
code=""
while ((SECONDS - started < 15)); do
    code="$(fetch "/events/$new_slug" "$work/new.html")"
    if [ "$code" = 200 ] && grep -qF "Container smoke post $token" "$work/new.html"; then
        break
    fi
    code="${code:-nothing}"
    sleep 0.5
done
if [ "$code" = 200 ] && grep -qF "Container smoke post $token" "$work/new.html"; then
    ok "new post served ($((SECONDS - started)) s after it was written)"
else
    not_ok "new post served" "GET /events/$new_slug still answered '$code' after $((SECONDS - started)) s"
fi

# Not root: the exec user and the app process (PID 1).
uid="$(docker exec "$cid" id -u 2>&1)"
pid1_uid="$(docker exec "$cid" sh -c 'awk "/^Uid:/ {print \$2}" /proc/1/status' 2>&1)"
if [ "$uid" = 1654 ] && [ "$pid1_uid" = 1654 ]; then
    ok "app runs as non-root (uid 1654)"
elif [[ "$uid" =~ ^[0-9]+$ ]] && [ "$uid" != 0 ] && [[ "$pid1_uid" =~ ^[0-9]+$ ]] && [ "$pid1_uid" != 0 ]; then
    ok "app runs as non-root (uid $uid, app process uid $pid1_uid)"
else
    not_ok "app runs as non-root" "id -u is '$uid', the app process runs as uid '$pid1_uid'"
fi

# The image runs the app as published for it: self-contained with its composite ReadyToRun image, no shared
# runtime, and the GC and tiering settings of the Dockerfile in the app's environment.
if out="$(docker exec "$cid" sh -c 'test -f /app/EventsBlog.r2r.dll && test -f /app/libcoreclr.so && ! command -v dotnet && test "$(tr "\0" "\n" </proc/1/environ | grep -c -x -e DOTNET_GCgen0size=0x400000 -e DOTNET_GCRegionSize=0x100000 -e DOTNET_TC_CallCountingDelayMs=500)" = 3 && echo settings set' 2>&1)"; then
    ok "self-contained composite app, GC and tiering settings of the Dockerfile ($out)"
else
    not_ok "self-contained composite app, GC and tiering settings of the Dockerfile" "/app/EventsBlog.r2r.dll, /app/libcoreclr.so, DOTNET_GCgen0size, DOTNET_GCRegionSize or DOTNET_TC_CallCountingDelayMs missing, or dotnet present: ${out:-no output}"
fi

# Nothing the site serves needs OpenSSL (no HTTPS of its own here, no forms, cookies or sign-in): after every kind
# of page above, it is not loaded (it cost 8 MiB resident when data protection and SHA-256 hashes loaded it).
if out="$(docker exec "$cid" sh -c 'grep -c -e libssl -e libcrypto /proc/1/maps' 2>&1)"; [ "$out" = 0 ]; then
    ok "OpenSSL not loaded"
else
    not_ok "OpenSSL not loaded" "$(docker exec "$cid" sh -c 'grep -o -e "[^ ]*libssl[^ ]*" -e "[^ ]*libcrypto[^ ]*" /proc/1/maps | sort -u' 2>&1 | tr '\n' ' ')"
fi

# Read-only root file system, writable /tmp (tmpfs).
if out="$(docker exec "$cid" touch /x 2>&1)"; then
    not_ok "root file system read-only" "touch /x succeeded"
elif grep -qi "read-only" <<<"$out"; then
    ok "root file system read-only"
else
    not_ok "root file system read-only" "touch /x failed, but not as read-only: $out"
fi
if out="$(docker exec "$cid" sh -c 'touch /tmp/smoke && rm /tmp/smoke' 2>&1)"; then
    ok "/tmp writable (tmpfs)"
else
    not_ok "/tmp writable (tmpfs)" "$out"
fi

# A restart reads the posts back from the start-up cache on the compose volume, not from the files.
restarted_at="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
started=$SECONDS
if timeout 60 docker restart "$cid" >"$logs/restart.log" 2>&1; then
    code="" loaded=""
    while ((SECONDS - started < 60)); do
        code="$(fetch "/events/$new_slug" "$work/restarted.html")"
        # The page answers as soon as the posts are published; the load's log line follows just after.
        loaded="$(docker logs --since "$restarted_at" "$cid" 2>&1 | grep -E 'Loaded [0-9]+ posts' | tail -1)"
        [ "$code" = 200 ] && [ -n "$loaded" ] && break
        sleep 0.5
    done
    if [ "$code" = 200 ] && grep -qE 'read 0 files and [1-9][0-9]* from the start-up cache' <<<"$loaded"; then
        ok "restart served from the start-up cache ($((SECONDS - started)) s; ${loaded#"${loaded%%Loaded*}"})"
    else
        not_ok "restart served from the start-up cache" "GET /events/$new_slug answered '${code:-nothing}'; load log: '${loaded:-none}'"
    fi
else
    show_log "$logs/restart.log"
    not_ok "restart served from the start-up cache" "docker restart failed"
fi

# ---------------------------------------------------------------------------------------------------
# 5. Down, and stop dockerd.
if compose 120 down -v --remove-orphans >"$logs/compose-down.log" 2>&1; then
    compose_up=0
    if [ -z "$(docker ps -aq --filter "label=com.docker.compose.project=$project")" ]; then
        ok "docker-compose down"
    else
        not_ok "docker-compose down" "containers of project $project are left"
    fi
else
    show_log "$logs/compose-down.log"
    not_ok "docker-compose down" "failed"
fi
# Dangling images (old builds, and the build stage that serves as layer cache) go after a day; the
# stand-ins and recent layers stay cached.
timeout 120 /usr/bin/docker image prune -f --filter until=24h >/dev/null 2>&1

if stop_dockerd; then
    ok "dockerd stopped"
else
    not_ok "dockerd stopped" "dockerd ($dockerd_pid) is still running"
fi
