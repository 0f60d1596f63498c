using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Lotus.Grpc;

/// <summary>
/// A service bound to handlers, checked against its protobuf descriptor: building fails and names
/// every rpc left without a handler, bound twice, or bound with the wrong shape.
/// </summary>
public sealed class ServerServiceDefinition
{
    private ServerServiceDefinition(ServiceDescriptor descriptor, IReadOnlyList<ServerMethodDefinition> methods)
    {
        Descriptor = descriptor;
        Methods = methods;
    }

    public ServiceDescriptor Descriptor { get; }

    public IReadOnlyList<ServerMethodDefinition> Methods { get; }

    public static Builder CreateBuilder(ServiceDescriptor descriptor) => new(descriptor);

    /// <summary>Collects one handler per rpc of a service.</summary>
    public sealed class Builder
    {
        private readonly ServiceDescriptor descriptor;
        private readonly List<ServerMethodDefinition> methods = [];

        internal Builder(ServiceDescriptor descriptor)
        {
            ArgumentNullException.ThrowIfNull(descriptor);
            this.descriptor = descriptor;
        }

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class, IMessage<TResponse>
            => Add(new ServerMethodDefinition.Unary<TRequest, TResponse>(method, handler));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class, IMessage<TResponse>
            => Add(new ServerMethodDefinition.ClientStreaming<TRequest, TResponse>(method, handler));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class, IMessage<TResponse>
            => Add(new ServerMethodDefinition.ServerStreaming<TRequest, TResponse>(method, handler));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class, IMessage<TResponse>
            => Add(new ServerMethodDefinition.DuplexStreaming<TRequest, TResponse>(method, handler));

        /// <summary>Checks the bindings against the descriptor and freezes them.</summary>
        public ServerServiceDefinition Build()
        {
            var problems = new List<string>();
            foreach (var rpc in descriptor.Methods)
            {
                var bound = methods.Where(m => string.Equals(m.Method.Name, rpc.Name, StringComparison.Ordinal)).ToList();
                var expected = ShapeOf(rpc);
                if (bound.Count == 0)
                {
                    problems.Add($"{descriptor.FullName}.{rpc.Name} ({expected}) has no handler");
                }
                else if (bound.Count > 1)
                {
                    problems.Add($"{descriptor.FullName}.{rpc.Name} has {bound.Count} handlers");
                }
                else if (bound[0].Method.Type != expected)
                {
                    problems.Add($"{descriptor.FullName}.{rpc.Name} is {expected} but its handler is {bound[0].Method.Type}");
                }
            }

            foreach (var m in methods)
            {
                if (!string.Equals(m.Method.ServiceName, descriptor.FullName, StringComparison.Ordinal)
                    || descriptor.FindMethodByName(m.Method.Name) is null)
                {
                    problems.Add($"{m.Method.FullName} is bound but not declared by {descriptor.FullName}");
                }
            }

            if (problems.Count > 0)
            {
                throw new InvalidOperationException(
                    $"Service {descriptor.FullName} is not completely bound: " + string.Join("; ", problems) + ".");
            }

            return new ServerServiceDefinition(descriptor, methods.ToArray());
        }

        private Builder Add(ServerMethodDefinition definition)
        {
            methods.Add(definition);
            return this;
        }

        private static MethodType ShapeOf(MethodDescriptor rpc) => (rpc.IsClientStreaming, rpc.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (true, false) => MethodType.ClientStreaming,
            (false, true) => MethodType.ServerStreaming,
            _ => MethodType.DuplexStreaming,
        };
    }
}

/// <summary>One rpc bound to its typed handler.</summary>
public abstract class ServerMethodDefinition
{
    private ServerMethodDefinition()
    {
    }

    public abstract IMethod Method { get; }

    /// <summary>Double dispatch to the typed shape, so hosts build typed call handlers without reflection.</summary>
    internal abstract TResult Accept<TResult>(IServerMethodDefinitionVisitor<TResult> visitor);

    internal sealed class Unary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler) : ServerMethodDefinition
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        public override IMethod Method => TypedMethod;

        public Method<TRequest, TResponse> TypedMethod { get; } = method;

        public UnaryServerMethod<TRequest, TResponse> Handler { get; } = handler;

        internal override TResult Accept<TResult>(IServerMethodDefinitionVisitor<TResult> visitor) => visitor.VisitUnary(this);
    }

    internal sealed class ClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler) : ServerMethodDefinition
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        public override IMethod Method => TypedMethod;

        public Method<TRequest, TResponse> TypedMethod { get; } = method;

        public ClientStreamingServerMethod<TRequest, TResponse> Handler { get; } = handler;

        internal override TResult Accept<TResult>(IServerMethodDefinitionVisitor<TResult> visitor) => visitor.VisitClientStreaming(this);
    }

    internal sealed class ServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler) : ServerMethodDefinition
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        public override IMethod Method => TypedMethod;

        public Method<TRequest, TResponse> TypedMethod { get; } = method;

        public ServerStreamingServerMethod<TRequest, TResponse> Handler { get; } = handler;

        internal override TResult Accept<TResult>(IServerMethodDefinitionVisitor<TResult> visitor) => visitor.VisitServerStreaming(this);
    }

    internal sealed class DuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler) : ServerMethodDefinition
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        public override IMethod Method => TypedMethod;

        public Method<TRequest, TResponse> TypedMethod { get; } = method;

        public DuplexStreamingServerMethod<TRequest, TResponse> Handler { get; } = handler;

        internal override TResult Accept<TResult>(IServerMethodDefinitionVisitor<TResult> visitor) => visitor.VisitDuplexStreaming(this);
    }
}

/// <summary>Receives the typed shape of a <see cref="ServerMethodDefinition"/>.</summary>
internal interface IServerMethodDefinitionVisitor<out TResult>
{
    TResult VisitUnary<TRequest, TResponse>(ServerMethodDefinition.Unary<TRequest, TResponse> definition)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>;

    TResult VisitClientStreaming<TRequest, TResponse>(ServerMethodDefinition.ClientStreaming<TRequest, TResponse> definition)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>;

    TResult VisitServerStreaming<TRequest, TResponse>(ServerMethodDefinition.ServerStreaming<TRequest, TResponse> definition)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>;

    TResult VisitDuplexStreaming<TRequest, TResponse>(ServerMethodDefinition.DuplexStreaming<TRequest, TResponse> definition)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>;
}
