using System.Reflection;
using System.Text;
using Lotus.Domain.Values;

namespace Lotus.Domain.Tests;

/// <summary>
/// The domain's public surface is a reviewed text file (PublicAPI.txt beside this test): any change to
/// it shows up as a diff. On a mismatch the actual listing is written next to the test binary.
/// </summary>
[TestFixture]
public sealed class PublicApiTests
{
    [Test]
    public void PublicSurface_MatchesPublicApiTxt()
    {
        var actual = Describe(typeof(Decimal10).Assembly);
        var expectedPath = Path.Combine(TestContext.CurrentContext.TestDirectory, "PublicAPI.txt");
        var expected = File.ReadAllText(expectedPath).ReplaceLineEndings("\n");
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            File.WriteAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "PublicAPI.actual.txt"), actual);
        }

        Assert.That(actual, Is.EqualTo(expected));
    }

    private static string Describe(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            lines.Add($"type {type.FullName}");
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(flags))
            {
                if (member is MethodInfo { IsSpecialName: true } m && !m.Name.StartsWith("op_", StringComparison.Ordinal))
                {
                    continue;
                }

                if (member.Name is "<Clone>$" or "EqualityContract")
                {
                    continue;
                }

                lines.Add($"  {type.FullName}: {member.MemberType} {member}");
            }
        }

        lines.Sort(StringComparer.Ordinal);
        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            builder.Append(line).Append('\n');
        }

        return builder.ToString();
    }
}
