namespace Lotus.Grpc.Interop.Tests;

/// <summary>Python grpcio and @grpc/grpc-js clients run every interop case against our server.</summary>
[TestFixture]
[NonParallelizable]
public sealed class PeerClientsAgainstOurServerTests
{
    private InteropServer server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => server = await InteropServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopServer() => await server.DisposeAsync();

    [TestCaseSource(typeof(InteropCases), nameof(InteropCases.All))]
    public void GrpcioClient_PassesCase_AgainstOurServer(string caseName)
    {
        Peers.RequireGrpcio();
        var result = Peers.RunClient("grpcio", server.Target, caseName);
        Assert.That(result.Passed, Is.True, result.Describe());
    }

    [TestCaseSource(typeof(InteropCases), nameof(InteropCases.All))]
    public void GrpcJsClient_PassesCase_AgainstOurServer(string caseName)
    {
        Peers.RequireNodePeers();
        var result = Peers.RunClient("grpc-js", server.Target, caseName);
        Assert.That(result.Passed, Is.True, result.Describe());
    }
}
