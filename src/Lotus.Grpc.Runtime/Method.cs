using Google.Protobuf;

namespace Lotus.Grpc;

/// <summary>Non-generic view of a method, for routing, logging and interceptors.</summary>
public interface IMethod
{
    MethodType Type { get; }

    /// <summary>Fully-qualified service name, e.g. <c>lotus.core.v1.QueryService</c>.</summary>
    string ServiceName { get; }

    /// <summary>Method name as declared in the proto.</summary>
    string Name { get; }

    /// <summary>The HTTP/2 <c>:path</c>: <c>/{ServiceName}/{Name}</c>.</summary>
    string FullName { get; }
}

/// <summary>A method of a protobuf service with typed request and response messages.</summary>
public sealed class Method<TRequest, TResponse> : IMethod
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public Method(MethodType type, string serviceName, string name, MessageParser<TRequest> requestParser, MessageParser<TResponse> responseParser)
    {
        Type = type;
        ServiceName = serviceName;
        Name = name;
        FullName = "/" + serviceName + "/" + name;
        RequestParser = requestParser;
        ResponseParser = responseParser;
    }

    public MethodType Type { get; }

    public string ServiceName { get; }

    public string Name { get; }

    public string FullName { get; }

    public MessageParser<TRequest> RequestParser { get; }

    public MessageParser<TResponse> ResponseParser { get; }
}
