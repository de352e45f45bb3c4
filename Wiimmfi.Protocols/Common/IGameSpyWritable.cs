using System.Buffers;

namespace Wiimmfi.Protocols.Common;

/// <summary>A message that can write itself as one GameSpy text message, <c>\final\</c> included.</summary>
public interface IGameSpyWritable
{
    /// <summary>Appends the whole message to <paramref name="output"/>.</summary>
    void WriteTo(IBufferWriter<byte> output);
}

/// <summary>Conveniences for <see cref="IGameSpyWritable"/> outside the hot path (tests, logs, tools).</summary>
public static class GameSpyWritableExtensions
{
    /// <summary>The message as a new byte array.</summary>
    public static byte[] ToBytes(this IGameSpyWritable message)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        message.WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The message as text, one character per byte.</summary>
    public static string ToWireString(this IGameSpyWritable message)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        message.WriteTo(buffer);
        return GameSpyText.Decode(buffer.WrittenSpan);
    }
}
