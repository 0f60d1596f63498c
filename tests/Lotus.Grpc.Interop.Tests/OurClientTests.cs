using Lotus.Grpc.Client;

namespace Lotus.Grpc.Interop.Tests;

/// <summary>Our .NET client runs every interop case against our server and against foreign servers.</summary>
[TestFixture]
[NonParallelizable]
public sealed class OurClientTests
{
    private InteropServer ours = null!;
    private PeerServer? grpcio;
    private PeerServer? grpcJs;

    [OneTimeSetUp]
    public async Task StartServers()
    {
        ours = await InteropServer.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopServers()
    {
        grpcio?.Dispose();
        grpcJs?.Dispose();
        await ours.DisposeAsync();
    }

    [TestCaseSource(typeof(InteropCases), nameof(InteropCases.All))]
    public async Task OurClient_PassesCase_AgainstOurServer(string caseName) => await RunAsync(ours.Address, caseName);

    [TestCaseSource(typeof(InteropCases), nameof(InteropCases.All))]
    public async Task OurClient_PassesCase_AgainstGrpcioServer(string caseName)
    {
        Peers.RequireGrpcio();
        grpcio ??= PeerServer.Start("grpcio");
        await RunAsync(grpcio.Address, caseName);
    }

    [TestCaseSource(typeof(InteropCases), nameof(InteropCases.All))]
    public async Task OurClient_PassesCase_AgainstGrpcJsServer(string caseName)
    {
        Peers.RequireNodePeers();
        grpcJs ??= PeerServer.Start("grpc-js");
        await RunAsync(grpcJs.Address, caseName);
    }

    private static async Task RunAsync(string address, string caseName)
    {
        using var channel = GrpcChannel.ForAddress(address);
        await new DotnetInteropClient(channel).RunAsync(caseName);
    }
}
