using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Lotus.Grpc.Transcoding.Internal.Json;
using Microsoft.AspNetCore.Http;

namespace Lotus.Grpc.Transcoding.Internal.Binding;

/// <summary>
/// Builds the request message of a REST call (§12 field binding): the JSON body (whole request or
/// one top-level field), then query parameters for the fields not in the body, then path variables,
/// which always win.
/// </summary>
internal sealed class RequestBinder(HttpBinding binding, TranscodingJson json)
{
    public async Task<IMessage> BindAsync(HttpRequest request, IReadOnlyDictionary<string, string> pathValues)
    {
        var descriptor = binding.Method.InputType;
        var message = await ReadBodyAsync(request, descriptor);
        if (binding.AcceptsQuery)
        {
            BindQuery(message, request.Query);
        }

        foreach (var (path, value) in pathValues)
        {
            var fields = binding.PathFields[path];
            var leaf = fields[^1];
            SetLeaf(message, fields, FieldValueParser.Parse(leaf, path, value, json.Parser), append: false);
        }

        return message;
    }

    private async Task<IMessage> ReadBodyAsync(HttpRequest request, MessageDescriptor descriptor)
    {
        var empty = descriptor.Parser.ParseFrom(ByteString.Empty);
        if (binding.Body.Length == 0)
        {
            return empty;
        }

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            return empty;
        }

        if (request.ContentType is { } contentType && !IsJson(contentType))
        {
            throw new RpcException(TranscodingStatuses.NotJsonContentType(contentType));
        }

        // A named body field is parsed as {"<field>": <body>} so every field type (message,
        // repeated, scalar) goes through the one JSON parser.
        var document = binding.BodyField is null ? text : "{\"" + binding.BodyField.Name + "\":" + text + "}";
        return Parse(document, descriptor);
    }

    private IMessage Parse(string document, MessageDescriptor descriptor)
    {
        try
        {
            return json.Parser.Parse(document, descriptor);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RpcException(JsonErrors.ToStatus(e.Message));
        }
        catch (InvalidJsonException e)
        {
            throw new RpcException(JsonErrors.ToStatus(e.Message));
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException)
        {
            throw new RpcException(TranscodingStatuses.InvalidJson(e.Message));
        }
    }

    private void BindQuery(IMessage message, IQueryCollection query)
    {
        foreach (var (name, values) in query)
        {
            var fields = ResolveQueryName(message.Descriptor, name);
            if (fields is null)
            {
                if (json.IgnoreUnknownFields)
                {
                    continue;
                }

                throw new RpcException(TranscodingStatuses.UnknownQueryParameter(name));
            }

            var leaf = fields[^1];
            var top = fields[0];
            if (binding.BodyField is not null && top == binding.BodyField)
            {
                throw new RpcException(TranscodingStatuses.QueryParameterInBody(name, binding.BodyField.Name));
            }

            if (binding.PathFields.ContainsKey(string.Join('.', fields.Select(f => f.Name))))
            {
                continue;
            }

            if (leaf.IsMap || (leaf.FieldType is FieldType.Message && (leaf.IsRepeated || !IsWellKnownLeaf(leaf.MessageType))))
            {
                throw new RpcException(TranscodingStatuses.NotQueryBindable(name));
            }

            if (!leaf.IsRepeated && values.Count > 1)
            {
                throw new RpcException(TranscodingStatuses.RepeatedQueryParameter(name));
            }

            foreach (var value in (IEnumerable<string?>)values)
            {
                SetLeaf(message, fields, FieldValueParser.Parse(leaf, name, value ?? string.Empty, json.Parser), append: leaf.IsRepeated);
            }
        }
    }

    /// <summary>A dotted query name by proto or JSON names (ASP.NET accepts both, §12).</summary>
    private static List<FieldDescriptor>? ResolveQueryName(MessageDescriptor root, string name)
    {
        var fields = new List<FieldDescriptor>();
        var current = root;
        var parts = name.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            if (current is null)
            {
                return null;
            }

            var field = current.FindFieldByName(parts[i])
                ?? current.Fields.InDeclarationOrder().FirstOrDefault(f => string.Equals(f.JsonName, parts[i], StringComparison.Ordinal));
            if (field is null)
            {
                return null;
            }

            fields.Add(field);
            current = i < parts.Length - 1 && field.FieldType == FieldType.Message && !field.IsRepeated && !field.IsMap ? field.MessageType : null;
        }

        return fields;
    }

    private static bool IsWellKnownLeaf(MessageDescriptor type) =>
        type.File.Package == "google.protobuf" && type.Name is not "Struct" and not "Value" and not "ListValue" and not "Any";

    private static void SetLeaf(IMessage root, IReadOnlyList<FieldDescriptor> fields, object value, bool append)
    {
        var target = root;
        for (var i = 0; i < fields.Count - 1; i++)
        {
            var field = fields[i];
            var child = (IMessage?)field.Accessor.GetValue(target);
            if (child is null)
            {
                child = field.MessageType.Parser.ParseFrom(ByteString.Empty);
                field.Accessor.SetValue(target, child);
            }

            target = child;
        }

        var leaf = fields[^1];
        if (append)
        {
            ((IList)leaf.Accessor.GetValue(target)).Add(value);
        }
        else
        {
            leaf.Accessor.SetValue(target, value);
        }
    }

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}
