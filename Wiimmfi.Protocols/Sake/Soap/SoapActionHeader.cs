namespace Wiimmfi.Protocols.Sake.Soap;

/// <summary>
/// Reads the HTTP <c>SOAPAction</c> header, which the GameSpy SDK sends as
/// <c>"&lt;namespace&gt;/&lt;Action&gt;"</c> with the quotes (some clients omit them).
/// </summary>
public static class SoapActionHeader
{
    /// <summary>Longest header value considered; real ones are under 60 characters.</summary>
    public const int MaxLength = 256;

    /// <summary>The header value as the SDK writes it: the URI in double quotes.</summary>
    public static string Format(string serviceNamespace, string action)
    {
        var separator = serviceNamespace.EndsWith('/') ? "" : "/";
        return $"\"{serviceNamespace}{separator}{action}\"";
    }

    /// <summary>
    /// Extracts the action name when the header names an action of <paramref name="serviceNamespace"/>
    /// (with or without quotes and surrounding spaces); false otherwise.
    /// </summary>
    public static bool TryGetAction(string? header, string serviceNamespace, out string action)
    {
        action = "";
        if (header is null || header.Length > MaxLength)
        {
            return false;
        }
        var value = header.AsSpan().Trim();
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1].Trim();
        }
        var prefix = serviceNamespace.TrimEnd('/');
        if (!value.StartsWith(prefix, StringComparison.Ordinal) || value.Length <= prefix.Length + 1 || value[prefix.Length] != '/')
        {
            return false;
        }
        var name = value[(prefix.Length + 1)..];
        if (name.IndexOfAny('/', '"', ' ') >= 0)
        {
            return false;
        }
        action = name.ToString();
        return true;
    }
}
