using Microsoft.Extensions.Configuration;

namespace Wiimmfi.Host.Configuration;

/// <summary>
/// HOCON files as a Microsoft.Extensions.Configuration source. The files are merged in order — the
/// reference file (every known setting with its default) first, then <see cref="Path"/> — and
/// substitutions are resolved once over the merged tree, so <c>${…}</c> in one file sees values from the
/// other. HOCON path <c>wiimmfi.gpcm.port</c> becomes key <c>wiimmfi:gpcm:port</c>; array elements become
/// <c>key:0</c>, <c>key:1</c>, ….
/// </summary>
public sealed class HoconConfigurationSource : IConfigurationSource
{
    /// <summary>The file that lists every setting with its default (hocon/wiimmfi.conf); optional.</summary>
    public string? ReferencePath { get; set; }

    /// <summary>A file laid over the reference; optional.</summary>
    public string? Path { get; set; }

    /// <summary>When true, a missing <see cref="Path"/> is an empty configuration instead of an error.</summary>
    public bool Optional { get; set; }

    /// <summary>Environment for <c>${VAR}</c> fallbacks; null reads the process environment.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; set; }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new HoconConfigurationProvider(this);
}
