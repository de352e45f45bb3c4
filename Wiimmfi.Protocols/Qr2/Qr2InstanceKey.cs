using System.Buffers.Binary;

namespace Wiimmfi.Protocols.Qr2;

/// <summary>
/// The 4 random bytes a console picks when it starts QR2 and that every packet carries. Opaque: the server
/// stores them and echoes the same bytes back. <see cref="Value"/> is those bytes read big-endian, and writing
/// writes them big-endian again, so the round trip is byte-exact.
/// </summary>
public readonly record struct Qr2InstanceKey(uint Value)
{
    /// <summary>Size on the wire.</summary>
    public const int Length = 4;

    /// <summary>The all-zero key of the availability check.</summary>
    public static Qr2InstanceKey Zero => default;

    /// <summary>Reads the key from the first 4 bytes of <paramref name="source"/>.</summary>
    public static Qr2InstanceKey Read(ReadOnlySpan<byte> source) => new(BinaryPrimitives.ReadUInt32BigEndian(source));

    /// <summary>Writes the key's bytes to the first 4 bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination) => BinaryPrimitives.WriteUInt32BigEndian(destination, Value);

    /// <summary>Lower-case hex of the wire bytes, e.g. <c>822b3e31</c>.</summary>
    public override string ToString() => Value.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
}
