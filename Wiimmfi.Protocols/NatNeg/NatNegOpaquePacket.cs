namespace Wiimmfi.Protocols.NatNeg;

/// <summary>
/// A packet whose body layout no reference documents (STATEUPDATE, BACKUP_TEST, BACKUP_ACK).
/// The body bytes are kept so BACKUP_TEST can be echoed as BACKUP_ACK, as AltWFC does.
/// </summary>
public sealed record NatNegOpaquePacket(NatNegHeader Header, ReadOnlyMemory<byte> Body)
    : NatNegPacket(Header, NatNegWire.HeaderSize + Body.Length)
{
    /// <summary>The bytes after the header. Get-only: the wire length is derived from it, so a
    /// different body needs a new packet (a <c>with</c> expression could not keep them in step).</summary>
    public ReadOnlyMemory<byte> Body { get; } = Body;

    protected override int NaturalLength => NatNegWire.HeaderSize + Body.Length;

    protected override void WriteBody(Span<byte> body) => Body.Span.CopyTo(body);

    // Records compare arrays by reference; compare the bytes instead.
    public bool Equals(NatNegOpaquePacket? other) =>
        other is not null && Header == other.Header && Body.Span.SequenceEqual(other.Body.Span);

    public override int GetHashCode() => HashCode.Combine(Header, Body.Length);
}
