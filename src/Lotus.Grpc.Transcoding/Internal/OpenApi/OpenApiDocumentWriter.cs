using System.Globalization;
using System.Text.Json;
using Google.Protobuf.Reflection;
using Lotus.Grpc.Transcoding.Internal.Binding;
using Lotus.Grpc.Transcoding.Internal.Routing;

namespace Lotus.Grpc.Transcoding.Internal.OpenApi;

/// <summary>
/// Writes an OpenAPI 3.0 document from service descriptors and their google.api.http bindings:
/// one operation per binding, path and query parameters, the request body, the 200 response
/// (NDJSON for server streams) and a default error response carrying google.rpc.Status.
/// </summary>
internal static class OpenApiDocumentWriter
{
    public const string Version = "3.0.3";

    private const string NdjsonMediaType = "application/x-ndjson";
    private const string JsonMediaType = "application/json";
    private const int MaxQueryDepth = 4;

    public static byte[] Write(IReadOnlyList<ServiceDescriptor> services, string title, string version)
    {
        var schemas = new OpenApiSchemaWriter();
        schemas.Add(Google.Rpc.Status.Descriptor);
        var operations = new SortedDictionary<string, List<(string Verb, HttpBinding Binding, int Index)>>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            foreach (var method in service.Methods)
            {
                var bindings = HttpBindingFactory.Create(method);
                for (var index = 0; index < bindings.Count; index++)
                {
                    var binding = bindings[index];
                    var path = PathOf(binding.Pattern);
                    if (!operations.TryGetValue(path, out var list))
                    {
                        operations[path] = list = [];
                    }

                    var verb = binding.HttpMethod == HttpBinding.AnyMethod ? "post" : binding.HttpMethod.ToLowerInvariant();
                    list.Add((verb, binding, index));
                    schemas.Add(method.InputType);
                    schemas.Add(method.OutputType);
                }
            }
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("openapi", Version);
            writer.WriteStartObject("info");
            writer.WriteString("title", title);
            writer.WriteString("version", version);
            writer.WriteString("description", Description);
            writer.WriteEndObject();
            writer.WriteStartObject("paths");
            foreach (var (path, list) in operations)
            {
                writer.WriteStartObject(path);
                var usedVerbs = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (verb, binding, index) in list)
                {
                    // Two bindings with one path and verb cannot both be described; the first wins.
                    if (usedVerbs.Add(verb))
                    {
                        WriteOperation(writer, verb, binding, index);
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteStartObject("components");
            schemas.WriteComponents(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private const string Description =
        "REST surface derived from the google.api.http annotations of the gRPC services. JSON is the proto3 "
        + "mapping with proto field names (snake_case); decimals are JSON strings (format: decimal), business "
        + "dates \"YYYY-MM-DD\" strings (format: date), enums their names, 64-bit integers strings. Unknown JSON "
        + "fields and query parameters are rejected with INVALID_ARGUMENT (400). Errors carry a google.rpc.Status. "
        + "Server-streaming rpcs answer application/x-ndjson, one message per line; an error after the first "
        + "line is the last line (a google.rpc.Status).";

    /// <summary>The template as an OpenAPI path: each variable one parameter, bare wildcards numbered.</summary>
    public static string PathOf(HttpRoutePattern pattern)
    {
        var parts = new List<string>();
        for (var i = 0; i < pattern.Segments.Count;)
        {
            var variable = pattern.Variables.FirstOrDefault(v => v.StartSegment == i);
            if (variable is not null)
            {
                parts.Add("{" + variable.FieldPathText + "}");
                i = variable.EndSegment;
                continue;
            }

            var segment = pattern.Segments[i];
            parts.Add(HttpRoutePattern.IsWildcard(segment) ? "{" + WildcardName(i) + "}" : segment);
            i++;
        }

        return "/" + string.Join('/', parts) + (pattern.Verb is null ? string.Empty : ":" + pattern.Verb);
    }

    private static string WildcardName(int index) => "wildcard" + index.ToString(CultureInfo.InvariantCulture);

    /// <param name="index">0 for the rule itself, n for its n-th additional binding.</param>
    private static void WriteOperation(Utf8JsonWriter writer, string verb, HttpBinding binding, int index)
    {
        var method = binding.Method;
        writer.WriteStartObject(verb);
        var operationId = method.Service.Name + "_" + method.Name;
        if (index > 0)
        {
            operationId += "_" + index.ToString(CultureInfo.InvariantCulture);
        }

        writer.WriteString("operationId", operationId);
        writer.WriteStartArray("tags");
        writer.WriteStringValue(method.Service.FullName);
        writer.WriteEndArray();
        writer.WriteString("summary", method.FullName);
        writer.WriteStartArray("parameters");
        WritePathParameters(writer, binding);
        if (binding.AcceptsQuery)
        {
            var excluded = new HashSet<string>(binding.PathFields.Keys, StringComparer.Ordinal);
            if (binding.BodyField is not null)
            {
                excluded.Add(binding.BodyField.Name);
            }

            WriteQueryParameters(writer, method.InputType, string.Empty, excluded, 0, []);
        }

        writer.WriteEndArray();
        if (binding.Body.Length > 0)
        {
            writer.WriteStartObject("requestBody");
            writer.WriteBoolean("required", false);
            writer.WriteStartObject("content");
            writer.WriteStartObject(JsonMediaType);
            writer.WritePropertyName("schema");
            if (binding.BodyField is null)
            {
                WriteRef(writer, method.InputType);
            }
            else
            {
                OpenApiSchemaWriter.WriteField(writer, binding.BodyField);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteStartObject("responses");
        writer.WriteStartObject("200");
        writer.WriteString("description", method.IsServerStreaming ? "One JSON message per line." : "OK");
        writer.WriteStartObject("content");
        writer.WriteStartObject(method.IsServerStreaming ? NdjsonMediaType : JsonMediaType);
        writer.WritePropertyName("schema");
        if (binding.ResponseBodyField is null)
        {
            WriteRef(writer, method.OutputType);
        }
        else
        {
            OpenApiSchemaWriter.WriteField(writer, binding.ResponseBodyField);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartObject("default");
        writer.WriteString("description", "Error: HTTP status from the gRPC code; body google.rpc.Status.");
        writer.WriteStartObject("content");
        writer.WriteStartObject(JsonMediaType);
        writer.WritePropertyName("schema");
        WriteRef(writer, Google.Rpc.Status.Descriptor);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WritePathParameters(Utf8JsonWriter writer, HttpBinding binding)
    {
        var pattern = binding.Pattern;
        for (var i = 0; i < pattern.Segments.Count;)
        {
            var variable = pattern.Variables.FirstOrDefault(v => v.StartSegment == i);
            if (variable is not null)
            {
                writer.WriteStartObject();
                writer.WriteString("name", variable.FieldPathText);
                writer.WriteString("in", "path");
                writer.WriteBoolean("required", true);
                if (variable.IsMultiSegment(pattern))
                {
                    writer.WriteString("description", "Spans segments: " + string.Join('/', pattern.Segments.Skip(variable.StartSegment).Take(variable.EndSegment - variable.StartSegment)));
                }

                writer.WritePropertyName("schema");
                OpenApiSchemaWriter.WriteSingle(writer, binding.PathFields[variable.FieldPathText][^1]);
                writer.WriteEndObject();
                i = variable.EndSegment;
                continue;
            }

            if (HttpRoutePattern.IsWildcard(pattern.Segments[i]))
            {
                writer.WriteStartObject();
                writer.WriteString("name", WildcardName(i));
                writer.WriteString("in", "path");
                writer.WriteBoolean("required", true);
                writer.WriteStartObject("schema");
                writer.WriteString("type", "string");
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            i++;
        }
    }

    /// <summary>Every scalar leaf reachable through singular messages, as a dotted query name.</summary>
    private static void WriteQueryParameters(Utf8JsonWriter writer, MessageDescriptor message, string prefix, HashSet<string> excluded, int depth, HashSet<string> visiting)
    {
        if (depth >= MaxQueryDepth || !visiting.Add(message.FullName))
        {
            return;
        }

        foreach (var field in message.Fields.InDeclarationOrder())
        {
            var name = prefix + field.Name;
            if (excluded.Contains(name) || field.IsMap)
            {
                continue;
            }

            if (field.FieldType == FieldType.Message && !OpenApiSchemaWriter.IsWellKnown(field.MessageType))
            {
                if (!field.IsRepeated)
                {
                    WriteQueryParameters(writer, field.MessageType, name + ".", excluded, depth + 1, visiting);
                }

                continue;
            }

            if (field.FieldType == FieldType.Message && field.IsRepeated)
            {
                continue;
            }

            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WriteString("in", "query");
            writer.WriteBoolean("required", false);
            if (field.IsRepeated)
            {
                writer.WriteBoolean("explode", true);
            }

            writer.WritePropertyName("schema");
            OpenApiSchemaWriter.WriteField(writer, field);
            writer.WriteEndObject();
        }

        visiting.Remove(message.FullName);
    }

    private static void WriteRef(Utf8JsonWriter writer, MessageDescriptor message) => OpenApiSchemaWriter.WriteMessageSchema(writer, message);
}
