using System.Security.Cryptography;
using System.Text;

namespace Wiimmfi.Actors.Security;

/// <summary>
/// The node's secret key material: what seals the login tickets GPCM hands out (and SAKE, RACE and GAMESTATS
/// check) and anything else the node signs. Every node of a cluster must hold the same key, so a ticket issued
/// by one is accepted by all; a single node generates one at first start and keeps it in its data folder, so a
/// restart does not log anybody out. Derive purpose-specific keys with <see cref="DeriveKey"/>; never use the
/// master key directly.
/// </summary>
public sealed class NodeSecrets
{
    /// <summary>Shortest master key accepted (bytes): below 128 bits a key can be guessed.</summary>
    public const int MinimumKeyBytes = 16;

    private readonly byte[] _masterKey;

    public NodeSecrets(ReadOnlySpan<byte> masterKey)
    {
        if (masterKey.Length < MinimumKeyBytes)
            throw new ArgumentException($"the node secret must be at least {MinimumKeyBytes} bytes", nameof(masterKey));
        _masterKey = masterKey.ToArray();
    }

    /// <summary>Where the key came from (a setting or a file), for the start-up log; never the key itself.</summary>
    public string Source { get; init; } = "(given)";

    /// <summary>A 32-byte key for one purpose (e.g. <c>gpcm-login-ticket</c>), derived with HKDF-SHA256.</summary>
    public byte[] DeriveKey(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _masterKey, 32, salt: Encoding.ASCII.GetBytes("wiimmfi-node-secrets"), info: Encoding.UTF8.GetBytes(purpose));

    /// <summary>
    /// The configured key (<c>wiimmfi.secrets.node-key</c>, any text of at least 16 bytes), or else the key in
    /// <paramref name="keyFile"/>, created with 32 random bytes (owner-only permissions) when missing.
    /// </summary>
    public static NodeSecrets LoadOrCreate(string? configuredKey, string keyFile)
    {
        if (!string.IsNullOrEmpty(configuredKey))
            return new NodeSecrets(Encoding.UTF8.GetBytes(configuredKey)) { Source = "setting wiimmfi.secrets.node-key" };
        if (File.Exists(keyFile))
            return new NodeSecrets(File.ReadAllBytes(keyFile)) { Source = keyFile };
        var key = RandomNumberGenerator.GetBytes(32);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyFile))!);
        var temporary = keyFile + ".new";
        File.WriteAllBytes(temporary, key);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, keyFile, overwrite: false);
        return new NodeSecrets(key) { Source = keyFile + " (generated)" };
    }
}
