namespace Wiimmfi.Protocols.Nas;

/// <summary>Bounds applied to every NAS form before anything is decoded.</summary>
public static class NasFormLimits
{
    /// <summary>
    /// Whole body. A real MKW login is about 600 bytes and a DS login with access-point extras
    /// about 1 KB; 16 KiB leaves room for patched clients' <c>_</c> extras.
    /// </summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>Pairs per body, duplicates included. Consoles send 14–22 fields.</summary>
    public const int MaxFields = 64;

    /// <summary>Key length after URL decoding. The longest known key (<c>servicetoken</c>) has 12 characters.</summary>
    public const int MaxKeyLength = 64;

    /// <summary>
    /// Value length in characters after URL decoding, before base64. The longest honest values are
    /// <c>/pr</c> word lists and patched clients' extras, a few hundred characters.
    /// </summary>
    public const int MaxValueLength = 4096;
}
