using Lotus.Grpc.Transcoding.Internal.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lotus.Grpc.Transcoding.Internal;

/// <summary>What every call handler of one mapping shares: JSON settings, interceptors, error hook, log.</summary>
internal sealed class TranscodingRuntime(
    TranscodingJson json,
    IReadOnlyList<IServerInterceptor> interceptors,
    Func<Status, HttpContext, IResult?>? errorResult,
    ILogger logger)
{
    public TranscodingJson Json { get; } = json;

    public IReadOnlyList<IServerInterceptor> Interceptors { get; } = interceptors;

    public Func<Status, HttpContext, IResult?>? ErrorResult { get; } = errorResult;

    public ILogger Logger { get; } = logger;
}
