using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary>
/// <c>\updateui\</c>: GP "update user info" (e-mail, password, machine details). DWC games are not
/// known to send it; accept and ignore. No reply.
/// </summary>
/// <param name="SessionKey">Echoed session key, null when absent or not a number.</param>
/// <param name="Fields">Every field except <c>sesskey</c>, in order.</param>
public sealed record GpcmUpdateUiRequest(int? SessionKey, IReadOnlyList<GameSpyField> Fields) : GpcmClientMessage
{
    internal static GpcmUpdateUiRequest FromMessage(GameSpyMessage message) =>
        new(GpcmFields.ReadSessionKey(message), GpcmFields.Except(message, "sesskey"));

    /// <inheritdoc />
    public override void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("updateui", string.Empty);
        if (SessionKey is { } key)
        {
            writer.Write("sesskey", key);
        }

        foreach (var field in Fields)
        {
            writer.Write(field.Key, field.Value);
        }

        writer.WriteFinal();
    }
}
