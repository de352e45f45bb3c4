using System.Buffers.Binary;

namespace Wiimmfi.Protocols.Mkw;

/// <summary>What a ghost file built by <see cref="RkgdGhostWriter"/> holds.</summary>
/// <param name="CourseId">0–31.</param>
/// <param name="LapTimesMs">The three lap times; the total is their sum.</param>
/// <param name="Mii">A 0x4C-byte Mii; its CRC is rewritten.</param>
/// <param name="Inputs">The (uncompressed) input data, stored Yaz1-compressed as literals.</param>
/// <param name="Character">Character id (default Mario).</param>
/// <param name="Vehicle">Vehicle id (default Standard Kart M, Mario's weight class).</param>
/// <param name="Controller">Controller id 0–3.</param>
public sealed record RkgdGhostSpec(int CourseId, IReadOnlyList<int> LapTimesMs, byte[] Mii, byte[] Inputs,
    int Character = 0, int Vehicle = 1, int Controller = 1);

/// <summary>
/// Builds a well-formed compressed RKGD (the console side of a ghost upload): for the console emulator, tests and
/// the load tool, which need ghosts the server accepts.
/// </summary>
public static class RkgdGhostWriter
{
    public static byte[] Write(RkgdGhostSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.LapTimesMs.Count is < 1 or > RkgdGhost.MaxLaps)
        {
            throw new ArgumentException($"A ghost has 1 to {RkgdGhost.MaxLaps} laps.", nameof(spec));
        }
        if (spec.Inputs.Length > ushort.MaxValue)
        {
            throw new ArgumentException("Input data is at most 65535 bytes.", nameof(spec));
        }
        var stream = Yaz1Stream.EncodeLiterals(spec.Inputs);
        var file = new byte[RkgdGhost.HeaderSize + 4 + stream.Length + 4];
        RkgdGhost.Magic.CopyTo(file);
        RkgdGhost.SetTimeMs(file, 0, spec.LapTimesMs.Sum());
        RkgdGhost.SetBits(file, 0x07, 0, 6, (uint)spec.CourseId);
        RkgdGhost.SetBits(file, 0x08, 0, 6, (uint)spec.Vehicle);
        RkgdGhost.SetBits(file, 0x08, 6, 6, (uint)spec.Character);
        RkgdGhost.SetBits(file, 0x0B, 4, 4, (uint)spec.Controller);
        RkgdGhost.SetBits(file, 0x0C, 4, 1, 1);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(0x0E), (ushort)spec.Inputs.Length);
        file[0x10] = (byte)spec.LapTimesMs.Count;
        for (var lap = 0; lap < spec.LapTimesMs.Count; lap++)
        {
            RkgdGhost.SetTimeMs(file, lap + 1, spec.LapTimesMs[lap]);
        }
        var mii = file.AsSpan(RkgdGhost.MiiOffset, MiiData.Size);
        spec.Mii.AsSpan(0, MiiData.Size).CopyTo(mii);
        MiiData.WriteCrc(mii);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(RkgdGhost.HeaderSize), (uint)stream.Length);
        stream.CopyTo(file.AsSpan(RkgdGhost.HeaderSize + 4));
        RkgdGhost.WriteChecksum(file);
        return file;
    }
}
