using Google.Protobuf.Reflection;

namespace Lotus.Grpc.CodeGen;

/// <summary>
/// Maps fully-qualified proto message names (<c>.pkg.Outer.Inner</c>) of every file in the request,
/// imports included, to global::-qualified C# class names: nested messages live in the outer class's
/// <c>Types</c> class, as protoc's C# generator lays them out.
/// </summary>
public sealed class TypeNameResolver
{
    private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);

    public TypeNameResolver(IEnumerable<FileDescriptorProto> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var file in files)
        {
            var ns = CSharpNames.Namespace(file);
            var protoPrefix = file.Package.Length == 0 ? "." : "." + file.Package + ".";
            var csharpPrefix = ns.Length == 0 ? "global::" : "global::" + ns + ".";
            foreach (var message in file.MessageType)
            {
                Add(message, protoPrefix, csharpPrefix);
            }
        }
    }

    /// <summary>The C# class of a message; throws when the request does not declare it.</summary>
    public string Resolve(string protoTypeName) =>
        names.TryGetValue(protoTypeName, out var name)
            ? name
            : throw new InvalidOperationException($"Message type '{protoTypeName}' is not declared by any file of the request.");

    private void Add(DescriptorProto message, string protoPrefix, string csharpPrefix)
    {
        var csharpName = csharpPrefix + message.Name;
        names[protoPrefix + message.Name] = csharpName;
        foreach (var nested in message.NestedType)
        {
            // Map entries are synthetic nested messages with no class of their own; skipping them is harmless.
            Add(nested, protoPrefix + message.Name + ".", csharpName + ".Types.");
        }
    }
}
