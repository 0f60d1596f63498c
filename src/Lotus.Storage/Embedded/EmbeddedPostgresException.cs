namespace Lotus.Storage.Embedded;

/// <summary>The private PostgreSQL cluster cannot be set up or run; the message says what to do.</summary>
public sealed class EmbeddedPostgresException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EmbeddedPostgresException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public EmbeddedPostgresException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public EmbeddedPostgresException()
    {
    }
}
