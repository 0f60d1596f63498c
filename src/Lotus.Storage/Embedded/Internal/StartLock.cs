namespace Lotus.Storage.Embedded.Internal;

/// <summary>
/// Serialises processes setting up the same data directory (two hosts starting at once must not
/// both run initdb or pg_ctl start): an exclusive lock on <c>&lt;data&gt;.lock</c> beside it, which
/// .NET takes with flock on Unix and the OS drops if the process dies.
/// </summary>
internal sealed class StartLock : IDisposable
{
    private readonly FileStream _stream;

    private StartLock(FileStream stream) => _stream = stream;

    public static async Task<StartLock> AcquireAsync(string dataDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var path = dataDirectory + ".lock";
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new StartLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new EmbeddedPostgresException(
                    $"Another process has been setting up {dataDirectory} for longer than {timeout.TotalSeconds:0} s (lock {path} held).", ex);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
