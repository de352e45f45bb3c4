using System.Buffers.Binary;
using System.Text;
using Wiimmfi.Protocols.Mkw;

namespace Wiimmfi.ConsoleEmulator.Sake;

/// <summary>
/// Mario Kart Wii data a console uploads — a Mii, a player info, a ghost — built the way the game lays it out and
/// accepted by the server's checks. For tests and the load tool; the contents are synthetic.
/// </summary>
public static class MkwSampleData
{
    /// <summary>A Mii with the given name (at most 10 characters) and create id, its CRC set.</summary>
    public static byte[] Mii(string name, ulong createId = 0x8A2B3C4D_00112233, string creator = "Creator")
    {
        var mii = new byte[MiiData.Size];
        mii[0] = 0x40 | (3 << 2); // female, born in March
        mii[1] = 0x60;            // on the 3rd (top bits of the day)
        Encoding.BigEndianUnicode.GetBytes(name.Length > 10 ? name[..10] : name).CopyTo(mii, MiiData.NameOffset);
        BinaryPrimitives.WriteUInt64BigEndian(mii.AsSpan(MiiData.CreateIdOffset), createId);
        Encoding.BigEndianUnicode.GetBytes(creator.Length > 10 ? creator[..10] : creator).CopyTo(mii, MiiData.CreatorNameOffset);
        MiiData.WriteCrc(mii);
        return mii;
    }

    /// <summary>A player info: the Mii, the controller id, an unknown byte, state and country codes.</summary>
    public static byte[] PlayerInfo(byte[] mii, byte controller = 1, byte state = 2, byte country = 110)
    {
        var info = new byte[MkwPlayerInfo.Size];
        mii.AsSpan(0, MiiData.Size).CopyTo(info);
        info[MkwPlayerInfo.ControllerIdOffset] = controller;
        info[0x4E] = state;
        info[0x4F] = country;
        return info;
    }

    /// <summary>A three-lap compressed ghost whose total is <paramref name="totalMs"/> (split into near-equal laps).</summary>
    public static byte[] Ghost(int courseId, int totalMs, byte[] mii, int inputBytes = 2048)
    {
        var lap = totalMs / 3;
        var laps = new[] { lap, lap, totalMs - 2 * lap };
        var inputs = new byte[inputBytes];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (byte)(i * 7 + courseId);
        }
        return RkgdGhostWriter.Write(new RkgdGhostSpec(courseId, laps, mii, inputs));
    }
}
