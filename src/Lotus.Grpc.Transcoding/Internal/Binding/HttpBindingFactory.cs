using Google.Api;
using Google.Protobuf.Reflection;
using Lotus.Grpc.Transcoding.Internal.Routing;

namespace Lotus.Grpc.Transcoding.Internal.Binding;

/// <summary>
/// Turns an rpc's google.api.http rule (and its additional_bindings, one level deep) into checked
/// bindings. Every problem fails start-up naming the rpc and the template (§12 rules).
/// </summary>
internal static class HttpBindingFactory
{
    public static IReadOnlyList<HttpBinding> Create(MethodDescriptor method)
    {
        var rule = MethodOptionsReader.GetHttpRule(method);
        if (rule is null)
        {
            return [];
        }

        var bindings = new List<HttpBinding> { CreateOne(method, rule) };
        foreach (var additional in rule.AdditionalBindings)
        {
            if (additional.AdditionalBindings.Count > 0)
            {
                throw Fail(method, TemplateOf(additional), "additional_bindings may not nest.");
            }

            bindings.Add(CreateOne(method, additional));
        }

        return bindings;
    }

    private static HttpBinding CreateOne(MethodDescriptor method, HttpRule rule)
    {
        var (httpMethod, template) = rule.PatternCase switch
        {
            HttpRule.PatternOneofCase.Get => ("GET", rule.Get),
            HttpRule.PatternOneofCase.Put => ("PUT", rule.Put),
            HttpRule.PatternOneofCase.Post => ("POST", rule.Post),
            HttpRule.PatternOneofCase.Delete => ("DELETE", rule.Delete),
            HttpRule.PatternOneofCase.Patch => ("PATCH", rule.Patch),
            HttpRule.PatternOneofCase.Custom => (rule.Custom.Kind.ToUpperInvariant(), rule.Custom.Path),
            _ => throw Fail(method, string.Empty, "the HttpRule has no pattern (get, put, post, delete, patch or custom)."),
        };

        HttpRoutePattern pattern;
        try
        {
            pattern = HttpRoutePatternParser.Parse(template);
        }
        catch (InvalidOperationException e)
        {
            throw Fail(method, template, e.Message);
        }

        var pathFields = new Dictionary<string, IReadOnlyList<FieldDescriptor>>(StringComparer.Ordinal);
        foreach (var variable in pattern.Variables)
        {
            var fields = ResolvePath(method, template, method.InputType, variable.FieldPath);
            var leaf = fields[^1];
            if (leaf.IsRepeated || leaf.IsMap || leaf.FieldType is FieldType.Message or FieldType.Group)
            {
                throw Fail(method, template, $"path variable '{variable.FieldPathText}' must bind a non-repeated primitive field.");
            }

            pathFields[variable.FieldPathText] = fields;
        }

        FieldDescriptor? bodyField = null;
        if (rule.Body.Length > 0 && rule.Body != "*")
        {
            bodyField = method.InputType.FindFieldByName(rule.Body)
                ?? throw Fail(method, template, $"body '{rule.Body}' is not a top-level field of {method.InputType.FullName}.");
            if (pathFields.Keys.Any(p => p == rule.Body || p.StartsWith(rule.Body + ".", StringComparison.Ordinal)))
            {
                throw Fail(method, template, $"body field '{rule.Body}' is also bound by the path.");
            }
        }

        if (rule.Body.Length > 0 && httpMethod == "GET" && rule.PatternCase != HttpRule.PatternOneofCase.Custom)
        {
            throw Fail(method, template, $"{httpMethod} cannot carry a body ('{rule.Body}').");
        }

        FieldDescriptor? responseField = null;
        if (rule.ResponseBody.Length > 0)
        {
            responseField = method.OutputType.FindFieldByName(rule.ResponseBody)
                ?? throw Fail(method, template, $"response_body '{rule.ResponseBody}' is not a top-level field of {method.OutputType.FullName}.");
        }

        return new HttpBinding(method, httpMethod, pattern, rule.Body, rule.ResponseBody, pathFields, bodyField, responseField);
    }

    /// <summary>Resolves a dotted field path through singular message fields; by proto names.</summary>
    public static IReadOnlyList<FieldDescriptor> ResolvePath(MethodDescriptor method, string template, MessageDescriptor root, IReadOnlyList<string> path)
    {
        var fields = new List<FieldDescriptor>();
        var current = root;
        for (var i = 0; i < path.Count; i++)
        {
            var field = current.FindFieldByName(path[i])
                ?? throw Fail(method, template, $"'{string.Join('.', path)}' is not a field path of {root.FullName} ('{path[i]}' not found in {current.FullName}).");
            fields.Add(field);
            if (i < path.Count - 1)
            {
                if (field.FieldType != FieldType.Message || field.IsRepeated || field.IsMap)
                {
                    throw Fail(method, template, $"'{string.Join('.', path)}' goes through '{field.Name}', which is not a singular message field.");
                }

                current = field.MessageType;
            }
        }

        return fields;
    }

    private static string TemplateOf(HttpRule rule) => rule.PatternCase switch
    {
        HttpRule.PatternOneofCase.Get => rule.Get,
        HttpRule.PatternOneofCase.Put => rule.Put,
        HttpRule.PatternOneofCase.Post => rule.Post,
        HttpRule.PatternOneofCase.Delete => rule.Delete,
        HttpRule.PatternOneofCase.Patch => rule.Patch,
        HttpRule.PatternOneofCase.Custom => rule.Custom.Path,
        _ => string.Empty,
    };

    private static InvalidOperationException Fail(MethodDescriptor method, string template, string message) =>
        new($"Invalid google.api.http binding of {method.FullName} '{template}': {message}");
}
