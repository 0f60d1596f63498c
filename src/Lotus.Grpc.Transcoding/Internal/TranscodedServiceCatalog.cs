using Google.Protobuf.Reflection;

namespace Lotus.Grpc.Transcoding.Internal;

/// <summary>
/// The services mapped for REST in this host (read by the OpenAPI document) and the endpoints by
/// (HTTP method, route shape), so that bindings of services mapped by separate calls that share a
/// shape join one endpoint instead of making ASP.NET routing ambiguous.
/// </summary>
internal sealed class TranscodedServiceCatalog
{
    private readonly List<ServiceDescriptor> services = [];
    private readonly Dictionary<(string Method, string Route), TranscodingEndpoint> endpoints = [];
    private readonly Lock gate = new();

    /// <summary>The endpoint for a shape, and whether it is new (then the caller maps it).</summary>
    public (TranscodingEndpoint Endpoint, bool Created) GetOrAddEndpoint(string method, string route)
    {
        lock (gate)
        {
            if (endpoints.TryGetValue((method, route), out var existing))
            {
                return (existing, false);
            }

            var endpoint = new TranscodingEndpoint();
            endpoints[(method, route)] = endpoint;
            return (endpoint, true);
        }
    }

    public void Add(ServiceDescriptor service)
    {
        lock (gate)
        {
            if (!services.Contains(service))
            {
                services.Add(service);
            }
        }
    }

    public IReadOnlyList<ServiceDescriptor> Snapshot()
    {
        lock (gate)
        {
            return services.ToArray();
        }
    }
}
