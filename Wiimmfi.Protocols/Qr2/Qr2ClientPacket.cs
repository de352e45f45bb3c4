namespace Wiimmfi.Protocols.Qr2;

/// <summary>A packet a console sends to MASTER (UDP 27900): type byte + instance key + payload.</summary>
public abstract record Qr2ClientPacket(Qr2InstanceKey InstanceKey)
{
    /// <summary>The wire type.</summary>
    public abstract Qr2PacketType Type { get; }
}

/// <summary>0x01 from the console: its answer to our challenge (base64 text, normally 28 characters).</summary>
public sealed record Qr2ChallengeResponse(Qr2InstanceKey InstanceKey, string Response) : Qr2ClientPacket(InstanceKey)
{
    /// <inheritdoc/>
    public override Qr2PacketType Type => Qr2PacketType.Challenge;
}

/// <summary>0x05: the console copied an echo back (not used by DWC).</summary>
public sealed record Qr2EchoResponse(Qr2InstanceKey InstanceKey, ReadOnlyMemory<byte> Payload) : Qr2ClientPacket(InstanceKey)
{
    /// <inheritdoc/>
    public override Qr2PacketType Type => Qr2PacketType.EchoResponse;
}

/// <summary>0x07: the console received the client message with this message key (stop retransmitting).</summary>
public sealed record Qr2ClientMessageAck(Qr2InstanceKey InstanceKey, uint MessageKey) : Qr2ClientPacket(InstanceKey)
{
    /// <inheritdoc/>
    public override Qr2PacketType Type => Qr2PacketType.ClientMessageAck;
}

/// <summary>0x08: keep-alive every 20 s; refreshes "last seen".</summary>
public sealed record Qr2KeepAlive(Qr2InstanceKey InstanceKey) : Qr2ClientPacket(InstanceKey)
{
    /// <inheritdoc/>
    public override Qr2PacketType Type => Qr2PacketType.KeepAlive;
}

/// <summary>0x09: "is the service for this game available?" (instance key is zero). Creates no session.</summary>
public sealed record Qr2AvailabilityCheck(Qr2InstanceKey InstanceKey, string GameName) : Qr2ClientPacket(InstanceKey)
{
    /// <inheritdoc/>
    public override Qr2PacketType Type => Qr2PacketType.Available;
}
