using System.Globalization;
using System.Reflection;
using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Host.Hosting;
using Microsoft.Extensions.Options;

namespace Lotus.Host.Services;

/// <summary>lotus.core.v1.SystemService: facts about the running server.</summary>
internal sealed class SystemInfoService(IOptions<LotusSettings> settings, TimeProvider clock) : SystemService.SystemServiceBase
{
    private readonly string startedAt = clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public override Task<GetServerInfoResponse> GetServerInfo(GetServerInfoRequest request, ServerCallContext context)
        => Task.FromResult(new GetServerInfoResponse
        {
            Version = typeof(SystemInfoService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0",
            StartedAt = startedAt,
            EventLogTransport = settings.Value.EventLog.Transport,
        });
}
