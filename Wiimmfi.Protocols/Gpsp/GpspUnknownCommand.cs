using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpsp;

/// <summary>
/// Any other command. WiiLink answers error 1 (parse, fatal) and closes; openspy ignores it. Either is fine.
/// </summary>
/// <param name="Message">The request as received.</param>
public sealed record GpspUnknownCommand(GameSpyMessage Message) : GpspRequest
{
    /// <summary>The command name.</summary>
    public string Command => Message.Command;

    /// <inheritdoc />
    public override void WriteTo(IBufferWriter<byte> output) => Message.WriteTo(output);
}
