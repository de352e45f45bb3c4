namespace Wiimmfi.Protocols.Sake;

/// <summary>A named value as it appears in a <c>RecordField</c> of CreateRecord/UpdateRecord.</summary>
public sealed record SakeField(string Name, SakeValue Value);
