using Lotus.Grpc.Transcoding.Internal.Routing;

namespace Lotus.Grpc.Transcoding.Tests;

[TestFixture]
public sealed class HttpRouteMatcherTests
{
    private static Dictionary<string, string>? Match(string template, string path) =>
        HttpRouteMatcher.TryMatch(HttpRoutePatternParser.Parse(template), path, out var values) ? values : null;

    [Test]
    public void SingleSegmentVariable_IsFullyDecoded()
    {
        var values = Match("/portfolios/{portfolio_id}/positions", "/portfolios/P%2F1%20%C3%A9/positions");

        Assert.That(values, Is.Not.Null);
        Assert.That(values!["portfolio_id"], Is.EqualTo("P/1 é"));
    }

    [Test]
    public void MultiSegmentVariable_KeepsEncodedSlash()
    {
        var values = Match("/v1/{name=shelves/*/items/*}", "/v1/shelves/a%2Fb/items/c%20d");

        Assert.That(values!["name"], Is.EqualTo("shelves/a%2Fb/items/c d"));
    }

    [Test]
    public void CatchAll_TakesTheRestIncludingNothing()
    {
        Assert.That(Match("/v1/files/{path=**}", "/v1/files/a/b/c.txt")!["path"], Is.EqualTo("a/b/c.txt"));
        Assert.That(Match("/v1/files/{path=**}", "/v1/files")!["path"], Is.EqualTo(string.Empty));
    }

    [Test]
    public void Verb_MustBePresentAndIsStripped()
    {
        Assert.That(Match("/v1/items/{id}:archive", "/v1/items/42:archive")!["id"], Is.EqualTo("42"));
        Assert.That(Match("/v1/items/{id}:archive", "/v1/items/42"), Is.Null);
        Assert.That(Match("/v1/items/{id}:archive", "/v1/items/42:delete"), Is.Null);
    }

    [Test]
    public void WithoutVerb_ColonBelongsToTheValue()
    {
        Assert.That(Match("/v1/items/{id}", "/v1/items/a:b")!["id"], Is.EqualTo("a:b"));
    }

    [TestCase("/v1/items/{id}", "/v1/items")]
    [TestCase("/v1/items/{id}", "/v1/items/1/2")]
    [TestCase("/v1/items/{id}", "/v1/things/1")]
    [TestCase("/v1/items/{id}", "/v1/items/")]
    [TestCase("/v1/{name=shelves/*}", "/v1/books/1")]
    public void NonMatchingPath_IsRejected(string template, string path)
    {
        Assert.That(Match(template, path), Is.Null);
    }

    [TestCase("a%", "a%")]
    [TestCase("a%2", "a%2")]
    [TestCase("%zz%41", "%zzA")]
    [TestCase("x😀%F0%9F%98%80", "x😀😀")]
    public void Decode_KeepsInvalidEscapesAndNonAsciiText(string raw, string decoded)
    {
        Assert.That(HttpRouteMatcher.Decode(raw, keepSlash: false), Is.EqualTo(decoded));
    }

    [Test]
    public void AspNetPattern_HasLiteralsParametersAndVerb()
    {
        Assert.That(AspNetRoutePattern.From(HttpRoutePatternParser.Parse("/v1/{name=shelves/*}:watch")), Is.EqualTo("/v1/shelves/{p2}:watch"));
        Assert.That(AspNetRoutePattern.From(HttpRoutePatternParser.Parse("/v1/files/{path=**}")), Is.EqualTo("/v1/files/{**rest}"));
    }
}
