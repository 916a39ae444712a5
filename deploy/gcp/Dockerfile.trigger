# syntax=docker/dockerfile:1
# The HTTP trigger service (src/CloudTrigger) for Cloud Run: Numerai's compute webhook → jobs.run with TRIGGER_ID.
# Build from the repository root:   docker build -f deploy/gcp/Dockerfile.trigger -t IMAGE .

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY src/CloudTrigger/ src/CloudTrigger/
RUN dotnet publish src/CloudTrigger/CloudTrigger.csproj -c Release -o /out/app

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
WORKDIR /app
COPY --from=build /out/app/ /app/
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/NumeraiPipeline.CloudTrigger.dll"]
