namespace Wiimmfi.Host.Configuration.Hocon;

/// <summary>
/// Any configuration problem that must stop start-up: a malformed file, a missing required include, an
/// unresolved substitution. The message is complete on its own (it names the file, line and column
/// where there is one), so the host prints it and exits.
/// </summary>
public class HoconException : Exception
{
    public HoconException(string problem, HoconOrigin? origin = null, Exception? innerException = null)
        : base(origin is { } at ? $"{at}: {problem}" : problem, innerException)
    {
        Problem = problem;
        Origin = origin;
    }

    /// <summary>The problem without the position prefix.</summary>
    public string Problem { get; }

    /// <summary>Where the problem is, when it has a place.</summary>
    public HoconOrigin? Origin { get; }
}

/// <summary>A file that is not valid HOCON: the message names file, line and column.</summary>
public sealed class HoconParseException : HoconException
{
    public HoconParseException(string problem, HoconOrigin origin, Exception? innerException = null)
        : base(problem, origin, innerException)
    {
    }

    public string File => Origin!.Value.Source;
    public int Line => Origin!.Value.Line;
    public int Column => Origin!.Value.Column;
}

/// <summary>
/// A substitution that cannot be resolved (missing, or part of a cycle), or values that cannot be
/// concatenated. <see cref="Path"/> names the setting the substitution asked for.
/// </summary>
public class HoconResolveException : HoconException
{
    public HoconResolveException(string problem, HoconOrigin origin, HoconPath? path = null)
        : base(problem, origin)
    {
        Path = path;
    }

    public HoconPath? Path { get; }
}

/// <summary>
/// A substitution that needs its own value. Internal so that the resolver can tell it apart and "look
/// back" in a merge stack, as the specification asks, before giving up.
/// </summary>
internal sealed class HoconCycleException : HoconResolveException
{
    public HoconCycleException(string problem, HoconOrigin origin, HoconPath path)
        : base(problem, origin, path)
    {
    }
}
