// protoc-gen-lotus: reads a CodeGeneratorRequest on stdin, writes a CodeGeneratorResponse on stdout
// (google/protobuf/compiler/plugin.proto). Errors go into the response, never an exit code, as protoc expects.
using Google.Protobuf;
using Google.Protobuf.Compiler;
using Lotus.Grpc.CodeGen;

CodeGeneratorRequest request;
using (var stdin = Console.OpenStandardInput())
{
    request = CodeGeneratorRequest.Parser.ParseFrom(stdin);
}

var response = ServiceCodeGenerator.Generate(request);
using (var stdout = Console.OpenStandardOutput())
{
    response.WriteTo(stdout);
}

return 0;
