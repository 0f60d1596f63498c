using Google.Protobuf.Compiler;
using Google.Protobuf.Reflection;

namespace Lotus.Grpc.CodeGen.Tests.Plugin;

/// <summary>CodeGeneratorRequests built from compiled descriptors (a FileDescriptorSet in dependency order).</summary>
internal static class DescriptorRequests
{
    public static FileDescriptorSet SetOf(FileDescriptor file)
    {
        var set = new FileDescriptorSet();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Add(file, set, seen);
        return set;
    }

    public static CodeGeneratorRequest For(FileDescriptor file)
    {
        var request = new CodeGeneratorRequest();
        request.ProtoFile.AddRange(SetOf(file).File);
        request.FileToGenerate.Add(file.Name);
        return request;
    }

    private static void Add(FileDescriptor file, FileDescriptorSet set, HashSet<string> seen)
    {
        if (!seen.Add(file.Name))
        {
            return;
        }

        foreach (var dependency in file.Dependencies)
        {
            Add(dependency, set, seen);
        }

        set.File.Add(FileDescriptorProto.Parser.ParseFrom(file.SerializedData));
    }
}
