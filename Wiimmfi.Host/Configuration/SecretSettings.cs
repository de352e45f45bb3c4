using System.Text.RegularExpressions;

namespace Wiimmfi.Host.Configuration;

/// <summary>
/// Which settings are secrets, and how <c>config show</c> masks them. A setting is secret when its last
/// segment is <c>password</c>, <c>secret</c>, <c>token</c> or <c>api-key</c> (or ends in <c>-password</c>,
/// <c>-secret</c>, <c>-token</c>, <c>-key</c>); a connection string keeps everything but its password.
/// An empty secret stays visible as empty, so an operator can see it is unset.
/// </summary>
public static partial class SecretSettings
{
    public const string Mask = "********";

    private static readonly string[] s_secretNames = ["password", "secret", "token", "api-key"];
    private static readonly string[] s_secretSuffixes = ["-password", "-secret", "-token", "-key"];

    public static bool IsSecret(string key)
    {
        var name = LastSegment(key);
        return s_secretNames.Contains(name, StringComparer.OrdinalIgnoreCase)
            || s_secretSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
    }

    public static bool IsConnectionString(string key) =>
        LastSegment(key).EndsWith("connection-string", StringComparison.OrdinalIgnoreCase);

    /// <summary>The value as <c>config show</c> may print it.</summary>
    public static string? MaskValue(string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }
        if (IsSecret(key))
        {
            return Mask;
        }
        return IsConnectionString(key) ? ConnectionStringPassword().Replace(value, "${name}=" + Mask) : value;
    }

    private static string LastSegment(string key)
    {
        var colon = key.LastIndexOf(':');
        return colon < 0 ? key : key[(colon + 1)..];
    }

    [GeneratedRegex("""(?<name>password|pwd)\s*=\s*("[^"]*"|'[^']*'|[^;]*)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConnectionStringPassword();
}
