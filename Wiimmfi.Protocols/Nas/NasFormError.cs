namespace Wiimmfi.Protocols.Nas;

/// <summary>Why a NAS form body was refused (the NAS service answers HTTP 400).</summary>
public enum NasFormError
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The body is longer than <see cref="NasFormLimits.MaxBodyBytes"/>.</summary>
    BodyTooLarge = 1,

    /// <summary>More <c>key=value</c> pairs than <see cref="NasFormLimits.MaxFields"/>.</summary>
    TooManyFields = 2,

    /// <summary>A key is longer than <see cref="NasFormLimits.MaxKeyLength"/>.</summary>
    KeyTooLong = 3,

    /// <summary>A value is longer than <see cref="NasFormLimits.MaxValueLength"/>.</summary>
    ValueTooLong = 4,

    /// <summary>A <c>%</c> is not followed by two hex digits, or a key holds a byte outside printable ASCII.</summary>
    BadUrlEncoding = 5,

    /// <summary>A value (of a key not starting with <c>_</c>) is not NWC base64.</summary>
    BadBase64 = 6,
}
