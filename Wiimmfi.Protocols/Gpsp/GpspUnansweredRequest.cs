using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpsp;

/// <summary>
/// <c>\pmatch\</c> (product matching) or <c>\profilelist\</c>: listed by the GP SDK but implemented
/// by no reference (openspy has empty handlers). Answer nothing, or close the connection.
/// </summary>
/// <param name="Message">The request as received.</param>
public sealed record GpspUnansweredRequest(GameSpyMessage Message) : GpspRequest
{
    /// <summary>The command name.</summary>
    public string Command => Message.Command;

    /// <inheritdoc />
    public override void WriteTo(IBufferWriter<byte> output) => Message.WriteTo(output);
}
