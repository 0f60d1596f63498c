using Lotus.Grpc.Transcoding.Internal.Binding;

namespace Lotus.Grpc.Transcoding.Internal.CallHandlers;

/// <summary>
/// Creates the typed handler for a bound rpc. Only unary and server-streaming rpcs are transcoded
/// (as in ASP.NET Core); client and bidirectional streaming have no REST form.
/// </summary>
internal static class CallHandlerFactory
{
    public static ICallHandler Create(ServerMethodDefinition definition, HttpBinding binding, TranscodingRuntime runtime)
    {
        var type = definition.GetType();
        if (type.IsGenericType)
        {
            var generic = type.GetGenericTypeDefinition();
            var arguments = type.GetGenericArguments();
            Type? handlerType = null;
            if (generic == typeof(ServerMethodDefinition.Unary<,>))
            {
                handlerType = typeof(UnaryCallHandler<,>);
            }
            else if (generic == typeof(ServerMethodDefinition.ServerStreaming<,>))
            {
                handlerType = typeof(ServerStreamingCallHandler<,>);
            }

            if (handlerType is not null)
            {
                var typedMethod = type.GetProperty("TypedMethod")!.GetValue(definition);
                var handler = type.GetProperty("Handler")!.GetValue(definition);
                return (ICallHandler)Activator.CreateInstance(handlerType.MakeGenericType(arguments), typedMethod, handler, binding, runtime)!;
            }
        }

        throw new InvalidOperationException(
            $"Invalid google.api.http binding of {definition.Method.FullName} '{binding.Pattern.Template}': "
            + $"{definition.Method.Type} rpcs cannot be transcoded; mark them (lotus.api.v1.grpc_only) = true instead.");
    }
}
