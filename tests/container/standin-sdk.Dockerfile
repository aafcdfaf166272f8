# Local stand-in for mcr.microsoft.com/dotnet/sdk:10.0, built by smoke.sh (classic builder, no network).
# Base: a debootstrap'd Debian bookworm minbase root with libicu72 and ca-certificates.
# Context: dotnet/ is the machine's whole /usr/share/dotnet; packages/ is the NuGet packages folder of a
# host restore of src/EventsBlog alone; NuGet.Config clears every source, so a restore inside a build
# resolves from that folder only and never needs the network.
ARG BASE
FROM $BASE
ARG STANDIN_KEY
LABEL org.eventsblog.standin="sdk" \
      org.eventsblog.standin.key="$STANDIN_KEY"
ENV APP_UID=1654 \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1 \
    DOTNET_GENERATE_ASPNET_CERTIFICATE=false \
    DOTNET_USE_POLLING_FILE_WATCHER=true \
    NUGET_PACKAGES=/root/.nuget/packages \
    NUGET_XMLDOC_MODE=skip \
    NuGetAudit=false
RUN groupadd --gid=1654 app \
    && useradd --no-log-init --uid=1654 --gid=1654 --create-home app
COPY dotnet/ /usr/share/dotnet/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
COPY NuGet.Config /root/.nuget/NuGet/NuGet.Config
COPY packages/ /root/.nuget/packages/
RUN dotnet --info >/dev/null
