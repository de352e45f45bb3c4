namespace Wiimmfi.Protocols.Qr2;

/// <summary>
/// A parsed packet or the reason it was refused. Parsers return this instead of throwing, so a hostile datagram
/// costs a counter increment, never a crashed front-end.
/// </summary>
public readonly struct Qr2ParseResult<TPacket> where TPacket : class
{
    private Qr2ParseResult(TPacket? packet, Qr2ParseError error, string? detail)
    {
        Packet = packet;
        Error = error;
        Detail = detail;
    }

    /// <summary>The packet, when <see cref="IsSuccess"/>.</summary>
    public TPacket? Packet { get; }

    /// <summary>Why parsing failed (<see cref="Qr2ParseError.None"/> on success).</summary>
    public Qr2ParseError Error { get; }

    /// <summary>A short human-readable explanation for logs.</summary>
    public string? Detail { get; }

    /// <summary>True when <see cref="Packet"/> is set.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Packet))]
    public bool IsSuccess => Packet is not null;

    /// <summary>A successful result.</summary>
    public static Qr2ParseResult<TPacket> Success(TPacket packet) => new(packet, Qr2ParseError.None, null);

    /// <summary>A refused datagram.</summary>
    public static Qr2ParseResult<TPacket> Failure(Qr2ParseError error, string detail) => new(null, error, detail);

    /// <inheritdoc/>
    public override string ToString() => IsSuccess ? Packet.ToString()! : $"{Error}: {Detail}";
}
