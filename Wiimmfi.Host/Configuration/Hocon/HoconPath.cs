using System.Text;

namespace Wiimmfi.Host.Configuration.Hocon;

/// <summary>
/// A path through the configuration tree, e.g. <c>wiimmfi.gpcm.port</c> = ["wiimmfi", "gpcm", "port"].
/// Segments are plain strings; a segment that holds a dot was written quoted (<c>a."b.c"</c>).
/// </summary>
public sealed class HoconPath : IEquatable<HoconPath>
{
    private readonly string[] _segments;

    private HoconPath(string[] segments) => _segments = segments;

    /// <summary>The empty path: the root object.</summary>
    public static HoconPath Root { get; } = new([]);

    public IReadOnlyList<string> Segments => _segments;

    public int Count => _segments.Length;

    public bool IsRoot => _segments.Length == 0;

    public string this[int index] => _segments[index];

    /// <summary>A path made of the given segments, taken literally (no dot splitting).</summary>
    public static HoconPath FromSegments(params IEnumerable<string> segments) => new(segments.ToArray());

    /// <summary>
    /// Parses a path expression as written in a key or a substitution: dots outside quotes separate
    /// segments, <c>a."b.c"</c> has two segments, <c>a..b</c> is an error.
    /// </summary>
    public static HoconPath Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return HoconLexer.ParsePathExpression(expression, "<path>");
    }

    public HoconPath Append(string segment) => new([.. _segments, segment]);

    public HoconPath Append(HoconPath other) =>
        other.IsRoot ? this : IsRoot ? other : new([.. _segments, .. other._segments]);

    /// <summary>The first <paramref name="count"/> segments.</summary>
    public HoconPath Take(int count) =>
        count >= _segments.Length ? this : new(_segments[..count]);

    /// <summary>Everything after the first <paramref name="count"/> segments.</summary>
    public HoconPath Skip(int count) =>
        count <= 0 ? this : count >= _segments.Length ? Root : new(_segments[count..]);

    /// <summary>True when this path is a proper ancestor of <paramref name="other"/>.</summary>
    public bool IsStrictPrefixOf(HoconPath other)
    {
        if (_segments.Length >= other._segments.Length)
        {
            return false;
        }
        for (var i = 0; i < _segments.Length; i++)
        {
            if (!string.Equals(_segments[i], other._segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The Microsoft.Extensions.Configuration key: segments joined with ':'.</summary>
    public string ToConfigurationKey() => string.Join(':', _segments);

    /// <summary>Renders the path so that <see cref="Parse"/> gives it back (segments quoted where needed).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (var i = 0; i < _segments.Length; i++)
        {
            if (i > 0)
            {
                text.Append('.');
            }
            var segment = _segments[i];
            if (HoconLexer.NeedsQuotesInPath(segment))
            {
                HoconText.AppendQuoted(text, segment);
            }
            else
            {
                text.Append(segment);
            }
        }
        return text.ToString();
    }

    public bool Equals(HoconPath? other) =>
        other is not null && _segments.AsSpan().SequenceEqual(other._segments);

    public override bool Equals(object? obj) => Equals(obj as HoconPath);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var segment in _segments)
        {
            hash.Add(segment, StringComparer.Ordinal);
        }
        return hash.ToHashCode();
    }
}
