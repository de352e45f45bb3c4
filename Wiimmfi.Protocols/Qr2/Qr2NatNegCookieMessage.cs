using System.Buffers.Binary;

namespace Wiimmfi.Protocols.Qr2;

/// <summary>
/// The 10-byte client-message data that starts a NAT negotiation: the NATNEG magic <c>FD FC 1E 66 6A B2</c>
/// followed by the cookie, big-endian. A console receiving it negotiates as client index 1 with that cookie.
/// </summary>
public static class Qr2NatNegCookieMessage
{
    /// <summary>Message length.</summary>
    public const int Length = 10;

    /// <summary>The NATNEG magic bytes.</summary>
    public static ReadOnlySpan<byte> Magic => [0xFD, 0xFC, 0x1E, 0x66, 0x6A, 0xB2];

    /// <summary>True when <paramref name="data"/> is a cookie message (at least 10 bytes starting with the magic).</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out uint cookie)
    {
        cookie = 0;
        if (data.Length < Length || !data.StartsWith(Magic))
            return false;
        cookie = BinaryPrimitives.ReadUInt32BigEndian(data[Magic.Length..]);
        return true;
    }

    /// <summary>Writes the 10-byte message.</summary>
    public static int Write(Span<byte> destination, uint cookie)
    {
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt32BigEndian(destination[Magic.Length..], cookie);
        return Length;
    }

    /// <summary>The 10-byte message as a new array.</summary>
    public static byte[] Create(uint cookie)
    {
        var data = new byte[Length];
        Write(data, cookie);
        return data;
    }
}
