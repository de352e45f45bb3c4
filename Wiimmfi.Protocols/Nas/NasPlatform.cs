namespace Wiimmfi.Protocols.Nas;

/// <summary>The NAS <c>unitcd</c> field: which console family sent the request. Frozen wire numbers.</summary>
public enum NasPlatform
{
    /// <summary><c>unitcd=0</c>: Nintendo DS; UTF-16 text is little-endian.</summary>
    Ds = 0,

    /// <summary><c>unitcd=1</c>: Wii; UTF-16 text is big-endian.</summary>
    Wii = 1,
}
