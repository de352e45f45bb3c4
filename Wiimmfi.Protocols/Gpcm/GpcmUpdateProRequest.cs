using System.Buffers;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary>
/// <c>\updatepro\</c>: the console updates profile fields, e.g. <c>firstname\Wii:&lt;cfc&gt;@&lt;ID4&gt;</c>.
/// No reply. Which fields to store is the server's choice (WiiLink keeps first and last name).
/// </summary>
/// <param name="SessionKey">Echoed session key, null when absent or not a number.</param>
/// <param name="Fields">The fields to update, without <c>sesskey</c> and <c>partnerid</c>, in order.</param>
public sealed record GpcmUpdateProRequest(int? SessionKey, IReadOnlyList<GameSpyField> Fields) : GpcmClientMessage
{
    /// <summary>The new first name, if sent (last value wins).</summary>
    public string? FirstName => Last("firstname");

    /// <summary>The new last name, if sent (last value wins).</summary>
    public string? LastName => Last("lastname");

    internal static GpcmUpdateProRequest FromMessage(GameSpyMessage message) =>
        new(GpcmFields.ReadSessionKey(message), GpcmFields.Except(message, "sesskey", "partnerid"));

    /// <inheritdoc />
    public override void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("updatepro", string.Empty);
        if (SessionKey is { } key)
        {
            writer.Write("sesskey", key);
        }

        foreach (var field in Fields)
        {
            writer.Write(field.Key, field.Value);
        }

        writer.Write("partnerid", "11");
        writer.WriteFinal();
    }

    private string? Last(string key)
    {
        for (var i = Fields.Count - 1; i >= 0; i--)
        {
            if (Fields[i].Key == key)
            {
                return Fields[i].Value;
            }
        }

        return null;
    }
}
