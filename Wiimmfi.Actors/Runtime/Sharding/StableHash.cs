using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Wiimmfi.Actors.Runtime.Sharding;

/// <summary>
/// Hashes that never change between processes, machines or .NET versions (unlike
/// <c>string.GetHashCode</c>), for decisions that several nodes must agree on. Frozen: changing the
/// result would move every entity to another shard.
/// </summary>
public static class StableHash
{
    /// <summary>MurmurHash3 x86 32-bit with seed 0 over the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static uint Murmur3(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var buffer = max <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer);
            return Murmur3(buffer[..length], 0);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>MurmurHash3 x86 32-bit.</summary>
    public static uint Murmur3(ReadOnlySpan<byte> data, uint seed)
    {
        const uint c1 = 0xcc9e2d51, c2 = 0x1b873593;
        var h = seed;
        var blocks = data.Length / 4;
        for (var i = 0; i < blocks; i++)
        {
            var k = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i * 4, 4));
            k *= c1;
            k = BitOperations.RotateLeft(k, 15);
            k *= c2;
            h ^= k;
            h = BitOperations.RotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        var tail = data[(blocks * 4)..];
        uint k1 = 0;
        switch (tail.Length)
        {
            case 3: k1 ^= (uint)tail[2] << 16; goto case 2;
            case 2: k1 ^= (uint)tail[1] << 8; goto case 1;
            case 1:
                k1 ^= tail[0];
                k1 *= c1;
                k1 = BitOperations.RotateLeft(k1, 15);
                k1 *= c2;
                h ^= k1;
                break;
        }
        h ^= (uint)data.Length;
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }
}
