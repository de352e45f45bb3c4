namespace Wiimmfi.Protocols.Sake.Filter;

/// <summary>Why a filter or sort was refused, with the character position (0-based) where it went wrong.</summary>
public sealed record SakeFilterError(int Position, string Message)
{
    public override string ToString() => $"at {Position}: {Message}";
}
