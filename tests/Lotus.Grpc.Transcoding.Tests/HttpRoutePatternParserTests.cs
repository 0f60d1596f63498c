using Lotus.Grpc.Transcoding.Internal.Routing;

namespace Lotus.Grpc.Transcoding.Tests;

[TestFixture]
public sealed class HttpRoutePatternParserTests
{
    [Test]
    public void LiteralSegments_ParseInOrder()
    {
        var pattern = HttpRoutePatternParser.Parse("/v1/portfolios/list");

        Assert.That(pattern.Segments, Is.EqualTo(new[] { "v1", "portfolios", "list" }));
        Assert.That(pattern.Variables, Is.Empty);
        Assert.That(pattern.Verb, Is.Null);
    }

    [Test]
    public void SimpleVariable_MeansSingleWildcard()
    {
        var pattern = HttpRoutePatternParser.Parse("/portfolios/{portfolio_id}/positions");

        Assert.That(pattern.Segments, Is.EqualTo(new[] { "portfolios", "*", "positions" }));
        Assert.That(pattern.Variables, Has.Count.EqualTo(1));
        Assert.That(pattern.Variables[0].FieldPathText, Is.EqualTo("portfolio_id"));
        Assert.That((pattern.Variables[0].StartSegment, pattern.Variables[0].EndSegment), Is.EqualTo((1, 2)));
    }

    [Test]
    public void VariableWithNestedPathAndPattern_SpansItsSegments()
    {
        var pattern = HttpRoutePatternParser.Parse("/v1/{item.name=shelves/*/items/*}");

        Assert.That(pattern.Segments, Is.EqualTo(new[] { "v1", "shelves", "*", "items", "*" }));
        Assert.That(pattern.Variables[0].FieldPath, Is.EqualTo(new[] { "item", "name" }));
        Assert.That((pattern.Variables[0].StartSegment, pattern.Variables[0].EndSegment), Is.EqualTo((1, 5)));
        Assert.That(pattern.Variables[0].IsMultiSegment(pattern), Is.True);
    }

    [Test]
    public void MultiWildcardAndVerb_AreRecognised()
    {
        var pattern = HttpRoutePatternParser.Parse("/v1/files/{path=**}:download");

        Assert.That(pattern.Segments, Is.EqualTo(new[] { "v1", "files", "**" }));
        Assert.That(pattern.EndsWithMultiWildcard, Is.True);
        Assert.That(pattern.Verb, Is.EqualTo("download"));
    }

    [Test]
    public void BareWildcards_AreSegments()
    {
        var pattern = HttpRoutePatternParser.Parse("/v1/*/things/**");

        Assert.That(pattern.Segments, Is.EqualTo(new[] { "v1", "*", "things", "**" }));
        Assert.That(pattern.Variables, Is.Empty);
    }

    [Test]
    public void VerbAfterVariable_IsNotPartOfIt()
    {
        var pattern = HttpRoutePatternParser.Parse("/v1/items/{item_id}:archive");

        Assert.That(pattern.Segments, Is.EqualTo(new[] { "v1", "items", "*" }));
        Assert.That(pattern.Verb, Is.EqualTo("archive"));
    }

    [TestCase("v1/items", "expected '/'")]
    [TestCase("/v1/{name", "expected '}'")]
    [TestCase("/v1/**/items", "'**' must be the last segment")]
    [TestCase("/v1/{a={b}}", "variables cannot nest")]
    [TestCase("/v1//items", "expected a segment")]
    [TestCase("/v1/{1abc}", "expected a field name")]
    [TestCase("/v1/{a}/{a}", "bound by more than one variable")]
    [TestCase("/v1/items:", "expected a verb")]
    [TestCase("/v1/items/", "expected a segment")]
    [TestCase("/v1/it ems", "unexpected ' '")]
    [TestCase("/v1/{a.}", "expected a field name")]
    public void InvalidTemplate_FailsWithTemplateText(string template, string reason)
    {
        var error = Assert.Throws<InvalidOperationException>(() => HttpRoutePatternParser.Parse(template));

        Assert.That(error!.Message, Does.Contain($"'{template}'"));
        Assert.That(error.Message, Does.Contain(reason));
    }
}
