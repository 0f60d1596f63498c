namespace Lotus.Grpc.Server.Internal;

/// <summary>Every service mapped on this host, in mapping order; reflection and health read it.</summary>
internal sealed class GrpcServiceRegistry
{
    private readonly List<ServerServiceDefinition> services = [];
    private readonly Lock gate = new();

    public bool UnimplementedFallbackMapped { get; set; }

    public IReadOnlyList<ServerServiceDefinition> Services
    {
        get
        {
            lock (gate)
            {
                return services.ToArray();
            }
        }
    }

    public void Add(ServerServiceDefinition definition)
    {
        lock (gate)
        {
            foreach (var existing in services)
            {
                if (string.Equals(existing.Descriptor.FullName, definition.Descriptor.FullName, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Service {definition.Descriptor.FullName} is mapped twice.");
                }
            }

            services.Add(definition);
        }
    }
}
