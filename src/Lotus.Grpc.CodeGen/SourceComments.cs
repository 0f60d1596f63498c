using Google.Protobuf.Reflection;

namespace Lotus.Grpc.CodeGen;

/// <summary>Leading comments from a file's SourceCodeInfo, found by descriptor path.</summary>
internal sealed class SourceComments
{
    // Field numbers in descriptor.proto: FileDescriptorProto.service = 6, ServiceDescriptorProto.method = 2.
    private const int FileServiceField = 6;
    private const int ServiceMethodField = 2;

    private readonly Dictionary<string, string> leading = new(StringComparer.Ordinal);

    public SourceComments(FileDescriptorProto file)
    {
        if (file.SourceCodeInfo is null)
        {
            return;
        }

        foreach (var location in file.SourceCodeInfo.Location)
        {
            if (location.HasLeadingComments)
            {
                leading[Key(location.Path)] = location.LeadingComments;
            }
        }
    }

    public string? ForService(int serviceIndex) => Find([FileServiceField, serviceIndex]);

    public string? ForMethod(int serviceIndex, int methodIndex) => Find([FileServiceField, serviceIndex, ServiceMethodField, methodIndex]);

    private string? Find(int[] path) => leading.GetValueOrDefault(Key(path));

    private static string Key(IEnumerable<int> path) => string.Join(",", path);
}
