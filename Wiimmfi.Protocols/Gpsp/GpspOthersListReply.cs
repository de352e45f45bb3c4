using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpsp;

/// <summary>One <c>\o\&lt;pid&gt;\uniquenick\&lt;nick&gt;</c> entry of an otherslist answer.</summary>
/// <param name="ProfileId">The profile id.</param>
/// <param name="UniqueNick">Its nick (real or the placeholder of <see cref="UniqueNick.CreatePlaceholder"/>).</param>
public readonly record struct GpspOthersListEntry(uint ProfileId, string UniqueNick);

/// <summary>
/// <c>\otherslist\\o\&lt;pid&gt;\uniquenick\&lt;nick&gt;…\oldone\\final\</c>; an empty list is
/// <c>\otherslist\\oldone\\final\</c>.
/// </summary>
/// <param name="Entries">One entry per requested id, in request order.</param>
public sealed record GpspOthersListReply(IReadOnlyList<GpspOthersListEntry> Entries) : IGameSpyWritable
{
    /// <summary>Reads an answer (console emulator).</summary>
    public static bool TryParse(GameSpyMessage message, [NotNullWhen(true)] out GpspOthersListReply? reply)
    {
        reply = null;
        if (message.Command != "otherslist")
        {
            return false;
        }

        var entries = new List<GpspOthersListEntry>();
        for (var i = 0; i < message.Fields.Count; i++)
        {
            var field = message.Fields[i];
            if (field.Key == "o")
            {
                if (!GpspRequest.TryReadProfileId(field.Value, out var profileId) || i + 1 >= message.Fields.Count || message.Fields[i + 1].Key != "uniquenick")
                {
                    return false;
                }

                entries.Add(new GpspOthersListEntry(profileId, message.Fields[++i].Value));
            }
        }

        reply = new GpspOthersListReply(entries);
        return true;
    }

    /// <inheritdoc />
    public void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("otherslist", string.Empty);
        foreach (var entry in Entries)
        {
            writer.Write("o", entry.ProfileId);
            writer.Write("uniquenick", entry.UniqueNick);
        }

        writer.Write("oldone", string.Empty);
        writer.WriteFinal();
    }
}
