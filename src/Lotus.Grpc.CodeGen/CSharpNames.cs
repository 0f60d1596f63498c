using Google.Protobuf.Reflection;

namespace Lotus.Grpc.CodeGen;

/// <summary>
/// The C# names protoc's C# generator gives to a file's declarations (src/google/protobuf/compiler/csharp,
/// csharp_helpers.cc), so generated services refer to the message classes Grpc.Tools produced.
/// </summary>
public static class CSharpNames
{
    /// <summary>
    /// csharp_namespace when set, else the package with each dot-separated part PascalCased
    /// (<c>lotus.core_api.v1</c> becomes <c>Lotus.CoreApi.V1</c>).
    /// </summary>
    public static string Namespace(FileDescriptorProto file)
    {
        if (file.Options is { HasCsharpNamespace: true })
        {
            return file.Options.CsharpNamespace;
        }

        return ToPascalCase(file.Package, preservePeriod: true);
    }

    /// <summary>The reflection holder class: file base name PascalCased plus <c>Reflection</c>.</summary>
    public static string ReflectionClass(FileDescriptorProto file) => FileBaseName(file) + "Reflection";

    /// <summary>The generated file's path: the proto's directory plus <c>&lt;Base&gt;Grpc.cs</c>.</summary>
    public static string OutputFile(FileDescriptorProto file)
    {
        var slash = file.Name.LastIndexOf('/');
        var directory = slash < 0 ? string.Empty : file.Name[..(slash + 1)];
        return directory + FileBaseName(file) + "Grpc.cs";
    }

    /// <summary>protoc's UnderscoresToPascalCase of the file name without directory and <c>.proto</c>.</summary>
    public static string FileBaseName(FileDescriptorProto file)
    {
        var name = file.Name;
        var slash = name.LastIndexOf('/');
        if (slash >= 0)
        {
            name = name[(slash + 1)..];
        }

        if (name.EndsWith(".proto", StringComparison.Ordinal))
        {
            name = name[..^".proto".Length];
        }

        return ToPascalCase(name, preservePeriod: false);
    }

    /// <summary>
    /// protoc's UnderscoresToCamelCase with the first letter capitalised: letters after a non-alphanumeric
    /// character or a digit are upper-cased, separators dropped (dots kept when <paramref name="preservePeriod"/>).
    /// </summary>
    public static string ToPascalCase(string input, bool preservePeriod)
    {
        var result = new System.Text.StringBuilder(input.Length);
        var capitalizeNext = true;
        foreach (var c in input)
        {
            if (c is >= 'a' and <= 'z')
            {
                result.Append(capitalizeNext ? (char)(c - 'a' + 'A') : c);
                capitalizeNext = false;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                result.Append(c);
                capitalizeNext = false;
            }
            else if (c is >= '0' and <= '9')
            {
                result.Append(c);
                capitalizeNext = true;
            }
            else
            {
                capitalizeNext = true;
                if (c == '.' && preservePeriod)
                {
                    result.Append('.');
                }
            }
        }

        return result.ToString();
    }
}
