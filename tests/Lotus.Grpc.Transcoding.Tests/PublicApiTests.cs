using System.Reflection;

namespace Lotus.Grpc.Transcoding.Tests;

/// <summary>
/// The public surface of Lotus.Grpc.Transcoding is a reviewed list (style-anchors.md habit 1):
/// any change to it must change src/Lotus.Grpc.Transcoding/PublicAPI.txt in the same commit.
/// </summary>
[TestFixture]
public sealed class PublicApiTests
{
    [Test]
    public void PublicSurface_MatchesPublicApiFile()
    {
        var assembly = typeof(TranscodingOptions).Assembly;
        var actual = new List<string>();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            actual.Add("type " + type.FullName);
            var members = type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m is not MethodInfo { IsSpecialName: true })
                .Select(m => $"  {m.MemberType} {m}")
                .OrderBy(s => s, StringComparer.Ordinal);
            actual.AddRange(members);
        }

        var file = Path.Combine(TestContext.CurrentContext.TestDirectory, "PublicAPI.txt");
        var expected = File.ReadAllLines(file).Where(l => l.Length > 0).ToList();

        Assert.That(actual, Is.EqualTo(expected), "Public API changed; actual:\n" + string.Join('\n', actual));
    }
}
