namespace Lotus.Grpc.CodeGen.Tests.Generated;

/// <summary>Finds the files the build generated for this project (obj/&lt;config&gt;/&lt;tfm&gt;/lotusgrpc).</summary>
internal static class GeneratedSource
{
    public static string PathOf(string relative)
    {
        // bin/<config>/<tfm>/ mirrors obj/<config>/<tfm>/.
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        var tfm = output.Name;
        var config = output.Parent!.Name;
        var project = output.Parent.Parent!.Parent!.FullName;
        var path = Path.Combine(project, "obj", config, tfm, "lotusgrpc", relative);
        return File.Exists(path) ? path : throw new FileNotFoundException("Generated file not found.", path);
    }
}
