using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary>
/// Any other command (e.g. WiiLink's <c>wl:exlogin</c>, <c>wl:report</c>, or GP commands DWC does
/// not use). The references log and ignore these.
/// </summary>
/// <param name="Message">The message as received.</param>
public sealed record GpcmUnknownCommand(GameSpyMessage Message) : GpcmClientMessage
{
    /// <summary>The command name.</summary>
    public string Command => Message.Command;

    /// <inheritdoc />
    public override void WriteTo(IBufferWriter<byte> output) => Message.WriteTo(output);
}
