using Lotus.Grpc.Transcoding.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lotus.Grpc.Transcoding;

/// <summary>Registers the REST (JSON transcoding) surface.</summary>
public static class TranscodingServiceCollectionExtensions
{
    public static IServiceCollection AddLotusTranscoding(this IServiceCollection services, Action<TranscodingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<TranscodingOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton<TranscodedServiceCatalog>();
        return services;
    }
}
