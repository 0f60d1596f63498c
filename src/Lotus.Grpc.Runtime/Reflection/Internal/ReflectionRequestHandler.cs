using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Reflection.V1;

namespace Lotus.Grpc.Reflection.Internal;

/// <summary>
/// Answers one reflection request (server-reflection.md). Errors are in-band error_response; the
/// stream itself stays OK. Files already sent on this stream are not repeated as dependencies, but
/// a file asked for by name is always included (buf curl requires it).
/// </summary>
internal sealed class ReflectionRequestHandler(DescriptorIndex index)
{
    public ServerReflectionResponse Handle(ServerReflectionRequest request, HashSet<string> sentFiles)
    {
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                Files(response, index.FindFile(request.FileByFilename), sentFiles, $"File not found: {request.FileByFilename}");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                Files(response, index.FindFileContainingSymbol(request.FileContainingSymbol), sentFiles, $"Symbol not found: {request.FileContainingSymbol}");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                var extension = request.FileContainingExtension;
                Files(
                    response,
                    index.FindFileContainingExtension(extension.ContainingType, extension.ExtensionNumber),
                    sentFiles,
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Extension not found: {extension.ContainingType} {extension.ExtensionNumber}"));
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                var numbers = index.FindExtensionNumbers(request.AllExtensionNumbersOfType);
                if (numbers is null)
                {
                    Error(response, StatusCode.NotFound, $"Type not found: {request.AllExtensionNumbersOfType}");
                }
                else
                {
                    response.AllExtensionNumbersResponse = new ExtensionNumberResponse
                    {
                        BaseTypeName = request.AllExtensionNumbersOfType.TrimStart('.'),
                        ExtensionNumber = { numbers },
                    };
                }

                break;
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                // The oneof case is set even when the string is empty (buf curl sends "").
                var list = new ListServiceResponse();
                foreach (var name in index.ServiceNames)
                {
                    list.Service.Add(new ServiceResponse { Name = name });
                }

                response.ListServicesResponse = list;
                break;
            default:
                Error(response, StatusCode.Unimplemented, "Unsupported reflection request.");
                break;
        }

        return response;
    }

    private static void Files(ServerReflectionResponse response, FileDescriptor? file, HashSet<string> sentFiles, string notFound)
    {
        if (file is null)
        {
            Error(response, StatusCode.NotFound, notFound);
            return;
        }

        var result = new FileDescriptorResponse();
        result.FileDescriptorProto.Add(file.SerializedData);
        sentFiles.Add(file.Name);
        AddDependencies(file, result, sentFiles);
        response.FileDescriptorResponse = result;
    }

    private static void AddDependencies(FileDescriptor file, FileDescriptorResponse result, HashSet<string> sentFiles)
    {
        foreach (var dependency in file.Dependencies)
        {
            if (sentFiles.Add(dependency.Name))
            {
                result.FileDescriptorProto.Add(dependency.SerializedData);
                AddDependencies(dependency, result, sentFiles);
            }
        }
    }

    private static void Error(ServerReflectionResponse response, StatusCode code, string message) =>
        response.ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message };
}

/// <summary>Converts between the identical v1 and v1alpha messages by their shared wire format.</summary>
internal static class ReflectionAlphaConversion
{
    public static ServerReflectionRequest ToV1(global::Grpc.Reflection.V1Alpha.ServerReflectionRequest request) =>
        ServerReflectionRequest.Parser.ParseFrom(request.ToByteString());

    public static global::Grpc.Reflection.V1Alpha.ServerReflectionResponse ToV1Alpha(ServerReflectionResponse response) =>
        global::Grpc.Reflection.V1Alpha.ServerReflectionResponse.Parser.ParseFrom(response.ToByteString());
}
