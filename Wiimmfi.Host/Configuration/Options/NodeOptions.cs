namespace Wiimmfi.Host.Configuration;

/// <summary><c>wiimmfi.node</c>: who this node is.</summary>
public sealed record NodeOptions
{
    /// <value>Default empty: the machine's host name.</value>
    public string Name { get; init; } = "";

    /// <summary>The configured name, or the host name when none is set.</summary>
    public string EffectiveName => string.IsNullOrWhiteSpace(Name) ? Environment.MachineName : Name;
}
