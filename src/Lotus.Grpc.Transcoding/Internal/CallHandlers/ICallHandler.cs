using Lotus.Grpc.Transcoding.Internal.Binding;
using Microsoft.AspNetCore.Http;

namespace Lotus.Grpc.Transcoding.Internal.CallHandlers;

/// <summary>Serves one REST binding of an rpc whose path already matched.</summary>
internal interface ICallHandler
{
    HttpBinding Binding { get; }

    Task HandleAsync(HttpContext httpContext, IReadOnlyDictionary<string, string> pathValues);
}
