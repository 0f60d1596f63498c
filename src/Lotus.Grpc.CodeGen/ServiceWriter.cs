using Google.Protobuf.Reflection;

namespace Lotus.Grpc.CodeGen;

/// <summary>
/// Writes one service: a static holder (service name, descriptor, one Method per rpc) containing the
/// abstract server base and the typed client.
/// </summary>
internal sealed class ServiceWriter(
    CodeWriter writer,
    FileDescriptorProto file,
    int serviceIndex,
    TypeNameResolver resolver,
    SourceComments comments,
    string reflectionClass)
{
    private const string Grpc = "global::Lotus.Grpc.";
    private const string Task = "global::System.Threading.Tasks.Task";

    private readonly ServiceDescriptorProto service = file.Service[serviceIndex];

    private string FullServiceName => file.Package.Length == 0 ? service.Name : file.Package + "." + service.Name;

    public void Write()
    {
        writer.DocComment(comments.ForService(serviceIndex));
        writer.Open($"public static partial class {service.Name}");
        writer.Line("/// <summary>Fully-qualified name of the service.</summary>")
            .Line($"public const string ServiceName = \"{FullServiceName}\";")
            .Line()
            .Line("/// <summary>The service's protobuf descriptor.</summary>")
            .Line($"public static global::Google.Protobuf.Reflection.ServiceDescriptor Descriptor => {reflectionClass}.Descriptor.Services[{serviceIndex}];");
        foreach (var rpc in service.Method)
        {
            var shape = Shape(rpc);
            writer.Line()
                .Line($"/// <summary>The {shape} rpc <c>{rpc.Name}</c>.</summary>")
                .Line($"public static readonly {MethodType(rpc)} {rpc.Name}Method = new(")
                .Line($"    {Grpc}MethodType.{shape},")
                .Line("    ServiceName,")
                .Line($"    \"{rpc.Name}\",")
                .Line($"    {Request(rpc)}.Parser,")
                .Line($"    {Response(rpc)}.Parser);");
        }

        writer.Line();
        WriteBase();
        writer.Line();
        WriteClient();
        writer.Close();
    }

    private void WriteBase()
    {
        writer.Line($"/// <summary>Base class of server implementations of {FullServiceName}: override every rpc.</summary>")
            .Open($"public abstract partial class {service.Name}Base : {Grpc}IBindableService");
        for (var i = 0; i < service.Method.Count; i++)
        {
            var rpc = service.Method[i];
            writer.DocComment(comments.ForMethod(serviceIndex, i));
            var context = $"{Grpc}ServerCallContext context";
            var signature = Shape(rpc) switch
            {
                "Unary" => $"{Task}<{Response(rpc)}> {rpc.Name}({Request(rpc)} request, {context})",
                "ClientStreaming" => $"{Task}<{Response(rpc)}> {rpc.Name}({Grpc}IAsyncStreamReader<{Request(rpc)}> requestStream, {context})",
                "ServerStreaming" => $"{Task} {rpc.Name}({Request(rpc)} request, {Grpc}IServerStreamWriter<{Response(rpc)}> responseStream, {context})",
                _ => $"{Task} {rpc.Name}({Grpc}IAsyncStreamReader<{Request(rpc)}> requestStream, {Grpc}IServerStreamWriter<{Response(rpc)}> responseStream, {context})",
            };
            writer.Line($"public abstract {signature};").Line();
        }

        writer.Line("/// <summary>Binds every rpc of the service to this implementation.</summary>")
            .Open($"public {Grpc}ServerServiceDefinition BindService()")
            .Line($"return {Grpc}ServerServiceDefinition.CreateBuilder(Descriptor)");
        foreach (var rpc in service.Method)
        {
            var handler = $"{Grpc}{Shape(rpc)}ServerMethod<{Request(rpc)}, {Response(rpc)}>";
            writer.Line($"    .AddMethod({rpc.Name}Method, new {handler}({rpc.Name}))");
        }

        writer.Line("    .Build();")
            .Close()
            .Close();
    }

    private void WriteClient()
    {
        writer.Line($"/// <summary>Client of {FullServiceName}.</summary>")
            .Open($"public partial class {service.Name}Client")
            .Open($"public {service.Name}Client({Grpc}CallInvoker callInvoker)")
            .Line("global::System.ArgumentNullException.ThrowIfNull(callInvoker);")
            .Line("CallInvoker = callInvoker;")
            .Close()
            .Line()
            .Line("/// <summary>Starts the calls of this client.</summary>")
            .Line($"public {Grpc}CallInvoker CallInvoker {{ get; }}");
        var options = $"{Grpc}CallOptions options = default";
        for (var i = 0; i < service.Method.Count; i++)
        {
            var rpc = service.Method[i];
            writer.Line();
            writer.DocComment(comments.ForMethod(serviceIndex, i));
            var (req, resp) = (Request(rpc), Response(rpc));
            var line = Shape(rpc) switch
            {
                "Unary" => $"public virtual {Grpc}AsyncUnaryCall<{resp}> {rpc.Name}Async({req} request, {options}) => CallInvoker.AsyncUnaryCall({rpc.Name}Method, request, options);",
                "ServerStreaming" => $"public virtual {Grpc}AsyncServerStreamingCall<{resp}> {rpc.Name}({req} request, {options}) => CallInvoker.AsyncServerStreamingCall({rpc.Name}Method, request, options);",
                "ClientStreaming" => $"public virtual {Grpc}AsyncClientStreamingCall<{req}, {resp}> {rpc.Name}({options}) => CallInvoker.AsyncClientStreamingCall({rpc.Name}Method, options);",
                _ => $"public virtual {Grpc}AsyncDuplexStreamingCall<{req}, {resp}> {rpc.Name}({options}) => CallInvoker.AsyncDuplexStreamingCall({rpc.Name}Method, options);",
            };
            writer.Line(line);
        }

        writer.Close();
    }

    private string Request(MethodDescriptorProto rpc) => resolver.Resolve(rpc.InputType);

    private string Response(MethodDescriptorProto rpc) => resolver.Resolve(rpc.OutputType);

    private string MethodType(MethodDescriptorProto rpc) => $"{Grpc}Method<{Request(rpc)}, {Response(rpc)}>";

    /// <summary>The MethodType member and delegate-name prefix of an rpc's shape.</summary>
    private static string Shape(MethodDescriptorProto rpc) => (rpc.ClientStreaming, rpc.ServerStreaming) switch
    {
        (false, false) => "Unary",
        (true, false) => "ClientStreaming",
        (false, true) => "ServerStreaming",
        _ => "DuplexStreaming",
    };
}
