namespace Wiimmfi.Protocols.Qr2;

/// <summary>
/// A packet MASTER sent to a console, as the console side (emulator, tests) reads it.
/// </summary>
public abstract record Qr2ServerPacket(Qr2InstanceKey InstanceKey)
{
    /// <summary>The wire type.</summary>
    public abstract Qr2PacketType Type { get; }
}

/// <summary>0x01: the challenge text (20 characters: random, backend flags, public IP and port in hex).</summary>
public sealed record Qr2ChallengePacket(Qr2InstanceKey InstanceKey, string Challenge) : Qr2ServerPacket(InstanceKey)
{
    /// <inheritdoc/>
    public override Qr2PacketType Type => Qr2PacketType.Challenge;
}

/// <summary>0x0A: registration accepted.</summary>
public sealed record Qr2ClientRegisteredPacket(Qr2InstanceKey InstanceKey) : Qr2ServerPacket(InstanceKey)
{
    /// <inheritdoc/>
    public override Qr2PacketType Type => Qr2PacketType.ClientRegistered;
}

/// <summary>0x06: relayed data with the message key the console must acknowledge.</summary>
public sealed record Qr2ClientMessagePacket(Qr2InstanceKey InstanceKey, uint MessageKey, ReadOnlyMemory<byte> Data)
    : Qr2ServerPacket(InstanceKey)
{
    /// <inheritdoc/>
    public override Qr2PacketType Type => Qr2PacketType.ClientMessage;
}

/// <summary>0x09: availability status. This packet has no instance key; the key slot carries the status.</summary>
public sealed record Qr2AvailabilityReplyPacket(Qr2AvailabilityStatus Status) : Qr2ServerPacket(Qr2InstanceKey.Zero)
{
    /// <inheritdoc/>
    public override Qr2PacketType Type => Qr2PacketType.Available;
}

/// <summary>0x04: error code and text.</summary>
public sealed record Qr2AddErrorPacket(Qr2InstanceKey InstanceKey, byte Code, string Message) : Qr2ServerPacket(InstanceKey)
{
    /// <inheritdoc/>
    public override Qr2PacketType Type => Qr2PacketType.AddError;
}

/// <summary>0x08 from the server, with whatever followed the header.</summary>
public sealed record Qr2ServerKeepAlivePacket(Qr2InstanceKey InstanceKey, ReadOnlyMemory<byte> Extra) : Qr2ServerPacket(InstanceKey)
{
    /// <inheritdoc/>
    public override Qr2PacketType Type => Qr2PacketType.KeepAlive;
}

/// <summary>0x02: echo request.</summary>
public sealed record Qr2EchoPacket(Qr2InstanceKey InstanceKey, ReadOnlyMemory<byte> Payload) : Qr2ServerPacket(InstanceKey)
{
    /// <inheritdoc/>
    public override Qr2PacketType Type => Qr2PacketType.Echo;
}
