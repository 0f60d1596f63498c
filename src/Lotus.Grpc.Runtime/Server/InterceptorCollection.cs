using Microsoft.Extensions.DependencyInjection;

namespace Lotus.Grpc.Server;

/// <summary>
/// Ordered server interceptors: instances, or types resolved from the call's service scope (or
/// created with their constructor dependencies injected when not registered).
/// </summary>
public sealed class InterceptorCollection
{
    private readonly List<object> items = [];

    public int Count => items.Count;

    /// <summary>Adds a shared interceptor instance.</summary>
    public InterceptorCollection Add(IServerInterceptor interceptor)
    {
        ArgumentNullException.ThrowIfNull(interceptor);
        items.Add(interceptor);
        return this;
    }

    /// <summary>Adds an interceptor type resolved per call from dependency injection.</summary>
    public InterceptorCollection Add<TInterceptor>()
        where TInterceptor : class, IServerInterceptor
    {
        items.Add(new InterceptorFactory(typeof(TInterceptor), ActivatorUtilities.CreateFactory(typeof(TInterceptor), Type.EmptyTypes)));
        return this;
    }

    internal IServerInterceptor Resolve(int index, IServiceProvider services)
    {
        var item = items[index];
        if (item is IServerInterceptor instance)
        {
            return instance;
        }

        var factory = (InterceptorFactory)item;
        return (IServerInterceptor)(services.GetService(factory.Type) ?? factory.Create(services, null));
    }
}

/// <summary>An interceptor type and its compiled constructor, for types not registered in DI.</summary>
internal sealed record InterceptorFactory(Type Type, ObjectFactory Create);
