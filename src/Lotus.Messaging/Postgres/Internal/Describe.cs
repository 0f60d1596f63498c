namespace Lotus.Messaging.Postgres.Internal;

/// <summary>Failure reasons as stored with failures and dead letters.</summary>
internal static class Describe
{
    private const int MaxLength = 4000;

    public static string Failure(Exception exception)
    {
        var text = $"{exception.GetType().FullName}: {exception.Message}";
        return text.Length <= MaxLength ? text : text[..MaxLength];
    }
}
