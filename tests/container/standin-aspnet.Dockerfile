# Local stand-in for mcr.microsoft.com/dotnet/aspnet:10.0, built by smoke.sh (classic builder, no network).
# Base: a debootstrap'd Debian bookworm minbase root with libicu72, libssl3 and ca-certificates.
# Context: dotnet/ holds only the machine's runtimes (Microsoft.NETCore.App, Microsoft.AspNetCore.App),
# host/ and the dotnet muxer.
ARG BASE
FROM $BASE
ARG STANDIN_KEY
LABEL org.eventsblog.standin="aspnet" \
      org.eventsblog.standin.key="$STANDIN_KEY"
ENV APP_UID=1654 \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true
# The non-root user of the real images.
RUN groupadd --gid=1654 app \
    && useradd --no-log-init --uid=1654 --gid=1654 --create-home app
COPY dotnet/ /usr/share/dotnet/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet \
    && dotnet --list-runtimes
