using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace Lotus.Grpc.Reflection.Internal;

/// <summary>
/// Every file reachable from the mapped services (transitive imports, by their exact import names)
/// plus descriptor.proto and the well-known types, with lookups by file name, symbol and extension.
/// Symbols: services, methods, messages (nested too), enums, enum values, fields, extensions
/// (server-reflection.md; C++ and Go resolve the same set).
/// </summary>
internal sealed class DescriptorIndex
{
    private static readonly FileDescriptor[] AlwaysServed =
    [
        DescriptorReflection.Descriptor,
        AnyReflection.Descriptor,
        ApiReflection.Descriptor,
        DurationReflection.Descriptor,
        EmptyReflection.Descriptor,
        FieldMaskReflection.Descriptor,
        SourceContextReflection.Descriptor,
        StructReflection.Descriptor,
        TimestampReflection.Descriptor,
        TypeReflection.Descriptor,
        WrappersReflection.Descriptor,
    ];

    private readonly Dictionary<string, FileDescriptor> files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MessageDescriptor> messages = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Extendee, int Number), FileDescriptor> extensions = [];

    public DescriptorIndex(IEnumerable<ServiceDescriptor> services)
    {
        var names = new List<string>();
        foreach (var service in services)
        {
            names.Add(service.FullName);
            AddFile(service.File);
        }

        foreach (var file in AlwaysServed)
        {
            AddFile(file);
        }

        ServiceNames = names;
    }

    /// <summary>Full names of the mapped services, in mapping order.</summary>
    public IReadOnlyList<string> ServiceNames { get; }

    public FileDescriptor? FindFile(string name) => files.GetValueOrDefault(name);

    public FileDescriptor? FindFileContainingSymbol(string symbol) => symbols.GetValueOrDefault(symbol.TrimStart('.'));

    public FileDescriptor? FindFileContainingExtension(string extendee, int number) =>
        extensions.GetValueOrDefault((extendee.TrimStart('.'), number));

    /// <summary>Extension numbers known for a message type, or null when the type is unknown.</summary>
    public List<int>? FindExtensionNumbers(string extendee)
    {
        var name = extendee.TrimStart('.');
        if (!messages.ContainsKey(name))
        {
            return null;
        }

        var numbers = new List<int>();
        foreach (var key in extensions.Keys)
        {
            if (string.Equals(key.Extendee, name, StringComparison.Ordinal))
            {
                numbers.Add(key.Number);
            }
        }

        numbers.Sort();
        return numbers;
    }

    private void AddFile(FileDescriptor file)
    {
        if (!files.TryAdd(file.Name, file))
        {
            return;
        }

        foreach (var dependency in file.Dependencies)
        {
            AddFile(dependency);
        }

        foreach (var service in file.Services)
        {
            symbols.TryAdd(service.FullName, file);
            foreach (var method in service.Methods)
            {
                symbols.TryAdd(method.FullName, file);
            }
        }

        foreach (var message in file.MessageTypes)
        {
            AddMessage(file, message);
        }

        foreach (var enumType in file.EnumTypes)
        {
            AddEnum(file, enumType, file.Package);
        }

        AddExtensions(file, file.Extensions.UnorderedExtensions);
    }

    private void AddMessage(FileDescriptor file, MessageDescriptor message)
    {
        symbols.TryAdd(message.FullName, file);
        messages.TryAdd(message.FullName, message);
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            symbols.TryAdd(field.FullName, file);
        }

        foreach (var nested in message.NestedTypes)
        {
            AddMessage(file, nested);
        }

        foreach (var enumType in message.EnumTypes)
        {
            AddEnum(file, enumType, message.FullName);
        }

        AddExtensions(file, message.Extensions.UnorderedExtensions);
    }

    private void AddEnum(FileDescriptor file, EnumDescriptor enumType, string scope)
    {
        symbols.TryAdd(enumType.FullName, file);
        foreach (var value in enumType.Values)
        {
            // protoc scopes enum values beside their enum (C++ rules); accept the enum-qualified form too.
            symbols.TryAdd(string.IsNullOrEmpty(scope) ? value.Name : scope + "." + value.Name, file);
            symbols.TryAdd(enumType.FullName + "." + value.Name, file);
        }
    }

    private void AddExtensions(FileDescriptor file, IEnumerable<FieldDescriptor> fields)
    {
        foreach (var extension in fields)
        {
            symbols.TryAdd(extension.FullName, file);
            extensions.TryAdd((extension.ExtendeeType.FullName, extension.FieldNumber), file);
        }
    }
}
