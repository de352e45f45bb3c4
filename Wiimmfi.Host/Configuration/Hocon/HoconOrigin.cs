namespace Wiimmfi.Host.Configuration.Hocon;

/// <summary>
/// Where a piece of configuration came from: a position in a file (1-based line and column), or an
/// outside source such as an environment variable (line 0).
/// </summary>
public readonly record struct HoconOrigin(string Source, int Line, int Column)
{
    /// <summary>An origin outside any file, e.g. <c>env HOME</c>.</summary>
    public static HoconOrigin External(string description) => new(description, 0, 0);

    /// <summary>True when the origin is a position in a file.</summary>
    public bool IsFilePosition => Line > 0;

    /// <summary><c>file:line</c>, the form operators read in <c>config show</c>.</summary>
    public string ToShortString() => Line > 0 ? $"{Source}:{Line}" : Source;

    /// <summary><c>file:line:column</c>, the form error messages use.</summary>
    public override string ToString() => Line > 0 ? $"{Source}:{Line}:{Column}" : Source;
}
