namespace Lotus.Storage;

/// <summary>The database schema and this build's migrations disagree; start-up must stop.</summary>
public sealed class MigrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MigrationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the failing cause.</summary>
    public MigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public MigrationException()
    {
    }
}
