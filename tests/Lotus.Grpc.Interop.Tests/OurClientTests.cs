using Lotus.Grpc.Client;

namespace Lotus.Grpc.Interop.Tests;

/// <summary>Our .NET client runs every interop case against our own server.</summary>
[TestFixture]
[NonParallelizable]
public sealed class OurClientAgainstOurServerTests
{
    private InteropServer server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => server = await InteropServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopServer() => await server.DisposeAsync();

    [TestCaseSource(typeof(InteropCases), nameof(InteropCases.All))]
    public Task OurClient_PassesCase_AgainstOurServer(string caseName) => OurClient.RunAsync(server.Address, caseName);
}

/// <summary>Our .NET client runs every interop case against a Python grpcio server: a foreign server proves the client.</summary>
[TestFixture]
[NonParallelizable]
public sealed class OurClientAgainstGrpcioServerTests
{
    private PeerServer server = null!;

    [OneTimeSetUp]
    public void StartServer()
    {
        Peers.RequireGrpcio();
        server = PeerServer.Start("grpcio");
    }

    [OneTimeTearDown]
    public void StopServer() => server?.Dispose();

    [TestCaseSource(typeof(InteropCases), nameof(InteropCases.All))]
    public Task OurClient_PassesCase_AgainstGrpcioServer(string caseName) => OurClient.RunAsync(server.Address, caseName);
}

/// <summary>Our .NET client runs every interop case against a @grpc/grpc-js server.</summary>
[TestFixture]
[NonParallelizable]
public sealed class OurClientAgainstGrpcJsServerTests
{
    private PeerServer server = null!;

    [OneTimeSetUp]
    public void StartServer()
    {
        Peers.RequireNodePeers();
        server = PeerServer.Start("grpc-js");
    }

    [OneTimeTearDown]
    public void StopServer() => server?.Dispose();

    [TestCaseSource(typeof(InteropCases), nameof(InteropCases.All))]
    public Task OurClient_PassesCase_AgainstGrpcJsServer(string caseName) => OurClient.RunAsync(server.Address, caseName);
}

internal static class OurClient
{
    public static async Task RunAsync(string address, string caseName)
    {
        using var channel = GrpcChannel.ForAddress(address);
        await new DotnetInteropClient(channel).RunAsync(caseName);
    }
}
