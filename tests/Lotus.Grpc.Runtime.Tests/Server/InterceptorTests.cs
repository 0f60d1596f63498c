using System.Collections.Concurrent;
using Lotus.Grpc.Server;
using Lotus.Grpc.Tests.Infrastructure;
using Lotus.Grpc.Tests.V1;
using Microsoft.Extensions.DependencyInjection;

namespace Lotus.Grpc.Tests.Server;

[TestFixture]
public sealed class InterceptorTests : KestrelTestBase
{
    private static readonly ConcurrentQueue<string> Trace = new();

    protected override void ConfigureGrpc(GrpcServerOptions options)
    {
        options.Interceptors.Add(new RecordingInterceptor("outer"));
        options.Interceptors.Add<AuthenticationInterceptor>();
        options.Interceptors.Add(new RecordingInterceptor("inner"));
        options.Interceptors.Add<UnregisteredInterceptor>();
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<AuthenticationInterceptor>();

    [SetUp]
    public void ClearTrace() => Trace.Clear();

    [Test]
    public async Task Interceptors_RunInRegistrationOrderAroundTheCallWithItsContext()
    {
        using var response = await Client.PostAsync(
            "/lotus.test.v1.TestService/Unary",
            new EchoRequest { Text = "hi" },
            r => r.Headers.TryAddWithoutValidation("x-correlation-id", "trace-1"));

        await GrpcTestClient.ReadMessagesAsync(response, EchoReply.Parser);
        response.AssertTrailerStatus(StatusCode.OK);
        Assert.That(Trace, Is.EqualTo(new[]
        {
            "outer>/lotus.test.v1.TestService/Unary trace-1",
            "auth",
            "inner>/lotus.test.v1.TestService/Unary trace-1",
            "unregistered",
            "inner<",
            "outer<",
        }));
    }

    [Test]
    public async Task InterceptorThrowsRpcException_EndsTheCallWithItsStatusBeforeTheHandler()
    {
        using var response = await Client.PostAsync(
            "/lotus.test.v1.TestService/Unary",
            new EchoRequest { Text = "hi" },
            r => r.Headers.TryAddWithoutValidation("authorization", "deny"));

        await response.AssertTrailersOnlyAsync(StatusCode.Unauthenticated, "denied");
        Assert.That(Trace, Does.Not.Contain("inner<"));
    }

    private sealed class RecordingInterceptor(string name) : IServerInterceptor
    {
        public async Task InterceptAsync(ServerCallContext context, Func<Task> next)
        {
            Trace.Enqueue($"{name}>{context.Method.FullName} {context.CorrelationId}");
            try
            {
                await next();
            }
            finally
            {
                Trace.Enqueue(name + "<");
            }
        }
    }

    private sealed class AuthenticationInterceptor : IServerInterceptor
    {
        public Task InterceptAsync(ServerCallContext context, Func<Task> next)
        {
            Trace.Enqueue("auth");
            if (context.RequestHeaders.GetValue("authorization") == "deny")
            {
                throw new RpcException(StatusCode.Unauthenticated, "denied");
            }

            return next();
        }
    }

    /// <summary>Not registered in DI: created per call with its dependencies injected.</summary>
    private sealed class UnregisteredInterceptor(AuthenticationInterceptor dependency) : IServerInterceptor
    {
        public Task InterceptAsync(ServerCallContext context, Func<Task> next)
        {
            Assert.That(dependency, Is.Not.Null);
            Trace.Enqueue("unregistered");
            return next();
        }
    }
}
