using System.Buffers;
using System.Globalization;
using System.Text;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary>
/// <c>\bdy\&lt;count&gt;\list\&lt;pid&gt;,&lt;pid&gt;…\final\</c> (buddies) or the same with <c>\blk\</c>
/// (blocked). Sent right after <c>\lc\2</c> only to consoles whose sdkrevision has bit 3
/// (<see cref="GpcmLoginRequest.WantsListsOnLogin"/>); Mario Kart Wii does not ask for them.
/// </summary>
/// <param name="ProfileIds">The profile ids.</param>
/// <param name="IsBlockList">True for <c>\blk\</c>.</param>
public sealed record GpcmBuddyList(IReadOnlyList<uint> ProfileIds, bool IsBlockList = false) : IGameSpyWritable
{
    /// <inheritdoc />
    public void WriteTo(IBufferWriter<byte> output)
    {
        var list = new StringBuilder(ProfileIds.Count * 11);
        for (var i = 0; i < ProfileIds.Count; i++)
        {
            list.Append(i == 0 ? string.Empty : ",").Append(ProfileIds[i].ToString(CultureInfo.InvariantCulture));
        }

        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand(IsBlockList ? "blk" : "bdy", ProfileIds.Count);
        writer.Write("list", list.ToString());
        writer.WriteFinal();
    }
}
