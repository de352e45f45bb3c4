using System.Diagnostics.CodeAnalysis;

namespace Wiimmfi.Host.Configuration;

/// <summary>
/// Implemented by the node's configuration providers so that <c>config show</c> can say where each value
/// came from: <c>hocon/wiimmfi.conf:42</c>, <c>env WIIMMFI__GPCM__PORT</c>, <c>command line --set …</c>.
/// </summary>
public interface IConfigurationValueOrigins
{
    /// <summary>The origin of the value this provider holds for <paramref name="key"/>.</summary>
    bool TryGetOrigin(string key, [NotNullWhen(true)] out string? origin);
}
