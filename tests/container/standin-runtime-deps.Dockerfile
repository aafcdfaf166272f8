# Local stand-in for mcr.microsoft.com/dotnet/runtime-deps:10.0, built by smoke.sh (classic builder, no
# network). Base: a debootstrap'd Debian bookworm minbase root with libicu72, libssl3 and ca-certificates,
# which with minbase's libc6, libgcc-s1, libstdc++6 and zlib1g is what a self-contained .NET app needs.
ARG BASE
FROM $BASE
ARG STANDIN_KEY
LABEL org.eventsblog.standin="runtime-deps" \
      org.eventsblog.standin.key="$STANDIN_KEY"
ENV APP_UID=1654 \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true
# The non-root user of the real images.
RUN groupadd --gid=1654 app \
    && useradd --no-log-init --uid=1654 --gid=1654 --create-home app
