# Lotus Core gRPC server image. Build context: the repository root.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Lotus.Host/Lotus.Host.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# librdkafka for the optional Kafka event-log transport.
RUN apt-get update && apt-get install -y --no-install-recommends librdkafka1 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
USER app
# 50051: gRPC (HTTP/2 cleartext, prior knowledge). 8080: REST / JSON transcoding (HTTP/1.1).
EXPOSE 50051 8080
ENTRYPOINT ["dotnet", "lotus-server.dll", "serve"]
