using Google.Protobuf.Reflection;

namespace Lotus.Grpc.Transcoding.Internal;

/// <summary>The services mapped for REST in this host, read by the OpenAPI document.</summary>
internal sealed class TranscodedServiceCatalog
{
    private readonly List<ServiceDescriptor> services = [];
    private readonly Lock gate = new();

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
