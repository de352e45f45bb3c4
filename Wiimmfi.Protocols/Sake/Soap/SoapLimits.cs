namespace Wiimmfi.Protocols.Sake.Soap;

/// <summary>
/// Bounds applied to every SOAP body before and while it is parsed. A body that exceeds one is
/// answered with a SOAP fault and never reaches a service.
/// </summary>
public sealed record SoapLimits
{
    /// <summary>
    /// Largest body accepted, in bytes. Default 256 KiB: the biggest genuine SAKE request is a
    /// CreateRecord with 64 fields of 4 KiB binary each (≈ 350 KB of base64 would be the absolute
    /// worst case, which no NWC game comes near; MKW's FriendInfo is a few hundred bytes).
    /// </summary>
    public int MaxBodyBytes { get; init; } = 256 * 1024;

    /// <summary>
    /// Deepest element nesting accepted. The deepest SAKE request is
    /// Envelope/Body/Action/values/RecordField/value/xValue/value = 8 levels; 16 leaves room for
    /// a SOAP header and wrapper elements without allowing stack-hungry nesting.
    /// </summary>
    public int MaxDepth { get; init; } = 16;

    /// <summary>
    /// Most elements in one document. 64 fields × 5 elements plus 256-entry id and field lists
    /// stay well under 4,096.
    /// </summary>
    public int MaxElements { get; init; } = 4096;

    /// <summary>The defaults above.</summary>
    public static SoapLimits Default { get; } = new();
}
