using System.Text.Json;

namespace Lotus.Grpc.Interop.Tests;

/// <summary>buf curl (connect-go's gRPC client) against our server, with the schema from reflection alone.</summary>
[TestFixture]
[NonParallelizable]
public sealed class BufCurlTests
{
    private InteropServer server = null!;

    public static IEnumerable<string> Cases()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Peers.InteropDir, "node", "buf-curl-cases.json")));
        var root = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement : doc.RootElement.GetProperty("cases");
        return root.EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray();
    }

    [OneTimeSetUp]
    public async Task StartServer() => server = await InteropServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopServer() => await server.DisposeAsync();

    [TestCaseSource(nameof(Cases))]
    public void BufCurl_PassesCase_AgainstOurServerByReflection(string caseName)
    {
        Peers.RequireNodePeers();
        var result = Peers.RunBufCurlCase(server.Target, caseName);
        Assert.That(result.Passed, Is.True, result.Describe());
    }
}
