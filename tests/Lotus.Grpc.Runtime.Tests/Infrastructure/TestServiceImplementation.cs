using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Lotus.Grpc.Tests.V1;

namespace Lotus.Grpc.Tests.Infrastructure;

/// <summary>The test contract, bound by hand (as generated code will do); behaviour chosen by EchoRequest.mode.</summary>
public sealed class TestServiceImplementation : IBindableService
{
    public const string ServiceName = "lotus.test.v1.TestService";

    public static readonly Method<EchoRequest, EchoReply> UnaryMethod = new(MethodType.Unary, ServiceName, "Unary", EchoRequest.Parser, EchoReply.Parser);
    public static readonly Method<EchoRequest, EchoReply> ServerStreamMethod = new(MethodType.ServerStreaming, ServiceName, "ServerStream", EchoRequest.Parser, EchoReply.Parser);
    public static readonly Method<EchoRequest, EchoReply> ClientStreamMethod = new(MethodType.ClientStreaming, ServiceName, "ClientStream", EchoRequest.Parser, EchoReply.Parser);
    public static readonly Method<EchoRequest, EchoReply> DuplexMethod = new(MethodType.DuplexStreaming, ServiceName, "Duplex", EchoRequest.Parser, EchoReply.Parser);

    public ServerServiceDefinition BindService() =>
        ServerServiceDefinition.CreateBuilder(LotusTestReflection.Descriptor.Services[0])
            .AddMethod(UnaryMethod, UnaryAsync)
            .AddMethod(ServerStreamMethod, ServerStreamAsync)
            .AddMethod(ClientStreamMethod, ClientStreamAsync)
            .AddMethod(DuplexMethod, DuplexAsync)
            .Build();

    private static async Task<EchoReply> UnaryAsync(EchoRequest request, ServerCallContext context)
    {
        switch (request.Mode)
        {
            case "error":
                throw new RpcException(StatusCode.InvalidArgument, request.Text);
            case "details":
                throw new RpcException(new Lotus.Grpc.Status(StatusCode.InvalidArgument, "Request is invalid.", RichDetails()));
            case "throw":
                throw new InvalidOperationException("secret internal detail");
            case "status":
                context.Status = new Lotus.Grpc.Status(StatusCode.NotFound, request.Text);
                return new EchoReply();
            case "wait":
                await WaitForCancellationAsync(request.Text, context);
                return new EchoReply();
            case "metadata":
                var headers = new Metadata();
                foreach (var entry in context.RequestHeaders)
                {
                    if (entry.Key.StartsWith("x-echo-", StringComparison.Ordinal))
                    {
                        headers.Add(entry);
                    }
                    else if (entry.Key.StartsWith("x-trailer-", StringComparison.Ordinal))
                    {
                        context.ResponseTrailers.Add(entry);
                    }
                }

                await context.WriteResponseHeadersAsync(headers);
                return new EchoReply { Text = context.CorrelationId };
            case "headers-then-error":
                await context.WriteResponseHeadersAsync(new Metadata { { "x-early", "yes" } });
                throw new RpcException(StatusCode.FailedPrecondition, "after headers");
            case "deadline":
                return new EchoReply { Text = context.Deadline.ToString("O", System.Globalization.CultureInfo.InvariantCulture) };
            case "big":
                return new EchoReply { Payload = ByteString.CopyFrom(new byte[request.Count]) };
            default:
                return new EchoReply { Text = request.Text, Payload = request.Payload, Count = request.Count, At = Timestamp.FromDateTime(new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc)) };
        }
    }

    private static async Task ServerStreamAsync(EchoRequest request, IServerStreamWriter<EchoReply> responses, ServerCallContext context)
    {
        if (request.Mode == "wait")
        {
            await responses.WriteAsync(new EchoReply { Text = "first" });
            await WaitForCancellationAsync(request.Text, context);
            return;
        }

        if (request.Mode == "forever")
        {
            // Ignores its token on purpose: only a failing write stops it.
            for (var i = 0; ; i++)
            {
                await responses.WriteAsync(new EchoReply { Text = request.Text, Count = i });
            }
        }

        for (var i = 0; i < request.Count; i++)
        {
            await responses.WriteAsync(new EchoReply { Text = request.Text, Count = i });
        }

        if (request.Mode == "error-after")
        {
            throw new RpcException(StatusCode.Aborted, "after messages");
        }
    }

    private static async Task<EchoReply> ClientStreamAsync(IAsyncStreamReader<EchoRequest> requests, ServerCallContext context)
    {
        var reply = new EchoReply();
        while (await requests.MoveNext())
        {
            reply.Count += requests.Current.Count;
            reply.Text += requests.Current.Text;
            if (requests.Current.Mode == "wait")
            {
                await WaitForCancellationAsync(requests.Current.Text, context);
            }
        }

        return reply;
    }

    private static async Task DuplexAsync(IAsyncStreamReader<EchoRequest> requests, IServerStreamWriter<EchoReply> responses, ServerCallContext context)
    {
        while (await requests.MoveNext())
        {
            await responses.WriteAsync(new EchoReply { Text = requests.Current.Text, Count = requests.Current.Count });
        }
    }

    private static async Task WaitForCancellationAsync(string key, ServerCallContext context)
    {
        var probe = CancellationProbe.For(key);
        context.CancellationToken.Register(() => probe.Cancelled.TrySetResult());
        probe.Started.TrySetResult();
        await Task.Delay(Timeout.Infinite, context.CancellationToken);
    }

    public static Google.Rpc.Status RichDetails()
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = "portfolio_id", Description = "must not be empty" });
        var errorInfo = new ErrorInfo { Reason = "PORTFOLIO_ID_MISSING", Domain = "lotus.core" };
        errorInfo.Metadata.Add("field", "portfolio_id");
        return new Google.Rpc.Status
        {
            Code = (int)StatusCode.InvalidArgument,
            Message = "Request is invalid.",
            Details = { Any.Pack(badRequest), Any.Pack(errorInfo) },
        };
    }
}
